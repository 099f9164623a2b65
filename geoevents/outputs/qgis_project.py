"""A QGIS project (``geoevents.qgz``) that opens every GeoPackage layer styled, in one step.

The project is a zipped ``.qgs`` XML document. Each layer refers to the
GeoPackage by a relative path (``./geoevents.gpkg|layername=events``), so the
folder can be moved or shared as a whole. The layer styles are the same QML as
the GeoPackage's ``layer_styles``; the project adds the layer order, which
layers are on (the places an event only names start off), the extent, and the
Temporal Controller's range and step (one day), set to animate.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, timedelta
from xml.etree import ElementTree as ET

import geopandas as gpd
from pyproj import CRS

from geoevents.atomic import atomic_write_bytes
from geoevents.outputs.archive import zip_bytes
from geoevents.outputs.frames import event_dates
from geoevents.outputs.qgis_style import LAYER_QML, QGIS_VERSION

# Top of the layer panel first; off by default: the places an event's text only names.
LAYER_ORDER: tuple[str, ...] = ("events", "event_mentions", "places", "borders", "areas")
HIDDEN: frozenset[str] = frozenset({"event_mentions"})
LAYER_TITLES: dict[str, str] = {
    "events": "Events (one point per site)",
    "event_mentions": "Places the events only name",
    "places": "Places named",
    "borders": "Borders named",
    "areas": "Regions named",
}
GEOMETRY_NAMES = {"Point": "Point", "MultiLineString": "Line", "MultiPolygon": "Polygon"}
ANIMATED = 1  # QgsTemporalNavigationObject.Animated


def _srs(parent: ET.Element) -> None:
    wgs84 = CRS.from_epsg(4326)
    srs = ET.SubElement(parent, "spatialrefsys")
    ET.SubElement(srs, "wkt").text = wgs84.to_wkt()
    ET.SubElement(srs, "proj4").text = "+proj=longlat +datum=WGS84 +no_defs"
    ET.SubElement(srs, "srid").text = "4326"
    ET.SubElement(srs, "authid").text = "EPSG:4326"
    ET.SubElement(srs, "description").text = "WGS 84"
    ET.SubElement(srs, "projectionacronym").text = "longlat"
    ET.SubElement(srs, "ellipsoidacronym").text = "EPSG:7030"
    ET.SubElement(srs, "geographicflag").text = "true"


def _extent(parent: ET.Element, bounds: tuple[float, float, float, float]) -> None:
    extent = ET.SubElement(parent, "extent")
    for key, value in zip(("xmin", "ymin", "xmax", "ymax"), bounds, strict=True):
        ET.SubElement(extent, key).text = f"{value:.6f}"


def _bounds(layers: Mapping[str, gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    """The events' box with a margin (the places' when there are no events; the world when empty)."""
    for name in ("events", "places"):
        frame = layers.get(name)
        if frame is not None and len(frame):
            minx, miny, maxx, maxy = (float(v) for v in frame.total_bounds)
            pad = max(maxx - minx, maxy - miny, 1.0) * 0.15
            return (
                max(minx - pad, -180.0),
                max(miny - pad, -90.0),
                min(maxx + pad, 180.0),
                min(maxy + pad, 90.0),
            )
    return (-180.0, -90.0, 180.0, 90.0)


def _layer_id(name: str) -> str:
    return f"geoevents_{name}"


def _map_layer(parent: ET.Element, name: str, frame: gpd.GeoDataFrame, gpkg_name: str) -> None:
    geometry = GEOMETRY_NAMES.get(next(iter(set(frame.geom_type)), "Point"), "Point")
    style = ET.fromstring(LAYER_QML[name]().split("\n", 1)[1])
    layer = ET.SubElement(
        parent,
        "maplayer",
        type="vector",
        geometry=geometry,
        labelsEnabled=style.get("labelsEnabled", "0"),
        styleCategories="AllStyleCategories",
        hasScaleBasedVisibilityFlag="0",
    )
    ET.SubElement(layer, "id").text = _layer_id(name)
    ET.SubElement(layer, "datasource").text = f"./{gpkg_name}|layername={name}"
    ET.SubElement(layer, "layername").text = LAYER_TITLES.get(name, name)
    _srs(ET.SubElement(layer, "srs"))
    ET.SubElement(layer, "provider", encoding="UTF-8").text = "ogr"
    for child in style:
        layer.append(child)


def _time_settings(parent: ET.Element, days: list[date]) -> None:
    settings = ET.SubElement(
        parent,
        "ProjectTimeSettings",
        timeStep="1",
        timeStepUnit="d",
        frameRate="1",
        cumulativeTemporalRange="0",
    )
    if days:
        span = ET.SubElement(settings, "TemporalRange")
        ET.SubElement(span, "start").text = f"{days[0].isoformat()}T00:00:00Z"
        ET.SubElement(span, "end").text = f"{(days[-1] + timedelta(days=1)).isoformat()}T00:00:00Z"


def _entry(parent: ET.Element, path: str, kind: str, value: str) -> None:
    node = parent
    for part in path.split("/"):
        found = node.find(part)
        node = found if found is not None else ET.SubElement(node, part)
    node.set("type", kind)
    node.text = value


def project_xml(layers: Mapping[str, gpd.GeoDataFrame], *, gpkg_name: str = "geoevents.gpkg") -> str:
    """The ``.qgs`` document for the layers present (each non-empty layer of ``LAYER_ORDER``)."""
    names = [n for n in LAYER_ORDER if n in layers and n in LAYER_QML and len(layers[n])]
    root = ET.Element("qgis", projectname="geoevents", version=QGIS_VERSION)
    ET.SubElement(root, "homePath", path="")
    ET.SubElement(root, "title").text = "geoevents"
    _srs(ET.SubElement(root, "projectCrs"))
    tree = ET.SubElement(root, "layer-tree-group")
    ET.SubElement(tree, "customproperties")
    for name in names:
        ET.SubElement(
            tree,
            "layer-tree-layer",
            id=_layer_id(name),
            name=LAYER_TITLES.get(name, name),
            source=f"./{gpkg_name}|layername={name}",
            providerKey="ogr",
            checked="Qt::Unchecked" if name in HIDDEN else "Qt::Checked",
            expanded="1" if name == "events" else "0",
        )
    canvas = ET.SubElement(root, "mapcanvas", name="theMapCanvas", annotationsVisible="1")
    ET.SubElement(canvas, "units").text = "degrees"
    _extent(canvas, _bounds(layers))
    _srs(ET.SubElement(canvas, "destinationsrs"))
    projectlayers = ET.SubElement(root, "projectlayers")
    for name in names:
        _map_layer(projectlayers, name, layers[name], gpkg_name)
    order = ET.SubElement(root, "layerorder")
    for name in names:
        ET.SubElement(order, "layer", id=_layer_id(name))
    days = event_dates(layers["events"]) if "events" in layers else []
    _time_settings(root, days)
    properties = ET.SubElement(root, "properties")
    _entry(properties, "Paths/Absolute", "bool", "false")
    _entry(properties, "TemporalControllerWidget/NavigationMode", "int", str(ANIMATED))
    if days:  # the first frame, which clients that read the controller's state open on
        first = f"{days[0].isoformat()}T00:00:00.000Z"
        last = f"{(days[0] + timedelta(days=1)).isoformat()}T00:00:00.000Z"
        _entry(properties, "TemporalControllerWidget/StartDateTime", "QString", first)
        _entry(properties, "TemporalControllerWidget/EndDateTime", "QString", last)
    ET.indent(root)
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )


def qgz_bytes(layers: Mapping[str, gpd.GeoDataFrame], *, gpkg_name: str = "geoevents.gpkg") -> bytes:
    """The ``.qgz`` archive: one ``geoevents.qgs`` entry, with a fixed time so reruns give the same bytes."""
    return zip_bytes([("geoevents.qgs", project_xml(layers, gpkg_name=gpkg_name).encode("utf-8"))])


def write_qgis_project(
    layers: Mapping[str, gpd.GeoDataFrame], path: str | os.PathLike[str], *, gpkg_name: str = "geoevents.gpkg"
) -> None:
    """Write the QGIS project next to the GeoPackage it refers to (atomically)."""
    atomic_write_bytes(path, qgz_bytes(layers, gpkg_name=gpkg_name))
