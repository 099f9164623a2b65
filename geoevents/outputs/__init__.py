"""Outputs: GeoJSON, GeoPackage with QGIS styles and project, ACLED CSV, HTML map, images, report, KMZ.

Each format is a thin function over GeoDataFrames (``events_to_frame`` and
friends build them from pipeline records); ``write_outputs`` runs every writer of ``WRITERS``.
The static images and the report's PDF are the costly ones (matplotlib and WeasyPrint take a second
each to load and as long to draw): ``extras`` says whether to write them, and their libraries are
imported only then.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoevents.outputs.acled import write_acled_csv
from geoevents.outputs.citations import SourceRef, refs_from_results
from geoevents.outputs.frames import (
    areas_to_frame,
    borders_to_frame,
    event_mentions_to_frame,
    events_to_frame,
    place_layers_from_results,
    places_to_frame,
)
from geoevents.outputs.geojson import write_geojson
from geoevents.outputs.geopackage import write_geopackage
from geoevents.outputs.kml import write_kmz
from geoevents.outputs.qgis_project import write_qgis_project
from geoevents.outputs.report import write_report
from geoevents.outputs.webmap import ArticleInfo, build_map, write_map
from geoevents.records import ArticleResult, Event

if TYPE_CHECKING:
    from geoevents.outputs.images import write_images


def __getattr__(name: str) -> Any:
    """``write_images`` is imported on first use: matplotlib takes a second to load."""
    if name == "write_images":
        from geoevents.outputs.images import write_images

        globals()[name] = write_images
        return write_images
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


LAYERS: tuple[str, ...] = ("events", "event_mentions", "places", "areas", "borders")


@dataclass
class OutputSet:
    """What every writer reads: the layers, the events, their citations, the options."""

    out: Path
    events: list[Event]
    layers: dict[str, Any]
    sources: dict[str, SourceRef]
    articles: dict[str, ArticleInfo]
    tiles: str | None = None
    run_info: Mapping[str, Any] | None = None
    title: str | None = None
    map_png: bytes | None = None
    extras: Collection[str] = ()

    def path(self, name: str) -> Path:
        return self.out / name


def _geojson(outputs: OutputSet) -> None:
    for layer in LAYERS:
        write_geojson(outputs.layers[layer], outputs.path(f"{layer}.geojson"), name=layer)


def _csv(outputs: OutputSet) -> None:
    write_acled_csv(outputs.events, outputs.path("events.csv"), sources=outputs.sources)


def _geopackage(outputs: OutputSet) -> None:
    write_geopackage(outputs.layers, outputs.path("geoevents.gpkg"))
    write_qgis_project(outputs.layers, outputs.path("geoevents.qgz"), gpkg_name="geoevents.gpkg")


def _webmap(outputs: OutputSet) -> None:
    title = outputs.title or "geoevents: reported events"
    write_map(
        outputs.layers,
        outputs.path("map.html"),
        tiles=outputs.tiles,
        title=title,
        articles=outputs.articles,
        records=outputs.events,
    )


def _images(outputs: OutputSet) -> None:
    if "images" not in outputs.extras:
        return
    write = globals().get("write_images") or __getattr__("write_images")
    outputs.map_png = write(
        outputs.layers,
        outputs.path("map.png"),
        outputs.path("map.svg"),
        title=outputs.title or "Reported events",
    )


def _report(outputs: OutputSet) -> None:
    write_report(
        outputs.events,
        outputs.path("report.html"),
        pdf_path=outputs.path("report.pdf") if "pdf" in outputs.extras else None,
        map_png=outputs.map_png,
        title=outputs.title or "Event briefing",
        run_info=outputs.run_info,
        sources=outputs.sources,
    )


def _kmz(outputs: OutputSet) -> None:
    write_kmz(outputs.events, outputs.path("events.kmz"), sources=outputs.sources, title=outputs.title)


Writer = Callable[[OutputSet], None]
# Each writer with the files it writes, in order: the report embeds the PNG the images writer made.
WRITERS: tuple[tuple[Writer, tuple[str, ...]], ...] = (
    (_geojson, tuple(f"{layer}.geojson" for layer in LAYERS)),
    (_csv, ("events.csv",)),
    (_geopackage, ("geoevents.gpkg", "geoevents.qgz")),
    (_webmap, ("map.html",)),
    (_images, ("map.png", "map.svg")),
    (_report, ("report.html", "report.pdf")),
    (_kmz, ("events.kmz",)),
)
FILES: tuple[str, ...] = tuple(name for _, names in WRITERS for name in names)
# The optional outputs, with the files each adds: the PDF prints the map image, so it brings the images.
EXTRAS: dict[str, tuple[str, ...]] = {"images": ("map.png", "map.svg"), "pdf": ("report.pdf",)}


def frames_from_records(
    results: Iterable[ArticleResult], events: Iterable[Event], *, sources: dict[str, SourceRef] | None = None
) -> dict[str, Any]:
    """The layers (events, event_mentions, places, areas, borders) as GeoDataFrames.

    ``sources`` (when given) is filled with each article's citation while the results stream by.
    """
    events = list(events)
    refs: dict[str, SourceRef] = {} if sources is None else sources
    places = place_layers_from_results(refs_from_results(results, refs), events)
    return {
        "events": events_to_frame(events, sources=refs),
        "event_mentions": event_mentions_to_frame(events, sources=refs),
        **places,
    }


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
    extras: Collection[str] = tuple(EXTRAS),
) -> dict[str, Path]:
    """Write every output file into ``out_dir``; returns file name -> path.

    ``extras`` names the optional outputs to write as well (``EXTRAS``: every one unless told;
    ``geoevents run`` writes them only when asked). Each file is written atomically, and the same
    inputs give byte-identical files. A file whose optional system library is missing
    (``report.pdf``) is left out of the result.
    """
    unknown = set(extras) - set(EXTRAS)
    if unknown:
        raise ValueError(f"unknown optional outputs {sorted(unknown)} (known: {', '.join(EXTRAS)})")
    extras = {"images", *extras} if "pdf" in extras else set(extras)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    events = list(events)
    sources: dict[str, SourceRef] = {}
    articles: dict[str, ArticleInfo] = {}
    layers = frames_from_records(_remember_articles(results, articles), events, sources=sources)
    outputs = OutputSet(
        out, events, layers, sources, articles, tiles=tiles, run_info=run_info, title=title, extras=extras
    )
    for writer, _names in WRITERS:
        writer(outputs)
    return {name: outputs.path(name) for name in FILES if outputs.path(name).exists()}


__all__ = [
    "EXTRAS",
    "FILES",
    "LAYERS",
    "OutputSet",
    "areas_to_frame",
    "borders_to_frame",
    "build_map",
    "event_mentions_to_frame",
    "events_to_frame",
    "frames_from_records",
    "place_layers_from_results",
    "places_to_frame",
    "write_acled_csv",
    "write_geojson",
    "write_geopackage",
    "write_images",
    "write_kmz",
    "write_map",
    "write_outputs",
    "write_qgis_project",
    "write_report",
]
