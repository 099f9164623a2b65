"""How a query names a place made from indexed areas on demand: a border ("the Iraq-Syria border") or a
compass part of an area ("northern Iraq"). Such places are no rows of the index; their feature ids carry
``DERIVED_PREFIXES``, and ``places.derived_place`` builds their records."""

from __future__ import annotations

import re
from typing import Any

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

DERIVED_PREFIXES = ("border:", "region_expression:")
# "northern Iraq": compass words and the part of the area's extent they select (fractions of the bbox).
DIRECTIONS: dict[str, tuple[float, float, float, float]] = {
    "northern": (0.0, 0.5, 1.0, 1.0),
    "southern": (0.0, 0.0, 1.0, 0.5),
    "eastern": (0.5, 0.0, 1.0, 1.0),
    "western": (0.0, 0.0, 0.5, 1.0),
    "central": (0.25, 0.25, 0.75, 0.75),
    "northeastern": (0.5, 0.5, 1.0, 1.0),
    "northwestern": (0.0, 0.5, 0.5, 1.0),
    "southeastern": (0.5, 0.0, 1.0, 0.5),
    "southwestern": (0.0, 0.0, 0.5, 0.5),
    "north": (0.0, 0.5, 1.0, 1.0),
    "south": (0.0, 0.0, 1.0, 0.5),
    "east": (0.5, 0.0, 1.0, 1.0),
    "west": (0.0, 0.0, 0.5, 1.0),
    "northeast": (0.5, 0.5, 1.0, 1.0),
    "northwest": (0.0, 0.5, 0.5, 1.0),
    "southeast": (0.5, 0.0, 1.0, 0.5),
    "southwest": (0.0, 0.0, 0.5, 0.5),
}
for _word, _box in list(DIRECTIONS.items()):
    if _word.endswith("ern"):
        DIRECTIONS[_word.replace("northern", "north").replace("southern", "south")[:-3] + "ern"] = _box
DIRECTION_PREFIX = re.compile(
    r"^(?:the )?(" + "|".join(sorted(DIRECTIONS, key=len, reverse=True)) + r") (.+)$"
)
_BORDER_BETWEEN = re.compile(r"^(?:the )?(?:border|frontier|boundary) between (.+?) and (.+)$")
_BORDER_SUFFIX = re.compile(r"^(?:the )?(.+) (?:border|frontier|boundary)(?: area| region)?$")


def border_sides(key: str) -> list[tuple[str, str]]:
    """The ways a normalised border phrase splits into the names of its two sides: "the border between
    A and B" one way, "a b border" at each word boundary (either name may have several words)."""
    pairs: list[tuple[str, str]] = []
    m = _BORDER_BETWEEN.match(key)
    if m:
        pairs.append((m.group(1), m.group(2)))
    else:
        m = _BORDER_SUFFIX.match(key)
        if m:
            words = m.group(1).split(" ")
            pairs.extend((" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words)))
    return pairs


def compass_part(geometry: BaseGeometry, box: tuple[float, float, float, float]) -> tuple[Any, Point] | None:
    """The part of ``geometry`` in a compass sector of its extent (``box`` as fractions of the bounds),
    with its point: the centroid when inside, else a point on it. None when the sector is empty."""
    minx, miny, maxx, maxy = geometry.bounds
    w, h = maxx - minx, maxy - miny
    clip = shapely.box(minx + box[0] * w, miny + box[1] * h, minx + box[2] * w, miny + box[3] * h)
    geom = shapely.intersection(geometry, clip)
    if geom.is_empty:
        return None
    centre = geom.centroid
    point = centre if geom.contains(centre) else geom.point_on_surface()
    return geom, point
