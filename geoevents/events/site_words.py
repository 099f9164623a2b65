"""How the text words a place: whether a sentence puts an act there ("in Qaim", "near Al-Qaim"), how
coarse the place is, and whether the name only qualifies a noun ("US warplanes", "the US dollar")."""

from __future__ import annotations

import bisect
import re

from geoevents.events.causes import cause_words
from geoevents.events.datafiles import data_words
from geoevents.events.text import Span
from geoevents.events.towns import GRANULARITY, leads_to_container
from geoevents.records import MentionKind, ResolvedMention

_NEAR = re.compile(
    r"\b(?:near|outside|outskirts\s+of|close\s+to|around|vicinity\s+of|km\s+\w+\s+of|kilomet(?:re|er)s\s+\w+\s+of|"
    r"miles\s+\w+\s+of|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"(?:north|south|east|west)-?(?:east|west)?\s+of)\s+(?:the\s+(?:city|town|village|district|area)\s+of\s+)?$",
    re.IGNORECASE,
)


def places_in(span: Span, resolved: list[ResolvedMention]) -> list[ResolvedMention]:
    """The placed mentions of a span; a name inside a longer placed one ("Hays" in "Hays district") is
    part of it, not a place of its own. ``resolved`` is sorted by start: only the span's stretch is read."""
    first = bisect.bisect_left(resolved, span.start, key=lambda rm: rm.mention.start)
    last = bisect.bisect_left(resolved, span.end, lo=first, key=lambda rm: rm.mention.start)
    inside = [rm for rm in resolved[first:last] if rm.mention.end <= span.end and rm.place is not None]
    return [
        rm
        for rm in inside
        if not any(
            o is not rm
            and (o.mention.kind is MentionKind.TOPONYM or _AREA_WORD_END.search(o.mention.text))
            and o.mention.start <= rm.mention.start
            and rm.mention.end <= o.mention.end
            and o.mention.end - o.mention.start > rm.mention.end - rm.mention.start
            for o in inside
        )
    ]


_AREA_WORD_END = re.compile(
    r"\s(?:province|governorate|district|sub-district|county|prefecture|municipality)$", re.IGNORECASE
)
# A place named with its area word: "Aleppo province", "Idlib countryside": the area, not its town.
_AREA_WORD_AFTER = re.compile(
    r"\s+(?:province|governorate|region|countryside|district|sub-district|prefecture|state|county|"
    r"countryside|desert|hinterland|outskirts)\b",
    re.IGNORECASE,
)


def granularity(text: str, rm: ResolvedMention) -> int:
    """How coarse a site is: its feature class, or an area when the text calls it one ("Aleppo province")."""
    coarse = GRANULARITY.get(rm.place.feature_class, 2) if rm.place else 2
    if _AREA_WORD_AFTER.match(text, rm.mention.end) and coarse < 3:
        return 3
    return coarse


def site_precision(text: str, rm: ResolvedMention, sentence: Span) -> int:
    """ACLED geo_precision: the resolver's, raised to 2 when the text says "near" a point place."""
    before = text[max(sentence.start, rm.mention.start - 60) : rm.mention.start]
    precision = max(rm.precision, 3 if granularity(text, rm) >= 3 else 1)
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


# The part of a place the act was in, or the place a verb of violence acts on: "the Jadida neighbourhood
# of Mosul", "shelled the town of Kafr Nabl".
_PART_OF = re.compile(
    r"\b(?:neighbou?rhoods?|distric?ts?|suburbs?|quarters?|outskirts|countryside|environs|areas?|villages?|"
    r"towns?|city|province|governorate|region|sub-district|subdistrict|municipality|camp|countryside)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_OBJECT_OF_TRIGGER = re.compile(
    r"\s+(?:(?:of|on|against|targeting|into|hit|struck|targeted|pounded|shelled|bombed|attacked|rocked|shook)\s+)?"
    r"(?:the\s+)?(?:(?:town|village|city|district|area|camp|neighbou?rhood|outskirts)\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)


# "blamed on Washington", "attributed to Iran": a culprit named through a place, not where it happened.
_ATTRIBUTION = re.compile(r"\b(?:blam\w*|pinned|attribut\w*|accus\w*)\s+(?:\w+\s+){0,3}?(?:on|to)\s+$", re.I)


# Between a place and a later trigger: the trigger is the cause or topic of what happened at the place
# ("mourners gathered in Baghdad for the funerals of fighters killed in air strikes").
_SUBORDINATE = re.compile(
    rf"\b(?:{cause_words('after', 'since')}|for|against|over|before|about|because\s+of|"
    rf"(?:{cause_words('reply')}|in\s+protest)\s+(?:to|for|against|at))\b",
    re.IGNORECASE,
)


# Words that end a trigger's noun phrase: a finite auxiliary or reporting verb, a clause opener,
# or a past tense that is not itself an act of violence.
PHRASE_BREAK = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|could|may|might|can|did|does|do|said|says|told|"
    r"while|because|but|although|though|(?!(?:killed|wounded|injured|targeted|struck|hit|aimed|located|based|slammed|landed|exploded|"
    r"damaged|destroyed|occurred|happened)\b)"
    r"\w+ed)\b|[;:]",
    re.IGNORECASE,
)


PHRASE_WORDS = 12  # a reference's phrase: its complements, or an act of violence and its complements


NEAR_WORDS = 6  # places this close after a reference with no verb between are its complements


ACT_AFTER = re.compile(
    r"\s*(?:(?:that|which)\s+)?(?:\w+ly\s+)?(?:killed|wounded|injured|hit|struck|targeted|destroyed|damaged|"
    r"slammed|landed|exploded|went\s+off|took\s+place|occurred|happened)\b",
    re.IGNORECASE,
)


# What may open a sentence before its place or date: "In Mosul, ...", "On Friday, ...".
_OPENING_PLACE = re.compile(r"\W*(?:in|at|near|outside)\s+(?:the\s+)?", re.IGNORECASE)


OPENING_DATE = re.compile(r"\W*(?:(?:early|late)\s+)?(?:on|in|at|during)?\s*", re.IGNORECASE)


def before_is_the_triggers(
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


def site_flags(
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
        object_of = not reference and bool(_OBJECT_OF_TRIGGER.fullmatch(text, trigger[1], rm.mention.start))
        locative = bool(_LOCATIVE.search(before) or _PART_OF.search(before))
        site = (
            (locative or appositive or object_of)
            and not _ATTRIBUTION.search(before)
            and not attribute_only(text, rm, locative=locative)
            and not _agent_country(rm, before)
        )
        if site and rm.mention.end <= trigger[0]:
            span = (clause.start, rm.mention.start, rm.mention.end)
            site = before_is_the_triggers(text, span, trigger[0], opener=_OPENING_PLACE)
        if site and reference:
            gap = text[anchor : rm.mention.start] if rm.mention.start >= anchor else None
            limit = PHRASE_WORDS if anchor != trigger[1] or (gap and ACT_AFTER.match(gap)) else NEAR_WORDS
            site = gap is not None and len(gap.split()) <= limit and not PHRASE_BREAK.search(gap)
            if site:
                anchor = rm.mention.end
        flags.append(site)
    return flags


_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)


def _agent_country(rm: ResolvedMention, before: str) -> bool:
    """A country named as the doer of a passive ("a truce announced by Russia", "strikes carried out by
    Turkey"): the state that acted, not where."""
    return rm.place is not None and rm.place.feature_class == "country" and bool(_BY_AGENT.search(before))


_MOVED = re.compile(
    r"\b(?:(?P<to>to|toward|towards|into)|from)\s+(?:the\s+)?(?:(?:city|town|village|district|area)\s+of\s+)?$",
    re.IGNORECASE,
)


_ORIGIN = re.compile(
    r"\b(?:(?:from|to|by|with|toward|towards|against)|(?:ministry|ministers?|government|president|embassy|army|"
    r"forces|people|citizens|leaders?|king|officials?|parliament|council|authorities|consulate)\s+of)\s+(?:the\s+)?(?:former\s+)?$",
    re.IGNORECASE,
)
_FLIGHT_WORDS = "|".join(r"\s+".join(map(re.escape, w.split())) for w in data_words("flight_words.txt"))
# "fled from", "were displaced from the town of": the place of what drove them out
_FLED_FROM = re.compile(
    rf"\b(?:{_FLIGHT_WORDS})\s+(?:[\w'’-]+\s+){{0,3}}?"
    r"from\s+(?:the\s+)?(?:(?:city|town|village|district|area|neighbou?rhood)\s+of\s+)?$",
    re.IGNORECASE,
)


def origin_of(before: str) -> bool:
    """Whether the words before a place make it an origin ("from Iraq", "the army of Iraq"), not the
    town people fled from (see ``_FLED_FROM``)."""
    return bool(_ORIGIN.search(before)) and not _FLED_FROM.search(before)


# A place name used as a modifier: of a currency, a weapon, a force, an office, a street ("the US dollar",
# "Molotov cocktails", "US warplanes", "the Iraqi embassy", "Raju street"): never where the act happened.
_ATTRIBUTE_AFTER = re.compile(
    r"(?:['’]s)?[\s-]+(?:dollars?|pounds?|dinars?|riyals?|rials?|liras?|euros?|roubles?|rubles?|francs?|shekels?|"
    r"cocktails?|rifles?|embassy|consulate|ministry|street|avenue|boulevard|st\.)\b",
    re.IGNORECASE,
)
# Nouns of an actor: "US warplanes struck", but "in Quetta police arrested" still names the place.
_ACTOR_AFTER = re.compile(
    r"(?:['’]s)?[\s-]+(?:missiles?|warplanes?|jets?|aircraft|drones?|troops|forces|soldiers|army|military|navy|"
    r"police|officials?|government|president|prime\s+minister|envoys?|ambassadors?|diplomats?|(?:foreign\s+)?ministers?|"
    r"citizens?|nationals?)\b",
    re.IGNORECASE,
)
# The head of a group's name just before the place: "Islamic State of Iraq and the Levant", "the Supreme
# Council for Syria" (a capitalised head: "forces of Mosul" may name the place). The name's place is no
# site; "the Party in Baghdad" or "the University of Mosul" still place an act at their offices.
_ORGANISATION_BEFORE = re.compile(
    r"\b(?:State|Force|Forces|Army|Front|Mission|Council|Movement|Party|Brigades?|Coalition|Committee|"
    r"Organi[sz]ation|Authority|Command|League|Union)\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w-]+\s+and\s+(?:the\s+)?)?$"
)


def inside_a_word(text: str, rm: ResolvedMention) -> bool:
    """Whether a mention is only part of a word of the text ("tyre" of "tyres"); a capitalised name with
    an "s" is a possessive whose apostrophe was lost ("Aleppos western front")."""
    start, end = rm.mention.start, rm.mention.end
    if 0 < start <= len(text) and text[start - 1].isalpha():
        return True
    rest = re.match(r"[^\W\d_]*", text[end : end + 30])
    tail = rest.group(0) if rest else ""
    return bool(tail) and not (tail == "s" and text[start : start + 1].isupper())


def attribute_only(text: str, rm: ResolvedMention, *, locative: bool = False) -> bool:
    """Whether a place mention only qualifies the noun after it ("US warplanes", "Molotov cocktails");
    after a locative ("in Quetta police ...") only a currency, weapon, office or street does. A name
    read out of a longer word ("Tyre" of "burning tyres") or named in an organisation's name ("the Islamic
    State of Iraq and the Levant") is no place at all."""
    if _ATTRIBUTE_AFTER.match(text, rm.mention.end) or inside_a_word(text, rm):
        return True
    if _ORGANISATION_BEFORE.search(text, max(0, rm.mention.start - 60), rm.mention.start):
        return True
    return not locative and bool(_ACTOR_AFTER.match(text, rm.mention.end))


_SPEAKS_AFTER = re.compile(r"['’]?s?\s+(?:said|says|told|announced|reported|claimed|accused|denied)\b", re.I)


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|around)\s+(?:the\s+)?$", re.IGNORECASE)

_AREA_OF_BEFORE = re.compile(
    r"\b(?:province|governorate|region|district|town|city|village|countryside|outskirts)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def located_there(text: str, rm: ResolvedMention) -> bool:
    """Whether a name the geoparser read as a government or an organisation ("Zawiya agreed", "the
    Islamabad High Court") is put there by a locative ("groups in Zawiya agreed a truce", "arrested at the
    Islamabad High Court"): the place itself, where the act happened. Not a possessive ("in Tehran's view")
    nor a speaker ("officials in Washington said"), which say nothing of where the act was."""
    start, end = rm.mention.start, rm.mention.end
    if text[end : end + 1] in ("'", "’"):
        return False
    if _AREA_OF_BEFORE.search(text, max(0, start - 30), start):
        return True  # "in the province of Deir Ezzor said the monitor": an area speaks for no one
    if _SPEAKS_AFTER.match(text, end):
        return False
    return _LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None


CONTAINER_GAP = 120  # characters: the longest "in the rural north of the province of" a connector spans
_POSSESSIVE = re.compile(r"(?:['’]s?|(?<=[a-z])s)\s+(?:the\s+)?")  # "Idlibs Maarat": its apostrophe lost


def possessed_by(text: str, owner: ResolvedMention, rm: ResolvedMention) -> bool:
    """Whether a place is named as a part of the place just before it ("Idlib's Maarat al-Numaan", or
    with the apostrophe lost, "Idlibs Maarat al-Numaan"): that place only says where it lies."""
    end, start = owner.mention.end, rm.mention.start
    if end > start or not _POSSESSIVE.fullmatch(text, end, start):
        return False
    # a bare "s" is a possessive only after a capitalised name (not "tyres" of a lower-case text)
    return text[end : end + 1] in ("'", "’") or text[owner.mention.start : owner.mention.start + 1].isupper()


def container_of(rm: ResolvedMention, placed: list[ResolvedMention], text: str) -> ResolvedMention | None:
    """The place the text puts ``rm`` in ("Palmyra (Homs)", "Tripoli, Lebanon", "Hays in Hodeidah",
    "Khartoum's Burri district"). ``placed``: placed mentions sorted by start; only those next to ``rm``
    are read."""
    start, end = rm.mention.start, rm.mention.end
    i = bisect.bisect_left(placed, end, key=lambda m: m.mention.start)
    for k in range(i, len(placed)):  # by index: a slice would copy the rest of a long list each time
        other = placed[k]
        if other.mention.start - end > CONTAINER_GAP:
            break
        if leads_to_container(text, end, other):
            return other
    j = bisect.bisect_left(placed, start, key=lambda m: m.mention.start)
    for other in reversed(placed[max(0, j - 3) : j]):
        if possessed_by(text, other, rm):
            return other
    return None


def container_country(rm: ResolvedMention, placed: list[ResolvedMention], text: str) -> str | None:
    """The country of ``rm``'s container (see ``container_of``): the namesake that lies there is meant,
    whatever the article's country."""
    container = container_of(rm, placed, text)
    return container.place.country_code if container is not None and container.place is not None else None


# "the Maiduguri road", "the Damascus-Homs highway", "Kabul–Jalalabad road": a town that names a road
_ROAD_AFTER = re.compile(
    r"(?:\s*[-–]\s*[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)?\s+(?:road|highway|motorway|expressway|freeway|route)\b",
    re.IGNORECASE,
)


def names_a_road(text: str, rm: ResolvedMention) -> bool:
    """Whether the mention is the town a road is named after ("on the Maiduguri road outside Monguno"):
    the road runs from it, so it is the site only when the text names no other place as where."""
    return _ROAD_AFTER.match(text, rm.mention.end) is not None
