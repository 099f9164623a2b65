"""Outputs: GeoJSON, GeoPackage with QGIS styles, ACLED CSV, offline HTML map, images, report.

Each format is a thin function over GeoDataFrames (``events_to_frame`` and
friends build them from pipeline records); ``write_outputs`` writes them all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geoevents.outputs.acled import write_acled_csv
from geoevents.outputs.frames import (
    areas_to_frame,
    borders_to_frame,
    events_to_frame,
    place_layers_from_results,
    places_to_frame,
)
from geoevents.outputs.geojson import write_geojson
from geoevents.outputs.geopackage import write_geopackage
from geoevents.outputs.images import write_images
from geoevents.outputs.report import write_report
from geoevents.outputs.webmap import ArticleInfo, build_map, write_map
from geoevents.records import ArticleResult, Event

LAYERS: tuple[str, ...] = ("events", "places", "areas", "borders")
FILES: tuple[str, ...] = (
    "events.geojson",
    "places.geojson",
    "areas.geojson",
    "borders.geojson",
    "events.csv",
    "geoevents.gpkg",
    "map.html",
    "map.png",
    "map.svg",
    "report.html",
)


def frames_from_records(results: Iterable[ArticleResult], events: Iterable[Event]) -> dict[str, Any]:
    """The four layers (events, places, areas, borders) as GeoDataFrames."""
    events = list(events)
    return {"events": events_to_frame(events), **place_layers_from_results(results, events)}


def _remember_articles(
    results: Iterable[ArticleResult], into: dict[str, ArticleInfo]
) -> Iterable[ArticleResult]:
    """Pass the results on, keeping each article's title and URL for the map's source links."""
    for result in results:
        into[result.article.id] = ArticleInfo(result.article.title, result.article.url)
        yield result


def write_outputs(
    results: Iterable[ArticleResult],
    events: Iterable[Event],
    out_dir: str | os.PathLike[str],
    *,
    tiles: str | None = None,
    run_info: Mapping[str, Any] | None = None,
    title: str | None = None,
) -> dict[str, Path]:
    """Write every output file into ``out_dir``; returns file name -> path.

    Each file is written atomically, and the same inputs give byte-identical files.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    events = list(events)
    articles: dict[str, ArticleInfo] = {}
    layers = frames_from_records(_remember_articles(results, articles), events)
    paths = {name: out / name for name in FILES}
    for layer in LAYERS:
        write_geojson(layers[layer], paths[f"{layer}.geojson"], name=layer)
    write_acled_csv(events, paths["events.csv"])
    write_geopackage(layers, paths["geoevents.gpkg"])
    map_title = title or "geoevents: reported events"
    write_map(layers, paths["map.html"], tiles=tiles, title=map_title, articles=articles, records=events)
    png = write_images(layers, paths["map.png"], paths["map.svg"], title=title or "Reported events")
    write_report(
        events, paths["report.html"], map_png=png, title=title or "Event briefing", run_info=run_info
    )
    return paths


__all__ = [
    "FILES",
    "LAYERS",
    "areas_to_frame",
    "borders_to_frame",
    "build_map",
    "events_to_frame",
    "frames_from_records",
    "place_layers_from_results",
    "places_to_frame",
    "write_acled_csv",
    "write_geojson",
    "write_geopackage",
    "write_images",
    "write_map",
    "write_outputs",
    "write_report",
]
