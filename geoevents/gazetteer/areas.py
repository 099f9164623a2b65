"""Area geometry for the index build: admin areas cut from a country by its places, and an area's point.

Admin-area polygons are not shipped; they are derived from the places that lie in each area
(data/gazetteer/README.md). The point of an area is chosen where a reader would put it, not at a label spot.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry


def dissolve_cells(
    points: list[tuple[float, float]], keys: list[str | None], area: BaseGeometry
) -> dict[str, BaseGeometry]:
    """Partition ``area`` among ``keys`` by the Voronoi cells of their points (data/gazetteer/README.md)."""
    # One site per distinct location (duplicates break the diagram); the first place there names it.
    site_key: dict[tuple[float, float], str] = {}
    for (lat, lon), key in zip(points, keys, strict=True):
        if key:
            site_key.setdefault((round(lat, 5), round(lon, 5)), key)
    distinct = set(site_key.values())
    if not distinct:
        return {}
    if len(distinct) == 1:
        return {next(iter(distinct)): area}
    sites = list(site_key)
    coords = np.array([(lon, lat) for lat, lon in sites], dtype=float)
    diagram = shapely.voronoi_polygons(
        shapely.multipoints(coords), extend_to=area.envelope.buffer(1.0), ordered=True
    )
    cells = shapely.get_parts(diagram)
    groups: dict[str, list[int]] = defaultdict(list)
    for n, site in enumerate(sites):
        groups[site_key[site]].append(n)
    runs = groups.values()
    merged = np.array(
        [shapely.coverage_union_all(cells[idx]) if len(idx) > 1 else cells[idx[0]] for idx in runs],
        dtype=object,
    )
    shapely.prepare(area)
    clipped = merged.copy()
    outside = ~shapely.contains(area, merged)
    if outside.any():
        # Cut the country down to each group's box first: overlaying a small piece of a detailed
        # coastline is much cheaper than overlaying all of it, and gives the same result.
        boxes = shapely.bounds(merged[outside])
        local = np.array([shapely.clip_by_rect(area, *box) for box in boxes], dtype=object)
        local = shapely.make_valid(local)
        clipped[outside] = shapely.intersection(merged[outside], local)
    invalid = ~shapely.is_valid(clipped)
    if invalid.any():
        clipped[invalid] = shapely.make_valid(clipped[invalid])
    return {key: geom for key, geom in zip(groups, clipped, strict=True) if not geom.is_empty}


SMALL_AREA_DEGREES = 1.0
REFERENCE_POINT_SLACK_DEGREES = 0.5


def reference_point(geom: BaseGeometry, reference: tuple[float, float] | None) -> Point:
    """An area's point: its gazetteer reference point (lat, lon) when there is one on or next to the area,
    else the computed one. A continent's computed centre is meaningless (Europe's, with Russia, falls in
    Siberia); GeoNames gives each continent a conventional point."""
    if reference is not None:
        point = Point(reference[1], reference[0])
        if geom.distance(point) <= REFERENCE_POINT_SLACK_DEGREES:
            return point
    return representative(geom)


@functools.cache
def _equal_area() -> tuple[Any, Any]:
    """Lon/lat to and from EPSG:6933 (cylindrical equal-area), where a planar centroid is area-weighted."""
    import pyproj  # only when building: a fifth of a second of start-up otherwise

    forward = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)
    return forward, pyproj.Transformer.from_crs("EPSG:6933", "EPSG:4326", always_xy=True)


def representative(geom: BaseGeometry) -> Point:
    """An area's point: the area-weighted centroid of its main part, or a point on that part's surface.

    The centroid is taken in an equal-area projection (in degrees, high latitudes would weigh too much) and
    of the largest polygon only, so that outlying parts (Alaska, Svalbard, overseas islands) do not pull it
    into a place no reader means by the country's name; it falls back to a point on the surface when it
    lies outside (a crescent, a ring of islands).
    """
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        c = geom.centroid
        return c if geom.contains(c) else geom.point_on_surface()
    minx, miny, maxx, maxy = geom.bounds
    small = maxx - minx <= SMALL_AREA_DEGREES and maxy - miny <= SMALL_AREA_DEGREES
    if small and max(abs(miny), abs(maxy)) <= 60:
        # Over a degree, away from the poles, areas in degrees are proportional to true areas within a few
        # per cent, so the projection would move the point by metres: skip it (most admin areas are small).
        parts = shapely.get_parts(geom)
        part = parts[int(np.argmax(shapely.area(parts)))] if len(parts) > 1 else parts[0]
        c = part.centroid
        return c if part.contains(c) else part.point_on_surface()
    forward, inverse = _equal_area()
    projected = shapely.transform(geom, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
    parts = shapely.get_parts(projected)
    main = int(np.argmax(shapely.area(parts)))
    part = shapely.get_parts(geom)[main]
    pc = parts[main].centroid
    c = Point(*inverse.transform(pc.x, pc.y)) if np.isfinite([pc.x, pc.y]).all() else part.centroid
    return c if part.contains(c) else part.point_on_surface()
