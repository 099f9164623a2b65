"""Ingest speed: articles per second for the seed pages, an HTML page and a JSON-lines batch."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from geoevents.ingest import article_from_text, articles_from_paths

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
HTML = Path(__file__).resolve().parent.parent / "data" / "articles" / "2019-12-30-militia-funerals.html"


def _rate(work: object, count: int, seconds: float = 1.5) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        work()  # type: ignore[operator]
        done += count
    return done / (time.perf_counter() - start)


def rows() -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        rate = _rate(lambda: list(articles_from_paths(seeds)), len(seeds))
        out.append(("ingest seed pages from disk (articles/s)", f"{rate:,.0f}", "≥ 1,000"))
    if HTML.is_file():
        html = HTML.read_text(encoding="utf-8")
        rate = _rate(lambda: article_from_text(html, fmt="html"), 1)
        out.append(("ingest HTML page, main-story extraction (articles/s)", f"{rate:,.0f}", "≥ 500"))
    deep = "<html><body>" + "<div>" * 10_000 + "<p>Deep.</p>" + "</div>" * 10_000 + "</body></html>"
    start = time.perf_counter()
    article_from_text(deep, fmt="html")
    out.append(("HTML nested 10,000 deep (seconds)", f"{time.perf_counter() - start:.2f}", "< 2"))
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
