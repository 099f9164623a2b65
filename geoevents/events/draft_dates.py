"""When a draft happened, from the article around it: background acts, and a lead sentence's date.

An event that ended long before publication is background (history, anniversaries, attacks
recalled); an undated report right after a sentence that opens with its date took place that day.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

from geoevents.events.dates import opening_date
from geoevents.events.draft import Draft
from geoevents.events.text import Span

BACKGROUND_DAYS = 30  # an event that ended this long before publication is background


def _latest_day(d: Draft) -> date | None:
    """The last day a draft's date may stand for (its week, month or year)."""
    if d.date is None:
        return None
    if d.precision >= 4:
        return date(d.date.year, 12, 31)
    if d.precision == 3:
        return d.date + timedelta(days=31)
    return d.date + timedelta(days=6 if d.precision == 2 else 0)


def tag_background(drafts: list[Draft], ref: date | None) -> None:
    """Events dated long before publication (history, anniversaries, attacks recalled) are background.

    Without a publication date, the latest day-precise date the article reports stands for it.
    """
    if ref is None:
        ref = max((d.date for d in drafts if d.date is not None and d.precision == 1), default=None)
    for d in drafts:
        latest = _latest_day(d)
        if ref is not None and latest is not None and (ref - latest).days > BACKGROUND_DAYS:
            d.tags.add("background")


LEAD_SENTENCES = 2  # how far back a sentence that opens with a date dates the undated ones after it


def date_from_the_lead(drafts: list[Draft], sentences: list[Span], ref: date | None) -> None:
    """An undated report right after a sentence that opens with its date ("On 15 November 2021, IS
    ambushed a patrol. Three soldiers were killed.") happened that day, as a coder's note tells it."""
    starts = [s.start for s in sentences]
    for d in drafts:
        if d.date is not None or not d.spans:
            continue
        at = bisect_right(starts, d.spans[0].start) - 1
        for s in reversed(sentences[max(0, at - LEAD_SENTENCES) : at]):
            opening = opening_date(s.text, reference=ref)
            if opening is not None and opening.precision == 1:
                d.date, d.precision = opening.date, opening.precision
                d.tags.add("date-from-context")
                break
