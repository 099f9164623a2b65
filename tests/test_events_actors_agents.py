"""Doers named through their men, arms or ground, and group names that begin inside a common noun
(wordings of our own)."""

from __future__ import annotations

import re

from geoevents.events import default_actors
from geoevents.events.actors import actors_of_clause


def _sides(clause: str, trigger: str) -> tuple[str | None, str | None]:
    match = re.search(re.escape(trigger), clause)
    assert match is not None
    actor1, actor2, _ = actors_of_clause(default_actors(), clause, match)
    return actor1, actor2


def test_a_by_phrase_naming_a_force_s_aircraft_names_that_force() -> None:
    actor1, actor2 = _sides("A Houthi depot near Sanaa was hit by jets of the Saudi-led coalition.", "hit")
    assert actor1 == "Operation Restoring Hope"
    assert actor2 == "Military Forces of Yemen (2017-) Houthi"


def test_a_force_that_came_under_fire_is_the_target() -> None:
    actor1, actor2 = _sides("Turkish soldiers came under fire from PKK militants near Cukurca.", "fire")
    assert actor1 == "PKK: Kurdistan Workers Party"
    assert actor2 == "Military Forces of Turkey"


def test_rockets_fired_from_a_group_s_positions_are_that_group_s() -> None:
    actor1, _ = _sides("Rockets fired from Hezbollah positions struck a kibbutz.", "struck")
    assert actor1 == "Hezbollah"


def test_arms_named_with_the_country_after_them_are_its_forces() -> None:
    found = [a.canonical for a in default_actors().find("Helicopters of Ethiopia strafed the village.")]
    assert found == ["Military Forces of Ethiopia"]


def test_a_group_whose_name_begins_inside_the_army_is_that_group() -> None:
    found = [a.canonical for a in default_actors().find("Fighters from the Army of Islam held the ridge.")]
    assert found == ["Jaish al Islam"]


def test_a_named_coalition_keeps_its_name_before_its_jets() -> None:
    found = [a.canonical for a in default_actors().find("Saudi-led coalition jets bombed a bridge.")]
    assert found == ["Operation Restoring Hope"]


def test_the_sides_of_another_fight_named_after_a_strike_are_not_its_doer() -> None:
    clause = "Turkish drones struck a farm in an area where battles between the SDF and the army have raged."
    actor1, _ = _sides(clause, "struck")
    assert actor1 == "Military Forces of Turkey"
