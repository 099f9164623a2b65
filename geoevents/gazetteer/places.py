"""The ``Place`` records the offline gazetteer hands out, from an index row or derived from other places.

Both carry a ``raw`` dict of the same shape (feature id, source, class, codes, name, extras), which is what
``place_answer`` passes on to geopy-style answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geoevents.records import Place

if TYPE_CHECKING:
    from geoevents.gazetteer.index import IndexData


def place_from_row(ix: IndexData, i: int, geom: BaseGeometry) -> Place:
    """The ``Place`` of feature ``i`` of the index, with ``geom`` its shape (or point)."""
    raw: dict[str, Any] = {
        "feature_id": ix.fid[i],
        "source": ix.source[i],
        "feature_class": ix.fclass[i],
        "country_code": ix.cc[i],
        "admin1": ix.admin1[i],
        "admin1_code": ix.admin1_code[i],
        "admin2": ix.admin2[i],
        "population": ix.population[i],
        "prominence": round(ix.prominence[i], 3),
        "name": ix.name[i],
    }
    raw.update(ix.extra.get(i, {}))  # the shape is not repeated here: place_to_location adds it
    place = Place(
        feature_id=ix.fid[i],
        name=ix.name[i],
        feature_class=ix.fclass[i],
        lat=ix.lat[i],
        lon=ix.lon[i],
        geometry=geom,
        source=ix.source[i],
        country_code=ix.cc[i],
        admin1=ix.admin1[i],
        admin2=ix.admin2[i],
        population=ix.population[i],
        raw=raw,
    )
    return place


def derived_place(
    fid: str,
    name: str,
    feature_class: str,
    point: Point,
    geom: BaseGeometry,
    *,
    country_code: str | None,
    admin1: str | None,
    extra: dict[str, Any],
) -> Place:
    """The ``Place`` of a derived feature, its ``raw`` shaped like an indexed one's."""
    raw: dict[str, Any] = {
        "feature_id": fid,
        "source": "derived",
        "feature_class": feature_class,
        "country_code": country_code,
        "admin1": admin1,
        "population": None,
        "name": name,
        **extra,
    }
    return Place(
        feature_id=fid,
        name=name,
        feature_class=feature_class,
        lat=point.y,
        lon=point.x,
        geometry=geom,
        source="derived",
        country_code=country_code,
        admin1=admin1,
        raw=raw,
    )
