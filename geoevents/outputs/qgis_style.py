"""QGIS layer styles (QML) for the GeoPackage layers, stored in the ``layer_styles`` table.

QGIS looks for a row of ``layer_styles`` with the layer's table and geometry
column and ``useAsDefault`` set, and applies its ``styleQML`` when the layer is
opened. Events: symbol colour by ``event_type`` (categorised), size by
``fatalities``, a dashed outline and a dashed uncertainty ring for
``geo_precision`` 2 and 3, labels by place with the highest priority, and the
Temporal Controller set on ``event_date`` (each event shown on its day). Areas
are outlines whose labels never push other labels away (not obstacles), so the
event and place labels still show once they are loaded.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from geoevents.outputs.style import (
    AREA_COLOR,
    BORDER_COLOR,
    EVENT_COLORS,
    EVENT_TYPES,
    OTHER,
    PLACE_COLOR,
)

QGIS_VERSION = "3.22.0-Białowieża"


def _rgba(hex_color: str, alpha: int = 255) -> str:
    h = hex_color.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha}"


def _props(layer: ET.Element, props: dict[str, str]) -> None:
    for key, value in props.items():
        ET.SubElement(layer, "prop", k=key, v=value)


def _data_defined(layer: ET.Element, expressions: dict[str, str]) -> None:
    wrapper = ET.SubElement(ET.SubElement(layer, "data_defined_properties"), "Option", type="Map")
    ET.SubElement(wrapper, "Option", name="name", type="QString", value="")
    properties = ET.SubElement(wrapper, "Option", name="properties", type="Map")
    for key, expression in expressions.items():
        prop = ET.SubElement(properties, "Option", name=key, type="Map")
        ET.SubElement(prop, "Option", name="active", type="bool", value="true")
        ET.SubElement(prop, "Option", name="expression", type="QString", value=expression)
        ET.SubElement(prop, "Option", name="type", type="int", value="3")
    ET.SubElement(wrapper, "Option", name="type", type="QString", value="collection")


def _symbol(parent: ET.Element, kind: str, name: str) -> ET.Element:
    return ET.SubElement(parent, "symbol", type=kind, name=name, alpha="1", clip_to_extent="1", force_rhr="0")


def _symbol_layer(symbol: ET.Element, cls: str) -> ET.Element:
    return ET.SubElement(symbol, "layer", {"class": cls, "enabled": "1", "pass": "0", "locked": "0"})


def _marker_props(
    color: str, size: str, *, fill_alpha: int = 220, stroke: str = "35,35,35,255"
) -> dict[str, str]:
    return {
        "angle": "0",
        "color": _rgba(color, fill_alpha),
        "horizontal_anchor_point": "1",
        "joinstyle": "bevel",
        "name": "circle",
        "offset": "0,0",
        "offset_unit": "MM",
        "outline_color": stroke,
        "outline_style": "solid",
        "outline_width": "0.3",
        "outline_width_unit": "MM",
        "scale_method": "diameter",
        "size": size,
        "size_unit": "MM",
        "vertical_anchor_point": "1",
    }


SIZE_BY_FATALITIES = 'min(3 + 1.2 * sqrt(coalesce("fatalities", 0)), 12)'
RING_SIZE_BY_PRECISION = 'CASE WHEN "geo_precision" >= 3 THEN 16 ELSE 10 END'
OUTLINE_BY_PRECISION = "CASE WHEN \"geo_precision\" >= 2 THEN 'dash' ELSE 'solid' END"


def _event_symbol(parent: ET.Element, name: str, color: str) -> None:
    symbol = _symbol(parent, "marker", name)
    ring = _symbol_layer(symbol, "SimpleMarker")
    _props(
        ring, {**_marker_props(color, "10", fill_alpha=40, stroke=_rgba(color, 255)), "outline_style": "dash"}
    )
    _data_defined(ring, {"enabled": '"geo_precision" >= 2', "size": RING_SIZE_BY_PRECISION})
    dot = _symbol_layer(symbol, "SimpleMarker")
    _props(dot, _marker_props(color, "3"))
    _data_defined(dot, {"size": SIZE_BY_FATALITIES, "outlineStyle": OUTLINE_BY_PRECISION})


# Label priorities (QGIS: 0 lowest, 10 highest): when labels compete, events win, then places.
LABEL_PRIORITY: dict[str, int] = {"events": 10, "places": 6, "borders": 4, "areas": 2}


def _root() -> ET.Element:
    return ET.Element(
        "qgis",
        version=QGIS_VERSION,
        styleCategories="Symbology|Labeling|Temporal|Rendering",
        labelsEnabled="0",
    )


def _temporal(root: ET.Element, field: str = "event_date") -> None:
    """Temporal properties: each feature is an instant at ``field``, shown for one day."""
    temporal = ET.SubElement(
        root,
        "temporal",
        enabled="1",
        mode="1",  # QgsVectorLayerTemporalProperties.ModeFeatureDateTimeInstantFromField
        limitMode="0",
        startField=field,
        endField="",
        startExpression="",
        endExpression="",
        durationField="",
        durationUnit="d",
        fixedDuration="1",
        accumulate="0",
    )
    fixed = ET.SubElement(temporal, "fixedRange")
    ET.SubElement(fixed, "start")
    ET.SubElement(fixed, "end")


# Label text by layer: events stand out (bold, dark, larger); everything else is quieter.
LABEL_TEXT: dict[str, dict[str, str]] = {
    "events": {"fontSize": "8.5", "textColor": "20,20,20,255", "fontWeight": "75", "namedStyle": "Bold"},
    "other": {"fontSize": "7.5", "textColor": "90,90,90,255", "fontWeight": "50", "namedStyle": "Regular"},
}


def _labeling(
    root: ET.Element,
    field: str,
    placement: int,
    *,
    priority: int = 5,
    obstacle: bool = True,
    text: str = "other",
) -> None:
    """Simple labels; placement 0 around a point, 1 over a polygon centroid, 2 along a line.

    ``priority`` decides which label QGIS keeps when two collide; a layer that is not an
    ``obstacle`` lets other layers' labels sit over its features.
    """
    root.set("labelsEnabled", "1")
    labeling = ET.SubElement(root, "labeling", type="simple")
    settings = ET.SubElement(labeling, "settings", calloutType="simple")
    attributes = {
        "fieldName": field,
        "isExpression": "0",
        "fontSizeUnit": "Point",
        "fontFamily": "Sans Serif",
    }
    ET.SubElement(settings, "text-style", {**attributes, **LABEL_TEXT[text]})
    buffer = ET.SubElement(settings, "text-buffer")
    buffer.attrib.update(
        bufferDraw="1", bufferSize="0.8", bufferSizeUnits="MM", bufferColor="255,255,255,255"
    )
    ET.SubElement(settings, "placement", placement=str(placement), dist="1.5", distUnits="MM")
    ET.SubElement(
        settings,
        "rendering",
        obstacle="1" if obstacle else "0",
        obstacleFactor="1",
        obstacleType="0",
        priority=str(priority),
        scaleVisibility="0",
        drawLabels="1",
        displayAll="0",
    )


def _to_text(root: ET.Element, geometry_type: int, *, opacity: float = 1.0) -> str:
    ET.SubElement(root, "layerOpacity").text = f"{opacity:g}"
    ET.SubElement(root, "blendMode").text = "0"
    ET.SubElement(root, "featureBlendMode").text = "0"
    ET.SubElement(root, "layerGeometryType").text = str(geometry_type)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + body + "\n"


def events_qml() -> str:
    root = _root()
    renderer = ET.SubElement(
        root,
        "renderer-v2",
        type="categorizedSymbol",
        attr="event_type",
        forceraster="0",
        symbollevels="0",
        enableorderby="1",
    )
    categories = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    labels = [*EVENT_TYPES, OTHER]
    for index, label in enumerate(labels):
        # The category with an empty value is QGIS' "all other values".
        value = "" if label == OTHER else label
        ET.SubElement(categories, "category", render="true", symbol=str(index), value=value, label=label)
        _event_symbol(symbols, str(index), EVENT_COLORS[label])
    order = ET.SubElement(renderer, "orderby")
    ET.SubElement(order, "orderByClause", asc="0", nullsFirst="0").text = 'coalesce("fatalities", 0)'
    _labeling(root, "location", 0, priority=LABEL_PRIORITY["events"], text="events")
    _temporal(root)
    return _to_text(root, 0)


def event_mentions_qml() -> str:
    """Places an event only names: small grey rings at half opacity, unlabelled, on the event's day."""
    root = _root()
    renderer = ET.SubElement(root, "renderer-v2", type="singleSymbol", forceraster="0", symbollevels="0")
    symbol = _symbol(ET.SubElement(renderer, "symbols"), "marker", "0")
    props = _marker_props(PLACE_COLOR, "2.4", fill_alpha=0, stroke=_rgba(PLACE_COLOR, 200))
    _props(_symbol_layer(symbol, "SimpleMarker"), {**props, "outline_style": "dot"})
    _temporal(root)
    return _to_text(root, 0, opacity=0.5)


def _dashed(prefix: str, color: str, width: str) -> dict[str, str]:
    """A dashed stroke in millimetres (``outline_*`` of a fill, ``line_*`` of a line)."""
    return {
        f"{prefix}_color": _rgba(color, 255),
        f"{prefix}_style": "dash",
        f"{prefix}_width": width,
        f"{prefix}_width_unit": "MM",
    }


def _single_symbol_qml(
    kind: str,
    layer_class: str,
    props: dict[str, str],
    *,
    label_placement: int,
    geometry_type: int,
    priority: int = 5,
    obstacle: bool = True,
) -> str:
    """A style with one symbol (of one symbol layer) for every feature, labelled by ``name``.

    ``kind`` is QGIS' symbol type (marker, fill, line), ``geometry_type`` its layer geometry
    type (0 point, 1 line, 2 polygon); ``label_placement`` as for :func:`_labeling`.
    """
    root = _root()
    renderer = ET.SubElement(root, "renderer-v2", type="singleSymbol", forceraster="0", symbollevels="0")
    symbol = _symbol(ET.SubElement(renderer, "symbols"), kind, "0")
    _props(_symbol_layer(symbol, layer_class), props)
    _labeling(root, "name", label_placement, priority=priority, obstacle=obstacle)
    return _to_text(root, geometry_type)


def places_qml() -> str:
    marker = _marker_props(PLACE_COLOR, "1.8", stroke="255,255,255,255")
    return _single_symbol_qml(
        "marker",
        "SimpleMarker",
        marker,
        label_placement=0,
        geometry_type=0,
        priority=LABEL_PRIORITY["places"],
    )


def areas_qml() -> str:
    fill = {
        "color": _rgba(AREA_COLOR, 0),
        "style": "no",
        **_dashed("outline", AREA_COLOR, "0.5"),
        "joinstyle": "bevel",
        "offset": "0,0",
        "offset_unit": "MM",
    }
    return _single_symbol_qml(
        "fill",
        "SimpleFill",
        fill,
        label_placement=1,
        geometry_type=2,
        priority=LABEL_PRIORITY["areas"],
        obstacle=False,
    )


def borders_qml() -> str:
    line = {
        **_dashed("line", BORDER_COLOR, "0.9"),
        "capstyle": "round",
        "joinstyle": "round",
        "offset": "0",
        "offset_unit": "MM",
    }
    return _single_symbol_qml(
        "line", "SimpleLine", line, label_placement=2, geometry_type=1, priority=LABEL_PRIORITY["borders"]
    )


LAYER_QML = {
    "events": events_qml,
    "event_mentions": event_mentions_qml,
    "places": places_qml,
    "areas": areas_qml,
    "borders": borders_qml,
}
