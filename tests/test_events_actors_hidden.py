"""Who used a hidden weapon and who was its target: a force named by what it owns, a group named by its
members, a mine laid by a state, two sides joined by "and" whatever their unit."""

from __future__ import annotations

import pytest

from geoevents.events import default_actors
from geoevents.events.actors import planter
from tests.test_events_actors import _one


@pytest.mark.parametrize(
    "text",
    [
        "An attacker tossed a hand grenade at an Iraqi army jeep in Mosul on Sunday and escaped.",
        "Someone lobbed a grenade at a police truck in Tikrit on Thursday, hurting two officers.",
    ],
)
def test_a_grenade_thrown_at_a_force_s_vehicle_is_not_that_force_s(text: str) -> None:
    event = _one(text)
    assert event.sub_event_type == "Grenade"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 is not None and event.actor2.endswith("Forces of Iraq")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A shepherd died near Mosul on Friday when he stepped on a mine planted by Iraqi troops.", True),
        ("Two boys were killed on Tuesday by a landmine left behind by Syrian forces outside Aleppo.", True),
        ("A roadside bomb hit a convoy of Iraqi troops near Mosul on Wednesday, killing three men.", False),
    ],
)
def test_a_state_is_the_doer_of_a_mine_only_where_the_text_says_it_laid_it(text: str, expected: bool) -> None:
    event = _one(text)
    state = event.actor1 is not None and event.actor1.startswith("Military Forces of")
    assert state is expected
    if not expected:
        assert event.actor2 is not None and event.actor2.startswith("Military Forces of Iraq")


def test_the_planter_is_the_actor_after_the_laying_verb() -> None:
    lexicon = default_actors()
    houthis = "Military Forces of Yemen (2017-) Houthi"
    assert planter(lexicon, "explosives rigged by the Houthis went off") == houthis
    assert planter(lexicon, "the Houthis said a bomb killed two of their men") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Members of the Gulf Clan abducted a village leader in Tikrit on Monday.", "Clan del Golfo"),
        ("Members of Boko Haram shot dead four traders near Mosul on Saturday.", "Boko Haram"),
    ],
)
def test_members_of_an_armed_group_act_as_the_group(text: str, expected: str) -> None:
    actor1 = _one(text).actor1
    assert actor1 is not None and actor1.startswith(expected)


def test_members_of_a_party_on_the_street_are_protesters_backing_it() -> None:
    event = _one("Members of the Labour Party marched through Mosul on Sunday against price rises.")
    assert event.actor1 == "Protesters (Iraq)"


@pytest.mark.parametrize("unit", ["patrol", "patrols", "cell", "units"])
def test_two_sides_joined_by_and_after_a_unit_noun_are_the_two_sides(unit: str) -> None:
    event = _one(f"A PKK {unit} and Iraqi soldiers exchanged fire near Mosul on Monday; two fighters died.")
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 == "PKK: Kurdistan Workers Party"
    assert event.actor2 is not None and event.actor2.startswith("Military Forces of Iraq")


@pytest.mark.parametrize(
    "text",
    [
        "An explosion at a checkpoint in Mosul, triggered by Islamic State militants on Monday, killed two.",
        "A convoy near Tikrit, ambushed by Islamic State fighters on Monday, lost three trucks.",
    ],
)
def test_a_participle_with_a_by_phrase_after_the_act_names_its_doer(text: str) -> None:
    assert _one(text).actor1 == "Islamic State (Iraq)"


def test_held_by_after_the_act_is_the_target_s_side_not_the_doer() -> None:
    event = _one("Artillery shells hit a district of Aleppo held by the Islamic State on Friday.")
    assert event.actor1 != "Islamic State (Syria)"


def test_an_attack_on_an_army_unit_keeps_the_attackers_first() -> None:
    event = _one(
        "Gunmen attacked an army post near Mosul on Tuesday, sparking a gunfight in which four soldiers died."
    )
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
