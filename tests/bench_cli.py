"""The command line as a user meets it, beside the previous release (``python tests/bench.py cli``).

Every figure is measured on this tree and on the previous release (``PREVIOUS``, unpacked from git into
a temporary folder and run with the same Python and packages), in fresh ``python -m geoevents``
processes, on real texts from ../shared/corpora:

- ``parse`` of LGL through the command line (``--jsonl``; LGL three times over, each copy made unique):
  articles per CPU second after start-up (the CPU time of a one-article parse is subtracted), and the
  bytes printed per mention;
- the fixed cost of ``run`` on one article (wall clock and CPU time, best of two; the default outputs,
  without ``--images`` and ``--pdf``);
- ``run`` on 10,000 real articles (the corpora's texts repeated, each copy made unique): articles per
  CPU second of the whole process tree;
- memory of ``run --jobs 2`` beside one process on the same articles: the peak proportional set size
  (PSS, which counts a page shared by two processes half in each) of the process tree;
- start-up to the first answer: ``geocode Kirkuk``, wall clock, best of three.

``GEOEVENTS_BENCH_CLI_SIZE`` sets the number of articles of the ``run`` figures (default 10,000) and
``GEOEVENTS_BENCH_PREVIOUS=0`` skips the previous release.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(
    os.environ.get("GEOEVENTS_SHARED")
    or next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), ROOT)
)
CORPORA = SHARED / "corpora"
PREVIOUS = "9b077ee"  # the release before the command-line work


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children") if Path(f"/proc/{p}").exists() else ():
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                continue
    return found


CACHES: dict[Path, str] = {}  # tree -> its GEOEVENTS_CACHE (the previous release's index format differs)


def _geoevents(tree: Path, *args: str, out: Path | None = None) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds of the process tree, peak PSS of the tree in KiB, bytes printed)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["CI"] = "1"
    if tree in CACHES:
        env["GEOEVENTS_CACHE"] = CACHES[tree]
    sink = open(out, "wb") if out else subprocess.DEVNULL  # noqa: SIM115
    cpu, start = _children_cpu(), time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "geoevents", *args], cwd=tree, env=env, stdout=sink, stderr=subprocess.PIPE
    )
    peak = 0
    while child.poll() is None:
        peak = max(peak, sum(_pss_kb(p) for p in _tree(child.pid)))
        time.sleep(0.05)
    wall, used = time.perf_counter() - start, _children_cpu() - cpu
    if sink is not subprocess.DEVNULL:
        sink.close()
    if child.returncode not in (0, 1):
        assert child.stderr is not None
        sys.stderr.write(child.stderr.read().decode(errors="replace")[-1500:])
    printed = out.stat().st_size if out else 0
    return wall, used, peak, printed


def _lgl_feed(path: Path, copies: int) -> int:
    from geoevents.evaluate import corpus_articles_from_path

    articles = list(corpus_articles_from_path("lgl", CORPORA))
    with open(path, "w", encoding="utf-8") as handle:
        for copy in range(copies):
            for a in articles:
                record = {"id": f"{a.id}-{copy}", "text": f"{a.text}\n\nCopy {copy}."}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(articles) * copies


def _real_feed(path: Path, count: int) -> int:
    from tests.bench_pipeline import corpus_texts, write_feed

    write_feed(path, corpus_texts(CORPORA), count)
    return count


def _best(times: int, fn: Callable[[], float]) -> float:
    return min(fn() for _ in range(times))


def _measure(tree: Path, work: Path, size: int) -> dict[str, float]:
    """Every figure for one tree of the code."""
    figures: dict[str, float] = {}
    _geoevents(tree, "geocode", "Kirkuk")  # builds this tree's gazetteer index if it has none yet
    one = work / "one.jsonl"
    one.write_text(
        json.dumps({"id": "one", "text": "Rockets hit Kirkuk on Friday."}) + "\n", encoding="utf-8"
    )
    lgl = work / "lgl.jsonl"
    articles = _lgl_feed(lgl, 3)
    printed = work / "printed.jsonl"
    _, start_cpu, _, _ = _geoevents(tree, "parse", str(one), "--jsonl")
    _, cpu, _, size_out = _geoevents(tree, "parse", str(lgl), "--jsonl", out=printed)
    with open(printed, "rb") as handle:
        mentions = sum(1 for _ in handle)
    printed.unlink()
    figures["parse_rate"] = articles / max(cpu - start_cpu, 1e-6)
    figures["parse_bytes"] = size_out / max(mentions, 1)

    story = work / "story.txt"
    story.write_text(
        "Rockets struck the K-1 air base near Kirkuk on Friday, killing a US contractor.\n", encoding="utf-8"
    )
    runs = [_geoevents(tree, "run", str(story), "--out", str(work / "o1")) for _ in range(2)]
    figures["one_article"] = min(wall for wall, _, _, _ in runs)
    figures["one_article_cpu"] = min(cpu for _, cpu, _, _ in runs)

    feed = work / "feed.jsonl"
    _real_feed(feed, size)
    _, cpu, pss_one, _ = _geoevents(tree, "run", str(feed), "--out", str(work / "o2"), "--no-progress")
    figures["run_rate"] = size / max(cpu, 1e-6)
    figures["pss_one"] = pss_one / 1024
    _, _, pss_two, _ = _geoevents(
        tree, "run", str(feed), "--out", str(work / "o3"), "--no-progress", "--jobs", "2"
    )
    figures["pss_two"] = pss_two / 1024
    feed.unlink()
    figures["first_answer"] = _best(3, lambda: _geoevents(tree, "geocode", "Kirkuk", "--limit", "1")[0])
    return figures


def _previous(into: Path) -> Path:
    archive = subprocess.run(["git", "archive", PREVIOUS], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def previous_tree(into: Path) -> tuple[Path, str]:
    """The previous release unpacked under ``into``, and its own gazetteer cache folder (two index
    formats in one folder would each delete the other's file)."""
    from geoevents.settings import default_cache_dir

    (into / "prev").mkdir()
    return _previous(into / "prev"), str(default_cache_dir() / f"previous-{PREVIOUS}")


ROWS = [
    (
        "parse_rate",
        "CLI parse of LGL x3 (--jsonl), articles/s per core after start-up",
        "{:,.0f}/s",
        ">= 1,000/s",
    ),
    ("parse_bytes", "CLI parse output per mention (default)", "{:,.0f} B", "<= 1,024 B"),
    ("one_article", "run on one article: fixed cost, wall clock", "{:.2f} s", "<= 2 s"),
    ("one_article_cpu", "the same, CPU time of the process (a loaded machine inflates wall)", "{:.2f} s", ""),
    ("run_rate", "run on {size:,} real articles, articles/s per core", "{:,.0f}/s", ">= 500/s"),
    ("pss_one", "run on {size:,} articles, one process: peak PSS", "{:,.0f} MiB", "(reference)"),
    (
        "pss_two",
        "run on {size:,} articles, --jobs 2: peak PSS of the tree",
        "{:,.0f} MiB",
        "<= 1.3x one process",
    ),
    ("first_answer", "start-up to first answer (geocode Kirkuk), wall clock", "{:.2f} s", "<= 0.5 s"),
]


def rows() -> list[tuple[str, str, str]]:
    if not (CORPORA / "LGL").is_dir():
        return [("cli bench", "skipped", f"corpora not found at {CORPORA}")]
    size = int(os.environ.get("GEOEVENTS_BENCH_CLI_SIZE", "10000"))
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-cli-") as tmp:
        work = Path(tmp)
        (work / "new").mkdir()
        new = _measure(ROOT, work / "new", size)
        old: dict[str, float] = {}
        if os.environ.get("GEOEVENTS_BENCH_PREVIOUS", "1") != "0":
            (work / "old").mkdir()
            previous, CACHES[previous] = previous_tree(work)
            old = _measure(previous, work / "old", size)
    out = []
    for key, label, fmt, goal in ROWS:
        measured = fmt.format(new[key])
        if key == "pss_two":
            measured += f" ({new['pss_two'] / max(new['pss_one'], 1):.2f}x)"
        if key in old:
            measured += f"  (was {fmt.format(old[key])} in {PREVIOUS})"
        out.append((label.format(size=size), measured, goal))
    return out


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="\t")
