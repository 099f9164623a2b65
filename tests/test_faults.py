"""Fault injection: whatever happens to a run, OUT holds one consistent output set and the exit code says
what happened (0 ok, 1 some inputs failed, 2 usage, 3 the run failed, 128+N killed by signal N).

Interrupts are sent to a real ``geoevents run`` process (``tests/fault_driver.py``: the command line
with the stand-in stages) stopped at each phase; full disks come from writers that raise ENOSPC and,
where a tmpfs can be mounted, from a full one. Hostile user files and inputs: ``test_faults_inputs.py``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from geoevents.errors import RunFailed
from geoevents.outset import GENERATIONS_DIR, current_set
from geoevents.pipeline import RunOptions, run
from tests import fault_driver
from tests.test_pipeline import _write

ROOT = Path(__file__).resolve().parents[1]
STAGES = fault_driver.STAGES


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    return two_articles(tmp_path / "in")


def two_articles(folder: Path) -> Path:
    """A folder of two small articles the stand-in stages turn into events."""
    _write(folder, "a.txt", "A strike hit Alpha at dawn. Officials in Beta condemned it.")
    _write(folder, "b.txt", "A strike in Beta. A second strike in Gamma.")
    return folder


def visible(out: Path) -> dict[str, bytes]:
    """What a reader of OUT sees: every output name and its bytes (links followed)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name[0] != "." and p.is_file()}


def assert_consistent(out: Path) -> dict[str, bytes]:
    """OUT holds one whole set: run.json lists exactly the names present, all from one generation."""
    seen = visible(out)
    info = json.loads(seen["run.json"])
    assert sorted(seen) == sorted(info["outputs"])
    folders = {os.path.dirname(os.path.realpath(out / name)) for name in seen}
    assert folders == {str(current_set(out))}
    return seen


def _publish_first(inputs: Path, out: Path) -> dict[str, bytes]:
    run([str(inputs)], out, options=RunOptions(progress=False), stages=STAGES)
    return assert_consistent(out)


def _driver(*args: str, pause: str | None = None, mark: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(fault_driver.PAUSE_ENV, None)
    if pause is not None:
        assert mark is not None
        env[fault_driver.PAUSE_ENV] = pause
        env[fault_driver.MARK_ENV] = str(mark)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.fault_driver", "run", *args, "--no-progress"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_mark(mark: Path, process: subprocess.Popen[str], timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if mark.exists() and mark.read_text().strip():
            return [int(line) for line in mark.read_text().split()]
        if process.poll() is not None:
            raise AssertionError(f"the run ended before its pause: {process.communicate()}")
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the run never reached its pause")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            return not any(line.startswith("State:") and "Z" in line for line in handle)
    except FileNotFoundError:
        return False


EXIT_BY_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 128 + signal.SIGTERM, signal.SIGKILL: -signal.SIGKILL}


@pytest.mark.parametrize("phase", fault_driver.PHASES)
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_an_interrupt_at_any_phase_keeps_the_previous_set_and_the_next_run_recovers(
    inputs: Path, tmp_path: Path, phase: str, signum: signal.Signals
) -> None:
    """Failure 2: a signal while loading, processing, staging or publishing leaves the old set whole."""
    out = tmp_path / "out"
    before = _publish_first(inputs, out)
    _write(inputs, "c.txt", "A strike near Gamma at night.")
    mark = tmp_path / "mark"
    process = _driver(str(inputs), "--out", str(out), pause=phase, mark=mark)
    _wait_for_mark(mark, process)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == EXIT_BY_SIGNAL[signum], stderr
    assert "Traceback" not in stderr
    assert assert_consistent(out) == before
    if signum != signal.SIGKILL:  # the run cleaned up after itself; the next one can only do the same
        assert sorted(p.name for p in (out / GENERATIONS_DIR).iterdir()) == ["current", "g-000001"]
        return
    again = _driver(str(inputs), "--out", str(out))  # what a SIGKILL left behind is cleared
    _, stderr = again.communicate(timeout=60)
    assert again.returncode == 0, stderr
    after = assert_consistent(out)
    assert json.loads(after["run.json"])["counts"]["articles"] == 3
    generations = sorted(p.name for p in (out / GENERATIONS_DIR).iterdir() if p.name != "current")
    assert len(generations) <= 2  # the new set and the one before it; leftovers are cleared


def test_a_second_run_on_the_same_folder_is_refused_with_who_holds_it(inputs: Path, tmp_path: Path) -> None:
    """Failure 1: two runs into one folder; the second exits 3 naming the first, nothing is mixed."""
    out = tmp_path / "out"
    before = _publish_first(inputs, out)
    _write(inputs, "c.txt", "A strike near Gamma at night.")
    mark = tmp_path / "mark"
    first = _driver(str(inputs), "--out", str(out), pause="processing", mark=mark)
    _wait_for_mark(mark, first)
    second = _driver(str(inputs), "--out", str(out))
    _, stderr = second.communicate(timeout=60)
    assert second.returncode == 3
    assert f"in use by pid {first.pid} " in stderr and stderr.count("\n") == 1, stderr
    assert assert_consistent(out) == before
    first.send_signal(signal.SIGTERM)
    first.communicate(timeout=60)
    third = _driver(str(inputs), "--out", str(out))  # the lock died with the first run
    assert third.wait(timeout=60) == 0


def test_workers_die_when_the_main_process_is_killed(inputs: Path, tmp_path: Path) -> None:
    """Failure 6: SIGKILL of the main process of --jobs 2 (as the OOM killer does) ends its workers."""
    out = tmp_path / "out"
    mark = tmp_path / "mark"
    process = _driver(str(inputs), "--out", str(out), "--jobs", "2", pause="processing", mark=mark)
    workers = _wait_for_mark(mark, process)
    assert process.pid not in workers
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def test_sigterm_with_workers_stops_them_at_once_and_keeps_the_set(inputs: Path, tmp_path: Path) -> None:
    """Failure 2 and 6 with --jobs 2: SIGTERM mid-article ends the run (143) and its workers, no waiting
    for the article in hand, and the previous set stays."""
    out = tmp_path / "out"
    before = _publish_first(inputs, out)
    _write(inputs, "c.txt", "A strike near Gamma at night.")
    mark = tmp_path / "mark"
    process = _driver(str(inputs), "--out", str(out), "--jobs", "2", pause="processing", mark=mark)
    workers = _wait_for_mark(mark, process)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143 and "Traceback" not in stderr, stderr
    assert time.monotonic() - started < 30  # a paused worker would hold it for 60 s
    assert not any(_alive(pid) for pid in workers)
    assert assert_consistent(out) == before


# --------------------------------------------------------------------------- full disk


def _full_disk(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device", "events.csv")


def test_a_full_disk_in_a_writer_is_one_plain_line_and_exit_3(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Failure 7: ENOSPC gives "no space left on device writing ...: free N MB", exit 3, no traceback."""
    from geoevents import cli, pipeline

    out = tmp_path / "out"
    before = _publish_first(inputs, out)
    _write(inputs, "c.txt", "A strike near Gamma at night.")
    monkeypatch.setattr(pipeline, "Stages", lambda: dataclasses.replace(STAGES, write_outputs=_full_disk))
    status = cli.main(["run", str(inputs), "--out", str(out), "--no-progress"])
    stderr = capsys.readouterr().err
    assert status == 3
    lines = [line for line in stderr.splitlines() if line.startswith("geoevents run:")]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert "no space left on device writing events.csv: free " in lines[0] and lines[0].endswith(" MB")
    assert assert_consistent(out) == before
    assert sorted(p.name for p in (out / GENERATIONS_DIR).iterdir()) == ["current", "g-000001"]


WRITERS = (
    "write_geojson",
    "write_acled_csv",
    "write_geopackage",
    "write_map",
    "write_images",
    "write_report",
    "write_kmz",
)


@pytest.fixture(scope="module")
def real_writers() -> Any:
    """The stand-in stages with the real output writers."""
    from geoevents.parallel import Stages

    return dataclasses.replace(STAGES, write_outputs=Stages().write_outputs)


@pytest.fixture(scope="module")
def published_by_real_writers(tmp_path_factory: pytest.TempPathFactory, real_writers: Any) -> Path:
    """An output folder published once by the real writers, copied by each test that needs one."""
    folder = tmp_path_factory.mktemp("real")
    _write(folder / "in", "a.txt", "A strike hit Alpha at dawn. Officials in Beta condemned it.")
    _write(folder / "in", "b.txt", "A strike in Beta. A second strike in Gamma.")
    options = RunOptions(progress=False, extras=("images", "pdf"))  # every writer, the optional ones too
    run([str(folder / "in")], folder / "out", options=options, stages=real_writers)
    return folder


@pytest.mark.parametrize("writer", [*WRITERS, "run.json"])
def test_a_full_disk_at_each_writer_keeps_the_previous_set(
    tmp_path: Path,
    writer: str,
    real_writers: Any,
    published_by_real_writers: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Failure 2 and 7: ENOSPC in any real writer, or at run.json, publishes nothing; exit 3, one line."""
    import shutil

    from geoevents import cli, outputs, pipeline

    shutil.copytree(published_by_real_writers, tmp_path, symlinks=True, dirs_exist_ok=True)
    inputs, out = tmp_path / "in", tmp_path / "out"
    before = assert_consistent(out)
    # every writer's files and run.json (report.pdf only where Pango is installed)
    assert set(outputs.FILES) - {"report.pdf"} <= set(before) - {"run.json"} <= set(outputs.FILES)
    _write(inputs, "c.txt", "A strike near Gamma at night.")

    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device", os.fspath(args[0]))

    if writer == "run.json":
        real = pipeline.atomic_write_bytes

        def full_at_run_json(path: Any, data: bytes, **kwargs: Any) -> None:
            if Path(path).name == "run.json":
                full(path)
            real(path, data, **kwargs)

        monkeypatch.setattr(pipeline, "atomic_write_bytes", full_at_run_json)
    else:
        monkeypatch.setattr(outputs, writer, lambda *args, **kwargs: full(args[1]))
    monkeypatch.setattr(pipeline, "Stages", lambda: real_writers)
    assert cli.main(["run", str(inputs), "--out", str(out), "--no-progress", "--pdf"]) == 3
    stderr = capsys.readouterr().err
    lines = [line for line in stderr.splitlines() if "no space left on device writing " in line]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert f"{out}/{GENERATIONS_DIR}/" in lines[0] and lines[0].endswith(" MB")
    assert assert_consistent(out) == before
    assert sorted(p.name for p in (out / GENERATIONS_DIR).iterdir()) == ["current", "g-000001"]


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


def test_a_really_full_disk_on_a_small_tmpfs(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Failure 7 for real: OUT on a 1 MB tmpfs, filled; the run exits 3 with the plain line."""
    from geoevents import cli, pipeline

    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "1m"):
        pytest.skip("mounting a tmpfs needs root")
    try:
        out = disk / "out"
        before = _publish_first(inputs, out)
        _write(inputs, "c.txt", "A strike near Gamma at night. " + "Long report. " * 20_000)
        with open(disk / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"x" * 4096)
        monkeypatch.setattr(pipeline, "Stages", lambda: STAGES)
        assert cli.main(["run", str(inputs), "--out", str(out), "--no-progress"]) == 3
        stderr = capsys.readouterr().err
        assert f"no space left on device writing {out}/" in stderr and "free 0 MB" in stderr, stderr
        assert "Traceback" not in stderr and stderr.count("\n") == 1
        assert assert_consistent(out) == before
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_an_internal_error_is_exit_3_with_the_traceback_only_under_debug(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Failure 7: a crash is not "some inputs failed" (1) but exit 3, a traceback only when asked."""
    from geoevents import cli, pipeline

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug in a writer")

    monkeypatch.setattr(pipeline, "Stages", lambda: dataclasses.replace(STAGES, write_outputs=broken))
    argv = ["run", str(inputs), "--out", str(tmp_path / "out"), "--no-progress"]
    assert cli.main(argv) == 3
    stderr = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: a bug in a writer" in stderr and "Traceback" not in stderr
    assert cli.main([*argv, "--log-level", "DEBUG"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_an_obstacle_at_an_output_path_is_found_before_anything_moves(inputs: Path, tmp_path: Path) -> None:
    """Failure 2: a folder of one's own where events.geojson goes: exit 3, nothing replaced."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.geojson").mkdir()
    (out / "events.geojson" / "mine.txt").write_text("keep me", encoding="utf-8")
    (out / "map.html").write_text("my own page", encoding="utf-8")
    with pytest.raises(RunFailed, match=r"events\.geojson: a folder stands where an output goes"):
        run([str(inputs)], out, options=RunOptions(progress=False), stages=STAGES)
    assert (out / "events.geojson" / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "map.html").read_text(encoding="utf-8") == "my own page"
    assert not (out / "run.json").exists()


def test_outputs_of_an_older_release_are_replaced_by_the_set(inputs: Path, tmp_path: Path) -> None:
    """Plain files listed in an older release's run.json are ours: the first set replaces them."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.geojson").write_text("old", encoding="utf-8")
    (out / "run.json").write_text(json.dumps({"outputs": ["events.geojson", "run.json"]}), encoding="utf-8")
    run([str(inputs)], out, options=RunOptions(progress=False), stages=STAGES)
    seen = assert_consistent(out)
    assert seen["events.geojson"] != b"old"


def test_an_interrupt_just_after_the_switch_keeps_the_new_set(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the link is switched the new set is published: an interrupt then must not remove it."""
    from geoevents import outset

    out = tmp_path / "out"
    _publish_first(inputs, out)
    _write(inputs, "c.txt", "A strike near Gamma at night.")

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(outset, "_link_output", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run([str(inputs)], out, options=RunOptions(progress=False), stages=STAGES)
    assert json.loads(assert_consistent(out)["run.json"])["counts"]["articles"] == 3


def test_a_filesystem_without_links_gets_its_outputs_moved_one_by_one(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where symbolic links are refused (FAT, some shares), outputs are plain files, replaced each run."""

    def refused(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", refused)
    out = tmp_path / "out"
    for articles in (2, 3):
        run([str(inputs)], out, options=RunOptions(progress=False), stages=STAGES)
        seen = visible(out)
        assert sorted(seen) == sorted(json.loads(seen["run.json"])["outputs"])
        assert json.loads(seen["run.json"])["counts"]["articles"] == articles
        assert not any((out / name).is_symlink() for name in seen)
        assert [p.name for p in (out / GENERATIONS_DIR).iterdir()] == []
        _write(inputs, "c.txt", "A strike near Gamma at night.")


# --------------------------------------------------------------------------- nothing read (issue 19)


def test_a_run_that_reads_no_article_leaves_the_outputs_whole(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The typo case: ``run data/articels --out out/demo`` exits 1, says so, and replaces nothing."""
    from geoevents import cli, pipeline

    out = tmp_path / "out"
    before = _publish_first(inputs, out)
    monkeypatch.setattr(pipeline, "Stages", lambda: STAGES)
    typo = str(tmp_path / "inn")
    assert cli.main(["run", typo, "--out", str(out), "--no-progress"]) == 1
    captured = capsys.readouterr()
    assert "no article could be read" in captured.out and "left as they were" in captured.out
    assert visible(out) == before
    bad = _write(tmp_path / "bad", "x.txt", "BAD: every input fails")
    assert cli.main(["run", str(bad.parent), "--out", str(out), "--no-progress"]) == 1
    assert visible(out) == before


def test_an_empty_input_set_is_exit_1_no_articles_found(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from geoevents import cli, pipeline

    out = tmp_path / "out"
    before = _publish_first(inputs, out)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(pipeline, "Stages", lambda: STAGES)
    assert cli.main(["run", str(empty), "--out", str(out), "--no-progress"]) == 1
    assert f"no articles found in {empty}" in capsys.readouterr().out
    assert visible(out) == before
