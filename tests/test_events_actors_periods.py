"""Who, on the day: ACLED names a state's forces after the government of the event's day, and its rows
spell the period out (wordings of our own)."""

from __future__ import annotations

from datetime import date

import pytest

from geoevents.events import default_actors
from geoevents.events.actors import acled_name, of_period
from geoevents.outputs.acled import event_rows
from geoevents.records import Event

US = "Military Forces of the United States"


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        (US, date(2016, 3, 1), f"{US} (2009-2017)"),
        (US, date(2019, 12, 29), f"{US} (2017-2021)"),
        (US, date(2021, 1, 20), f"{US} (2021-2025)"),
        ("Military Forces of Syria", date(2018, 2, 2), "Military Forces of Syria (2000-2024)"),
        ("Military Forces of Syria", date(2025, 2, 2), "Military Forces of Syria (2024-)"),
        ("Police Forces of Iraq", date(2023, 5, 1), "Police Forces of Iraq (2022-)"),
        ("Military Forces of Turkey", date(2019, 10, 9), "Military Forces of Turkey (2016-)"),
        # a name that already carries its period, a group, a day before any period: left as they are
        ("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", date(2020, 1, 8),
         "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"),
        ("Hamas Movement", date(2023, 10, 7), "Hamas Movement"),
        ("Military Forces of Iraq", date(1995, 1, 1), "Military Forces of Iraq"),
        ("Military Forces of Syria", None, "Military Forces of Syria"),
    ],
)  # fmt: skip
def test_a_row_spells_the_state_forces_period_of_the_events_day(
    name: str, on: date | None, expected: str
) -> None:
    assert acled_name(name, on) == expected


def test_a_suffix_alone_is_not_another_actor() -> None:
    """The event keeps the lexicon's name where only the suffix changes, so merges and scores compare
    like with like; a new ruler's forces are another actor from their first day."""
    assert of_period("Military Forces of Syria", date(2018, 2, 2)) == "Military Forces of Syria"
    houthi = "Military Forces of Yemen (2017-) Houthi"
    assert of_period(houthi, date(2016, 8, 1)) == "Military Forces of Yemen (2015-2017) Houthi-Saleh"
    assert of_period(houthi, date(2018, 8, 1)) == houthi
    hadi = "Military Forces of Yemen (2012-2022) Hadi"
    assert of_period("Military Forces of Yemen", date(2019, 8, 1)) == hadi
    assert of_period("Operation Restoring Hope", date(2015, 4, 2)) == "Operation Decisive Storm"
    assert of_period("Operation Restoring Hope", date(2015, 5, 2)) == "Operation Restoring Hope"
    assert default_actors().inter("Operation Decisive Storm") == 8


def test_the_acled_csv_row_names_both_sides_with_their_periods() -> None:
    kind = ("Explosions/Remote violence", "Air/drone strike", "Political violence")
    strike = Event("e1", *kind, date(2019, 12, 29), 1, actor1=US, actor2="Military Forces of Iraq")
    (row,) = event_rows([strike])
    assert row["actor1"] == "Military Forces of the United States (2017-2021)"
    assert row["actor2"] == "Military Forces of Iraq (2018-2020)"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "1", "11")
