"""Events from one article: trigger, modality, date, actors, counts and places per clause.

Each clause with an event trigger that is asserted (not threatened, denied,
conditional, future, habitual or opinion) becomes a draft. Definite references
("the attack on K-1 on Friday", "the strikes") add what they say to the earlier
draft they refer to; undated drafts ("a bomb struck near Al-Qaim") join the
compatible dated draft of the article. Drafts then become one ``Event`` per
country of their sites, as ACLED codes multi-country events.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from geoevents.events.actors import (
    UNIDENTIFIED,
    UNIDENTIFIED_MILITARY,
    ActorLexicon,
    civilians,
    country_name,
    default_actors,
    in_country,
    protesters,
    rioters,
)
from geoevents.events.counts import casualties_from_text, counts_at_places, split_evenly
from geoevents.events.dates import DateMatch, dates_from_text, has_year_range
from geoevents.events.ids import event_id_for
from geoevents.events.taxonomy import (
    ARMED_WORDS,
    BATTLES,
    CIVILIAN_WORDS,
    EXPLOSIONS,
    GENERIC_EXPLOSION,
    PROTESTS,
    RIOTS,
    TRIGGERS,
    VAC,
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
    Place,
    ResolvedMention,
    ZoneKind,
)
from geoevents.settings import DEFAULT, Settings

VIOLENT_TYPES = frozenset({BATTLES, EXPLOSIONS, VAC})
GRANULARITY = {"base": 0, "physical": 1, "populated_place": 1, "admin2": 2, "admin1": 3, "region": 3,
               "region_expression": 3, "border": 3, "country": 4}  # fmt: skip

# Words that put the trigger out of the real: threats, denials, conditions, futures, opinions.
_GOVERNING = re.compile(
    r"\b(?:threat(?:en|ens|ened|ening)?|warn(?:s|ed|ing)?|vow(?:s|ed)?|pledg\w*|promis\w*|den(?:y|ied|ies|ying)|"
    r"accus\w*|alleg\w*|blam\w*|rumou?r\w*|unconfirmed|call(?:s|ed)?\s+for|urg(?:e|es|ed)|demand\w*|if|unless|"
    r"whether|in\s+case|lest|risk\s+of|fears?\s+(?:of|that)|feared|plan(?:s|ned)?\s+to|planned|plot\w*|"
    r"conspir\w*|encourag\w*|incit\w*|intend\w*|prepar\w*\s+to|charg\w*\s+with|convict\w*\s+of|guilty\s+(?:of|to)|"
    r"charges?\s+of|indict\w*|on\s+suspicion\s+of|"
    r"aim(?:s|ed)?\s+to|seek\w*\s+to|tr(?:y|ied|ies)\s+to|attempt\w*\s+to|prevent\w*|deter\w*|avoid\w*|"
    r"believe\w*|think\w*|thought|guess|suppose\w*|expect\w*|hope\w*|possible|potential|hypothetical|"
    r"any|future|further|additional|must|should|committed\s+to|ready\s+to|capable\s+of|ability\s+to)\b",
    re.IGNORECASE,
)
_MODAL_NEAR = re.compile(
    r"\b(?:will|would|could|might|may|shall|can|cannot|won't|wouldn't|going\s+to|about\s+to|set\s+to|to\s+be|"
    r"to\s+(?:carry\s+out|conduct|launch|stage|commit|execute|mount|perpetrate))\s+"
    r"(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_NEGATION_NEAR = re.compile(
    r"\b(?:not|never|no(?!\s+one\b)|nor|n't|without|neither|ruled\s+out)\s+(?:\w+\s+){0,3}$", re.IGNORECASE
)
_HABITUAL = re.compile(
    r"\b(?:for\s+(?:many\s+|several\s+)?(?:years|decades|months)|repeated(?:ly)?|regularly|routinely|frequently|"
    r"often|a\s+(?:series|string|wave|spate|campaign|history)\s+of|ha(?:s|ve)\s+long|rising|increasing(?:ly)?|"
    r"recently\s+increased|over\s+the\s+(?:past|last)|in\s+the\s+past|usually|sometimes)\b",
    re.IGNORECASE,
)
_PERFECT = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?(?:\w+ly\s+)?\w+(?:ed|en|ck|uck|ht)\b", re.I
)
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|his|her|last\s+\w+'s|\w+’s|\w+'s)\s+(?:[\w\-’']+\s+){0,3}$",
    re.I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_AGENT = re.compile(r"\b(?:by|from)\s+(?:the\s+)?$", re.IGNORECASE)
_TARGET_PREP = re.compile(
    r"\b(?:on|against|targeting|at|of|into|toward|towards)\s+(?:\w+\s+){0,4}$", re.IGNORECASE
)
_NEAR = re.compile(
    r"\b(?:near|outside|outskirts\s+of|close\s+to|around|vicinity\s+of|km\s+\w+\s+of|kilomet(?:re|er)s\s+\w+\s+of|"
    r"miles\s+\w+\s+of|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"(?:north|south|east|west)-?(?:east|west)?\s+of)\s+(?:the\s+(?:city|town|village|district|area)\s+of\s+)?$",
    re.IGNORECASE,
)
# A past-tense verb right after the trigger, or after a short place phrase ("protesters in Basra burned").
_PAST_VERB_AFTER = re.compile(
    r"^\s*(?:(?:in|at|near|outside|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:\w+ly\s+)?"
    r"(?:\w+ed|hit|struck|killed|left|fell|shot|burnt|threw|fought|stormed)\b",
    re.IGNORECASE,
)
# What a crowd did, in a clause followed by "in protest against ...": the clause is a demonstration.
_CROWD_ACT = re.compile(
    r"\b(?:forced\s+(?:their|its|a)\s+way|storm(?:ed|ing)|broke\s+into|march(?:ed|ing)|gathered|rallied|"
    r"block(?:ed|ing)|burn(?:ed|t|ing)|set(?:ting)?\s+fire|thr(?:ew|owing)|chant(?:ed|ing)|massed|camped)\b",
    re.IGNORECASE,
)
_IN_PROTEST = re.compile(r"^\W*in\s+protest\s+(?:against|at|over|of)\b", re.IGNORECASE)
_PROTEST_TRIGGER = next(t for t in TRIGGERS if t.sub_event_type == "Peaceful protest")


@dataclass
class _Draft:
    """An event while the article is being read (mutable; becomes ``Event``)."""

    order: int
    sub_event_type: str | None
    generic: str | None
    zone: ZoneKind
    date: date | None = None
    precision: int = 1
    date_explicit: bool = False
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    fatalities: tuple[int, bool] | None = None  # (value, vague)
    injuries: tuple[int, bool] | None = None
    sites: list[ResolvedMention] = field(default_factory=list)
    mentioned: list[ResolvedMention] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # object-side text, to judge the target
    tags: set[str] = field(default_factory=set)
    trigger_texts: list[str] = field(default_factory=list)

    @property
    def family(self) -> str | None:
        if self.sub_event_type:
            return event_type_of(self.sub_event_type)
        return EXPLOSIONS if self.generic == GENERIC_EXPLOSION else None


def reference_date(article: Article) -> tuple[date | None, str | None]:
    """The date relative expressions count from, and a tag when it is not the publication date."""
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


_KILLED = re.compile(r"\b(?:killed|killing|shot|died|dead)\b", re.IGNORECASE)


# Strikes by workers, accidents and traffic: the words of violence without political violence.
_LABOUR_STRIKE = re.compile(
    r"\b(?:hunger|general|labou?r|workers['’]?|national|nationwide|teachers['’]?|doctors['’]?|nurses['’]?|rail|"
    r"transport|union|(?:\w+|\d+)-(?:hour|day|week))\s+$",
    re.IGNORECASE,
)
_LABOUR_AFTER = re.compile(
    r"^\s*(?:(?:by|at|of)\s+(?:\w+\s+){0,4}?(?:workers|staff|employees|unions?|airports?|factories|schools)|"
    r"(?:\w+\s+){0,8}?(?:called\s+by|over\s+(?:pay|wages|pensions|conditions)))\b",
    re.IGNORECASE,
)
_ACCIDENT_BEFORE = re.compile(
    r"\b(?:gas|boiler|cylinder|industrial|factory|mine|mining|firework|fireworks|pipeline|transformer|"
    r"accidental|kitchen|dust)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_TRAFFIC_AFTER = re.compile(
    r"^\s*by\s+(?:a|an|the)\s+(?:\w+\s+)?(?:car|vehicle|truck|lorry|bus|train|tram|motorbike|motorcycle|van|"
    r"lightning|wave)\b",
    re.IGNORECASE,
)


def _not_political(clause: str, trigger: re.Match[str]) -> bool:
    """A labour strike, an accidental explosion or a traffic accident, not political violence."""
    word = trigger.group(0).lower()
    before, after = clause[: trigger.start()], clause[trigger.end() :]
    if re.fullmatch(r"strikes?", word) and (_LABOUR_STRIKE.search(before) or _LABOUR_AFTER.match(after)):
        return True
    if re.search(r"explo|blast", word) and (
        _ACCIDENT_BEFORE.search(before) or re.search(r"gas\s+leak", after, re.I)
    ):
        return True
    if word == "executed" and re.match(
        r"\s*(?:an?|the)\s+(?:\w+\s+)?(?:warrant|order|plan|contract|deal|will)\b", after, re.I
    ):
        return True
    return word in ("hit", "struck") and bool(_TRAFFIC_AFTER.match(after))


def _asserted(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is reported as having happened."""
    before = clause[:start]
    if _GOVERNING.search(before) or _MODAL_NEAR.search(before) or _NEGATION_NEAR.search(before):
        return False
    return not re.match(r"\s*(?:will|would|could|might|may|must|should)\b", clause[start:])


# "conducted strikes", "strikes against five facilities": one operation's strikes, not a pattern of events.
_SET_OF_STRIKES = re.compile(
    r"\b(?:conducted|carried\s+out|launched|staged|mounted|unleashed)\s+(?:[\w“”\"'’-]+\s+){0,3}$", re.I
)
_COUNTED_TARGETS = re.compile(
    r"^\s*(?:against|on|at|targeting|hit(?:ting)?)\s+(?:[\w-]+\s+){0,2}?(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|multiple)\b",
    re.IGNORECASE,
)


def _generic_plural(clause: str, trigger: re.Match[str], dates: list[DateMatch], has_count: bool) -> bool:
    """A pattern of events ("attacks on bases have increased"), not one event."""
    if _HABITUAL.search(clause) or has_year_range(clause):
        return True
    word = trigger.group(0).lower()
    plural = word.endswith("s") and not word.endswith(("ss", "us"))
    perfect = bool(_PERFECT.search(clause)) and not dates
    if perfect and not has_count:
        return True
    if plural and not dates and not has_count:
        before = clause[: trigger.start()]
        determined = bool(
            re.search(
                r"\b(?:the|these|those|its|their|\d+|two|three|four|five|several)\s+(?:\w+\s+){0,2}$",
                before,
                re.I,
            )
        )
        followed = bool(_PAST_VERB_AFTER.match(clause[trigger.end() :]))
        return not (
            determined
            or followed
            or _SET_OF_STRIKES.search(before)
            or _COUNTED_TARGETS.match(clause[trigger.end() :])
        )
    return False


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


def _actors(
    lexicon: ActorLexicon, clause: str, trigger: re.Match[str]
) -> tuple[str | None, str | None, str | None]:
    """(actor1, actor2, victim kind) from the words around the trigger, passive voice included."""
    actor1 = actor2 = None
    passive = bool(_PASSIVE_BEFORE.search(clause[: trigger.start()])) or bool(
        re.match(r"\s*(?:was|were)\b", clause[trigger.end() :])
    )
    subject: str | None = None
    for am in lexicon.find(clause):
        civilian_after = bool(
            re.match(
                r"\s*(?:civilian|contractor|journalist|aid\s+worker|national|citizen)s?\b",
                clause[am.end :],
                re.I,
            )
        )
        name = am.canonical
        if civilian_after and name.startswith("Military Forces of "):
            name = f"Civilians ({name.removeprefix('Military Forces of ').removeprefix('the ')})"
        if am.start <= trigger.start():
            if _AGENT.search(clause[: am.start]):
                actor1, passive = name, True  # "positions were hit by US air strikes"
            else:
                subject = name  # the nearest before the trigger wins
        elif _AGENT.search(clause[: am.start]) and (passive or am.start - trigger.end() < 4):
            actor1 = actor1 or name
        elif name != subject:
            actor2 = actor2 or name
    if subject:
        if passive:
            actor2 = actor2 or subject
        else:
            actor1 = actor1 or subject
    if actor1 == actor2:
        actor2 = None
    return actor1, actor2, None


# "his group", "the militia": a group named earlier acting again; "its bases", "those positions": its targets.
_GROUP_ANAPHOR = re.compile(
    r"\b(?:his|her|its|their|the|this|that)\s+(?:group|militia|organi[sz]ation|movement|faction)\b(?!['’])",
    re.I,
)
_TARGET_ANAPHOR = re.compile(
    r"\b(?:its|their|his|her|those|these|the\s+group['’]s|the\s+militia['’]s)\s+(?:own\s+)?(?:bases?|positions?|"
    r"fighters?|members?|headquarters|facilities|depots?|camps?|offices?|outposts?|commanders?|leaders?)\b",
    re.I,
)
_ANAPHOR_WINDOW = 600  # characters before the clause where the antecedent group may be named


def _resolve_anaphors(
    draft: _Draft, lexicon: ActorLexicon, text: str, clause: Span, trigger: re.Match[str]
) -> None:
    """Actors named by anaphora ("His group attacked", "hit one of its bases"): the last group named."""
    group = _GROUP_ANAPHOR.search(clause.text)
    target = _TARGET_ANAPHOR.search(clause.text)
    first = group or target
    if first is None:
        return
    window = text[max(0, clause.start - _ANAPHOR_WINDOW) : clause.start + first.start()]
    named = [a for a in lexicon.find(window) if a.inter in (2, 3, 4)]
    if not named:
        return
    antecedent = named[-1].canonical
    if target and (
        target.start() < trigger.start() or len(clause.text[trigger.end() : target.start()].split()) <= 6
    ):
        if draft.actor1 != antecedent:
            draft.actor2 = antecedent
    elif group and group.start() < trigger.start() and draft.actor1 is None:
        passive = bool(_PASSIVE_BEFORE.search(clause.text[: trigger.start()]))
        if passive:
            draft.actor2 = draft.actor2 or antecedent
        else:
            draft.actor1 = antecedent
    if draft.actor1 == draft.actor2:
        draft.actor2 = None


def _places_in(span: Span, resolved: list[ResolvedMention]) -> list[ResolvedMention]:
    return [
        rm
        for rm in resolved
        if span.start <= rm.mention.start and rm.mention.end <= span.end and rm.place is not None
    ]


def _precision(text: str, rm: ResolvedMention, sentence: Span) -> int:
    """ACLED geo_precision: the resolver's, raised to 2 when the text says "near" a point place."""
    before = text[max(sentence.start, rm.mention.start - 60) : rm.mention.start]
    precision = rm.precision
    if _NEAR.search(before) and precision < 2:
        precision = 2
    return max(1, min(3, precision))


_LOCATIVE = re.compile(
    r"\b(?:in|at|near|on|outside|inside|across|around|along|into|off|over|through(?:out)?|of\s+(?:the\s+)?(?:city|town|village|"
    r"province|district|region|area|outskirts|base|camp))\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|"
    r"\b(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?|close\s+to|"
    r"(?:km|kilomet(?:re|er)s|miles)\s+(?:\w+\s+)?(?:of|from))\s+(?:of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "blamed on Washington", "attributed to Iran": a culprit named through a place, not where it happened.
_ATTRIBUTION = re.compile(r"\b(?:blam\w*|pinned|attribut\w*|accus\w*)\s+(?:\w+\s+){0,3}?(?:on|to)\s+$", re.I)
# Between a place and a later trigger: the trigger is the cause or topic of what happened at the place
# ("mourners gathered in Baghdad for the funerals of fighters killed in air strikes").
_SUBORDINATE = re.compile(
    r"\b(?:for|after|following|against|over|since|before|about|because\s+of|in\s+(?:response|retaliation|"
    r"revenge|protest)\s+(?:to|for|against|at))\b",
    re.IGNORECASE,
)
# Words that end a trigger's noun phrase: a finite auxiliary or reporting verb, a clause opener,
# or a past tense that is not itself an act of violence.
_PHRASE_BREAK = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|could|may|might|can|did|does|do|said|says|told|"
    r"while|because|but|although|though|(?!(?:killed|wounded|injured|targeted|struck|hit|aimed|located|based|slammed|landed|exploded|"
    r"damaged|destroyed|occurred|happened)\b)"
    r"\w+ed)\b|[;:]",
    re.IGNORECASE,
)
_PHRASE_WORDS = 12  # a reference's phrase: its complements, or an act of violence and its complements
_NEAR_WORDS = 6  # places this close after a reference with no verb between are its complements
_ACT_AFTER = re.compile(
    r"\s*(?:(?:that|which)\s+)?(?:\w+ly\s+)?(?:killed|wounded|injured|hit|struck|targeted|destroyed|damaged|"
    r"slammed|landed|exploded|went\s+off|took\s+place|occurred|happened)\b",
    re.IGNORECASE,
)


# What may open a sentence before its place or date: "In Mosul, ...", "On Friday, ...".
_OPENING_PLACE = re.compile(r"\W*(?:in|at|near|outside)\s+(?:the\s+)?", re.IGNORECASE)
_OPENING_DATE = re.compile(r"\W*(?:(?:early|late)\s+)?(?:on|in|at|during)?\s*", re.IGNORECASE)


def _before_is_the_triggers(
    text: str, span: tuple[int, int, int], trigger_start: int, *, opener: re.Pattern[str]
) -> bool:
    """Whether a place or date before a trigger is the trigger's (``span``: sentence start, its start, end).

    Not when a subordinating word comes between ("mourners gathered in Basra on
    Monday for fighters killed in air strikes"), unless it opens the sentence and
    a comma closes it: "On Friday, after weeks of tension, militants attacked ...".
    """
    sentence_start, start, end = span
    if opener.fullmatch(text, sentence_start, start) and re.match(r"\s*,", text[end:]):
        return True
    return not _SUBORDINATE.search(text[end:trigger_start])


def _site_flags(
    text: str, places: list[ResolvedMention], clause: Span, trigger: tuple[int, int], *, reference: bool
) -> list[bool]:
    """Which places of a clause are where its event happened ("in Qaim", "near Al-Qaim", "Qaim, Iraq").

    A place is a site when the text puts it there with a locative preposition (or
    as the apposition of a site: "in Qaim, Iraq"), unless it names a culprit
    ("blamed on Washington") or comes before a trigger that is only the cause of
    something else done there. For a reference back ("the airstrikes ..."), only
    places in the trigger's own phrase count, or chained to one by "and" or a comma.
    """
    flags: list[bool] = []
    anchor = trigger[1]  # where the reference's phrase continues from
    for rm in places:
        before = text[max(clause.start, rm.mention.start - 40) : rm.mention.start]
        prior = [p for p, f in zip(places, flags, strict=False) if f and p.mention.end <= rm.mention.start]
        appositive = bool(prior and re.fullmatch(r",\s*", text[prior[-1].mention.end : rm.mention.start]))
        site = (bool(_LOCATIVE.search(before)) or appositive) and not _ATTRIBUTION.search(before)
        if site and rm.mention.end <= trigger[0]:
            span = (clause.start, rm.mention.start, rm.mention.end)
            site = _before_is_the_triggers(text, span, trigger[0], opener=_OPENING_PLACE)
        if site and reference:
            gap = text[anchor : rm.mention.start] if rm.mention.start >= anchor else None
            limit = _PHRASE_WORDS if anchor != trigger[1] or (gap and _ACT_AFTER.match(gap)) else _NEAR_WORDS
            site = gap is not None and len(gap.split()) <= limit and not _PHRASE_BREAK.search(gap)
            if site:
                anchor = rm.mention.end
        flags.append(site)
    return flags


_REPORTED = re.compile(
    r"\b(?:said|says|told|announced|reported|added|stated|confirmed|claimed|declared|wrote)\s+(?:\w+\s+)?$",
    re.I,
)
_CAUSE_AFTER = re.compile(
    r"\b(?:after|following|since|in\s+(?:response|retaliation|revenge)\s+(?:to|for))\b", re.IGNORECASE
)


def _date_of_trigger(text: str, found: DateMatch, trigger: tuple[int, int]) -> bool:
    """Whether a date in the trigger's sentence dates the trigger's event.

    Not when it dates the reporting ("officials said on Tuesday"), a span
    ("since Friday"), or another act the trigger is only the cause of
    ("mourners gathered on Monday for fighters killed in air strikes"; "strikes
    on Sunday after the attack on Friday").
    """
    before = text[: found.start]
    possessive = re.match(r"['’]s\b", text[found.end :])  # "said Sunday's strikes": the strikes' date
    if re.search(r"\b(?:since|until|by)\s+$", before, re.I) or (_REPORTED.search(before) and not possessive):
        return False
    if found.end <= trigger[0]:
        return _before_is_the_triggers(text, (0, found.start, found.end), trigger[0], opener=_OPENING_DATE)
    if found.start >= trigger[1]:
        return not _CAUSE_AFTER.search(text[trigger[1] : found.start])
    return True


def _phrase_end(clause: str, trigger_end: int) -> int:
    """Where a reference's own phrase ends: actors after it ("... US policy") are not its parties."""
    rest = clause[trigger_end:]
    if re.match(r"\s*(?:was|were|had\s+been)\s+(?:\w+\s+){0,3}?by\b", rest, re.IGNORECASE):
        return len(clause)  # "the attack was carried out by ..." names its perpetrator
    cut = _PHRASE_BREAK.search(rest)
    words = list(re.finditer(r"\S+", rest))
    limit = _PHRASE_WORDS if _ACT_AFTER.match(rest) else _NEAR_WORDS
    end = len(rest) if len(words) <= limit else words[limit].start()
    return trigger_end + (min(end, cut.start()) if cut else end)


def _same_kind(antecedent: _Draft, reference: _Draft) -> int:
    """2 when a reference names its antecedent's kind (same sub-type, or an untyped report of its family),
    1 for an untyped violent report, else 0.

    "The airstrikes" refers back to the bombing, not to a rocket attack or an
    untyped "attack" reported in between.
    """
    if reference.sub_event_type is None:
        return 1
    if antecedent.sub_event_type == reference.sub_event_type:
        return 2
    if antecedent.sub_event_type is None:
        return 2 if antecedent.family == reference.family else 1
    return 0


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: Place, b: Place, *, max_km: float) -> bool:
    """Same place, same admin1, within ``max_km``, or one area containing the other's point."""
    if a.feature_id == b.feature_id:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if a.admin1 and b.admin1 and a.admin1 == b.admin1:
        return True
    if _km(a, b) <= max_km:
        return True
    try:
        from shapely.geometry import Point

        if a.geometry.geom_type != "Point" and a.geometry.covers(Point(b.lon, b.lat)):
            return True
        if b.geometry.geom_type != "Point" and b.geometry.covers(Point(a.lon, a.lat)):
            return True
    except Exception:  # malformed geometry: fall back to the tests above
        return False
    return GRANULARITY.get(a.feature_class, 2) == 4 or GRANULARITY.get(b.feature_class, 2) == 4


def _types_compatible(a: _Draft, b: _Draft) -> bool:
    if a.sub_event_type and b.sub_event_type:
        return a.sub_event_type == b.sub_event_type
    fa, fb = a.family, b.family
    if fa is None and fb is None:
        return True
    if fa is None:
        return fb in VIOLENT_TYPES
    if fb is None:
        return fa in VIOLENT_TYPES
    return fa == fb


def _dates_compatible(a: _Draft, b: _Draft) -> bool:
    if a.date is None or b.date is None:
        return True
    if a.precision == 1 and b.precision == 1:
        return a.date == b.date
    slack = {1: 0, 2: 6, 3: 31, 4: 366}
    return abs((a.date - b.date).days) <= max(slack[a.precision], slack[b.precision])


def _drafts_compatible(a: _Draft, b: _Draft, max_km: float) -> bool:
    if not (_types_compatible(a, b) and _dates_compatible(a, b)):
        return False
    if a.actor1 and b.actor1 and a.actor1 != b.actor1:
        return False
    if a.actor2 and b.actor2 and a.actor2 != b.actor2 and not (a.actor2 + b.actor2).count("Civilians"):
        return False
    if (a.actor1 and a.actor1 == b.actor2) or (b.actor1 and b.actor1 == a.actor2):
        return False
    if a.sites and b.sites:
        return any(
            places_compatible(x.place, y.place, max_km=max_km)  # type: ignore[arg-type]
            for x in a.sites
            for y in b.sites
        )
    return True


def _affinity(target: _Draft, other: _Draft) -> float:
    """How well ``other`` fits ``target`` when choosing what a reference or undated report belongs to."""
    score = 0.0
    if target.family and target.family == other.family:
        score += 2
    if target.date and other.date and target.date == other.date:
        score += 3
    if target.actor1 and target.actor1 == other.actor1:
        score += 1
    if target.actor2 and target.actor2 == other.actor2:
        score += 1
    if target.date_explicit:
        score += 0.5
    return score + 0.25 * min(4, len(target.spans))  # the article's main event is the likelier referent


def _absorb(into: _Draft, other: _Draft) -> None:
    """Fold what ``other`` says into ``into`` (same event, another sentence)."""
    if other.sub_event_type and not into.sub_event_type:
        into.sub_event_type, into.generic = other.sub_event_type, None
    elif into.generic is None and into.sub_event_type is None:
        into.generic = other.generic
    if other.date is not None and (into.date is None or other.precision < into.precision):
        into.date, into.precision = other.date, other.precision
        into.date_explicit = into.date_explicit or other.date_explicit
    into.actor1 = into.actor1 or other.actor1
    into.actor2 = into.actor2 or other.actor2
    into.assoc_actor_1 = into.assoc_actor_1 or other.assoc_actor_1
    into.fatalities = _conservative(into.fatalities, other.fatalities)
    into.injuries = _conservative(into.injuries, other.injuries)
    for rm in other.sites:
        if all(rm.place.feature_id != s.place.feature_id for s in into.sites):  # type: ignore[union-attr]
            into.sites.append(rm)
    into.mentioned += other.mentioned
    for span in other.spans:
        if all((span.start, span.end) != (s.start, s.end) for s in into.spans):
            into.spans.append(span)
    into.context += other.context
    into.tags |= other.tags - {"date-assumed"}
    into.trigger_texts += other.trigger_texts


def _conservative(a: tuple[int, bool] | None, b: tuple[int, bool] | None) -> tuple[int, bool] | None:
    """An exact figure beats a vague one; between equals, the lower (ACLED's conservative rule)."""
    if a is None or b is None:
        return a or b
    if a[1] != b[1]:
        return a if not a[1] else b
    return a if a[0] <= b[0] else b


def _drafts_from_article(
    article: Article, resolved: list[ResolvedMention], lexicon: ActorLexicon, settings: Settings
) -> list[_Draft]:
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
    drafts: list[_Draft] = []
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
            if not _asserted(clause.text, m.start()) or _not_political(clause.text, m):
                continue
            scope = sentence if n_events == 1 else clause
            at_scope = (clause.start - scope.start + m.start(), clause.start - scope.start + m.end())
            dates = [
                d
                for d in dates_from_text(scope.text, reference=ref)
                if d.date is not None and _date_of_trigger(scope.text, d, at_scope)
            ]
            casualties = casualties_from_text(scope.text)
            has_count = casualties.any
            if _generic_plural(clause.text, m, dates, has_count):
                continue
            definite = trigger.nominal and bool(_DEFINITE.search(clause.text[: m.start()]))
            places = _places_in(clause, usable)
            draft = _Draft(
                order=len(drafts),
                sub_event_type=trigger.sub_event_type,
                generic=trigger.generic,
                zone=sentence.zone,
            )
            draft.trigger_texts.append(m.group(0))
            if dates:
                chosen = min(
                    dates,
                    key=lambda d: (d.precision, abs(d.start - (clause.start - scope.start) - m.start())),
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
            actor_text = clause.text[: _phrase_end(clause.text, m.end())] if definite else clause.text
            draft.actor1, draft.actor2, _ = _actors(lexicon, actor_text, m)
            _resolve_anaphors(draft, lexicon, article.text, clause, m)
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
            flags = _site_flags(article.text, places, clause, at, reference=definite)
            for rm, site in zip(places, flags, strict=True):
                (draft.sites if site else draft.mentioned).append(rm)
            draft.spans.append(sentence)
            draft.context.append(clause.text[m.start() :])
            if definite:
                antecedents = [
                    d
                    for d in drafts
                    if _drafts_compatible(d, draft, settings.merge_distance_km)
                    and (d.date is not None or draft.date is None)
                ]
                if draft.sub_event_type and any(_same_kind(d, draft) == 2 for d in drafts):
                    # "The airstrikes" never retypes an untyped attack when the article has its own strikes.
                    antecedents = [d for d in antecedents if _same_kind(d, draft) == 2]
                    if not antecedents:
                        continue
                if antecedents:
                    best = max(
                        antecedents, key=lambda d: (_same_kind(d, draft), _affinity(d, draft), d.order)
                    )
                    _absorb(best, draft)
                    continue
            if not (draft.date or draft.sites or has_count or _PAST_VERB_AFTER.match(clause.text[m.end() :])):
                continue
            drafts.append(draft)
    return _consolidate(drafts, ref, settings)


def _consolidate(drafts: list[_Draft], ref: date | None, settings: Settings) -> list[_Draft]:
    """Undated reports join the compatible dated draft; same-day duplicates of one event fold together."""
    dated = [d for d in drafts if d.date is not None]
    undated = [d for d in drafts if d.date is None]
    kept: list[_Draft] = []
    for d in dated:
        twin = next(
            (
                k
                for k in kept
                if k.date == d.date
                and k.precision == d.precision
                and _drafts_compatible(k, d, settings.merge_distance_km)
                and (k.sub_event_type == d.sub_event_type or not (k.sub_event_type and d.sub_event_type))
            ),
            None,
        )
        if twin is not None:
            _absorb(twin, d)
        else:
            kept.append(d)
    # Soft-dated drafts (a caption's date) give way to an exactly dated report of the same event.
    for d in sorted(kept, key=lambda k: -k.precision):
        if "date-from-caption" not in d.tags:
            continue
        better = [
            k
            for k in kept
            if k is not d
            and k.precision < d.precision
            and _drafts_compatible(k, d, settings.merge_distance_km)
        ]
        if better:
            _absorb(max(better, key=lambda k: (_affinity(k, d), -k.order)), d)
            kept.remove(d)
    for d in undated:
        candidates = [k for k in kept if _drafts_compatible(k, d, settings.merge_distance_km)]
        if candidates:
            _absorb(max(candidates, key=lambda k: (_affinity(k, d), -abs(k.order - d.order))), d)
            continue
        if ref is not None:
            d.date, d.precision = ref, 2
            d.tags.add("date-assumed-publication")
        kept.append(d)
    return sorted(kept, key=lambda d: d.order)


def _final_type(d: _Draft, lexicon: ActorLexicon) -> str:
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


def _location_groups(d: _Draft, text: str) -> list[list[EventLocation]]:
    """The sites of a draft, the finest per country; one group per country."""
    by_country: dict[str, list[ResolvedMention]] = {}
    for rm in d.sites:
        by_country.setdefault(rm.place.country_code or "", []).append(rm)  # type: ignore[union-attr]
    groups: list[list[EventLocation]] = []
    for _, items in sorted(by_country.items()):
        finest = min(GRANULARITY.get(rm.place.feature_class, 2) for rm in items)  # type: ignore[union-attr]
        chosen = [rm for rm in items if GRANULARITY.get(rm.place.feature_class, 2) == finest]  # type: ignore[union-attr]
        seen: dict[str, EventLocation] = {}
        for rm in chosen:
            span = next(
                (s for s in d.spans if s.start <= rm.mention.start < s.end),
                Span(rm.mention.start, rm.mention.end, ""),
            )
            loc = EventLocation(place=rm.place, precision=_precision(text, rm, span), role="site")  # type: ignore[arg-type]
            old = seen.get(loc.place.feature_id)
            if old is None or loc.precision < old.precision:
                seen[loc.place.feature_id] = loc
        groups.append(list(seen.values()))
    # Countries named only as the wider area of a finer site elsewhere are not separate events.
    countried = [g for g in groups if g and g[0].place.country_code] or groups
    fine = [g for g in countried if any(GRANULARITY.get(loc.place.feature_class, 2) < 4 for loc in g)]
    return fine or countried


Figure = tuple[int, bool]  # (value, vague)
_FIGURES = ("fatalities", "injuries")


@dataclass
class _Share:
    """One country's part of a draft's figures, with the tags and notes that say how it was coded."""

    figures: dict[str, Figure | None]
    tags: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _located_figures(d: _Draft) -> dict[tuple[str, str], Figure]:
    """Figures the draft's sentences give for the places of one country: {(country, category): figure}."""
    found: dict[tuple[str, str], Figure] = {}
    spans = {(s.start, s.end): s for s in d.spans}.values()
    for span in spans:
        named = [
            rm
            for rm in d.sites + d.mentioned
            if span.start <= rm.mention.start and rm.mention.end <= span.end and rm.place is not None
        ]
        named = list({rm.mention.start: rm for rm in named}.values())
        offsets = [(rm.mention.start - span.start, rm.mention.end - span.start) for rm in named]
        for count in counts_at_places(span.text, offsets):
            country = named[count.place].place.country_code or ""  # type: ignore[union-attr]
            key = (country, count.category)
            old = found.get(key)
            found[key] = (count.value + (old[0] if old else 0), count.vague or bool(old and old[1]))
    return found


def _shares(d: _Draft, groups: list[list[EventLocation]]) -> list[_Share]:
    """Each country's figures when one report covers several countries (one event each).

    A figure the text gives for a country's places is that event's. A total
    given for several without a breakdown is split as ACLED does: evenly, the
    first-named taking the remainder, noted on each event so a sum over events
    gives the reported total, not a multiple of it.
    """
    totals: dict[str, Figure | None] = {"fatalities": d.fatalities, "injuries": d.injuries}
    if len(groups) < 2:
        return [_Share(dict(totals)) for _ in groups]
    shares = [_Share(dict.fromkeys(_FIGURES)) for _ in groups]
    countries = [g[0].place.country_code or "" if g else "" for g in groups]
    first_named: dict[str, int] = {}
    for rm in sorted(d.sites, key=lambda rm: rm.mention.start):
        first_named.setdefault(rm.place.country_code or "", rm.mention.start)  # type: ignore[union-attr]
    order = sorted(range(len(groups)), key=lambda g: (first_named.get(countries[g], math.inf), g))
    located = _located_figures(d)
    for category in _FIGURES:
        given = {g: located[(countries[g], category)] for g in order if (countries[g], category) in located}
        for g, figure in given.items():
            shares[g].figures[category] = figure
        left = [g for g in order if g not in given]
        total = totals[category]
        rest = total[0] - sum(value for value, _ in given.values()) if total else 0
        if not left or total is None or rest <= 0:
            continue  # nothing left to share: the other countries' figure is not reported

        def named(gs: list[int]) -> str:
            return ", ".join(
                country_name(countries[g]) or (groups[g][0].place.name if groups[g] else "?") for g in gs
            )

        if not given:
            said = f"{rest} {category} reported for {named(left)} without a breakdown, split evenly:"
        else:
            said = f"{total[0]} {category} reported in total, {total[0] - rest} of them"
            said += f" for {named(list(given))};"
            said += f" the other {rest} split evenly over {named(left)}:" if len(left) > 1 else " the other"
        for g, part in zip(left, split_evenly(rest, len(left)), strict=True):
            shares[g].figures[category] = (part, total[1])
            shares[g].tags.add(f"{category}-split")
            shares[g].notes.append(f"{said[0].upper()}{said[1:]} {part} coded here.")
    return shares


def _confidence(d: _Draft, locations: list[EventLocation]) -> float:
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


def events_from_drafts(article: Article, drafts: list[_Draft], lexicon: ActorLexicon) -> list[Event]:
    """Typed, located, identified ``Event`` records from finished drafts."""
    source = article_source(article)
    events: list[Event] = []
    for d in drafts:
        sub = _final_type(d, lexicon)
        etype = event_type_of(sub)
        groups = _location_groups(d, article.text) or [[]]
        for locations, share in zip(groups, _shares(d, groups), strict=True):
            country = locations[0].place.country_code if locations else None
            actor1, actor2 = d.actor1, d.actor2
            if etype in (PROTESTS, RIOTS):
                # A demonstration's second actor is only who intervened ("police fired tear gas").
                actor1 = protesters(country) if etype == PROTESTS else rioters(country)
                intervened = sub in ("Protest with intervention", "Excessive force against protesters")
                actor2 = actor2 if intervened and lexicon.inter(actor2) in (1, 2, 3, 4) else None
            elif actor1 is None and etype in VIOLENT_TYPES:
                actor1 = UNIDENTIFIED_MILITARY if sub == "Air/drone strike" else UNIDENTIFIED
            if etype == VAC and actor2 is None:
                actor2 = civilians(country)
            actor1, actor2 = (in_country(a, country) for a in (actor1, actor2))
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
                Evidence(article.id, s.start, s.end, s.text, source)
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
            event = Event(
                event_id="",
                event_type=etype,
                sub_event_type=sub,
                disorder_type=disorder_type_of(etype, sub),
                event_date=d.date,
                time_precision=d.precision,
                actor1=actor1,
                actor2=actor2,
                assoc_actor_1=in_country(d.assoc_actor_1, country),
                fatalities=fatalities[0] if fatalities else None,
                injuries=injuries[0] if injuries else None,
                locations=tuple(sorted(locations, key=lambda loc: loc.place.feature_id))
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
    return events_from_drafts(article, drafts, lexicon)


__all__ = ["article_source", "events_from_article", "places_compatible", "reference_date"]
