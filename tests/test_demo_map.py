"""The demo of the README: our sample articles, through the whole pipeline, to a map read in Chromium."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import pytest

from geoevents.cli import main
from tests._browser import console_errors, load, requests_made
from tests.conftest import DATA, SEEDS

pytestmark = pytest.mark.browser

# Independent reference coordinates (published positions, not read back from our gazetteer).
EXPECTED = {
    "Al-Qaim": ((34.37, 41.08), 15.0),
    "Albukamal": ((34.45, 40.92), 10.0),
    "K-1 Air Base": ((35.5125, 44.2842), 5.0),
}

# Every event the page draws, including markers folded into clusters (not the town labels).
MARKERS_JS = """
return geoevents.events.map(function (e) { var p = e.marker.getLatLng(); return [p.lat, p.lng]; });
"""

# Every event the run wrote (one CSV row each) that has coordinates.
LOCATED_CSV_JS = "return geoevents.drawnCount();"


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module", params=["samples", "seeds"])
def demo_out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our own sample articles, and the real scraped seed pages (junk included) where they are present."""
    if request.param == "seeds":
        if not SEEDS.is_dir():
            pytest.skip(f"seed articles not found at {SEEDS}")
        inputs = str(SEEDS / "*.txt")
    else:
        inputs = str(DATA / "articles")
    out = tmp_path_factory.mktemp(request.param)
    assert main(["run", inputs, "--out", str(out), "--no-progress"]) == 0
    return out


def test_every_output_reads_back_with_gdal(demo_out: Path) -> None:
    import pyogrio

    expected_types = {
        "events": "Point",
        "places": "Point",
        "areas": "MultiPolygon",
        "borders": "MultiLineString",
    }
    for layer, geometry_type in expected_types.items():
        info = pyogrio.read_info(demo_out / f"{layer}.geojson")
        assert info["geometry_type"] in (geometry_type, geometry_type.removeprefix("Multi")), (layer, info)
        assert info["features"] > 0, f"{layer}.geojson is empty"
    layers = {name for name, _ in pyogrio.list_layers(demo_out / "geoevents.gpkg")}
    assert set(expected_types) <= layers
    events = pyogrio.read_dataframe(demo_out / "geoevents.gpkg", layer="events")
    assert str(events["event_date"].dtype).startswith("datetime64")
    assert events["fatalities"].dropna().ge(0).all()


def test_demo_map_shows_markers_at_the_sample_sites_offline(browser: Any, demo_out: Path) -> None:
    load(browser, demo_out / "map.html")
    points = [tuple(p) for p in browser.execute_script(MARKERS_JS)]
    assert points, "the demo map carries no markers"
    with (demo_out / "events.csv").open(encoding="utf-8") as handle:
        located = sum(1 for row in csv.DictReader(handle) if row["latitude"])
    assert len(points) == browser.execute_script(LOCATED_CSV_JS) == located  # the map and the CSV agree
    # the heading, the legend's counts per type and the report count the same events
    assert browser.find_element("css selector", ".ge-count").text.startswith(f"{located} event")
    legend = browser.execute_script(
        "return [...document.querySelectorAll('.ge-layers .ge-row')].slice(0, geoevents.data.types.length)"
        ".map(r => +r.querySelector('.ge-muted').textContent.replace(/[^0-9]/g, ''))"
    )
    assert sum(legend) == located
    unlocated = browser.execute_script("return geoevents.data.unlocated.length")
    with (demo_out / "events.csv").open(encoding="utf-8-sig") as handle:
        total = sum(1 for _ in csv.DictReader(handle))
    assert located + unlocated == total
    load(browser, demo_out / "report.html")
    assert len(browser.find_elements("css selector", "table.events tbody tr")) == total
    load(browser, demo_out / "map.html")
    for name, (where, tolerance_km) in EXPECTED.items():
        nearest = min(_km(where, p) for p in points)
        assert nearest <= tolerance_km, f"no marker within {tolerance_km} km of {name}: {nearest:.1f} km"
    requested, failed = requests_made(browser)
    assert not failed, failed
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    assert not console_errors(browser)
