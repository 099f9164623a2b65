"""Which neighbour dates an undated report: the act told with its own day nearest before it, each act
at its telling nearest the report; the report's own source's day before a neighbour's report day."""

from __future__ import annotations

from datetime import date

from geoevents.events.datecontext import dated_by_context
from geoevents.events.dates import ACT, REPORT, date_role, dates_from_text
from geoevents.events.draft import Draft
from geoevents.events.text import Span
from geoevents.records import ZoneKind

SUB = "Air/drone strike"


def _sentences(*texts: str) -> list[Span]:
    spans, at = [], 0
    for text in texts:
        spans.append(Span(at, at + len(text), text))
        at += len(text) + 1
    return spans


def _draft(order: int, spans: list[Span], day: date | None, *tags: str) -> Draft:
    d = Draft(order=order, sub_event_type=SUB, generic=None, zone=ZoneKind.BODY)
    d.spans = spans
    d.date, d.precision, d.date_explicit = day, 1 if day else 2, day is not None
    d.tags = set(tags)
    return d


def test_an_act_told_again_just_before_the_report_dates_it_over_a_nearer_first_telling() -> None:
    s = _sentences(
        "Bombs kill dozens across Ostrava, a monitor said on Wednesday.",
        "Also on Wednesday, state media said mortars hit Brno.",
        "The monitor said the bombs killed 20 people in Ostrava on Tuesday.",
        "Another 6 people died when bombs hit the Lesna quarter, it added.",
    )
    text = " ".join(x.text for x in s)
    strikes = _draft(0, [s[0], s[2]], date(2023, 3, 14))
    mortars = _draft(1, [s[1]], date(2023, 3, 15))
    undated = _draft(2, [s[3]], date(2023, 3, 15), "date-assumed-publication")
    dated_by_context([strikes, mortars, undated], s, text, date(2023, 3, 15))
    assert undated.date == date(2023, 3, 14)


def test_the_reports_own_source_day_beats_a_neighbour_dated_only_by_another_source() -> None:
    s = _sentences(
        "Dozens of rebels were killed near Tabor over the past day, the army said on Sunday.",
        "A monitor said on Saturday that rebels had seized two hamlets near Tabor.",
        "Another 11 rebels were killed in air strikes on the same hamlets, the army said.",
    )
    text = " ".join(x.text for x in s)
    seized = _draft(0, [s[1]], date(2023, 3, 18), "date-of-report")
    undated = _draft(1, [s[2]], date(2023, 3, 19), "date-assumed-publication")
    dated_by_context([seized, undated], s, text, date(2023, 3, 20))
    assert undated.date == date(2023, 3, 19)


def test_today_dates_an_act_only_as_its_reports_day() -> None:
    text = "Crews are still digging today for the nurses a drone strike buried on Friday, a medic said."
    at = text.index("digging")
    roles = {
        d.text: date_role(text, d, (at, at + len("digging")))
        for d in dates_from_text(text, reference=date(2022, 5, 14))
    }
    assert roles["today"] == REPORT
    at = text.index("drone strike")
    assert (
        date_role(
            text,
            next(d for d in dates_from_text(text, reference=None) if d.text == "on Friday"),
            (at, at + 12),
        )
        == ACT
    )
