"""The map and the report in a real headless Chromium with the network blocked.

Chromium and chromedriver come from Debian (``make system-deps``); the tests
skip with the reason when they are missing. Selenium is pointed at the
system driver so it never tries to download one.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geoevents.outputs import write_outputs
from tests.test_outputs import sample_events, sample_results

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _driver(profile: Path) -> Any:
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium and chromium-driver are not installed (make system-deps)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
        "--proxy-server=127.0.0.1:9",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_outputs(sample_results(), sample_events(), tmp_path_factory.mktemp("out"))


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    driver = _driver(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


def _requests(driver: Any) -> tuple[list[str], list[str]]:
    """(URLs our page requested, its failed requests) from the performance log.

    Requests made by the browser's own pages (chrome://) are left out: only what
    a file:// document asked for counts.
    """
    ours: dict[str, str] = {}
    failed = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            if params.get("documentURL", "").startswith("file:"):
                ours[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and params.get("requestId") in ours:
            reason = f"{params.get('errorText')} {params.get('blockedReason', '')}"
            failed.append(f"{ours[params['requestId']]}: {reason}")
    return list(ours.values()), failed


def _console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _not_blank(png: Path) -> int:
    from PIL import Image

    image = Image.open(png).convert("RGB").resize((320, 225))
    colors = image.getcolors(maxcolors=1 << 16) or []
    return len(colors)


def _count(driver: Any, selector: str, expected: int, timeout: float = 5.0) -> int:
    """How many elements match, once the page has settled on ``expected`` (or the time is up)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        found = len(driver.find_elements("css selector", selector))
        if found == expected or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _load(driver: Any, page: Path) -> None:
    driver.get_log("performance")  # drop what the browser did before our page (its start page)
    driver.get_log("browser")
    driver.get(page.as_uri())
    driver.implicitly_wait(2)


def test_map_loads_offline_with_markers_layers_and_no_errors(browser: Any, outputs: dict[str, Path]) -> None:
    _load(browser, outputs["map.html"])
    assert browser.execute_script("return typeof L !== 'undefined' && !!window.geoevents.map")
    requested, failed = _requests(browser)
    assert failed == [], failed
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    assert _console_errors(browser) == []

    # five events, none of them crowded: every one is a visible circle marker
    assert _count(browser, "path.ge-event", 5) == 5
    assert _count(browser, "path.ge-precision-3", 2) == 2
    assert _count(browser, "path.ge-ring", 3) == 3  # an uncertainty ring for each precision 2-3 event
    overlay_paths = "return document.querySelectorAll('.leaflet-overlay-pane path').length"
    assert browser.execute_script(overlay_paths) > 10  # the offline basemap's countries

    # toggling a layer off in the layer control hides its markers
    labels = browser.find_elements("css selector", ".leaflet-control-layers-overlays label")
    explosions = next(label for label in labels if "Explosions/Remote violence" in label.text)
    explosions.find_element("css selector", "input").click()
    assert _count(browser, "path.ge-event-explosions-remote-violence", 0) == 0
    assert _count(browser, "path.ge-event", 3) == 3
    explosions.find_element("css selector", "input").click()
    assert _count(browser, "path.ge-event", 5) == 5

    # the date filter: only the first day leaves the K-1 attack (and the undated event)
    browser.execute_script(
        "var i = geoevents.filterInputs; i.to.value = 0; i.to.dispatchEvent(new Event('input'));"
    )
    assert _count(browser, "path.ge-event", 2) == 2
    browser.execute_script("var i = geoevents.filterInputs; i.undated.click();")
    assert _count(browser, "path.ge-event", 1) == 1

    shot = outputs["map.html"].parent / "map-screenshot.png"
    browser.execute_script(
        "var i = geoevents.filterInputs; i.undated.click(); i.to.value = i.to.max;"
        "i.to.dispatchEvent(new Event('input'));"
    )
    browser.save_screenshot(str(shot))
    assert _not_blank(shot) > 50


def test_hostile_article_text_runs_nothing(browser: Any, outputs: dict[str, Path]) -> None:
    page = outputs["map.html"].read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page
    _load(browser, outputs["map.html"])
    # open every popup and tooltip, so any injected markup would be parsed
    browser.execute_script(
        "geoevents.items.forEach(function (it) { if (it.layer.openPopup) {"
        " it.layer.openPopup(); it.layer.openTooltip && it.layer.openTooltip(); } });"
    )
    for label in browser.find_elements("css selector", ".leaflet-control-layers-overlays label"):
        assert label.text
    hostile = browser.execute_script(
        "var out = []; geoevents.items.forEach(function (it) {"
        " if (it.layer.getPopup && it.layer.getPopup()) {"
        "  it.layer.openPopup(); out.push(document.querySelector('.leaflet-popup-content').innerHTML); } });"
        "return out.join('\\n');"
    )
    assert "&lt;script&gt;" in hostile
    assert browser.execute_script("return window.__pwned === undefined")
    popup_images = "return document.querySelectorAll('.leaflet-popup-content img').length"
    assert browser.execute_script(popup_images) == 0
    assert browser.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    _, failed = _requests(browser)
    assert failed == [], failed
    assert _console_errors(browser) == []


def test_report_loads_offline_and_escapes(browser: Any, outputs: dict[str, Path]) -> None:
    _load(browser, outputs["report.html"])
    requested, failed = _requests(browser)
    assert failed == [], failed
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    assert _console_errors(browser) == []
    assert browser.execute_script("return window.__pwned === undefined")
    rows = browser.find_elements("css selector", "table.events tbody tr")
    assert len(rows) == 5
    assert browser.execute_script("return document.querySelector('img.map').naturalWidth") > 500
    assert browser.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert browser.execute_script("return document.querySelectorAll('svg circle').length") == 4
    shot = outputs["report.html"].parent / "report-screenshot.png"
    browser.save_screenshot(str(shot))
    assert _not_blank(shot) > 50


def test_map_opens_on_the_events_and_labels_countries_by_zoom(browser: Any, tmp_path: Path) -> None:
    from tests.test_outputs_view import with_far_area

    paths = write_outputs(with_far_area(), sample_events(), tmp_path / "out")
    _load(browser, paths["map.html"])
    assert _count(browser, "path.ge-event", 5) == 5
    zoom = browser.execute_script("return geoevents.map.getZoom()")
    lat, lon = browser.execute_script("var c = geoevents.map.getCenter(); return [c.lat, c.lng];")
    assert zoom >= 5, "a country named in passing must not zoom the map out"
    assert 30 < lat < 38 and 38 < lon < 47  # centred on the Iraqi events
    bounds = (
        "var b = geoevents.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];"
    )
    west, south, east, north = browser.execute_script(bounds)
    assert west < 41.0 and east > 44.4 and south < 33.3 and north > 35.5  # every event site in view

    def shown() -> list[str]:
        script = "return [...document.querySelectorAll('.ge-country-label')].map(e => e.textContent);"
        return [t.upper() for t in browser.execute_script(script)]

    near = shown()
    assert "IRAQ" in near
    browser.execute_script("geoevents.map.setZoom(2, {animate: false});")
    world = shown()
    assert 3 <= len(world) <= 25  # a world view names only the big countries
    assert "RUSSIA" in world and "LEBANON" not in world
    browser.execute_script(f"geoevents.map.setZoom({int(zoom)}, {{animate: false}});")
    assert set(shown()) == set(near)
    browser.save_screenshot(str(tmp_path / "view.png"))
    assert _not_blank(tmp_path / "view.png") > 50
    assert _console_errors(browser) == []
