"""Google Earth: ``events.kmz``, one placemark per event site, styled by event type, with time stamps.

A KMZ is a zip holding ``doc.kml`` and the files it refers to. Its icons are drawn
here (one shape and colour per event type) and shipped inside, so Google Earth
needs no network to show them. Each description is HTML built from escaped
article text; ElementTree then escapes it again as XML text, which is how KML
carries HTML. The same events give the same bytes.
"""

from __future__ import annotations

import html
import io
import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.metadata import version
from xml.etree import ElementTree as ET

from geoevents.atomic import atomic_write_bytes
from geoevents.diskcache import cached
from geoevents.outputs.archive import zip_bytes
from geoevents.outputs.citations import SourceRef, caveats, event_sources
from geoevents.outputs.frames import NAMED_ONLY, event_sites, event_sort_key
from geoevents.outputs.style import EVENT_TYPES, OTHER, event_color, event_type_key, slug
from geoevents.records import Event

KML_NS = "http://www.opengis.net/kml/2.2"
DEFAULT_TITLE = "geoevents: reported events"
# A shape per event type, so types differ without colour (matplotlib marker codes).
EVENT_SHAPES: dict[str, str] = {
    "Battles": "X",
    "Explosions/Remote violence": "*",
    "Violence against civilians": "v",
    "Protests": "o",
    "Riots": "s",
    "Strategic developments": "D",
    OTHER: "h",
}


_DATE_PRECISION: dict[int | None, str] = {1: "to the day", 2: "to the week", 3: "to the month"}
_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]")


def placemark_id(event_id: str, feature_id: str) -> str:
    """A valid XML id (KML ids are xsd:ID, so no ':' or '@') for an event at one place."""
    ident = _NOT_ID.sub("_", f"{event_id}.{feature_id}")
    return ident if ident[:1].isalpha() or ident[:1] == "_" else f"_{ident}"


def icon_png(event_type: str) -> bytes:
    """A 64 px icon: the type's shape in its colour with a white edge, on a transparent ground."""
    return _icons()[event_type_key(event_type)]


ICONS_FORMAT = 1  # bump when how an icon is drawn changes


@cache
def _icons() -> dict[str, bytes]:
    """Every type's icon, drawn once and kept in the cache folder (matplotlib takes a second to load)."""
    labels = (*EVENT_TYPES, OTHER)
    look = [(label, EVENT_SHAPES[label], event_color(label)) for label in labels]
    key = f"{ICONS_FORMAT}:{version('matplotlib')}:{look}"
    return cached("kmzicons", key, lambda: {label: _draw_icon(label) for label in labels}, dict)


def _draw_icon(label: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(0.64, 0.64), dpi=100)
    try:
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_axis_off()
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1, 1)
        ax.scatter(
            [0],
            [0],
            s=1500,
            marker=EVENT_SHAPES[label],
            color=event_color(label),
            edgecolors="white",
            linewidths=2.5,
        )
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", transparent=True, metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _kml_color(hex_color: str, alpha: int = 255) -> str:
    """KML's aabbggrr from ``#rrggbb``."""
    h = hex_color.lstrip("#")
    return f"{alpha:02x}{h[4:6]}{h[2:4]}{h[0:2]}"


def _style(document: ET.Element, label: str) -> str:
    key = f"type-{slug(label)}"
    style = ET.SubElement(document, "Style", id=key)
    icon_style = ET.SubElement(style, "IconStyle")
    ET.SubElement(icon_style, "color").text = "ffffffff"
    ET.SubElement(icon_style, "scale").text = "1.0"
    ET.SubElement(ET.SubElement(icon_style, "Icon"), "href").text = f"files/{key}.png"
    ET.SubElement(ET.SubElement(style, "LabelStyle"), "scale").text = "0.8"
    line = ET.SubElement(style, "LineStyle")
    ET.SubElement(line, "color").text = _kml_color(event_color(label))
    return key


def description_html(event: Event, *, sources: Mapping[str, SourceRef] | None = None, sites: int = 1) -> str:
    """The balloon text: what, when, figures with their caveats, the evidence, and linked sources."""
    esc = html.escape
    when = event.event_date.isoformat() if event.event_date else "undated"
    lines = [
        f"<b>{esc(event.event_type)}</b>: {esc(event.sub_event_type)}<br>",
        f"Date: {esc(when)} ({esc(_DATE_PRECISION.get(event.time_precision, 'precision unknown'))})<br>",
    ]
    actors = " vs ".join(esc(a) for a in (event.actor1, event.actor2) if a)
    if actors:
        lines.append(f"Actors: {actors}<br>")
    figures = [
        f"{label}: {value}"
        for label, value in (("Fatalities", event.fatalities), ("Injuries", event.injuries))
        if value is not None
    ]
    if figures:
        lines.append(esc(", ".join(figures)) + "<br>")
    said = caveats(event, sites=sites)
    if said:
        lines.append("<i>Caveats: " + esc("; ".join(said)) + "</i><br>")
    for evidence in dict.fromkeys(" ".join(e.sentence.split()) for e in event.evidence):
        lines.append(f"<blockquote>{esc(evidence[:600])}</blockquote>")
    cited = event_sources(event, sources)
    if cited:
        items = "".join(f"<li>{_cite(ref)}</li>" for ref in cited)
        lines.append(f"Sources:<ul>{items}</ul>")
    lines.append(f"<small>Event id: {esc(event.event_id)}</small>")
    return "".join(lines)


def _cite(ref: SourceRef) -> str:
    title = html.escape(ref.title)
    link = f'<a href="{html.escape(ref.url, quote=True)}">{title}</a>' if ref.url else title
    return f"{html.escape(ref.publisher)}: {link}"


def _data(parent: ET.Element, values: Mapping[str, object]) -> None:
    extended = ET.SubElement(parent, "ExtendedData")
    for key, value in values.items():
        if value is not None:
            ET.SubElement(ET.SubElement(extended, "Data", name=key), "value").text = str(value)


def kml_document(
    events: Iterable[Event], *, sources: Mapping[str, SourceRef] | None = None, title: str | None = None
) -> bytes:
    """``doc.kml``: a folder per event type, a placemark per event site."""
    kml = ET.Element("kml", xmlns=KML_NS)
    document = ET.SubElement(kml, "Document")
    ET.SubElement(document, "name").text = title or DEFAULT_TITLE
    ordered = sorted(events, key=event_sort_key)
    folders: dict[str, ET.Element] = {}
    for label in (*EVENT_TYPES, OTHER):
        if any(event_type_key(e.event_type) == label for e in ordered):
            key = _style(document, label)
            folders[label] = ET.SubElement(document, "Folder", id=f"folder-{key}")
            ET.SubElement(folders[label], "name").text = label
    for event in ordered:
        sites = event_sites(event)
        label = event_type_key(event.event_type)
        for location in sites:
            mark = ET.SubElement(
                folders[label], "Placemark", id=placemark_id(event.event_id, location.place.feature_id)
            )
            ET.SubElement(mark, "name").text = location.place.name
            if event.event_date:
                ET.SubElement(ET.SubElement(mark, "TimeStamp"), "when").text = event.event_date.isoformat()
            ET.SubElement(mark, "styleUrl").text = f"#type-{slug(label)}"
            ET.SubElement(mark, "description").text = description_html(
                event, sources=sources, sites=len(sites)
            )
            _data(
                mark,
                {
                    "event_id": event.event_id,
                    "event_type": event.event_type,
                    "sub_event_type": event.sub_event_type,
                    "fatalities": event.fatalities,
                    "injuries": event.injuries,
                    "geo_precision": location.precision,
                    "site": "named only" if location.role == NAMED_ONLY else "site",
                },
            )
            point = ET.SubElement(mark, "Point")
            ET.SubElement(point, "coordinates").text = f"{location.place.lon:.6f},{location.place.lat:.6f}"
    ET.indent(kml)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="utf-8") + b"\n"


def kmz_bytes(
    events: Iterable[Event], *, sources: Mapping[str, SourceRef] | None = None, title: str | None = None
) -> bytes:
    """The KMZ archive: ``doc.kml`` first (Google Earth reads the first .kml entry), then the icons."""
    events = list(events)
    icons = [
        (f"files/type-{slug(label)}.png", icon_png(label))
        for label in sorted({event_type_key(e.event_type) for e in events})
    ]
    return zip_bytes([("doc.kml", kml_document(events, sources=sources, title=title)), *icons])


def write_kmz(
    events: Iterable[Event],
    path: str | os.PathLike[str],
    *,
    sources: Mapping[str, SourceRef] | None = None,
    title: str | None = None,
) -> None:
    """Write ``events.kmz`` for Google Earth (atomically)."""
    atomic_write_bytes(path, kmz_bytes(events, sources=sources, title=title))
