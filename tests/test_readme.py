"""The README's examples run as written, from a folder laid out like the repository's, on the demo data."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^ *```{language}\n(.*?)^ *```", README, flags=re.S | re.M)


def _commands() -> list[list[str]]:
    found = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            if line.startswith("geoevents "):
                found.append(shlex.split(line, comments=True))
    return found


@pytest.fixture(scope="module")
def here(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder with the repository's data/ and a ../shared beside it, as in a checkout."""
    base = tmp_path_factory.mktemp("readme")
    work = base / "geoevents-checkout"
    work.mkdir()
    (work / "data").symlink_to(ROOT / "data", target_is_directory=True)
    if SHARED.is_dir():
        (base / "shared").symlink_to(SHARED, target_is_directory=True)
    return work


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    assert argv[0] == "geoevents"
    env = {**os.environ, "CI": "1"}
    return subprocess.run(
        [sys.executable, "-m", *argv], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def test_the_readme_has_runnable_examples() -> None:
    names = {argv[1] for argv in _commands()}
    assert names >= {"run", "parse", "geocode", "reverse", "evaluate"}
    assert _blocks("csv") and _blocks("python")


@pytest.mark.parametrize("argv", _commands(), ids=lambda argv: " ".join(argv[:3]))
def test_each_command_runs_as_written(argv: list[str], here: Path) -> None:
    if any("../shared" in a for a in argv) and not SHARED.is_dir():
        pytest.skip("the public corpora are not beside the repository")
    done = _run(argv, here)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip(), "an example that prints nothing shows the reader nothing"
    if argv[1] == "run":
        out = here / argv[argv.index("--out") + 1]
        assert {"map.html", "events.csv", "run.json"} <= {p.name for p in out.iterdir()}


def test_the_overrides_example_applies_every_row_and_keeps_the_main_event(here: Path) -> None:
    (here / "fixes.csv").write_text(_blocks("csv")[0], encoding="utf-8")
    line = re.search(r"`(geoevents run data/[^`]*--overrides fixes\.csv)`", README)
    assert line, "the README says how to run the overrides example"
    argv = shlex.split(line.group(1))
    done = _run(argv, here)
    assert done.returncode == 0, done.stderr[-2000:]
    out = here / argv[argv.index("--out") + 1]
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    used = info["options"]["overrides"]
    assert used["unused_event_rows"] == [] and used["unused_place_rows"] == []
    rows = list(csv.DictReader(_blocks("csv")[0].splitlines()))
    events = {r["event_id"]: r for r in csv.DictReader((out / "events.csv").open(encoding="utf-8"))}
    for row in rows:
        if row["target"] == "event" and row["action"] == "remove":
            assert row["id"] not in events
        if row["target"] == "event" and row["action"] == "edit":
            assert events[row["id"]][row["field"]] == row["value"]  # the event corrected is still there
    biggest = max(events.values(), key=lambda r: int(r["fatalities"] or 0))
    assert int(biggest["fatalities"]) > 0  # the demo's deadly strikes stay on the map


def test_the_python_example_runs(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(here)
    for block in _blocks("python"):
        scope: dict[str, object] = {}
        exec(compile(block, "README.md", "exec"), scope)  # the README's own code, as a reader runs it
