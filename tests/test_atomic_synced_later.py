"""Files written into a folder that is synced as a whole later skip their own fsyncs; others do not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geoevents import atomic
from geoevents.atomic import atomic_write_text, synced_later


def _count_fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync

    def counting(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", counting)
    return calls


def test_a_write_inside_the_folder_is_left_to_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_fsyncs(monkeypatch)
    staged, other = tmp_path / "staged", tmp_path / "other"
    with synced_later(staged):
        atomic_write_text(staged / "a" / "inner.txt", "one\n")
        assert calls == []
        atomic_write_text(other / "outer.txt", "two\n")  # outside the folder: synced as always
        assert len(calls) == 2  # the file and its folder
    assert (staged / "a" / "inner.txt").read_text(encoding="utf-8") == "one\n"
    atomic_write_text(staged / "after.txt", "three\n")  # the block is over: synced again
    assert len(calls) == 4
