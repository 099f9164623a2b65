"""The simplified country polygons are made once and read back from the cache folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geoevents.outputs import basemap


def test_countries_are_cached_and_read_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOEVENTS_CACHE", str(tmp_path))
    basemap.countries.cache_clear()
    try:
        made = basemap.countries()
        cached = list(tmp_path.glob("basemap-*.pickle"))
        assert len(cached) == 1
        basemap.countries.cache_clear()
        read = basemap.countries()
        assert list(read.columns) == list(made.columns) and read.crs == made.crs
        assert read[["iso_a2", "name"]].equals(made[["iso_a2", "name"]])
        assert read.geometry.geom_equals_exact(made.geometry, 0).all()
        cached[0].write_bytes(b"damaged")  # rebuilt, never fatal
        basemap.countries.cache_clear()
        assert len(basemap.countries()) == len(made)
    finally:
        basemap.countries.cache_clear()


def test_shapes_drawn_on_the_map_are_simplified_by_their_size(gazetteer: Any) -> None:
    """A country on the HTML map carries a fraction of its 10 m vertices; small shapes keep ~100 m."""
    import shapely

    big = gazetteer.country("CL").geometry
    drawn = basemap.map_shape(big)
    assert shapely.get_num_coordinates(drawn) < shapely.get_num_coordinates(big) / 2
    assert (
        drawn.hausdorff_distance(big)
        < max(big.bounds[2] - big.bounds[0], big.bounds[3] - big.bounds[1]) / 500
    )
    square = shapely.box(44.0, 35.0, 44.01, 35.01)
    assert basemap.map_shape(square).equals(square)
