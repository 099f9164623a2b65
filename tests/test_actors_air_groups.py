"""A rebel or militia group flies no warplanes: named beside an air strike it is what the strike hit,
unless the strike was a drone's, the one air weapon such groups use."""

from __future__ import annotations

import pytest

from geoevents.events.actors import by_drone
from tests.test_events_actors import _one


def test_an_air_raid_on_ground_a_group_holds_is_not_that_group_s() -> None:
    event = _one(
        "An air raid on Monday on a hamlet held by the Islamic State group outside Raqqa killed seven."
    )
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 is not None and not event.actor1.startswith("Islamic State")
    assert (event.actor2 or "").startswith("Islamic State")


def test_a_group_s_drone_strike_stays_the_group_s() -> None:
    event = _one(
        "Al Shabaab fighters attacked an army base near Baidoa with armed drones on Monday, killing two."
    )
    assert event.actor1 == "Al Shabaab"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a drone hit the depot", True),
        ("an unmanned aircraft struck the convoy", True),
        ("warplanes pounded the town", False),
    ],
)
def test_by_drone(text: str, expected: bool) -> None:
    assert by_drone(text) is expected
