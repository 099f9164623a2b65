"""An army named in a text that gives no country at all is ACLED's "Unidentified Military Forces", not
a bare "Military Forces" no ACLED list holds; with a country it is that country's."""

from __future__ import annotations

from geoevents.events.actors import in_country


def test_an_army_of_no_known_country_is_unidentified_military_forces() -> None:
    assert in_country("Military Forces of {country}", None) == "Unidentified Military Forces"


def test_an_army_of_a_known_country_is_that_country_s() -> None:
    assert in_country("Military Forces of {country}", "ML") == "Military Forces of Mali"
