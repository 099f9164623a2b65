"""geopy ``Location`` lists as GeoJSON FeatureCollections (what ``geoevents geocode``/``reverse`` print).

By default a feature is given by reference: its point, its bbox and its feature id. ``geometry="full"``
adds the shape. A shape is encoded to JSON text once per feature and process (``GeometryText``), since a
country's polygon costs far more to encode than everything else a record carries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

GeometryMode = Literal["point", "full"]
GEOMETRY_MODES: tuple[str, ...] = ("point", "full")


class GeometryText:
    """JSON text of feature shapes, encoded once per feature id and reused."""

    def __init__(self) -> None:
        self._text: dict[str, str] = {}

    def __call__(self, feature_id: str | None, geometry: BaseGeometry | dict[str, Any]) -> str:
        text = self._text.get(feature_id) if feature_id else None
        if text is None:
            obj = mapping(geometry) if isinstance(geometry, BaseGeometry) else mapping(shape(geometry))
            text = json.dumps(obj, separators=(",", ":"))
            if feature_id:
                self._text[feature_id] = text
        return text


GEOMETRY_TEXT = GeometryText()
_GEOMETRY_SLOT = "__geometry__"
_BBOXES: dict[str, list[float]] = {}


def shape_slot(feature_id: str | None, geometry: BaseGeometry | dict[str, Any]) -> dict[str, Any]:
    """A placeholder for a feature's shape, filled by ``dumps_with_geometry`` with its cached JSON text."""
    return {_GEOMETRY_SLOT: (feature_id, geometry)}


def bbox_of(
    geometry: BaseGeometry | dict[str, Any] | None,
    lon: float,
    lat: float,
    *,
    feature_id: str | None = None,
) -> list[float]:
    """``[west, south, east, north]`` of a shape, rounded to 6 decimals (the point's when no shape);
    remembered per feature id."""
    found = _BBOXES.get(feature_id) if feature_id else None
    if found is not None:
        return found
    geom = shape(geometry) if isinstance(geometry, dict) else geometry
    if geom is None or geom.is_empty:
        found = [round(lon, 6), round(lat, 6), round(lon, 6), round(lat, 6)]
    else:
        found = [round(float(v), 6) for v in shapely.bounds(geom)]
    if feature_id:
        _BBOXES[feature_id] = found
    return found


def location_to_feature(location: Any, *, geometry: GeometryMode = "point") -> dict[str, Any]:
    """One GeoJSON Feature: the point, ``bbox`` and ``feature_id``; with ``geometry="full"`` the shape
    (left as a placeholder that ``dumps_features`` fills with the shape's cached JSON text)."""
    raw = dict(getattr(location, "raw", None) or {})
    shape_obj = raw.pop("geometry", None)
    if not isinstance(shape_obj, dict) or "type" not in shape_obj:
        shape_obj = None
    point = {"type": "Point", "coordinates": [location.longitude, location.latitude]}
    properties = {k: v for k, v in raw.items() if isinstance(v, (str, int, float, bool, type(None), list))}
    properties.setdefault("name", getattr(location, "address", None))
    properties["address"] = getattr(location, "address", None)
    properties["lat"] = location.latitude
    properties["lon"] = location.longitude
    feature: dict[str, Any] = {
        "type": "Feature",
        "id": raw.get("feature_id"),
        "bbox": bbox_of(shape_obj, location.longitude, location.latitude, feature_id=raw.get("feature_id")),
        "geometry": point,
        "properties": properties,
    }
    if geometry == "full" and shape_obj is not None:
        feature["geometry"] = shape_slot(raw.get("feature_id"), shape_obj)
    return feature


def locations_to_feature_collection(
    locations: Iterable[Any] | Any, *, geometry: GeometryMode = "point"
) -> dict[str, Any]:
    """A FeatureCollection of ``locations`` in the order given (best first)."""
    if locations is None:
        locations = []
    elif not isinstance(locations, (list, tuple)):
        locations = [locations]
    return {
        "type": "FeatureCollection",
        "features": [location_to_feature(loc, geometry=geometry) for loc in locations],
    }


def _has_slot(obj: Any) -> bool:
    """Whether a record or collection holds a shape placeholder (top level, or in its features)."""
    if not isinstance(obj, dict):
        return False
    if isinstance(obj.get("geometry"), dict) and _GEOMETRY_SLOT in obj["geometry"]:
        return True
    return any(_has_slot(f) for f in obj.get("features", ()))


def dumps_with_geometry(obj: Any, *, indent: int | None = None) -> str:
    """``json.dumps`` where each shape placeholder becomes the shape's JSON text, encoded once a feature."""
    if not _has_slot(obj):
        return json.dumps(obj, ensure_ascii=False, indent=indent)
    slots: list[str] = []

    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            if _GEOMETRY_SLOT in value:
                feature_id, geom = value[_GEOMETRY_SLOT]
                slots.append(GEOMETRY_TEXT(feature_id, geom))
                return f"\x00{len(slots) - 1}\x00"
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value

    text = json.dumps(fill(obj), ensure_ascii=False, indent=indent)
    for n, slot in enumerate(slots):
        text = text.replace(f'"\\u0000{n}\\u0000"', slot, 1)
    return text
