"""Where an event happened: which places of its sentences are its sites, and how precisely.

A place is a site when the text puts the act there ("in Qaim", "near Al-Qaim",
"Qaim, Iraq"); other places of the sentence are only mentioned. Sites become
ACLED locations with geo_precision, one group per country.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from geoevents.events.draft import Draft
from geoevents.events.text import Span
from geoevents.events.towns import (
    _AREA_WORDS_IN,
    _TO_CONTAINER,
    _TOWN_LIKE,
    ADMIN_NEIGHBOUR_KM,
    GRANULARITY,
    _admin1_of_nearest_town,
    _km,
    admin1_seat,
    home_namesake,
    unlisted_villages,
)
from geoevents.records import EventLocation, MentionKind, MentionRole, Place, ResolvedMention, ZoneKind

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
    r"\b(?:for|after|following|against|over|since|before|about|because\s+of|in\s+(?:response|retaliation|"
    r"revenge|protest)\s+(?:to|for|against|at))\b",
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


def km_between(a: Place, b: Place) -> float:
    return _km(a.lat, a.lon, b.lat, b.lon)


def places_compatible(a: Place, b: Place, *, max_km: float) -> bool:
    """Same place, same admin1, within ``max_km``, or one area containing the other's point."""
    if a.feature_id == b.feature_id:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if a.admin1 and b.admin1 and a.admin1 == b.admin1:
        return True
    if km_between(a, b) <= max_km:
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


def _sentence_places(d: Draft, text: str, home: str | None, *, moved: bool = False) -> list[ResolvedMention]:
    """With no site, the places the event's main sentence names ("Fighting shook Aleppo"), leaving out
    culprits ("blamed on Washington"), origins ("from Iraq") and places outside the article's country
    (``home``, when known): the best site a coder has. ``moved``: only the towns it reaches or leaves
    ("fired rockets from Gaza towards Ashkelon", "withdrew from Manbij"), the one reached first."""
    if not d.spans:
        return []
    main = d.spans[0]
    tiers: dict[int, list[ResolvedMention]] = {}
    for rm in d.mentioned:
        if not (main.start <= rm.mention.start < main.end) or rm.place is None:
            continue
        if home and rm.place.country_code and rm.place.country_code != home:
            continue
        before = text[max(main.start, rm.mention.start - 40) : rm.mention.start]
        speaker = _SPEAKS_AFTER.match(text, rm.mention.end)
        if _ATTRIBUTION.search(before) or speaker or attribute_only(text, rm):
            continue
        tier = 0
        if _ORIGIN.search(before):
            way = _MOVED.search(before)
            if way is None or granularity(text, rm) >= 4:
                continue
            tier = 1 if way.group("to") else 2
        if (tier > 0) == moved:
            tiers.setdefault(tier, []).append(rm)
    return tiers[min(tiers)] if tiers else []


# A place reached or left: "towards Ashkelon", "withdrew from the town of Manbij".
_MOVED = re.compile(
    r"\b(?:(?P<to>to|toward|towards|into)|from)\s+(?:the\s+)?(?:(?:city|town|village|district|area)\s+of\s+)?$",
    re.IGNORECASE,
)


_ORIGIN = re.compile(
    r"\b(?:(?:from|to|by|with|toward|towards|against)|(?:ministry|ministers?|government|president|embassy|army|"
    r"forces|people|citizens|leaders?|king|officials?|parliament|council|authorities|consulate)\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
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
    r"police|officials?|government|president|prime\s+minister|envoy|citizens?|nationals?)\b",
    re.IGNORECASE,
)


def attribute_only(text: str, rm: ResolvedMention, *, locative: bool = False) -> bool:
    """Whether a place mention only qualifies the noun after it ("US warplanes", "Molotov cocktails");
    after a locative ("in Quetta police ...") only a currency, weapon, office or street does."""
    if _ATTRIBUTE_AFTER.match(text, rm.mention.end):
        return True
    return not locative and bool(_ACTOR_AFTER.match(text, rm.mention.end))


_SPEAKS_AFTER = re.compile(r"['’]?s?\s+(?:said|says|told|announced|reported|claimed|accused|denied)\b", re.I)


CONTAINER_GAP = 120  # characters: the longest "in the rural north of the province of" a connector spans


def _container_country(rm: ResolvedMention, placed: list[ResolvedMention], text: str) -> str | None:
    """The country of the place the text puts ``rm`` in ("Palmyra (Homs)", "Tripoli, Lebanon",
    "Hays in Hodeidah"): the namesake that lies there is meant, whatever the article's country.
    ``placed``: the draft's placed mentions sorted by start; only those just after ``rm`` are read."""
    end = rm.mention.end
    i = bisect.bisect_left(placed, end, key=lambda m: m.mention.start)
    for other in placed[i:]:
        if other.mention.start - end > CONTAINER_GAP:
            break
        if _TO_CONTAINER.fullmatch(text, end, other.mention.start):
            return other.place.country_code  # type: ignore[union-attr]
    return None


def _province_or_seat(text: str, rm: ResolvedMention, precision: int) -> EventLocation:
    """A province site as ACLED codes it: at the town it is named after, as that town when the text names
    it bare ("shelling in Raqqa"), as the province (precision 3) when the text calls it one."""
    assert rm.place is not None
    seat = admin1_seat(rm.place, rm.mention.text)
    if seat is None:  # a province ACLED names its own way ("Rural Damascus") is its own admin1
        own = replace(rm.place, admin1=rm.place.admin1 or rm.place.name)
        return EventLocation(place=own, precision=precision)
    area = bool(
        _AREA_WORD_END.search(rm.mention.text)
        or _AREA_WORD_AFTER.match(text, rm.mention.end)
        or _AREA_WORDS_IN.match(rm.mention.text).group(0)  # type: ignore[union-attr]
        or re.search(
            r"\b(?:province|governorate)\s+of\s+(?:the\s+)?$",
            text[max(0, rm.mention.start - 30) : rm.mention.start],
            re.I,
        )
    )
    if area:
        moved = replace(rm.place, lat=seat.lat, lon=seat.lon)  # its geometry stays the province's
        return EventLocation(place=moved, precision=3, role="site")
    near = _NEAR.search(text[max(0, rm.mention.start - 60) : rm.mention.start])
    return EventLocation(place=seat, precision=2 if near or rm.precision == 2 else 1, role="site")


NAMESAKE_SCORE = 0.5  # below this, a place abroad is more likely a namesake of one in the article's country
UNNAMED_COUNTRY_SCORE = 0.8  # below this, a town of a country the article never names is a namesake


def foreign_namesake(rm: ResolvedMention, home: str | None, named: frozenset[str] | None = None) -> bool:
    """A place outside the country the article is about that is more likely a namesake than the site: one
    weakly chosen ("Palmyra" read as the town in Pennsylvania in a report on Syria), or a town of a country
    the article never names (``named``: the countries it names or datelines) chosen with less than
    near certainty ("Bustan" read as a town in Tajikistan in a report from Aleppo)."""
    code = rm.place.country_code if rm.place else None
    if not (home and code and code != home):
        return False
    if rm.score < NAMESAKE_SCORE:
        return True
    unnamed = named is not None and code not in named and rm.place is not None
    return unnamed and rm.place.feature_class in _TOWN_LIKE and rm.score < UNNAMED_COUNTRY_SCORE  # type: ignore[union-attr]


def _usable_context(rm: ResolvedMention, text: str, home: str | None) -> bool:
    """A placed mention that may stand for an unplaced event's site: in the article's country, not a
    culprit, an origin or a speaker."""
    if rm.place is None or foreign_namesake(rm, home):
        return False
    if home and rm.place.country_code and rm.place.country_code != home:
        return False
    before = text[max(0, rm.mention.start - 40) : rm.mention.start]
    speaker = _SPEAKS_AFTER.match(text, rm.mention.end) or attribute_only(text, rm)
    return not (_ATTRIBUTION.search(before) or _ORIGIN.search(before) or speaker)


@dataclass(frozen=True)
class SiteContext:
    """An article's placed mentions that may stand for an unplaced event's site, in text order, with
    their offsets for search (built once per article by ``site_context``)."""

    mentions: list[ResolvedMention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    countries: frozenset[str] | None = None  # the countries the article names or datelines, its own included

    def between(self, start: int, end: int) -> list[ResolvedMention]:
        return self.mentions[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]


def site_context(context: Iterable[ResolvedMention], text: str, home: str | None) -> SiteContext:
    """The ``SiteContext`` of an article's placed mentions."""
    context = [home_namesake(rm, home) or rm for rm in context]
    usable = sorted(
        (rm for rm in context if _usable_context(rm, text, home)), key=lambda rm: rm.mention.start
    )
    named = {
        rm.place.country_code
        for rm in context
        if rm.place is not None
        and rm.place.country_code
        and (rm.place.feature_class == "country" or rm.mention.zone is ZoneKind.DATELINE)
    }
    return SiteContext(
        usable, [rm.mention.start for rm in usable], frozenset(named | ({home} if home else set()))
    )


def context_places(d: Draft, context: SiteContext, *, within_only: bool = False) -> list[ResolvedMention]:
    """With no place in the event's own sentences ("The town was shelled"), the place a coder reads
    from the text around it (``context``: see ``site_context``): a place of its other evidence
    sentences, else (unless ``within_only``) the last place named before its main sentence (the town
    "the town" refers back to), else the first the article names (its headline or opening)."""
    if not d.spans or not context.mentions:
        return []
    for span in sorted(d.spans, key=lambda s: s.start):
        within = context.between(span.start, span.end)
        if within:
            return within[:1]
    if within_only:
        return []
    before = [rm for rm in context.between(0, d.spans[0].start) if rm.mention.end <= d.spans[0].start]
    return before[-1:] if before else context.mentions[:1]


_BROAD = frozenset({"country", "region_expression", "border"})  # a named region may be a quarter


def finer_than_broad(
    d: Draft,
    sites: list[ResolvedMention],
    text: str,
    home: str | None,
    context: SiteContext | None = None,
) -> list[ResolvedMention]:
    """For sites that are only a country, a part of one or a border ("fighting in northern Syria"), the town,
    district or province the event's sentences also name in that country: ACLED codes the finest place
    given. With none there, the town of that country the article names nearest before the event (or,
    with none before, after it): the town a coder reads "a rebel-held town in the north" as."""
    if not sites or any(rm.place is None or rm.place.feature_class not in _BROAD for rm in sites):
        return []
    countries = {rm.place.country_code for rm in sites if rm.place is not None} - {None} or {home}
    in_spans = [rm for sp in d.spans for rm in (context.between(sp.start, sp.end) if context else [])]

    def finer(rm: ResolvedMention) -> bool:
        return (
            rm.place is not None
            and rm.place.country_code in countries
            and rm.place.feature_class not in _BROAD
            and granularity(text, rm) <= 3
            and _usable_context(rm, text, home)
        )

    named = sorted((rm for rm in d.mentioned + in_spans if finer(rm)), key=lambda rm: granularity(text, rm))
    if named or context is None or not d.spans:
        return named[:1]
    start = d.spans[0].start
    around = [rm for rm in context.mentions if finer(rm) and granularity(text, rm) <= 2]
    before = [rm for rm in around if rm.mention.start < start]
    return before[-1:] if before else around[:1]


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?(?:in|at|on)\s+(?:the\s+)?", re.IGNORECASE)
_BEARING = re.compile(r"(?:north|south|east|west)\w*\s+of\b", re.IGNORECASE)


def without_containers(sites: list[ResolvedMention], text: str, *, keep: set[int]) -> list[ResolvedMention]:
    """The sites less those that only say where the site before them lies ("Tal Rifaat (Aleppo)", "near
    Tarmiyah, north of Baghdad"); a bare comma marks a container only when it is coarser ("Homs, Hama" is a
    list). ``keep``: sites a village the gazetteer lacks is placed at."""
    ordered = sorted(sites, key=lambda rm: rm.mention.start)
    inside: set[int] = set()
    for a, b in itertools.pairwise(ordered):
        if id(a) in inside and b.mention.end <= a.mention.end and id(b) not in keep:
            inside.add(id(b))  # "Baghdad" of "north of Baghdad"
            continue
        gap = text[a.mention.end : b.mention.start]
        if id(b) in keep or len(gap) > CONTAINER_GAP or not _TO_CONTAINER.fullmatch(gap):
            continue
        if a.place is None or b.place is None or a.place.feature_id == b.place.feature_id:
            continue
        if a.place.country_code != b.place.country_code or _LIST_GAP.fullmatch(gap):
            continue  # "in Mosul, in Aleppo and in Mafraq": a list, not a container
        finer = granularity(text, b) < granularity(text, a)  # "the central Syrian city of Homs"
        listed = re.fullmatch(r"\s*,\s*", gap) and granularity(text, b) == granularity(text, a)
        if (finer or listed) and not _BEARING.match(b.mention.text):  # ", north of Baghdad" is a bearing
            continue
        inside.add(id(b))
    return [rm for rm in sites if id(rm) not in inside] or sites


def location_groups(
    d: Draft,
    text: str,
    *,
    home: str | None = None,
    unknown: Iterable[ResolvedMention] = (),
    context: SiteContext | None = None,
) -> list[list[EventLocation]]:
    """The sites of a draft, the finest per country (first named first); one group per country.

    A draft with no site falls back to the places of its main sentence (tagged ``site-from-sentence``),
    else to the places of the text around it (``context``: the article's placed mentions; tagged
    ``site-from-context``).
    """
    context = context or SiteContext()
    by_country: dict[str, list[ResolvedMention]] = {}
    placed = sorted((m for m in d.sites + d.mentioned if m.place is not None), key=lambda m: m.mention.start)
    rehomed = {
        id(rm): home_namesake(rm, _container_country(rm, placed, text) or home)
        for rm in d.sites + d.mentioned
    }
    if any(rehomed.values()):
        d.tags.add("site-namesake-rehomed")
        d.sites = [rehomed[id(rm)] or rm for rm in d.sites]
        d.mentioned = [rehomed[id(rm)] or rm for rm in d.mentioned]
    placed_in = {id(rm) for rm in rehomed.values() if rm is not None}  # put there by the text itself
    sites = [rm for rm in d.sites if id(rm) in placed_in or not foreign_namesake(rm, home, context.countries)]
    if len(sites) < len(d.sites):
        d.tags.add("site-namesake-dropped")
    if not sites:
        sites = _sentence_places(d, text, home)
        if sites:
            d.tags.add("site-from-sentence")
    if not sites:
        sites = context_places(d, context, within_only=True)
        if sites:
            d.tags.add("site-from-context")
    if not sites:
        sites = _sentence_places(d, text, home, moved=True)
        if sites:
            d.tags.add("site-reached-or-left")
    if not sites:
        sites = context_places(d, context)
        if sites:
            d.tags.add("site-from-context")
    if not sites and d.sites:
        sites = list(d.sites)  # no better place anywhere: the text's own site, namesake or not
        d.tags.add("site-namesake-kept")
    finer = finer_than_broad(d, sites, text, home, context)
    if finer:
        sites = finer
        d.tags.add("site-finer-than-region")
    # A namesake dropped is a village the gazetteer lacks: placed at the town or province the text puts it in.
    dropped = [rm for rm in d.sites if not any(rm is kept for kept in sites)]
    villages = unlisted_villages(d.spans, sites, text, [*unknown, *dropped])
    if villages:
        d.tags.add("site-unlisted-village")
    sites = without_containers(sites, text, keep=set(villages))
    for rm in sorted(sites, key=lambda rm: rm.mention.start):
        by_country.setdefault(rm.place.country_code or "", []).append(rm)  # type: ignore[union-attr]

    def coarseness(rm: ResolvedMention) -> float:
        if id(rm) in villages:
            return 1
        broad = rm.place is not None and rm.place.feature_class in _BROAD  # "northern Syria's Idlib province"
        return granularity(text, rm) + (0.5 if broad else 0)

    groups: list[list[EventLocation]] = []
    for _, items in sorted(by_country.items()):
        finest = min(coarseness(rm) for rm in items)
        chosen = [rm for rm in items if coarseness(rm) == finest]
        seen: dict[str, EventLocation] = {}
        for rm in chosen:
            span = next(
                (s for s in d.spans if s.start <= rm.mention.start < s.end),
                Span(rm.mention.start, rm.mention.end, ""),
            )
            if id(rm) in villages:
                loc = villages[id(rm)]
            elif rm.place is not None and rm.place.feature_class == "admin1":
                loc = _province_or_seat(text, rm, site_precision(text, rm, span))
            else:
                loc = EventLocation(place=rm.place, precision=site_precision(text, rm, span), role="site")  # type: ignore[arg-type]
            old = seen.get(loc.place.feature_id)
            if old is None or loc.precision < old.precision:
                seen[loc.place.feature_id] = loc
        groups.append([with_admin_from(loc, context.mentions + d.mentioned) for loc in seen.values()])
    # Countries named only as the wider area of a finer site elsewhere are not separate events.
    countried = [g for g in groups if g and g[0].place.country_code] or groups
    fine = [g for g in countried if any(GRANULARITY.get(loc.place.feature_class, 2) < 4 for loc in g)]
    return fine or countried


def with_admin_from(loc: EventLocation, around: Iterable[ResolvedMention]) -> EventLocation:
    """A site with no province (a base or a curated place: "K-1 air base") given the one its point lies
    in, from the article's places: a province whose area covers it, else the nearest town of the same
    country within ``ADMIN_NEIGHBOUR_KM``. ACLED gives every row its admin1."""
    place = loc.place
    if place.admin1 or not place.country_code or GRANULARITY.get(place.feature_class, 2) >= 3:
        return loc
    from shapely.geometry import Point

    point = Point(place.lon, place.lat)
    best: tuple[float, str, str | None] | None = None
    for rm in around:
        other = rm.place
        if other is None or other.country_code != place.country_code or other.feature_id == place.feature_id:
            continue
        if other.feature_class == "admin1" and other.geometry.geom_type != "Point":
            try:
                if other.geometry.covers(point):
                    return replace(loc, place=replace(place, admin1=other.name))
            except Exception:  # malformed geometry: the nearest town still may tell
                pass
        if other.admin1:
            km = km_between(place, other)
            if km <= ADMIN_NEIGHBOUR_KM and (best is None or km < best[0]):
                best = (km, other.admin1, other.admin2)
    if best is None:
        admin1 = _admin1_of_nearest_town(place)
        return replace(loc, place=replace(place, admin1=admin1)) if admin1 else loc
    return replace(loc, place=replace(place, admin1=best[1], admin2=place.admin2 or best[2]))


def article_country(
    resolved: Iterable[ResolvedMention], actor_votes: Mapping[str, int] | None = None, text: str = ""
) -> str | None:
    """The country an article is about: the one its places, demonyms and groups name most.

    A place in a country counts twice, a dateline twice more; a weakly chosen place (a likely namesake), a
    country named and a demonym once, as they often name an actor's country ("US beef", "Russian jets"),
    and a demonym not at all when it says where a source is based ("a British-based monitor", in
    ``text``); each naming of a group that fights in one country counts once (``actor_votes``: see
    ``ActorLexicon.home_votes``). It names the state, civilians or protesters of an event the text does
    not place, and tells foreign namesakes from the places of the story.
    """
    votes: Counter[str] = Counter(actor_votes or {})
    for rm in resolved:
        m = rm.mention
        code, weight = None, 1
        if m.role is MentionRole.DEMONYM:
            based = re.match(r"[\s-]*based\b", text[m.end : m.end + 12], re.IGNORECASE)
            code = None if based else m.country_code
        elif m.role is MentionRole.LITERAL and rm.place is not None:
            weak = rm.score < NAMESAKE_SCORE or rm.place.feature_class == "country"
            code, weight = rm.place.country_code, 1 if weak else 2
        if code:
            votes[code] += weight * (2 if m.zone is ZoneKind.DATELINE else 1)
    if not votes:
        return None
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
