"""The popups of the map page: one per event (what, when, where, who, figures, caveats, sources) and
one per named place, region or border. Every value is escaped here (``page_text``)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geoevents.outputs.frames import SEPARATOR
from geoevents.outputs.page_text import html_text, safe_link, shortened, split_list
from geoevents.outputs.sources import source_link
from geoevents.outputs.style import as_date, caveats, event_color, number_or_none


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the map shows of an article beside its URL: its title."""

    title: str | None = None
    url: str | None = None


def _caveat_list(row: Mapping[str, Any]) -> list[str]:
    """The event's caveats as the report and the CSV give them (the frame's ``caveats``), else from its
    tags and notes."""
    given = row.get("caveats")
    if isinstance(given, str) and given.strip():
        return split_list(given)
    tags = split_list(row.get("tags")) if SEPARATOR in str(row.get("tags") or "") else []
    if not tags and row.get("tags"):
        tags = [t.strip() for t in re.split(r"[|;,]", str(row.get("tags"))) if t.strip()]
    notes = row.get("notes")
    return caveats(tags, str(notes) if notes and str(notes) != "nan" else None)


def _sources_html(row: Mapping[str, Any], articles: Mapping[str, ArticleInfo]) -> str:
    """Publisher and linked title per source, in the evidence order."""
    ids = split_list(row.get("article_ids"))
    items = []
    seen = set()
    for i, source in enumerate(split_list(row.get("sources"))):
        info = articles.get(ids[i]) if i < len(ids) else None
        link = source_link(source, info.title if info else None, info.url if info else None)
        key = (link.publisher, link.title, link.url)
        if key in seen:
            continue
        seen.add(key)
        title = safe_link(link.url, link.title) if link.url else f"<span>{html.escape(link.title)}</span>"
        pub = f"<b>{html.escape(link.publisher)}</b>: " if link.publisher else ""
        items.append(f"<li>{pub}{title}</li>")
    return f'<div class="ge-sources">Sources<ul>{"".join(items)}</ul></div>' if items else ""


def event_popup_html(row: Mapping[str, Any], articles: Mapping[str, ArticleInfo] | None = None) -> str:
    """The popup of one event: id, type, date, place, actors, figures, caveats, evidence, sources."""
    color = event_color(row.get("event_type"))
    when = as_date(row.get("event_date"))
    lines = [
        f'<div class="ge-popup"><div class="ge-popup-type" style="border-left-color:{color}">'
        f"<b>{html_text(row.get('event_type'))}</b><br><span>{html_text(row.get('sub_event_type'))}</span>"
        f'<div class="ge-muted">Event <code>{html_text(row.get("event_id"))}</code></div></div>',
        "<table>",
        f"<tr><th>Date</th><td>{html_text(when.isoformat() if when else 'date unknown')}"
        f" (time precision {html_text(row.get('time_precision'))})</td></tr>",
        f"<tr><th>Where</th><td>{html_text(row.get('location'))} "
        f"(geo precision {html_text(row.get('geo_precision'))})</td></tr>",
    ]
    actors = " vs ".join(html_text(a) for a in (row.get("actor1"), row.get("actor2")) if html_text(a))
    if actors:
        lines.append(f"<tr><th>Actors</th><td>{actors}</td></tr>")
    lines.append(f"<tr><th>Fatalities</th><td>{html_text(row.get('fatalities')) or 'not reported'}</td></tr>")
    if html_text(row.get("injuries")):
        lines.append(f"<tr><th>Injuries</th><td>{html_text(row.get('injuries'))}</td></tr>")
    confidence = number_or_none(row.get("confidence"))
    if confidence is not None:
        lines.append(f"<tr><th>Confidence</th><td>{confidence:.2f}</td></tr>")
    lines.append("</table>")
    notes = _caveat_list(row)
    if notes:
        items = "".join(f"<li>{html.escape(shortened(n))}</li>" for n in notes)
        lines.append(f'<div class="ge-caveats"><b>Caveats</b><ul>{items}</ul></div>')
    for quote in split_list(row.get("evidence"))[:2]:
        lines.append(f"<blockquote>{html.escape(shortened(quote))}</blockquote>")
    lines.append(_sources_html(row, articles or {}))
    lines.append("</div>")
    return "".join(lines)


def place_popup_html(row: Mapping[str, Any], kind: str) -> str:
    names = ", ".join(html.escape(n) for n in split_list(row.get("names")))
    approx = " · approximate outline" if html_text(row.get("source")) == "derived" else ""
    return (
        f'<div class="ge-popup"><b>{html_text(row.get("name"))}</b> '
        f'<span class="ge-muted">({html.escape(kind)}, '
        f"{html_text(row.get('feature_class'))}{approx})</span><br>"
        f'<span class="ge-muted">{html_text(row.get("id"))}</span><br>'
        f"Mentions: {html_text(row.get('mentions'))}{'; as ' + names if names else ''}</div>"
    )
