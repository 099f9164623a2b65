"""Kurdish forces unnamed are the Kurdish force of the country's war, and an ally named in a phrase of
support ("backed by ...") is not the side that acted, unless the act is the ally's own fire."""

from __future__ import annotations

import re

import pytest

from geoevents.events import default_actors
from geoevents.events.actor_clauses import actors_of_clause
from geoevents.events.actors import in_country
from tests.test_events_actors import _one


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("SY", "YPG: Peoples Protection Units"),
        ("IQ", "Peshmerga"),
        ("TR", "PKK: Kurdistan Workers Party"),
        ("IR", "Unidentified Armed Group (Iran)"),
    ],
)
def test_kurdish_forces_are_named_after_the_country_s_war(country: str, expected: str) -> None:
    (found,) = default_actors().find("Kurdish fighters held the ridge")
    assert in_country(found.canonical, country) == expected


def test_syrian_kurds_taking_a_village_are_the_ypg() -> None:
    event = _one("Syrian Kurds drove Islamic State fighters out of a hamlet east of Aleppo on Sunday.")
    assert event.actor1 == "YPG: Peoples Protection Units"


def test_kurdish_led_forces_are_the_sdf() -> None:
    (found,) = default_actors().find("the Kurdish-led forces advanced")
    assert found.canonical == "SDF: Syrian Democratic Forces"


def _sides(text: str, trigger: str) -> tuple[str | None, str | None]:
    match = re.search(trigger, text)
    assert match is not None
    actor1, actor2, _ = actors_of_clause(default_actors(), text, match)
    return actor1, actor2


@pytest.mark.parametrize("support", ["backed by", "supported by", "helped by"])
def test_an_ally_in_a_phrase_of_support_is_not_the_doer(support: str) -> None:
    text = f"Peshmerga units {support} Iraqi army tanks recaptured two hamlets from the Islamic State."
    assert _sides(text, "recaptured")[0] == "Peshmerga"


def test_the_ally_s_own_fire_in_the_phrase_of_support_is_the_ally_s() -> None:
    text = "Peshmerga units backed by Iraqi air strikes advanced on the hamlet."
    assert _sides(text, "air strikes")[0] == "Military Forces of Iraq"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Warplanes thought to be Russian hit a bakery in a village near Aleppo.",
            "Military Forces of Russia",
        ),
        ("Helicopters, believed to be Iraqi, dropped leaflets.", "Military Forces of Iraq"),
        ("Jets said to be either Syrian or Russian bombed a market.", "Military Forces of Syria"),
    ],
)
def test_aircraft_attributed_by_a_demonym_after_them_are_that_state_s(text: str, expected: str) -> None:
    assert default_actors().find(text)[0].canonical == expected
