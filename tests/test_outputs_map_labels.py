"""The map's labels never cover one another, at the desktop size and zooms a user opens it at, in a real
headless Chromium (``tests/_browser.py``): where two would collide the lower-ranked one is left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geoevents.outputs import write_outputs
from tests._browser import console_errors, load
from tests.test_outputs import sample_events, sample_results

pytestmark = pytest.mark.browser

# Every shown label's box on screen, with its kind and text.
BOXES_JS = """
return [...document.querySelectorAll('.ge-label-layer .ge-label > div')].map(function (e) {
  var r = e.getBoundingClientRect();
  return [e.className, e.textContent, r.left, r.top, r.right, r.bottom];
});
"""


def _overlapping(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    pairs = []
    for i, (_, a, left, top, right, bottom) in enumerate(boxes):
        for _, b, left2, top2, right2, bottom2 in boxes[i + 1 :]:
            if left < right2 - 1 and left2 < right - 1 and top < bottom2 - 1 and top2 < bottom - 1:
                pairs.append((a, b))
    return pairs


def test_labels_never_overlap_and_capitals_win_over_lesser_labels(browser: Any, tmp_path: Path) -> None:
    paths = write_outputs(sample_results(), sample_events(), tmp_path / "out")
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False},
    )
    load(browser, paths["map.html"])
    views = [None, ([33.0, 36.5], 6), ([32.5, 36.0], 7), ([33.3, 44.4], 8), ([30.0, 40.0], 4)]
    shown_at: dict[str, set[str]] = {}
    for view in views:
        if view is not None:
            center, zoom = view
            browser.execute_script(f"geoevents.map.setView({center}, {zoom}, {{animate: false}});")
        boxes = browser.execute_script(BOXES_JS)
        assert len(boxes) >= 8, (view, boxes)  # a view that names places, not an empty one
        assert _overlapping(boxes) == [], view
        shown_at[str(view)] = {text for _, text, *_ in boxes}
    levant = shown_at[str(([33.0, 36.5], 6))]
    assert {"Beirut", "Damascus", "Amman"} <= levant  # capitals close together all keep their names
    assert console_errors(browser) == []
