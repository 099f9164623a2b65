"""geopy ``Location`` lists as GeoJSON FeatureCollections (what ``geoevents geocode``/``reverse`` print)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shapely.geometry import Point, mapping, shape


def location_to_feature(location: Any) -> dict[str, Any]:
    """One GeoJSON Feature: the real geometry when known, else the point; raw fields as properties."""
    raw = dict(getattr(location, "raw", None) or {})
    geometry = raw.pop("geometry", None)
    if not isinstance(geometry, dict) or "type" not in geometry:
        geometry = mapping(Point(location.longitude, location.latitude))
    else:
        geometry = mapping(shape(geometry))  # normalise tuples to lists-compatible mapping
    properties = {k: v for k, v in raw.items() if isinstance(v, (str, int, float, bool, type(None), list))}
    properties.setdefault("name", getattr(location, "address", None))
    properties["address"] = getattr(location, "address", None)
    properties["lat"] = location.latitude
    properties["lon"] = location.longitude
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def locations_to_feature_collection(locations: Iterable[Any] | Any) -> dict[str, Any]:
    """A FeatureCollection of ``locations`` in the order given (best first)."""
    if locations is None:
        locations = []
    elif not isinstance(locations, (list, tuple)):
        locations = [locations]
    return {"type": "FeatureCollection", "features": [location_to_feature(loc) for loc in locations]}
