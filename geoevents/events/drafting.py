"""From sentences to event drafts: each clause's accepted act with its date, actors, tolls and sites.

A definite reference ("the strikes", "Friday's attack") adds what it says to the earlier draft it
names; a bare toll right after an act is that act's; an undated report after a sentence that opens
with its date takes that date. Drafts are then consolidated (coreference within the article).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from geoevents.events.actors import (
    PASSIVE_BEFORE,
    ActorLexicon,
    actors_of_clause,
    phrase_end,
    resolve_anaphors,
)
from geoevents.events.clause_triggers import Found, triggered_clauses
from geoevents.events.coref import (
    FURTHER_TOLL,
    REPELLED,
    absorb,
    affinity,
    consolidate,
    drafts_compatible,
    same_kind,
)
from geoevents.events.counts import Casualties, casualties_from_text, loose_toll
from geoevents.events.datecontext import dated_by_context
from geoevents.events.dates import (
    ACT,
    REPORT,
    DateMatch,
    date_role,
    dates_in_clause,
    opening_date,
)
from geoevents.events.draft import Draft
from geoevents.events.draft_dates import date_from_the_lead
from geoevents.events.gate import Story, opens_on_cause, rejection, told_as_cause
from geoevents.events.place_lists import TownList, one_per_town, town_list
from geoevents.events.prefilter import folded
from geoevents.events.realis import OCCASION, PAST_VERB_AFTER, campaign_summary, generic_plural
from geoevents.events.reference import reference_date
from geoevents.events.retold import retellings_folded
from geoevents.events.site_words import located_there
from geoevents.events.sites import places_in, site_flags
from geoevents.events.taxonomy import VIOLENT_TYPES, event_type_of
from geoevents.events.text import Span, clauses_from_sentence, sentences_from_article
from geoevents.events.tollcarry import bare_tolls_folded, casualties_of_act, tolls_carried, tolls_updated
from geoevents.events.triggers import best_trigger, could_trigger
from geoevents.records import Article, MentionRole, ResolvedMention, Zone, ZoneKind
from geoevents.settings import Settings

_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|his|her|last\s+\w+'s|\w+’s|\w+'s)\s+(?:[\w\-’']+\s+){0,3}$",
    re.I,
)


# A trigger that is itself a finite past verb ("shelled", "kidnapped", "fought") reports an act.
_PAST_TRIGGER = re.compile(
    r"(?:\w+ed|fought|shot|struck|hit|took|overran|overrun|blew|threw|beat|beaten|sent|brought|set\s+up|built|"
    r"withdrew|withdrawn|fell|held|seized|stole|burnt|burned|rounded\s+up|broke\s+up|gunned\s+down|killed)"
    r"(?:\s+\w+){0,6}$",
    re.IGNORECASE,
)
# A finite past verb: the clause reports an act, not a topic ("rebels attacked ... with car bombs").
_PAST_ACT = re.compile(
    r"(?<!\bto\s)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bwill\s)(?<!\bwould\s)"
    r"\b(?!(?:said|added|stated|reported|noted|claimed|warned|announced|expected|needed|based|used|called)\b)"
    r"(?:[a-z]{3,}ed|brought|came|took|made|held|began|broke|fled|fought|left|led|sent|set|shot|struck|threw|"
    r"went|won|bore|drew|fell|gave|got|hit|lost|overran|blew|rode|stole|tore|beat|burnt|withdrew|retook)\b",
    re.IGNORECASE,
)
# "In another strike", "a separate attack": a report that says it is not the event before it.
_ANOTHER = re.compile(
    r"\b(?:another|a\s+(?:separate|second|third|further|new|fresh)|other|separate|separately)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "Also in Aleppo province ...", "artillery fire also hit the town of ...": an act told as one more,
# at its own place, is not the event before it when its place differs.
_ELSEWHERE = re.compile(
    r"^\W*(?:also|elsewhere|meanwhile)\b|\balso\s+(?:\w+\s+)?(?:hit|struck|targeted|in|at|near)\b", re.I
)
# "Two soldiers were also killed": dead besides those the act before counted.
_ALSO_KILLED = re.compile(r"\balso\s+(?:(?:been|shot|\w+ly)\s+)?(?:killed|dead)$", re.I)
# "Troops repelled the attack": the fight of an attack already told, not a new one.
_REPELLED_IT = re.compile(r"\b(?:repelled|repulsed|fought\s+off|beat\s+back)\s+(?:the|this|that)\s+", re.I)
# A clause that gives the cause of the act before it and ends on the act's toll ("fighting erupted
# after gunmen seized a chief, killing 20"); "after a strike killed 12" tells a toll of its own.
# The toll a clause opened on a cause ends with: "after X detained Y, killing 55".
_TOLL_AT_END = re.compile(r",\s+(?:killing|leaving)\s", re.I)
# "Among the dead were ...": the victims of the event just told, wherever the text says they stood.
_TOLL_OF_PREVIOUS = re.compile(
    r"\W*among\s+(?:the\s+|those\s+)?(?:dead|killed|victims|casualties|wounded|injured|fatalities)\b"
    r"|.*?\b(?:was|were)\s+among\s+(?:the\s+|those\s+)?(?:dead|killed|victims|casualties|fatalities)\s*[.!]?$",
    re.I,
)
# "Its two pilots were killed": the crew of the aircraft just told as downed, not a killing of its own.
_TOLL_OF_CREW = re.compile(
    r"\W*(?:(?:both|all)\s+(?:of\s+)?)?(?:its|their|the)\s+(?:\w+\s+){0,2}?"
    r"(?:pilots?|co-pilots?|crew(?:men|members)?|airmen|navigators?|aircrew)\b",
    re.I,
)
# A present perfect that names one occurrence ("have conducted an attack", "have pushed them out of the
# village of X") is news; one naming areas, fronts or tallies ("have captured wide areas", "has carried out
# 450 air strikes around X") sums up a campaign even where it names a place.
_ONE_OCCURRENCE = re.compile(
    r"\b(?:has|have|having)\s+(?:[\w'’-]+\s+){0,5}?(?:an?|one)\s+(?!(?:series|number|wave|spate|string|campaign)\b)\w+"
    r"|\bthe\s+(?:village|town|city|district|neighbou?rhood|base|airport|hill)\s+of\s+[A-Z]",
    re.IGNORECASE,
)
# Detentions are told in the present perfect as news ("seven people have been arrested").
_PEOPLE_TAKEN = frozenset({"Arrests", "Abduction/forced disappearance"})


# A verb between a determiner and the trigger: "the observatory said air strikes" is no reference.
_VERB_IN_PHRASE = re.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|announced|added|stated|claimed)\b", re.IGNORECASE
)


def _definite(before: str) -> bool:
    """Whether the trigger's noun phrase is definite ("the strikes", "Friday's attack")."""
    m = _DEFINITE.search(before)
    return m is not None and not _VERB_IN_PHRASE.search(m.group(0))


# Headline grammar: the present tense tells what happened ("Army retakes town", "Drone strike kills 3").
_HEADLINE_VERB = re.compile(
    r"\b(?:kills?|attacks?|strikes?|hits?|seizes?|captures?|retakes?|recaptures?|storms?|bombs?|shells?|"
    r"clash(?:es)?|protests?|marches|rall(?:y|ies)|arrests?|detains?|kidnaps?|abducts?|frees?|ambush(?:es)?|"
    r"downs?|torch(?:es)?|loots?|signs?|agrees?|overruns?|takes?\s+(?:control|over)|blows?\s+up|fires?|drops?|"
    r"pounds?|targets?|wounds?|injures?|executes?|lynch(?:es)?|burns?|razes?|deploys?|sends?|withdraws?|"
    r"pulls?\s+out|hands?\s+over|enters?|joins?|merges?|releases?|defuses?|intercepts?|topples?|ousts?|"
    r"breaks?\s+up|disperses?|throws?|hurls?|pelts?|sets?\s+fire|demolish(?:es)?|uproots?|dismantles?)\b",
    re.IGNORECASE,
)


_FINAL_MARKS = (".", "!", "?", "”", '"')  # a sentence ending in none of them is a headline or a caption


def _headline_act(sentence: str, clause: str) -> bool:
    """Whether a sentence without final punctuation reports an act in headline grammar."""
    return not sentence.rstrip().endswith(_FINAL_MARKS) and bool(_HEADLINE_VERB.search(clause))


def _note(trace: list[str] | None, reason: str) -> None:
    if trace is not None:
        trace.append(reason)


def event_sentences(article: Article) -> list[Span]:
    """The sentences that can report events; a text that is only a headline is read as its story."""
    key = (article.text, article.zones)  # all the sentences depend on
    if _LAST_SENTENCES and _LAST_SENTENCES[0][0] == key:  # the same article, asked why it gave no event
        return _LAST_SENTENCES[0][1]
    found = sentences_from_article(article)
    found = found or sentences_from_article(article, zones=frozenset({ZoneKind.TITLE}))
    _LAST_SENTENCES[:] = [(key, found)]
    return found


_LAST_SENTENCES: list[tuple[tuple[str, tuple[Zone, ...]], list[Span]]] = []


@dataclass
class _Sentence:
    """What every clause of one sentence is read against."""

    article: Article
    usable: list[ResolvedMention]
    lexicon: ActorLexicon
    sentence: Span
    n_events: int
    loose: Casualties | None
    first_act: Span | None
    cause: Span | None  # "clashes broke out after X detained Y, killing 55": the clause of the cause
    acts: dict[Span, list[int]]  # where each clause's triggers start (whose act a list of towns is)
    mentions: list[ResolvedMention]  # every place mention, placed or not (towns the gazetteer lacks)


def _usable_places(article: Article, resolved: list[ResolvedMention]) -> list[ResolvedMention]:
    """The literal, resolved places outside junk and metadata zones, in text order; a name read as a
    government that a locative puts the act in ("groups in Zawiya agreed") is the place."""
    return sorted(
        (
            rm
            for rm in resolved
            if rm.place is not None
            and (
                rm.mention.role == MentionRole.LITERAL
                or (rm.mention.role == MentionRole.METONYMIC and located_there(article.text, rm))
            )
            and article.zone_at(rm.mention.start) not in (ZoneKind.JUNK, ZoneKind.META)
        ),
        key=lambda rm: rm.mention.start,
    )


def drafts_from_article(
    article: Article,
    resolved: list[ResolvedMention],
    lexicon: ActorLexicon,
    settings: Settings,
    trace: list[str] | None = None,
    seen: Counter[str] | None = None,
) -> list[Draft]:
    """The article's drafts; ``trace`` collects why triggers were set aside, ``seen`` the specific
    sub-types its triggers name, asserted or not (what the article is about)."""
    usable = _usable_places(article, resolved)
    drafts: list[Draft] = []
    sentences = event_sentences(article)
    story = Story(" ".join(s.text for s in sentences), article.published.year if article.published else None)
    for sentence in sentences:
        if not could_trigger(sentence.text) and "protest" not in folded(sentence.text):
            continue  # no clause of it can hold a trigger or be a crowd's act "in protest"
        triggered = triggered_clauses(clauses_from_sentence(sentence), sentence)
        n_events = sum(1 for _, t in triggered if t)
        # "... seized the town after two days of fighting; 6 fighters were killed": the sentence's first act's
        loose = loose_toll([c.text for c, t in triggered if t is None]) if n_events > 1 else None
        first_act = next((c for c, t in triggered if t), None)
        first_kind = next((t[0].sub_event_type for c, t in triggered if t), None)
        cause = next((c for c, t in triggered if c is not first_act and _cause_of_a_toll(c, t)), None)
        acts: dict[Span, list[int]] = {}
        for c, t in triggered:
            if t:
                acts.setdefault(c, []).append(t[1].start())
        here = _Sentence(
            article, usable, lexicon, sentence, n_events, loose, first_act, cause, acts, resolved
        )
        for clause, found in triggered:
            if found is None:
                continue
            kept = _accepted(clause, found, story, sentence, trace, seen)
            if kept is None:
                continue
            if clause is not first_act and told_as_cause(clause.text, *kept, first_kind):
                _note(trace, "background")
                continue
            made = _draft_of_clause(here, clause, kept, len(drafts), trace)
            if made is None or (made.definite and _referred_back(made.draft, drafts, settings)):
                continue
            if not made.supported:
                _note(trace, "unsupported")
                continue
            drafts.append(made.draft)
    if not drafts:
        return drafts
    ref = reference_date(article)[0]
    tolls_carried(drafts, sentences, usable)
    date_from_the_lead(drafts, sentences, ref)
    kept_drafts = retellings_folded(consolidate(bare_tolls_folded(drafts), ref, settings), settings)
    dated_by_context(kept_drafts, sentences, article.text, ref)
    tolls_updated(kept_drafts, sentences)
    return one_per_town(kept_drafts, article.text)


def _accepted(
    clause: Span,
    found: Found,
    story: Story,
    sentence: Span,
    trace: list[str] | None,
    seen: Counter[str] | None,
) -> Found | None:
    """The clause's trigger that passes the gate: its first, else the next act the clause words."""
    trigger, m = found
    if seen is not None and trigger.sub_event_type:
        seen[trigger.sub_event_type] += 1
    rejected = rejection(clause.text, trigger, m, story=story, sentence=sentence.text)
    tried = {trigger}
    while rejected and (other := best_trigger(clause.text, skip=frozenset(tried))) is not None:
        # The first trigger set aside ("a house arrest order"), the clause's next act may be one.
        tried.add(other.trigger)
        if m.start() <= other.match.start() < m.end():
            continue  # the same words read by another row: no new act
        trigger, m = other.trigger, other.match
        rejected = rejection(clause.text, trigger, m, story=story, sentence=sentence.text)
    if rejected:
        _note(trace, rejected)
        return None
    return Found(trigger, m)


def _clause_dates(
    here: _Sentence, clause: Span, scope: Span, m: re.Match[str]
) -> tuple[list[DateMatch], dict[DateMatch, int], str | None]:
    """The dates of the act's scope with their roles (act or report), and the reference date's tag."""
    ref, ref_tag = reference_date(here.article)  # only an article with a trigger needs its date
    at_scope = (clause.start - scope.start + m.start(), clause.start - scope.start + m.end())
    roles = {
        d: role
        for d in dates_in_clause(
            scope.text, here.sentence.text, scope.start - here.sentence.start, reference=ref
        )
        if d.date is not None and (role := date_role(scope.text, d, at_scope))
    }
    dates = list(roles)
    if not dates and scope is clause and (opening := opening_date(here.sentence.text, reference=ref)):
        dates, roles = [opening], {opening: ACT}  # "On 2 May 2020, gunmen A; the mob then B"
    return dates, roles, ref_tag


class _Made(NamedTuple):
    draft: Draft
    definite: bool  # a definite reference ("the strikes") that may add to an earlier draft
    supported: bool  # dated, placed, counted or told as an act: an event of its own


def _draft_of_clause(
    here: _Sentence, clause: Span, found: Found, order: int, trace: list[str] | None
) -> _Made | None:
    """The draft of one clause's accepted act, or None when it reads as a pattern or campaign."""
    trigger, m = found
    sentence = here.sentence
    scope = sentence if here.n_events == 1 else clause
    dates, roles, ref_tag = _clause_dates(here, clause, scope, m)
    earlier = tuple(s for s in here.acts.get(clause, []) if s < m.start()) if scope is clause else ()
    then = sentence.text[clause.end - sentence.start :] if scope is clause else ""  # the clauses after it
    end = clause.start - scope.start + m.end()
    casualties = casualties_of_act(scope.text, end, trigger_start=m.start(), earlier_acts=earlier, then=then)
    if here.loose is not None and clause is here.first_act and not casualties.any:
        casualties = here.loose
    casualties = _toll_of_the_cause(here, clause, casualties)
    has_count = casualties.any
    headline = not sentence.text.rstrip().endswith(_FINAL_MARKS)
    if generic_plural(clause.text, m, dates, has_count, noun=trigger.nominal, headline=headline):
        _note(trace, "pattern")
        return None
    another = bool(_ANOTHER.search(clause.text[: m.start()]))
    # "The army shelled ...": a determiner before a verb is its subject's, not a reference.
    verbal = bool(_PAST_TRIGGER.fullmatch(m.group(0)))
    definite = trigger.nominal and not another and not verbal and _definite(clause.text[: m.start()])
    places = places_in(clause, here.usable)
    if (
        trigger.sub_event_type not in _PEOPLE_TAKEN
        and not (dates or has_count or (places and _ONE_OCCURRENCE.search(clause.text)))
        and campaign_summary(clause.text, m)
    ):
        _note(trace, "pattern")
        return None
    draft = Draft(
        order=order, sub_event_type=trigger.sub_event_type, generic=trigger.generic, zone=sentence.zone
    )
    draft.trigger_texts.append(m.group(0))
    if another:
        draft.tags.add("another-event")
    if _ELSEWHERE.search(clause.text):
        draft.tags.add("elsewhere")
    if _TOLL_OF_PREVIOUS.match(sentence.text):
        draft.tags.add("toll-of-previous")
    if _TOLL_OF_CREW.match(sentence.text) and trigger.sub_event_type is None:
        draft.tags.add("toll-of-crew")
    if trigger.sub_event_type is None and _ALSO_KILLED.search(clause.text[: m.start()] + m.group(0)):
        draft.tags.add(FURTHER_TOLL)
    if _REPELLED_IT.search(m.group(0)):
        draft.tags.add(REPELLED)
    if dates:
        _set_date(draft, dates, roles, ref_tag, clause.start - scope.start + m.start(), sentence.zone)
    draft.towns = _towns_of(here, clause, m)
    _fill_arguments(here, draft, clause, m, places, casualties, definite)
    # A named occasion ("on Friday") anchors an act, not a reference to one ("the 1995 massacre").
    occasion = not definite and OCCASION.search(clause.text)
    anchored = draft.date or draft.sites or has_count or occasion
    supported = bool(anchored or _acted(sentence.text, clause.text, m, definite))
    return _Made(draft, definite, supported)


def _towns_of(here: _Sentence, clause: Span, m: re.Match[str]) -> TownList | None:
    """The towns the clause lists as its act's sites, read in the clause's text."""
    others = [s for s in here.acts.get(clause, []) if s != m.start()]
    return town_list(clause, (m.start(), m.end()), others, here.mentions)


def _cause_of_a_toll(clause: Span, found: Found | None) -> bool:
    """A clause telling an act that kills no one (a detention, a seizure) as the cause of the act before
    it, and ending on a toll: the toll is that act's."""
    if found is None or not (opens_on_cause(clause.text) and _TOLL_AT_END.search(clause.text)):
        return False
    kind = found[0].sub_event_type
    return kind in _PEOPLE_TAKEN or (kind is not None and event_type_of(kind) not in VIOLENT_TYPES)


def _toll_of_the_cause(here: _Sentence, clause: Span, casualties: Casualties) -> Casualties:
    """A toll told after the cause of the sentence's act ("clashes broke out after X detained Y, killing
    55") is the act's, the main clause's: the cause's clause gives it up, the first act takes it."""
    if here.cause is None:
        return casualties
    if clause is here.cause:
        return Casualties(None, None, False, False)
    if clause is here.first_act and not casualties.any:
        return casualties_from_text(here.cause.text)
    return casualties


def _acted(sentence: str, clause: str, m: re.Match[str], definite: bool) -> bool:
    """Whether the clause tells the act as done: a past verb, or a headline's present."""
    return bool(
        PAST_VERB_AFTER.match(clause[m.end() :])
        or (not definite and (_PAST_TRIGGER.fullmatch(m.group(0)) or _PAST_ACT.search(clause)))
        or _headline_act(sentence, clause)
    )


def _set_date(
    draft: Draft,
    dates: list[DateMatch],
    roles: dict[DateMatch, int],
    ref_tag: str | None,
    at: int,
    zone: ZoneKind,
) -> None:
    """The act's own date, else the day it was reported (a dateline's too), nearest the trigger ``at``."""
    chosen = min(
        dates,
        key=lambda d: (-(REPORT if d.dateline else roles[d]), d.dateline, d.precision, abs(d.start - at)),
    )
    draft.date, draft.precision, draft.date_explicit = chosen.date, chosen.precision, True
    if chosen.precision == 4:
        draft.tags.add("year-only-date")
    if roles[chosen] == REPORT or chosen.dateline:
        draft.tags.add("date-of-report")
    if chosen.dateline:
        draft.tags.add("date-of-dateline")
    if chosen.relative and ref_tag:
        draft.tags.add(ref_tag)
    if zone == ZoneKind.CAPTION:
        # A photo's date is when it was taken: the event is that day or shortly before.
        draft.precision = max(draft.precision, 2)
        draft.tags.add("date-from-caption")


_ARMED = (1, 2, 3, 4, 8)  # ACLED inter codes of state forces, rebels, militias and foreign forces


def _fill_arguments(
    here: _Sentence,
    draft: Draft,
    clause: Span,
    m: re.Match[str],
    places: list[ResolvedMention],
    casualties: Casualties,
    definite: bool,
) -> None:
    """Actors, tolls, sites and the agent and target sides of the clause, onto the draft."""
    actor_text = clause.text[: phrase_end(clause.text, m.end())] if definite else clause.text
    draft.actor1, draft.actor2, _ = actors_of_clause(here.lexicon, actor_text, m)
    resolve_anaphors(draft, here.lexicon, here.article.text, clause, m)
    lead = re.match(r"(?i)(supporters|followers|members)\s+of\b", clause.text[: m.start()].strip())
    # "members of the Gulf Clan attacked": an armed group's members are the group; a party's back it
    armed = lead is not None and lead.group(1).lower() == "members"
    armed = armed and here.lexicon.inter(draft.actor1) in _ARMED
    if lead and draft.actor1 and not armed:
        draft.assoc_actor_1, draft.actor1 = draft.actor1, None
    if casualties.fatalities is not None:
        draft.fatalities = (casualties.fatalities, casualties.fatalities_vague)
    if casualties.injuries is not None:
        draft.injuries = (casualties.injuries, casualties.injuries_vague)
    at = (clause.start + m.start(), clause.start + m.end())
    flags = site_flags(here.article.text, places, clause, at, reference=definite)
    for rm, site in zip(places, flags, strict=True):
        (draft.sites if site else draft.mentioned).append(rm)
    draft.spans.append(here.sentence)
    passive = bool(PASSIVE_BEFORE.search(clause.text[: m.start()]))
    # The target of "X was killed" is its subject; of "gunmen killed X", what follows.
    draft.context.append(clause.text[: m.start()] if passive else clause.text[m.start() :])
    draft.subjects.append(clause.text[m.end() :] if passive else clause.text[: m.start()])


def _referred_back(draft: Draft, drafts: list[Draft], settings: Settings) -> bool:
    """Whether a definite reference was added to the earlier draft it names, or dropped as one
    whose kind the article already reports; False leaves it to stand as an event of its own."""
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
            return True
    if antecedents:
        best = max(antecedents, key=lambda d: (same_kind(d, draft), affinity(d, draft), d.order))
        absorb(best, draft)
        return True
    return False
