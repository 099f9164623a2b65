"""Events speed: articles/s through the events stage, and reports/s through the cross-article merge,
each beside the previous release's (``bench_cli.PREVIOUS``, unpacked from git) in one run.

Place mentions are resolved once with the real geoparser and gazetteer before timing, so the rates are
the events stage's own. Rates are CPU time of the measuring process (``time.process_time``). Each tree
is measured in a fresh process of its own (this file run with ``--json``, that tree's package first on
the path), on the same articles. ``GEOEVENTS_BENCH_PREVIOUS=0`` skips the previous release.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from geoevents.events import events_from_article, merge_events
from geoevents.ingest import article_from_text, articles_from_paths
from geoevents.records import Article, Event, ResolvedMention

ROOT = Path(__file__).resolve().parent.parent
TR_NEWS = ROOT.parent / "shared" / "corpora" / "TR-News" / "TR-News.xml"
SAMPLES = ROOT / "data" / "articles"


def _rate(work: Callable[[], object], count: int, seconds: float = 1.5) -> float:
    work()  # warm-up
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        work()
        done += count
    return done / (time.process_time() - start)


def _articles(limit: int = 60) -> list[Article]:
    found = [a for a in articles_from_paths([SAMPLES]) if isinstance(a, Article)] if SAMPLES.is_dir() else []
    if TR_NEWS.is_file():
        texts = [node.text or "" for node in ET.parse(TR_NEWS).getroot().iter("text")]
        found += [article_from_text(t) for t in texts if t.strip()][:limit]
    return found


def _batch(events: list[Event], size: int, reports: int = 4) -> list[Event]:
    """About ``size`` reports: each event seen on many days, each day by ``reports`` articles."""
    out: list[Event] = []
    day = 0
    while len(out) < size:
        for e in events:
            when = e.event_date + timedelta(days=400 * day) if e.event_date else None
            for r in range(reports):
                evidence = tuple(replace(ev, article_id=f"{ev.article_id}-{day}-{r}") for ev in e.evidence)
                out.append(replace(e, event_date=when, evidence=evidence))
        day += 1
    return out


def measure() -> dict[str, float]:
    """The figures of the geoevents package this process imports."""
    from geoevents.gazetteer import default_gazetteer

    try:
        from geoevents.geoparse.parse import resolved_mentions_from_article
    except ImportError:  # the previous release: one module, geoevents/geoparse.py
        from geoevents.geoparse import resolved_mentions_from_article  # type: ignore[attr-defined,no-redef]

    articles = _articles()
    gazetteer = default_gazetteer()
    resolved: list[tuple[Article, list[ResolvedMention]]] = [
        (a, resolved_mentions_from_article(a, gazetteer=gazetteer)) for a in articles
    ]
    found: list[Event] = []

    def extract() -> None:
        found.clear()
        for article, mentions in resolved:
            found.extend(events_from_article(article, mentions))

    rate = _rate(extract, len(articles))
    batch = _batch(found, 2000)
    start = time.process_time()
    merged = merge_events(batch)
    seconds = time.process_time() - start
    return {
        "articles": len(articles),
        "kb": sum(len(a.text) for a in articles) / len(articles) / 1000,
        "rate": rate,
        "per_article": len(found) / len(articles),
        "reports": len(batch),
        "merged": len(merged),
        "merge_rate": len(batch) / seconds,
    }


def _measure_tree(tree: Path, cache: str | None) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if cache:
        env["GEOEVENTS_CACHE"] = cache
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--json"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-1500:])
        return {}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def rows() -> list[tuple[str, str, str]]:
    from tests.bench_cli import PREVIOUS, previous_tree

    if not _articles():
        return []
    new = _measure_tree(ROOT, None)
    old: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-events-") as tmp:
        if os.environ.get("GEOEVENTS_BENCH_PREVIOUS", "1") != "0":
            tree, cache = previous_tree(Path(tmp))
            old = _measure_tree(tree, cache)
    if not new:
        return [("events bench", "failed", "see stderr")]

    def was(key: str, fmt: str) -> str:
        return f"  (was {fmt.format(old[key])} in {PREVIOUS})" if key in old else ""

    return [
        (
            f"events from {new['articles']:.0f} news articles, {new['kb']:.1f} KB avg (articles/s per core)",
            f"{new['rate']:,.0f}" + was("rate", "{:,.0f}"),
            ">= 1,000",
        ),
        ("events found per article (mean)", f"{new['per_article']:.2f}" + was("per_article", "{:.2f}"), "-"),
        (
            f"merge {new['reports']:,.0f} reports into {new['merged']:,.0f} events (reports/s)",
            f"{new['merge_rate']:,.0f}" + was("merge_rate", "{:,.0f}"),
            ">= 2,000",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["--json"]:
        print(json.dumps(measure()))
    else:
        for row in rows():
            print(*row, sep="   ")
