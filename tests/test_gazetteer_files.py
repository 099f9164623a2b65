"""User gazetteer files (validation, lookups) and the cache's atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geoevents.errors import GazetteerError
from geoevents.gazetteer import OfflineGeocoder
from geoevents.gazetteer.curated import read_curated_csv
from geoevents.gazetteer.index import IndexData, _load, write_atomic

HEADER = "id,name,aliases,feature_class,lat,lon,country_code,geometry,source\n"


def write(tmp_path: Path, body: str, name: str = "extra.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_user_file_adds_searchable_places(gazetteer, tmp_path) -> None:
    path = write(
        tmp_path,
        "checkpoint-7,Checkpoint Seven,CP7|Checkpoint 7,base,35.10,44.50,IQ,,field notes 2024\n"
        "west-anbar,West Anbar desert,,region,,,IQ,"
        '"POLYGON((40 33, 42 33, 42 34.5, 40 34.5, 40 33))",analyst\n',
    )
    geocoder = OfflineGeocoder(extra_files=[path], index=gazetteer.index, settings=gazetteer.settings)
    place = geocoder.candidates("CP7")[0].place
    assert place.feature_id == "user:checkpoint-7"
    assert (place.lat, place.lon, place.source) == (35.10, 44.50, "user")
    assert geocoder.is_name("checkpoint seven")
    region = geocoder.geocode("West Anbar desert")
    assert region.raw["geometry"]["type"] == "Polygon"
    # The shared default instance is untouched.
    assert not gazetteer.is_name("checkpoint seven")
    assert gazetteer.candidates("CP7") == [] or gazetteer.candidates("CP7")[0].place.source != "user"


def test_user_files_are_part_of_the_gazetteer_version(gazetteer, tmp_path) -> None:
    """A resumed run must not reuse places resolved before the analyst corrected a user file."""
    row = "checkpoint-7,Checkpoint Seven,,base,35.10,44.50,IQ,,field notes\n"
    first = write(tmp_path, row, name="a.csv")
    moved = write(tmp_path, row.replace("44.50", "44.60"), name="b.csv")

    def version(*paths: Path) -> str:
        return OfflineGeocoder(extra_files=paths, index=gazetteer.index, settings=gazetteer.settings).version

    assert gazetteer.version and version(first) == version(first)
    assert len({gazetteer.version, version(first), version(moved)}) == 3
    assert version(first).startswith(gazetteer.version)


def test_user_file_can_derive_geometry_from_the_index(gazetteer, tmp_path) -> None:
    path = write(tmp_path, "north-kurd,Dahuk and Erbil,,region,,,IQ,union:IQ.08|IQ.11,analyst\n")
    geocoder = OfflineGeocoder(extra_files=[path], index=gazetteer.index, settings=gazetteer.settings)
    place = geocoder.candidates("Dahuk and Erbil")[0].place
    assert place.geometry.geom_type in ("Polygon", "MultiPolygon")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a,Alpha,,base,95,10,IQ,,src\n", "line 2: lat '95' is outside"),
        ("a,Alpha,,town,35,44,IQ,,src\n", "line 2: feature_class 'town'"),
        ("a,Alpha,,base,35,44,IQ,,\n", "line 2: source is empty"),
        ("a,Alpha,,base,35,44,IQ,,src\na,Beta,,base,35,44,IQ,,src\n", "line 3: id 'a' appears twice"),
        ("a,Alpha,,base,abc,44,IQ,,src\n", "line 2: lat 'abc' is not a number"),
        ("a,Alpha,,base,35,,IQ,,src\n", "line 2: give both lat and lon"),
        ("a,Alpha,,base,35,44,IRQ,,src\n", "line 2: country_code 'IRQ'"),
        ("A B,Alpha,,base,35,44,IQ,,src\n", "line 2: id 'A B'"),
        ("a,Alpha,,base,35,44,IQ,,src,extra\n", "line 2: more fields than columns"),
        ("a,Alpha,,region,,,IQ,POLYGON((,src\n", "line 2: geometry is neither WKT"),
    ],
)
def test_broken_user_file_names_file_line_and_reason(tmp_path, body, message) -> None:
    path = write(tmp_path, body)
    with pytest.raises(GazetteerError) as info:
        read_curated_csv(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_unknown_reference_in_geometry_is_reported(gazetteer, tmp_path) -> None:
    path = write(tmp_path, "a,Alpha,,region,,,IQ,union:XX.99,src\n")
    with pytest.raises(GazetteerError, match=r"extra\.csv:2: area 'XX\.99'"):
        OfflineGeocoder(extra_files=[path], index=gazetteer.index, settings=gazetteer.settings)


def test_missing_columns_and_missing_file(tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nX,1,2\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 1: missing column"):
        read_curated_csv(bad)
    with pytest.raises(GazetteerError, match="cannot read"):
        read_curated_csv(tmp_path / "nope.csv")
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(GazetteerError, match="not UTF-8"):
        read_curated_csv(binary)


def test_interrupted_cache_write_leaves_nothing_behind(tmp_path, monkeypatch) -> None:
    target = tmp_path / "gazetteer-abc.pickle"

    def explode(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", explode)  # interrupted after the bytes, before the rename
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, IndexData(version="abc"))
    assert list(tmp_path.iterdir()) == []


def test_cache_round_trip_and_damaged_cache_is_ignored(tmp_path) -> None:
    target = tmp_path / "gazetteer-abc.pickle"
    write_atomic(target, IndexData(version="abc"))
    assert _load(target) is not None
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    target.write_bytes(target.read_bytes()[:20])  # truncated by a crash elsewhere
    assert _load(target) is None
    other = tmp_path / "gazetteer-def.pickle"
    write_atomic(other, IndexData(version="abc"))  # version does not match the file name
    assert _load(other) is None


def test_curated_file_ships_inside_the_package() -> None:
    """A non-editable install (a wheel) has no repository folders: the curated file must be package data."""
    import fnmatch
    import importlib.resources
    import tomllib

    from geoevents.gazetteer.index import curated_files

    shipped = importlib.resources.files("geoevents.gazetteer") / "data" / "curated.csv"
    assert shipped.is_file()
    assert read_curated_csv(Path(str(shipped)), source="curated")  # readable and valid
    assert {"curated.csv", "physical.csv", "country_names.tsv"} <= {p.name for p in curated_files()}
    assert all(Path(str(importlib.resources.files("geoevents"))) in p.parents for p in curated_files())
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["geoevents"]
    for path in curated_files():
        assert any(fnmatch.fnmatch(f"gazetteer/data/{path.name}", p) for p in patterns), path.name


def test_name_goes_on_answers_from_the_trie_and_from_user_files(gazetteer, tmp_path) -> None:
    # Names as written and loosely written ("Albu Kamal" for Abu Kamal) both count as going on.
    assert gazetteer.name_goes_on("new")
    assert gazetteer.name_goes_on("new york")
    assert gazetteer.name_goes_on("albu")
    assert not gazetteer.name_goes_on("zyxqv")
    assert not gazetteer.name_goes_on("kirkuk police")
    path = write(tmp_path, "zyxqv-ridge,Zyxqv Ridge Outpost,,base,35.10,44.50,IQ,,analyst\n")
    geocoder = OfflineGeocoder(extra_files=[path], index=gazetteer.index, settings=gazetteer.settings)
    assert geocoder.name_goes_on("zyxqv")
    assert geocoder.name_goes_on("zyxqv ridge")
    # Only loosely: a doubled letter is one in a loose key.
    path = write(tmp_path, "zzyxqv-hill,Zzyxqv Hill,,base,35.10,44.50,IQ,,analyst\n", name="loose.csv")
    geocoder = OfflineGeocoder(extra_files=[path], index=gazetteer.index, settings=gazetteer.settings)
    assert geocoder.name_goes_on("zyxqv")
    assert not geocoder.name_goes_on("zyxqw")


def test_recognition_walks_on_to_a_user_name(gazetteer, tmp_path) -> None:
    from geoevents.geoparse.recognizer import mentions_from_article
    from geoevents.records import Article

    path = write(tmp_path, "zyxqv-ridge,Zyxqv Ridge Outpost,,base,35.10,44.50,IQ,,analyst\n")
    geocoder = OfflineGeocoder(extra_files=[path], index=gazetteer.index, settings=gazetteer.settings)
    text = "Mortar rounds fell on Zyxqv Ridge Outpost at dawn."
    found = mentions_from_article(Article(id="a", text=text), gazetteer=geocoder)
    assert [(m.text, m.role.value) for m in found] == [("Zyxqv Ridge Outpost", "literal")]
