"""What the offline gazetteer answers in geopy's shape: ``Answer``, and geopy ``Location``s on demand.

Kept apart from the lookups so that geopy (and the HTTP stack it imports) loads only when a geopy-style
answer is asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely

from geoevents.errors import GazetteerError
from geoevents.records import Place

if TYPE_CHECKING:
    from geopy.location import Location


def parse_point(query: Any) -> tuple[float, float]:
    """A reverse query's point, from "lat, lon", an object with ``latitude`` and ``longitude``, or a
    pair; a malformed or out-of-range point raises ``GazetteerError`` (offline and online reverse)."""
    try:
        if isinstance(query, str):
            lat_s, lon_s = query.replace(";", ",").split(",")
            lat, lon = float(lat_s), float(lon_s)
        elif hasattr(query, "latitude") and hasattr(query, "longitude"):
            lat, lon = float(query.latitude), float(query.longitude)
        else:
            lat, lon = float(query[0]), float(query[1])
    except (TypeError, ValueError, IndexError):
        raise GazetteerError(f"point {query!r} is not a (latitude, longitude) pair") from None
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        raise GazetteerError(f"point ({lat}, {lon}) is outside latitude -90..90 / longitude -180..180")
    return lat, lon


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer of the offline gazetteer: what a geopy ``Location`` holds (``address``, ``latitude``,
    ``longitude``, ``raw``), without importing geopy and the HTTP stack it loads (a sixth of a second
    of a command's start-up). ``location()`` gives the geopy object."""

    address: str
    latitude: float
    longitude: float
    raw: dict[str, Any]

    def location(self) -> Location:
        from geopy.location import Location

        return Location(self.address, (self.latitude, self.longitude, 0.0), self.raw)


def place_answer(place: Place, *, match_score: float = 1.0, matched_name: str | None = None) -> Answer:
    """An ``Answer`` whose ``raw`` carries the feature (id, source, class, codes, geometry), the match
    score and the name (as normalised) that matched: an alternate name, or a fuzzy match's."""
    raw = {**place.raw, "match_score": match_score}
    if matched_name is not None:
        raw["matched_name"] = matched_name
    if "geometry" not in raw:
        raw["geometry"] = shapely.geometry.mapping(place.geometry)
    address = ", ".join(
        dict.fromkeys(
            x
            for x in (place.name, place.admin1 if place.admin1 != place.name else None, place.country_code)
            if x
        )
    )
    return Answer(address, place.lat, place.lon, raw)


def place_to_location(place: Place, *, match_score: float = 1.0, matched_name: str | None = None) -> Location:
    """A geopy ``Location`` of ``place`` (see ``place_answer``)."""
    return place_answer(place, match_score=match_score, matched_name=matched_name).location()
