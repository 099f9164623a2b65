"""Ingest speed: articles per second for the seed pages, LGL news texts, an HTML page and a JSON-lines batch.

Rates are CPU time of this process on one core (``time.process_time``), so other work on a shared
machine does not skew them.
"""

from __future__ import annotations

import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from geoevents.ingest import article_from_text, articles_from_paths

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEEDS = SHARED / "seeds"
LGL = SHARED / "corpora" / "LGL" / "lgl.xml"
HTML = Path(__file__).resolve().parent.parent / "data" / "articles" / "2019-12-30-militia-funerals.html"


def _rate(work: object, count: int, seconds: float = 1.5) -> float:
    work()  # type: ignore[operator]  # warm-up
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        work()  # type: ignore[operator]
        done += count
    return done / (time.process_time() - start)


def _lgl_texts(limit: int = 500) -> list[str]:
    texts = [node.text or "" for node in ET.parse(LGL).getroot().iter("text")]
    return [text for text in texts if text.strip()][:limit]


def rows() -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        rate = _rate(lambda: list(articles_from_paths(seeds)), len(seeds))
        out.append(("ingest seed pages from disk (articles/s)", f"{rate:,.0f}", "≥ 1,000"))
    if LGL.is_file():
        texts = _lgl_texts()

        def ingest_all() -> None:
            for text in texts:
                article_from_text(text)

        rate = _rate(ingest_all, len(texts))
        out.append(("ingest LGL news texts, 2 KB each (articles/s)", f"{rate:,.0f}", "≥ 3,300 (≤ 0.3 ms)"))
    if HTML.is_file():
        html = HTML.read_text(encoding="utf-8")
        rate = _rate(lambda: article_from_text(html, fmt="html"), 1)
        out.append(("ingest HTML page, main-story extraction (articles/s)", f"{rate:,.0f}", "≥ 500"))
    deep = "<html><body>" + "<div>" * 10_000 + "<p>Deep.</p>" + "</div>" * 10_000 + "</body></html>"
    start = time.process_time()
    article_from_text(deep, fmt="html")
    out.append(("HTML nested 10,000 deep (seconds)", f"{time.process_time() - start:.2f}", "< 2"))
    with tempfile.TemporaryDirectory() as tmp:
        huge = Path(tmp) / "huge.txt"
        with open(huge, "wb") as handle:
            handle.seek(200 * 1024 * 1024 - 1)
            handle.write(b"a")
        start = time.perf_counter()
        list(articles_from_paths([huge]))
        out.append(("refuse a 200 MB file (seconds)", f"{time.perf_counter() - start:.4f}", "< 0.1"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="\t")
