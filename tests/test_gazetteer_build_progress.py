"""The one-off gazetteer build says what it does, with a bar, at the default log level."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from geoevents.gazetteer import index as gindex


def _fake_build(step: Any = gindex.no_step) -> gindex.IndexData:
    for what in ("country polygons", "places", "areas", "curated", "name tables"):
        step(what)
    return gindex.IndexData(version=gindex.cache_key(gindex.curated_files()))


def test_the_build_prints_what_and_where_and_a_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(gindex, "build_index", _fake_build)
    gindex.load_or_build(tmp_path)
    err = capsys.readouterr().err
    assert f"building the offline gazetteer once (about a minute) into {tmp_path}" in err
    assert "gazetteer: name tables" in err and "gazetteer: done" in err and "6/6" in err
    gindex.load_or_build(tmp_path)  # the cached index: nothing to say
    assert capsys.readouterr().err == ""


def test_the_build_is_quiet_when_only_errors_are_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(gindex, "build_index", _fake_build)
    before = gindex.log.level
    gindex.log.setLevel(logging.ERROR)
    try:
        gindex.load_or_build(tmp_path)
    finally:
        gindex.log.setLevel(before)
    assert capsys.readouterr().err == ""
