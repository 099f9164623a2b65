"""Cattle raiders and village militias are communal militias, named after the event's country
(wordings of our own)."""

from __future__ import annotations

from geoevents.events import default_actors
from geoevents.events.actors import in_country


def _named(text: str) -> list[str]:
    return [a.canonical for a in default_actors().find(text)]


def test_cattle_raiders_are_a_communal_militia_of_the_country() -> None:
    (raiders,) = _named("Cattle raiders shot dead four herders at a watering point.")
    assert in_country(raiders, "KE") == "Unidentified Communal Militia (Kenya)"


def test_a_village_militia_is_an_identity_militia() -> None:
    (militia,) = _named("A village militia ambushed the convoy on the hill road.")
    assert default_actors().inter(in_country(militia, "NG")) == 4


def test_raiders_alone_name_no_militia() -> None:
    assert _named("Raiders made off with the goats before dawn.") == []
