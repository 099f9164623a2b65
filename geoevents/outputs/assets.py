"""Leaflet and its marker-cluster plugin, read from their PyPI packages and inlined.

A map page must work with no network at all, so scripts and stylesheets go
into the page itself and the images the stylesheets refer to become data URIs.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_cluster

_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.\-]+)\1\)")


def _read(folder: str, name: str) -> str:
    return (Path(folder) / name).read_text(encoding="utf-8")


def _inline_images(css: str, folder: str) -> str:
    def data_uri(match: re.Match[str]) -> str:
        path = Path(folder) / match.group(2)
        mime = "image/svg+xml" if path.suffix == ".svg" else f"image/{path.suffix.lstrip('.')}"
        return f'url("data:{mime};base64,{base64.b64encode(path.read_bytes()).decode("ascii")}")'

    return _URL.sub(data_uri, css)


def _script_safe(js: str) -> str:
    """Keep a library's source from closing the inline <script> element early."""
    return js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


@cache
def leaflet_css() -> str:
    return _inline_images(_read(xs_leaflet.BASE_DIR, "leaflet.css"), xs_leaflet.BASE_DIR)


@cache
def leaflet_js() -> str:
    return _script_safe(_read(xs_leaflet.BASE_DIR, "leaflet.js"))


@cache
def markercluster_css() -> str:
    folder = xs_cluster.BASE_DIR
    return _read(folder, "MarkerCluster.css") + "\n" + _read(folder, "MarkerCluster.Default.css")


@cache
def markercluster_js() -> str:
    return _script_safe(_read(xs_cluster.BASE_DIR, "leaflet.markercluster.js"))


def versions() -> dict[str, str]:
    return {"leaflet": xs_leaflet.VERSION, "leaflet.markercluster": xs_cluster.VERSION}


_MAP_ASSETS = Path(__file__).resolve().parent / "assets_map"


@cache
def map_js() -> str:
    """The map page's own script (drawing, filters, panels), from ``assets_map/map.js``."""
    return _script_safe((_MAP_ASSETS / "map.js").read_text(encoding="utf-8"))


def map_css(colors: dict[str, str]) -> str:
    """The map page's stylesheet with the palette filled in (``var(--ge-NAME)``)."""
    variables = ";".join(f"--ge-{name}:{value}" for name, value in sorted(colors.items()))
    return f":root{{{variables}}}\n" + (_MAP_ASSETS / "map.css").read_text(encoding="utf-8")
