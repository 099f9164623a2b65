"""The batch runner's own machinery, with small stand-in stages (tests/test_pipeline_fakes.py).

Errors never stop a batch; reruns are byte-identical; --resume skips finished
articles; a crash mid-write keeps the previous outputs; worker processes and
Dask give the same bytes as one process; credentials never reach outputs.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import sys
from pathlib import Path

import pytest
from shapely.geometry import Point, Polygon, mapping

from geoevents.errors import GeoeventsError
from geoevents.outset import GENERATIONS_DIR, LOCK_FILE
from geoevents.parallel import StageUnavailable, decode_record, dumps, encode_record
from geoevents.pipeline import (
    CACHE_DIR,
    SHOWN_PER_REASON,
    RunError,
    RunOptions,
    collapsed_error_lines,
    run,
)
from geoevents.records import EventLocation, Place
from tests import test_pipeline_fakes as fakes

STAGES = fakes.FAKE_STAGES


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    _write(folder, "a.txt", "A strike hit Alpha at dawn. Officials in Beta condemned it.")
    _write(folder, "b.txt", "Another strike near Alpha. Nothing else happened in Gamma.")
    _write(folder, "c.txt", "BAD header: refused by ingest")
    _write(folder, "d.txt", "This one makes the geoparser fail: BOOM.")
    _write(folder, "e.txt", "A strike in Beta. A second strike in Gamma.")
    return folder


class Geoparsed:
    """Counts the articles the stand-in geoparser was called on (across worker processes too)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def take(self) -> int:
        """Calls since the last take."""
        count = len(self.path.read_text().split()) if self.path.exists() else 0
        self.path.unlink(missing_ok=True)
        return count


@pytest.fixture
def geoparsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Geoparsed:
    monkeypatch.setenv(fakes.CALLS_FILE_ENV, str(tmp_path / "calls.txt"))
    return Geoparsed(tmp_path / "calls.txt")


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name[0] != "."}


def _run(inputs: Path, out: Path, **options: object) -> object:
    return run([str(inputs)], out, options=RunOptions(progress=False, **options), stages=STAGES)  # type: ignore[arg-type]


def test_bad_inputs_and_failing_articles_do_not_stop_the_batch(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run([str(inputs)], out, options=RunOptions(progress=False), stages=STAGES)
    assert summary.articles == 3
    assert summary.failed_articles == 1
    messages = [str(e) for e in summary.errors]
    assert messages == [
        f"{inputs / 'c.txt'}: refused by the test ingest",
        f"{inputs / 'd.txt'}: geoparse failed: ValueError: the test geoparser was told to fail",
    ]
    assert all("\n" not in m for m in messages)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [e["source"] for e in info["errors"]] == [str(inputs / "c.txt"), str(inputs / "d.txt")]
    assert [e["stage"] for e in info["errors"]] == ["ingest", "geoparse"]
    assert info["counts"]["articles"] == 3 and info["counts"]["articles_failed"] == 1
    assert info["counts"]["events_found"] == 4
    assert info["counts"]["events"] == 3  # the two strikes near Alpha merge
    by_path = {entry["path"]: entry for entry in info["inputs"]}
    assert by_path[str(inputs / "c.txt")]["sha256"] is None
    assert len(by_path[str(inputs / "a.txt")]["sha256"]) == 64
    assert by_path[str(inputs / "d.txt")]["errors"]
    assert info["outputs"] == ["events.geojson", "map.html", "places.geojson", "run.json"]
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert sorted(tuple(e["places"]) for e in events) == [("Alpha",), ("Beta",), ("Gamma",)]
    assert "3 articles" in summary.describe() and "2 inputs failed" in summary.describe()


def test_reruns_are_byte_identical(inputs: Path, tmp_path: Path) -> None:
    _run(inputs, tmp_path / "one")
    _run(inputs, tmp_path / "two")
    first, second = _outputs(tmp_path / "one"), _outputs(tmp_path / "two")
    assert set(first) == {"events.geojson", "places.geojson", "map.html", "run.json"}
    assert first == second


def test_resume_skips_finished_articles_and_writes_complete_outputs(
    inputs: Path, tmp_path: Path, geoparsed: Geoparsed
) -> None:
    out = tmp_path / "out"
    _run(inputs, out)
    fresh = _outputs(out)
    assert geoparsed.take() == 3
    _write(inputs, "f.txt", "A new strike in Beta.")
    summary = _run(inputs, out, resume=True)
    assert summary.resumed == 3  # type: ignore[attr-defined]
    assert geoparsed.take() == 1  # only the new article (d.txt fails before it is counted)
    _run(inputs, tmp_path / "reference")
    assert _outputs(out) == _outputs(tmp_path / "reference")
    assert _outputs(out) != fresh


def test_without_resume_every_article_is_redone(inputs: Path, tmp_path: Path, geoparsed: Geoparsed) -> None:
    out = tmp_path / "out"
    _run(inputs, out)
    _run(inputs, out)
    assert geoparsed.take() == 6


def test_resume_survives_a_torn_store_line(inputs: Path, tmp_path: Path, geoparsed: Geoparsed) -> None:
    out = tmp_path / "out"
    _run(inputs, out)
    geoparsed.take()
    store = out / CACHE_DIR / "results.jsonl"
    lines = store.read_bytes().splitlines(keepends=True)
    store.write_bytes(b"".join(lines[:-1]) + lines[-1][:25])  # a crash mid-append
    summary = _run(inputs, out, resume=True)
    assert summary.resumed == 2  # type: ignore[attr-defined]
    assert geoparsed.take() == 1
    _run(inputs, tmp_path / "reference")
    assert _outputs(out) == _outputs(tmp_path / "reference")


def test_resume_ignores_a_store_made_with_other_settings(
    inputs: Path, tmp_path: Path, geoparsed: Geoparsed
) -> None:
    out = tmp_path / "out"
    _run(inputs, out)
    geoparsed.take()
    summary = _run(inputs, out, resume=True, max_bytes=10_000)
    assert summary.resumed == 0  # type: ignore[attr-defined]
    assert geoparsed.take() == 3


def test_crash_while_writing_outputs_keeps_previous_outputs(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(inputs, out)
    before = _outputs(out)
    _write(inputs, "g.txt", "A strike on Beta again.")
    crashing = dataclasses.replace(STAGES, write_outputs=fakes.crashing_write_outputs)
    with pytest.raises(KeyboardInterrupt):
        run([str(inputs)], out, options=RunOptions(progress=False), stages=crashing)
    assert _outputs(out) == before
    assert sorted(p.name for p in out.iterdir()) == [
        CACHE_DIR,
        GENERATIONS_DIR,
        LOCK_FILE,
        "events.geojson",
        "map.html",
        "places.geojson",
        "run.json",
    ]


def test_overrides_are_applied_and_change_the_store_fingerprint(inputs: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.json"
    overrides.write_text(json.dumps({"Alpha": "Beta"}), encoding="utf-8")
    out = tmp_path / "out"
    _run(inputs, out)
    _run(inputs, out, resume=True, overrides=overrides)
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert all("Alpha" not in e["places"] for e in events)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert len(info["options"]["overrides"]["sha256"]) == 64


def test_credentials_never_reach_outputs_or_errors(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "sk-test-0123456789abcdef"
    monkeypatch.setenv("GEOEVENTS_TEST_API_KEY", secret)
    _write(inputs, "leak.txt", "The geocoder will LEAK its key here.")
    out = tmp_path / "out"
    with caplog.at_level(logging.DEBUG):
        summary = _run(inputs, out)
    assert any("leak.txt" in r.getMessage() for r in caplog.records)
    assert all(secret not in r.getMessage() for r in caplog.records)
    leak = [str(e) for e in summary.errors if "leak.txt" in e.source]  # type: ignore[attr-defined]
    assert leak and "***" in leak[0] and secret not in leak[0]
    for path in out.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_worker_processes_give_identical_outputs(inputs: Path, tmp_path: Path) -> None:
    _run(inputs, tmp_path / "single")
    summary = _run(inputs, tmp_path / "jobs2", jobs=2, window=2)
    assert summary.articles == 3  # type: ignore[attr-defined]
    assert _outputs(tmp_path / "jobs2") == _outputs(tmp_path / "single")


@pytest.mark.parametrize("window", [None, 2])
def test_a_worker_process_that_dies_fails_only_its_article(
    inputs: Path, tmp_path: Path, window: int | None
) -> None:
    _run(inputs, tmp_path / "single")
    _write(inputs, "x.txt", "This one kills its worker process: CRASH.")
    summary = _run(inputs, tmp_path / "jobs2", jobs=2, window=window)
    assert summary.articles == 3  # type: ignore[attr-defined]
    died = [e for e in summary.errors if e.source.endswith("x.txt")]  # type: ignore[attr-defined]
    assert [e.reason for e in died] == ["worker failed: the worker process died on this article"]
    single, jobs2 = _outputs(tmp_path / "single"), _outputs(tmp_path / "jobs2")
    assert {k: v for k, v in jobs2.items() if k != "run.json"} == {
        k: v for k, v in single.items() if k != "run.json"
    }


def test_dask_local_cluster_gives_identical_outputs(inputs: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    _run(inputs, tmp_path / "single")
    with distributed.LocalCluster(
        n_workers=2,
        processes=False,
        threads_per_worker=1,
        protocol="tcp://",  # loopback TCP: the in-process transport probes a route to a public IP
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        summary = _run(inputs, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert summary.articles == 3  # type: ignore[attr-defined]
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "single")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"jobs": 0}, "--jobs"),
        ({"engine": "spark"}, "--engine"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "--scheduler needs --engine dask"),
        ({"max_bytes": 0}, "--max-bytes"),
        ({"overrides": Path("/nonexistent/overrides.csv")}, "overrides file not found"),
    ],
)
def test_bad_options_are_usage_errors(inputs: Path, tmp_path: Path, options: dict, message: str) -> None:
    with pytest.raises(GeoeventsError, match=message):
        _run(inputs, tmp_path / "out", **options)


def test_output_path_that_is_a_file_is_a_usage_error(inputs: Path, tmp_path: Path) -> None:
    target = _write(tmp_path, "out", "not a folder")
    with pytest.raises(GeoeventsError, match="not a folder"):
        _run(inputs, target)


def test_max_bytes_reaches_ingest(inputs: Path, tmp_path: Path) -> None:
    _write(inputs, "big.txt", "A strike in Alpha. " * 100)
    summary = _run(inputs, tmp_path / "out", max_bytes=1000)
    assert any("big.txt" in e.source and "larger than 1000" in e.reason for e in summary.errors)  # type: ignore[attr-defined]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_gazetteer_that_cannot_load_stops_the_run_with_one_error(
    inputs: Path, tmp_path: Path, jobs: int
) -> None:
    out = tmp_path / "out"
    _run(inputs, out)
    before = _outputs(out)
    stages = dataclasses.replace(STAGES, load_gazetteer=fakes.broken_gazetteer)
    with pytest.raises(StageUnavailable) as caught:
        run([str(inputs)], out, options=RunOptions(progress=False, jobs=jobs), stages=stages)
    message = str(caught.value)
    assert "gazetteer cannot be loaded" in message and "disk full" in message
    assert "\n" not in message
    assert _outputs(out) == before  # the previous outputs are untouched


def test_a_gazetteer_that_cannot_load_on_dask_workers_stops_the_run(inputs: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    stages = dataclasses.replace(STAGES, load_gazetteer=fakes.broken_gazetteer)
    with (
        distributed.LocalCluster(
            n_workers=1,
            processes=False,
            threads_per_worker=1,
            protocol="tcp://",
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        pytest.raises(StageUnavailable, match=r"gazetteer cannot be loaded.*disk full"),
    ):
        options = RunOptions(progress=False, engine="dask", scheduler=cluster.scheduler_address)
        run([str(inputs)], tmp_path / "out", options=options, stages=stages)
    assert not (tmp_path / "out" / "run.json").exists()


def test_a_stage_whose_module_is_missing_stops_at_the_first_article(inputs: Path, tmp_path: Path) -> None:
    stages = dataclasses.replace(STAGES, geoparse=fakes.geoparse_without_its_module)
    with pytest.raises(StageUnavailable, match=r"geoparse stage cannot run \(ModuleNotFoundError: .*spacy"):
        run([str(inputs)], tmp_path / "out", options=RunOptions(progress=False), stages=stages)
    assert not (tmp_path / "out" / "run.json").exists()


def test_a_default_stage_that_fails_to_import_is_caught_before_any_article(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "geoevents.geoparse.parse", None)  # import now raises ImportError
    with pytest.raises(StageUnavailable, match="the geoparse stage cannot be loaded"):
        run([str(inputs)], tmp_path / "out", options=RunOptions(progress=False))
    assert not (tmp_path / "out").exists()


def test_a_place_geometry_repeated_in_raw_is_stored_once_and_restored() -> None:
    shape = Polygon([(0, 0), (3, 0), (3, 3), (0, 3)])
    place = Place(
        "test:poly", "Poly", "country", 1.5, 1.5, shape, "test", "PP",
        raw={"name": "Poly", "geometry": mapping(shape)},
    )  # fmt: skip
    line = dumps(encode_record(place))
    assert "coordinates" not in line
    back = decode_record(Place, json.loads(line))
    assert back.geometry.equals(shape)
    assert json.dumps(back.raw, sort_keys=True) == json.dumps(place.raw, sort_keys=True)
    other = dataclasses.replace(place, raw={"geometry": {"type": "Point", "coordinates": [9, 9]}})
    assert decode_record(Place, json.loads(dumps(encode_record(other)))).raw == other.raw  # not ours: kept


def test_a_place_changed_after_resolution_keeps_its_changes_across_processes() -> None:
    place = Place("test:base", "Base", "base", 35.5, 44.3, Point(44.3, 35.5), "test", "IQ")
    given = dataclasses.replace(place, admin1="Kirkuk")  # an event's site, its province filled in
    places: dict[str, Place] = {}
    sites = [EventLocation(place, 1, "mentioned"), EventLocation(given, 1)]
    encoded = [encode_record(s, places) for s in sites]
    back = [decode_record(EventLocation, json.loads(dumps(e)), places) for e in encoded]
    assert [b.place.admin1 for b in back] == [None, "Kirkuk"]
    assert encoded[0]["place"] == {"$place": "test:base"}  # the unchanged one still goes by reference


def test_a_bug_failing_every_article_is_listed_in_full_but_printed_only_a_few_times(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "many"
    for i in range(12):
        _write(folder, f"{i:02d}.txt", f"Article number {i} about a strike in Alpha.")
    _write(folder, "zz.txt", "BAD input: refused by ingest")
    stages = dataclasses.replace(STAGES, geoparse=fakes.geoparse_with_a_bug)
    out = tmp_path / "out"
    with caplog.at_level(logging.INFO, logger="geoevents.pipeline"):
        summary = run([str(folder)], out, options=RunOptions(progress=False), stages=stages)
    assert summary.failed_articles == 12 and len(summary.errors) == 13
    assert not summary.published  # every input failed: nothing to publish
    info = json.loads(summary.run_json.read_text(encoding="utf-8"))
    assert len(info["errors"]) == 13  # run.json keeps every article's error
    assert {e["reason"] for e in info["errors"][:12]} == {"geoparse failed: KeyError: 'zone_kind'"}
    logged = [r.getMessage() for r in caplog.records if "zone_kind" in r.getMessage()]
    assert len(logged) == SHOWN_PER_REASON + 1  # the first few, then one line saying the rest are counted
    lines = summary.error_lines()
    assert len(lines) == SHOWN_PER_REASON + 2
    assert lines[:SHOWN_PER_REASON] == [str(e) for e in summary.errors[:SHOWN_PER_REASON]]
    assert lines[SHOWN_PER_REASON] == (
        f"... {12 - SHOWN_PER_REASON} more articles failed with the same reason: "
        "geoparse failed: KeyError: 'zone_kind'"
    )
    assert lines[-1] == f"{folder / 'zz.txt'}: refused by the test ingest"  # another reason: shown


def test_error_lines_show_every_reason_and_count_only_repeats() -> None:
    errors = [RunError(f"f{i}.txt", "empty file") for i in range(5)] + [
        RunError("g.txt", "not UTF-8"),
        RunError("f9.txt", "empty file"),
    ]
    assert collapsed_error_lines(errors, shown=2) == [
        "f0.txt: empty file",
        "f1.txt: empty file",
        "... 4 more inputs failed with the same reason: empty file",
        "g.txt: not UTF-8",
    ]
    assert collapsed_error_lines(errors[:2], shown=2) == ["f0.txt: empty file", "f1.txt: empty file"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_place_corrections_that_match_no_mention_are_reported_once(
    inputs: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, jobs: int
) -> None:
    stages = fakes.with_real_overrides(STAGES)
    overrides = _write(
        tmp_path,
        "overrides.csv",
        "action,target,id,field,value,note\n"
        '"set",place,*:Alpha,latlon,"10.5,20.5",moved\n'
        "remove,place,*:Beta,,,not the town\n"
        "remove,place,*:Atlantis,,,a typo: no article names it\n",
    )
    out = tmp_path / "out"
    for resume in (False, True):  # the second run reuses every stored article
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="geoevents.pipeline"):
            summary = run(
                [str(inputs)],
                out,
                options=RunOptions(progress=False, overrides=overrides, jobs=jobs, resume=resume),
                stages=stages,
            )
        assert summary.resumed == (3 if resume else 0)
        info = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert info["options"]["overrides"]["unused_place_rows"] == [f"{overrides}:4"]
        stale = [r.getMessage() for r in caplog.records if "matched no mention" in r.getMessage()]
        assert stale == [f"{overrides}:4: this place correction matched no mention in any article"]
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    assert "test:beta" not in places and any(fid.startswith("user:10.5") for fid in places)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("terminal", "ci", "shown"), [(True, None, True), (True, "1", False), (False, None, False)]
)
def test_progress_bar_only_on_a_terminal_and_never_in_ci(
    inputs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    ci: str | None,
    shown: bool,
) -> None:
    stream = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    run([str(inputs)], tmp_path / "out", options=RunOptions(progress=True), stages=STAGES)
    assert ("articles:" in stream.getvalue()) is shown


def test_run_json_counts_articles_without_events_and_why(tmp_path: Path) -> None:
    """Articles that give no event are counted with the reason, not silently lost."""
    folder = tmp_path / "quiet"
    _write(folder, "a.txt", "A strike hit Alpha at dawn.")
    _write(folder, "b.txt", "The ministers of Alpha and Beta discussed trade.")
    _write(folder, "c.txt", "Floods killed nine people in Beta on Tuesday.")
    _write(folder, "d.txt", "The army of Beta would shell Alpha if talks failed.")
    out = tmp_path / "out"
    run([str(folder)], out, options=RunOptions(progress=False), gazetteer=fakes.PLACES, stages=STAGES)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["articles_without_events"] == {
        "count": 3,
        "reasons": {"disaster": 1, "no-trigger": 2},
    }


def test_a_feed_id_is_one_article_only_and_resume_sees_an_edited_text(
    tmp_path: Path, geoparsed: Geoparsed
) -> None:
    """A JSON-lines id names one text: a second text under it is an error, an edited text is redone."""
    from geoevents.parallel import _default_ingest

    stages = dataclasses.replace(STAGES, ingest=_default_ingest)
    feed = tmp_path / "in" / "feed.jsonl"
    rows = [
        {"id": "row-1", "text": "A strike hit Alpha at dawn."},
        {"id": "row-1", "text": "A strike in Beta."},
    ]
    _write(feed.parent, feed.name, "".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    summary = run([str(feed)], out, options=RunOptions(progress=False), stages=stages)
    assert summary.articles == 1 and geoparsed.take() == 1
    assert [e.reason for e in summary.errors] == [
        "id 'row-1' is used by another article with a different text"
    ]
    _write(feed.parent, feed.name, json.dumps({"id": "row-1", "text": "A strike hit Gamma at dusk."}) + "\n")
    summary = run([str(feed)], out, options=RunOptions(progress=False, resume=True), stages=stages)
    assert summary.resumed == 0 and geoparsed.take() == 1  # type: ignore[attr-defined]
