"""The briefing: map, timeline, event table, method and caveats, sources. Offline and escaped.

``report.html`` prints on A4 and US Letter alike (``@page`` margins and page
numbers; the paper is the printer's); ``report.pdf`` is the same page laid out
by WeasyPrint on A4 (or Letter), with no print dialog involved. WeasyPrint takes
about 30 ms of CPU per table row, so the PDF lists the ``PDF_EVENTS`` deadliest
events (its figures, types and timeline still count them all) and says where the
rest are: its cost stops growing with the batch.
"""

from __future__ import annotations

import base64
import html
import itertools
import logging
import os
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Literal

from geoevents.atomic import atomic_write_bytes, atomic_write_text
from geoevents.outputs.citations import SourceRef, caveats, event_sources
from geoevents.outputs.frames import NAMED_ONLY, event_sites, event_sort_key, evidence_text
from geoevents.outputs.style import EVENT_TYPES, OTHER, PRECISION_LABELS, event_color, event_type_key
from geoevents.records import Event

DEFAULT_TITLE = "Event briefing"
log = logging.getLogger(__name__)
Paper = Literal["A4", "Letter"]
PDF_EVENTS = 150  # rows of the PDF's event table (a few seconds of layout)

# Printable on both papers: A4 is the narrower (210 mm), Letter the shorter (279 mm).
_CSS = """
@page { margin: 14mm 13mm 16mm;
  @top-left { content: string(doc-title); font: 8pt sans-serif; color: #777; }
  @top-right { content: string(as-of); font: 8pt sans-serif; color: #777; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #555; } }
body { font: 10pt/1.4 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
  margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 17pt; margin: 0 0 2px; string-set: doc-title content(); }
h2 { font-size: 12pt; margin: 16px 0 6px; border-bottom: 1px solid #ddd; break-after: avoid; }
.asof { string-set: as-of content(); }
.muted { color: #666; } .figures { display: flex; gap: 22px; flex-wrap: wrap; margin: 8px 0; }
.figure b { display: block; font-size: 16pt; }
img.map { display: block; max-width: 100%; max-height: 150mm; margin: 0 auto; border: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; table-layout: fixed; }
thead { display: table-header-group; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 4px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f4f4f4; }
td.num, td.date { text-align: right; white-space: nowrap; } td.date { text-align: left; }
.swatch { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 4px; }
.quote { font-style: italic; color: #444; }
.caveat { color: #8a4b00; display: block; margin-top: 2px; }
.id { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; color: #666; }
.sources li { overflow-wrap: anywhere; margin-bottom: 2px; }
table.by-type { width: auto; min-width: 50%; margin: 4px 0 6px; table-layout: auto; }
.method { font-size: 8.5pt; } .method li { margin-bottom: 2px; }
@media print { body { margin: 0; max-width: none; padding: 0; } tr { break-inside: avoid; }
  a { color: inherit; } .timeline { break-inside: avoid; } }
"""
_COLUMNS = (
    ("Date", "11%"),
    ("Event", "16%"),
    ("Where (precision)", "13%"),
    ("Killed", "7%"),
    ("Injured", "8%"),
    ("Evidence and caveats", "27%"),
    ("Sources", "18%"),
)


def _esc(value: Any) -> str:
    return "" if value is None else html.escape(str(value))


def _cite(ref: SourceRef) -> str:
    """``Publisher: title``, the title linked when the article has a web address (never a file path)."""
    title = html.escape(ref.title)
    if ref.url:
        title = f'<a href="{html.escape(ref.url, quote=True)}" rel="noopener noreferrer">{title}</a>'
    return f"<b>{html.escape(ref.publisher)}</b>: {title}"


# ----------------------------------------------------------------------------- timeline


def _month_start(day: date, months: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def time_bins(first: date, last: date) -> tuple[str, list[date]]:
    """Calendar bins covering ``first``..``last`` at a step that suits the span: day, week, month or year.

    Returns the unit's name and the bin starts plus the end of the last bin.
    """
    span = (last - first).days
    if span <= 16:
        unit, start = "day", first
        edges = [start + timedelta(days=i) for i in range(span + 2)]
    elif span <= 120:
        unit, start = "week", first - timedelta(days=first.weekday())
        edges = [start + timedelta(weeks=i) for i in range((last - start).days // 7 + 2)]
    elif span <= 3 * 366:
        unit, start = "month", _month_start(first)
        edges = [
            _month_start(start, i)
            for i in range((last.year - start.year) * 12 + last.month - start.month + 2)
        ]
    else:
        unit = "year"
        edges = [date(year, 1, 1) for year in range(first.year, last.year + 2)]
    return unit, edges


def _tick_label(day: date, unit: str) -> str:
    if unit == "year":
        return str(day.year)
    if unit == "month":
        return day.strftime("%b %Y")
    return f"{day.day} {day.strftime('%b')}"


def timeline_svg(events: Iterable[Event], *, width: int = 1000) -> str:
    """An SVG timeline on a calendar axis: a bar of events per day, week or month (as the span needs),
    then one row per event type with a dot per dated event (size by fatalities)."""
    dated = [e for e in events if e.event_date is not None]
    if not dated:
        return "<p class='muted'>No dated events.</p>"
    days = [e.event_date for e in dated if e.event_date]
    unit, edges = time_bins(min(days), max(days))
    lo, hi = edges[0], edges[-1]
    left, right, row_h, top, bars_h = 190, 20, 24, 8, 46
    types = [t for t in (*EVENT_TYPES, OTHER) if any(event_type_key(e.event_type) == t for e in dated)]
    axis_y = top + bars_h + row_h * len(types) + 6
    height = axis_y + 30

    def x_of(day: date, fraction: float = 0.5) -> float:
        # a dated event sits in the middle of its day
        return left + (width - left - right) * (((day - lo).days + fraction) / max((hi - lo).days, 1))

    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="Timeline of events per {unit}">'
    ]
    counts = [sum(1 for d in days if start <= d < end) for start, end in itertools.pairwise(edges)]
    peak = max(counts) or 1
    parts.append(
        f'<text x="{left - 8}" y="{top + bars_h / 2 + 4}" text-anchor="end" font-size="12">'
        f"events per {unit}</text>"
    )
    for (start, end), count in zip(itertools.pairwise(edges), counts, strict=True):
        if not count:
            continue
        x0, x1 = x_of(start, 0), x_of(end, 0)
        h = (bars_h - 12) * count / peak
        parts.append(
            f'<rect x="{x0 + 1:.1f}" y="{top + bars_h - h:.1f}" width="{max(x1 - x0 - 2, 1):.1f}" '
            f'height="{h:.1f}" fill="#9aa7b4"><title>{count} from {start.isoformat()}</title></rect>'
            f'<text x="{(x0 + x1) / 2:.1f}" y="{top + bars_h - h - 2:.1f}" text-anchor="middle" '
            f'font-size="10" fill="#555">{count}</text>'
        )
    for index, label in enumerate(types):
        y = top + bars_h + row_h * index + row_h / 2
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
            f"{html.escape(label)}</text>"
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e5e5"/>'
        )
        for event in dated:
            if event_type_key(event.event_type) != label or event.event_date is None:
                continue
            radius = 3.5 + min((event.fatalities or 0) ** 0.5, 8)
            parts.append(
                f'<circle cx="{x_of(event.event_date):.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                f'fill="{event_color(label)}" fill-opacity="0.75" stroke="#222" stroke-width="0.6">'
                f"<title>{html.escape(event.event_date.isoformat())}: "
                f"{html.escape(event.sub_event_type or label)}</title></circle>"
            )
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="#999"/>')
    step = max(1, len(edges) // 12)
    for day in edges[::step]:
        x = x_of(day, 0)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{axis_y + 4}" stroke="#ddd" '
            'stroke-dasharray="2 3"/>'
            f'<text x="{x:.1f}" y="{axis_y + 17}" text-anchor="middle" font-size="11" fill="#555">'
            f"{html.escape(_tick_label(day, unit))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


# ----------------------------------------------------------------------------- table


def _where(event: Event) -> str:
    sites = event_sites(event)
    if not sites:
        return "<span class='muted'>not located</span>"
    parts = []
    for location in sites:
        text = f"{_esc(location.place.name)} ({location.precision})"
        if location.role == NAMED_ONLY:
            text += " <span class='muted'>named, no site given</span>"
        parts.append(text)
    return "<br>".join(parts)


def _figure(value: int | None, tag: str, tags: tuple[str, ...]) -> str:
    if value is None:
        return "-"
    marks = "*" if any(t.startswith(tag) for t in tags) else ""
    return f"{value}{marks}"


# A row cites this many sources and quotes this much evidence; the Sources list has them all.
ROW_SOURCES = 3
ROW_QUOTE = 320


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _event_row(event: Event, sources: Mapping[str, SourceRef] | None, *, anchor: bool = True) -> str:
    actors = " vs ".join(_esc(a) for a in (event.actor1, event.actor2) if a)
    quote = _short((evidence_text(event) or "").split(" | ")[0], ROW_QUOTE)
    said = caveats(event, sites=len(event_sites(event)))
    caveat_html = "".join(f"<span class='caveat'>&#9888; {_esc(c)}</span>" for c in said)
    refs = event_sources(event, sources)
    cited = "<br>".join(_cite(ref) for ref in refs[:ROW_SOURCES]) or "-"
    if len(refs) > ROW_SOURCES:
        cited += f"<br><span class='muted'>and {len(refs) - ROW_SOURCES} more</span>"
    when = event.event_date.isoformat() if event.event_date else "undated"
    row_id = f" id='{_esc(event.event_id)}'" if anchor else ""
    return (
        f"<tr{row_id}><td class='date'>{_esc(when)}</td>"
        f"<td><span class='swatch' style='background:{event_color(event.event_type)}'></span>"
        f"{_esc(event.event_type)}<br><span class='muted'>{_esc(event.sub_event_type)}</span>"
        f"{'<br>' + actors if actors else ''}<br><span class='id'>{_esc(event.event_id)}</span></td>"
        f"<td>{_where(event)}</td>"
        f"<td class='num'>{_figure(event.fatalities, 'fatalities-', event.tags)}</td>"
        f"<td class='num'>{_figure(event.injuries, 'injuries-', event.tags)}</td>"
        f"<td><span class='quote'>{_esc(quote)}</span>{caveat_html}</td>"
        f"<td>{cited}</td></tr>"
    )


def listed_events(events: list[Event], limit: int | None) -> list[Event]:
    """The ``limit`` events with the most fatalities, then injuries (the latest first among equals), in
    the order of ``events``; all of them without a limit."""
    if limit is None or len(events) <= limit:
        return events

    def weight(event: Event) -> tuple[int, int, str]:
        return (event.fatalities or 0, event.injuries or 0, event_sort_key(event)[0])

    chosen = {id(e) for e in sorted(events, key=weight, reverse=True)[:limit]}
    return [e for e in events if id(e) in chosen]


def _left_out(shown: int, total: int) -> str:
    if shown == total:
        return ""
    return (
        f"<p class='muted'>The {shown} events with the most reported fatalities and injuries are listed; "
        f"the other {total - shown} are in report.html and events.csv.</p>"
    )


def _event_table(events: list[Event], sources: Mapping[str, SourceRef] | None) -> str:
    if not events:
        return "<p class='muted'>No events were found in these articles.</p>"
    cols = "".join(f"<col style='width:{w}'>" for _, w in _COLUMNS)
    head = "".join(f"<th>{_esc(name)}</th>" for name, _ in _COLUMNS)
    seen: set[str] = set()
    rows = []
    for event in events:
        rows.append(_event_row(event, sources, anchor=event.event_id not in seen))
        seen.add(event.event_id)
    note = "<p class='muted'>* a split, vague or disputed figure: see the caveat beside it.</p>"
    body = "".join(rows)
    table = f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
    return f"<table class='events'>{table}</table>{note}"


def _sources(events: list[Event], sources: Mapping[str, SourceRef] | None) -> str:
    cited = {ref: None for e in events for ref in event_sources(e, sources)}
    if not cited:
        return "<p class='muted'>No sources.</p>"
    ordered = sorted(cited, key=lambda r: (r.publisher, r.title, r.url or ""))
    return "<ol class='sources'>" + "".join(f"<li>{_cite(ref)}</li>" for ref in ordered) + "</ol>"


def _method() -> str:
    precision = "".join(f"<li>{_esc(text)}</li>" for text in PRECISION_LABELS.values())
    return (
        "<div class='method'><p>Events were extracted automatically from the news articles listed under "
        "Sources and coded in ACLED's event types, with ACLED's rules for dates and figures. They are "
        "reports, not verified facts. Each figure is the lowest exact figure a source gives; where sources "
        "disagree the note says so. A toll reported for several places without a breakdown is split evenly "
        "between them, so figures add up to the reported total. Geographic precision:</p>"
        f"<ul>{precision}</ul><p>A caveat (&#9888;) next to an event says when its figure is a share of a "
        "total, vague or disputed, when its date comes from a photo caption or the publication date, and "
        "when no site was given and the event stands at a place its report names.</p></div>"
    )


def _by_type(events: list[Event]) -> str:
    """Events, fatalities and injuries per event type, in ACLED's order."""
    if not events:
        return ""
    rows = []
    for label in (*EVENT_TYPES, OTHER):
        chosen = [e for e in events if event_type_key(e.event_type) == label]
        if chosen:
            killed = sum(e.fatalities or 0 for e in chosen)
            hurt = sum(e.injuries or 0 for e in chosen)
            swatch = f"<span class='swatch' style='background:{event_color(label)}'></span>"
            numbers = "".join(f"<td class='num'>{n}</td>" for n in (len(chosen), killed, hurt))
            rows.append(f"<tr><td>{swatch}{_esc(label)}</td>{numbers}</tr>")
    head = "<tr><th>Event type</th><th>Events</th><th>Killed</th><th>Injured</th></tr>"
    return f"<table class='by-type'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _as_of(events: list[Event], sources: Mapping[str, SourceRef] | None) -> date | None:
    """The briefing's date: the latest publication among its sources, else its latest event."""
    cited = [ref.published for e in events for ref in event_sources(e, sources) if ref.published]
    if cited:
        return max(cited)
    dates = [e.event_date for e in events if e.event_date]
    return max(dates) if dates else None


def _run_line(run_info: Mapping[str, Any] | None) -> str:
    if not run_info:
        return ""
    version, gazetteer = run_info.get("version"), run_info.get("gazetteer_version")
    line = ", ".join(
        x
        for x in (f"geoevents {version}" if version else "", f"gazetteer {gazetteer}" if gazetteer else "")
        if x
    )
    return f"<p class='muted'>{_esc(line)}</p>" if line else ""


def render_report(
    events: Iterable[Event],
    *,
    map_png: bytes | None = None,
    title: str = DEFAULT_TITLE,
    run_info: Mapping[str, Any] | None = None,
    map_link: str | None = "map.html",
    sources: Mapping[str, SourceRef] | None = None,
    listed: int | None = None,
) -> str:
    """The briefing page as one self-contained HTML string; with ``listed``, its event table and
    sources hold that many events at most (see ``listed_events``)."""
    ordered = sorted(events, key=event_sort_key)
    rows = listed_events(ordered, listed)
    dates = [e.event_date for e in ordered if e.event_date]
    fatalities = sum(e.fatalities or 0 for e in ordered)
    injuries = sum(e.injuries or 0 for e in ordered)
    articles = {a for e in ordered for a in e.article_ids}
    span = f"Events from {min(dates).isoformat()} to {max(dates).isoformat()}" if dates else "No dated events"
    as_of = _as_of(ordered, sources)
    stamp = f"As of {as_of.isoformat()}" if as_of else "As of: no dated source"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">",
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_esc(title)}</h1><div><b class='asof'>{_esc(stamp)}</b> "
        f"<span class='muted'>&middot; {_esc(span)}</span></div>",
        "<div class='figures'>",
        f"<div class='figure'><b>{len(ordered)}</b>events</div>",
        f"<div class='figure'><b>{sum(1 for e in ordered if event_sites(e))}</b>on the map</div>",
        f"<div class='figure'><b>{fatalities}</b>reported fatalities</div>",
        f"<div class='figure'><b>{injuries}</b>reported injuries</div>",
        f"<div class='figure'><b>{len(articles)}</b>articles</div>",
        "</div>",
        _by_type(ordered),
        "<h2>Map</h2>",
    ]
    if map_png:
        encoded = base64.b64encode(map_png).decode("ascii")
        parts.append(f"<img class='map' alt='Map of the events' src='data:image/png;base64,{encoded}'>")
    if map_link:
        parts.append(f"<p class='muted'>Interactive map: {_esc(map_link)} (in the same folder).</p>")
    parts += ["<h2>Timeline</h2>", timeline_svg(ordered), "<h2>Events</h2>"]
    parts += [_left_out(len(rows), len(ordered)), _event_table(rows, sources)]
    parts += ["<h2>Method and caveats</h2>", _method()]
    parts += ["<h2>Sources</h2>", _sources(rows, sources)]
    parts += [_run_line(run_info), "</body></html>\n"]
    return "".join(parts)


def report_pdf(document: str, *, paper: Paper = "A4") -> bytes:
    """The briefing laid out as a PDF on ``paper`` by WeasyPrint (no network: every image is inline)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    inline_only = URLFetcher(allowed_protocols=("data",))
    page = CSS(string=f"@page {{ size: {paper}; }} body {{ max-width: none; margin: 0; padding: 0; }}")
    pdf: bytes = HTML(string=document, url_fetcher=inline_only).write_pdf(stylesheets=[page])
    return pdf


def write_report(
    events: Iterable[Event],
    path: str | os.PathLike[str],
    *,
    pdf_path: str | os.PathLike[str] | None = None,
    paper: Paper = "A4",
    map_png: bytes | None = None,
    title: str = DEFAULT_TITLE,
    run_info: Mapping[str, Any] | None = None,
    sources: Mapping[str, SourceRef] | None = None,
) -> None:
    """Write the printable briefing page, and its PDF when ``pdf_path`` is given (atomically).

    Without the system libraries WeasyPrint lays pages out with (Pango), the PDF is left out with
    a warning naming the fix; the HTML, which prints to PDF from any browser, is still written.
    """
    events = list(events)
    document = render_report(events, map_png=map_png, title=title, run_info=run_info, sources=sources)
    atomic_write_text(path, document)
    if pdf_path is None:
        return
    if len(events) > PDF_EVENTS:
        document = render_report(
            events, map_png=map_png, title=title, run_info=run_info, sources=sources, listed=PDF_EVENTS
        )
    try:
        pdf = report_pdf(document, paper=paper)
    except (ImportError, OSError) as exc:
        reason = " ".join(str(exc).split())[:160]
        log.warning(
            "%s not written: WeasyPrint cannot load (make system-deps installs Pango): %s", pdf_path, reason
        )
        return
    atomic_write_bytes(pdf_path, pdf)
