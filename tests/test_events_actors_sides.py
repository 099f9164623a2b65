"""Who acts: the side ACLED codes as actor1 when ground changes hands without a fight, when a move or an
arrest names one side or none, and when a group is named again by a common noun (wordings of our own)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from geoevents.events import default_actors
from geoevents.events.actors import leaver, of_period, row_actors
from geoevents.records import Event
from tests.test_events_actors_who import events_of_text

TURKEY = "Military Forces of Turkey"
_SITES = (("Raqqa", 35.95, 39.01, "SY"), ("Tikrit", 34.6, 43.68, "IQ"), ("Bakhmut", 48.6, 38.0, "UA"),
          ("Hebron", 31.53, 35.1, "PS"), ("Kismayo", -0.36, 42.55, "SO"))  # fmt: skip
PLACES = {name: (f"g:{name.lower()}", lat, lon, cc) for name, lat, lon, cc in _SITES}


def _events(text: str, published: datetime = datetime(2023, 5, 20)) -> list[Event]:
    return events_of_text(text, published, PLACES)


def _sides(text: str, published: datetime = datetime(2023, 5, 20)) -> tuple[str | None, str | None]:
    (event,) = _events(text, published)
    return event.actor1, event.actor2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 3 May 2023, Peshmerga units withdrew from two hills near Tikrit and handed them over to "
         "Iraqi troops.", ("Military Forces of Iraq", "Peshmerga")),
        ("Syrian army units left a checkpoint outside Raqqa on Monday, handing it to the SDF.",
         ("SDF: Syrian Democratic Forces", "Military Forces of Syria")),
    ],
)  # fmt: skip
def test_ground_handed_over_is_the_takers(text: str, expected: tuple[str, str]) -> None:
    assert _sides(text) == expected


def test_the_side_that_leaves_is_found_after_its_noun() -> None:
    lexicon = default_actors()
    assert leaver(lexicon, "Hours after Ethiopian troops pulled out, Al-Shabaab moved in.") == (
        "Military Forces of Ethiopia"
    )
    assert leaver(lexicon, "The SDF had withdrawn from the dam.") == "SDF: Syrian Democratic Forces"
    assert leaver(lexicon, "The SDF shelled the dam.") is None


@pytest.mark.parametrize(
    ("sub_event_type", "found", "expected"),
    [
        ("Change to group/activity", (None, TURKEY), (TURKEY, None)),
        ("Arrests", (None, None), ("Police Forces of Iraq", None)),
        ("Arrests", (None, "Civilians (Iraq)"), ("Police Forces of Iraq", "Civilians (Iraq)")),
        ("Arrests", ("Military Forces of Iraq", None), ("Military Forces of Iraq", None)),
    ],
)  # fmt: skip
def test_a_strategic_row_always_names_who_acted(
    sub_event_type: str, found: tuple[str | None, str | None], expected: tuple[str | None, str | None]
) -> None:
    row = row_actors(default_actors(), "Strategic developments", sub_event_type, found, country="IQ")
    assert row == expected


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Ukraine's air force downed 14 drones", "Military Forces of Ukraine"),
        ("Israel’s army demolished a house", "Military Forces of Israel"),
        ("Iraq's police detained two men", "Police Forces of Iraq"),
    ],
)
def test_a_countrys_possessive_names_its_forces(text: str, actor: str) -> None:
    assert [a.canonical for a in default_actors().find(text)] == [actor]


def test_a_named_group_called_the_militants_again_keeps_its_name() -> None:
    text = (
        "Al-Shabaab fighters attacked army posts outside Kismayo before dawn on Friday. "
        "The militants seized the town of Kismayo after hours of fighting, residents said."
    )
    takeovers = [e for e in _events(text) if e.sub_event_type == "Non-state actor overtakes territory"]
    assert takeovers and takeovers[0].actor1 == "Al Shabaab"


def test_an_unnamed_attacker_of_ukraines_forces_is_russias() -> None:
    text = "Heavy fighting continued around Bakhmut on Tuesday, where Ukrainian units held their lines."
    assert _sides(text)[0] == "Military Forces of Russia"
    before = _sides(text, datetime(2021, 5, 20))
    assert before[0] != "Military Forces of Russia"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2015, 6, 1), "Al Nusra Front"),
        (date(2016, 9, 1), "Jabhat Fateh al Sham"),
        (date(2018, 9, 1), "Hayat Tahrir al Sham"),
    ],
)
def test_the_nusra_front_goes_by_the_name_of_the_day(on: date, expected: str) -> None:
    assert of_period("Al Nusra Front", on) == expected
