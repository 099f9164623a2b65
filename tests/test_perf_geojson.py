"""GeoJSON writing keeps large geometries' encodings in the cache folder: the bytes never change."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon

from geoevents.outputs import geojson
from geoevents.outputs.geojson import frame_to_feature_collection, write_geojson


def _frame() -> gpd.GeoDataFrame:
    square = Polygon([(0, 0), (0, 1.1234567), (1, 1), (1, 0)])  # clockwise: written counter-clockwise
    holed = Polygon([(2, 2), (4, 2), (4, 4), (2, 4)], [[(3, 3), (3.5, 3), (3.5, 3.5)]])
    return gpd.GeoDataFrame(
        {
            "id": ["area:north", "area:south", "area:none"],
            "name": ["Norland", "Sudwick", "Ödmark"],
            "n": [3, 1, 2],
        },
        geometry=[MultiPolygon([square]), MultiPolygon([holed, square]), None],
        crs="EPSG:4326",
    )


def _expected(frame: gpd.GeoDataFrame) -> str:
    collection = frame_to_feature_collection(frame, name="areas")
    features = collection.pop("features")
    lines = [json.dumps(f, ensure_ascii=False, allow_nan=False, separators=(",", ":")) for f in features]
    head = json.dumps(collection, ensure_ascii=False)[:-1]
    return f'{head}, "features": [\n' + ",\n".join(lines) + "\n]}\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GEOEVENTS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(geojson, "KEPT_FROM", 0)  # keep every geometry, however small
    return tmp_path / "cache" / "geojson"


def test_written_text_is_the_feature_collection_dumped(cache: Path, tmp_path: Path) -> None:
    frame = _frame()
    write_geojson(frame, tmp_path / "a.geojson", name="areas")
    assert (tmp_path / "a.geojson").read_text(encoding="utf-8") == _expected(frame)


def test_a_second_write_reads_the_kept_encodings_and_gives_the_same_bytes(
    cache: Path, tmp_path: Path
) -> None:
    frame = _frame()
    write_geojson(frame, tmp_path / "first.geojson", name="areas")
    assert len(list(cache.glob("*.json"))) == 2  # one per geometry; the empty one is not kept
    write_geojson(frame, tmp_path / "second.geojson", name="areas")
    assert (tmp_path / "first.geojson").read_bytes() == (tmp_path / "second.geojson").read_bytes()


def test_a_damaged_cache_file_is_encoded_again(cache: Path, tmp_path: Path) -> None:
    frame = _frame()
    write_geojson(frame, tmp_path / "first.geojson", name="areas")
    for kept in cache.glob("*.json"):
        kept.write_text('{"type":"Multi', encoding="utf-8")  # cut short
    write_geojson(frame, tmp_path / "second.geojson", name="areas")
    assert (tmp_path / "second.geojson").read_text(encoding="utf-8") == _expected(frame)


def test_small_geometries_are_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOEVENTS_CACHE", str(tmp_path / "cache"))
    frame = gpd.GeoDataFrame({"id": ["p:1"]}, geometry=[Point(44.39, 35.47)], crs="EPSG:4326")
    write_geojson(frame, tmp_path / "p.geojson", name="places")
    assert not (tmp_path / "cache" / "geojson").exists()
    assert (tmp_path / "p.geojson").read_text(encoding="utf-8") == _expected(frame).replace(
        '"areas"', '"places"'
    )


def test_an_unwritable_cache_folder_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("GEOEVENTS_CACHE", str(blocker))  # a file, not a folder
    monkeypatch.setattr(geojson, "KEPT_FROM", 0)
    frame = _frame()
    write_geojson(frame, tmp_path / "a.geojson", name="areas")
    assert (tmp_path / "a.geojson").read_text(encoding="utf-8") == _expected(frame)


def test_outlines_unused_for_a_week_are_deleted_and_read_ones_kept(cache: Path, tmp_path: Path) -> None:
    cache.mkdir(parents=True)
    old = time.time() - 8 * 24 * 3600
    unused = cache / ("0" * 32 + ".json")
    unused.write_text('{"type":"Point","coordinates":[0,0]}', encoding="utf-8")
    os.utime(unused, (old, old))
    frame = _frame()
    write_geojson(frame, tmp_path / "first.geojson", name="areas")
    kept = sorted(cache.glob("*.json"))
    assert unused not in kept and len(kept) == 2
    for path in kept:
        os.utime(path, (old, old))
    write_geojson(frame, tmp_path / "second.geojson", name="areas")  # reads them: used now
    assert all(path.stat().st_mtime > old + 24 * 3600 for path in kept)


def test_a_maps_kept_outline_is_the_one_it_would_draw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geoevents.outputs import webmap
    from geoevents.outputs.page_text import json_text

    monkeypatch.setenv("GEOEVENTS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(webmap, "OUTLINE_KEPT_FROM", 0)
    ring = [(10 + i / 100, 20 + (i % 7) / 1000) for i in range(300)] + [(13, 25), (10, 25)]
    area = MultiPolygon([Polygon(ring)])
    simple = webmap.shapely.simplify(area, webmap.SHAPE_TOLERANCE, preserve_topology=True)
    drawn = (simple.geom_type, json_text(webmap.rounded_coords(simple, 3)))
    assert webmap._outline(area) == drawn
    assert len(list((tmp_path / "cache" / "geojson").glob("*.json"))) == 1

    def not_drawn_again(geometry: object) -> str:
        raise AssertionError("the kept outline was drawn again instead of read back")

    monkeypatch.setattr(webmap, "_outline_text", not_drawn_again)
    assert webmap._outline(area) == drawn  # read back from the kept file
