"""One event per real-world event: the same event reported by several articles becomes one.

Two events match when their types agree (a generic "attack" matches any violent
sub-type and takes the specific one), their dates lie within the slack of their
time_precision (an undated report matches none), their sites are one place or
lie within a distance that fits their geo_precision (half of
``settings.merge_distance_km`` for two points, all of it when either is "near",
twice it or one admin1 for regions; never across a border or for an event with no
site; a country-wide site only with the same country and the same day and victims or
toll), and their actors do not contradict. An event never merges with another from the same article
(the article stage already joined those). Fatalities take the most
conservative consistent figure (exact before vague, then the lowest; a share of
a total split over several places counts as a figure) and any disagreement is
written to ``notes``, with how a split share was coded. Output order is deterministic.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from geoevents.events.actors import UNIDENTIFIED_MILITARY, is_unidentified_group
from geoevents.events.ids import event_id_for
from geoevents.events.sites import GRANULARITY, km_between, places_compatible
from geoevents.events.taxonomy import VIOLENT_TYPES
from geoevents.records import Event, EventLocation
from geoevents.settings import DEFAULT, Settings

_SLACK = {1: 0, 2: 6, 3: 31, 4: 366}
_GENERIC_TAG = "type-from-generic-trigger"


def _unknown(actor: str | None) -> bool:
    """No actor, or one the reports could not name: any named actor may stand in for it."""
    return actor is None or actor == UNIDENTIFIED_MILITARY or is_unidentified_group(actor)


def _generic(e: Event) -> bool:
    return _GENERIC_TAG in e.tags


def types_compatible(a: Event, b: Event) -> bool:
    if a.sub_event_type == b.sub_event_type:
        return True
    if _generic(a) and _generic(b):
        return a.event_type in VIOLENT_TYPES and b.event_type in VIOLENT_TYPES
    if _generic(a):
        return b.event_type in VIOLENT_TYPES and a.event_type in VIOLENT_TYPES
    if _generic(b):
        return a.event_type in VIOLENT_TYPES and b.event_type in VIOLENT_TYPES
    return False


def dates_compatible(a: Event, b: Event) -> bool:
    """Dates within the slack of the vaguer one's time_precision; an undated report says nothing of when,
    so it matches nothing (as a report with no site matches nothing)."""
    if a.event_date is None or b.event_date is None:
        return False
    slack = max(_SLACK.get(a.time_precision or 1, 0), _SLACK.get(b.time_precision or 1, 0))
    return abs((a.event_date - b.event_date).days) <= slack


def _sites(e: Event) -> list[EventLocation]:
    return [loc for loc in e.locations if loc.role == "site"]


def _reach_km(precision: int, max_km: float) -> float:
    """How far apart two sites of one event may be, by the coarser geo_precision: a point, a town's
    surroundings, a region."""
    return max_km * {1: 0.5, 2: 1.0}.get(precision, 2.0)


def _sites_compatible(x: EventLocation, y: EventLocation, *, max_km: float) -> bool:
    a, b = x.place, y.place
    if a.feature_id == b.feature_id:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if GRANULARITY.get(a.feature_class, 2) == 4 or GRANULARITY.get(b.feature_class, 2) == 4:
        return False  # a country-wide site says nothing of where: only the same country feature matches
    if km_between(a, b) <= _reach_km(max(x.precision, y.precision), max_km):
        return True
    return places_compatible(a, b, max_km=0.0) and max(x.precision, y.precision) >= 3


def locations_compatible(a: Event, b: Event, *, max_km: float) -> bool:
    """Sites that may be one place, at a distance that fits their geo_precision; no site never matches."""
    sa, sb = _sites(a), _sites(b)
    return bool(sa and sb) and any(_sites_compatible(x, y, max_km=max_km) for x in sa for y in sb)


def _same_victims(x: str | None, y: str | None) -> bool:
    if x is None or y is None:
        return False
    # "Civilians" of an unlocated report and "Civilians (Iraq)" are the same victims.
    return x == y or ("Civilians" in (x, y) and x.startswith("Civilians") and y.startswith("Civilians"))


def _same_details(a: Event, b: Event) -> bool:
    """Reports that agree on the day and on who was hit or how many died."""
    if a.time_precision != 1 or b.time_precision != 1 or a.event_date != b.event_date:
        return False
    victims = _same_victims(a.actor2, b.actor2)
    toll = a.fatalities is not None and a.fatalities == b.fatalities
    return victims or toll


def actors_compatible(a: Event, b: Event) -> bool:
    """Reports whose named sides do not contradict: an unnamed actor1 fits any, and victims differ only
    as civilians named with or without their country."""
    if not _unknown(a.actor1) and not _unknown(b.actor1) and a.actor1 != b.actor1:
        return False
    return not a.actor2 or not b.actor2 or _same_victims(a.actor2, b.actor2) or a.actor2 == b.actor2


def events_match(a: Event, b: Event, *, settings: Settings = DEFAULT) -> bool:
    """Whether two reports describe the same event."""
    if not (types_compatible(a, b) and dates_compatible(a, b) and actors_compatible(a, b)):
        return False
    if not locations_compatible(a, b, max_km=settings.merge_distance_km):
        return False
    country_wide = all(GRANULARITY.get(loc.place.feature_class, 2) == 4 for loc in _sites(a) + _sites(b))
    # Two reports placed only in the same country are one event only when the details agree.
    return not country_wide or _same_details(a, b)


def _sort_key(e: Event) -> tuple[str, str, str, str, tuple[tuple[str, int, int], ...]]:
    """Date, type, id, then the text it came from: reports of one event (same id) from several
    articles sort by their text, not by the order of the inputs."""
    evidence = tuple(sorted((ev.article_id, ev.start, ev.end) for ev in e.evidence))
    day = e.event_date.isoformat() if e.event_date else "9999"
    return (day, e.event_type, e.sub_event_type, e.event_id, evidence)


# Reports further apart than the widest slack never match: clusters are looked up by windows this wide.
_WINDOW_DAYS = max(_SLACK.values()) + 1


def _window(event: Event) -> int | None:
    return event.event_date.toordinal() // _WINDOW_DAYS if event.event_date else None


def merge_events(events: list[Event], *, settings: Settings | None = None) -> list[Event]:
    """Events with every report of the same event joined into one; sorted by date, type and id.

    A report is tried only against clusters whose first report lies in its date window or the next ones
    (the others cannot match it), in the order the clusters were made."""
    settings = settings or DEFAULT
    clusters: list[list[Event]] = []
    cluster_articles: list[set[str]] = []
    by_window: dict[int, list[int]] = {}  # date window of a cluster's first report -> cluster indexes
    # Most precise reports first, so vaguer ones join a well-defined cluster.
    ordered = sorted(events, key=lambda e: (e.time_precision or 9, _generic(e), _sort_key(e)))
    for event in ordered:
        articles = set(event.article_ids)
        window = _window(event)
        near = (
            []
            if window is None
            else [i for w in (window - 1, window, window + 1) for i in by_window.get(w, ())]
        )
        home = None
        for index in sorted(near):
            if articles & cluster_articles[index]:
                continue
            if all(events_match(member, event, settings=settings) for member in clusters[index]):
                home = index
                break
        if home is None:
            clusters.append([event])
            cluster_articles.append(articles)
            if window is not None:  # an undated report matches nothing: no later report joins it
                by_window.setdefault(window, []).append(len(clusters) - 1)
        else:
            clusters[home].append(event)
            cluster_articles[home] |= articles
    merged = [c[0] if len(c) == 1 else combine_events(c) for c in clusters]
    return sorted(merged, key=_sort_key)


def _figure(events: list[Event], field: str) -> tuple[int | None, str, Event | None]:
    """The most conservative consistent figure, a note when reports disagree, and the report it is from.

    An exact figure beats a vague one, then the lowest wins. A share of a total
    split over several places counts as that place's figure: a report naming
    only one of the places with the whole total does not undo the split.
    """
    reports = []
    for e in events:
        value = getattr(e, field)
        if value is not None:
            source = e.sources[0] if e.sources else e.event_id
            reports.append((value, f"{field}-vague" in e.tags, f"{field}-split" in e.tags, source, e))
    if not reports:
        return None, "", None
    pool = [r for r in reports if not r[1]] or reports
    chosen = min(pool, key=lambda r: (r[0], r[2], r[3]))
    values = sorted({r[0] for r in reports})
    note = ""
    if len(values) > 1:
        listed = "; ".join(
            f"{v}{' (vague)' if vague else ''}{' (share of a total)' if split else ''} per {src}"
            for v, vague, split, src, _ in sorted(reports, key=lambda r: r[:4])
        )
        note = f"{field} reported differently: {listed}; coded {chosen[0]}."
    return chosen[0], note, chosen[4]


def _split_note(report: Event | None, field: str) -> str:
    """How ``report`` split a total of ``field`` over several places, when its figure is such a share."""
    if report is None or f"{field}-split" not in report.tags:
        return ""
    return " ".join(re.findall(rf"[^.]*\b{field}\b[^.]*coded here\.", report.notes)).strip()


def _most_common(values: list[str | None], *, skip: set[str | None]) -> str | None:
    counted = Counter(v for v in values if v not in skip)
    if counted:
        return sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return next((v for v in values if v is not None), None)


def combine_events(events: list[Event]) -> Event:
    """One event from several reports of it (the same whatever order they come in)."""
    events = sorted(events, key=_sort_key)
    specific = [e for e in events if not _generic(e)] or events
    subs = Counter(e.sub_event_type for e in specific)
    sub = sorted(subs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    typed = next(e for e in specific if e.sub_event_type == sub)
    dated = sorted((e for e in events if e.event_date), key=lambda e: (e.time_precision or 9, e.event_date))
    best_date = dated[0] if dated else events[0]

    def site_rank(e: Event) -> tuple[int, int, int]:
        sites = _sites(e)
        if not sites:
            return (9, 9, 0)
        loc = min(sites, key=lambda s: (s.precision, GRANULARITY.get(s.place.feature_class, 2)))
        return (loc.precision, GRANULARITY.get(loc.place.feature_class, 2), loc.place.population or 0)

    placed = min(events, key=site_rank)
    site_ids = {loc.place.feature_id for loc in _sites(placed)}
    mentioned: dict[str, EventLocation] = {}
    for e in events:
        for loc in e.locations:
            if loc.place.feature_id not in site_ids:
                mentioned.setdefault(loc.place.feature_id, replace(loc, role="mentioned"))
    fatalities, f_note, f_report = _figure(events, "fatalities")
    injuries, i_note, i_report = _figure(events, "injuries")
    evidence = tuple(
        sorted(
            {(ev.article_id, ev.start, ev.end): ev for e in events for ev in e.evidence}.values(),
            key=lambda ev: (ev.source, ev.article_id, ev.start),
        )
    )
    figure_tags = {f"{field}-{kind}" for field in ("fatalities", "injuries") for kind in ("vague", "split")}
    tags = set().union(*(set(e.tags) for e in events)) - figure_tags - {_GENERIC_TAG}
    for field, report in (("fatalities", f_report), ("injuries", i_report)):
        if report is not None and f"{field}-split" in report.tags:
            tags.add(f"{field}-split")
    for field in ("fatalities", "injuries"):
        chosen = fatalities if field == "fatalities" else injuries
        if chosen is not None and all(
            f"{field}-vague" in e.tags for e in events if getattr(e, field) is not None
        ):
            tags.add(f"{field}-vague")
    if all(_generic(e) for e in events):
        tags.add(_GENERIC_TAG)
    sources = len({ev.article_id for ev in evidence})
    splits = [_split_note(f_report, "fatalities"), _split_note(i_report, "injuries")]
    notes = " ".join(n for n in [f"Reported by {sources} articles.", f_note, i_note, *splits] if n)
    event = Event(
        event_id="",
        event_type=typed.event_type,
        sub_event_type=sub,
        disorder_type=typed.disorder_type,
        event_date=best_date.event_date,
        time_precision=best_date.time_precision,
        actor1=_most_common(
            [e.actor1 for e in events], skip={e.actor1 for e in events if _unknown(e.actor1)}
        ),
        actor2=_most_common([e.actor2 for e in events], skip={None}),
        assoc_actor_1=_most_common([e.assoc_actor_1 for e in events], skip={None}),
        assoc_actor_2=_most_common([e.assoc_actor_2 for e in events], skip={None}),
        fatalities=fatalities,
        injuries=injuries,
        locations=tuple(loc for loc in placed.locations if loc.role == "site") + tuple(mentioned.values()),
        evidence=evidence,
        confidence=round(min(0.99, max(e.confidence for e in events) + 0.05 * (sources - 1)), 3),
        notes=notes,
        tags=tuple(sorted(tags)),
    )
    return replace(event, event_id=event_id_for(event))
