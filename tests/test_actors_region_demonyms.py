"""Only a country's demonym names a state's forces: a region's people ("Kurdish forces", "Chechen
fighters") are not the army of the state the region lies in."""

from __future__ import annotations

from geoevents.events import default_actors

_LEX = default_actors()


def _names(text: str) -> list[str]:
    return [a.canonical for a in _LEX.find(text)]


def test_a_region_s_demonym_is_not_a_state_s_forces() -> None:
    assert "Military Forces of Iraq" not in _names("the town is split between Kurdish and regime forces")
    assert "Military Forces of Russia" not in _names("Chechen troops entered the village")


def test_a_country_s_demonym_still_is() -> None:
    assert "Military Forces of the Netherlands" in _names("Dutch troops left the base")
    assert "Military Forces of Turkey" in _names("Turkish and Russian troops patrolled the road")


def test_a_state_s_machines_are_its_forces() -> None:
    assert "Military Forces of Israel" in _names("Israeli bulldozers demolished two houses")
    assert "Military Forces of Russia" in _names("Russian armoured vehicles entered the village")


def test_a_country_s_own_name_before_its_men_names_its_forces() -> None:
    assert _names("Niger troops patrolled the river crossing.") == ["Military Forces of Niger"]
    assert _names("Uganda police sealed off the stadium.") == ["Police Forces of Uganda"]


def test_a_country_s_name_before_an_act_is_where_it_happened() -> None:
    assert "Military Forces of Yemen" not in _names("Yemen air strikes kill 14 at a wedding.")


def test_a_state_s_force_and_its_men_are_one_actor() -> None:
    assert _names("Chad army troops held the ferry point.") == ["Military Forces of Chad"]
    assert _names("Egyptian army soldiers guarded the crossing.") == ["Military Forces of Egypt"]


def test_a_state_s_force_by_its_own_capitalised_name_is_that_state_s() -> None:
    assert _names("The Ghanaian Armed Forces sealed the road.") == ["Military Forces of Ghana"]
    assert _names("Kenyan Army soldiers patrolled the camp.") == ["Military Forces of Kenya"]
    assert _names("the Malian Air Force bombed a depot") == ["Military Forces of Mali"]
    assert _names("Nepalese Police guarded the polls") == ["Police Forces of Nepal"]


def test_a_group_whose_name_holds_a_demonym_and_army_keeps_its_own_name() -> None:
    assert _names("fighters of the Free Syrian Army shelled a post") == ["Free Syrian Army"]
