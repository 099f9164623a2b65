"""Acts told over a night or a weekend are dated to the day they began, as ACLED dates a span by its
first day: "overnight" is the evening before the report, "overnight on Tuesday" that Tuesday, a weekend
its Saturday, and "last weekend" said on a weekend the one before it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from geoevents.events import events_from_article
from geoevents.records import Article

SATURDAY = datetime(2022, 3, 12, 9, 0)
MONDAY = datetime(2022, 3, 14, 9, 0)


def _dated(text: str, published: datetime) -> list[tuple[date | None, int | None]]:
    article = Article(id="n1", text=text, published=published, url="https://example.org/n1")
    return [(e.event_date, e.time_precision) for e in events_from_article(article, [])]


@pytest.mark.parametrize(
    ("when", "published", "expected"),
    [
        ("overnight", SATURDAY, (date(2022, 3, 11), 1)),
        ("during the night", MONDAY, (date(2022, 3, 13), 1)),
        ("overnight on Wednesday", SATURDAY, (date(2022, 3, 9), 1)),
        ("overnight Thursday", MONDAY, (date(2022, 3, 10), 1)),
        ("over the weekend", MONDAY, (date(2022, 3, 12), 2)),
        ("last weekend", MONDAY, (date(2022, 3, 12), 2)),
        ("last weekend", SATURDAY, (date(2022, 3, 5), 2)),
    ],
)
def test_a_night_or_weekend_is_dated_by_its_first_day(
    when: str, published: datetime, expected: tuple[date, int]
) -> None:
    text = f"Militiamen stormed a farming village {when}, killing five herders, a local official said."
    assert _dated(text, published) == [expected]


def test_a_span_since_a_weekday_starts_that_day() -> None:
    text = "Clashes between the army and the rebels since Tuesday have killed 14 fighters, a monitor said."
    assert _dated(text, SATURDAY) == [(date(2022, 3, 8), 1)]


def test_the_start_day_of_another_act_does_not_date_the_trigger() -> None:
    text = (
        "Dozens of students marched through the campus against the strike by lecturers that began on Tuesday."
    )
    assert _dated(text, SATURDAY) == [(date(2022, 3, 12), 2)]  # the march: the report's day only
