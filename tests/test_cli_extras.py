"""The costly outputs are asked for: ``geoevents run`` writes the static images with ``--images`` and the
report's PDF with ``--pdf``, imports matplotlib and WeasyPrint only then, and a set written without them
holds no stale images of an earlier run."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geoevents import outputs
from tests.test_faults import STAGES, assert_consistent, two_articles

ROOT = Path(__file__).resolve().parents[1]
IMAGES = {"map.png", "map.svg"}


@pytest.fixture
def real_writers(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``geoevents run`` with the stand-in stages and the real output writers."""
    from geoevents import pipeline
    from geoevents.parallel import Stages

    stages = dataclasses.replace(STAGES, write_outputs=Stages().write_outputs)
    monkeypatch.setattr(pipeline, "Stages", lambda: stages)
    return stages


def _run(inputs: Path, out: Path, *flags: str) -> dict[str, bytes]:
    from geoevents import cli

    assert cli.main(["run", str(inputs), "--out", str(out), "--no-progress", *flags]) == 0
    return assert_consistent(out)


def test_images_and_the_pdf_are_written_when_asked_and_gone_from_a_set_without_them(
    tmp_path: Path, real_writers: Any
) -> None:
    inputs, out = two_articles(tmp_path / "in"), tmp_path / "out"
    plain = _run(inputs, out)
    assert not IMAGES & set(plain) and "report.pdf" not in plain
    assert {"map.html", "report.html", "events.kmz", "geoevents.gpkg"} <= set(plain)
    assert b"<img class='map'" not in plain["report.html"] and b"map.html" in plain["report.html"]
    assert json.loads(plain["run.json"])["options"]["extras"] == []

    with_images = _run(inputs, out, "--images")
    assert set(with_images) >= IMAGES and "report.pdf" not in with_images
    assert with_images["map.png"].startswith(b"\x89PNG") and b"<svg" in with_images["map.svg"]
    assert b"<img class='map'" in with_images["report.html"]
    assert json.loads(with_images["run.json"])["options"]["extras"] == ["images"]

    again = _run(inputs, out)  # the new set has no images: none of the earlier run's is left beside it
    assert not IMAGES & set(again) and not any((out / name).exists() for name in IMAGES)
    assert {k: v for k, v in again.items() if k != "run.json"} == {
        k: v for k, v in plain.items() if k != "run.json"
    }


def test_the_pdf_brings_the_map_image_it_prints(tmp_path: Path, real_writers: Any) -> None:
    written = _run(two_articles(tmp_path / "in"), tmp_path / "out", "--pdf")
    assert set(written) >= IMAGES
    if "report.pdf" in written:  # where WeasyPrint's Pango is installed
        assert written["report.pdf"].startswith(b"%PDF")


def test_write_outputs_writes_only_the_extras_it_is_given(tmp_path: Path) -> None:
    from tests.test_outputs import sample_events, sample_results

    written = outputs.write_outputs(sample_results(), sample_events(), tmp_path, extras=())
    assert set(written) == set(outputs.FILES) - IMAGES - {"report.pdf"}
    with pytest.raises(ValueError, match="unknown optional outputs"):
        outputs.write_outputs(sample_results(), sample_events(), tmp_path / "x", extras=("png",))


def test_a_run_without_extras_never_imports_matplotlib_weasyprint_or_folium(tmp_path: Path) -> None:
    """Once the cache folder holds the KMZ's icons (the first process draws them); the offline map page
    is written without folium."""
    script = (
        "import sys\n"
        "from geoevents import outputs\n"
        "from tests.test_outputs import sample_events, sample_results\n"
        f"outputs.write_outputs(sample_results(), sample_events(), {str(tmp_path)!r}, extras=())\n"
        "print(sorted(m for m in ('matplotlib', 'weasyprint', 'folium') if m in sys.modules))\n"
    )
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600, check=True
        )
    assert done.stdout.strip() == "[]", done.stderr[-2000:]


def test_the_offline_map_page_is_the_page_folium_gives_for_the_same_map() -> None:
    from geoevents.outputs.webmap import build_map, map_data, offline_page, render_map
    from tests.test_outputs import sample_events, sample_results

    layers = outputs.frames_from_records(sample_results(), sample_events())
    for title in ("geoevents: reported events", "Kirkuk, 2019"):
        page = offline_page(map_data(layers, title=title), title=title)
        assert page == render_map(build_map(layers, title=title), title=title)
    assert "<title>A &lt;b&gt;</title>" in offline_page(map_data(layers), title="A <b>")
