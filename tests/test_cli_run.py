"""`geoevents run` end to end: bad inputs of every kind, exit status, the sample articles on a map.

Needs every stage (ingest, geoparse, events, outputs) and the offline gazetteer.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from geoevents.cli import main

pytest.importorskip("geoevents.geoparse.parse", reason="the geoparse stage is not in this tree")

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
GOOD = "Rockets struck the K-1 air base near Kirkuk on Friday, killing a US contractor.\n"


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(bytes(range(128, 256)) * 40)
    with open(folder / "huge.txt", "wb") as handle:  # sparse: 200 MB without using the disk
        handle.truncate(200 * 1024 * 1024)
    (folder / "deep.html").write_text(
        "<html><body>"
        + "<div>" * 10_000
        + "Militias clashed in Al-Qaim."
        + "</div>" * 10_000
        + "</body></html>",
        encoding="utf-8",
    )
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": "A drone strike hit a convoy near Albukamal on Sunday."})
        + "\n{broken json\n"
        + json.dumps({"text": 5})
        + "\n",
        encoding="utf-8",
    )
    os.symlink(folder / "gone-before-reading.txt", folder / "vanished.txt")  # listed, but its file is gone
    return folder


def _key(name: str) -> str:
    """A name without accents, case, spaces or punctuation, to compare spellings."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["run", *args, "--no-progress"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_bad_inputs_each_get_one_line_and_the_rest_completes(
    bad_inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    status, stdout, stderr = _run(capsys, str(bad_inputs), str(fifo), "--out", str(out))
    assert status == 1
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    errors = {e["source"]: e["reason"] for e in info["errors"]}
    expected = {
        "image.txt": "binary",
        "empty.txt": "empty",
        "garbage.txt": "binary",
        "huge.txt": "too large",
        "vanished.txt": "",
        "feed.jsonl:2": "JSON",
        "feed.jsonl:3": "text",
    }
    for name, word in expected.items():
        source = str(bad_inputs / name)
        assert source in errors, f"no error for {name}: {sorted(errors)}"
        assert word.lower() in errors[source].lower()
    assert str(fifo) in errors
    assert len(errors) == len(expected) + 1  # the good article, the deep page and feed line 1 went through
    lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == len(errors)
    for source, reason in errors.items():
        assert f"error: {source}: {reason}" in lines
    assert info["counts"]["articles"] == 3
    for name in ("events.geojson", "places.geojson", "map.html", "run.json"):
        assert (out / name).is_file()
    assert "3 articles" in stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="the root case; the plain chmod case runs for other users")
def test_unreadable_file_as_another_user() -> None:
    """As root, chmod 000 stops nothing: run the CLI as the unprivileged user 'nobody' instead."""
    from geoevents.settings import default_cache_dir

    env = {**os.environ, "GEOEVENTS_CACHE": str(default_cache_dir())}
    try:
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import os, geoevents; assert os.access(os.environ['GEOEVENTS_CACHE'], os.R_OK)",
            ],
            user="nobody",
            capture_output=True,
            env=env,
            check=False,
        )
    except PermissionError:  # the interpreter itself lives where 'nobody' cannot go
        pytest.skip("the Python interpreter is not executable by the user 'nobody'")
    if probe.returncode != 0:
        pytest.skip("the environment or the gazetteer cache is not readable by the user 'nobody'")
    with tempfile.TemporaryDirectory(prefix="geoevents-perm-") as tmp:  # in /tmp, which 'nobody' can enter
        base = Path(tmp)
        base.chmod(0o777)
        (base / "good.txt").write_text(GOOD, encoding="utf-8")
        (base / "good.txt").chmod(0o644)
        secret = base / "secret.txt"
        secret.write_text(GOOD + "Private.", encoding="utf-8")
        secret.chmod(0o000)
        out = base / "out"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "geoevents",
                "run",
                str(base / "good.txt"),
                str(secret),
                "--out",
                str(out),
            ],
            user="nobody",
            capture_output=True,
            text=True,
            env={**env, "HOME": tmp, "CI": "1"},
            check=False,
        )
        assert done.returncode == 1, done.stderr[-2000:]
        assert f"error: {secret}: cannot be read (permission denied)" in done.stderr
        info = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert info["counts"]["articles"] == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; see the 'nobody' test")
def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    secret = folder / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    secret.chmod(0o000)
    status, _, stderr = _run(capsys, str(folder), "--out", str(tmp_path / "out"))
    assert status == 1
    assert f"error: {secret}: cannot be read (permission denied)" in stderr


def test_unreadable_file_when_reading_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The permission path for every user, root included: opening the file raises PermissionError."""
    import builtins

    import geoevents.ingest.files

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    secret = folder / "secret.txt"
    secret.write_text(GOOD + "Private.", encoding="utf-8")

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(geoevents.ingest.files, "open", guarded_open, raising=False)
    out = tmp_path / "out"
    status, stdout, stderr = _run(capsys, str(folder), "--out", str(out))
    assert status == 1
    assert f"error: {secret}: cannot be read (permission denied)" in stderr
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["counts"]["articles"] == 1
    assert [e["source"] for e in info["errors"]] == [str(secret)]
    assert "1 article from 2 inputs" in stdout


def test_a_bug_in_a_stage_does_not_flood_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage that raises for every article (no input's fault): run.json lists each article, the
    terminal shows a few and counts the rest."""
    import geoevents.geoparse.parse
    from geoevents.pipeline import CACHE_DIR, SHOWN_PER_REASON

    def broken(article: Any, *, gazetteer: Any) -> Any:
        raise AttributeError("'NoneType' object has no attribute 'span'")

    monkeypatch.setattr(geoevents.geoparse.parse, "resolved_mentions_from_article", broken)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(10):
        (folder / f"{i}.txt").write_text(f"{GOOD}Report number {i}.\n", encoding="utf-8")
    out = tmp_path / "out"
    status, stdout, stderr = _run(capsys, str(folder), "--out", str(out))
    assert status == 1
    assert not (out / "run.json").exists()  # every article failed: nothing is published
    info = json.loads((out / CACHE_DIR / "run.json").read_text(encoding="utf-8"))
    assert str(out / CACHE_DIR / "run.json") in stdout
    assert len(info["errors"]) == 10 and info["counts"]["articles_failed"] == 10
    about = [line for line in stderr.splitlines() if line.startswith("error: ") and "'span'" in line]
    assert len(about) == SHOWN_PER_REASON + 1, stderr  # the first few, then one line counting the rest
    more = 10 - SHOWN_PER_REASON
    assert f"error: ... {more} more articles failed with the same reason: geoparse failed:" in stderr


def test_log_level_sets_what_is_logged(tmp_path: Path) -> None:
    """Each error is printed once by default (as the README says); --log-level INFO also logs each as it
    happens; --log-level ERROR keeps the same one line."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "k1.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")

    def stderr_of(*options: str) -> str:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "geoevents",
                *options,
                "run",
                str(folder),
                "--out",
                str(tmp_path / "out"),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "CI": "1"},
            check=False,
        )
        assert done.returncode == 1, done.stderr[-2000:]
        return done.stderr

    once = f"error: {folder / 'empty.txt'}: empty file"
    default = stderr_of()
    assert default.strip() == once, default
    assert f"INFO geoevents.pipeline: {folder / 'empty.txt'}: empty file" in stderr_of("--log-level", "INFO")
    assert stderr_of("--log-level", "ERROR").strip() == once


def test_all_good_exits_zero_and_usage_errors_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "k1.txt"
    article.write_text(GOOD, encoding="utf-8")
    status, _, stderr = _run(capsys, str(article), "--out", str(tmp_path / "out"))
    assert status == 0, stderr
    status, _, stderr = _run(capsys, str(article), "--out", str(tmp_path / "out"), "--jobs", "0")
    assert status == 2
    assert stderr.strip().count("\n") == 0 and "--jobs" in stderr


@pytest.mark.parametrize("command", ["run", "geocode"])
def test_a_gazetteer_that_cannot_load_is_one_plain_line_and_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    article = tmp_path / "k1.txt"
    article.write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("GEOEVENTS_CACHE", str(blocker / "cache"))  # a cache folder that cannot be made
    out = tmp_path / "out"
    run_args = ["run", str(article), "--out", str(out), "--no-progress"]
    status = main(run_args if command == "run" else [command, "Kirkuk"])
    stderr = capsys.readouterr().err
    assert status == 3, stderr
    assert stderr.strip().count("\n") == 0, stderr
    assert str(blocker) in stderr and "gazetteer cache folder" in stderr
    assert not (out / "run.json").exists()


def test_size_limit_is_configurable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "k1.txt"
    article.write_text(GOOD, encoding="utf-8")
    status, _, stderr = _run(capsys, str(article), "--out", str(tmp_path / "out"), "--max-bytes", "20")
    assert status == 1
    assert f"error: {article}: too large" in stderr


def test_a_stage_that_fails_to_import_is_one_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "geoevents.events", None)  # import now raises ImportError
    status, _, stderr = _run(capsys, str(tmp_path), "--out", str(tmp_path / "out"))
    assert status == 2
    assert stderr.strip().count("\n") == 0
    assert "extract_events stage cannot be loaded" in stderr and "geoevents.events" in stderr
    assert not (tmp_path / "out").exists()


def _events_csv(out: Path) -> list[dict[str, str]]:
    with open(out / "events.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_overrides_remove_and_edit_events_and_survive_reruns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 5 through the CLI: the real overrides module, applied on every run, a bad file refused."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "k1.txt").write_text(GOOD, encoding="utf-8")
    (folder / "convoy.txt").write_text(
        "A drone strike hit a convoy near Albukamal on Sunday, killing three fighters.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    status, _, stderr = _run(capsys, str(folder), "--out", str(out))
    assert status == 0, stderr
    before = _events_csv(out)
    assert len(before) >= 2, f"two events are needed to correct, got {before}"
    removed, edited = before[0]["event_id"], before[1]["event_id"]
    fatalities = int(before[1]["fatalities"] or 0) + 7
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(
        "action,target,id,field,value,note\n"
        f"remove,event,{removed},,,same attack as a wire story\n"
        f"edit,event,{edited},fatalities,{fatalities},hospital figure\n"
        "edit,event,no-such-event,notes,stale,an event of an older run\n",
        encoding="utf-8",
    )

    def check_corrected() -> None:
        after = {row["event_id"]: row for row in _events_csv(out)}
        assert set(after) == {row["event_id"] for row in before} - {removed}
        assert after[edited]["fatalities"] == str(fatalities)
        geojson = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
        assert len(geojson["features"]) == len(after)
        info = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert info["counts"]["events"] == len(after)
        assert info["options"]["overrides"]["path"] == str(overrides)
        assert info["options"]["overrides"]["unused_event_rows"] == [f"{overrides}:4"]

    for extra in ((), ("--resume",), ("--resume",)):  # first corrected run, then reruns from the store
        args = (str(folder), "--out", str(out), "--overrides", str(overrides), *extra)
        status, _, stderr = _run(capsys, *args)
        assert status == 0, stderr
        check_corrected()

    bad = tmp_path / "bad-overrides.csv"
    bad.write_text(
        "action,target,id,field,value,note\n"
        f"remove,event,{removed},,,\n"
        f"edit,event,{edited},fatalities,many,\n",
        encoding="utf-8",
    )
    published = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name[0] != "."}
    status, _, stderr = _run(capsys, str(folder), "--out", str(out), "--overrides", str(bad))
    assert status == 2
    assert stderr.strip().count("\n") == 0
    assert f"{bad}:3" in stderr and "fatalities" in stderr and "many" in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name[0] != "."} == published


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="data/articles is missing")
def test_sample_articles_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 2: the sample articles give events, places and a map with Al-Qaim, Albukamal and K-1."""
    out = tmp_path / "demo"
    status, _, stderr = _run(capsys, str(ARTICLES), "--out", str(out))
    assert status == 0, stderr
    for name in ("events.geojson", "places.geojson", "map.html"):
        assert (out / name).stat().st_size > 0
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    names = [str(f["properties"].get("name", "")) for f in places["features"]]
    keys = [_key(name) for name in names]
    for wanted in ("Al-Qaim", "Albukamal", "K-1"):  # gazetteer spellings vary: Al Qā’im, Ālbū Kamāl
        assert any(_key(wanted) in key for key in keys), f"{wanted} not among the places: {names}"
    for feature in places["features"]:
        lon, lat = feature["geometry"]["coordinates"][:2]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert events["features"], "no events from the sample articles"


def test_log_level_is_accepted_before_and_after_the_command() -> None:
    from geoevents.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["run", "a.txt", "--out", "o", "--log-level", "DEBUG"]).log_level == "DEBUG"
    assert parser.parse_args(["--log-level", "ERROR", "run", "a.txt", "--out", "o"]).log_level == "ERROR"
    assert parser.parse_args(["run", "a.txt", "--out", "o"]).log_level == "WARNING"


def test_a_runaway_article_is_one_error_line_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--article-timeout stops an article that never finishes; the other articles are mapped."""
    import geoevents.geoparse.parse

    real = geoevents.geoparse.parse.resolved_mentions_from_article

    def runaway_on_marker(article: Any, *, gazetteer: Any) -> Any:
        while "RUNAWAY" in article.text:  # a stage caught in a loop, burning CPU
            pass
        return real(article, gazetteer=gazetteer)

    monkeypatch.setattr(geoevents.geoparse.parse, "resolved_mentions_from_article", runaway_on_marker)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text("RUNAWAY " + GOOD, encoding="utf-8")
    out = tmp_path / "out"
    status, stdout, stderr = _run(capsys, str(folder), "--out", str(out), "--article-timeout", "0.5")
    assert status == 1
    lines = [line for line in stderr.splitlines() if line.strip()]
    reason = "geoparse failed: more than 0.5 s of CPU time (--article-timeout), skipped"
    assert lines == [f"error: {folder / 'b.txt'}: {reason}"]
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["counts"]["articles"] == 1 and len(info["errors"]) == 1
    assert "1 events" in stdout
