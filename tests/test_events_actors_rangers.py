"""State forces ACLED names apart from a country's army (wordings of our own)."""

from __future__ import annotations

from geoevents.events import default_actors


def test_pakistan_s_paramilitary_rangers_are_a_state_force_of_their_own() -> None:
    found = default_actors().find("Paramilitary Rangers detained an opposition leader in Karachi.")
    assert [(a.canonical, a.inter) for a in found] == [("Military Forces of Pakistan Rangers", 1)]
