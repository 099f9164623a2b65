"""The offline HTML map (folium): a layer per event type, places, areas, borders.

Nothing is loaded from the network: Leaflet and marker clustering are inlined
from their packages, folium's CDN links (jQuery, Bootstrap, fonts, icons) are
dropped, and the basemap is drawn from country polygons. Online tiles are
added only when asked for by name.

Article text is untrusted. Every string that reaches the page is HTML-escaped
and then JSON-encoded with ``<``, ``>`` and ``&`` as unicode escapes before it
goes into a script, so it can neither close the script nor become markup;
only http(s) URLs become links. Folium's own popups (jQuery and JavaScript
template literals) are not used for that reason.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from jinja2 import Template
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geoevents.atomic import atomic_write_text
from geoevents.outputs import assets
from geoevents.outputs.basemap import countries, focus_bounds, map_shape, sited_events, view_bounds
from geoevents.outputs.frames import SEPARATOR
from geoevents.outputs.geojson import geometry_to_geojson
from geoevents.outputs.style import (
    AREA_COLOR,
    BORDER_COLOR,
    COUNTRY_EDGE,
    LAND_COLOR,
    PLACE_COLOR,
    PRECISION_RING_KM,
    SEA_COLOR,
    as_date,
    event_color,
    event_type_key,
    geo_precision,
    marker_radius_px,
    number_or_none,
    slug,
    type_counts,
)

DEFAULT_TITLE = "geoevents: reported events"
MIN_ZOOM = 2
# The initial view: events (else places) plus a margin, never narrower than
# FOCUS_MIN_DEGREES (a single town opens with its surroundings), never closer than FIT_MAX_ZOOM.
FOCUS_MIN_DEGREES = 1.5
FIT_PADDING_PX = 40
FIT_MAX_ZOOM = 10
# Country labels: approximate text size of .ge-country-label (11 px uppercase, spaced).
LABEL_CHAR_PX = 8.5
LABEL_HEIGHT_PX = 14
LABEL_MAX_ZOOM = 8


# branca compiles each element's rendered script as a Jinja template again, so text such as
# "{{ 7*7 }}" would be evaluated (or break the page). In JSON, "{" before "{", "%" or "#" is
# always inside a string, where "\u007b" is the same character.
_TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")


# Characters that could end a <script> element or a JavaScript line, as JSON unicode escapes.
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _script_safe(text: str) -> str:
    for char, escape in _SCRIPT_ESCAPES:
        text = text.replace(char, escape)
    return _TEMPLATE_OPENER.sub(r"\\u007b", text)


def js_string(value: str) -> str:
    """A JavaScript string literal that is safe inside an HTML <script> element (and inert to Jinja)."""
    return _script_safe(json.dumps(value, ensure_ascii=False))


def js_value(value: Any) -> str:
    """Any JSON value, encoded as for :func:`js_string`."""
    return _script_safe(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def safe_link(url: str | None, label: str | None = None) -> str:
    """An escaped link for http(s) URLs; any other scheme (javascript:, data:, file:) stays plain text."""
    if not url:
        return ""
    text = html.escape(label or url)
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https") and not any(ch in url for ch in "\"'<>\\ \t\n\r"):
        return (
            f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{text}</a>'
        )
    return f"<span>{text}</span>"


def _esc(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value))


def _split(value: Any) -> list[str]:
    text = "" if value is None else str(value)
    if not text or text == "nan" or text == "None":
        return []
    return [part for part in text.split(SEPARATOR) if part]


def _short(text: str, limit: int = 320) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class OfflineMap(folium.Map):
    """A folium Map that links no CDN: its page gets Leaflet inline instead."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium's own attribute type)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class OfflineMarkerCluster(MarkerCluster):
    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium's own attribute type)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class _Script(MacroElement):
    """Raw script placed in the map's script section (built only from escaped values)."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "GeoeventsScript"
        self.code = code


class _Bind(MacroElement):
    """Bind an already-escaped HTML popup and tooltip to the parent layer."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{% if this.popup %}{{ this._parent.get_name() }}"
        ".bindPopup({{ this.popup }}, {maxWidth: 380});{% endif %}"
        "{% if this.tooltip %}{{ this._parent.get_name() }}"
        ".bindTooltip({{ this.tooltip }}, {sticky: true});{% endif %}"
        "{% endmacro %}"
    )

    def __init__(self, popup_html: str | None, tooltip_html: str | None = None) -> None:
        super().__init__()
        self._name = "Bind"
        self.popup = js_string(popup_html) if popup_html else None
        self.tooltip = js_string(tooltip_html) if tooltip_html else None


class _EventMarker(MacroElement):
    """A circle marker for one event location, registered with the date filter."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }} = L.circleMarker({{ this.latlng }}, {{ this.options }})"
        ".bindPopup({{ this.popup }}, {maxWidth: 380}).bindTooltip({{ this.tooltip }});"
        "{{ this._parent.get_name() }}.addLayer({{ this.get_name() }});"
        "geoevents.items.push({layer: {{ this.get_name() }}, group: {{ this._parent.get_name() }}, "
        "date: {{ this.date }}});"
        "{% endmacro %}"
    )

    def __init__(
        self,
        lat: float,
        lon: float,
        options: dict[str, Any],
        popup_html: str,
        tooltip_html: str,
        event_date: str | None,
    ) -> None:
        super().__init__()
        self._name = "EventMarker"
        self.latlng = js_value([round(lat, 6), round(lon, 6)])
        self.options = js_value(options)
        self.popup = js_string(popup_html)
        self.tooltip = js_string(tooltip_html)
        self.date = js_value(event_date)


class _Ring(MacroElement):
    """An uncertainty ring (metres) around an imprecise event, filtered with its marker."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }} = L.circle({{ this.latlng }}, {{ this.options }});"
        "{{ this._parent.get_name() }}.addLayer({{ this.get_name() }});"
        "geoevents.items.push({layer: {{ this.get_name() }}, group: {{ this._parent.get_name() }}, "
        "date: {{ this.date }}});"
        "{% endmacro %}"
    )

    def __init__(self, lat: float, lon: float, radius_m: float, color: str, event_date: str | None) -> None:
        super().__init__()
        self._name = "Ring"
        self.latlng = js_value([round(lat, 6), round(lon, 6)])
        self.options = js_value(
            {
                "radius": round(radius_m),
                "color": color,
                "weight": 1.2,
                "dashArray": "4 4",
                "fillOpacity": 0.06,
                "interactive": False,
                "className": "ge-ring",
            }
        )
        self.date = js_value(event_date)


def event_popup_html(row: Mapping[str, Any]) -> str:
    """The popup of one event: type, date, place, actors, fatalities, evidence, source links."""
    color = event_color(row.get("event_type"))
    lines = [
        f'<div class="ge-popup"><div class="ge-popup-type" style="border-left-color:{color}">'
        f"<b>{_esc(row.get('event_type'))}</b><br><span>{_esc(row.get('sub_event_type'))}</span></div>",
        "<table>",
    ]
    when = row.get("event_date")
    when_text = when.isoformat() if isinstance(when, date) else "date unknown"
    lines.append(
        f"<tr><th>Date</th><td>{_esc(when_text)} (time precision {_esc(row.get('time_precision'))})</td></tr>"
    )
    lines.append(
        f"<tr><th>Where</th><td>{_esc(row.get('location'))} "
        f"(geo precision {_esc(row.get('geo_precision'))})</td></tr>"
    )
    actors = " vs ".join(_esc(a) for a in (row.get("actor1"), row.get("actor2")) if _esc(a))
    if actors:
        lines.append(f"<tr><th>Actors</th><td>{actors}</td></tr>")
    fatalities = _esc(row.get("fatalities")) or "not reported"
    lines.append(f"<tr><th>Fatalities</th><td>{fatalities}</td></tr>")
    if _esc(row.get("injuries")):
        lines.append(f"<tr><th>Injuries</th><td>{_esc(row.get('injuries'))}</td></tr>")
    confidence = number_or_none(row.get("confidence"))
    if confidence is not None:
        lines.append(f"<tr><th>Confidence</th><td>{confidence:.2f}</td></tr>")
    lines.append("</table>")
    for quote in _split(row.get("evidence"))[:2]:
        lines.append(f"<blockquote>{html.escape(_short(quote))}</blockquote>")
    sources = _split(row.get("sources"))
    if sources:
        links = ", ".join(safe_link(url, _source_label(url)) for url in sources)
        lines.append(f'<div class="ge-sources">Sources: {links}</div>')
    lines.append("</div>")
    return "".join(lines)


def _source_label(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url if parts.scheme in ("http", "https") else url


def _place_popup_html(row: Mapping[str, Any], kind: str) -> str:
    names = ", ".join(html.escape(n) for n in _split(row.get("names")))
    return (
        f'<div class="ge-popup"><b>{_esc(row.get("name"))}</b> <span class="ge-muted">({html.escape(kind)}, '
        f"{_esc(row.get('feature_class'))})</span><br>"
        f'<span class="ge-muted">{_esc(row.get("id"))}</span><br>'
        f"Mentions: {_esc(row.get('mentions'))}{'; as ' + names if names else ''}</div>"
    )


def _legend_html(types: list[str], counts: Mapping[str, int]) -> str:
    rows = ["<div class='ge-legend-title'>Events</div>"]
    for label in types:
        rows.append(
            f"<div><span class='ge-dot' style='background:{event_color(label)}'></span>"
            f"{html.escape(label)} <span class='ge-muted'>({counts.get(label, 0)})</span></div>"
        )
    rows.append("<div class='ge-legend-title'>Size</div><div>grows with fatalities</div>")
    rows.append("<div class='ge-legend-title'>Location precision</div>")
    rows.append("<div><span class='ge-dot ge-solid'></span>1 town or site</div>")
    rows.append("<div><span class='ge-ring-key'></span>2-3 near a place / region (dashed ring)</div>")
    rows.append(
        f"<div class='ge-legend-title'>Reference</div>"
        f"<div><span class='ge-dot' style='background:{PLACE_COLOR};width:8px;height:8px'></span>"
        "place named</div>"
        f"<div><span class='ge-box' style='border-color:{AREA_COLOR}'></span>region named</div>"
        f"<div><span class='ge-line' style='border-color:{BORDER_COLOR}'></span>border named</div>"
    )
    return "".join(rows)


_PAGE_CSS = f"""
.leaflet-container {{ background: {SEA_COLOR};
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
.ge-panel {{ background: rgba(255,255,255,.94); padding: 8px 10px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,.35); max-width: 300px; }}
.ge-title {{ font-weight: 600; font-size: 15px; }}
.ge-muted {{ color: #666; font-size: 11px; }}
.ge-legend-title {{ font-weight: 600; margin-top: 6px; }}
.ge-dot {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
  border: 1px solid #333; vertical-align: middle; }}
.ge-ring-key {{ display: inline-block; width: 13px; height: 13px; border-radius: 50%; margin-right: 4px;
  border: 1.5px dashed #555; vertical-align: middle; }}
.ge-box {{ display: inline-block; width: 14px; height: 10px; margin-right: 6px; border: 2px dashed;
  vertical-align: middle; }}
.ge-line {{ display: inline-block; width: 16px; margin-right: 6px; border-top: 3px dashed;
  vertical-align: middle; }}
.ge-popup table {{ border-collapse: collapse; margin: 4px 0; }}
.ge-popup th {{ text-align: left; padding-right: 8px; color: #555; font-weight: 500; vertical-align: top; }}
.ge-popup-type {{ border-left: 5px solid; padding-left: 6px; margin-bottom: 4px; }}
.ge-popup blockquote {{ margin: 4px 0; padding: 2px 6px; border-left: 3px solid #ccc; color: #333;
  font-style: italic; }}
.ge-sources a, .ge-sources span {{ word-break: break-all; }}
.ge-country-label {{ color: #7a7467; font-size: 11px; letter-spacing: .08em; text-transform: uppercase;
  white-space: nowrap; text-shadow: 0 0 3px #fff; pointer-events: none; }}
.ge-filter input[type=range] {{ width: 220px; }}
.ge-filter label {{ display: block; }}
.leaflet-control-layers-overlays label span {{ vertical-align: middle; }}
@media print {{ .leaflet-control-layers, .ge-filter {{ display: none; }} }}
"""


_FILTER_JS = """
(function () {
  var map = %(map)s, dates = %(dates)s;
  var control = L.control({position: 'bottomleft'});
  control.onAdd = function () {
    var div = L.DomUtil.create('div', 'ge-panel ge-filter');
    var title = L.DomUtil.create('div', 'ge-legend-title', div);
    title.textContent = 'Dates shown';
    var label = L.DomUtil.create('div', 'ge-filter-label', div);
    var from = L.DomUtil.create('input', 'ge-from', div);
    var to = L.DomUtil.create('input', 'ge-to', div);
    [from, to].forEach(function (input) {
      input.type = 'range'; input.min = 0; input.max = Math.max(dates.length - 1, 0); input.step = 1;
    });
    from.value = 0; to.value = Math.max(dates.length - 1, 0);
    var undatedLabel = L.DomUtil.create('label', '', div);
    var undated = L.DomUtil.create('input', 'ge-undated', undatedLabel);
    undated.type = 'checkbox'; undated.checked = true;
    undatedLabel.appendChild(document.createTextNode(' events with no date'));
    function apply() {
      var lo = Math.min(+from.value, +to.value), hi = Math.max(+from.value, +to.value);
      var start = dates[lo], end = dates[hi];
      label.textContent = dates.length ? (start === end ? start : start + ' to ' + end) : 'no dated events';
      geoevents.items.forEach(function (item) {
        var show = item.date === null ? undated.checked : (item.date >= start && item.date <= end);
        var has = item.group.hasLayer(item.layer);
        if (show && !has) { item.group.addLayer(item.layer); }
        if (!show && has) { item.group.removeLayer(item.layer); }
      });
    }
    [from, to, undated].forEach(function (input) { L.DomEvent.on(input, 'input change', apply); });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    geoevents.applyFilter = apply;
    geoevents.filterInputs = {from: from, to: to, undated: undated};
    apply();
    return div;
  };
  control.addTo(map);
})();
"""


def _panel_js(map_name: str, position: str, css_class: str, inner_html: str) -> str:
    return (
        f"(function(){{var c=L.control({{position:{js_string(position)}}});c.onAdd=function(){{"
        f"var d=L.DomUtil.create('div',{js_string(css_class)});d.innerHTML={js_string(inner_html)};"
        "L.DomEvent.disableClickPropagation(d);L.DomEvent.disableScrollPropagation(d);return d;};"
        f"c.addTo({map_name});}})();"
    )


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


def _basemap(
    bounds: tuple[float, float, float, float],
) -> tuple[dict[str, Any], list[tuple[float, float, str, int]]]:
    """Country polygons (detailed near the data, coarse elsewhere) and their labels.

    Each label is (lat, lon, name, lowest zoom at which it shows), placed at the
    pole of inaccessibility of the country's largest part.
    """
    frame = countries()
    near = box(*view_bounds(bounds, margin=1.0, minimum=20.0))
    features = []
    labels = []
    for name, geometry in zip(frame["name"], frame.geometry, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        detailed = geometry.intersects(near)
        shape_ = geometry if detailed else geometry.simplify(0.25, preserve_topology=True)
        if shape_.is_empty:
            continue
        geo = geometry_to_geojson(shape_)
        geo["coordinates"] = _round_nested(geo["coordinates"], 3 if detailed else 2)
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": geo})
        part = _largest_part(geometry)
        if part.area <= 0:
            continue
        point = (
            polylabel(part, tolerance=0.05) if part.geom_type == "Polygon" else part.representative_point()
        )
        labels.append((round(point.y, 3), round(point.x, 3), name, label_min_zoom(name, geometry)))
    labels.sort(key=lambda item: (item[3], item[2]))
    return {"type": "FeatureCollection", "features": features}, labels


_FIT_JS = """
(function () {
  // Fit again once the panels exist, keeping the events clear of the panels on either side
  // (each side's padding at most 30%% of the map's width, so small embedded maps still fit).
  var map = %(map)s, bounds = %(bounds)s;
  function side(selector) {
    var width = 0, corners = map.getContainer().querySelectorAll(selector);
    corners.forEach(function (corner) { width = Math.max(width, corner.offsetWidth); });
    return Math.min(width, map.getSize().x * 0.3) + %(pad)s;
  }
  geoevents.fitView = function () {
    var right = side('.leaflet-right .ge-panel, .leaflet-right .leaflet-control-layers');
    map.fitBounds(bounds, {paddingTopLeft: [side('.leaflet-left .ge-panel'), %(pad)s],
                           paddingBottomRight: [right, %(pad)s], maxZoom: %(max)s, animate: false});
  };
  geoevents.fitView();
})();
"""


_LABELS_JS = """
(function () {
  var map = %(map)s, data = %(labels)s;
  var pane = map.createPane('ge-labels');
  pane.style.zIndex = 450;
  pane.style.pointerEvents = 'none';
  var group = L.layerGroup().addTo(map);
  var items = data.map(function (d) {
    var text = document.createElement('div');
    text.textContent = d[2];
    var icon = L.divIcon({html: text, className: 'ge-country-label',
                          iconSize: [160, 14], iconAnchor: [80, 7]});
    var marker = L.marker([d[0], d[1]], {icon: icon, interactive: false, keyboard: false, pane: 'ge-labels'});
    return {min: d[3], marker: marker};
  });
  function update() {
    var zoom = map.getZoom();
    items.forEach(function (item) {
      var show = zoom >= item.min, has = group.hasLayer(item.marker);
      if (show && !has) { group.addLayer(item.marker); }
      if (!show && has) { group.removeLayer(item.marker); }
    });
  }
  map.on('zoomend', update);
  map.whenReady(update);
  geoevents.countryLabels = group;
})();
"""


def _round_nested(coords: Any, digits: int) -> Any:
    if isinstance(coords, float):
        return round(coords, digits)
    return [_round_nested(c, digits) for c in coords]


def _shape_group(frame: gpd.GeoDataFrame, kind: str, style: dict[str, Any], name: str) -> folium.FeatureGroup:
    """A layer of named regions or borders, each with its own popup."""
    group = folium.FeatureGroup(name=name)
    for _, row in frame.iterrows():
        layer = folium.GeoJson(
            {
                "type": "Feature",
                "properties": {},
                "geometry": geometry_to_geojson(map_shape(row.geometry)),
            },
            style_function=lambda _feature: style,
        )
        layer.add_child(_Bind(_place_popup_html(row, kind), html.escape(str(row["name"]))))
        layer.add_to(group)
    return group


def build_map(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    tiles: str | None = None,
    title: str = DEFAULT_TITLE,
    subtitle: str | None = None,
) -> folium.Map:
    """The folium map of the events, places, areas and borders frames (any may be missing)."""
    events = sited_events(layers.get("events"))
    events = events if events is not None else gpd.GeoDataFrame({"geometry": []}, crs="EPSG:4326")
    if len(events):
        events = events.assign(event_date=[as_date(v) for v in events["event_date"]])
    bounds = view_bounds(focus_bounds(layers), margin=0.1, minimum=FOCUS_MIN_DEGREES)
    fmap = OfflineMap(
        location=None,
        tiles=None,
        control_scale=True,
        zoom_control=True,
        prefer_canvas=False,
        maxZoom=16,
        minZoom=MIN_ZOOM,
    )
    header = fmap.get_root().header  # type: ignore[attr-defined]
    header.add_child(Element(f"<style>{assets.leaflet_css()}</style>"), name="leaflet_css", index=0)
    header.add_child(Element(f"<script>{assets.leaflet_js()}</script>"), name="leaflet_js", index=1)
    header.add_child(Element(f"<style>{assets.markercluster_css()}</style>"), name="cluster_css", index=2)
    header.add_child(Element(f"<script>{assets.markercluster_js()}</script>"), name="cluster_js", index=3)
    header.add_child(
        Element(
            f"<style>{_PAGE_CSS}</style><script>window.geoevents = {{items: [], layers: {{}}}};</script>"
        ),
        name="geoevents_css",
        index=4,
    )
    fmap.fit_bounds(
        [[bounds[1], bounds[0]], [bounds[3], bounds[2]]],
        padding=(FIT_PADDING_PX, FIT_PADDING_PX),
        max_zoom=FIT_MAX_ZOOM,
    )
    if tiles:
        folium.TileLayer(tiles, name=f"Tiles: {tiles}").add_to(fmap)

    world, labels = _basemap(bounds)
    basemap = folium.FeatureGroup(name="Countries (offline basemap)", control=False)
    folium.GeoJson(
        world,
        name="countries",
        style_function=lambda _feature: {
            "fillColor": LAND_COLOR,
            "color": COUNTRY_EDGE,
            "weight": 0.8,
            "fillOpacity": 0.0 if tiles else 1.0,
        },
        interactive=False,
        smooth_factor=1.0,
    ).add_to(basemap)
    basemap.add_to(fmap)

    area_style = {
        "color": AREA_COLOR,
        "weight": 2,
        "dashArray": "6 4",
        "fillColor": AREA_COLOR,
        "fillOpacity": 0.12,
    }
    border_style = {"color": BORDER_COLOR, "weight": 4, "dashArray": "8 6", "opacity": 0.9}
    for key, kind, style, swatch in (
        ("areas", "region", area_style, f"<span class='ge-box' style='border-color:{AREA_COLOR}'></span>"),
        (
            "borders",
            "border",
            border_style,
            f"<span class='ge-line' style='border-color:{BORDER_COLOR}'></span>",
        ),
    ):
        frame = layers.get(key)
        if frame is not None and len(frame):
            _shape_group(frame, kind, style, f"{swatch}{kind.capitalize()}s named ({len(frame)})").add_to(
                fmap
            )

    places = layers.get("places")
    if places is not None and len(places):
        group = folium.FeatureGroup(
            name=f"<span class='ge-dot' style='background:{PLACE_COLOR}'></span>Places named ({len(places)})",
            show=True,
        )
        for _, row in places.iterrows():
            marker = folium.CircleMarker(
                [round(row.geometry.y, 6), round(row.geometry.x, 6)],
                radius=3,
                color="#ffffff",
                weight=1,
                fill=True,
                fill_color=PLACE_COLOR,
                fill_opacity=0.9,
                class_name="ge-place",
            )
            marker.add_child(_Bind(_place_popup_html(row, "place"), html.escape(str(row["name"]))))
            marker.add_to(group)
        group.add_to(fmap)

    counts = type_counts(events["event_type"] if len(events) else [])
    present = list(counts)
    for label in present:
        color = event_color(label)
        rows = events[[event_type_key(v) == label for v in events["event_type"]]]
        group = folium.FeatureGroup(
            name=f"<span class='ge-dot' style='background:{color}'></span>{html.escape(label)} ({len(rows)})"
        )
        cluster = OfflineMarkerCluster(
            control=False,
            options={"maxClusterRadius": 30, "disableClusteringAtZoom": 9, "spiderfyOnMaxZoom": True},
        )
        cluster.add_to(group)
        for _, row in rows.iterrows():
            when = row["event_date"].isoformat() if isinstance(row["event_date"], date) else None
            precision = geo_precision(row["geo_precision"])
            lat, lon = row.geometry.y, row.geometry.x
            options = {
                "radius": marker_radius_px(row["fatalities"]),
                "color": "#222222" if precision == 1 else color,
                "weight": 1.5,
                "dashArray": None if precision == 1 else "3 3",
                "fillColor": color,
                "fillOpacity": 0.85 if precision == 1 else 0.6,
                "className": f"ge-event ge-event-{slug(label)} ge-precision-{precision}",
            }
            tooltip = f"{html.escape(label)} · {html.escape(when or 'undated')} · {_esc(row['location'])}"
            cluster.add_child(_EventMarker(lat, lon, options, event_popup_html(row), tooltip, when))
            if precision in PRECISION_RING_KM:
                group.add_child(_Ring(lat, lon, PRECISION_RING_KM[precision] * 1000, color, when))
        group.add_to(fmap)
        fmap.add_child(_Script(f"geoevents.layers[{js_string(label)}] = {group.get_name()};"))

    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    dates = (
        sorted({d.isoformat() for d in events["event_date"] if isinstance(d, date)}) if len(events) else []
    )
    heading = f"<div class='ge-title'>{html.escape(title)}</div>"
    stats = f"{len(events)} event location{'s' if len(events) != 1 else ''}"
    if dates:
        stats += f", {dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else f", {dates[0]}"
    heading += f"<div class='ge-muted'>{html.escape(subtitle or stats)}</div>"
    name = fmap.get_name()
    fmap.add_child(_Script(_panel_js(name, "topleft", "ge-panel ge-heading", heading)))
    fmap.add_child(
        _Script(_panel_js(name, "bottomright", "ge-panel ge-legend", _legend_html(present, counts)))
    )
    fmap.add_child(_Script(_FILTER_JS % {"map": name, "dates": js_value(dates)}))
    fmap.add_child(_Script(_LABELS_JS % {"map": name, "labels": js_value(labels)}))
    view = [[round(bounds[1], 4), round(bounds[0], 4)], [round(bounds[3], 4), round(bounds[2], 4)]]
    fmap.add_child(
        _Script(_FIT_JS % {"map": name, "bounds": js_value(view), "pad": FIT_PADDING_PX, "max": FIT_MAX_ZOOM})
    )
    fmap.add_child(_Script(f"geoevents.map = {name};"))
    return fmap


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


def render_map(fmap: folium.Map, *, title: str = DEFAULT_TITLE) -> str:
    """The whole map page as one self-contained HTML string."""
    root = fmap.get_root()
    root.title = title  # type: ignore[attr-defined]
    page = root.render()
    page = (
        page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
        if "<title>" not in page
        else page
    )
    return deterministic_ids(page)


def write_map(
    layers: Mapping[str, gpd.GeoDataFrame],
    path: str | os.PathLike[str],
    *,
    tiles: str | None = None,
    title: str = DEFAULT_TITLE,
) -> None:
    """Write the offline map page (atomically)."""
    atomic_write_text(path, render_map(build_map(layers, tiles=tiles, title=title), title=title))


def external_references(page: str) -> list[str]:
    """Every src/href/url() in a page that would make the browser fetch something (for checks)."""
    found = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page)
    found += re.findall(r"""url\(\s*["']?([^"')]+)""", page)
    return sorted({u for u in found if not u.startswith(("data:", "#"))})


__all__ = ["build_map", "event_popup_html", "render_map", "safe_link", "write_map"]
