"""Geoparsing speed (``python tests/bench.py geoparse``): `parse` on LGL beside the `geotext` regex matcher.

Both run in this process on the same texts after a warm-up pass. Rates are given per second of CPU time
of this (single-threaded) process, i.e. on one core, so other load on the machine does not count; the
wall-clock rate is printed beside it. Rows are skipped cleanly when the corpora are missing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
GOAL = 1000.0  # LGL articles per second on one core


def _rate(fn: Callable[[Any], object], items: list[Any], *, rounds: int = 10) -> tuple[float, float]:
    """(articles per CPU second, per wall second): the best of ten timed passes after one warm-up (on a
    shared machine a pass can run a third slower than the next; the best pass is the machine's rate)."""
    for item in items:
        fn(item)
    best_cpu = best_wall = 0.0
    for _ in range(rounds):
        c, w = time.process_time(), time.perf_counter()
        for item in items:
            fn(item)
        cpu, wall = time.process_time() - c, time.perf_counter() - w
        best_cpu = max(best_cpu, len(items) / cpu if cpu > 0 else 0.0)
        best_wall = max(best_wall, len(items) / wall if wall > 0 else 0.0)
    return best_cpu, best_wall


def rows() -> list[tuple[str, str, str]]:
    if not (CORPORA / "LGL").is_dir():
        return [("parse on LGL (corpus missing: ../shared/corpora)", "skipped", f">= {GOAL:,.0f} articles/s")]
    from geoevents.evaluate import corpus_articles_from_path
    from geoevents.gazetteer import default_gazetteer
    from geoevents.geoparse.parse import resolved_mentions_from_article
    from geoevents.records import Article

    gazetteer = default_gazetteer()
    articles = [Article(id=a.id, text=a.text) for a in corpus_articles_from_path("lgl", CORPORA)]
    ours_cpu, ours_wall = _rate(lambda a: resolved_mentions_from_article(a, gazetteer=gazetteer), articles)
    out = [
        (
            f"parse: LGL articles/s, one core ({len(articles)} articles)",
            f"{ours_cpu:,.0f}/s",
            f">= {GOAL:,.0f} articles/s",
        ),
        ("parse: LGL articles/s, wall clock (shared machine)", f"{ours_wall:,.0f}/s", "(for reference)"),
    ]
    try:
        from geotext import GeoText
    except ImportError:
        out.append(("geotext on the same texts", "skipped (not installed)", "(baseline)"))
        return out
    gt_cpu, _ = _rate(lambda a: GeoText(a.text), articles)
    out.append(("geotext regex matcher on the same texts, one core", f"{gt_cpu:,.0f}/s", "(baseline)"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="\t")
