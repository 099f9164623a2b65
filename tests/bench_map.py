"""The HTML map on real news: its size, load time, redraw time and JS heap in headless Chromium.

200 real articles from ../shared/corpora (the first ``GEOEVENTS_BENCH_MAP_ARTICLES`` / 2 of FA-KES,
war reporting from Syria, and as many of TR-News, international news) go through ``geoevents run``;
the map.html it writes is opened at 1400 x 900 with the network blocked. Load is from navigation
start to the end of the map's own script; a redraw is one pan or one zoom step without animation
until two frames have been painted (the canvas basemap and the labels are redrawn by then), the
median and worst of ten, at the opening view and at city scale (zoom 11) over the busiest event site.
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_ARTICLES = 200

REDRAW_JS = """
var done = arguments[arguments.length - 1], map = geoevents.map, kind = arguments[0], times = [];
function frame(then) { requestAnimationFrame(function () { requestAnimationFrame(then); }); }
function step(i) {
  if (i >= 10) { done(times); return; }
  var start = performance.now();
  if (kind === 'pan') { map.panBy([i % 2 ? -300 : 300, i % 4 < 2 ? 160 : -160], {animate: false}); }
  else { map.setZoom(map.getZoom() + (i % 2 ? -1 : 1), {animate: false}); }
  frame(function () { times.push(performance.now() - start); step(i + 1); });
}
frame(function () { step(0); });
"""


def _fa_kes(count: int) -> list[dict[str, Any]]:
    path = CORPORA / "FA-KES" / "FA-KES-Dataset.csv"
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))[:count]
    return [
        {"id": f"fakes-{r['unit_id']}", "title": r["article_title"], "text": r["article_content"]}
        for r in rows
    ]


def _tr_news(count: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for _, element in ET.iterparse(CORPORA / "TR-News" / "TR-News.xml"):
        if element.tag == "article" and len(out) < count:
            text = (element.findtext("text") or "").strip()
            if text:
                out.append(
                    {
                        "id": f"trnews-{element.get('docid') or len(out)}",
                        "title": (element.findtext("title") or "").strip() or None,
                        "url": (element.findtext("url") or "").strip() or None,
                        "text": text,
                    }
                )
            element.clear()
    return out


def build_map(folder: Path, articles: int) -> tuple[Path, float, dict[str, Any]]:
    """Run the pipeline over the real articles; (map.html, seconds for the whole run, run.json)."""
    from geoevents.cli import main

    feed = folder / "articles.jsonl"
    records = _fa_kes(articles // 2) + _tr_news(articles - articles // 2)
    with feed.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    out = folder / "out"
    start = time.perf_counter()
    main(["run", str(feed), "--out", str(out), "--no-progress"])
    seconds = time.perf_counter() - start
    return out / "map.html", seconds, json.loads((out / "run.json").read_text(encoding="utf-8"))


def _spread(times: list[float]) -> str:
    """Median and worst of the timed redraws, in ms."""
    return f"{statistics.median(times):.0f} ms (worst {max(times):.0f})"


def measure_page(page: Path, profile: Path) -> dict[str, Any]:
    from tests._browser import chrome

    driver = chrome(profile)
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )
        loads = []
        for _ in range(3):
            driver.get(page.as_uri())
            ready = None
            for _ in range(200):
                ready = driver.execute_script("return window.geoevents && geoevents.readyAt")
                if ready:
                    break
                time.sleep(0.05)
            loads.append(float(ready or "nan"))
        driver.set_script_timeout(60)
        found: dict[str, Any] = {"load_ms": statistics.median(loads)}
        found["drawn"] = driver.execute_script("return geoevents.drawnCount()")
        found["unlocated"] = driver.execute_script("return geoevents.data.unlocated.length")
        found["pan_ms"] = _spread(driver.execute_async_script(REDRAW_JS, "pan"))
        found["zoom_ms"] = _spread(driver.execute_async_script(REDRAW_JS, "zoom"))
        busiest = driver.execute_script(
            "var n = {};"
            "geoevents.data.events.forEach(e => { var k = e.ll.join(); n[k] = (n[k] || 0) + 1; });"
            "return Object.keys(n).sort((a, b) => n[b] - n[a])[0].split(',').map(Number);"
        )
        driver.execute_script("geoevents.map.setView(arguments[0], 11, {animate: false});", busiest)
        found["city_labels"] = driver.execute_script(
            "return document.querySelectorAll('.ge-town-label').length"
        )
        found["city_pan_ms"] = _spread(driver.execute_async_script(REDRAW_JS, "pan"))
        found["heap_mb"] = driver.execute_script("return performance.memory.usedJSHeapSize") / 1e6
        return found
    finally:
        driver.quit()


def rows() -> list[tuple[str, str, str]]:
    if not CORPORA.is_dir():
        return [("map on real articles", "skipped: ../shared/corpora not found", "")]
    articles = int(os.environ.get("GEOEVENTS_BENCH_MAP_ARTICLES", DEFAULT_ARTICLES))
    with tempfile.TemporaryDirectory() as folder:
        page, seconds, info = build_map(Path(folder), articles)
        size = page.stat().st_size
        found = measure_page(page, Path(folder) / "profile")
    label = f"{articles} real articles"
    events = info.get("counts", {}).get("events", "?")
    return [
        (f"{label}: geoevents run (all outputs)", f"{seconds:.1f} s", ""),
        (
            f"{label}: events drawn + without a place / in the run",
            f"{found['drawn']} + {found['unlocated']} / {events}",
            "all of them",
        ),
        (f"{label}: map.html size", f"{size / 1e6:.2f} MB", "<= 5 MB"),
        (f"{label}: map load in Chromium", f"{found['load_ms']:.0f} ms", "<= 2000 ms"),
        (f"{label}: redraw per pan, median of 10", found["pan_ms"], "<= 100 ms"),
        (f"{label}: redraw per zoom step, median of 10", found["zoom_ms"], "<= 100 ms"),
        (f"{label}: redraw per pan at zoom 11", found["city_pan_ms"], "<= 100 ms"),
        (f"{label}: town labels at zoom 11", str(found["city_labels"]), "> 0"),
        (f"{label}: JS heap after use", f"{found['heap_mb']:.0f} MB", ""),
    ]


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="   ")
