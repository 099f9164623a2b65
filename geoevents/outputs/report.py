"""A printable one-page briefing: map, timeline, event table, sources. Offline and escaped."""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from geoevents.atomic import atomic_write_text
from geoevents.outputs.frames import event_sort_key, evidence_text, primary_location
from geoevents.outputs.style import EVENT_TYPES, OTHER, event_color, event_type_key
from geoevents.outputs.webmap import safe_link
from geoevents.records import Event

DEFAULT_TITLE = "Event briefing"

_CSS = """
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
  margin: 24px auto;
  max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 1px solid #ddd; }
.muted { color: #666; } .figures { display: flex; gap: 24px; flex-wrap: wrap; margin: 10px 0; }
.figure b { display: block; font-size: 20px; }
img.map { display: block; max-width: 100%; max-height: 640px; margin: 0 auto; border: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; }
.quote { font-style: italic; color: #444; }
.sources li { word-break: break-all; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; }
  a { color: inherit; } }
"""


def _esc(value: Any) -> str:
    return "" if value is None else html.escape(str(value))


def timeline_svg(events: Iterable[Event], *, width: int = 1000) -> str:
    """A small SVG timeline: one row per event type, one dot per dated event (size by fatalities)."""
    dated = [e for e in events if e.event_date is not None]
    if not dated:
        return "<p class='muted'>No dated events.</p>"
    first = min(e.event_date for e in dated if e.event_date)
    last = max(e.event_date for e in dated if e.event_date)
    span = max((last - first).days, 1)
    types = [t for t in (*EVENT_TYPES, OTHER) if any(event_type_key(e.event_type) == t for e in dated)]
    left, right, row_h, top = 190, 20, 26, 10
    height = top + row_h * len(types) + 34
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="Timeline of events">'
    ]

    def x_of(day: date) -> float:
        return left + (width - left - right) * ((day - first).days / span)

    for index, label in enumerate(types):
        y = top + row_h * index + row_h / 2
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
            f"{html.escape(label)}</text>"
        )
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        for event in dated:
            if event_type_key(event.event_type) != label or event.event_date is None:
                continue
            radius = 4 + min((event.fatalities or 0) ** 0.5, 9)
            parts.append(
                f'<circle cx="{x_of(event.event_date):.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                f'fill="{event_color(label)}" fill-opacity="0.8" stroke="#222" stroke-width="0.6">'
                f"<title>{html.escape(event.event_date.isoformat())}: "
                f"{html.escape(event.sub_event_type or label)}</title></circle>"
            )
    axis_y = top + row_h * len(types) + 8
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="#999"/>')
    ticks = sorted({first, last, *(e.event_date for e in dated if e.event_date)})
    step = max(1, len(ticks) // 8)
    for day in ticks[::step] + ([last] if ticks[::step][-1] != last else []):
        parts.append(
            f'<text x="{x_of(day):.1f}" y="{axis_y + 18}" text-anchor="middle" font-size="11" fill="#555">'
            f"{day.isoformat()}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _event_table(events: list[Event]) -> str:
    if not events:
        return "<p class='muted'>No events were found in these articles.</p>"
    rows = [
        "<table><thead><tr><th>Date</th><th>Type</th><th>Where (precision)</th><th>Actors</th>"
        "<th>Fatalities</th><th>Evidence</th></tr></thead><tbody>"
    ]
    for event in events:
        location = primary_location(event)
        where = f"{_esc(location.place.name)} ({location.precision})" if location else "unknown"
        actors = " vs ".join(_esc(a) for a in (event.actor1, event.actor2) if a)
        quote = (evidence_text(event) or "").split(" | ")[0]
        rows.append(
            f"<tr><td>{_esc(event.event_date.isoformat() if event.event_date else 'undated')}</td>"
            f"<td><span class='swatch' style='background:{event_color(event.event_type)}'></span>"
            f"{_esc(event.event_type)}<br><span class='muted'>{_esc(event.sub_event_type)}</span></td>"
            f"<td>{where}</td><td>{actors}</td>"
            f"<td>{_esc(event.fatalities) if event.fatalities is not None else '-'}</td>"
            f"<td class='quote'>{_esc(quote[:400])}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _sources(events: list[Event]) -> str:
    sources = sorted({s for e in events for s in e.sources})
    if not sources:
        return "<p class='muted'>No sources.</p>"
    return "<ol class='sources'>" + "".join(f"<li>{safe_link(s)}</li>" for s in sources) + "</ol>"


def render_report(
    events: Iterable[Event],
    *,
    map_png: bytes | None = None,
    title: str = DEFAULT_TITLE,
    run_info: Mapping[str, Any] | None = None,
    map_link: str | None = "map.html",
) -> str:
    """The briefing page as one self-contained HTML string."""
    ordered = sorted(events, key=event_sort_key)
    dates = [e.event_date for e in ordered if e.event_date]
    fatalities = sum(e.fatalities or 0 for e in ordered)
    articles = {a for e in ordered for a in e.article_ids}
    span = f"{min(dates).isoformat()} to {max(dates).isoformat()}" if dates else "no dated events"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">",
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_esc(title)}</h1><div class='muted'>{_esc(span)}</div>",
        "<div class='figures'>",
        f"<div class='figure'><b>{len(ordered)}</b>events</div>",
        f"<div class='figure'><b>{fatalities}</b>reported fatalities</div>",
        f"<div class='figure'><b>{len(articles)}</b>articles</div>",
        "</div>",
        "<h2>Map</h2>",
    ]
    if map_png:
        encoded = base64.b64encode(map_png).decode("ascii")
        parts.append(f"<img class='map' alt='Map of the events' src='data:image/png;base64,{encoded}'>")
    if map_link:
        parts.append(f"<p class='muted'>Interactive map: {_esc(map_link)} (in the same folder).</p>")
    parts += ["<h2>Timeline</h2>", timeline_svg(ordered), "<h2>Events</h2>", _event_table(ordered)]
    parts += ["<h2>Sources</h2>", _sources(ordered)]
    if run_info:
        version = run_info.get("version")
        gazetteer = run_info.get("gazetteer_version")
        line = ", ".join(
            x
            for x in (
                f"geoevents {version}" if version else "",
                f"gazetteer {gazetteer}" if gazetteer else "",
            )
            if x
        )
        if line:
            parts.append(f"<p class='muted'>{_esc(line)}</p>")
    parts.append("</body></html>\n")
    return "".join(parts)


def write_report(
    events: Iterable[Event],
    path: str | os.PathLike[str],
    *,
    map_png: bytes | None = None,
    title: str = DEFAULT_TITLE,
    run_info: Mapping[str, Any] | None = None,
) -> None:
    """Write the printable briefing page (atomically)."""
    atomic_write_text(path, render_report(events, map_png=map_png, title=title, run_info=run_info))
