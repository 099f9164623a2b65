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
print(json.dumps({"seconds": time.perf_counter() - t, "features": len(g)}))
"""

_START = """
import json, resource, statistics, time
t = time.perf_counter()
from geoevents.gazetteer import default_gazetteer
g = default_gazetteer()
g.candidates("Kirkuk")
first = time.perf_counter() - t
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
print(json.dumps({"first": first, "median_us": statistics.median(samples) / 1000, "rss_mb": rss,
                  "is_name_ns": is_name_ns}))
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
        ("features indexed", f"{build['features']:,}", "world coverage"),
        ("process start to first answer (s)", f"{start['first']:.2f}", "<= 1 s"),
        ("median candidates() lookup (us)", f"{start['median_us']:.1f}", "<= 50 us"),
        ("is_name() per call (ns)", f"{start['is_name_ns']:.0f}", "O(1)"),
        ("resident memory holding the index (MB)", f"{start['rss_mb']:.0f}", "<= 600 MB"),
    ]


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="\t")
