"""The simplified country polygons are made once and read back from the cache folder."""

from __future__ import annotations

from pathlib import Path

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
