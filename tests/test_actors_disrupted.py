"""Who disrupted a weapon is actor1 (ACLED): a state force the text names, the army where an armed group
is named only as the weapon's planter, the police where no one is named."""

from __future__ import annotations

from geoevents.events import default_actors
from geoevents.events.actors import planter, row_actors

_LEX = default_actors()


def _disrupted(found: tuple[str | None, str | None], planted_by: str | None = None) -> tuple[str | None, ...]:
    return row_actors(
        _LEX, "Strategic developments", "Disrupted weapons use", found, country="ML", planted_by=planted_by
    )


def test_a_state_force_named_after_the_act_disrupted_it() -> None:
    assert _disrupted((None, "Military Forces of {country}")) == ("Military Forces of Mali", None)


def test_a_group_named_as_the_planter_is_the_one_disrupted() -> None:
    group = "JNIM: Group for Support of Islam and Muslims"
    assert _disrupted((group, None), planted_by=group) == ("Military Forces of Mali", group)


def test_no_one_named_leaves_it_to_the_police() -> None:
    assert _disrupted((None, None)) == ("Police Forces of Mali", None)


def test_a_group_that_disrupted_a_state_weapon_stays_first() -> None:
    group = "JNIM: Group for Support of Islam and Muslims"
    assert _disrupted((group, "Military Forces of {country}"))[0] == group


def test_an_actor_that_planted_a_bomb_itself_is_its_planter() -> None:
    assert planter(_LEX, "Al Shabaab militants planted a bomb that was defused near Kismayo") == "Al Shabaab"
    assert planter(_LEX, "Al Shabaab militants attacked a base near Kismayo") is None
