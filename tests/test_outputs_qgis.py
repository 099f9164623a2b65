"""QGIS opens the GeoPackage and applies the stored default style to each layer (where QGIS is installed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from geoevents.outputs import write_outputs
from tests.test_outputs import sample_events, sample_results

SYSTEM_PACKAGES = Path("/usr/lib/python3/dist-packages")


def _qgis_core():  # type: ignore[no-untyped-def]
    try:
        import qgis.core
    except ImportError:
        if not (SYSTEM_PACKAGES / "qgis").is_dir():
            pytest.skip("python3-qgis is not installed (apt-get install python3-qgis to run this test)")
        sys.path.append(str(SYSTEM_PACKAGES))
        try:
            import qgis.core
        except ImportError as exc:
            pytest.skip(f"python3-qgis is installed but not importable from this Python: {exc}")
    return qgis.core


def test_qgis_loads_each_layer_with_its_default_style(tmp_path: Path) -> None:
    core = _qgis_core()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = core.QgsApplication([], False)
    app.initQgis()
    try:
        paths = write_outputs(sample_results(), sample_events(), tmp_path)
        expected = {
            "events": "categorizedSymbol",
            "places": "singleSymbol",
            "areas": "singleSymbol",
            "borders": "singleSymbol",
        }
        for layer_name, renderer in expected.items():
            layer = core.QgsVectorLayer(
                f"{paths['geoevents.gpkg']}|layername={layer_name}", layer_name, "ogr"
            )
            assert layer.isValid(), layer_name
            message, loaded = layer.loadDefaultStyle()
            assert loaded, f"{layer_name}: {message}"
            assert layer.renderer().type() == renderer
        events = core.QgsVectorLayer(f"{paths['geoevents.gpkg']}|layername=events", "events", "ogr")
        events.loadDefaultStyle()
        assert events.renderer().classAttribute() == "event_type"
        assert len(events.renderer().categories()) == 7
    finally:
        app.exitQgis()
