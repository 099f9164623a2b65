"""A text that only tells a second source's account of "the incident" has no act of its own to code;
the same account after the act's report folds into it."""

from __future__ import annotations

from datetime import datetime

from geoevents.events import events_from_article
from geoevents.records import Article

PUBLISHED = datetime(2021, 5, 9, 8, 0)


def _kinds(text: str) -> list[str | None]:
    article = Article(id="s1", text=text, published=PUBLISHED, url="https://example.org/s1")
    return [e.sub_event_type for e in events_from_article(article, [])]


def test_a_second_source_alone_gives_no_event() -> None:
    assert (
        _kinds(
            "A local rights group also reported the incident, putting the number of villagers killed at 9."
        )
        == []
    )


def test_a_second_source_after_the_report_adds_to_it() -> None:
    text = (
        "Gunmen shot dead nine villagers at a market on Saturday, police said. "
        "A local rights group also reported the incident, putting the number of villagers killed at 9."
    )
    assert len(_kinds(text)) == 1
