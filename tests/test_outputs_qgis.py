"""QGIS opens the GeoPackage and applies the stored default style to each layer (where QGIS is installed).

python3-qgis lives in Debian's Python, not in the project's virtual environment, so
the QGIS part runs in a subprocess of the system interpreter with an offscreen Qt
platform; the test skips with the reason when that interpreter has no QGIS.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from geoevents.outputs import write_outputs
from tests.test_outputs import sample_events, sample_results

SYSTEM_PYTHON = Path("/usr/bin/python3")

# Runs inside QGIS: opens each layer as QGIS does (default style from layer_styles on load)
# and reports what it found as JSON on the last line of stdout.
QGIS_PROBE = r"""
import json, os, sys
from qgis.core import (QgsApplication, QgsExpressionContext, QgsExpressionContextUtils,
                       QgsSymbolLayer, QgsVectorLayer)
app = QgsApplication([], False)
app.initQgis()
report = {}
for name in ("events", "places", "areas", "borders"):
    layer = QgsVectorLayer(f"{sys.argv[1]}|layername={name}", name, "ogr")
    info = {"valid": layer.isValid(), "count": layer.featureCount(), "geometry": int(layer.geometryType()),
            "renderer": layer.renderer().type() if layer.renderer() else None,
            "labels": layer.labelsEnabled(),
            "fields": {f.name(): f.typeName() for f in layer.fields()}}
    renderer = layer.renderer()
    if info["renderer"] == "categorizedSymbol":
        info["attribute"] = renderer.classAttribute()
        categories = renderer.categories()
        info["categories"] = [c.value() for c in categories]
        features = []
        for feature in layer.getFeatures():
            context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
            context.setFeature(feature)
            index = renderer.categoryIndexForValue(feature["event_type"])
            symbol = categories[index if index >= 0 else len(categories) - 1].symbol()
            ring, dot = symbol.symbolLayer(0), symbol.symbolLayer(1)
            ring_on = ring.dataDefinedProperties().property(QgsSymbolLayer.PropertyLayerEnabled)
            size = dot.dataDefinedProperties().property(QgsSymbolLayer.PropertySize)
            stroke = dot.dataDefinedProperties().property(QgsSymbolLayer.PropertyStrokeStyle)
            features.append({
                "event_id": feature["event_id"], "precision": feature["geo_precision"],
                "fatalities": feature["fatalities"] if feature["fatalities"] is not None else None,
                "color": symbol.color().name(),
                "size": size.valueAsDouble(context, dot.size())[0],
                "stroke": stroke.valueAsString(context, "solid")[0],
                "ring": ring_on.valueAsBool(context, True)[0],
            })
        info["features"] = features
    report[name] = info
print(json.dumps(report, default=str), flush=True)
os._exit(0)  # skip Qt's teardown, which can crash offscreen after the work is done
"""


def _qgis_report(gpkg: Path) -> dict[str, Any]:
    if not SYSTEM_PYTHON.exists():
        pytest.skip("no system Python to run QGIS with")
    has_qgis = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import qgis.core"], capture_output=True, text=True, check=False
    )
    if has_qgis.returncode != 0:
        pytest.skip(
            "python3-qgis is not installed (apt-get install python3-qgis qgis-providers to run this test)"
        )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    done = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", QGIS_PROBE, str(gpkg)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # GDAL under QGIS reads the file without complaint (GeoPackage version, DATETIME form)
    assert "Warning" not in done.stderr, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_qgis_loads_each_layer_with_its_default_style(tmp_path: Path) -> None:
    paths = write_outputs(sample_results(), sample_events(), tmp_path)
    report = _qgis_report(paths["geoevents.gpkg"])
    expected = {"events": ("categorizedSymbol", 0), "places": ("singleSymbol", 0)}
    expected |= {"areas": ("singleSymbol", 2), "borders": ("singleSymbol", 1)}
    for name, (renderer, geometry) in expected.items():
        layer = report[name]
        assert layer["valid"] and layer["count"] > 0, name
        assert layer["renderer"] == renderer, name  # the stored default style was applied on open
        assert layer["geometry"] == geometry, name
    assert report["places"]["labels"] and report["areas"]["labels"]
    assert report["events"]["fields"]["event_date"] == "Date"
    assert report["events"]["fields"]["is_primary"] == "Boolean"

    events = report["events"]
    assert events["attribute"] == "event_type"
    assert len(events["categories"]) == 7 and events["categories"][-1] == ""
    by_id: dict[str, dict[str, Any]] = {}
    for feature in events["features"]:
        by_id.setdefault(feature["event_id"], feature)
    # colour by event type: both explosions share a colour, other types differ
    assert by_id["ev-strike"]["color"] == by_id["ev-k1"]["color"] != by_id["ev-anbar"]["color"]
    # size grows with fatalities (25 > 4 > 1 > none)
    sizes = [by_id[i]["size"] for i in ("ev-strike", "ev-anbar", "ev-k1", "ev-funeral")]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1] + 3
    # precision: solid outline and no ring for 1, dashed outline and a ring for 2 and 3
    assert (by_id["ev-k1"]["stroke"], by_id["ev-k1"]["ring"]) == ("solid", False)
    for ident in ("ev-funeral", "ev-anbar", "ev-hostile"):
        assert (by_id[ident]["stroke"], by_id[ident]["ring"]) == ("dash", True), ident


# Opens the project as QGIS does, then renders it once and counts the labels the labelling engine placed.
PROJECT_PROBE = r"""
import json, os, sys
from qgis.core import QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsProject
from qgis.PyQt.QtCore import QSize
app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
report = {"read": project.read(sys.argv[1]), "layers": {}}
root = project.layerTreeRoot()
for layer in project.mapLayers().values():
    node = root.findLayer(layer.id())
    report["layers"][layer.source().split("layername=")[-1]] = {
        "valid": layer.isValid(), "count": layer.featureCount(), "labels": layer.labelsEnabled(),
        "temporal": layer.temporalProperties().isActive(), "visible": node.isVisible(),
        "renderer": layer.renderer().type(),
    }
settings = QgsMapSettings()
settings.setLayers([l for l in root.checkedLayers()])
settings.setDestinationCrs(project.crs())
settings.setOutputSize(QSize(1200, 900))
settings.setExtent(settings.fullExtent())
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
results = job.takeLabelingResults()
labels = results.allLabels() if results else []
report["labels_placed"] = len(labels)
report["labelled_layers"] = sorted({project.mapLayer(l.layerID).name() for l in labels})
span = project.timeSettings().temporalRange()
report["time_range"] = [span.begin().toString("yyyy-MM-dd"), span.end().toString("yyyy-MM-dd")]
# the first animation frame (the project's first day): which events does the Temporal Controller show?
from qgis.core import QgsDateTimeRange, QgsFeatureRequest, QgsVectorLayerTemporalContext
events = next(l for l in project.mapLayers().values() if l.source().endswith("layername=events"))
context = QgsVectorLayerTemporalContext()
context.setLayer(events)
first_day = QgsDateTimeRange(span.begin(), span.begin().addDays(1), True, False)
expression = events.temporalProperties().createFilterString(context, first_day)
request = QgsFeatureRequest().setFilterExpression(expression)
report["first_frame"] = sorted(f["event_id"] for f in events.getFeatures(request))
report["navigation"] = project.readNumEntry("TemporalControllerWidget", "/NavigationMode", -1)[0]
report["frame_start"] = project.readEntry("TemporalControllerWidget", "/StartDateTime", "")[0]
print(json.dumps(report, default=str), flush=True)
os._exit(0)
"""


def _run_probe(probe: str, path: Path) -> dict[str, Any]:
    if not SYSTEM_PYTHON.exists():
        pytest.skip("no system Python to run QGIS with")
    has_qgis = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import qgis.core"], capture_output=True, text=True, check=False
    )
    if has_qgis.returncode != 0:
        pytest.skip("python3-qgis is not installed (apt-get install python3-qgis qgis-providers)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    done = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", probe, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_qgis_project_opens_every_layer_styled_labelled_and_animated(tmp_path: Path) -> None:
    paths = write_outputs(sample_results(), sample_events(), tmp_path / "moved-later")
    moved = tmp_path / "elsewhere"
    paths["geoevents.gpkg"].parent.rename(moved)  # relative paths: the folder can move
    report = _run_probe(PROJECT_PROBE, moved / "geoevents.qgz")
    assert report["read"]
    layers = report["layers"]
    assert set(layers) == {"events", "event_mentions", "places", "areas", "borders"}
    for name, layer in layers.items():
        assert layer["valid"] and layer["count"] > 0, name
    assert layers["events"]["renderer"] == "categorizedSymbol"
    assert layers["events"]["temporal"] and layers["event_mentions"]["temporal"]
    assert not layers["event_mentions"]["visible"] and layers["events"]["visible"]
    # the areas layer is on, and still the event and place labels are placed
    assert layers["areas"]["visible"]
    assert report["labels_placed"] > 0
    # events win where their labels compete with places on the same spot (label priority)
    assert "Events (one point per site)" in report["labelled_layers"]
    assert report["time_range"][0] == "2019-12-27"
    # the first day's events, and the undated one, which QGIS keeps on in every frame
    assert report["first_frame"] == ["ev-hostile", "ev-k1"]
    assert report["navigation"] == 1 and report["frame_start"].startswith("2019-12-27T00:00:00")
