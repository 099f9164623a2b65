"""Atomic writes: the target is either the old file or the whole new one, never a torn mix."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoevents.atomic import atomic_write_bytes, atomic_write_path, atomic_write_text


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_text_creates_file_and_parents(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.json"
    atomic_write_text(target, '{"x": 1}\n')
    assert target.read_text(encoding="utf-8") == '{"x": 1}\n'
    assert _leftovers(target.parent) == []


def test_write_bytes_replaces_previous_content(tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert _leftovers(tmp_path) == []


def test_failure_mid_write_keeps_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write_path(target) as tmp:
        tmp.write_text("half a fi", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "previous"
    assert _leftovers(tmp_path) == []


def test_keyboard_interrupt_mid_write_keeps_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "run.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_write_path(target) as tmp:
        tmp.write_bytes(b"partial")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "previous"
    assert _leftovers(tmp_path) == []


def test_nothing_written_is_an_error_and_keeps_target(tmp_path: Path) -> None:
    target = tmp_path / "places.geojson"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(FileNotFoundError), atomic_write_path(target):
        pass
    assert target.read_text(encoding="utf-8") == "previous"


def test_temporary_path_is_free_for_writers_that_refuse_existing_files(tmp_path: Path) -> None:
    target = tmp_path / "geoevents.gpkg"
    with atomic_write_path(target) as tmp:
        assert tmp.parent == tmp_path
        assert not tmp.exists()
        with open(tmp, "xb") as handle:  # exclusive create fails if the name is taken
            handle.write(b"gpkg")
    assert target.read_bytes() == b"gpkg"


def test_written_file_is_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    atomic_write_text(target, "<html></html>")
    assert target.stat().st_mode & 0o044 == 0o044
