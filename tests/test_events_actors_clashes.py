"""Who fought a clash whose clause names one side only: a non-state group named alone is coded first,
while a state force named alone may have been the one attacked (wordings of our own)."""

from __future__ import annotations

from datetime import date, datetime

from geoevents.events import default_actors
from geoevents.events.actors import row_actors
from tests.test_events_actors_who import events_of_text

_SITES = (("Raqqa", 35.95, 39.01, "SY"), ("Kidal", 18.44, 1.41, "ML"), ("Bakhmut", 48.6, 38.0, "UA"))
PLACES = {name: (f"g:{name.lower()}", lat, lon, cc) for name, lat, lon, cc in _SITES}
ON = date(2023, 5, 2)


def _clash(named: str, country: str, *, held_by: str | None = None) -> tuple[str | None, str | None]:
    return row_actors(
        default_actors(), "Battles", "Armed clash", (None, named), country=country, on=ON, held_by=held_by
    )


def test_a_rebel_group_named_alone_in_a_clash_is_actor1() -> None:
    actor1, actor2 = _clash("Opposition Rebels ({country})", "SY")
    assert actor1 == "Opposition Rebels (Syria)"
    assert actor2 is None


def test_a_state_force_named_alone_in_a_clash_stays_the_side_attacked() -> None:
    actor1, actor2 = _clash("Military Forces of {country}", "ML")
    assert actor1 is not None and actor1.startswith("Unidentified Armed Group")
    assert actor2 is not None and actor2.startswith("Military Forces of Mali")


def test_a_war_whose_battles_one_side_fights_still_names_that_side() -> None:
    actor1, _ = _clash("Opposition Rebels ({country})", "UA")
    assert actor1 is not None and actor1.startswith("Military Forces of Russia")


def test_ground_held_by_the_named_side_names_the_other_as_attacker() -> None:
    actor1, _ = _clash("Opposition Rebels ({country})", "SY", held_by="rebels")
    assert actor1 is not None and actor1.startswith("Military Forces of Syria")


def test_rebels_pressing_on_while_clashes_continued_fought_them() -> None:
    text = "Heavy clashes went on near Raqqa on 2 May 2023 as the rebel fighters tried to reach the dam."
    events = [
        e for e in events_of_text(text, datetime(2023, 5, 3), PLACES) if e.sub_event_type == "Armed clash"
    ]
    assert events
    assert events[0].actor1 == "Opposition Rebels (Syria)"
