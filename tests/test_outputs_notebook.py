"""The walk-through notebook runs from the sample articles to the map and QGIS-ready files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


@pytest.mark.slow
def test_walkthrough_notebook_executes(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    out = tmp_path / "out"
    env = {"GEOEVENTS_ROOT": str(ROOT), "GEOEVENTS_OUT": str(out)}
    old = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        client = nbclient.NotebookClient(
            notebook,
            timeout=900,
            kernel_name="python3",
            resources={"metadata": {"path": str(ROOT / "notebooks")}},
        )
        client.execute()
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    errors = [
        o for cell in notebook.cells for o in cell.get("outputs", []) if o.get("output_type") == "error"
    ]
    assert errors == []
    for name in ("events.csv", "geoevents.gpkg", "map.html", "map.png", "report.html"):
        assert (out / name).stat().st_size > 0, name
    # the styles cell shows a default style for every layer
    styles_cell = next(c for c in notebook.cells if c.cell_type == "code" and "layer_styles" in c.source)
    shown = "".join(str(o.get("data", {}).get("text/plain", "")) for o in styles_cell.outputs)
    for layer in ("events", "places", "areas", "borders"):
        assert layer in shown
