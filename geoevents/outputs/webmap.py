"""The offline HTML map (folium + Leaflet): events, places, areas and a basemap legible to city scale.

Nothing is loaded from the network: Leaflet and marker clustering are inlined from their packages,
folium's CDN links are dropped, and the basemap (countries, approximate provinces, towns, rivers,
lakes) is drawn from installed data. Online tiles are added only when asked for by name.

The page is one folium map with four elements: the inlined assets, the map's data (one JSON value),
the map's script (``assets_map/map.js``) and the initial view. Every event is drawn once, at its
primary location (an event whose sites were only "mentioned" still has one), so the heading, the
legend, the event list and the ACLED CSV count the same events.

Article text is untrusted. Every string that reaches the page is HTML-escaped where it becomes
markup (popups are built here, in Python) and the data is JSON-encoded with ``<``, ``>`` and ``&``
as unicode escapes, so it can neither close the script nor become markup; only http(s) URLs become
links. The script itself sets article text with ``textContent`` only. The escaping is in ``page_text``, the
popups in ``popups``; this module lays out the map's data and writes the page.
"""

from __future__ import annotations

import functools
import hashlib
import html
import inspect
import json
import math
import os
import re
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geoevents.atomic import atomic_write_text
from geoevents.outputs import assets
from geoevents.outputs.basemap import focus_bounds, view_bounds
from geoevents.outputs.geojson import kept_text
from geoevents.outputs.mapbase import MIN_ZOOM, basemap_layers, label_min_zoom, rounded_coords, town_min_zooms
from geoevents.outputs.page_text import (
    JsonParts,
    JsonText,
    frame_rows,
    js_string,
    js_value,
    json_text,
    plain_text,
    safe_link,
)
from geoevents.outputs.popups import ArticleInfo, event_popup_html, place_popup_html
from geoevents.outputs.style import (
    AREA_COLOR,
    BORDER_COLOR,
    COUNTRY_EDGE,
    EVENT_SHAPES,
    LAND_COLOR,
    OTHER,
    PLACE_COLOR,
    PRECISION_RING_KM,
    SEA_COLOR,
    as_date,
    event_color,
    event_type_key,
    geo_precision,
    marker_radius_px,
    number_or_none,
    type_counts,
)
from geoevents.records import Event

if TYPE_CHECKING:
    import folium

DEFAULT_TITLE = "geoevents: reported events"
MAX_ZOOM = 16
# The initial view: events (else places) plus a margin, never narrower than
# FOCUS_MIN_DEGREES (a single town opens with its surroundings), never closer than FIT_MAX_ZOOM.
FOCUS_MIN_DEGREES = 1.5
FIT_PADDING_PX = 40
FIT_MAX_ZOOM = 10
# Areas wider or taller than this are continents or world regions: never drawn.
MAX_AREA_DEGREES = 40.0
# Precision rings never grow past this (a whole country named as the place).
MAX_RING_KM = 400.0
BORDER_RING_KM = PRECISION_RING_KM[3]
EARTH_RADIUS_KM = 6371.0088
POPUP_WIDTH_PX = 360
# Named regions and borders: ~1 km, finer than a pixel up to zoom 7 and still close at city scale.
SHAPE_TOLERANCE = 0.01
# Coordinates from which an outline is kept in the cache folder: simplifying costs about a microsecond
# a point, reading a kept file some tens.
OUTLINE_KEPT_FROM = 200


_CSS_VARIABLES = {
    "sea": SEA_COLOR,
    "land": LAND_COLOR,
    "edge": COUNTRY_EDGE,
    "place": PLACE_COLOR,
    "area": AREA_COLOR,
    "border": BORDER_COLOR,
}


# -- events ---------------------------------------------------------------------------------------


def located_events(frame: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """One row per event at its primary location (its first site, else its first place).

    An event whose places were all tagged "mentioned" keeps its best one, so every event that has
    a location is drawn, as the ACLED CSV lists it.
    """
    if frame is None or not len(frame):
        return gpd.GeoDataFrame({"geometry": []}, crs="EPSG:4326")
    if "is_primary" in frame.columns:
        primary = frame[frame["is_primary"].astype(bool)]
        rest = frame[~frame["event_id"].isin(primary["event_id"])]
        frame = gpd.GeoDataFrame(
            pd.concat([primary, rest.drop_duplicates("event_id")]), crs=frame.crs, geometry="geometry"
        )
    else:
        frame = frame.drop_duplicates("event_id")
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    return frame.sort_values(["event_id"]).reset_index(drop=True)


def _equivalent_radius_km(geometry: BaseGeometry) -> float:
    """The radius of the circle with the area of a polygon, or half the length of a line (km)."""
    lat = math.radians(geometry.centroid.y)
    km_per_deg = math.pi * EARTH_RADIUS_KM / 180
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        area_km2 = geometry.area * km_per_deg**2 * math.cos(lat)
        return math.sqrt(area_km2 / math.pi)
    if geometry.geom_type in ("LineString", "MultiLineString"):  # a border area: a band, not the line
        return min(geometry.length * km_per_deg * max(math.cos(lat), 0.3) / 2, BORDER_RING_KM)
    return 0.0


def ring_radius_km(row: Mapping[str, Any], shapes: Mapping[str, BaseGeometry]) -> float:
    """The precision ring of an event: the size of the area or border it stands for, else the
    distance ACLED's precision code means ("near a town": 25 km); none for a town or site."""
    precision = geo_precision(row.get("geo_precision"))
    shape = shapes.get(str(row.get("place_id")))
    if shape is not None:
        return round(min(_equivalent_radius_km(shape), MAX_RING_KM), 1)
    return PRECISION_RING_KM.get(precision, 0.0) if precision > 1 else 0.0


def _event_item(
    row: Mapping[str, Any], type_index: Mapping[str, int], shapes: Mapping[str, BaseGeometry], popup: str
) -> dict[str, Any]:
    when = as_date(row.get("event_date"))
    search = " ".join(
        plain_text(row.get(k))
        for k in ("event_id", "event_type", "sub_event_type", "location", "actor1", "actor2", "admin1")
    )
    return {
        "id": plain_text(row.get("event_id")),
        "t": type_index[event_type_key(row.get("event_type"))],
        "sub": plain_text(row.get("sub_event_type")),
        "d": when.isoformat() if when else None,
        "ll": [round(row["geometry"].y, 5), round(row["geometry"].x, 5)],
        "loc": plain_text(row.get("location")),
        "p": geo_precision(row.get("geo_precision")),
        "ring": round(ring_radius_km(row, shapes) * 1000),
        "f": _int_or_none(row.get("fatalities")),
        "r": marker_radius_px(row.get("fatalities")),
        "q": search.lower(),
        "html": popup,
    }


def _int_or_none(value: Any) -> int | None:
    number = number_or_none(value)
    return None if number is None else int(number)


def drawable_areas(frame: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """The named areas a map may draw: never continents or world regions (too big to mean a place)."""
    if frame is None or not len(frame):
        return frame
    bounds = frame.geometry.bounds
    small = ((bounds["maxx"] - bounds["minx"]) <= MAX_AREA_DEGREES) & (
        (bounds["maxy"] - bounds["miny"]) <= MAX_AREA_DEGREES
    )
    world_region = (frame["feature_class"] == "region") & (frame["source"] == "naturalearth")
    return frame[small & ~world_region]


def _shapes_layer(
    frame: gpd.GeoDataFrame | None,
    kind: str,
    drawn: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[dict[str, Any]]:
    """Named regions or borders; a country the basemap already draws refers to it (written once)."""
    if frame is None or not len(frame):
        return []
    out = []
    for row in frame_rows(frame):
        item = {
            "name": plain_text(row.get("name")),
            "approx": plain_text(row.get("source")) == "derived",
            "html": place_popup_html(row, kind),
        }
        code = row.get("country_code")
        if row.get("feature_class") == "country" and isinstance(code, str) and code in drawn:
            item.update(k="ref", ref=code)
        else:
            shape, coords = _outline(row["geometry"])
            item = JsonParts(item, k=shape, g=coords)
        out.append(item)
    return out


def _outline(geometry: BaseGeometry) -> tuple[str, JsonText]:
    """The type and the drawn coordinates (simplified to ``SHAPE_TOLERANCE``, 3 decimals) of an area or
    a border; a large one's are kept in the cache folder as the GeoJSON files' outlines are."""
    if shapely.get_num_coordinates(geometry) < OUTLINE_KEPT_FROM:
        text = _outline_text(geometry)
    else:
        text = kept_text(geometry, _outline_text, code=_outline_code(), whole=_whole_outline)
    shape, coords = text[2:-1].split('",', 1)  # ["MultiPolygon",[...]]
    return shape, JsonText(coords)


def _outline_text(geometry: BaseGeometry) -> str:
    simple = shapely.simplify(geometry, SHAPE_TOLERANCE, preserve_topology=True)
    return f'["{simple.geom_type}",{json_text(rounded_coords(simple, 3))}]'


def _whole_outline(text: str) -> bool:
    return text.startswith('["') and '",' in text and text.endswith("]")


@functools.cache
def _outline_code() -> bytes:
    """The source of a drawn outline and its tolerance: new code, new cache files."""
    source = inspect.getsource(_outline_text) + inspect.getsource(rounded_coords) + repr(SHAPE_TOLERANCE)
    return hashlib.sha256(b"map outline\n" + source.encode()).digest()


def _places_layer(frame: gpd.GeoDataFrame | None, shape_ids: set[str]) -> list[dict[str, Any]]:
    if frame is None or not len(frame):
        return []
    out = []
    for row in frame_rows(frame):
        point = row["geometry"]
        if str(row.get("id")) in shape_ids or point is None or point.is_empty:
            continue
        out.append(
            {
                "ll": [round(point.y, 5), round(point.x, 5)],
                "name": plain_text(row.get("name")),
                "html": place_popup_html(row, "place"),
            }
        )
    return out


# -- the page -------------------------------------------------------------------------------------


def _unlocated(records: Iterable[Event], located: set[str]) -> list[dict[str, Any]]:
    out = []
    for event in records:
        if event.event_id in located:
            continue
        out.append(
            {
                "id": event.event_id,
                "type": event.event_type,
                "d": event.event_date.isoformat() if event.event_date else None,
            }
        )
    return sorted(out, key=lambda e: (e["d"] or "9999", e["id"]))


def map_data(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    title: str = DEFAULT_TITLE,
    subtitle: str | None = None,
    articles: Mapping[str, ArticleInfo] | None = None,
    records: Iterable[Event] = (),
    tiles: str | None = None,
) -> dict[str, Any]:
    """Everything the page's script draws, as one JSON-ready value."""
    events = located_events(layers.get("events"))
    areas = drawable_areas(layers.get("areas"))
    borders = layers.get("borders")
    shapes = {
        str(i): g
        for frame in (layers.get("areas"), borders)
        if frame is not None and len(frame)
        for i, g in zip(frame["id"], frame.geometry, strict=True)
    }
    counts = type_counts(events["event_type"] if len(events) else [])
    keys = list(counts)
    type_index = {key: i for i, key in enumerate(keys)}
    items = [
        _event_item(row, type_index, shapes, event_popup_html(row, articles)) for row in frame_rows(events)
    ]
    located = {i["id"] for i in items}
    points = [(i["ll"][0], i["ll"][1]) for i in items]
    found = focus_bounds(layers)
    if len(events):
        minx, miny, maxx, maxy = (float(v) for v in events.total_bounds)
        found = (minx, miny, maxx, maxy)
    focus = view_bounds(found, margin=0.1, minimum=FOCUS_MIN_DEGREES)
    view = [[round(focus[1], 4), round(focus[0], 4)], [round(focus[3], 4), round(focus[2], 4)]]
    base, drawn = basemap_layers(focus, points)
    data = {
        "title": title,
        "subtitle": subtitle,
        "view": view,
        "fit": {"pad": FIT_PADDING_PX, "maxZoom": FIT_MAX_ZOOM},
        "types": [
            {
                "key": k,
                "color": event_color(k),
                "shape": EVENT_SHAPES.get(k, EVENT_SHAPES[OTHER]),
                "n": counts[k],
            }
            for k in keys
        ],
        "events": sorted(items, key=lambda i: (i["d"] or "9999", i["id"])),
        "unlocated": _unlocated(records, located),
        "places": _places_layer(layers.get("places"), set(shapes)),
        "areas": _shapes_layer(areas, "region", drawn),
        "borders": _shapes_layer(borders, "border"),
        "base": base,
        "tiles": bool(tiles),
        "popupWidth": POPUP_WIDTH_PX,
    }
    return JsonParts(data)


def build_map(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    tiles: str | None = None,
    title: str = DEFAULT_TITLE,
    subtitle: str | None = None,
    articles: Mapping[str, ArticleInfo] | None = None,
    records: Iterable[Event] = (),
) -> folium.Map:
    """The folium map of the events, places, areas and borders frames (any may be missing), for a
    notebook or for adding layers of one's own; ``write_map`` writes the same page without folium."""
    from geoevents.outputs.webmap_folium import folium_map

    data = map_data(layers, title=title, subtitle=subtitle, articles=articles, records=records, tiles=tiles)
    return folium_map(data, inline_assets(), tiles=tiles)


def render_map(fmap: folium.Map, *, title: str = DEFAULT_TITLE) -> str:
    """The whole page of a ``build_map`` map as one self-contained HTML string."""
    from geoevents.outputs.webmap_folium import render_folium_map

    return deterministic_ids(render_folium_map(fmap, title=title))


_FOLIUM_ID = re.compile(r"([A-Za-z])_([0-9a-f]{32})(?![0-9a-f])")


def deterministic_ids(page: str) -> str:
    """Replace folium's random element ids with numbered ones, in order of appearance."""
    numbers: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        key = match.group(2)
        if key not in numbers:
            numbers[key] = f"{len(numbers):06d}"
        return f"{match.group(1)}_{numbers[key]}"

    return _FOLIUM_ID.sub(renumber, page)


def inline_assets() -> str:
    """Leaflet, marker clustering and the map's own style, inlined in the page header."""
    css = "\n".join((assets.leaflet_css(), assets.markercluster_css(), assets.map_css(_CSS_VARIABLES)))
    js = "\n".join((assets.leaflet_js(), assets.markercluster_js()))
    return f"<style>{css}</style><script>{js}</script>"


def app_script(data: dict[str, Any], map_name: str) -> str:
    """The map's data (one JSON value) and the script that draws it on the map named ``map_name``."""
    return f"window.geoevents = {{map: {map_name}, data: {js_value(data)}}};{assets.map_js()}".removesuffix(
        "\n"
    )


def offline_page(data: dict[str, Any], *, title: str = DEFAULT_TITLE) -> str:
    """The map page with no online tiles, written directly: the page folium gives for the same map
    (``render_map(build_map(...))``, which the tests compare it with) without loading folium."""
    (south, west), (north, east) = data["view"]
    return _page_template().substitute(
        title=html.escape(title),
        assets=inline_assets(),
        options=_MAP_OPTIONS,
        view=json.dumps([[south, west], [north, east]]),
        fit=json.dumps({"maxZoom": FIT_MAX_ZOOM, "padding": [FIT_PADDING_PX, FIT_PADDING_PX]}),
        script=app_script(data, "map_000000"),
    )


_MAP_OPTIONS = json.dumps(
    {"zoom": 1, "zoomControl": True, "preferCanvas": False, "maxZoom": MAX_ZOOM, "minZoom": MIN_ZOOM},
    indent=2,
).replace("\n}", ",\n}")


@functools.cache
def _page_template() -> string.Template:
    """folium's page (its Figure and Map templates), with the one map it draws named map_000000."""
    return string.Template((Path(__file__).parent / "assets_map" / "page.html").read_text(encoding="utf-8"))


def write_map(
    layers: Mapping[str, gpd.GeoDataFrame],
    path: str | os.PathLike[str],
    *,
    tiles: str | None = None,
    title: str = DEFAULT_TITLE,
    articles: Mapping[str, ArticleInfo] | None = None,
    records: Iterable[Event] = (),
) -> None:
    """Write the map page (atomically); through folium only when online tiles are asked for."""
    if tiles:
        fmap = build_map(layers, tiles=tiles, title=title, articles=articles, records=records)
        atomic_write_text(path, render_map(fmap, title=title))
        return
    data = map_data(layers, title=title, articles=articles, records=records)
    atomic_write_text(path, offline_page(data, title=title))


def external_references(page: str) -> list[str]:
    """Every src/href/url() in a page that would make the browser fetch something (for checks)."""
    found = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page)
    found += re.findall(r"""url\(\s*["']?([^"')]+)""", page)
    return sorted({u for u in found if not u.startswith(("data:", "#"))})


__all__ = [
    "ArticleInfo",
    "build_map",
    "event_popup_html",
    "js_string",
    "label_min_zoom",
    "located_events",
    "map_data",
    "render_map",
    "safe_link",
    "town_min_zooms",
    "write_map",
]
