"""Static maps for slides and print (PNG and SVG), drawn offline with matplotlib."""

from __future__ import annotations

import io
import math
import os
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Patch
from matplotlib.path import Path
from matplotlib.transforms import Bbox
from shapely.geometry import box

from geoevents.atomic import atomic_write_bytes
from geoevents.outputs.basemap import countries, focus_bounds, for_display, sited_events, view_bounds
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
    geo_precision,
    marker_radius_px,
    number_or_none,
    type_counts,
)

DEFAULT_TITLE = "Reported events"
# The legend goes in the first of these corners where it hides no marker, ring or label;
# when each would, it goes under the map, above the credit line (CREDIT_BAND of the height).
Corner = Literal["lower left", "lower right", "upper left", "upper right"]
LEGEND_CORNERS: tuple[Corner, ...] = ("lower left", "lower right", "upper left", "upper right")
CREDIT_BAND = 0.03
LEGEND_STYLE: dict[str, Any] = {
    "fontsize": 8,
    "framealpha": 0.92,
    "title": "Marker size: fatalities",
    "title_fontsize": 8,
}


def _bounds(layers: Mapping[str, gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    """The events (else places) with a margin; a region named in passing never widens the view."""
    return view_bounds(focus_bounds(layers), margin=0.15, minimum=1.5)


def _fit_aspect(bounds: tuple[float, float, float, float], ratio: float) -> tuple[float, float, float, float]:
    """Widen the box (in ground distance) so the map fills a figure of ``ratio`` width/height."""
    minx, miny, maxx, maxy = bounds
    scale = max(math.cos(math.radians((miny + maxy) / 2)), 0.2)
    width, height = (maxx - minx) * scale, maxy - miny
    if width / height < ratio:
        grow = (height * ratio / scale - (maxx - minx)) / 2
        minx, maxx = max(minx - grow, -180.0), min(maxx + grow, 180.0)
    else:
        grow = (width / ratio - height) / 2
        miny, maxy = max(miny - grow, -85.0), min(maxy + grow, 85.0)
    return (minx, miny, maxx, maxy)


def draw_map(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    title: str = DEFAULT_TITLE,
    size: tuple[float, float] = (11.0, 8.0),
) -> Figure:
    """A matplotlib figure of the events over the country polygons, with labels and a legend."""
    minx, miny, maxx, maxy = _fit_aspect(_bounds(layers), (size[0] - 1.0) / (size[1] - 1.2))
    fig, ax = plt.subplots(figsize=size, dpi=100)
    ax.set_facecolor(SEA_COLOR)
    view = box(minx, miny, maxx, maxy)
    world = countries()
    country_labels = _draw_countries(ax, world, view)

    # Shapes simplified to a small fraction of the view (invisible at the PNG's resolution): a country's
    # 10 m outline costs the PNG and above all the SVG more than everything else drawn.
    tolerance = (maxx - minx) / 4000
    areas = for_display(layers.get("areas"), tolerance)
    if areas is not None and len(areas):
        # outlines only: a filled region named in passing would paint whole countries
        areas.boundary.plot(ax=ax, color=AREA_COLOR, linewidth=0.9, linestyle="--", alpha=0.8, zorder=3)
    borders = for_display(layers.get("borders"), tolerance)
    if borders is not None and len(borders):
        borders.plot(ax=ax, color=BORDER_COLOR, linewidth=2.4, linestyle="--", zorder=4)

    # what the legend must not hide: event and place markers, uncertainty rings, event labels
    keep_clear: list[Artist] = []
    places = layers.get("places")
    if places is not None and len(places):
        inside = places[places.geometry.within(view)]
        keep_clear.append(
            ax.scatter(inside.geometry.x, inside.geometry.y, s=10, color=PLACE_COLOR, zorder=5, linewidths=0)
        )
    events = layers.get("events")
    present, event_labels = _draw_events(ax, sited_events(events), keep_clear)
    shown = {
        "places": places is not None and len(places) > 0,
        "areas": areas is not None and len(areas) > 0,
        "borders": borders is not None and len(borders) > 0,
    }
    handles = _legend_handles(present, shown)
    credit = _frame(fig, ax, (minx, miny, maxx, maxy), f"{title}{_date_span(events)}")
    # a scale holds on a regional map, not across a continent; a locator helps only a regional map
    regional = maxy - miny <= SCALE_MAX_SPAN_DEGREES
    keep_clear += [*(_scale_bar(ax) if regional else []), _north_arrow(ax)]
    fig.draw_without_rendering()  # final aspect and positions, so boxes are measured where they land
    if regional:
        keep_clear.append(_locator(ax, world, keep_clear))
    placed = place_labels(ax, event_labels, keep_clear, _EVENT_LABEL)
    keep_clear += placed
    place_labels(ax, country_labels, keep_clear, _COUNTRY_LABEL, offsets=((0, 0),))
    _place_legend(fig, ax, handles, keep_clear)
    if not fig.legends:  # the legend is on the map: the credit goes right under it, not at the page foot
        frame = ax.get_position()
        credit.set_position((frame.x1, frame.y0 - 0.005))
        credit.set_verticalalignment("top")
    return fig


def _draw_countries(ax: Axes, world: gpd.GeoDataFrame, view: Any) -> list[tuple[str, float, float]]:
    """The land of the countries in view; returns a label (name, x, y) for each that fills enough of it."""
    shown = world[world.geometry.intersects(view)]
    country_labels: list[tuple[str, float, float]] = []
    if len(shown):
        shown.plot(ax=ax, color=LAND_COLOR, edgecolor=COUNTRY_EDGE, linewidth=0.6, zorder=1)
        for name, geometry in zip(shown["name"], shown.geometry, strict=True):
            part = geometry.intersection(view)
            if part.is_empty or part.area < view.area * 0.01:
                continue
            point = part.representative_point()
            country_labels.append((name.upper(), point.x, point.y))
    return country_labels


def _draw_events(
    ax: Axes, rows: gpd.GeoDataFrame | None, keep_clear: list[Artist]
) -> tuple[list[str], list[tuple[str, float, float]]]:
    """A marker per event (sized by fatalities, dashed when approximate) and a ring for its uncertainty,
    each added to ``keep_clear``; returns the event types present and one label per location."""
    present: list[str] = []
    labelled: set[str] = set()
    event_labels: list[tuple[str, float, float]] = []
    if rows is None or not len(rows):
        return present, event_labels
    present = list(type_counts(rows["event_type"]))
    # big events first so small ones stay visible on top
    order = sorted(range(len(rows)), key=lambda i: -(number_or_none(rows["fatalities"].iloc[i]) or 0))
    for i in order:
        row = rows.iloc[i]
        x, y = row.geometry.x, row.geometry.y
        color = event_color(row["event_type"])
        precision = geo_precision(row["geo_precision"])
        if precision in PRECISION_RING_KM:
            radius = PRECISION_RING_KM[precision] / 111.32
            ring = ax.add_patch(
                Ellipse(
                    (x, y),
                    2 * radius / max(math.cos(math.radians(y)), 0.1),
                    2 * radius,
                    facecolor=color,
                    alpha=0.08,
                    edgecolor=color,
                    linestyle="--",
                    linewidth=1,
                    zorder=6,
                )
            )
            keep_clear.append(ring)
        area = (marker_radius_px(row["fatalities"]) * 1.1) ** 2
        marker = ax.scatter(
            [x],
            [y],
            s=area,
            color=color,
            edgecolors="#222222" if precision == 1 else color,
            linewidths=1.0,
            linestyle="-" if precision == 1 else "--",
            alpha=0.85,
            zorder=7,
        )
        keep_clear.append(marker)
        label = str(row["location"])
        if label not in labelled:
            labelled.add(label)
            event_labels.append((label, x, y))
    return present, event_labels


def _legend_handles(present: Sequence[str], shown: Mapping[str, bool]) -> list[Line2D | Patch]:
    """The legend's entries: each event type present, the dashed-marker key, then each layer shown."""
    handles: list[Line2D | Patch] = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor=event_color(t),
            markeredgecolor="#222222",
            markersize=8,
            label=t,
        )
        for t in present
    ]
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor="#555555",
            markersize=10,
            markeredgewidth=1,
            label="dashed: approximate location (precision 2-3)",
        )
    )
    if shown["places"]:
        handles.append(
            Line2D([], [], marker="o", linestyle="", color=PLACE_COLOR, markersize=3, label="place named")
        )
    if shown["areas"]:
        handles.append(Patch(facecolor="none", edgecolor=AREA_COLOR, linestyle="--", label="region named"))
    if shown["borders"]:
        handles.append(Line2D([], [], color=BORDER_COLOR, linestyle="--", linewidth=2, label="border named"))
    return handles


def _date_span(events: gpd.GeoDataFrame | None) -> str:
    """ "  (first to last date)" of the events, for the title; empty when none has a date."""
    raw_dates = events["event_date"] if events is not None and len(events) else []
    dates = sorted({d for d in (as_date(v) for v in raw_dates) if d is not None})
    return f"  ({dates[0].isoformat()} to {dates[-1].isoformat()})" if dates else ""


def _frame(fig: Figure, ax: Axes, bounds: tuple[float, float, float, float], title: str) -> Any:
    """The view's limits and aspect, the title and the credit line (returned: it may move under the
    legend), then the layout."""
    minx, miny, maxx, maxy = bounds
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(1 / max(math.cos(math.radians((miny + maxy) / 2)), 0.2))
    ax.set_title(title, fontsize=13, loc="left")
    ax.set_xticks([])
    ax.set_yticks([])
    credit = fig.text(
        0.99,
        0.01,
        "Boundaries: Natural Earth. Positions from news reports; approximate where dashed.",
        ha="right",
        va="bottom",
        fontsize=6.5,
        color="#777777",
    )
    fig.tight_layout()
    ax.set_xlabel("")
    ax.set_ylabel("")
    return credit


# Above this north-south span (degrees) the map's scale varies too much for one bar to be honest.
SCALE_MAX_SPAN_DEGREES = 40.0
_EVENT_LABEL: dict[str, Any] = {
    "fontsize": 8.5,
    "color": "#222222",
    "zorder": 8,
    "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
}
_COUNTRY_LABEL: dict[str, Any] = {"fontsize": 8, "color": "#8a8478", "zorder": 2, "alpha": 0.9}
# Where a label may sit around its point (offset in points, then alignment), in order of preference.
LABEL_OFFSETS: tuple[tuple[float, float], ...] = ((7, 5), (-7, 5), (7, -5), (-7, -5), (0, 11), (0, -11))


def place_labels(
    ax: Axes,
    labels: Sequence[tuple[str, float, float]],
    obstacles: Sequence[Artist],
    style: Mapping[str, Any],
    *,
    offsets: Sequence[tuple[float, float]] = LABEL_OFFSETS,
) -> list[Artist]:
    """Each label at the first offset where it overlaps no other label and no obstacle, else dropped.

    Labels are tried in the order given (the caller puts the most important first); returns the
    labels kept. Only marker boxes and label boxes count as obstacles: a ring may sit under a label.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes, _ = _clear_shapes([a for a in obstacles if not isinstance(a, Patch)], renderer)
    frame = ax.get_window_extent(renderer)
    kept: list[Artist] = []
    for text, x, y in labels:
        for dx, dy in offsets:
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            label = ax.annotate(
                text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, **style
            )
            extent = label.get_window_extent(renderer)
            inside = frame.x0 <= extent.x0 and extent.x1 <= frame.x1 and frame.y0 <= extent.y0
            if inside and extent.y1 <= frame.y1 and not any(extent.overlaps(b) for b in boxes):
                boxes.append(extent)
                kept.append(label)
                break
            label.remove()
    return kept


def _nice_length(km: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``km``."""
    power = 10 ** math.floor(math.log10(km))
    return max(step * power for step in (1, 2, 5) if step * power <= km)


def _scale_bar(ax: Axes) -> list[Artist]:
    """A scale bar about a fifth of the map wide, lower right, true at the map's middle latitude."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    km_per_degree = 111.32 * max(math.cos(math.radians((y0 + y1) / 2)), 0.01)
    length_km = _nice_length((x1 - x0) * km_per_degree / 5)
    length = length_km / km_per_degree
    right, base = x1 - (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.04
    tick = (y1 - y0) * 0.008
    (bar,) = ax.plot(
        [right - length, right - length, right, right],
        [base + tick, base, base, base + tick],
        color="#333333",
        linewidth=1.6,
        zorder=9,
        solid_capstyle="butt",
    )
    label = f"{length_km:g} km"
    text = ax.text(
        right - length / 2, base + tick * 1.5, label, ha="center", va="bottom", fontsize=7.5, zorder=9
    )
    return [bar, text]


def _north_arrow(ax: Axes) -> Artist:
    """An N with an arrow pointing up (the map is plate carrée: north is up everywhere on it)."""
    return ax.annotate(
        "N",
        xy=(0.975, 0.2),
        xytext=(0.975, 0.12),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=9,
        fontweight="bold",
        zorder=9,
        arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.2},
    )


# Where the locator may go (axes fraction: left, bottom, width, height); the scale bar holds the lower right.
LOCATOR_SPOTS: tuple[tuple[float, float, float, float], ...] = (
    (0.80, 0.76, 0.19, 0.22),
    (0.01, 0.76, 0.19, 0.22),
    (0.01, 0.02, 0.19, 0.22),
)


def _locator(ax: Axes, world: gpd.GeoDataFrame, obstacles: Sequence[Artist]) -> Axes:
    """An inset world map with the main map's frame on it, in the first corner that hides fewest markers."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes, _ = _clear_shapes([a for a in obstacles if isinstance(a, PathCollection)], renderer)
    to_display = ax.transAxes.transform

    def hidden(spot: tuple[float, float, float, float]) -> int:
        left, bottom, width, height = spot
        (px0, py0), (px1, py1) = to_display([(left, bottom), (left + width, bottom + height)])
        frame = Bbox.from_extents(px0, py0, px1, py1)
        return sum(frame.overlaps(b) for b in boxes)

    spot = min(LOCATOR_SPOTS, key=hidden)  # min keeps the first of equals
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    inset = ax.inset_axes(spot)
    inset.set_facecolor(SEA_COLOR)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half = max(x1 - x0, (y1 - y0) * 1.2, 30.0) * 1.6
    wx0, wx1 = max(cx - half, -180.0), min(cx + half, 180.0)
    wy0, wy1 = max(cy - half * 0.7, -85.0), min(cy + half * 0.7, 85.0)
    near = world[world.geometry.intersects(box(wx0, wy0, wx1, wy1))]
    if len(near):
        near.plot(ax=inset, color=LAND_COLOR, edgecolor=COUNTRY_EDGE, linewidth=0.3)
    inset.plot([x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0], color="#c0392b", linewidth=1.2)
    inset.set_xlim(wx0, wx1)
    inset.set_ylim(wy0, wy1)
    inset.set_aspect(1 / max(math.cos(math.radians(cy)), 0.2))
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    for spine in inset.spines.values():
        spine.set_edgecolor("#777777")
    inset.set_zorder(10)
    return inset


def _clear_shapes(artists: Sequence[Artist], renderer: RendererBase) -> tuple[list[Bbox], list[Path]]:
    """What the artists cover on the display: boxes (one per marker, edge included; text) and the
    outlines of patches (a ring's box would also claim the corners outside the ring)."""
    boxes: list[Bbox] = []
    outlines: list[Path] = []
    for artist in artists:
        if isinstance(artist, Patch):
            outlines.append(artist.get_transform().transform_path(artist.get_path()))
            continue
        if not isinstance(artist, PathCollection):
            boxes.append(artist.get_window_extent(renderer))
            continue
        # the collection's own extent would also cover the empty space between its markers
        centres = artist.get_offset_transform().transform(artist.get_offsets())
        sizes = np.broadcast_to(artist.get_sizes(), (len(centres),))
        widths = np.broadcast_to(artist.get_linewidth(), (len(centres),))
        for (cx, cy), size, width in zip(centres, sizes, widths, strict=True):
            half = renderer.points_to_pixels(math.sqrt(size) / 2 + width)
            boxes.append(Bbox.from_extents(cx - half, cy - half, cx + half, cy + half))
    return boxes, outlines


def _place_legend(
    fig: Figure, ax: Axes, handles: Sequence[Line2D | Patch], keep_clear: Sequence[Artist]
) -> Legend:
    """The legend in the first corner of the map where it hides none of ``keep_clear``, else under the map.

    Call once the figure is laid out: the boxes are measured in display space.
    """
    fig.draw_without_rendering()  # applies the axes' aspect, so data positions are final
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes, outlines = _clear_shapes(keep_clear, renderer)
    for corner in LEGEND_CORNERS:
        legend = ax.legend(handles=handles, loc=corner, **LEGEND_STYLE)
        extent = legend.get_window_extent(renderer)
        if not any(extent.overlaps(box_) for box_ in boxes) and not any(
            outline.intersects_bbox(extent, filled=True) for outline in outlines
        ):
            return legend
        legend.remove()
    legend = fig.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, CREDIT_BAND),
        ncol=min(len(handles), 3),
        **LEGEND_STYLE,
    )
    height = legend.get_window_extent(renderer).height / fig.bbox.height
    # twice: the first pass measures the title and axis labels where the fixed aspect left them
    for _ in range(2):
        fig.tight_layout(rect=(0.0, CREDIT_BAND + height + 0.01, 1.0, 1.0))
    return legend


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes with no timestamps, so identical maps give identical files."""
    buffer = io.BytesIO()
    # SVG text stays text (selectable, searchable, editable in slides), not outlines
    with matplotlib.rc_context({"svg.hashsalt": "geoevents", "svg.fonttype": "none"}):
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        # cropped to what is drawn: a world map at a fixed figure size leaves white bands
        dpi = 150 if fmt == "png" else 100
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=dpi, bbox_inches="tight", pad_inches=0.08)
    return buffer.getvalue()


def write_images(
    layers: Mapping[str, gpd.GeoDataFrame],
    png_path: str | os.PathLike[str],
    svg_path: str | os.PathLike[str],
    *,
    title: str = DEFAULT_TITLE,
) -> bytes:
    """Write the static map as PNG and SVG (atomically); returns the PNG (the report embeds it)."""
    fig = draw_map(layers, title=title)
    try:
        png = figure_bytes(fig, "png")
        atomic_write_bytes(png_path, png)
        atomic_write_bytes(svg_path, figure_bytes(fig, "svg"))
    finally:
        plt.close(fig)
    return png
