"""A by-phrase right after a participle trigger names its doer, also where the trigger's match ends in
its own space ("set alight by")."""

from __future__ import annotations

from tests.test_events_actors import _one


def test_a_school_set_alight_by_a_militia_is_the_militia_s_act() -> None:
    event = _one("A gutted clinic in Djugu, set alight by CODECO militiamen on 3 March 2023")
    assert event.actor1 == "CODECO: Cooperative for Development of Congo"
