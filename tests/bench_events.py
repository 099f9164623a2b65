"""Events speed: articles/s through the events stage, and reports/s through the cross-article merge.

Place mentions are resolved once with the real geoparser and gazetteer before timing, so the rates are
the events stage's own. Rates are CPU time of this process (``time.process_time``).
"""

from __future__ import annotations

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


def rows() -> list[tuple[str, str, str]]:
    from geoevents.gazetteer import default_gazetteer
    from geoevents.geoparse.parse import resolved_mentions_from_article

    articles = _articles()
    if not articles:
        return []
    gazetteer = default_gazetteer()
    resolved: list[tuple[Article, list[ResolvedMention]]] = [
        (a, resolved_mentions_from_article(a, gazetteer=gazetteer)) for a in articles
    ]
    kb = sum(len(a.text) for a in articles) / len(articles) / 1000
    found: list[Event] = []

    def extract() -> None:
        found.clear()
        for article, mentions in resolved:
            found.extend(events_from_article(article, mentions))

    rate = _rate(extract, len(articles))
    out = [
        (
            f"events from {len(articles)} news articles, {kb:.1f} KB avg (articles/s)",
            f"{rate:,.0f}",
            "≥ 1,000",
        ),
        ("events found per article (mean)", f"{len(found) / len(articles):.2f}", "—"),
    ]
    batch = _batch(found, 2000)
    start = time.process_time()
    merged = merge_events(batch)
    seconds = time.process_time() - start
    out.append((f"merge {len(batch):,} reports into {len(merged):,} events (reports/s)",
                f"{len(batch) / seconds:,.0f}", "≥ 2,000"))  # fmt: skip
    return out


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="   ")
