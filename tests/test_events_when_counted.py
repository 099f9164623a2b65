"""A day counted from another right before the act ("found on Friday, two days after gunmen seized
them") dates that act, though its own clause leaves the count out."""

from __future__ import annotations

import re
from datetime import date, datetime

from shapely.geometry import Point

from geoevents.events import events_from_article
from geoevents.events.dates import dates_from_text
from geoevents.records import Article, Event, Mention, Place, ResolvedMention

PUBLISHED = datetime(2022, 5, 16, 8, 0)  # a Monday


def _events(text: str) -> list[Event]:
    resolved = []
    for m in re.finditer("Kirkuk", text):
        place = Place(
            "geonames:1",
            "Kirkuk",
            "populated_place",
            35.47,
            44.39,
            Point(44.39, 35.47),
            "geonames",
            "IQ",
            "Kirkuk",
        )
        resolved.append(ResolvedMention(Mention("t1", m.start(), m.end(), "Kirkuk"), place, 0.9, 1))
    article = Article(id="t1", text=text, published=PUBLISHED, url="https://example.org/t1")
    return events_from_article(article, resolved)


def test_an_act_told_as_days_before_a_dated_finding_takes_the_counted_day() -> None:
    events = _events(
        "The bodies of two traders were discovered on Saturday, three days after armed men kidnapped them "
        "on a road outside Kirkuk."
    )
    kidnap = [e for e in events if e.sub_event_type == "Abduction/forced disappearance"]
    assert [e.event_date for e in kidnap] == [date(2022, 5, 11)]


def test_a_count_of_days_that_opens_its_clause_counts_back_from_the_day_told_after_it() -> None:
    found = dates_from_text(
        "Three days after the raid, relatives buried the dead on Thursday.", reference=date(2022, 5, 16)
    )
    assert [(d.text, d.date) for d in found] == [
        ("Three days after", date(2022, 5, 9)),
        ("on Thursday", date(2022, 5, 12)),
    ]
