"""Hostile user files and inputs: each refused or read as it should be, with file, line and reason.

Overrides and gazetteer files are checked whole at load; odd names, special files, links, the
output folder and binary files are handled at ingest (the fault suite's second half; the first,
interrupts and full disks, is ``tests/test_faults.py``).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import pytest

from geoevents.pipeline import RunOptions, run
from tests.test_faults import STAGES, assert_consistent, two_articles
from tests.test_pipeline import _write


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    return two_articles(tmp_path / "in")


# --------------------------------------------------------------------------- hostile overrides


HEADER = "action,target,id,field,value,note\n"


@pytest.mark.parametrize(
    ("rows", "line", "reason"),
    [
        ('remove,event,E-1,,,"never closed\nremove,event,E-2,,,\nremove,event,E-3,,,\n', 2, "quote"),
        ('remove,event,E-1,,,"two\nlines"\nremove,event,E-2,,,\n', 2, "runs over lines 2-3"),
        ("remove,event,E-1,,,,extra\n", 2, "7 fields where the header has 6"),
        ("remove,event,E-1,,\n", 2, "5 fields where the header has 6"),
        ("remove,event,E-1,,,\nedit,event,E-2,fatalities,100000000000000000000000000,\n", 3, "fatalities"),
        ("edit,event,E-2,fatalities,-4,\n", 2, "fatalities cannot be '-4'"),
        ('set,place,*:Alpha,latlon,"nan,10",\n', 2, "lat cannot be 'nan'"),
        ('set,place,*:Alpha,latlon,"10,inf",\n', 2, "lon cannot be 'inf'"),
        ("add,event,A-1,sub_event_type,Arrests,\nadd,event,A-1,lat,95,\n", 3, "lat cannot be '95'"),
        ("add,event,A-1,sub_event_type,Arrests,\n", 2, "added event A-1 lacks event_date, lat"),
    ],
)
def test_a_hostile_overrides_csv_is_refused_at_load_with_file_line_and_reason(
    tmp_path: Path, rows: str, line: int, reason: str
) -> None:
    """Failure 3: an unbalanced quote, extra or missing fields, numbers out of range, an incomplete
    add: each is one error naming the line, raised before any article is processed."""
    from geoevents.errors import InputError
    from geoevents.events.overrides import load_overrides

    path = tmp_path / "fix.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_overrides(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ") and reason in message and "\n" not in message


BILLION_LAUGHS = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
overrides:
  - {action: edit, target: event, id: E-1, field: notes, value: *g}
"""


def test_a_yaml_overrides_file_with_aliases_is_refused_at_once(tmp_path: Path) -> None:
    """Failure 4: nested aliases are refused (with their line) before they expand; big files too."""
    from geoevents.errors import InputError
    from geoevents.events.overrides import MAX_FILE_BYTES, load_overrides

    path = tmp_path / "fix.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(InputError, match=r"fix\.yaml:2: YAML aliases"):
        load_overrides(path)
    assert time.monotonic() - started < 5
    path.write_text("overrides:\n" + "  - {action: remove, target: event, id: E-1}\n" * 200_000)
    assert path.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(InputError, match="too large"):
        load_overrides(path)
    path.write_text("overrides:\n  - {action: remove, target: event, id: E-1}\n\n  - [1]\n")
    with pytest.raises(InputError, match=r"fix\.yaml:4: each item is a mapping"):
        load_overrides(path)


def test_resume_survives_fixing_the_event_rows_of_an_overrides_file(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Failure 3: fixing an overrides file keeps the finished articles when only event rows change
    (they apply after the merge); a changed place row redoes the articles."""
    from tests import test_pipeline_fakes as fakes

    calls = tmp_path / "calls.txt"
    monkeypatch.setenv(fakes.CALLS_FILE_ENV, str(calls))
    stages = fakes.with_real_overrides(STAGES)
    out = tmp_path / "out"
    fix = tmp_path / "fix.csv"

    def go(rows: str) -> int:
        fix.write_text(HEADER + rows, encoding="utf-8")
        options = RunOptions(progress=False, resume=True, overrides=fix)
        calls.unlink(missing_ok=True)
        summary = run([str(inputs)], out, options=options, stages=stages)
        assert summary.published
        return len(calls.read_text().split()) if calls.exists() else 0

    assert go("remove,place,*:Gamma,,,\n") == 2
    first = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["events"]
    assert go("remove,place,*:Gamma,,,\nremove,event,no-such-event,,,a fixed row\n") == 0
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["counts"]["events"] == first
    assert info["options"]["overrides"]["unused_event_rows"] == [f"{fix}:3"]
    assert info["options"]["overrides"]["unused_place_rows"] == []  # row numbers follow the place rows
    assert go("remove,place,*:Beta,,,\n") == 2


# --------------------------------------------------------------------------- hostile gazetteer files


GAZ_HEADER = "id,name,aliases,feature_class,lat,lon,country_code,geometry,source\n"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("p1,Post,,base,nan,44,IQ,,notes\n", "lat 'nan' is outside"),
        ("p1,Post,,base,35,inf,IQ,,notes\n", "lon 'inf' is outside"),
        ('p1,Post,,region,,,IQ,"POINT EMPTY",notes\n', "geometry is empty"),
        ('p1,Post,,region,,,IQ,"LINESTRING(40 33, 400 33)",notes\n', "outside lon -180..180"),
        ('p1,Post,,region,,,IQ,"POINT(nan 33)",notes\n', "not a finite number"),
        ("p1,Post,,region,,,IQ,via:Raqqa@SY|Mayadin@SY;buffer_km=abc,notes\n", "buffer_km 'abc'"),
        ("p1,Post,,region,,,IQ,via:Raqqa@SY|Mayadin@SY;buffer_km=-3,notes\n", "buffer_km '-3'"),
        ("p1,Post,,region,,,IQ,via:Raqqa@SY|Mayadin@SY;buffer_km=inf,notes\n", "buffer_km 'inf'"),
        ("p1,Post,,border,,,IQ,border:SY|SY,notes\n", "two different areas"),
        ("p1,Post,,base,35,44,IQ,,notes,extra\n", "more fields than columns"),
        ("p1,Post,,base,35,44\n", "fewer fields"),
        ('p1,"Post,,base,35,44,IQ,,notes\n', "bad CSV"),
    ],
)
def test_a_hostile_gazetteer_file_is_refused_at_load_with_file_line_and_reason(
    tmp_path: Path, row: str, reason: str
) -> None:
    """Failure 8: NaN, inf, empty or out-of-range WKT, a bad buffer_km and ``border:X|X`` are one
    error naming file and line, not a traceback later."""
    from geoevents.errors import GazetteerError
    from geoevents.gazetteer.curated import read_curated_csv

    path = tmp_path / "extra.csv"
    path.write_text(GAZ_HEADER + "ok-1,Fine,,base,35,44,IQ,,notes\n" + row, encoding="utf-8")
    with pytest.raises(GazetteerError) as caught:
        read_curated_csv(path)
    assert str(caught.value).startswith(f"{path}: line 3: ") and reason in str(caught.value)


# --------------------------------------------------------------------------- input hygiene


def _real_ingest() -> Any:
    from geoevents.parallel import Stages

    return dataclasses.replace(STAGES, ingest=Stages().ingest)


def _run_real_ingest(inputs: list[str], out: Path) -> Any:
    return run(inputs, out, options=RunOptions(progress=False), stages=_real_ingest())


def test_file_names_of_any_bytes_are_reported_with_escapes(tmp_path: Path) -> None:
    """Failure 5: a name that is not UTF-8 neither crashes the batch nor loses run.json."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = os.fsdecode(bytes(folder) + b"/caf\xe9 strike.txt")
    Path(good).write_text("A strike hit Alpha at dawn.", encoding="utf-8")
    Path(os.fsdecode(bytes(folder) + b"/\xff\x1b.txt")).write_bytes(b"")
    out = tmp_path / "out"
    summary = _run_real_ingest([str(folder)], out)
    assert summary.published and summary.articles == 1
    info = json.loads(assert_consistent(out)["run.json"].decode("utf-8"))
    assert [entry["path"] for entry in info["inputs"]] == [
        f"{folder}/caf\\xe9 strike.txt",
        f"{folder}/\\xff\x1b.txt",
    ]
    assert info["errors"] == [
        {"source": f"{folder}/\\xff\x1b.txt", "stage": "ingest", "reason": "empty file"}
    ]


def test_the_output_folder_inside_an_input_folder_is_never_read(tmp_path: Path) -> None:
    """Failure 8: ``--out`` inside the input folder: its outputs are not read back as articles."""
    folder = tmp_path / "in"
    _write(folder, "a.txt", "A strike hit Alpha at dawn.")
    out = folder / "out"
    for _ in range(2):
        summary = _run_real_ingest([str(folder)], out)
        assert summary.articles == 1 and not summary.errors
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert {"source": str(out), "reason": "the output folder (or inside it) is never read as input"} in info[
        "skipped"
    ]


def test_nul_and_control_byte_files_are_binary(tmp_path: Path) -> None:
    """Failure 8: zeros or control bytes are refused at once, not decoded as text."""
    folder = tmp_path / "in"
    _write(folder, "a.txt", "A strike hit Alpha at dawn.")
    (folder / "zeros.txt").write_bytes(b"\x00" * (8 << 20))
    (folder / "controls.txt").write_bytes(bytes(range(1, 9)) * (1 << 20))
    (folder / "zeros.jsonl").write_bytes(b"\x00" * 4096)
    started = time.monotonic()
    summary = _run_real_ingest([str(folder)], tmp_path / "out")
    assert time.monotonic() - started < 20
    reasons = {Path(e.source).name: e.reason for e in summary.errors}
    assert set(reasons) == {"zeros.txt", "controls.txt", "zeros.jsonl"}
    assert all("binary" in reason for reason in reasons.values()), reasons


def test_links_to_folders_are_followed_once_and_special_entries_get_a_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Failure 8: a linked folder is read (not called broken), a loop ends with a note, a FIFO and a
    README get a line each; a README named explicitly is read."""
    other = tmp_path / "other"
    _write(other, "b.txt", "A strike in Beta at noon.")
    folder = tmp_path / "in"
    _write(folder, "a.txt", "A strike hit Alpha at dawn.")
    _write(folder, "README.md", "# About this folder\n\nNotes on where the strike reports come from.\n")
    (folder / "linked").symlink_to(other, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "pipe")
    with caplog.at_level(logging.WARNING, logger="geoevents.pipeline"):
        summary = _run_real_ingest([str(folder)], tmp_path / "out")
    assert summary.articles == 2 and not summary.errors
    noted = [r.getMessage() for r in caplog.records if r.getMessage().startswith("skipped ")]
    named = sorted(Path(line.split(":")[0].split()[-1]).name for line in noted)
    assert named == ["README.md", "loop", "pipe"]
    info = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    skipped = {Path(s["source"]).name: s["reason"] for s in info["skipped"]}
    assert set(skipped) == {"README.md", "loop", "pipe"}
    assert (
        "already read" in skipped["loop"] and "pipe" in skipped["pipe"] and "README" in skipped["README.md"]
    )
    summary = _run_real_ingest([str(folder / "README.md")], tmp_path / "out2")
    assert summary.articles == 1


def _rewrite_input(article: Any, *, gazetteer: Any) -> Any:
    Path(article.path).write_text("changed after it was read", encoding="utf-8")
    return []


def test_run_json_hashes_the_bytes_that_were_read(tmp_path: Path) -> None:
    """Failure 8: a file changed during the run keeps the hash of the bytes its article came from."""
    import hashlib

    folder = tmp_path / "in"
    text = "A strike hit Alpha at dawn."
    path = _write(folder, "a.txt", text)
    stages = dataclasses.replace(_real_ingest(), geoparse=_rewrite_input)
    run([str(folder)], tmp_path / "out", options=RunOptions(progress=False), stages=stages)
    assert path.read_text(encoding="utf-8") != text
    info = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert info["inputs"][0]["sha256"] == hashlib.sha256(text.encode()).hexdigest()


def test_the_sites_of_a_merged_event_do_not_depend_on_input_order() -> None:
    """Failure 8: reports of one event from several articles combine the same in any order."""
    from datetime import date

    from geoevents.events.merge import combine_events
    from geoevents.records import Event, EventLocation, Evidence
    from tests.test_pipeline_fakes import PLACES

    def report(article: str, first: str, second: str) -> Event:
        return Event(
            event_id="E",
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            disorder_type="Political violence",
            event_date=date(2019, 12, 29),
            time_precision=1,
            locations=(EventLocation(PLACES[first], 1), EventLocation(PLACES[second], 1)),
            evidence=(Evidence(article, 0, 10, "a strike", f"{article}.txt"),),
        )

    one, two = report("art-1", "Alpha", "Beta"), report("art-2", "Beta", "Alpha")
    assert combine_events([one, two]) == combine_events([two, one])
