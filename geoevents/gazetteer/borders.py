"""Borders derived from area polygons: the stretch of one boundary that runs along the other area.

Never drawn by hand: a border is the part of ``b``'s boundary lying within a small snapping distance of
``a`` (shared edges of Natural Earth polygons coincide; derived areas reuse the country edges they were
clipped to), merged into as few lines as possible.
"""

from __future__ import annotations

import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

SNAP_DEGREES = 0.002  # about 200 m: absorbs rounding where edges are meant to coincide
MIN_PIECE_DEGREES = 0.01  # slivers shorter than about 1 km where boundaries only touch are dropped


def shared_boundary(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry | None:
    """The boundary between two areas as a (Multi)LineString, or None when they do not touch."""
    if not a.buffer(SNAP_DEGREES).intersects(b):
        return None
    near = shapely.intersection(b.boundary, a.buffer(SNAP_DEGREES))
    # Keep the part that also lies on a's boundary (b may contain a, as a region contains its towns).
    near = shapely.intersection(near, a.boundary.buffer(SNAP_DEGREES))
    lines = [g for g in getattr(near, "geoms", [near]) if isinstance(g, (LineString, MultiLineString))]
    pieces: list[LineString] = []
    for g in lines:
        pieces.extend(getattr(g, "geoms", [g]))
    if not pieces:
        return None
    merged = shapely.line_merge(MultiLineString(pieces))
    parts = [p for p in getattr(merged, "geoms", [merged]) if p.length >= MIN_PIECE_DEGREES]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiLineString(parts)


def border_feature_id(a: str, b: str) -> str:
    """``border:<A>-<B>`` from two area feature ids (ISO3 for countries), the same whichever comes first."""
    tags = sorted(_tag(f) for f in (a, b))
    return f"border:{tags[0]}-{tags[1]}"


def _tag(feature_id: str) -> str:
    prefix, _, rest = feature_id.partition(":")
    return rest if prefix == "ne" else feature_id.replace(":", "_")
