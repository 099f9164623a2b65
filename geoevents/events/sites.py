"""Where an event happened: which places of its sentences are its sites, and how precisely.

A place is a site when the text puts the act there ("in Qaim", "near Al-Qaim",
"Qaim, Iraq"); other places of the sentence are only mentioned. Sites become
ACLED locations with geo_precision, one group per country.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import replace

from geoevents.events.capitals import capital_namesake, capital_sites
from geoevents.events.draft import Draft
from geoevents.events.headlines import report_sites
from geoevents.events.site_context import (
    _BROAD,
    SiteContext,
    _sentence_places,
    article_country,
    context_places,
    finer_than_broad,
    finer_than_province,
    foreign_namesake,
    joined_split_names,
    misread_by_its_container,
    site_context,
    split_name_parts,
)
from geoevents.events.site_context import (
    reading as _reading,
)
from geoevents.events.site_words import (
    _AREA_WORD_AFTER,
    _AREA_WORD_END,
    _NEAR,
    ACT_AFTER,
    CONTAINER_GAP,
    NEAR_WORDS,
    OPENING_DATE,
    PHRASE_BREAK,
    PHRASE_WORDS,
    before_is_the_triggers,
    container_country,
    container_of,
    granularity,
    names_a_road,
    places_in,
    possessed_by,
    site_flags,
    site_precision,
)
from geoevents.events.text import Span
from geoevents.events.towns import (
    ADMIN_NEIGHBOUR_KM,
    AREA_WORDS_IN,
    GRANULARITY,
    TOWN_LIKE,
    admin1_of_nearest_town,
    admin1_seat,
    distance_km,
    home_namesake,
    leads_to_container,
    unlisted_villages,
)
from geoevents.events.unplaced import unplaced_towns
from geoevents.records import EventLocation, Place, ResolvedMention


def km_between(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


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
        or AREA_WORDS_IN.match(rm.mention.text).group(0)  # type: ignore[union-attr]
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
        if _owner_of(a, b, text):  # "Idlib's Maarat al-Numaan": the part is the site, not its owner
            inside.add(id(a))
            continue
        if id(b) in keep or len(gap) > CONTAINER_GAP or not leads_to_container(text, a.mention.end, b):
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


def _owner_of(a: ResolvedMention, b: ResolvedMention, text: str) -> bool:
    """Whether ``a`` is a place of the same country named as the owner of the finer or equal ``b``
    just after it ("Idlibs Maarat al-Numaan district"; see ``possessed_by``)."""
    if a.place is None or b.place is None or a.place.feature_id == b.place.feature_id:
        return False
    same = a.place.country_code == b.place.country_code
    return same and granularity(text, b) <= granularity(text, a) and possessed_by(text, a, b)


TWIN_KM = 100.0  # a namesake abroad this close to the place the text puts it in is the town across a border


def _twin_across_a_border(rm: ResolvedMention, placed: list[ResolvedMention], text: str) -> bool:
    """Whether a site read abroad lies close to the place of another country the text puts it in
    ("Ras al Ain (Al-Hasakeh)" read as Ceylanpinar, its Turkish twin): its point is right, its country
    not."""
    container = container_of(rm, placed, text)
    if container is None or container.place is None or rm.place is None:
        return False
    if container.place.country_code == rm.place.country_code:
        return False
    return km_between(rm.place, container.place) <= TWIN_KM


BESIDE_KM = 100.0  # a town abroad this close to a town of the article's country it names is across a border


_BEARING_TO_TOWN = re.compile(
    r"\s*,?\s*(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|near|"
    r"outside)\s+(?:the\s+(?:city|town)\s+of\s+)?",
    re.IGNORECASE,
)


def _countryless_feature(rm: ResolvedMention) -> bool:
    return rm.place is not None and rm.place.feature_class == "physical" and not rm.place.country_code


def _towns_for_features(sites: list[ResolvedMention], d: Draft, text: str) -> list[ResolvedMention]:
    """A river, valley or desert of no one country that the text places by a town ("in the Euphrates Valley
    south of Deir Ezzor") stands for that town: the feature's point lies anywhere along it, and ACLED codes
    the town named as its reference."""
    out = []
    for rm in sites:
        town = None
        if _countryless_feature(rm):
            town = next(
                (
                    o
                    for o in d.mentioned + d.sites
                    if o.place is not None
                    and o.place.feature_class in TOWN_LIKE | {"admin1"}
                    and o.mention.start > rm.mention.end
                    and _BEARING_TO_TOWN.fullmatch(text, rm.mention.end, o.mention.start)
                ),
                None,
            )
        out.append(town or rm)
    return out


def _beside_the_story(rm: ResolvedMention, context: SiteContext, home: str | None) -> bool:
    """Whether a town read abroad lies close to a town of the article's country that the article names
    ("strikes hit Jabalia" in a report on Israel): a town across a border, not a namesake a continent
    away ("Bustan" read as a town in Tajikistan)."""
    place = rm.place
    if (
        place is None
        or not home
        or place.country_code in (None, home)
        or place.feature_class not in TOWN_LIKE
    ):
        return False
    return any(km_between(place, town) <= BESIDE_KM for town in context.home_towns)


def _own_sites(d: Draft, text: str, home: str | None, context: SiteContext) -> list[ResolvedMention]:
    """The draft's sites less foreign namesakes; a namesake the text puts in a country ("Tripoli,
    Lebanon") is first moved to the one that lies there (the draft's mentions are updated)."""
    placed = sorted((m for m in d.sites + d.mentioned if m.place is not None), key=lambda m: m.mention.start)
    parts = split_name_parts(placed, text)  # "Bustan al-Qasr" read in two countries: one unknown name
    joined = joined_split_names(placed, parts, text, [home or "", *sorted(context.countries or ())])
    if joined:  # "Ain" and "Issa" read in two countries: the town of the whole name
        d.tags.add("site-split-name-joined")
        d.sites = _once([joined.get(id(rm), rm) for rm in d.sites])
        d.mentioned = _once([joined.get(id(rm), rm) for rm in d.mentioned])
        placed = sorted(
            (m for m in d.sites + d.mentioned if m.place is not None), key=lambda m: m.mention.start
        )
        parts = split_name_parts(placed, text)
    rehomed = {
        id(rm): None if id(rm) in parts else home_namesake(rm, container_country(rm, placed, text) or home)
        for rm in d.sites + d.mentioned
    }
    if any(rehomed.values()):
        d.tags.add("site-namesake-rehomed")
        d.sites = [rehomed[id(rm)] or rm for rm in d.sites]
        d.mentioned = [rehomed[id(rm)] or rm for rm in d.mentioned]
    placed_in = {id(rm) for rm in rehomed.values() if rm is not None}  # put there by the text itself
    placed_in |= {
        id(rm)
        for rm in d.sites
        if _twin_across_a_border(rm, placed, text) or _beside_the_story(rm, context, home)
    }
    sites = [
        rm
        for rm in d.sites
        if (id(rm) in placed_in or not foreign_namesake(rm, home, context.countries))
        and not (id(rm) in parts and rm.place is not None and rm.place.country_code != home)
    ]
    if len(sites) < len(d.sites):
        d.tags.add("site-namesake-dropped")
    misread = {id(rm): c for rm in sites if (c := misread_by_its_container(rm, placed, text)) is not None}
    if misread:  # the village is one the gazetteer lacks: placed at the container (see ``unlisted_villages``)
        d.tags.add("site-misread-for-its-container")
        sites = [misread.get(id(rm), rm) for rm in sites]
        sites = _once(sites)
    elsewhere = [rm for rm in sites if _reading(rm) in context.misread]  # "in Adra" of the headline
    if elsewhere:
        d.tags.add("site-misread-elsewhere")
        sites = [rm for rm in sites if all(rm is not other for other in elsewhere)]
    owned = _owned_parts(sites, placed, text)
    if owned:
        d.tags.add("site-part-of-owner")
        sites = _once([owned.get(id(rm), rm) for rm in sites])
    return _beside_the_road(d, sites, text)


def _owned_parts(
    sites: list[ResolvedMention], placed: list[ResolvedMention], text: str
) -> dict[int, ResolvedMention]:
    """{site id: the place named right after it as its part} ("in Idlib's Maarat al-Numaan", "east of
    Idlibs Maarat al-Numaan district": the part is where it happened). ``placed`` sorted by start."""
    found: dict[int, ResolvedMention] = {}
    for rm in sites:
        i = bisect.bisect_left(placed, rm.mention.end, key=lambda m: m.mention.start)
        for other in placed[i : i + 3]:
            if other.mention.start - rm.mention.end > 8:
                break
            if _owner_of(rm, other, text):
                found[id(rm)] = other
                break
    return found


def _once(found: list[ResolvedMention]) -> list[ResolvedMention]:
    """The mentions less repeats of one object, in order."""
    return [rm for i, rm in enumerate(found) if all(rm is not other for other in found[:i])]


def _beside_the_road(d: Draft, sites: list[ResolvedMention], text: str) -> list[ResolvedMention]:
    """The sites less the towns roads are named after ("the Maiduguri road outside Monguno" is at
    Monguno), kept when no other site is named: a road's town is the fallback only."""
    roads = [rm for rm in sites if names_a_road(text, rm)]
    if not roads or len(roads) == len(sites):
        return sites
    d.tags.add("site-road-town-dropped")
    return [rm for rm in sites if all(rm is not road for road in roads)]


def _fallback_sites(
    d: Draft, text: str, home: str | None, context: SiteContext, unknown: list[ResolvedMention]
) -> list[ResolvedMention]:
    """With no site of its own, the places a coder reads an event at, first found first, each tagged:
    the capital its main sentence names by its country ("the Syrian capital"), its main sentence's, a
    town there the gazetteer did not place (``unknown``), its other sentences',
    the towns it reaches or leaves, the text around it, last such a town in a bordering country."""
    countries = [home or "", *sorted((context.countries or frozenset()) - {home})]
    known = [*d.sites, *d.mentioned, *context.mentions]
    tries = (
        ("site-capital-by-demonym", lambda: capital_sites(d.spans, text, context.demonyms)),
        ("site-from-sentence", lambda: _sentence_places(d, text, home)),
        ("site-from-geonames", lambda: unplaced_towns(d.spans, unknown, text, countries, known)),
        ("site-from-context", lambda: context_places(d, context, within_only=True)),
        ("site-reached-or-left", lambda: _sentence_places(d, text, home, moved=True)),
        ("site-from-context", lambda: context_places(d, context)),
        (
            "site-from-geonames-nearby",
            lambda: unplaced_towns(d.spans, unknown, text, countries, known, nearby=True),
        ),
    )
    for tag, find in tries:
        sites = find()
        if sites:
            d.tags.add(tag)
            return sites
    placed = [rm for rm in d.sites + d.mentioned if rm.place is not None]
    parts = split_name_parts(placed, text)
    kept = [rm for rm in d.sites if id(rm) not in parts]  # never "Ain" and "Larouz" read in two countries
    if kept:
        d.tags.add("site-namesake-kept")
        return kept  # no better place anywhere: the text's own site, namesake or not
    return []


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
    context, unknown = context or SiteContext(), list(unknown)
    sites = _own_sites(d, text, home, context) or _fallback_sites(d, text, home, context, unknown)
    capitals = [capital_namesake(rm, context.countries or ()) for rm in sites]
    if any(capitals):  # "Paris" read in Kentucky, in a story that names France
        sites = [c or rm for c, rm in zip(capitals, sites, strict=True)]
        d.tags.add("site-capital-namesake")
    if sites and all(rm.place is not None and rm.place.feature_class == "country" for rm in sites):
        capital = capital_sites(d.spans, text, context.demonyms)  # "in Syria's capital": finer
        if capital:
            sites = capital
            d.tags.add("site-capital-by-demonym")
    finer = finer_than_broad(d, sites, text, home, context)
    if finer:
        sites = finer
        d.tags.add("site-finer-than-region")
    elif finer := finer_than_province(d, sites, text, home, context):
        sites = finer
        d.tags.add("site-finer-than-province")
    # A namesake dropped is a village the gazetteer lacks: placed at the town or province the text puts it in.
    # A river or valley of no one country is no village the gazetteer lacks.
    dropped = [rm for rm in d.sites if not any(rm is kept for kept in sites) and not _countryless_feature(rm)]
    villages = unlisted_villages(d.spans, sites, text, [*unknown, *dropped])
    if villages:
        d.tags.add("site-unlisted-village")
    sites = without_containers(_towns_for_features(sites, d, text), text, keep=set(villages))
    sites = report_sites(d, sites)  # headlines run together: the report's own clause
    by_country: dict[str, list[ResolvedMention]] = {}
    for rm in sorted(sites, key=lambda rm: rm.mention.start):
        by_country.setdefault(rm.place.country_code or "", []).append(rm)  # type: ignore[union-attr]
    groups = [
        [with_admin_from(loc, context.mentions + d.mentioned) for loc in _finest(d, text, items, villages)]
        for _, items in sorted(by_country.items())
    ]
    # Countries named only as the wider area of a finer site elsewhere are not separate events.
    countried = [g for g in groups if g and g[0].place.country_code] or groups
    fine = [g for g in countried if any(GRANULARITY.get(loc.place.feature_class, 2) < 4 for loc in g)]
    return fine or countried


def _finest(
    d: Draft, text: str, items: list[ResolvedMention], villages: dict[int, EventLocation]
) -> list[EventLocation]:
    """The finest sites of one country as locations, one per place (its most precise reading);
    ``villages``: the sites an unlisted village is placed at, by mention id."""

    def coarseness(rm: ResolvedMention) -> float:
        if id(rm) in villages:
            return 1
        broad = rm.place is not None and rm.place.feature_class in _BROAD  # "northern Syria's Idlib province"
        return granularity(text, rm) + (0.5 if broad else 0)

    finest = min(coarseness(rm) for rm in items)
    seen: dict[str, EventLocation] = {}
    for rm in (rm for rm in items if coarseness(rm) == finest):
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
    return list(seen.values())


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
        admin1 = admin1_of_nearest_town(place)
        return replace(loc, place=replace(place, admin1=admin1)) if admin1 else loc
    return replace(loc, place=replace(place, admin1=best[1], admin2=place.admin2 or best[2]))


__all__ = [
    "ACT_AFTER",
    "GRANULARITY",
    "NEAR_WORDS",
    "OPENING_DATE",
    "PHRASE_BREAK",
    "PHRASE_WORDS",
    "SiteContext",
    "admin1_seat",
    "article_country",
    "before_is_the_triggers",
    "foreign_namesake",
    "home_namesake",
    "km_between",
    "location_groups",
    "places_compatible",
    "places_in",
    "site_context",
    "site_flags",
    "with_admin_from",
]
