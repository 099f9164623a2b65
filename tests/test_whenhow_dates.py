"""Whose day a date is: a possessive date dates the act it names, and a roundup's entries keep apart."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.dates import NEAR, NONE, date_role, dates_from_text
from geoevents.records import Article, Event

REF = date(2022, 9, 15)  # a Thursday


def test_a_possessive_date_after_the_act_dates_another_act() -> None:
    text = "Police detained three men over last week's bombing of a bus depot."
    found = next(d for d in dates_from_text(text, reference=REF) if d.date is not None)
    at = text.index("detained")
    assert date_role(text, found, (at, at + len("detained"))) == NONE


def test_a_possessive_date_before_the_act_still_dates_it() -> None:
    text = "Police detained three men over last week's bombing of a bus depot."
    found = next(d for d in dates_from_text(text, reference=REF) if d.date is not None)
    at = text.index("bombing")
    assert date_role(text, found, (at, at + len("bombing"))) != NONE
    assert found.date == date(2022, 9, 8)


def test_a_roundup_entry_does_not_lend_its_day_to_the_next_entry() -> None:
    text = (
        "Region roundup: hillbury: militants shelled the army camp overnight no casualties "
        "dunmore: police arrested 4 smugglers at the market"
    )
    article = Article(id="r1", text=text, published=datetime(2022, 9, 15, 9, 0), url="https://example.org/r1")
    arrests = [e for e in events_from_article(article, []) if e.sub_event_type == "Arrests"]
    assert arrests and all(e.event_date != date(2022, 9, 14) for e in arrests)


def _events(text: str) -> list[Event]:
    """The events of a report published on 15 September."""
    article = Article(id="s", text=text, published=datetime(2022, 9, 15, 9, 0), url="https://example.org/s")
    return events_from_article(article, [])


def _dated_near(text: str, place: str) -> list[date | None]:
    """The days of the events whose evidence names ``place``."""
    return [e.event_date for e in _events(text) if place in e.evidence[0].sentence]


def test_an_undated_act_takes_the_day_its_source_spoke() -> None:
    text = (
        "Dozens of fighters were killed in clashes near Tarnow over the past day, the defence ministry in "
        "Valdor said on Tuesday. Warplanes also bombed a command post near Lisko, killing up to 30 fighters, "
        "the ministry said."
    )
    assert _dated_near(text, "Lisko") == [date(2022, 9, 13)]


def test_a_source_that_spoke_on_two_days_dates_nothing_after() -> None:
    text = (
        "The army said on Monday that rebels shelled Tarnow. The army said on Tuesday that rebels shelled "
        "Lisko. Many residents have left. Schools stayed shut across the valley. Shops were closed. "
        "Warplanes also bombed a "
        "command post near Brzeg, killing 30 fighters, the army said."
    )
    assert _dated_near(text, "Brzeg") == [date(2022, 9, 15)]  # the report's own day


def test_a_possessive_yesterday_dates_the_day_before() -> None:
    found = dates_from_text("Eight were killed in yesterdays shelling.", reference=REF)
    assert [d.date for d in found] == [date(2022, 9, 14)]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels took three hamlets near Orvik since launching a dawn offensive on Tuesday, a monitor said.",
        "Militia fighters seized the ridge since the new offensive began on Tuesday, residents said.",
    ],
)
def test_the_start_of_the_acts_own_span_told_after_it_is_its_first_day(text: str) -> None:
    found = next(d for d in dates_from_text(text, reference=REF) if d.date is not None)
    at = text.index("took") if "took" in text else text.index("seized")
    assert date_role(text, found, (at, at + 5)) == NEAR
    assert found.date == date(2022, 9, 13)


def test_a_cause_told_with_since_still_dates_nothing() -> None:
    text = "Police detained four men since they attacked a patrol on Tuesday."
    found = next(d for d in dates_from_text(text, reference=REF) if d.date is not None)
    at = text.index("detained")
    assert date_role(text, found, (at, at + len("detained"))) == NONE


def test_a_count_of_weeks_in_a_later_clause_counts_from_the_day_the_sentence_gave() -> None:
    text = (
        "Rebels drove the garrison out of Orvik on 2 September but the troops regrouped and returned "
        "ten days later recapturing the town with support from helicopter gunships."
    )
    regained = [e.event_date for e in _events(text) if e.sub_event_type == "Government regains territory"]
    assert regained == [date(2022, 9, 12)]


def test_a_day_dates_the_undated_act_told_three_sentences_later() -> None:
    text = (
        "Warplanes bombed the market of Orvik on Tuesday, killing nine people, a monitor said. "
        "Among the dead were two children. Residents said the market had been crowded. "
        "Rebels shelled army positions near Lisko, the monitor said."
    )
    assert _dated_near(text, "Lisko") == [date(2022, 9, 13)]


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("last Wednesday", date(2022, 9, 7)),  # the day before the report: a writer says "yesterday"
        ("last Tuesday", date(2022, 9, 13)),  # two days before: the most recent one
        ("last Thursday", date(2022, 9, 8)),  # the report's own weekday: never the report's day
        ("on Wednesday", date(2022, 9, 14)),
    ],
)
def test_last_weekday_is_never_the_report_day_nor_the_day_before(said: str, day: date) -> None:
    found = dates_from_text(f"Police detained six smugglers near the port {said}.", reference=REF)
    assert [d.date for d in found] == [day]
