"""A town read by another place's alternate or former name ("Pokrovsk" read as Engels, Russia, whose old
name it is) while a town of a country the article names bears it as its own name: that town is meant."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from geoevents.events.towns import (
    AREA_WORDS_IN,
    LOCATIVE_PHRASE,
    city_place,
    distance_km,
    keyed_towns,
    name_key,
)
from geoevents.records import MentionRole, ResolvedMention, ZoneKind

OTHER_TOWN_KM = 50.0  # a town of the name this far from the reading is another town, not a spelling of it


@lru_cache(maxsize=64)
def _towns_by_own_name(country: str) -> dict[str, dict[str, Any]]:
    """One country's towns of 15,000 or more by the name key of their own (primary) name, the largest kept."""
    found: dict[str, dict[str, Any]] = {}
    for towns in keyed_towns(country).values():
        for city, _ in towns:
            key = name_key(city["name"])
            if key and int(city.get("population") or 0) > int(found.get(key, {}).get("population") or 0):
                found[key] = city
    return found


def named_countries(resolved: Iterable[ResolvedMention]) -> list[str]:
    """The countries an article names in any role (a country, a demonym, a dateline), in text order."""
    found: dict[str, None] = {}
    for rm in sorted(resolved, key=lambda rm: rm.mention.start):
        place, m = rm.place, rm.mention
        code = m.country_code if m.role is MentionRole.DEMONYM else None
        if place is not None and (place.feature_class == "country" or m.zone is ZoneKind.DATELINE):
            code = place.country_code
        if code:
            found[code] = None
    return list(found)


def _said_name(rm: ResolvedMention) -> str:
    name = rm.mention.parts[-1] if rm.mention.parts else rm.mention.text
    return AREA_WORDS_IN.sub("", LOCATIVE_PHRASE.sub("", name, count=1))


def own_name_town(rm: ResolvedMention, countries: Iterable[str]) -> ResolvedMention | None:
    """The town of one of ``countries`` whose own name the mention is, when the mention was read as a
    place of another own name (an alternate or former name) that lies far from it; None otherwise."""
    place = rm.place
    if place is None or place.feature_class != "populated_place":  # not a province named for its seat
        return None
    key = name_key(_said_name(rm))
    if len(key) <= 3 or key == name_key(place.name):
        return None  # read by its own name
    towns = [t for code in countries if (t := _towns_by_own_name(code).get(key)) is not None]
    towns = [
        t
        for t in towns
        if distance_km(place.lat, place.lon, float(t["latitude"]), float(t["longitude"])) > OTHER_TOWN_KM
    ]
    if not towns:
        return None
    town = max(towns, key=lambda t: int(t.get("population") or 0))
    return replace(rm, place=city_place(town, renamed_from=place.feature_id))


def own_name_readings(resolved: list[ResolvedMention]) -> list[ResolvedMention]:
    """The article's mentions with every town read by another town's alternate name moved to the town of a
    country the article names that bears that name as its own (see ``own_name_town``)."""
    countries = named_countries(resolved)
    if not countries:
        return resolved
    return [
        (own_name_town(rm, countries) or rm) if rm.mention.role is MentionRole.LITERAL else rm
        for rm in resolved
    ]


__all__ = ["named_countries", "own_name_readings", "own_name_town"]
