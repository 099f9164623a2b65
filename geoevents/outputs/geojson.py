"""RFC 7946 GeoJSON, written by hand so every byte is under our control.

GDAL's writer adds a ``crs`` member unless told otherwise and formats floats by
platform; here coordinates are WGS84 lon/lat rounded to 6 decimals (about 10 cm),
polygons follow the right-hand rule, each file holds one geometry type, feature
ids come from the ``id`` column and dates are ISO strings (GDAL and QGIS type
them as Date). Identical frames give identical bytes.
"""

from __future__ import annotations

import json
import math
import os
from datetime import date, datetime
from typing import Any

import geopandas as gpd
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geoevents.atomic import atomic_write_text
from geoevents.errors import InputError
from geoevents.outputs.frames import _oriented

DECIMALS = 6


def _round_coords(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        value = round(float(coords), DECIMALS)
        return 0.0 if value == 0 else value  # no "-0.0"
    return [_round_coords(c) for c in coords]


def geometry_to_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON geometry object: right-hand rule, rounded coordinates."""
    geo = mapping(_oriented(geometry))
    return {"type": geo["type"], "coordinates": _round_coords(geo["coordinates"])}


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy / pandas scalars
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def frame_to_feature_collection(frame: gpd.GeoDataFrame, *, name: str | None = None) -> dict[str, Any]:
    """The FeatureCollection for a frame (``id`` column becomes the feature id)."""
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    kinds = {g.geom_type for g in frame.geometry if g is not None and not g.is_empty}
    if len(kinds) > 1:
        raise InputError(name or "frame", f"one geometry type per GeoJSON file, got {sorted(kinds)}")
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = []
    for row, geometry in zip(frame[columns].itertuples(index=False, name=None), frame.geometry, strict=True):
        properties = {col: _json_value(val) for col, val in zip(columns, row, strict=True)}
        feature: dict[str, Any] = {"type": "Feature"}
        if "id" in properties and properties["id"] is not None:
            feature["id"] = properties["id"]
        feature["geometry"] = None if geometry is None or geometry.is_empty else geometry_to_geojson(geometry)
        feature["properties"] = properties
        features.append(feature)
    collection: dict[str, Any] = {"type": "FeatureCollection"}
    if name:
        collection["name"] = name
    collection["features"] = features
    return collection


def write_geojson(frame: gpd.GeoDataFrame, path: str | os.PathLike[str], *, name: str | None = None) -> None:
    """Write ``frame`` as one RFC 7946 FeatureCollection (atomically; one feature per line)."""
    collection = frame_to_feature_collection(frame, name=name)
    features = collection.pop("features")
    head = json.dumps(collection, ensure_ascii=False)[:-1]
    lines = [json.dumps(f, ensure_ascii=False, allow_nan=False, separators=(",", ":")) for f in features]
    body = ",\n".join(lines)
    text = f'{head}, "features": [\n{body}\n]}}\n' if lines else f'{head}, "features": []}}\n'
    atomic_write_text(path, text)
