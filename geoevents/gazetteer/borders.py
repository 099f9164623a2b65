"""Borders derived from area polygons: the stretch of one boundary that runs along the other area.

Never drawn by hand: a border is the part of ``b``'s boundary lying within a small snapping distance of
``a`` (shared edges of Natural Earth polygons coincide; derived areas reuse the country edges they were
clipped to), merged into as few lines as possible.

When ``a`` is only known approximately (an area derived from town positions, see data/gazetteer/README.md),
its edge may leave ``b``'s boundary for a few km and come back: a gap the derivation cannot resolve. Gaps
shorter than ``bridge_degrees`` are then closed along ``b``'s boundary, so the border stays one line instead
of gaining detached stubs that only mirror the method's error. Exact areas (two countries) are never bridged:
there a gap is real (a third country in between).
"""

from __future__ import annotations

import shapely
from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry

SNAP_DEGREES = 0.002  # about 200 m: absorbs rounding where edges are meant to coincide
MIN_PIECE_DEGREES = 0.01  # slivers shorter than about 1 km where boundaries only touch are dropped


BRIDGE_DEGREES = 0.15  # about 15 km: within the error of derived area edges


def shared_boundary(a: BaseGeometry, b: BaseGeometry, *, bridge_degrees: float = 0.0) -> BaseGeometry | None:
    """The boundary between two areas as a (Multi)LineString, or None when they do not touch.

    ``bridge_degrees`` > 0 (only when ``a`` is approximate) closes short gaps along ``b``'s boundary.
    """
    snapped = a.buffer(SNAP_DEGREES)  # buffered once: the test and the clip below share it
    if not snapped.intersects(b):
        return None
    near = shapely.intersection(b.boundary, snapped)
    # Keep the part that also lies on a's boundary (b may contain a, as a region contains its towns).
    near = shapely.intersection(near, a.boundary.buffer(SNAP_DEGREES))
    lines = [g for g in getattr(near, "geoms", [near]) if isinstance(g, (LineString, MultiLineString))]
    pieces: list[LineString] = []
    for g in lines:
        pieces.extend(piece for piece in getattr(g, "geoms", [g]) if not piece.is_empty)
    if not pieces:
        return None
    merged = shapely.line_merge(MultiLineString(pieces))
    parts = [p for p in getattr(merged, "geoms", [merged]) if p.length >= MIN_PIECE_DEGREES]
    if len(parts) > 1 and bridge_degrees > 0:
        parts = _bridge_gaps(parts, b.boundary, bridge_degrees)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiLineString(parts)


def _bridge_gaps(parts: list[LineString], along: BaseGeometry, max_gap: float) -> list[LineString]:
    """Join pieces whose ends lie within ``max_gap`` by the stretch of ``along`` between those ends."""
    rings = list(getattr(along, "geoms", [along]))
    bridges: list[LineString] = []
    ends = [(k, Point(c)) for k, part in enumerate(parts) for c in (part.coords[0], part.coords[-1])]
    for n, (k1, p1) in enumerate(ends):
        for k2, p2 in ends[n + 1 :]:
            if k1 == k2 or p1.distance(p2) > max_gap:
                continue
            ring = min(rings, key=lambda r: r.distance(p1) + r.distance(p2))
            if ring.distance(p1) > SNAP_DEGREES or ring.distance(p2) > SNAP_DEGREES:
                continue
            bridge = _stretch(ring, ring.project(p1), ring.project(p2))
            if bridge is not None and bridge.length <= 3 * max(p1.distance(p2), SNAP_DEGREES):
                # End exactly on the pieces' ends, so the lines merge.
                coords = list(bridge.coords)
                first, last = (
                    (p1, p2) if Point(coords[0]).distance(p1) <= Point(coords[0]).distance(p2) else (p2, p1)
                )
                bridges.append(LineString([first.coords[0], *coords[1:-1], last.coords[0]]))
    if not bridges:
        return parts
    merged = shapely.line_merge(shapely.union_all([*parts, *bridges]))
    return [p for p in getattr(merged, "geoms", [merged]) if p.length >= MIN_PIECE_DEGREES]


def _stretch(ring: LineString, start: float, end: float) -> LineString | None:
    """The shorter stretch of a closed ring between two positions along it."""
    from shapely.ops import substring

    low, high = sorted((start, end))
    direct = substring(ring, low, high)
    if ring.is_closed and ring.length - (high - low) < (high - low):
        around = shapely.line_merge(
            MultiLineString([substring(ring, high, ring.length), substring(ring, 0, low)])
        )
        direct = around if isinstance(around, LineString) else direct
    return direct if isinstance(direct, LineString) and direct.length > 0 else None


def border_feature_id(a: str, b: str) -> str:
    """``border:<A>-<B>`` from two area feature ids (ISO3 for countries), the same whichever comes first."""
    tags = sorted(_tag(f) for f in (a, b))
    return f"border:{tags[0]}-{tags[1]}"


def _tag(feature_id: str) -> str:
    prefix, _, rest = feature_id.partition(":")
    return rest if prefix == "ne" else feature_id.replace(":", "_")
