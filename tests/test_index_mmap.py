"""The cached index maps its arrays from the file (shared by the processes of --jobs N), never copies them."""

from __future__ import annotations

import mmap
from pathlib import Path

import numpy as np
import pytest
import shapely

from geoevents.gazetteer import index as gindex
from geoevents.gazetteer.name_tables import NameTables


def _mapped(array: np.ndarray) -> bool:
    base = array
    while isinstance(base, np.ndarray) and base.base is not None:
        base = base.base
    while isinstance(base, memoryview):
        base = base.obj
    return isinstance(base, mmap.mmap)


def _small_index() -> gindex.IndexData:
    index = gindex.IndexData(version=gindex.cache_key(gindex.curated_files()))
    tables = NameTables()
    square = shapely.box(40, 33, 42, 35)
    for n, (name, geometry) in enumerate([("Alpha", square), ("Beta", None), ("Gamma", square.buffer(1))]):
        i = index.add(fid=f"t:{n}", name=name, fclass="region", lat=34, lon=41, source="t", geometry=geometry)
        tables.add(i, [name], primary=name, country=None)
    index.exact, index.loose = tables.freeze_packed(index.prominence)
    index.geoms = gindex.WkbStore(index.geoms, len(index))
    return index


def test_arrays_are_mapped_from_the_cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _small_index()
    monkeypatch.setattr(gindex, "build_index", lambda step=None: built)
    gindex.load_or_build(tmp_path)
    loaded = gindex.load_or_build(tmp_path)
    assert loaded is not built
    assert _mapped(loaded.geoms._blob) and not loaded.geoms._blob.flags.writeable
    assert _mapped(loaded.exact._postings)
    assert list(loaded.geoms) == [0, 2] and 1 not in loaded.geoms and loaded.geoms.get(1) is None
    for i in (0, 2):
        assert shapely.from_wkb(loaded.geoms[i]).equals(shapely.from_wkb(built.geoms[i]))
    assert loaded.exact.get("alpha") == built.exact.get("alpha")
    private = loaded.geoms.copy()
    private[5] = b"x"  # a user's file adds shapes to a private copy, never to the shared map
    assert 5 not in loaded.geoms


def test_the_process_that_builds_the_index_maps_it_from_its_file_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gindex, "build_index", lambda step=None: _small_index())
    fresh = gindex.load_or_build(tmp_path)
    assert _mapped(fresh.geoms._blob) and _mapped(fresh.exact._postings)


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = _small_index()
    monkeypatch.setattr(gindex, "build_index", lambda step=None: built)
    gindex.load_or_build(tmp_path)
    (cache,) = tmp_path.glob("gazetteer-*.pickle")
    cache.write_bytes(cache.read_bytes()[:100])
    assert gindex._load(cache) is None
    assert len(gindex.load_or_build(tmp_path)) == 3


def test_the_real_index_shares_its_shapes(gazetteer) -> None:
    assert _mapped(gazetteer.index.geoms._blob)
