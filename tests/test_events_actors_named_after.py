"""A perpetrator named after the act: the bombers' group said to have blown themselves up, the doer of a
definite attack "that was carried out by" a group, and the object of "fighting" before the act."""

from __future__ import annotations

import re

from geoevents.events import default_actors
from geoevents.events.actor_clauses import phrase_end
from geoevents.events.actors import claimant
from tests.test_events_actors import _one
from tests.test_events_actors_kurds import _sides


def test_the_group_whose_fighters_blew_themselves_up_is_the_bomber() -> None:
    lexicon = default_actors()
    text = "A statement said three members of Al Shabaab blew themselves up at the gate."
    assert claimant(lexicon, text) == "Al Shabaab"
    assert claimant(lexicon, "Three members of Al Shabaab were seen at the gate.") is None


def test_the_long_names_of_the_islamic_state_are_the_islamic_state() -> None:
    for name in ("Islamic State of Iraq and the Levant", "Islamic State of Iraq and Syria"):
        (found,) = default_actors().find(f"fighters of the {name} advanced")
        assert found.canonical == "Islamic State ({country})"


def test_a_suicide_blast_then_its_bombers_group_named_in_the_next_sentence() -> None:
    event = _one(
        "Two suicide bombers struck an army base outside Mosul on Monday. The monitor said both were "
        "fighters of the Islamic State of Iraq and the Levant who had blown themselves up at the gate."
    )
    assert event.sub_event_type == "Suicide bomb"
    assert event.actor1 == "Islamic State (Iraq)"


def test_a_definite_attack_that_was_done_by_a_group_keeps_the_group_in_its_phrase() -> None:
    clause = "He said the ambush, which was staged by the Taliban, killed four policemen."
    trigger = re.search("ambush", clause)
    assert trigger is not None
    assert phrase_end(clause, trigger.end()) == len(clause)


def test_the_object_of_fighting_is_not_the_subject_of_the_advance() -> None:
    clause = "Kurdish fighters battling the Islamic State seized three villages near Kobane."
    assert _sides(clause, "seized") == ("Kurdish Forces ({country})", "Islamic State ({country})")
