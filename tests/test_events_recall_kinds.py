"""Violence told in less usual words: bodies of civilians found, a regime's bombs, one more killing told
"also" at another town, a raid told as separate. Wordings of our own; no gazetteer unless said."""

from __future__ import annotations

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

ATTACK = "Attack"
AIR = "Air/drone strike"


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"id": "t", "published": "2017-06-12"})
    return [e.sub_event_type for e in events_from_article(article, [])]


@pytest.mark.parametrize(
    "text",
    [
        "Rescuers said the bodies of 14 civilians were found in a ditch outside Qaryatain on Sunday.",
        "Villagers recovered the bodies of two detainees near Tabqa on Friday.",
        "Activists said the remains of dozens of villagers had been unearthed near the town on Saturday.",
    ],
)
def test_bodies_of_civilians_found_are_an_attack(text: str) -> None:
    assert ATTACK in _types(text)


def test_bodies_of_fighters_are_not_an_attack_by_this_rule() -> None:
    # Dead fighters' bodies are the toll of a fight, not violence against civilians.
    assert ATTACK not in _types("The bodies of 12 militants were recovered near the front line on Sunday.")


@pytest.mark.parametrize(
    "text",
    [
        "A monitor said four people were killed by government bombs in a quarter of Homs on Monday.",
        "Two girls died on Tuesday when regime barrel bombs landed on the market of Darayya.",
    ],
)
def test_a_states_bombs_are_dropped_from_the_air(text: str) -> None:
    assert _types(text) == [AIR]


def test_a_car_bomb_stays_a_planted_device() -> None:
    types = _types("A car bomb exploded outside a government office in Azaz on Monday, killing 6 people.")
    assert types == ["Remote explosive/landmine/IED"]


def test_separate_raids_are_another_event() -> None:
    text = (
        "Air strikes killed 20 militants near Idlib on Tuesday. "
        "Separate raids hit an oil depot near Idlib on Tuesday, the monitor said."
    )
    assert _types(text) == [AIR, AIR]


def test_also_at_another_town_of_the_same_province_is_another_event(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = (
        "Militants publicly executed eight men in Deir Hafer in Aleppo province on Saturday, a monitor said. "
        "Also in Aleppo province a ninth man was executed in the town of Manbij on Saturday."
    )
    article = article_from_text(text, metadata={"id": "t", "published": "2017-06-12"})
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert [e.sub_event_type for e in events] == [ATTACK, ATTACK]
    assert [e.fatalities for e in events] == [8, 1]


# A suicide attacker's grenades are part of the suicide attack; one thrown before the blast is a grenade.
@pytest.mark.parametrize(
    "text",
    [
        "The raid on the checkpoint in Azaz on Monday was made by four suicide bombers wearing "
        "explosive vests and carrying grenades.",
        "Two suicide attackers armed with rifles and grenades stormed a base near Mosul on Friday, "
        "killing 5 soldiers.",
    ],
)
def test_grenades_carried_by_suicide_attackers_are_the_suicide_attack(text: str) -> None:
    assert _types(text) == ["Suicide bomb"]


def test_a_grenade_thrown_before_a_bomber_blows_himself_up_is_still_a_grenade() -> None:
    text = "A bomber threw a hand grenade at the police post in Kilis before he blew himself up on Tuesday."
    assert _types(text) == ["Grenade", "Suicide bomb"]


def test_grenades_thrown_without_a_suicide_attacker_stay_grenades() -> None:
    text = "Militants threw grenades at a police post in Mardin on Friday, wounding two officers."
    assert _types(text) == ["Grenade"]
