"""The maps open on the events: areas named in passing never drive the view; labels by zoom;
the static map's legend hides no event."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from shapely.geometry import Polygon, box

from geoevents.outputs import frames_from_records
from geoevents.outputs.basemap import focus_bounds
from geoevents.outputs.images import draw_map
from geoevents.outputs.webmap import FIT_MAX_ZOOM, build_map, label_min_zoom, render_map
from geoevents.records import Article, ArticleResult, Event, EventLocation, Mention, ResolvedMention
from tests.test_outputs import _event, _place, sample_events, sample_results

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


def _sites(*points: tuple[float, float, int]) -> list[Event]:
    """One battle per (lon, lat, precision), each with a fatality count that gives a large marker."""
    return [
        _event(
            f"ev-{n}",
            ("Battles", "Armed clash"),
            date(2020, 3, 1 + n),
            EventLocation(_place(f"test:{n}", f"Site {n}", "town", lon, lat), precision),
            fatalities=10,
        )
        for n, (lon, lat, precision) in enumerate(points)
    ]


def _legend_and_marks(events: list[Event]) -> dict[str, Any]:
    """Boxes of the drawn figure, in display pixels: legend, map, map with its ticks, labels and
    title; the event centres and the ring boxes."""
    fig = draw_map(frames_from_records([], events))
    try:
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        ax = fig.axes[0]
        legend = ax.get_legend() or fig.legends[0]
        points = [location.place for event in events for location in event.locations]
        centres = list(ax.transData.transform([(place.lon, place.lat) for place in points]))
        rings = [patch.get_window_extent(renderer) for patch in ax.patches]
        return {
            "legend": legend.get_window_extent(renderer),
            "map": ax.get_window_extent(renderer),
            "decorated": ax.get_tightbbox(renderer),
            "centres": centres,
            "rings": rings,
        }
    finally:
        plt.close(fig)


def test_static_legend_leaves_an_event_in_the_lower_left_corner_visible() -> None:
    # the lower-left site is where the legend used to sit; nothing is in the upper-left corner
    drawn = _legend_and_marks(_sites((40.0, 30.0, 1), (44.0, 31.0, 1), (44.0, 34.0, 1)))
    legend, frame = drawn["legend"], drawn["map"]
    inside = (
        frame.x0 <= legend.x0 and legend.x1 <= frame.x1 and frame.y0 <= legend.y0 and legend.y1 <= frame.y1
    )
    assert inside, "a corner is free: the legend stays on the map"
    # each marker is clear, not only its centre: a 10-fatality marker is about 10 px in radius
    gaps = [max(legend.x0 - x, x - legend.x1, legend.y0 - y, y - legend.y1) for x, y in drawn["centres"]]
    assert min(gaps) > 11, gaps


def test_static_legend_goes_under_the_map_when_every_corner_holds_a_ring() -> None:
    drawn = _legend_and_marks(_sites((40.0, 30.0, 3), (44.0, 30.0, 3), (40.0, 34.0, 3), (44.0, 34.0, 3)))
    legend, decorated = drawn["legend"], drawn["decorated"]
    assert len(drawn["rings"]) == 4
    assert legend.y1 <= decorated.y0, "below the map and its axis labels, where it hides nothing"
    assert not any(legend.overlaps(ring) for ring in drawn["rings"])
    assert legend.y0 > 0 and decorated.y1 <= 800, "legend and title stay inside the 8-inch, 100 dpi figure"


def test_static_map_labels_never_collide_and_it_has_a_scale_bar_north_arrow_and_locator() -> None:
    # a dozen sites a few kilometres apart: their labels cannot all fit, and none may overlap
    crowd = _sites(*[(44.0 + 0.03 * (n % 4), 33.0 + 0.03 * (n // 4), 1) for n in range(12)])
    fig = draw_map(frames_from_records([], [*crowd, *_sites((40.0, 30.0, 1))]))
    try:
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        ax = fig.axes[0]
        labels = [t for t in ax.texts if t.get_text().startswith("Site ")]
        boxes = [t.get_window_extent(renderer) for t in labels]
        assert 1 <= len(labels) < 13, "crowded labels are dropped, not stacked"
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
        assert ax.get_xticks().size == 0 and ax.get_yticks().size == 0  # no raw lat/lon ticks
        texts = {t.get_text() for t in ax.texts}
        assert "N" in texts and any(t.endswith(" km") for t in texts)
        assert len(ax.child_axes) == 1  # the locator inset
    finally:
        plt.close(fig)


def test_static_svg_keeps_its_text_as_text(tmp_path: Path) -> None:
    from geoevents.outputs.images import write_images

    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    write_images(_layers(sample_events()), png, svg, title="Reported events")
    document = svg.read_text(encoding="utf-8")
    assert "Al-Qaim</text>" in document and "km</text>" in document


def test_static_world_map_shows_no_scale_bar_it_could_not_keep() -> None:
    fig = draw_map(frames_from_records([], _sites((-100.0, 40.0, 1), (100.0, -30.0, 1))))
    try:
        ax = fig.axes[0]
        assert not any(t.get_text().endswith(" km") for t in ax.texts)
        assert "N" in {t.get_text() for t in ax.texts} and not ax.child_axes
    finally:
        plt.close(fig)


def test_basemap_towns_and_provinces_come_from_the_gazetteer_and_capitals_have_no_namesakes() -> None:
    from geoevents.gazetteer import default_gazetteer
    from geoevents.outputs.basemap import admin1_areas, towns

    gazetteer = default_gazetteer()
    places = gazetteer.populated_places()
    assert len(places) > 1000 and all(isinstance(p[3], int) for p in places[:100])
    shapes = gazetteer.admin1_shapes({"IQ"})
    assert len(shapes) >= 10 and all(cc == "IQ" and not shape.is_empty for _, cc, shape in shapes)
    assert [name for name, _, _ in admin1_areas({"IQ"})] == sorted(name for name, _, _ in shapes)
    # the whole world: each capital once, its namesakes elsewhere in the country plain towns
    found = towns((-180.0, -85.0, 180.0, 85.0), [])
    capitals = [(t.country_code, t.name) for t in found if t.capital]
    assert len(capitals) == len(set(capitals)) and ("US", "Washington") in capitals
    assert ("IQ", "Baghdad") in capitals


def test_the_web_map_never_draws_continents_or_world_regions() -> None:
    import geopandas as gpd
    from shapely.geometry import box

    from geoevents.outputs.webmap import drawable_areas

    frame = gpd.GeoDataFrame(
        {
            "name": ["western Iraq", "Asia", "Middle East"],
            "feature_class": ["admin1", "continent", "region"],
            "source": ["derived", "naturalearth", "naturalearth"],
        },
        geometry=[box(39, 31, 44, 35), box(25, -10, 150, 75), box(35, 20, 60, 40)],
        crs="EPSG:4326",
    )
    assert list(drawable_areas(frame)["name"]) == ["western Iraq"]
