"""A group that fights in one country names that country when the text places nothing the gazetteer
knows: its state forces, civilians and unnamed groups are that country's."""

from __future__ import annotations

import pytest

from geoevents.events import default_actors
from tests.test_events_actors import _one


@pytest.mark.parametrize(
    ("group", "country"),
    [
        ("ISWAP", "NG"),
        ("M23", "CD"),
        ("ADF", "CD"),
        ("CODECO", "CD"),
        ("ELN", "CO"),
        ("Arakan Army", "MM"),
        ("Sudan Liberation Movement", "SD"),
    ],
)
def test_a_one_country_group_votes_for_its_country(group: str, country: str) -> None:
    assert default_actors().home_votes(f"Fighters of the {group} were seen on the road.") == {country: 2}


def test_troops_unnamed_beside_a_one_country_group_are_that_country_s() -> None:
    event = _one("Soldiers retook the hamlet of Kwarwa from ISWAP on Sunday after a gun battle.")
    assert event.actor1 == "Military Forces of Nigeria"
    assert event.actor2 == "Islamic State West Africa Province (ISWAP)"


def test_lower_case_adf_rebels_are_the_allied_democratic_forces() -> None:
    event = _one("adf rebels killed nine farmers with machetes in the hills of Mutwanga on friday")
    assert event.actor1 == "ADF: Allied Democratic Forces"
    assert event.actor2 == "Civilians (Democratic Republic of Congo)"


def test_the_congolese_army_is_named_by_its_acronym() -> None:
    (found,) = default_actors().find("FARDC units moved north")
    assert found.canonical == "Military Forces of the Democratic Republic of Congo"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HTS security personnel detained two bloggers", "Hayat Tahrir al Sham"),
        ("Asayish police stopped the convoy", "Asayish: Kurdish Internal Security Forces"),
        ("Gunmen suspected to be Fulani herders raided the farms", "Fulani Ethnic Militia ({country})"),
        ("militants, believed to be fighters of the ELN, blocked the road", "ELN: National Liberation Army"),
    ],
)
def test_a_group_s_own_men_or_men_believed_to_be_its_are_the_group(text: str, expected: str) -> None:
    (found,) = default_actors().find(text)
    assert found.canonical == expected


def test_a_group_and_the_police_joined_by_and_stay_two_actors() -> None:
    assert len(default_actors().find("Hamas gunmen and police exchanged fire")) == 2
