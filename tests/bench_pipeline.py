"""Pipeline throughput and peak memory: articles per second and the peak RSS of the whole process tree.

The articles are the texts of the public corpora in ../shared/corpora, repeated (each copy made
unique with a numbered line, so none is deduplicated) and fed as one JSON-lines file to
``geoevents run`` in a subprocess: one process, ``--jobs 2``, and a Dask LocalCluster of 2
workers. The sizes are 1,000, 10,000 and 100,000 articles, the table the scale issue asks for;
the 100,000 rows take the better part of an hour on two cores. ``GEOEVENTS_BENCH_SIZES`` picks
others for a quick look: ``GEOEVENTS_BENCH_SIZES=1000,10000 make bench``.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_SIZES = "1000,10000,100000"
MODES = {
    "1 process": [],
    "--jobs 2": ["--jobs", "2"],
    "dask LocalCluster, 2 workers": ["--engine", "dask", "--jobs", "2"],
}


def corpus_texts(folder: Path = CORPORA) -> list[str]:
    """Every article text of every corpus XML file under ``folder``."""
    texts = []
    for path in sorted(folder.rglob("*.xml")):
        for _, element in ET.iterparse(path):
            if element.tag == "text" and element.text and element.text.strip():
                texts.append(element.text.strip())
            if element.tag == "article":
                element.clear()
    return texts


def write_feed(path: Path, texts: list[str], count: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            record = {
                "text": f"{texts[i % len(texts)]}\n\nCopy {i} of the benchmark feed.",
                "id": f"bench-{i}",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total


def measure(feed: Path, out: Path, extra: list[str]) -> tuple[float, int, int]:
    """(seconds, peak RSS of the process tree in bytes, exit status) of one ``geoevents run``."""
    command = [
        sys.executable,
        "-m",
        "geoevents",
        "run",
        str(feed),
        "--out",
        str(out),
        "--no-progress",
        *extra,
    ]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    watched = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, _tree_rss(watched))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if child.returncode not in (0, 1):
        assert child.stderr is not None
        sys.stderr.write(child.stderr.read().decode(errors="replace")[-2000:])
    return seconds, peak, child.returncode


def articles_done(out: Path) -> int:
    """How many articles a finished run processed, from its run.json (0 when there is none)."""
    try:
        info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    return int(info.get("counts", {}).get("articles", 0))


def rows() -> list[tuple[str, str, str]]:
    if not CORPORA.is_dir():
        return [("pipeline bench", "skipped", f"corpora not found at {CORPORA}")]
    texts = corpus_texts()
    sizes = [int(s) for s in os.environ.get("GEOEVENTS_BENCH_SIZES", DEFAULT_SIZES).split(",") if s.strip()]
    table = []
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-") as tmp:
        for size in sizes:
            feed = Path(tmp) / f"feed-{size}.jsonl"
            write_feed(feed, texts, size)
            for label, extra in MODES.items():
                out = Path(tmp) / f"out-{size}-{len(extra)}"
                seconds, peak, status = measure(feed, out, extra)
                suffix = "" if status in (0, 1) else f" (exit {status})"
                done = articles_done(out)
                if done != size:  # a rate is only a rate of articles actually processed
                    suffix += f" (only {done:,} of {size:,} articles processed)"
                table.append(
                    (
                        f"{size:,} articles, {label}: articles/s",
                        f"{size / seconds:,.1f}{suffix}",
                        ">= 50 per core",
                    )
                )
                table.append(
                    (
                        f"{size:,} articles, {label}: peak RSS",
                        f"{peak / 2**20:,.0f} MiB",
                        "flat as size grows",
                    )
                )
            feed.unlink()
    return table


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="\t")
