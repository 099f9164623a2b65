"""Gazetteer speed and memory (``python tests/bench.py gazetteer``): measured in fresh processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_BUILD = """
import json, resource, time
t = time.perf_counter()
from geoevents.gazetteer import default_gazetteer
g = default_gazetteer()
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - t, "features": len(g), "cpu": use.ru_utime + use.ru_stime,
                  "rss_mb": use.ru_maxrss / 1024}))
"""

_START = """
import json, resource, statistics, time
t = time.perf_counter()
from geoevents.gazetteer import default_gazetteer
g = default_gazetteer()
g.candidates("Kirkuk")
first = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_SELF)
first_cpu = use.ru_utime + use.ru_stime
names = ["Kirkuk", "Erbil", "Mosul", "Al-Qaim", "Abu Kamal", "Baghdad", "Paris", "Springfield", "Raqqa",
         "Deir ez-Zor", "K-1 Air Base", "Ain al-Asad", "Iraq", "Syria", "London", "Tikrit", "Ramadi", "Hit"]
for n in names:
    g.candidates(n)  # warm the per-feature record cache, as a long run would be
samples = []
for _ in range(200):
    for n in names:
        s = time.perf_counter_ns()
        g.candidates(n)
        samples.append(time.perf_counter_ns() - s)
keys = ["kirkuk", "the", "said", "al qaim", "northern", "baghdad", "president", "erbil"] * 2000
s = time.perf_counter_ns()
for k in keys:
    g.is_name(k)
is_name_ns = (time.perf_counter_ns() - s) / len(keys)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"first": first, "first_cpu": first_cpu, "median_us": statistics.median(samples) / 1000,
                  "rss_mb": rss, "is_name_ns": is_name_ns}))
"""


def _run(code: str, cache: str) -> dict[str, float]:
    env = {**os.environ, "GEOEVENTS_CACHE": cache}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def rows() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-") as cache:
        build = _run(_BUILD, cache)
        start = _run(_START, cache)
    return [
        ("index first build (s)", f"{build['seconds']:.1f}", "<= 60 s"),
        ("index first build, CPU time (s)", f"{build['cpu']:.1f}", "wall time on an idle machine"),
        ("peak memory while building (MB)", f"{build['rss_mb']:.0f}", "fits a laptop"),
        ("features indexed", f"{build['features']:,}", "world coverage"),
        ("process start to first answer (s)", f"{start['first']:.2f}", "<= 1 s"),
        ("process start to first answer, CPU time (s)", f"{start['first_cpu']:.2f}", "idle-machine figure"),
        ("median candidates() lookup (us)", f"{start['median_us']:.1f}", "<= 50 us"),
        ("is_name() per call (ns)", f"{start['is_name_ns']:.0f}", "O(1)"),
        ("resident memory holding the index (MB)", f"{start['rss_mb']:.0f}", "<= 600 MB"),
    ]


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="\t")
