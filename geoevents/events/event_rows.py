"""Finished drafts as ``Event`` rows: final type, a row per country of the sites, actors, tolls, evidence."""

from __future__ import annotations

from collections.abc import Sequence

from geoevents.events.actors import (
    ActorLexicon,
    actors_country,
    article_air_power,
    by_drone,
    civilians_hit,
    claimant,
    holder,
    in_country,
    leaver,
    planter,
    row_actors,
)
from geoevents.events.dates import acled_time_precision
from geoevents.events.draft import Draft
from geoevents.events.figures import shares, toll_for
from geoevents.events.ids import event_id_for
from geoevents.events.reference import article_source
from geoevents.events.sites import SiteContext, location_groups
from geoevents.events.sources import publisher_of
from geoevents.events.subtypes import Topic, final_type
from geoevents.events.taxonomy import disorder_type_of, event_type_of
from geoevents.events.text import Span
from geoevents.records import Article, Event, EventLocation, Evidence, ResolvedMention, ZoneKind


def _confidence(d: Draft, locations: list[EventLocation]) -> float:
    score = 0.55 if d.sub_event_type else 0.4
    score += 0.1 if d.date_explicit else -0.05
    if locations:
        score += 0.15 if min(loc.precision for loc in locations) <= 2 else 0.05
    else:
        score -= 0.1
    if d.fatalities is not None or d.injuries is not None:
        score += 0.05
    if d.zone == ZoneKind.CAPTION and len(d.spans) == 1:
        score -= 0.1
    score += 0.03 * min(3, len(d.spans) - 1)
    return round(max(0.05, min(0.95, score)), 3)


def events_from_drafts(
    article: Article,
    drafts: list[Draft],
    lexicon: ActorLexicon,
    *,
    topic: Topic | None = None,
    home: str | None = None,
    unknown: Sequence[ResolvedMention] = (),
    context: SiteContext | None = None,
) -> list[Event]:
    """Typed, located, identified ``Event`` records from finished drafts (``topic``: see ``final_type``)."""
    source, publisher = article_source(article), publisher_of(article)
    air_power = article_air_power(lexicon, article.text)
    events: list[Event] = []
    for d in drafts:
        sub = final_type(d, lexicon, topic=topic)
        etype = event_type_of(sub)
        groups = location_groups(d, article.text, home=home, unknown=unknown, context=context) or [[]]
        for locations, share in zip(groups, shares(d, groups), strict=True):
            # sites all abroad (no row in the article's country): each row's actors are its sites'
            abroad = len(groups) > 1 and home not in {g[0].place.country_code for g in groups if g}
            others = [rm.place for rm in d.sites if rm.place is not None]
            country = actors_country([loc.place for loc in locations], None if abroad else home, others)
            actor1, actor2 = row_actors(
                lexicon,
                etype,
                sub,
                (d.actor1, d.actor2),
                country=country,
                air_power=air_power,
                civilian_victims=civilians_hit(" ".join(d.context)),
                claimed_by=claimant(lexicon, _claim_window(article.text, d)),
                on=d.date,
                held_by=holder(" ".join(s.text for s in d.spans)),
                left_by=leaver(lexicon, " ".join(s.text for s in d.spans)),
                planted_by=planter(lexicon, " ".join(s.text for s in d.spans)),
                drone=by_drone(" ".join(s.text for s in d.spans)),
            )
            mentioned = _mentioned(d, locations)
            evidence = _evidence(article, d, source, publisher)
            tags = d.tags | share.tags
            fatalities = toll_for(sub, share.figures["fatalities"])
            injuries = toll_for(sub, share.figures["injuries"])
            if fatalities and fatalities[1]:
                tags.add("fatalities-vague")
            if injuries and injuries[1]:
                tags.add("injuries-vague")
            if not locations:
                tags.add("unlocated")
            if d.date is None:
                tags.add("undated:no-date-in-text-and-no-publication-date")
            event = Event(
                event_id="",
                event_type=etype,
                sub_event_type=sub,
                disorder_type=disorder_type_of(etype, sub),
                event_date=d.date,
                time_precision=acled_time_precision(d.date, d.precision),
                actor1=actor1,
                actor2=actor2,
                assoc_actor_1=in_country(d.assoc_actor_1, country),
                fatalities=fatalities[0] if fatalities else None,
                injuries=injuries[0] if injuries else None,
                locations=tuple(locations)  # first-named finest site first: the row's location
                + tuple(mentioned.values()),
                evidence=evidence,
                confidence=_confidence(d, locations),
                notes=" ".join(share.notes),
                tags=tuple(sorted(tags)),
            )
            events.append(_with_id(event))
    return events


def _mentioned(d: Draft, locations: list[EventLocation]) -> dict[str, EventLocation]:
    """The draft's places that are not the row's sites, each once, as mentioned locations."""
    site_ids = {loc.place.feature_id for loc in locations}
    mentioned: dict[str, EventLocation] = {}
    for rm in d.sites + d.mentioned:
        if rm.place is not None and rm.place.feature_id not in site_ids:
            mentioned.setdefault(rm.place.feature_id, EventLocation(rm.place, rm.precision, role="mentioned"))
    return mentioned


def _evidence(article: Article, d: Draft, source: str, publisher: str) -> tuple[Evidence, ...]:
    """The draft's sentences as evidence, in text order; a caption repeated by the page is one piece."""
    first_of_text: dict[str, Span] = {}
    for s in sorted(d.spans, key=lambda s: s.start):
        first_of_text.setdefault(s.text, s)
    return tuple(
        Evidence(article.id, s.start, s.end, s.text, source, publisher)
        for s in sorted(first_of_text.values(), key=lambda s: s.start)
    )


CLAIM_CHARS = 300  # a claim is reported in the event's sentences or right after them


def _claim_window(text: str, d: Draft) -> str:
    if not d.spans:
        return ""
    return text[min(s.start for s in d.spans) : max(s.end for s in d.spans) + CLAIM_CHARS]


def _with_id(event: Event) -> Event:
    from dataclasses import replace

    return replace(event, event_id=event_id_for(event))
