"""report.html printed by headless Chromium (its print-to-PDF, as a user's print dialog) on A4 and Letter."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

import pytest

from geoevents.outputs import write_outputs
from tests.test_outputs import sample_events, sample_results

pytestmark = pytest.mark.browser

# Paper sizes in inches, as Chromium's DevTools printToPDF takes them.
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_report_prints_on_a4_and_letter_with_page_numbers(browser: Any, tmp_path: Path, paper: str) -> None:
    from pypdf import PdfReader

    paths = write_outputs(sample_results(), sample_events(), tmp_path / "out")
    browser.get(paths["report.html"].as_uri())
    width, height = PAPERS[paper]
    printed = browser.execute_cdp_cmd(
        "Page.printToPDF",
        {"paperWidth": width, "paperHeight": height, "preferCSSPageSize": False, "printBackground": True},
    )
    reader = PdfReader(io.BytesIO(base64.b64decode(printed["data"])))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / 72 - width) < 0.02 and abs(float(box.height) / 72 - height) < 0.02
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"Page 1 of {len(reader.pages)}" in text  # the @page margin boxes, in the browser too
    assert "As of 2019-12-31" in text and "Method and caveats" in text and "ev-strike" in text
    # nothing runs off the page: the table fits the narrower paper's width
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
