"""Events from one article: trigger, modality, date, actors, counts and places per clause.

Each clause with an event trigger that is asserted (not threatened, denied,
conditional, future, habitual or opinion) becomes a draft. Definite references
("the attack on K-1 on Friday", "the strikes") add what they say to the earlier
draft they refer to; undated drafts ("a bomb struck near Al-Qaim") join the
compatible dated draft of the article. Drafts then become one ``Event`` per
country of their sites, as ACLED codes multi-country events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from geoevents.events.actors import (
    ActorLexicon,
    actors_of_clause,
    article_air_power,
    civilians_hit,
    default_actors,
    in_country,
    phrase_end,
    resolve_anaphors,
    row_actors,
)
from geoevents.events.coref import absorb, affinity, consolidate, drafts_compatible, same_kind
from geoevents.events.counts import casualties_from_text
from geoevents.events.dates import acled_time_precision, date_of_trigger, dateline_date, dates_from_text
from geoevents.events.draft import Draft
from geoevents.events.figures import shares
from geoevents.events.ids import event_id_for
from geoevents.events.realis import PAST_VERB_AFTER, asserted, generic_plural, not_political
from geoevents.events.sites import article_country, location_groups, places_compatible, places_in, site_flags
from geoevents.events.sources import publisher_of
from geoevents.events.taxonomy import (
    ARMED_WORDS,
    CIVILIAN_WORDS,
    GENERIC_EXPLOSION,
    TRIGGERS,
    Trigger,
    disorder_type_of,
    event_type_of,
)
from geoevents.events.text import Span, clauses_from_sentence, sentences_from_article
from geoevents.records import (
    Article,
    Event,
    EventLocation,
    Evidence,
    MentionRole,
    ResolvedMention,
    ZoneKind,
)
from geoevents.settings import DEFAULT, Settings

_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|his|her|last\s+\w+'s|\w+’s|\w+'s)\s+(?:[\w\-’']+\s+){0,3}$",
    re.I,
)


# What a crowd did, in a clause followed by "in protest against ...": the clause is a demonstration.
_CROWD_ACT = re.compile(
    r"\b(?:forced\s+(?:their|its|a)\s+way|storm(?:ed|ing)|broke\s+into|march(?:ed|ing)|gathered|rallied|"
    r"block(?:ed|ing)|burn(?:ed|t|ing)|set(?:ting)?\s+fire|thr(?:ew|owing)|chant(?:ed|ing)|massed|camped)\b",
    re.IGNORECASE,
)


_IN_PROTEST = re.compile(r"^\W*in\s+protest\s+(?:against|at|over|of)\b", re.IGNORECASE)


_PROTEST_TRIGGER = next(t for t in TRIGGERS if t.sub_event_type == "Peaceful protest")


def reference_date(article: Article) -> tuple[date | None, str | None]:
    """The date relative expressions count from, and a tag when it is not the publication date.

    The text's own dateline or publication line comes first: it is the day the report speaks from.
    """
    stated = dateline_date(article.text)
    if stated is not None and stated.date is not None:
        same = article.published is not None and article.published.date() == stated.date
        return stated.date, None if same else "date-ref:dateline"
    if article.published is not None:
        return article.published.date(), None
    for key in ("fallback_date", "caption_date"):
        value = article.metadata.get(key)
        if isinstance(value, datetime):
            return value.date(), f"date-ref:{article.metadata.get('fallback_date_source', 'caption')}"
        if isinstance(value, date):
            return value, f"date-ref:{article.metadata.get('fallback_date_source', 'caption')}"
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(
                    value
                ).date(), f"date-ref:{article.metadata.get('fallback_date_source', 'caption')}"
            except ValueError:
                continue
    return None, None


def article_source(article: Article) -> str:
    """The article's source for citations: URL, else title, else path, else its id."""
    return article.url or article.title or article.path or article.id


def _best_trigger(clause: str) -> tuple[Trigger, re.Match[str]] | None:
    """The most specific trigger of a clause (specific before generic, then leftmost)."""
    best: tuple[int, int, Trigger, re.Match[str]] | None = None
    for rank, trigger in enumerate(TRIGGERS):
        m = trigger.pattern.search(clause)
        if not m:
            continue
        key = (1 if trigger.generic else 0, m.start() if trigger.generic else rank)
        if best is None or key < best[:2]:
            best = (key[0], key[1], trigger, m)
    return (best[2], best[3]) if best else None


_PLACE_TAIL = re.compile(r"\s*(?:and|or)\s+(?:also\s+)?(?:in|at|near|on|outside|inside|into|around)\b", re.I)


def _with_protest_acts(
    triggered: list[tuple[Span, tuple[Trigger, re.Match[str]] | None]],
) -> list[tuple[Span, tuple[Trigger, re.Match[str]] | None]]:
    """A clause of what a crowd did, followed by "in protest against ...", is a demonstration."""
    out = list(triggered)
    for i, (clause, found) in enumerate(out[:-1]):
        act = _CROWD_ACT.search(clause.text) if found is None or found[0].generic else None
        if act and _IN_PROTEST.match(out[i + 1][0].text):
            out[i] = (clause, (_PROTEST_TRIGGER, act))
    return out


def _with_place_tails(
    triggered: list[tuple[Span, tuple[Trigger, re.Match[str]] | None]], sentence: Span
) -> list[tuple[Span, tuple[Trigger, re.Match[str]] | None]]:
    """Clauses with a trigger-less "... and in Albukamal" tail joined back to the clause it locates."""
    out: list[tuple[Span, tuple[Trigger, re.Match[str]] | None]] = []
    for clause, found in triggered:
        if out and found is None and out[-1][1] is not None and _PLACE_TAIL.match(clause.text):
            head, head_found = out[-1]
            text = sentence.text[head.start - sentence.start : clause.end - sentence.start]
            out[-1] = (Span(head.start, clause.end, text, head.zone), head_found)
        else:
            out.append((clause, found))
    return out


def _drafts_from_article(
    article: Article, resolved: list[ResolvedMention], lexicon: ActorLexicon, settings: Settings
) -> list[Draft]:
    ref, ref_tag = reference_date(article)
    usable = sorted(
        (
            rm
            for rm in resolved
            if rm.place is not None
            and rm.mention.role == MentionRole.LITERAL
            and article.zone_at(rm.mention.start) not in (ZoneKind.JUNK, ZoneKind.META)
        ),
        key=lambda rm: rm.mention.start,
    )
    drafts: list[Draft] = []
    for sentence in sentences_from_article(article):
        clauses = [(c, _best_trigger(c.text)) for c in clauses_from_sentence(sentence)]
        triggered = _with_protest_acts(_with_place_tails(clauses, sentence))
        n_events = sum(1 for _, t in triggered if t)
        for clause, found in triggered:
            if found is None:
                continue
            trigger, m = found
            if m.group(0).lower() in ("hit", "targeted", "struck") and not re.search(
                r"\b(?:was|were|been)\s+$|\b(?:bombs?|rockets?|missiles?|shells?|strikes?|forces|troops)\s+(?:\w+\s+)?$",
                clause.text[: m.start()],
                re.I,
            ):
                continue  # "hit" and "struck" alone are too common in other senses
            if not asserted(clause.text, m.start()) or not_political(clause.text, m):
                continue
            scope = sentence if n_events == 1 else clause
            at_scope = (clause.start - scope.start + m.start(), clause.start - scope.start + m.end())
            dates = [
                d
                for d in dates_from_text(scope.text, reference=ref)
                if d.date is not None and date_of_trigger(scope.text, d, at_scope)
            ]
            casualties = casualties_from_text(scope.text)
            has_count = casualties.any
            if generic_plural(clause.text, m, dates, has_count):
                continue
            definite = trigger.nominal and bool(_DEFINITE.search(clause.text[: m.start()]))
            places = places_in(clause, usable)
            draft = Draft(
                order=len(drafts),
                sub_event_type=trigger.sub_event_type,
                generic=trigger.generic,
                zone=sentence.zone,
            )
            draft.trigger_texts.append(m.group(0))
            if dates:
                chosen = min(
                    dates,
                    key=lambda d: (
                        d.dateline,  # a dateline dates the report: the text's own date of the act comes first
                        d.precision,
                        abs(d.start - (clause.start - scope.start) - m.start()),
                    ),
                )
                draft.date, draft.precision, draft.date_explicit = chosen.date, chosen.precision, True
                if chosen.precision == 4:
                    draft.tags.add("year-only-date")
                if chosen.relative and ref_tag:
                    draft.tags.add(ref_tag)
                if sentence.zone == ZoneKind.CAPTION:
                    # A photo's date is when it was taken: the event is that day or shortly before.
                    draft.precision = max(draft.precision, 2)
                    draft.tags.add("date-from-caption")
            actor_text = clause.text[: phrase_end(clause.text, m.end())] if definite else clause.text
            draft.actor1, draft.actor2, _ = actors_of_clause(lexicon, actor_text, m)
            resolve_anaphors(draft, lexicon, article.text, clause, m)
            if (
                re.match(r"(?i)(?:supporters|followers|members)\s+of\b", clause.text[: m.start()].strip())
                and draft.actor1
            ):
                draft.assoc_actor_1, draft.actor1 = draft.actor1, None
            if casualties.fatalities is not None:
                draft.fatalities = (casualties.fatalities, casualties.fatalities_vague)
            if casualties.injuries is not None:
                draft.injuries = (casualties.injuries, casualties.injuries_vague)
            at = (clause.start + m.start(), clause.start + m.end())
            flags = site_flags(article.text, places, clause, at, reference=definite)
            for rm, site in zip(places, flags, strict=True):
                (draft.sites if site else draft.mentioned).append(rm)
            draft.spans.append(sentence)
            draft.context.append(clause.text[m.start() :])
            if definite:
                antecedents = [
                    d
                    for d in drafts
                    if drafts_compatible(d, draft, settings.merge_distance_km)
                    and (d.date is not None or draft.date is None)
                ]
                if draft.sub_event_type and any(same_kind(d, draft) == 2 for d in drafts):
                    # "The airstrikes" never retypes an untyped attack when the article has its own strikes.
                    antecedents = [d for d in antecedents if same_kind(d, draft) == 2]
                    if not antecedents:
                        continue
                if antecedents:
                    best = max(antecedents, key=lambda d: (same_kind(d, draft), affinity(d, draft), d.order))
                    absorb(best, draft)
                    continue
            if not (draft.date or draft.sites or has_count or PAST_VERB_AFTER.match(clause.text[m.end() :])):
                continue
            drafts.append(draft)
    return consolidate(drafts, ref, settings)


def _final_type(d: Draft, lexicon: ActorLexicon) -> str:
    """The ACLED sub-event type of a draft, deciding generic triggers from actor and target."""
    context = " ".join(d.context)
    if d.sub_event_type == "Peaceful protest":
        context = " ".join(s.text for s in d.spans)
        if re.search(
            r"\b(?:storm(?:ed|ing)|torched|set(?:ting)?\s+(?:fire|ablaze)|forced\s+(?:their|its|a)\s+way|"
            r"broke\s+into|thr(?:ew|owing)\s+(?:stones|rocks|petrol|molotov)|clashed|smash(?:ed|ing)|"
            r"burn(?:ed|t|ing)(?!\s+(?:\w+\s+)?(?:flags?|effigy|effigies|pictures?|portraits?|posters?)))\b",
            context,
            re.I,
        ):
            return "Violent demonstration"
        if re.search(r"\b(?:opened\s+fire\s+on|shot\s+(?:dead|and\s+killed))\b", context, re.I) or (
            d.fatalities and d.fatalities[0] > 0
        ):
            return "Excessive force against protesters"
        if re.search(
            r"\b(?:dispersed|tear\s*gas|water\s+cannon|rubber\s+bullets|baton|arrested|detained|broke\s+up)\b",
            context,
            re.I,
        ):
            return "Protest with intervention"
        return "Peaceful protest"
    if d.sub_event_type:
        return d.sub_event_type
    d.tags.add("type-from-generic-trigger")
    state = lexicon.inter(d.actor1) == 1
    words = " ".join(d.trigger_texts).lower()
    if d.generic == GENERIC_EXPLOSION:
        return (
            "Air/drone strike"
            if state and re.search(r"bomb|strike|struck", words)
            else "Remote explosive/landmine/IED"
        )
    if state and re.search(r"strike|struck|bomb", words):
        return "Air/drone strike"
    target = context
    if (d.actor2 or "").startswith("Civilians") or (
        CIVILIAN_WORDS.search(target) and not ARMED_WORDS.search(target)
    ):
        return "Attack"
    if ARMED_WORDS.search(target) or lexicon.inter(d.actor2) in (1, 2, 3, 4, 8):
        return "Armed clash"
    return "Attack"


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
    home: str | None = None,
    unknown: Sequence[ResolvedMention] = (),
) -> list[Event]:
    """Typed, located, identified ``Event`` records from finished drafts."""
    source, publisher = article_source(article), publisher_of(article)
    air_power = article_air_power(lexicon, article.text)
    events: list[Event] = []
    for d in drafts:
        sub = _final_type(d, lexicon)
        etype = event_type_of(sub)
        groups = location_groups(d, article.text, home=home, unknown=unknown) or [[]]
        for locations, share in zip(groups, shares(d, groups), strict=True):
            country = locations[0].place.country_code if locations else home
            actor1, actor2 = row_actors(
                lexicon,
                etype,
                sub,
                (d.actor1, d.actor2),
                country=country,
                air_power=air_power,
                civilian_victims=civilians_hit(" ".join(d.context)),
            )
            site_ids = {loc.place.feature_id for loc in locations}
            mentioned: dict[str, EventLocation] = {}
            for rm in d.sites + d.mentioned:
                if rm.place is not None and rm.place.feature_id not in site_ids:
                    mentioned.setdefault(
                        rm.place.feature_id, EventLocation(rm.place, rm.precision, role="mentioned")
                    )
            first_of_text: dict[str, Span] = {}
            for s in sorted(d.spans, key=lambda s: s.start):
                first_of_text.setdefault(s.text, s)  # a caption repeated by the page is one piece of evidence
            evidence = tuple(
                Evidence(article.id, s.start, s.end, s.text, source, publisher)
                for s in sorted(first_of_text.values(), key=lambda s: s.start)
            )
            tags = d.tags | share.tags
            fatalities, injuries = share.figures["fatalities"], share.figures["injuries"]
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


def _with_id(event: Event) -> Event:
    from dataclasses import replace

    return replace(event, event_id=event_id_for(event))


def events_from_article(
    article: Article,
    resolved: list[ResolvedMention],
    *,
    settings: Settings | None = None,
    actors: ActorLexicon | None = None,
) -> list[Event]:
    """The events an article reports, with dates, actors, counts, places and evidence."""
    settings = settings or DEFAULT
    lexicon = actors or default_actors()
    drafts = _drafts_from_article(article, list(resolved), lexicon, settings)
    unknown = [rm for rm in resolved if rm.place is None and rm.mention.role is MentionRole.LITERAL]
    return events_from_drafts(article, drafts, lexicon, home=article_country(resolved), unknown=unknown)


__all__ = ["article_source", "events_from_article", "places_compatible", "reference_date"]
