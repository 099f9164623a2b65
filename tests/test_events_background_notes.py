"""Background is measured from the day a text speaks of: a coder's note or an archive record that opens
with its own full date is not history because it was published or exported long after that day."""

from __future__ import annotations

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

NOTE = (
    "On 14 February 2019, unidentified gunmen shot dead a local council member in Jasim (Daraa). "
    "The victim had been released from detention a month earlier."
)


def _events(text: str, published: str | None) -> list[str]:
    meta = {"id": "t"} | ({"published": published} if published else {})
    return [e.sub_event_type for e in events_from_article(article_from_text(text, metadata=meta), [])]


def test_a_note_published_years_after_its_day_still_reports_its_event() -> None:
    assert _events(NOTE, "2024-09-30") == ["Attack"]
    assert _events(NOTE, "2019-02-20") == ["Attack"]
    assert _events(NOTE, None) == ["Attack"]


def test_history_recalled_inside_a_note_stays_background() -> None:
    text = NOTE + " In June 2011, the town was shelled by government forces for a week."
    assert _events(text, "2024-09-30") == ["Attack"]


def test_a_news_report_recalling_an_old_attack_gives_no_event() -> None:
    text = (
        "Families gathered on Sunday at the memorial in the town. "
        "In March 2013, a car bomb killed 40 people at the market there."
    )
    assert _events(text, "2024-09-30") == []
