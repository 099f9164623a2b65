"""RFC 7946 GeoJSON, written by hand so every byte is under our control.

GDAL's writer adds a ``crs`` member unless told otherwise and formats floats by
platform; here coordinates are WGS84 lon/lat rounded to 6 decimals (about 10 cm),
polygons follow the right-hand rule, each file holds one geometry type, feature
ids come from the ``id`` column and dates are ISO strings (GDAL and QGIS type
them as Date). Identical frames give identical bytes.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import inspect
import json
import math
import os
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geoevents import diskcache
from geoevents.atomic import atomic_write_text
from geoevents.errors import InputError
from geoevents.outputs import frames
from geoevents.outputs.frames import oriented

DECIMALS = 6
KEPT_FROM = 2000  # coordinates: a smaller geometry is encoded faster than its cache file is read


_SCALE = 10.0**DECIMALS


def _round_coords(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        value = round(float(coords), DECIMALS)
        return 0.0 if value == 0 else value  # no "-0.0"
    return [_round_coords(c) for c in coords]


def _rounded(values: np.ndarray) -> list[Any]:
    """``values`` rounded as ``_round_coords`` rounds them, in bulk (country outlines have 100,000s).

    ``rint(x * 1e6) / 1e6`` is Python's correctly rounded ``round(x, 6)`` except where the
    product lands within a rounding error of a half; those few values take ``round``.
    """
    scaled = values * _SCALE
    out: np.ndarray = np.rint(scaled) / _SCALE
    unsure = (np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6) | ~(np.abs(values) < 1e9)
    if unsure.any():
        out[unsure] = [round(float(v), DECIMALS) for v in values[unsure]]
    out += 0.0  # no "-0.0"
    result: list[Any] = out.tolist()
    return result


def _split(flat: list[Any], parts: np.ndarray) -> list[list[Any]]:
    """``flat`` cut into one list per part (ring or line), in order."""
    pieces, start = [], 0
    for count in shapely.get_num_coordinates(parts).tolist():
        pieces.append(flat[start : start + count])
        start += count
    return pieces


def _coordinates(geometry: BaseGeometry) -> Any:
    """GeoJSON ``coordinates`` of a (multi)point, line or polygon, rounded: one pass over all of them."""
    kind = geometry.geom_type
    if geometry.is_empty:
        return []
    flat = _rounded(shapely.get_coordinates(geometry, include_z=geometry.has_z))
    if kind == "Point":
        return flat[0]
    if kind in ("LineString", "LinearRing", "MultiPoint"):
        return flat
    if kind == "MultiLineString":
        return _split(flat, shapely.get_parts(geometry))
    if kind == "Polygon":
        return _split(flat, shapely.get_rings(geometry))
    polygons = shapely.get_parts(geometry)
    rings, owners = shapely.get_rings(polygons, return_index=True)
    nested: list[list[Any]] = [[] for _ in range(len(polygons))]
    for owner, ring in zip(owners.tolist(), _split(flat, rings), strict=True):
        nested[owner].append(ring)
    return nested


def geometry_to_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON geometry object: right-hand rule, rounded coordinates."""
    shape = oriented(geometry)
    if shape.geom_type in _COORDINATE_TYPES:
        return {"type": shape.geom_type, "coordinates": _coordinates(shape)}
    geo = mapping(shape)
    return {"type": geo["type"], "coordinates": _round_coords(geo["coordinates"])}


_COORDINATE_TYPES = frozenset(
    {"Point", "LineString", "MultiPoint", "MultiLineString", "Polygon", "MultiPolygon"}
)


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


def _check_one_kind(frame: gpd.GeoDataFrame, name: str | None) -> None:
    kinds = {g.geom_type for g in frame.geometry if g is not None and not g.is_empty}
    if len(kinds) > 1:
        raise InputError(name or "frame", f"one geometry type per GeoJSON file, got {sorted(kinds)}")


def frame_to_feature_collection(frame: gpd.GeoDataFrame, *, name: str | None = None) -> dict[str, Any]:
    """The FeatureCollection for a frame (``id`` column becomes the feature id)."""
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    _check_one_kind(frame, name)
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


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


@functools.cache
def _code_key() -> bytes:
    """The source of the encoding (this module and the orientation rule): new code, new cache files."""
    return hashlib.sha256(Path(__file__).read_bytes() + inspect.getsource(frames.oriented).encode()).digest()


def _kept_path(geometry: BaseGeometry, code: bytes) -> Path | None:
    """The cache file of a text made from ``geometry``, named by its exact bytes (WKB) and ``code``."""
    try:
        from geoevents.settings import default_cache_dir

        folder = default_cache_dir() / "geojson"
    except (RuntimeError, OSError):  # no home folder
        return None
    digest = hashlib.sha256(code + shapely.to_wkb(geometry)).hexdigest()[:32]
    return folder / f"{digest}.json"


def kept_text(
    geometry: BaseGeometry, make: Callable[[BaseGeometry], str], *, code: bytes, whole: Callable[[str], bool]
) -> str:
    """``make(geometry)``, kept in the cache folder and read back by the next run that needs it.

    ``code`` stands for the source that makes the text (new code, new files); ``whole`` tells a file
    as ``make`` writes it from a damaged one. The cache never fails a write: a file that cannot be
    read, or is not whole, is made again."""
    path = _kept_path(geometry, code)
    if path is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = path.read_text(encoding="utf-8")
            if whole(text):
                os.utime(path)  # used now: kept by the week-unused cleanup
                return text
    text = make(geometry)
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, text)
        _prune_once(path.parent)
    return text


def _geojson_text(geometry: BaseGeometry) -> str:
    return _dumps(geometry_to_geojson(geometry))


def _whole_geojson(text: str) -> bool:
    return text.startswith('{"type":') and text.endswith("]}")


def geometry_text(geometry: BaseGeometry) -> str:
    """``geometry_to_geojson(geometry)`` as compact JSON text.

    An area's outline (100,000s of points) is the same in every run that mentions it, and rounding and
    encoding it is most of writing ``areas.geojson``: a large geometry's text is kept in the cache
    folder (``kept_text``) and read back.
    """
    if shapely.get_num_coordinates(geometry) < KEPT_FROM:
        return _geojson_text(geometry)
    return kept_text(geometry, _geojson_text, code=_code_key(), whole=_whole_geojson)


@functools.cache
def _prune_once(folder: Path) -> None:
    """Outlines no run has read for a week are deleted, once per process, when a new one is kept."""
    diskcache.prune_folder(folder, "*.json")


def _feature_lines(frame: gpd.GeoDataFrame) -> Iterator[str]:
    """One compact JSON line per feature, as ``json.dumps`` writes ``frame_to_feature_collection``'s."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for row, geometry in zip(frame[columns].itertuples(index=False, name=None), frame.geometry, strict=True):
        properties = {col: _json_value(val) for col, val in zip(columns, row, strict=True)}
        head: dict[str, Any] = {"type": "Feature"}
        if "id" in properties and properties["id"] is not None:
            head["id"] = properties["id"]
        shape = "null" if geometry is None or geometry.is_empty else geometry_text(geometry)
        yield f'{_dumps(head)[:-1]},"geometry":{shape},"properties":{_dumps(properties)}}}'


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: encoding makes millions of lists and floats (no cycles),
    and the collector would walk them again and again (a quarter of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_geojson(frame: gpd.GeoDataFrame, path: str | os.PathLike[str], *, name: str | None = None) -> None:
    """Write ``frame`` as one RFC 7946 FeatureCollection (atomically; one feature per line)."""
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    _check_one_kind(frame, name)
    collection: dict[str, Any] = {"type": "FeatureCollection"}
    if name:
        collection["name"] = name
    head = json.dumps(collection, ensure_ascii=False)[:-1]
    with _collector_paused():
        body = ",\n".join(_feature_lines(frame))
    text = f'{head}, "features": [\n{body}\n]}}\n' if body else f'{head}, "features": []}}\n'
    atomic_write_text(path, text)
