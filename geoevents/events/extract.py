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
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache

from geoevents.events.actors import (
    PASSIVE_BEFORE,
    ActorLexicon,
    actors_of_clause,
    article_air_power,
    civilians_hit,
    claimant,
    default_actors,
    holder,
    in_country,
    phrase_end,
    resolve_anaphors,
    row_actors,
)
from geoevents.events.coref import absorb, affinity, consolidate, drafts_compatible, same_kind
from geoevents.events.counts import casualties_from_text, loose_toll
from geoevents.events.datecontext import dated_by_context
from geoevents.events.dates import (
    ACT,
    REPORT,
    acled_time_precision,
    date_role,
    dateline_date,
    dates_from_text,
    opening_date,
)
from geoevents.events.draft import Draft
from geoevents.events.figures import shares, toll_for
from geoevents.events.folds import sentence_folds
from geoevents.events.ids import event_id_for
from geoevents.events.prefilter import folded
from geoevents.events.protests import commemoration
from geoevents.events.realis import (
    CRIME_LOOKALIKES,
    PAST_VERB_AFTER,
    asserted,
    campaign_summary,
    claimed,
    collateral_damage,
    crime_story,
    generic_plural,
    no_event_reason,
    ordinary_arrest,
    quiet_story,
    recalled,
)
from geoevents.events.sites import (
    SiteContext,
    article_country,
    location_groups,
    places_compatible,
    places_in,
    site_context,
    site_flags,
)
from geoevents.events.sources import publisher_of
from geoevents.events.subtypes import article_topic, final_type
from geoevents.events.taxonomy import (
    disorder_type_of,
    event_type_of,
)
from geoevents.events.text import Span, clauses_from_sentence, sentences_from_article
from geoevents.events.triggers import (
    TERRITORY,
    Trigger,
    TriggerMention,
    best_trigger,
    conjoined_trigger,
    could_trigger,
    load_triggers,
    territory_trigger,
    trigger_for,
)
from geoevents.records import (
    Article,
    Event,
    EventLocation,
    Evidence,
    MentionRole,
    ResolvedMention,
    Zone,
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


_PROTEST_TRIGGER = trigger_for("Peaceful protest")


# The article last dated and its reference date: asked again by later steps of the same article.
_LAST_DATED: list[tuple[Article, tuple[date | None, str | None]]] = []


def reference_date(article: Article) -> tuple[date | None, str | None]:
    """The date relative expressions count from, and a tag when it is not the publication date.

    The text's own dateline or publication line comes first: it is the day the report speaks from.
    """
    last = _LAST_DATED[-1] if _LAST_DATED else None
    if last is not None and last[0] is article:
        return last[1]
    found = _reference_date(article)
    _LAST_DATED[:] = [(article, found)]
    return found


def _reference_date(article: Article) -> tuple[date | None, str | None]:
    stated = dateline_date(article.text)
    published = article.published.date() if article.published else None
    if stated is not None and stated.updated and stated.date and published and published <= stated.date:
        stated = None  # updated after it was published: the publication day is the report's
    if stated is not None and stated.date is not None:
        same = article.published is not None and article.published.date() == stated.date
        return stated.date, None if same else "date-ref:dateline"
    if article.published is not None:
        return article.published.date(), None
    told = _first_full_date(article.text)
    if told is not None:
        return told, "date-ref:text"  # a note's own day ("As reported on 28 April 2020, on 26 April, ...")
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


def _first_full_date(text: str) -> date | None:
    """The first day the opening of a text names in full, year and all: the day a note speaks from."""
    return next(
        (d.date for d in dates_from_text(text[:300], reference=None) if d.date and d.precision <= 2), None
    )


def article_source(article: Article) -> str:
    """The article's source for citations: URL, else title, else path, else its id."""
    return article.url or article.title or article.path or article.id


def _best_trigger(clause: str) -> tuple[Trigger, re.Match[str]] | None:
    """The trigger of a clause as (row, match), or None."""
    found = best_trigger(clause)
    return (found.trigger, found.match) if found else None


@lru_cache(maxsize=512)  # read again when the same article is asked why it gave no event
def _triggers_of(clause: Span) -> list[tuple[Span, tuple[Trigger, re.Match[str]] | None]]:
    """The clause with its trigger, twice when it names two weapons of one kind ("strikes and shelling")."""
    found = best_trigger(clause.text)
    if found is None:
        return [(clause, None)]
    found = _past_a_weak_verb(clause.text, found)
    pairs: list[tuple[Span, tuple[Trigger, re.Match[str]] | None]] = [(clause, (found.trigger, found.match))]
    for second in (conjoined_trigger(clause.text, found), territory_trigger(clause.text, found)):
        if second is not None:
            pairs.append((clause, (second.trigger, second.match)))
    return pairs


def _past_a_weak_verb(clause: str, found: TriggerMention) -> TriggerMention:
    """A weak verb read first ("Depot hit ... gunmen shot dead a guard") yields to a later generic act."""
    m = found.match
    if not found.trigger.generic or not _weak(clause, m):
        return found
    later = [
        TriggerMention(t, match)
        for t in load_triggers()
        if t.generic and (match := t.pattern.search(clause, m.end())) is not None
    ]
    return min(later, key=lambda t: t.match.start()) if later else found


def _weak(clause: str, m: re.Match[str]) -> bool:
    """A weak verb ("hit", "struck") with nothing before it that makes it an attack."""
    return m.group(0).lower() in _WEAK_VERBS and not _WEAK_VERB_SUBJECT.search(clause[: m.start()])


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


_TOLL_ONLY = re.compile(
    r"(?:(?:was|were|been|being|got)\s+(?:\w+ly\s+)?)?(?:killed|killing|dead|died|wounded|injured)",
    re.IGNORECASE,
)


def _with_tolls_folded(
    triggered: list[tuple[Span, tuple[Trigger, re.Match[str]] | None]],
) -> list[tuple[Span, tuple[Trigger, re.Match[str]] | None]]:
    """A bare toll clause of a sentence whose other clause names the act ("30 people were killed after
    a suicide bomber blew himself up") is that act's toll, not an event of its own."""
    typed = [found for _, found in triggered if found is not None and found[0].sub_event_type is not None]
    if not typed:
        return triggered
    out: list[tuple[Span, tuple[Trigger, re.Match[str]] | None]] = []
    for clause, found in triggered:
        toll = found is not None and found[0].generic is not None and _TOLL_ONLY.fullmatch(found[1].group(0))
        out.append((clause, None if toll else found))
    return out


# A clause that opens on the fight a capture came after ("after two days of fighting", "following clashes").
_FIGHT_BEFORE = re.compile(r"\W*(?:after|following|amid|during)\b", re.IGNORECASE)


def _with_capture_fights_folded(
    triggered: list[tuple[Span, tuple[Trigger, re.Match[str]] | None]],
) -> list[tuple[Span, tuple[Trigger, re.Match[str]] | None]]:
    """The fighting a capture came after, told in the sentence of the capture ("seized the town after
    heavy fighting"), is that battle: the codebook codes a battle in which a place changes hands as the
    territorial event alone."""
    if not any(found is not None and found[0].sub_event_type in TERRITORY for _, found in triggered):
        return triggered
    return [
        (clause, None)
        if found is not None and found[0].sub_event_type == "Armed clash" and _FIGHT_BEFORE.match(clause.text)
        else (clause, found)
        for clause, found in triggered
    ]


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


# "hit" and "struck" alone are too common in other senses: only a weapon's or a passive's count.
_WEAK_VERBS = frozenset({"hit", "targeted", "struck"})
_WEAK_VERB_SUBJECT = re.compile(
    r"\b(?:was|were|been)\s+$|\b(?:bombs?|rockets?|missiles?|shells?|strikes?|forces|troops)\s+(?:\w+\s+)?$",
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
    r"\b(?:another|a\s+(?:separate|second|third|further|new|fresh)|other|separately)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "Also in Aleppo province ...", "artillery fire also hit the town of ...": an act told as one more,
# at its own place, is not the event before it when its place differs.
_ELSEWHERE = re.compile(
    r"^\W*(?:also|elsewhere|meanwhile)\b|\balso\s+(?:\w+\s+)?(?:hit|struck|targeted|in|at|near)\b", re.I
)
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
BACKGROUND_DAYS = 30  # an event that ended this long before publication is background


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


def _event_sentences(article: Article) -> list[Span]:
    """The sentences that can report events; a text that is only a headline is read as its story."""
    key = (article.text, article.zones)  # all the sentences depend on
    if _LAST_SENTENCES and _LAST_SENTENCES[0][0] == key:  # the same article, asked why it gave no event
        return _LAST_SENTENCES[0][1]
    found = sentences_from_article(article)
    found = found or sentences_from_article(article, zones=frozenset({ZoneKind.TITLE}))
    _LAST_SENTENCES[:] = [(key, found)]
    return found


_LAST_SENTENCES: list[tuple[tuple[str, tuple[Zone, ...]], list[Span]]] = []


class _Story:
    """An article's text, judged on first need (most articles never ask): crime story, local news."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def crime(self) -> bool:
        return crime_story(self.text)

    @cached_property
    def quiet(self) -> bool:
        return quiet_story(self.text)


# "X and Y agreed to ..." or "X agreed with Y to ...": two parties, which an agreement needs.
_PARTIES_JOINED = re.compile(r"\w\s+(?:and|&)\s+(?:the\s+)?\w", re.IGNORECASE)


def _two_parties(clause: str, m: re.Match[str]) -> bool:
    return bool(re.search(r"(?i)\bwith\b", m.group(0)) or _PARTIES_JOINED.search(clause[: m.start()]))


def _rejection(
    clause: str,
    trigger: Trigger,
    m: re.Match[str],
    *,
    story: _Story | None = None,
    sentence: str | None = None,
) -> str | None:
    """Why a clause's trigger is not an event (realis or an ordinary, non-political cause), or None.

    ``story``: the article's text, judged once whether it reads as ordinary crime or local news.
    """
    if _weak(clause, m):
        return "weak-verb"
    if not asserted(clause, m.start()):
        return "not-asserted"
    if claimed(clause, m.start()):
        return "claim"
    if recalled(clause) and not commemoration(trigger, clause, m):
        return "background"
    if story is not None and trigger.sub_event_type in CRIME_LOOKALIKES and story.crime:
        return "crime"
    if trigger.sub_event_type == "Arrests" and ordinary_arrest(sentence or clause):
        return "crime"
    if trigger.sub_event_type == "Looting/property destruction" and collateral_damage(clause):
        return "collateral"
    if trigger.sub_event_type == "Agreement" and not trigger.nominal and not _two_parties(clause, m):
        return "not-asserted"  # "the government agreed to deploy troops": one side's plan, not an agreement
    if trigger.sub_event_type == "Mob violence":
        return None  # a crowd punishing an alleged crime is mob violence, not the crime
    loose = trigger.generic is not None or trigger.sub_event_type == "Armed clash"
    reason = no_event_reason(clause, loose, m, sentence=sentence)
    if reason is None and story is not None and trigger.generic is not None and story.quiet:
        return "crime"  # a killing or shooting told with no armed actor or political side at all
    return reason


def _latest_day(d: Draft) -> date | None:
    """The last day a draft's date may stand for (its week, month or year)."""
    if d.date is None:
        return None
    if d.precision >= 4:
        return date(d.date.year, 12, 31)
    if d.precision == 3:
        return d.date + timedelta(days=31)
    return d.date + timedelta(days=6 if d.precision == 2 else 0)


def _tag_background(drafts: list[Draft], ref: date | None) -> None:
    """Events dated long before publication (history, anniversaries, attacks recalled) are background.

    Without a publication date, the latest day-precise date the article reports stands for it.
    """
    if ref is None:
        ref = max((d.date for d in drafts if d.date is not None and d.precision == 1), default=None)
    for d in drafts:
        latest = _latest_day(d)
        if ref is not None and latest is not None and (ref - latest).days > BACKGROUND_DAYS:
            d.tags.add("background")


def _drafts_from_article(
    article: Article,
    resolved: list[ResolvedMention],
    lexicon: ActorLexicon,
    settings: Settings,
    trace: list[str] | None = None,
    seen: Counter[str] | None = None,
) -> list[Draft]:
    """The article's drafts; ``trace`` collects why triggers were set aside, ``seen`` the specific
    sub-types its triggers name, asserted or not (what the article is about)."""
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
    sentences = _event_sentences(article)
    story = _Story(" ".join(s.text for s in sentences))
    for sentence in sentences:
        if not could_trigger(sentence.text) and "protest" not in folded(sentence.text):
            continue  # no clause of it can hold a trigger or be a crowd's act "in protest"
        clauses = [pair for c in clauses_from_sentence(sentence) for pair in _triggers_of(c)]
        triggered = _with_tolls_folded(_with_protest_acts(_with_place_tails(clauses, sentence)))
        triggered = sentence_folds(_with_capture_fights_folded(triggered))
        n_events = sum(1 for _, t in triggered if t)
        # "... seized the town after two days of fighting; 6 fighters were killed": the sentence's first act's
        loose = loose_toll([c.text for c, t in triggered if t is None]) if n_events > 1 else None
        first_act = next((c for c, t in triggered if t), None)
        for clause, found in triggered:
            if found is None:
                continue
            trigger, m = found
            if seen is not None and trigger.sub_event_type:
                seen[trigger.sub_event_type] += 1
            rejected = _rejection(clause.text, trigger, m, story=story, sentence=sentence.text)
            tried = {trigger}
            while rejected and (other := best_trigger(clause.text, skip=frozenset(tried))) is not None:
                # The first trigger set aside ("a house arrest order"), the clause's next act may be one.
                tried.add(other.trigger)
                if m.start() <= other.match.start() < m.end():
                    continue  # the same words read by another row: no new act
                trigger, m = other.trigger, other.match
                rejected = _rejection(clause.text, trigger, m, story=story, sentence=sentence.text)
            if rejected:
                _note(trace, rejected)
                continue
            ref, ref_tag = reference_date(article)  # only an article with a trigger needs its date
            scope = sentence if n_events == 1 else clause
            at_scope = (clause.start - scope.start + m.start(), clause.start - scope.start + m.end())
            roles = {
                d: role
                for d in dates_from_text(scope.text, reference=ref)
                if d.date is not None and (role := date_role(scope.text, d, at_scope))
            }
            dates = list(roles)
            if not dates and scope is clause and (opening := opening_date(sentence.text, reference=ref)):
                dates, roles = [opening], {opening: ACT}  # "On 2 May 2020, gunmen A; the mob then B"
            casualties = casualties_from_text(scope.text)
            if loose is not None and clause is first_act and not casualties.any:
                casualties = loose
            has_count = casualties.any
            headline = not sentence.text.rstrip().endswith(_FINAL_MARKS)
            if generic_plural(clause.text, m, dates, has_count, noun=trigger.nominal, headline=headline):
                _note(trace, "pattern")
                continue
            another = bool(_ANOTHER.search(clause.text[: m.start()]))
            # "The army shelled ...": a determiner before a verb is its subject's, not a reference.
            verbal = bool(_PAST_TRIGGER.fullmatch(m.group(0)))
            definite = trigger.nominal and not another and not verbal and _definite(clause.text[: m.start()])
            places = places_in(clause, usable)
            if (
                trigger.sub_event_type not in _PEOPLE_TAKEN
                and not (dates or has_count or (places and _ONE_OCCURRENCE.search(clause.text)))
                and campaign_summary(clause.text, m)
            ):
                _note(trace, "pattern")
                continue
            draft = Draft(
                order=len(drafts),
                sub_event_type=trigger.sub_event_type,
                generic=trigger.generic,
                zone=sentence.zone,
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
            if dates:
                chosen = min(
                    dates,
                    key=lambda d: (
                        # the act's own date, then the day it was reported (a dateline's too)
                        -(REPORT if d.dateline else roles[d]),
                        d.dateline,
                        d.precision,
                        abs(d.start - (clause.start - scope.start) - m.start()),
                    ),
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
            passive = bool(PASSIVE_BEFORE.search(clause.text[: m.start()]))
            # The target of "X was killed" is its subject; of "gunmen killed X", what follows.
            draft.context.append(clause.text[: m.start()] if passive else clause.text[m.start() :])
            draft.subjects.append(clause.text[m.end() :] if passive else clause.text[: m.start()])
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
            acted = (
                PAST_VERB_AFTER.match(clause.text[m.end() :])
                or (not definite and (_PAST_TRIGGER.fullmatch(m.group(0)) or _PAST_ACT.search(clause.text)))
                or _headline_act(sentence.text, clause.text)
            )
            if not (draft.date or draft.sites or has_count or acted):
                _note(trace, "unsupported")
                continue
            drafts.append(draft)
    if not drafts:
        return drafts
    ref = reference_date(article)[0]
    _date_from_the_lead(drafts, sentences, ref)
    kept = consolidate(_bare_tolls_folded(drafts), ref, settings)
    dated_by_context(kept, sentences, article.text)
    return kept


# A toll told in the past of the act ("were killed", "died"); "have been killed" sums up a war.
_BARE_TOLL = re.compile(r"(?:(?:were|was)\s+)?(?:killed|died|wounded|injured|hurt)", re.IGNORECASE)


def _bare_tolls_folded(drafts: list[Draft]) -> list[Draft]:
    """A sentence that only counts the dead, right after the act of its day and place ("IS ambushed
    a patrol near Arish. Three soldiers and five militants were killed."), is that act's toll: the
    first act the sentence before it reports."""
    kept: list[Draft] = []
    for d in drafts:
        bare = d.sub_event_type is None and all(_BARE_TOLL.fullmatch(t) for t in d.trigger_texts)
        own = {rm.place.feature_id for rm in d.sites if rm.place}
        acts = [
            k
            for k in kept
            if bare
            and (k.sub_event_type is not None or k.generic is not None)  # "attacked a checkpoint" too
            and k.date == d.date
            and d.spans
            and k.spans
            and 0 < d.spans[0].start - k.spans[-1].end <= 2
            and own <= {rm.place.feature_id for rm in k.sites if rm.place}  # no site of its own
        ]
        if acts:
            absorb(min(acts, key=lambda k: k.order), d)
            continue
        kept.append(d)
    return kept


LEAD_SENTENCES = 2  # how far back a sentence that opens with a date dates the undated ones after it


def _date_from_the_lead(drafts: list[Draft], sentences: list[Span], ref: date | None) -> None:
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
    topic: str | None = None,
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
            country = (locations[0].place.country_code if locations else None) or home
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


CLAIM_CHARS = 300  # a claim is reported in the event's sentences or right after them


def _claim_window(text: str, d: Draft) -> str:
    if not d.spans:
        return ""
    return text[min(s.start for s in d.spans) : max(s.end for s in d.spans) + CLAIM_CHARS]


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
    """The events an article reports, with dates, actors, counts, places and evidence.

    Events dated long before publication are tagged ``background`` and left out
    unless ``settings.keep_background`` is set.
    """
    settings = settings or DEFAULT
    lexicon = actors or default_actors()
    seen: Counter[str] = Counter()
    drafts = _drafts_from_article(article, list(resolved), lexicon, settings, seen=seen)
    _tag_background(drafts, reference_date(article)[0] if drafts else None)
    if not settings.keep_background:
        drafts = [d for d in drafts if "background" not in d.tags]
    unknown = [rm for rm in resolved if rm.place is None and rm.mention.role is MentionRole.LITERAL]
    context = [
        rm
        for rm in resolved
        if rm.place is not None
        and rm.mention.role is MentionRole.LITERAL
        and article.zone_at(rm.mention.start) not in (ZoneKind.JUNK, ZoneKind.META)
    ]
    home = article_country(resolved, lexicon.home_votes(article.text), article.text)
    return events_from_drafts(
        article,
        drafts,
        lexicon,
        topic=article_topic(seen),
        home=home,
        unknown=unknown,
        context=site_context(context, article.text, home),
    )


NO_TRIGGER = "no-trigger"  # nothing in the text is worded as an ACLED event


def why_no_event(
    article: Article, resolved: list[ResolvedMention] | None = None, *, settings: Settings | None = None
) -> str:
    """Why an article gives no event: the commonest reason its triggers were set aside.

    "not-asserted" (negated, threatened, future, hypothetical), "pattern" (habitual or
    generic), "background", "crime", "accident", "disaster", "unsupported" (no date,
    place or toll to anchor it), or "no-trigger".
    """
    settings = settings or DEFAULT
    trace: list[str] = []
    drafts = _drafts_from_article(article, list(resolved or []), default_actors(), settings, trace)
    _tag_background(drafts, reference_date(article)[0] if drafts else None)
    trace += ["background" for d in drafts if "background" in d.tags]
    if not trace:
        return NO_TRIGGER
    return Counter(trace).most_common(1)[0][0]


__all__ = [
    "NO_TRIGGER",
    "article_source",
    "events_from_article",
    "places_compatible",
    "reference_date",
    "why_no_event",
]
