"""How a map or briefing names an event's sources: publisher and linked title, never a local path.

An event's evidence keeps the article's URL (else its title, else its file); the article records
may add a title. Links are cleaned by ``citations.clean_url`` (tracking parameters stripped), so
the map cites a source exactly as the report, the CSV and the KMZ do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

from geoevents.outputs.citations import clean_url, looks_like_path, publisher_of


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One source as shown: publisher (may be empty), title, and an http(s) URL or None."""

    publisher: str
    title: str
    url: str | None


def _title_from_path(path: str) -> str:
    slug = PurePath(urlsplit(path).path).stem if path else ""
    words = re.sub(r"[-_+]+", " ", slug).strip()
    return words[:1].upper() + words[1:] if words and not words.isdigit() else ""


def is_web_url(text: str) -> bool:
    try:
        scheme = urlsplit(text.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in ("http", "https")


def source_link(source: str, title: str | None = None, url: str | None = None) -> SourceLink:
    """How to show one evidence source, given the article's title and URL where known.

    A local file or any other non-web reference shows only the article's title (or "article"),
    so no path from the analyst's machine reaches a shared output.
    """
    link = url if url and is_web_url(url) else source if is_web_url(source) else None
    if link is not None:
        clean = clean_url(link) or link
        name = publisher_of(clean) or ""
        return SourceLink(name, title or _title_from_path(clean) or name, clean)
    if title:
        return SourceLink("", title, None)
    if looks_like_path(source.strip()) or "://" in source:
        return SourceLink("", "local article", None)
    return SourceLink("", source.strip() or "article", None)


__all__ = ["SourceLink", "is_web_url", "source_link"]
