"""What the map derives from installed data alone is made once, kept in the cache folder and read back
the same; a damaged cache file is rebuilt, never fatal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import box

from geoevents import settings
from geoevents.outputs import basemap, mapbase, water

KIRKUK = (35.47, 44.39)


def _map_layers() -> dict[str, Any]:
    lat, lon = KIRKUK
    focus = basemap.view_bounds((lon, lat, lon, lat), margin=0.1, minimum=1.5)
    return mapbase.basemap_layers(focus, [KIRKUK])[0]


def test_the_basemap_is_cached_read_back_the_same_and_rebuilt_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gazetteer: Any
) -> None:
    monkeypatch.setattr(settings, "default_cache_dir", lambda: tmp_path)  # the gazetteer stays loaded
    made = _map_layers()
    files = sorted(p.name.split("-")[0] for p in tmp_path.glob("map*.pickle"))
    assert files == ["mapprovinces", "maptiers", "maptowns", "mapwater"]
    assert _map_layers() == made
    for path in tmp_path.glob("map*.pickle"):
        path.write_bytes(b"damaged")
    assert _map_layers() == made
    assert all(p.stat().st_size > 1000 for p in tmp_path.glob("map*.pickle"))  # made again


def test_a_cache_folder_that_cannot_be_written_costs_time_not_the_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gazetteer: Any
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(settings, "default_cache_dir", lambda: blocked / "cache")
    layers = _map_layers()
    assert layers["countries"]["features"] and layers["towns"] and layers["provinces"] and layers["rivers"]
    assert not (blocked / "cache").exists()


def test_the_map_draws_detail_near_the_events_and_coarse_outlines_far_away(gazetteer: Any) -> None:
    layers = _map_layers()
    drawn: dict[str, int] = {}
    for text in layers["countries"]["features"]:
        feature = json.loads(text)  # encoded once, in the cache folder
        code = feature["properties"]["cc"]
        drawn[code] = drawn.get(code, 0) + shapely.get_num_coordinates(
            shapely.geometry.shape(feature["geometry"])
        )
    frame = basemap.countries()
    full = {
        code: int(shapely.get_num_coordinates(frame.geometry[frame["iso_a2"] == code]).sum())
        for code in drawn
    }
    # Iraq keeps most of its outline's vertices, Brazil (far from Kirkuk) a small share of its own
    assert drawn["IQ"] > 0.5 * full["IQ"] and drawn["BR"] < 0.5 * full["BR"]
    assert layers["provinces"] and any(label[2].startswith("Kirk") for label in layers["provinceLabels"])


def test_rivers_and_lakes_are_those_of_the_region_and_the_largest_lakes_everywhere() -> None:
    region = box(42.0, 33.0, 46.0, 37.0)  # northern Iraq: the Tigris and its tributaries
    rivers, lakes = water.rivers_and_lakes(region)
    assert rivers and all(region.buffer(1e-9).covers(r) for r in rivers)
    caspian = shapely.Point(51.0, 42.0)
    assert any(lake.contains(caspian) for lake in lakes)  # far from the region, yet kept
    elsewhere = box(-60.0, -10.0, -56.0, -6.0)  # the Amazon basin
    far_rivers, _ = water.rivers_and_lakes(elsewhere)
    assert far_rivers and not any(r.intersects(region) for r in far_rivers)


def test_files_of_keys_unused_for_a_week_are_deleted_and_the_others_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import pickle
    import time

    from geoevents import diskcache as cache

    monkeypatch.setattr(settings, "default_cache_dir", lambda: tmp_path)
    unrelated = tmp_path / "mapwater-0123456789abcdef.pickle"
    unrelated.write_bytes(b"another name's file")
    days = {"v1": 30, "v2": 8, "v3": 20, "v4": 2}  # made by other versions, last used this many days ago
    for key, age in days.items():
        path = cache.cache_path("maptiers", key)
        assert path is not None
        path.write_bytes(pickle.dumps(key))
        then = time.time() - age * 86400
        os.utime(path, (then, then))
    os.utime(unrelated, (0, 0))
    assert cache.cached("maptiers", "v3", lambda: "rebuilt", str) == "v3"  # read: marked used now
    assert cache.cached("maptiers", "v5", lambda: "v5", str) == "v5"  # a new key prunes
    left = {p.name for p in tmp_path.glob("maptiers-*.pickle")}
    kept = [cache.cache_path("maptiers", k) for k in ("v5", "v4", "v3")]
    assert left == {p.name for p in kept if p is not None}
    assert unrelated.exists()  # another name's files are that name's to prune


def test_a_kept_function_is_computed_once_per_argument_and_read_back_in_later_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geoevents.diskcache import kept

    monkeypatch.setattr(settings, "default_cache_dir", lambda: tmp_path)
    calls: list[str] = []

    def table(country: str) -> dict[str, int]:
        calls.append(country)
        return {country.lower(): len(calls)}

    first, later = kept("towntable")(table), kept("towntable")(table)  # a later run: a new process
    assert first("AA") == {"aa": 1} and first("BB") == {"bb": 2}
    assert later("AA") == {"aa": 1} and later("BB") == {"bb": 2}
    assert calls == ["AA", "BB"]
    assert len(list(tmp_path.glob("towntable*.pickle"))) == 2
    names = kept("worldtable")(lambda: {"all": len(calls)})  # no argument: one table
    assert names() == {"all": 2} and kept("worldtable")(lambda: {})() == {"all": 2}
