"""The HTML map as a folium ``Map``, for a notebook, for layers of one's own and for online tiles.

``webmap.write_map`` writes the offline page directly (folium takes a good part of a second to load
and to render); the tests check that the two give the same page.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Element, MacroElement

from geoevents.outputs.mapbase import MIN_ZOOM
from geoevents.outputs.webmap import FIT_MAX_ZOOM, FIT_PADDING_PX, MAX_ZOOM, app_script


class OfflineMap(folium.Map):
    """A folium Map that links no CDN: its page gets Leaflet inline instead."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium's own attribute type)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class _Verbatim(Element):
    """Text that goes into the page as it is. branca compiles the text of every element it renders as a
    Jinja template, which for the map's megabytes of data and Leaflet costs a good part of a second."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _InlineAssets(MacroElement):
    """Leaflet, marker clustering and the map's own script and style, inlined in the page header."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "InlineAssets"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        self.get_root().header.add_child(_Verbatim(self.text), name=self.get_name())  # type: ignore[attr-defined]
        return ""


class _MapApp(MacroElement):
    """The map's data (one JSON value) and the script that draws it on the parent map."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "GeoeventsApp"
        self.data = data

    def render(self, **kwargs: Any) -> str:
        assert self._parent is not None, "added to the map by folium_map"
        text = app_script(self.data, self._parent.get_name())
        self.get_root().script.add_child(_Verbatim(text), name=self.get_name())  # type: ignore[attr-defined]
        return ""


def folium_map(data: dict[str, Any], assets: str, *, tiles: str | None = None) -> folium.Map:
    """The folium map drawing ``webmap.map_data``'s value, with ``assets`` inlined in its header."""
    fmap = OfflineMap(
        location=None,
        tiles=None,
        control_scale=True,
        zoom_control=True,
        prefer_canvas=False,
        maxZoom=MAX_ZOOM,
        minZoom=MIN_ZOOM,
    )
    fmap.get_root().header.add_child(  # type: ignore[attr-defined]
        Element('<meta name="viewport" content="width=device-width, initial-scale=1">'), name="viewport"
    )
    fmap.add_child(_InlineAssets(assets))
    (south, west), (north, east) = data["view"]
    fmap.fit_bounds(
        [[south, west], [north, east]], padding=(FIT_PADDING_PX, FIT_PADDING_PX), max_zoom=FIT_MAX_ZOOM
    )
    if tiles:
        folium.TileLayer(tiles, name=f"Tiles: {tiles}").add_to(fmap)
    fmap.add_child(_MapApp(data))
    return fmap


def render_folium_map(fmap: folium.Map, *, title: str) -> str:
    """The page of a folium map, its title set (folium's random element ids left as they are)."""
    root = fmap.get_root()
    root.title = title  # type: ignore[attr-defined]
    return str(root.render())
