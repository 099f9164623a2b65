"""The last folding of one article's rows: ACLED codes one event per sub-event type, location and day.

Coreference (``coref``) joins the drafts it can tell are one act; the rows it leaves may still
repeat one act at one site on one day (a lead and the body's quote telling one raid, each placed
after drafting). Such rows fold here, the first keeping its fields and taking the other's sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from geoevents.records import Event, Evidence

DATELINE = "date-of-dateline"  # a row dated only by the page's dateline, the day after the act
WEEK_SLACK_DAYS = 3  # a day told to the week ("over the weekend") lies this close to its act's own day


def site_names(event: Event) -> frozenset[tuple[str, str | None]]:
    """The row's sites by name and country: a city and the province named after it are one place to
    the reader ("in Hama" and "in Hama province" of one day's advance)."""
    return frozenset(
        (loc.place.name, loc.place.country_code) for loc in event.locations if loc.role == "site"
    )


def with_evidence(event: Event, extra: Iterable[Evidence]) -> Event:
    """``event`` with the sentences of ``extra`` it does not hold yet, in text order."""
    spans = {(e.start, e.end) for e in event.evidence}
    new = tuple(e for e in extra if (e.start, e.end) not in spans)
    if not new:
        return event
    return replace(event, evidence=tuple(sorted(event.evidence + new, key=lambda e: e.start)))


def _told_day(event: Event) -> bool:
    """Whether the row is dated by the day it was told (the dateline, "said on Monday"), not its act's."""
    return any(t in (DATELINE, "date-of-report") or t.startswith("date-ref") for t in event.tags)


def _days_agree(a: Event, b: Event) -> bool:
    """One day, or a row dated by the page's dateline and the body's row of the day before, or a row
    told to the week ("strikes over the weekend") and one of its days ("Sunday's strikes"); or no day
    for either, in an article that gives none (no publication date, no day in the text)."""
    if a.event_date is None or b.event_date is None:
        return a.event_date is None and b.event_date is None
    if a.event_date == b.event_date:
        return True
    apart = abs((a.event_date - b.event_date).days)
    if {a.time_precision, b.time_precision} == {1, 2}:
        return apart <= WEEK_SLACK_DAYS
    dateline = (DATELINE in a.tags) != (DATELINE in b.tags)
    return apart == 1 and (_told_day(a) != _told_day(b) or dateline)


def _later_told(a: Event, b: Event) -> bool:
    """Whether ``a``'s day is the telling's rather than ``b``'s act's: dated by the page's dateline
    when ``b`` is not, or by a day it was told when ``b`` is dated by its act."""
    if (DATELINE in a.tags) != (DATELINE in b.tags):
        return DATELINE in a.tags
    return _told_day(a)


def _named(actor: str | None) -> bool:
    return actor is not None and not actor.startswith("Unidentified")


def _doers_agree(a: Event, b: Event) -> bool:
    """The same doer, or one row that names none ("gunmen", "an armed group"): the other names it."""
    return not (_named(a.actor1) and _named(b.actor1)) or a.actor1 == b.actor1


def _twins(a: Event, b: Event) -> bool:
    sites = site_names(a)
    return (
        bool(sites)
        and a.sub_event_type == b.sub_event_type
        and sites == site_names(b)
        and _days_agree(a, b)
        and _doers_agree(a, b)
    )


def one_per_site_and_day(events: list[Event]) -> list[Event]:
    """Rows of one article that agree on sub-type, sites, day and doer become one, the first keeping
    its fields (the act's own day over a dateline's) and taking the other's sentences as evidence.
    Rows of one sentence split per place named ("shelled A and B") are never joined back."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if _twins(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        joined = with_evidence(twin, event.evidence)
        if joined is twin:  # no sentence of its own: one sentence split per place it names
            kept.append(event)
            continue
        evidence = joined.evidence
        base = event if twin.event_date != event.event_date and _later_told(twin, event) else twin
        if {twin.time_precision, event.time_precision} == {1, 2}:
            base = twin if twin.time_precision == 1 else event  # the act's own day over its week
        other = twin if base is event else event
        actor1 = base.actor1 if _named(base.actor1) or not _named(other.actor1) else other.actor1
        fatalities = base.fatalities if base.fatalities is not None else other.fatalities
        injuries = base.injuries if base.injuries is not None else other.injuries
        kept[kept.index(twin)] = replace(
            base, evidence=evidence, actor1=actor1, fatalities=fatalities, injuries=injuries
        )
    return kept
