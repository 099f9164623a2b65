"""The HTML map's offline basemap: countries, approximate provinces, towns, rivers and lakes.

Detail follows the events: outlines near them are fine, around them medium, elsewhere coarse. What
does not depend on the events (every country at each detail tier, its label, the rivers and lakes)
is made once and kept in the cache folder (``geoevents.diskcache``); a map only picks from it.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiLineString, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geoevents.diskcache import cached
from geoevents.outputs import basemap
from geoevents.outputs.basemap import (
    admin1_areas,
    countries,
    neighbourhood,
    towns,
    view_bounds,
)
from geoevents.outputs.page_text import JsonParts, JsonText, json_text
from geoevents.outputs.water import rivers_and_lakes

MIN_ZOOM = 2
# Country labels: approximate text size of .ge-country-label (11 px uppercase, spaced).
LABEL_CHAR_PX = 8.5
LABEL_HEIGHT_PX = 14
LABEL_MAX_ZOOM = 8
# Town labels: a label needs about this many pixels of room from the next one.
TOWN_LABEL_PX = 70
TOWN_MAX_ZOOM = 13
# Basemap detail: fine within NEAR_DEGREES of an event site, medium within AROUND_DEGREES; a set of
# events that fits in COMPACT_FOCUS_DEGREES gets the detail over its whole box too.
NEAR_DEGREES = 2.5
AROUND_DEGREES = 8.0
COMPACT_FOCUS_DEGREES = 30.0
TIERS = (basemap.NEAR_TOLERANCE, basemap.AROUND_TOLERANCE, basemap.FAR_TOLERANCE)


def rounded_coords(geometry: BaseGeometry, digits: int) -> Any:
    """GeoJSON coordinates rounded to ``digits`` decimals (4: ~10 m, well under a pixel at zoom 13)."""
    return mapping(shapely.transform(geometry, lambda c: np.round(c, digits)))["coordinates"]


def _rounded_lines(lines: list[BaseGeometry], digits: int) -> list[Any]:
    """The coordinates of many non-empty lines at once, as ``rounded_coords`` gives each."""
    if not lines:
        return []
    coords, index = shapely.get_coordinates(np.array(lines, dtype=object), return_index=True)
    return [part.tolist() for part in np.split(np.round(coords, digits), np.flatnonzero(np.diff(index)) + 1)]


def _rounded_polygons(polygons: list[BaseGeometry], digits: int) -> list[Any]:
    """The coordinates of many polygons at once (their rings through ``_rounded_lines``), as
    ``rounded_coords`` gives each."""
    if not polygons:
        return []
    rings, owners = shapely.get_rings(np.array(polygons, dtype=object), return_index=True)
    if shapely.is_empty(rings).any():
        return [rounded_coords(p, digits) for p in polygons]
    out: list[list[Any]] = [[] for _ in polygons]
    for ring, owner in zip(_rounded_lines(list(rings), digits), owners.tolist(), strict=True):
        out[owner].append(ring)
    return out


def _feature(geometry: BaseGeometry, digits: int, **properties: Any) -> dict[str, Any]:
    geo = mapping(shapely.transform(geometry, lambda c: np.round(c, digits)))
    return {"type": "Feature", "properties": properties, "geometry": geo}


def label_min_zoom(name: str, geometry: BaseGeometry) -> int:
    """The lowest web-map zoom at which a country's name fits inside its largest part.

    Compares the text's width and height in pixels with the part's extent at each
    zoom (256 px tiles), using area over extent so that long thin countries are
    not treated as wide. Small countries get their label only when zoomed in, so a
    world view shows a few big names instead of a pile of overlapping ones.
    """
    part = _largest_part(geometry)
    minx, miny, maxx, maxy = part.bounds
    width, height = max(maxx - minx, 1e-6), max(maxy - miny, 1e-6)
    area = max(part.area, 1e-9)
    width, height = min(width, 1.5 * area / height), min(height, 1.5 * area / width)
    stretch = 1 / max(math.cos(math.radians((miny + maxy) / 2)), 0.1)  # Mercator stretches north-south
    text_w, text_h = LABEL_CHAR_PX * len(name) + 8, LABEL_HEIGHT_PX
    need = max(
        math.log2(text_w * 360 / (256 * width)),
        math.log2(text_h * 360 / (256 * height * stretch)),
    )
    return min(max(math.ceil(need), MIN_ZOOM), LABEL_MAX_ZOOM)


def _largest_part(geometry: BaseGeometry) -> BaseGeometry:
    parts = list(getattr(geometry, "geoms", [geometry]))
    return max(parts, key=lambda g: g.area)


def _label_point(geometry: BaseGeometry) -> tuple[float, float]:
    part = _largest_part(geometry)
    point = polylabel(part, tolerance=0.05) if part.geom_type == "Polygon" else part.representative_point()
    return round(point.y, 3), round(point.x, 3)


@dataclass(frozen=True)
class CountryTiers:
    """Every country drawn at each detail tier, with its label: what a map picks from."""

    shapes: list[bytes]  # the countries' outlines (WKB), which say what lies near the events
    bounds: np.ndarray  # (n, 4) bounds of each
    codes: tuple[str | None, ...]
    features: dict[float, tuple[str | None, ...]]  # tolerance -> a GeoJSON feature each, as json_text
    labels: tuple[list[Any] | None, ...]  # [lat, lon, name, lowest zoom] each


def _data_key(*parts: object) -> str:
    """What a cached layer is made from: ``parts``, the countries, shapely, and the source of the code
    that makes it (a cache made by other code is not read back)."""
    here = Path(__file__).parent
    modules = ("basemap", "mapbase", "page_text")
    code = hashlib.sha256(b"".join((here / f"{m}.py").read_bytes() for m in modules))
    return ":".join(map(str, (*parts, basemap.countries_key(), shapely.__version__, code.hexdigest())))


def _make_tiers() -> CountryTiers:
    frame = countries()
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    shapes = np.array(list(frame.geometry), dtype=object)
    tiers = basemap.coverage_tiers(list(shapes), TIERS)
    codes = tuple(code if isinstance(code, str) else None for code in frame["iso_a2"])
    features = {
        tol: tuple(
            None if g is None or g.is_empty else json_text(_feature(g, 3, cc=code))
            for g, code in zip(tiers[tol], codes, strict=True)
        )
        for tol in TIERS
    }
    labels = tuple(
        [*_label_point(shape), str(name), label_min_zoom(str(name), shape)]
        if _largest_part(shape).area > 0
        else None
        for name, shape in zip(frame["name"], shapes, strict=True)
    )
    return CountryTiers(list(shapely.to_wkb(shapes)), shapely.bounds(shapes), codes, features, labels)


def country_tiers() -> CountryTiers:
    """The countries at each tier, from the cache folder once an earlier run made them."""
    return cached("maptiers", _data_key(TIERS), _make_tiers, CountryTiers)


def _countries_layer(
    near: BaseGeometry, around: BaseGeometry
) -> tuple[JsonParts, list[list[Any]], set[str], set[str]]:
    """Country polygons (tiered detail, shared edges kept, encoded), their labels, the codes of those
    near and the codes of all drawn."""
    tiers = country_tiers()
    is_near, is_around = (_meets(tiers, region) for region in (near, around))
    features, labels, near_codes, drawn = [], [], set(), set()
    for i, code in enumerate(tiers.codes):
        tol = TIERS[0] if is_near[i] else TIERS[1] if is_around[i] else TIERS[2]
        feature, label = tiers.features[tol][i], tiers.labels[i]
        if feature is None:
            continue
        features.append(JsonText(feature))  # plain str in the cache file: faster to read back
        if code:
            drawn.add(code)
        if is_near[i] and code:
            near_codes.add(code)
        if label:
            labels.append(list(label))
    labels.sort(key=lambda item: (item[3], item[2]))
    return JsonParts(type="FeatureCollection", features=features), labels, near_codes, drawn


def _meets(tiers: CountryTiers, region: BaseGeometry) -> np.ndarray:
    """Which countries meet the region (only those whose bounds meet it are parsed)."""
    minx, miny, maxx, maxy = region.bounds
    b = tiers.bounds
    close = np.flatnonzero((b[:, 2] >= minx) & (b[:, 0] <= maxx) & (b[:, 3] >= miny) & (b[:, 1] <= maxy))
    hits = np.zeros(len(tiers.shapes), dtype=bool)
    shapes = shapely.from_wkb(np.array([tiers.shapes[i] for i in close.tolist()], dtype=object))
    hits[close] = shapely.intersects(shapes, region)
    return hits


def _shared_edges(shapes: np.ndarray) -> BaseGeometry:
    """The edges two polygons of a coverage share: inside a country, not along its border.

    After ``coverage_simplify`` a shared edge has the same vertices on both sides, so it is the
    segments that occur twice (in either direction).
    """
    rings = shapely.get_rings(shapely.get_parts(shapes))
    coords, index = shapely.get_coordinates(rings, return_index=True)
    same = index[:-1] == index[1:]
    a, b = coords[:-1][same], coords[1:][same]
    flip = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    first, second = np.where(flip[:, None], b, a), np.where(flip[:, None], a, b)
    segments, counts = np.unique(np.round(np.hstack([first, second]), 7), axis=0, return_counts=True)
    shared = segments[counts >= 2]
    if not len(shared):
        return MultiLineString()
    return shapely.line_merge(shapely.multilinestrings(shapely.linestrings(shared.reshape(-1, 2, 2))))


@dataclass(frozen=True)
class CountryProvinces:
    """One country's divisions as the map draws them (coverage-simplified to ~1 km)."""

    lines: bytes  # WKB of the edges its divisions share: inside the country, not along its border
    names: tuple[str, ...]
    points: tuple[tuple[float, float], ...]  # where each label goes
    shapes: tuple[bytes, ...]  # WKB of each division, which says whether it is in view


def _make_provinces(codes: list[str]) -> dict[str, CountryProvinces]:
    out = {}
    for code in codes:
        areas = admin1_areas({code})
        shapes = shapely.coverage_simplify(np.array([a[2] for a in areas], dtype=object), 0.01)
        out[code] = CountryProvinces(
            shapely.to_wkb(_shared_edges(shapes)),
            tuple(name for name, _, _ in areas),
            tuple(_label_point(shape) for shape in shapes),
            tuple(shapely.to_wkb(shapes)),
        )
    return out


def country_provinces() -> dict[str, CountryProvinces]:
    """Every country's divisions as drawn, from the cache folder once an earlier run made them."""
    tables = basemap.gazetteer_tables()
    if tables is None:
        return {}
    make = functools.partial(_make_provinces, sorted(tables.provinces))
    return cached("mapprovinces", _data_key(tables.version), make, dict)


def _provinces_layer(codes: set[str], region: BaseGeometry) -> tuple[list[Any], list[list[Any]]]:
    """First-level division lines inside these countries (not along their borders), and labels."""
    known = country_provinces()
    chosen = [known[code] for code in sorted(codes) if code in known]
    if not chosen:
        return [], []
    clipped = shapely.intersection(shapely.from_wkb([c.lines for c in chosen]), region)
    parts = [g for g in shapely.get_parts(clipped) if g.geom_type == "LineString"]
    inner = shapely.line_merge(shapely.multilinestrings(parts)) if parts else MultiLineString()
    lines = _rounded_lines([g for g in getattr(inner, "geoms", [inner]) if not g.is_empty], 3)
    shapely.prepare(region)
    labels = [
        [*point, name]
        for country in chosen
        for name, point, seen in zip(
            country.names,
            country.points,
            shapely.intersects(region, shapely.from_wkb(country.shapes)),
            strict=True,
        )
        if seen
    ]
    return lines, labels


def town_min_zooms(items: Sequence[tuple[float, float]], *, first: int = 4) -> list[int]:
    """The zoom from which each town (in priority order) is labelled without crowding.

    Greedy by zoom: a town gets its label at the first zoom where it is at least TOWN_LABEL_PX
    from every town labelled before it; a town labelled at one zoom stays labelled closer in.
    """
    zooms = [TOWN_MAX_ZOOM + 1] * len(items)
    xy = [_mercator(lat, lon) for lat, lon in items]
    for zoom in range(first, TOWN_MAX_ZOOM + 1):
        cell = TOWN_LABEL_PX / (256 * 2**zoom)
        taken: dict[tuple[int, int], list[int]] = {}
        for i, (x, y) in enumerate(xy):
            key = (int(x / cell), int(y / cell))
            if zooms[i] <= zoom or not _crowded(key, x, y, cell, taken, xy):
                zooms[i] = min(zooms[i], zoom)
                taken.setdefault(key, []).append(i)
    return zooms


def _crowded(
    key: tuple[int, int],
    x: float,
    y: float,
    cell: float,
    taken: Mapping[tuple[int, int], list[int]],
    xy: Sequence[tuple[float, float]],
) -> bool:
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for j in taken.get((key[0] + dx, key[1] + dy), ()):
                if abs(xy[j][0] - x) < cell and abs(xy[j][1] - y) < cell / 3:
                    return True
    return False


def _mercator(lat: float, lon: float) -> tuple[float, float]:
    """Web-Mercator position on a unit square (0..1 both ways)."""
    lat = max(min(lat, 85.0), -85.0)
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2
    return (lon + 180) / 360, y


def _towns_layer(focus: tuple[float, float, float, float], points: list[tuple[float, float]]) -> list[Any]:
    found = towns(focus, points)
    zooms = town_min_zooms([(t.lat, t.lon) for t in found], first=3)
    return [
        [
            round(t.lat, 4),
            round(t.lon, 4),
            t.name,
            t.population,
            z if not t.capital else min(z, 5),
            int(t.capital),
        ]
        for t, z in zip(found, zooms, strict=True)
        if z <= TOWN_MAX_ZOOM
    ]


def _water_layer(region: BaseGeometry) -> tuple[list[Any], list[Any]]:
    rivers, lakes = rivers_and_lakes(region)
    parts = [
        p for r in rivers for p in getattr(r, "geoms", [r]) if p.geom_type == "LineString" and not p.is_empty
    ]
    river_lines = _rounded_lines(parts, 3)
    lake_shapes = _rounded_polygons(
        [part for lake in lakes for part in getattr(lake, "geoms", [lake]) if part.geom_type == "Polygon"], 3
    )
    return river_lines, lake_shapes


def _detail_regions(
    focus: tuple[float, float, float, float], points: list[tuple[float, float]]
) -> tuple[BaseGeometry, BaseGeometry]:
    """Where the basemap is detailed (near the events) and moderately so (around them).

    Neighbourhoods of the event sites, not their bounding box: events on three continents
    would otherwise make the whole world "near".
    """
    near_box, around_box = (
        box(*view_bounds(focus, margin=0.5, minimum=6.0)),
        box(*view_bounds(focus, margin=1.0, minimum=25.0)),
    )
    near, around = neighbourhood(points, NEAR_DEGREES), neighbourhood(points, AROUND_DEGREES)
    if near is None or around is None:
        return near_box, around_box
    if _compact(focus):
        near, around = near.union(near_box), around.union(around_box)
    return near, around


def basemap_layers(
    focus: tuple[float, float, float, float], points: list[tuple[float, float]]
) -> tuple[JsonParts, set[str]]:
    """The offline basemap (countries, approximate provinces, towns, rivers and lakes) as
    ``js_value`` encodes it, and the codes of the countries it draws."""
    near, around = _detail_regions(focus, points)
    world, labels, codes, drawn = _countries_layer(near, around)
    provinces, province_labels = _provinces_layer(codes, around)
    rivers, lakes = _water_layer(around)
    layers = {
        "countries": world,
        "countryLabels": labels,
        "provinces": provinces,
        "provinceLabels": province_labels,
        "towns": _towns_layer(focus if _compact(focus) else (0.0, 0.0, 0.0, 0.0), points),
        "rivers": rivers,
        "lakes": lakes,
    }
    return JsonParts(layers), drawn


def _compact(focus: tuple[float, float, float, float]) -> bool:
    return focus[2] - focus[0] <= COMPACT_FOCUS_DEGREES and focus[3] - focus[1] <= COMPACT_FOCUS_DEGREES
