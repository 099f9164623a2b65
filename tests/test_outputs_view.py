"""The maps open on the events: areas named in passing never drive the view; labels by zoom."""

from __future__ import annotations

import re
from typing import Any

import matplotlib.pyplot as plt
from shapely.geometry import Polygon, box

from geoevents.outputs import frames_from_records
from geoevents.outputs.basemap import focus_bounds
from geoevents.outputs.images import draw_map
from geoevents.outputs.webmap import FIT_MAX_ZOOM, build_map, label_min_zoom, render_map
from geoevents.records import Article, ArticleResult, Event, Mention, ResolvedMention
from tests.test_outputs import _place, sample_events, sample_results

# A country-sized polygon far from every event, as when an article names the United States in passing.
FAR_AWAY = _place(
    "ne:US",
    "United States",
    "country",
    -98.0,
    39.0,
    Polygon([(-125, 25), (-67, 25), (-67, 49), (-125, 49)]),
    "US",
)


def with_far_area() -> list[ArticleResult]:
    results = sample_results()
    mention = ResolvedMention(Mention("a5", 0, 13, "United States"), FAR_AWAY, 0.9, 4)
    return [*results, ArticleResult(Article(id="a5", text="..."), (mention,), ())]


def _layers(events: list[Event] | None = None, results: list[ArticleResult] | None = None) -> dict[str, Any]:
    return frames_from_records(results if results is not None else with_far_area(), events or [])


def _site_bounds() -> tuple[float, float, float, float]:
    frame = _layers(sample_events())["events"]
    frame = frame[frame["role"] != "mentioned"]
    return tuple(float(v) for v in frame.total_bounds)  # type: ignore[return-value]


def test_focus_is_the_events_not_the_far_area() -> None:
    layers = _layers(sample_events())
    assert len(layers["areas"]) == 2  # Anbar and the United States
    assert focus_bounds(layers) == _site_bounds()
    minx, miny, maxx, maxy = focus_bounds(layers)  # type: ignore[misc]
    assert minx > 30 and maxx < 50 and miny > 25 and maxy < 40


def test_focus_falls_back_to_point_places_then_areas_then_the_world() -> None:
    layers = _layers([])
    points = layers["places"][
        ~layers["places"]["id"].isin([*layers["areas"]["id"], *layers["borders"]["id"]])
    ]
    assert len(points) == 3 and len(points) < len(layers["places"])
    assert focus_bounds(layers) == tuple(float(v) for v in points.total_bounds)
    only_area = [ArticleResult(Article(id="a5", text="..."), with_far_area()[-1].mentions, ())]
    assert focus_bounds(_layers([], only_area)) == (-125.0, 25.0, -67.0, 49.0)
    assert focus_bounds(_layers([], [])) is None


def test_web_map_fits_the_events_with_padding_and_a_zoom_limit() -> None:
    page = render_map(build_map(_layers(sample_events())))
    match = re.search(r"\.fitBounds\(\s*(\[\[[^\]]+\],\s*\[[^\]]+\]\])\s*,\s*(\{[^}]*\})", page)
    assert match, "the map sets its initial view"
    (south, west), (north, east) = eval(match.group(1))
    minx, miny, maxx, maxy = _site_bounds()
    assert west <= minx and east >= maxx and south <= miny and north >= maxy
    assert east - west < 2 * (maxx - minx) and north - south < 2.5 * (maxy - miny)  # nowhere near America
    assert f'"maxZoom": {FIT_MAX_ZOOM}' in match.group(2) and '"padding"' in match.group(2)


def test_static_map_frames_the_events() -> None:
    fig = draw_map(_layers(sample_events()))
    try:
        ax = fig.axes[0]
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    finally:
        plt.close(fig)
    minx, miny, maxx, maxy = _site_bounds()
    assert x0 < minx and x1 > maxx and y0 < miny and y1 > maxy
    assert x0 > -10 and x1 < 90  # the United States is off the map


def test_country_labels_appear_by_size_and_shape() -> None:
    big = box(0, -20, 40, 20)
    small = box(0, 0, 1, 1)
    assert label_min_zoom("Big", big) <= 3 < 6 <= label_min_zoom("Tiny", small)
    # the same area, long and thin, needs a closer zoom than a compact shape
    assert label_min_zoom("Thin", box(0, 0, 1, 36)) > label_min_zoom("Thin", box(0, 0, 6, 6))
    # longer names need more room
    assert label_min_zoom("A much longer country name", box(0, 0, 8, 8)) > label_min_zoom(
        "Chad", box(0, 0, 8, 8)
    )
