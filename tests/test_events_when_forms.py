"""Date forms read from text: capitals from Turkish text, and the vocabulary lookups they go through."""

from __future__ import annotations

from datetime import date

import pytest

from geoevents.events.datepatterns import folded
from geoevents.events.dates import (
    ACT,
    NEAR,
    NONE,
    REPORT,
    date_role,
    dateline_date,
    dates_from_text,
    opening_date,
)

MONDAY = date(2023, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling resumed on FRİDAY near the border.", date(2023, 10, 6)),  # dotted capital I
        ("Shelling resumed on frıday near the border.", date(2023, 10, 6)),  # dotless small i
        ("Shelling resumed on FRIDAY near the border.", date(2023, 10, 6)),
        ("A convoy was hit on 14 APRİL 2023 near the border.", date(2023, 4, 14)),
        ("A convoy was hit FİVE days ago near the border.", date(2023, 10, 4)),
    ],
)
def test_a_capital_from_turkish_text_reads_as_the_word_it_spells(text: str, expected: date) -> None:
    found = dates_from_text(text, reference=MONDAY)
    assert [d.date for d in found] == [expected]


def test_folded_drops_only_the_dots_of_i() -> None:
    assert folded("SALI") == "sali"
    assert folded("Çarşamba") == "çarşamba"
    assert folded("APRİL") == "april"
    assert folded("Sept.") == "sept"


def _role(sentence: str, date_text: str, trigger: str) -> int:
    found = next(d for d in dates_from_text(sentence, reference=MONDAY) if date_text in d.text)
    at = sentence.index(trigger)
    return date_role(sentence, found, (at, at + len(trigger)))


@pytest.mark.parametrize(
    ("sentence", "date_text", "trigger", "role"),
    [
        ("Since Thursday, fighting has gripped the old city.", "Thursday", "fighting", NEAR),
        ("A ceasefire in force since Saturday held in the south.", "Saturday", "ceasefire", NEAR),
        ("Sit-ins have gone on since Friday after guards beat a detainee.", "Friday", "beat", NONE),
        ("Raids have hit the valley since March.", "March", "Raids", NONE),  # a month: no first day
        ("Curfews will last until Sunday in the port.", "Sunday", "Curfews", NONE),
    ],
)
def test_since_a_day_gives_the_first_day_of_the_triggers_own_span(
    sentence: str, date_text: str, trigger: str, role: int
) -> None:
    assert _role(sentence, date_text, trigger) == role


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Darfur roundup 7 October: gunmen torched a school in Kutum.", date(2023, 10, 7)),
        ("Yemen brief for 8 October: drones hit a depot in Marib.", date(2023, 10, 8)),
        ("On 5 October, gunmen torched a school in Kutum.", date(2023, 10, 5)),
    ],
)
def test_a_heading_that_ends_in_its_day_dates_the_sentence(sentence: str, expected: date) -> None:
    found = opening_date(sentence, reference=MONDAY)
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen torched a school in Kutum on 7 October: nobody was hurt.",  # a date inside the clause
        "Officials of the three towns said on 7 October: schools stay shut.",  # more than a heading
    ],
)
def test_a_date_inside_a_sentence_is_no_heading(sentence: str) -> None:
    assert opening_date(sentence, reference=MONDAY) is None


def _days(text: str) -> list[tuple[str, date | None, int]]:
    return [(d.text, d.date, d.precision) for d in dates_from_text(text, reference=MONDAY)]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        # counted back from the day the sentence gave before
        ("Two guards were found dead on Saturday, three days after gunmen seized them.", date(2023, 10, 4)),
        ("A shepherd's body was found on Sunday; he had vanished four days earlier.", date(2023, 10, 4)),
        ("On 2 October 2023, a truck was seized; its driver was freed two days later.", date(2023, 10, 4)),
        # counted back from the report's day when the sentence gives none
        ("The raid came a week after rockets hit the camp.", date(2023, 10, 2)),
        # a day after the report's own is none the report can tell
        ("Gunmen came back the following day.", None),
    ],
)
def test_a_day_counted_from_another(text: str, counted: date | None) -> None:
    assert _days(text)[-1][1] == counted


def test_a_week_told_by_its_first_day() -> None:
    assert _days("During the week of 2 October 2023, drones hit the port.") == [
        ("During the week of 2 October 2023", date(2023, 10, 2), 2)
    ]


def test_two_days_after_dates_only_the_act_told_after_it() -> None:
    sentence = "Two guards were found dead on Saturday, three days after gunmen seized them."
    assert _role(sentence, "three days after", "seized") == ACT
    assert _role(sentence, "three days after", "found") == NONE
    assert _role(sentence, "Saturday", "found") == ACT


@pytest.mark.parametrize(
    "head",
    [
        "SANAA, Yemen, Thu Oct 5, 2023 (Reuters) - ",
        "SANAA, Yemen, Thursday, October 5, 2023 - ",
        "SANAA, October 5, 2023 /Newswire/ -- ",
        "SANAA, Oct 5 (Xinhua) -- ",
        "SANAA (AP) — Oct. 5, 2023 — ",
    ],
)
def test_every_wire_dateline_gives_the_reports_day(head: str) -> None:
    found = dateline_date(head + "Drones struck a fuel depot near the port.", reference=MONDAY)
    assert found is not None and found.date == date(2023, 10, 5)


def test_a_date_inside_the_first_sentence_is_no_dateline() -> None:
    assert (
        dateline_date("Drones struck the port on Thu Oct 5, 2023 - officials said.", reference=MONDAY) is None
    )


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Fighters took the ridge, the ministry said in a statement on Thursday.", REPORT),
        ("Fighters took the ridge, the ministry said in its daily briefing on Thursday.", REPORT),
        ("Fighters took the ridge on Thursday, the ministry said.", ACT),
    ],
)
def test_the_day_a_statement_was_made_is_the_reports(sentence: str, role: int) -> None:
    assert _role(sentence, "Thursday", "took") == role
