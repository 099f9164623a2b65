"""Victims "killed in fighting with X" are the target; X, named after "with", fought them, also where the
trigger itself opens with the preposition ("in fighting")."""

from __future__ import annotations

from tests.test_events_actors import _one


def test_troops_killed_in_fighting_with_a_group_are_its_target() -> None:
    event = _one("Twelve army soldiers were killed in fighting with Al Shabaab near Baidoa on Monday.")
    assert (event.actor1, event.actor2) == ("Al Shabaab", "Military Forces of Somalia")


def test_members_named_between_do_not_change_it() -> None:
    event = _one(
        "Nine soldiers including an officer were killed in fighting with Al Shabaab near Baidoa on Monday."
    )
    assert event.actor1 == "Al Shabaab"
