"""The map and the report in a real headless Chromium with the network blocked (``tests/_browser.py``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from geoevents.outputs import write_outputs
from geoevents.records import EventLocation
from tests._browser import console_errors, load, requests_made
from tests.test_outputs import sample_events, sample_results

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_outputs(sample_results(), sample_events(), tmp_path_factory.mktemp("out"))


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


# Viewports an analyst opens the map in: a phone, a desktop, and the README's 600 px iframe.
VIEWPORTS = {"phone": (390, 844, True), "desktop": (1400, 900, False)}

# What the page draws: event icons in view, events folded into numbered clusters, markers held.
DRAWN_JS = """
var icons = document.querySelectorAll('.leaflet-marker-icon.ge-event').length, grouped = 0;
document.querySelectorAll('.leaflet-marker-icon.ge-cluster')
  .forEach(function (c) { grouped += +c.textContent; });
return [icons, grouped, geoevents.drawnCount()];
"""

# Pairs of visible controls whose boxes overlap (a title running under a button, say).
OVERLAPS_JS = """
var boxes = [...document.querySelectorAll('.leaflet-control')]
  .map(c => [c.className, c.getBoundingClientRect()]).filter(([, r]) => r.width && r.height), hits = [];
boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, r]) => {
  if (r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom) { hits.push([a, b]); }
}));
return hits;
"""

# Where the open popup is: inside the map? overlapping which controls?
POPUP_JS = """
var popup = document.querySelector('.leaflet-popup');
if (!popup) { return null; }
var p = popup.getBoundingClientRect(), box = geoevents.map.getContainer().getBoundingClientRect(), hits = [];
document.querySelectorAll('.leaflet-control').forEach(function (c) {
  var r = c.getBoundingClientRect();
  if (r.width && r.height && r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom) {
    hits.push(c.className);
  }
});
var inside = p.left >= box.left - 1 && p.right <= box.right + 1
  && p.top >= box.top - 1 && p.bottom <= box.bottom + 1;
return {hits: hits, inside: inside, text: document.querySelector('.leaflet-popup-content').textContent};
"""


STILL_JS = "var m = geoevents.map; return !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress);"


def _viewport(driver: Any, width: int, height: int, mobile: bool = False) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def _until(driver: Any, script: str, check: Any, timeout: float = 5.0) -> Any:
    """The script's value once ``check`` accepts it (or the last value when the time is up)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script)
        if check(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def _drawn(driver: Any, expected: int) -> list[int]:
    return _until(driver, DRAWN_JS, lambda v: v[0] + v[1] == expected)


def _open_popups_clear_of_panels(driver: Any, ids: list[str]) -> None:
    """Open every event's popup from the list's hook and check it sits in view, under no panel."""
    import time

    for event_id in ids:
        _until(driver, STILL_JS, bool)  # as a reader does: the map has settled from the last click
        time.sleep(0.3)
        assert driver.execute_script("return geoevents.showEvent(arguments[0])", event_id)
        where = _until(
            driver,
            POPUP_JS,
            lambda v, i=event_id: bool(v and v["inside"] and not v["hits"] and i in v["text"]),
            timeout=10,
        )
        assert where and event_id in where["text"], (event_id, where)
        assert where["inside"], (event_id, where)
        assert where["hits"] == [], (event_id, where)
        driver.execute_script("geoevents.map.closePopup();")


def _located_ids() -> list[str]:
    from geoevents.outputs.frames import primary_location

    return sorted(e.event_id for e in sample_events() if primary_location(e) is not None)


def test_map_loads_offline_and_draws_every_located_event(browser: Any, outputs: dict[str, Path]) -> None:
    _viewport(browser, 1400, 900)
    load(browser, outputs["map.html"])
    assert browser.execute_script("return typeof L !== 'undefined' && !!window.geoevents.map")
    requested, failed = requests_made(browser)
    assert failed == [], failed
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    assert console_errors(browser) == []

    # every event with a place is drawn, the one whose region was only "mentioned" included
    ids = _located_ids()
    icons, grouped, held = _drawn(browser, len(ids))
    assert icons + grouped == held == len(ids) == 5
    heading = browser.find_element("css selector", ".ge-heading").text
    assert "5 events on the map" in heading
    assert browser.execute_script("return geoevents.events.map(e => e.data.id).sort()") == ids
    # types differ by shape, not only colour; places are small dots, not event shapes
    shapes = browser.execute_script(
        "return [...new Set([...document.querySelectorAll('.ge-items path')].map(p => p.getAttribute('d')))]"
    )
    assert len(shapes) == len({e.event_type for e in sample_events()})
    assert browser.execute_script("return geoevents.layers.places.getLayers().length") == 3
    # regions start hidden, outline only; borders named are shown
    assert browser.execute_script("return geoevents.map.hasLayer(geoevents.layers.areas)") is False
    assert browser.execute_script(
        "var f = []; geoevents.layers.areas.eachLayer(l => f.push(l.options.fill)); return f"
    ) == [False]
    # a ring for each approximate event, as wide as the area it stands for (Anbar: ~190 km)
    radii = browser.execute_script("return geoevents.layers.rings.getLayers().map(r => r.getRadius())")
    assert len(radii) == 3 and max(radii) > 150_000 and min(radii) <= 75_000

    # the type filter hides markers and empties the list of them; the heading follows
    boxes = browser.find_elements("css selector", ".ge-layers .ge-row")
    explosions = next(b for b in boxes if "Explosions/Remote violence" in b.text)
    explosions.find_element("css selector", "input").click()
    assert sum(_drawn(browser, 3)[:2]) == 3
    assert len(browser.find_elements("css selector", ".ge-items .ge-item")) == 3
    assert "3 of 5 events shown" in browser.find_element("css selector", ".ge-heading").text
    explosions.find_element("css selector", "input").click()
    assert sum(_drawn(browser, 5)[:2]) == 5

    # the time slider: the first day alone leaves the K-1 attack and the undated event
    browser.execute_script(
        "var i = geoevents.filterInputs; i.to.value = 0; i.to.dispatchEvent(new Event('input'));"
    )
    assert sum(_drawn(browser, 2)[:2]) == 2
    browser.execute_script("geoevents.filterInputs.undated.click();")
    assert sum(_drawn(browser, 1)[:2]) == 1
    assert [e.text.split("\n")[0] for e in browser.find_elements("css selector", ".ge-item-date")] == [
        "2019-12-27"
    ]
    bars = browser.execute_script("return [...document.querySelectorAll('.ge-bar')].map(b => b.className)")
    assert len(bars) == 5 and sum("ge-out" in b for b in bars) == 4  # one bar per day, four greyed out
    browser.execute_script(
        "var i = geoevents.filterInputs; i.undated.click(); i.to.value = i.to.max;"
        "i.to.dispatchEvent(new Event('input'));"
    )
    # play steps a window through time and stops at the end with every dated event seen
    browser.execute_script("geoevents.filterInputs.play.click();")
    seen = _until(browser, "return geoevents.filterInputs.play.textContent", lambda v: v == "▶", timeout=15)
    assert seen == "▶"
    assert browser.execute_script("return +geoevents.filterInputs.to.value") == 4
    browser.execute_script(
        "var i = geoevents.filterInputs; i.from.value = 0; i.from.dispatchEvent(new Event('input'));"
    )

    # the search box filters the list and the map together
    search = browser.find_element("css selector", ".ge-search")
    search.send_keys("baghdad")
    assert sum(_drawn(browser, 1)[:2]) == 1
    assert [e.text for e in browser.find_elements("css selector", ".ge-item-where")] == ["Baghdad"]
    browser.execute_script(
        "var s = geoevents.filterInputs.search; s.value = ''; s.dispatchEvent(new Event('input'));"
    )
    assert sum(_drawn(browser, 5)[:2]) == 5

    # popups name the event and its caveats' place: id, publisher and linked title, no local path
    _open_popups_clear_of_panels(browser, ids)
    browser.execute_script("geoevents.showEvent('ev-funeral')")
    popup = _until(browser, POPUP_JS, bool)
    assert "ev-funeral" in popup["text"] and "/tmp/a3.html" not in popup["text"]
    # the caveat stands beside the figure it qualifies
    browser.execute_script("geoevents.map.closePopup(); geoevents.showEvent('ev-anbar')")
    popup = _until(browser, POPUP_JS, lambda v: bool(v and "ev-anbar" in v["text"]))
    assert "date known to the week" in popup["text"], popup
    browser.execute_script("geoevents.map.closePopup(); geoevents.showEvent('ev-strike')")
    links = _until(
        browser,
        "return [...document.querySelectorAll('.leaflet-popup-content .ge-sources li')]"
        ".map(l => l.textContent)",
        lambda v: len(v) == 2,
    )
    assert links and all(text.startswith(("news.example", "wire.example")) for text in links), links
    assert console_errors(browser) == []


@pytest.mark.parametrize("name", sorted(VIEWPORTS))
def test_layout_keeps_popups_in_view_and_clear_of_panels(
    browser: Any, outputs: dict[str, Path], name: str
) -> None:
    width, height, mobile = VIEWPORTS[name]
    _viewport(browser, width, height, mobile)
    load(browser, outputs["map.html"])
    ids = _located_ids()
    assert sum(_drawn(browser, len(ids))[:2]) == len(ids)
    toggles = browser.execute_script(
        "return [...document.querySelectorAll('.ge-toggle')]"
        ".map(b => [b.tagName, b.getAttribute('aria-expanded')])"
    )
    assert len(toggles) == 4 and all(tag == "BUTTON" for tag, _ in toggles)
    expanded = [state == "true" for _, state in toggles]
    if mobile:
        assert expanded == [False, False, False, False]  # panels start folded on a phone
        covered = browser.execute_script(
            "var a = 0; document.querySelectorAll('.leaflet-control').forEach(c => {"
            " var r = c.getBoundingClientRect(); a += r.width * r.height; });"
            "return a / (innerWidth * innerHeight);"
        )
        assert covered < 0.2, covered
        assert browser.execute_script(OVERLAPS_JS) == []  # folded panels sit side by side
    else:
        assert all(expanded)
    _open_popups_clear_of_panels(browser, ids)
    shot = outputs["map.html"].parent / f"map-{name}.png"
    browser.save_screenshot(str(shot))
    assert _not_blank(shot) > 50
    assert console_errors(browser) == []


def test_map_in_the_readme_iframe(browser: Any, outputs: dict[str, Path]) -> None:
    host = outputs["map.html"].parent / "embed.html"
    host.write_text(
        '<!doctype html><body style="margin:0"><iframe src="map.html" sandbox="allow-scripts" '
        'style="width:100%;height:600px;border:0" title="Event map"></iframe></body>',
        encoding="utf-8",
    )
    _viewport(browser, 600, 700)
    load(browser, host)
    browser.switch_to.frame(browser.find_element("css selector", "iframe"))
    ids = _located_ids()
    assert sum(_drawn(browser, len(ids))[:2]) == len(ids)
    assert browser.execute_script("return [innerWidth, innerHeight]") == [600, 600]
    _open_popups_clear_of_panels(browser, ids)
    assert console_errors(browser) == []
    browser.switch_to.default_content()
    shot = outputs["map.html"].parent / "map-iframe.png"
    browser.save_screenshot(str(shot))
    assert _not_blank(shot) > 50


def test_controls_are_reachable_by_keyboard(browser: Any, outputs: dict[str, Path]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _viewport(browser, 1400, 900)
    load(browser, outputs["map.html"])
    _drawn(browser, 5)
    reached = set()
    for _ in range(60):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        reached.add(
            browser.execute_script(
                "var a = document.activeElement;"
                "return (a.getAttribute('class') || '').split(' ')[0] + ':' + (a.type || a.tagName);"
            )
        )
    kinds = {item.split(":")[0] for item in reached}
    assert {"ge-toggle", "ge-search", "ge-play", "ge-item"} <= kinds, reached
    assert any(item.endswith(":range") for item in reached) and any(
        item.endswith(":checkbox") for item in reached
    )
    assert "leaflet-marker-icon" in kinds, reached  # event markers take the focus too
    # Enter on a focused event marker opens its popup
    browser.execute_script("document.querySelector('.leaflet-marker-icon.ge-event').focus();")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert _until(browser, "return !!document.querySelector('.leaflet-popup')", bool)


def test_hostile_article_text_runs_nothing(browser: Any, outputs: dict[str, Path]) -> None:
    page = outputs["map.html"].read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page
    _viewport(browser, 1400, 900)
    load(browser, outputs["map.html"])
    hostile = []
    for event_id in _located_ids():
        browser.execute_script("geoevents.map.closePopup(); geoevents.showEvent(arguments[0]);", event_id)
        where = _until(browser, POPUP_JS, lambda v, i=event_id: bool(v and i in v["text"]))
        assert where and event_id in where["text"], event_id
        hostile.append(
            browser.execute_script("return document.querySelector('.leaflet-popup-content').innerHTML")
        )
    assert "&lt;script&gt;" in "\n".join(hostile)
    assert browser.execute_script("return window.__pwned === undefined")
    assert (
        browser.execute_script("return document.querySelectorAll('.leaflet-popup-content img').length") == 0
    )
    assert browser.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    for item in browser.find_elements("css selector", ".ge-item"):
        assert item.text
    _, failed = requests_made(browser)
    assert failed == [], failed
    assert console_errors(browser) == []


def test_report_loads_offline_and_escapes(browser: Any, outputs: dict[str, Path]) -> None:
    load(browser, outputs["report.html"])
    requested, failed = requests_made(browser)
    assert failed == [], failed
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    assert console_errors(browser) == []
    assert browser.execute_script("return window.__pwned === undefined")
    rows = browser.find_elements("css selector", "table.events tbody tr")
    assert len(rows) == 5
    assert browser.execute_script("return document.querySelector('img.map').naturalWidth") > 500
    assert browser.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert browser.execute_script("return document.querySelectorAll('svg circle').length") == 4
    shot = outputs["report.html"].parent / "report-screenshot.png"
    browser.save_screenshot(str(shot))
    assert _not_blank(shot) > 50


def _same_spot_events() -> list[Any]:
    from tests.test_outputs import PLACES, _event, _evidence

    return [
        _event(
            f"ev-spot-{n}",
            ("Battles", "Armed clash"),
            date(2020, 1, 1 + n),
            EventLocation(PLACES["qaim"], 1),
            evidence=(_evidence("a1", f"Clash number {n} in the town.", "https://news.example/a1"),),
        )
        for n in range(3)
    ]


def test_same_spot_events_fan_out(browser: Any, tmp_path: Path) -> None:
    import time

    paths = write_outputs(sample_results(), _same_spot_events(), tmp_path / "out")
    _viewport(browser, 1400, 900)
    load(browser, paths["map.html"])
    assert _drawn(browser, 3)[1] == 3  # one numbered cluster holds the three
    _until(browser, STILL_JS, bool)
    time.sleep(0.5)  # the cluster's own fade-in
    browser.find_element("css selector", ".leaflet-marker-icon.ge-cluster").click()
    assert _until(browser, DRAWN_JS, lambda v: v[0] == 3)[0] == 3  # spiderfied: three separate icons
    spread = _until(
        browser,
        "return [...document.querySelectorAll('.leaflet-marker-icon.ge-event')]"
        ".map(i => i.getBoundingClientRect().left)",
        lambda v: max(v) - min(v) > 15,
    )
    assert max(spread) - min(spread) > 15


def test_map_opens_on_the_events_and_labels_places_by_zoom(browser: Any, tmp_path: Path) -> None:
    from tests.test_outputs_view import with_far_area

    paths = write_outputs(with_far_area(), sample_events(), tmp_path / "out")
    _viewport(browser, 1400, 900)
    load(browser, paths["map.html"])
    assert sum(_drawn(browser, 5)[:2]) == 5
    zoom = browser.execute_script("return geoevents.map.getZoom()")
    lat, lon = browser.execute_script("var c = geoevents.map.getCenter(); return [c.lat, c.lng];")
    assert zoom >= 5, "a country named in passing must not zoom the map out"
    assert 30 < lat < 38 and 38 < lon < 47  # centred on the Iraqi events
    bounds = (
        "var b = geoevents.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];"
    )
    west, south, east, north = browser.execute_script(bounds)
    assert west < 41.0 and east > 44.4 and south < 33.3 and north > 35.5  # every event site in view

    def shown(kind: str) -> list[str]:
        script = f"return [...document.querySelectorAll('.ge-{kind}-label')].map(e => e.textContent);"
        return [t.upper() for t in browser.execute_script(script)]

    near = shown("country")
    assert "IRAQ" in near and "BAGHDAD" in shown("town")
    browser.execute_script("geoevents.map.setZoom(2, {animate: false});")
    world = shown("country")
    assert 3 <= len(world) <= 25  # a world view names only the big countries
    assert "RUSSIA" in world and "LEBANON" not in world
    assert len(shown("town")) < 40 and len(shown("province")) == 0
    # city scale over Baghdad: towns and districts around it are named, provinces outlined
    browser.execute_script("geoevents.map.setView([33.31, 44.37], 10, {animate: false});")
    towns = _until(browser, "return document.querySelectorAll('.ge-town-label').length", lambda n: n >= 5)
    assert towns >= 5, towns
    assert "BAGHDAD" in shown("town")
    browser.save_screenshot(str(tmp_path / "city.png"))
    assert _not_blank(tmp_path / "city.png") > 50
    assert console_errors(browser) == []


# The README's pictures: written to docs/images when GEOEVENTS_DOCS_IMAGES=1 (make docs-images).
DOCS_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"


def _small_png(source: Path, target: Path, width: int) -> None:
    """A small palette PNG for the docs (about 100-200 kB)."""
    from PIL import Image

    image = Image.open(source).convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def test_docs_screenshots(browser: Any, outputs: dict[str, Path], tmp_path: Path) -> None:
    import os
    import time

    folder = DOCS_IMAGES if os.environ.get("GEOEVENTS_DOCS_IMAGES") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    shots = {
        "map-desktop.png": (1400, 900, False, "ev-strike", 1000),
        "map-phone.png": (390, 844, True, "ev-anbar", 390),
    }
    for name, (width, height, mobile, event_id, out_width) in shots.items():
        _viewport(browser, width, height, mobile)
        load(browser, outputs["map.html"])
        assert sum(_drawn(browser, 5)[:2]) == 5
        _open_popups_clear_of_panels(browser, [event_id])
        browser.execute_script("geoevents.showEvent(arguments[0])", event_id)
        _until(browser, POPUP_JS, lambda v, i=event_id: bool(v and i in v["text"] and not v["hits"]))
        time.sleep(0.6)  # the popup's fade-in
        raw = tmp_path / f"raw-{name}"
        browser.save_screenshot(str(raw))
        _small_png(raw, folder / name, out_width)
        assert _not_blank(folder / name) > 50
        assert (folder / name).stat().st_size < 400_000
    # city scale: towns named around the capital
    _viewport(browser, 1400, 900)
    load(browser, outputs["map.html"])
    browser.execute_script("geoevents.map.setView([33.31, 44.37], 10, {animate: false});")
    _until(browser, "return document.querySelectorAll('.ge-town-label').length", lambda n: n >= 5)
    raw = tmp_path / "raw-city.png"
    browser.save_screenshot(str(raw))
    _small_png(raw, folder / "map-city.png", 1000)
    assert _not_blank(folder / "map-city.png") > 50
