"""Sums over a stretch of time: a row that tells the acts of the past hours, days or weeks at once.

A lead often sums what the body then tells act by act ("dozens were killed in a series of strikes
over the past 24 hours", then each strike with its town and toll). ACLED codes each act once, on its
own day, so the sum adds no row beside rows of its type within its stretch; told alone it is the
only report of those acts and stays one row. The wordings and the days each reaches back are in
``data/period_sums.tsv``.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from geoevents.events.datafiles import data_rows
from geoevents.events.draft import Draft
from geoevents.records import Event

# A sentence that tells an act of its own: a day or a count.
_OWN_ACT = re.compile(
    r"\b(?:\d+|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|overnight)\b", re.IGNORECASE
)
TAG = "period-sum:"  # the tag of a row told only as a sum, with the days its stretch reaches back


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[int, re.Pattern[str]], ...]:
    rows = data_rows(None, "period_sums.tsv", ("days", "pattern"))
    return tuple(
        (int(row["days"]), re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE)) for _w, row in rows
    )


def stretch_days(sentence: str) -> int | None:
    """How many days back the stretch of time the sentence sums reaches, or None when it sums none."""
    found = [days for days, pattern in _cues() if pattern.search(sentence)]
    return max(found) if found else None


def tag_period_sums(drafts: list[Draft]) -> None:
    """Tag each draft whose main sentence sums a stretch of time with the days the stretch reaches,
    unless a sentence joined to it tells an act of its own (a day or a toll: "on Tuesday 25 were
    killed"), which the row then reports."""
    for d in drafts:
        days = stretch_days(d.spans[0].text) if d.spans else None
        if days is not None and not any(_OWN_ACT.search(s.text) for s in d.spans[1:]):
            d.tags.add(f"{TAG}{days}")


def _reach(event: Event) -> int | None:
    days = [int(t[len(TAG) :]) for t in event.tags if t.startswith(TAG)]
    return max(days) if days else None


def _within(told: Event, reach: int, act: Event) -> bool:
    """Whether ``act`` is of the sum's sub-type and falls in its stretch (undated rows agree)."""
    if act.sub_event_type != told.sub_event_type or _reach(act) is not None:
        return False
    told_in = {loc.place.country_code for loc in told.locations}
    if told_in and not told_in & {loc.place.country_code for loc in act.locations}:
        return False
    if told.event_date is None or act.event_date is None:
        return True
    return abs(told.event_date - act.event_date) <= timedelta(days=reach)


def without_told_sums(events: list[Event]) -> list[Event]:
    """The rows less each sum over a stretch of time whose acts of its type the article tells too."""
    kept = []
    for event in events:
        reach = _reach(event)
        if reach is None or not any(_within(event, reach, other) for other in events if other is not event):
            kept.append(event)
    return kept
