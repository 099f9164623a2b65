"""How a map or briefing names an event's sources: publisher and linked title, never a local path.

An event's evidence keeps the article's URL (else its title, else its file); the article records
may add a title. Tracking parameters (``utm_*``, ``fbclid``, ``gclid`` ...) are stripped from
links, so the outputs neither leak where a reader found the story nor carry the trackers on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "cmpid",
        "ocid",
        "ref_src",
        "smid",
        "s_cid",
        "spm",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "hsa_", "__hs")
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
_PATH_LIKE = re.compile(r"^(?:file:|/|~|[A-Za-z]:[\\/]|\.{1,2}[\\/])|[\\/].*\.(?:txt|html?|md|json|xml|pdf)$")


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One source as shown: publisher (may be empty), title, and an http(s) URL or None."""

    publisher: str
    title: str
    url: str | None


def clean_url(url: str) -> str:
    """The URL without tracking parameters or fragment-borne trackers; other parameters kept in order."""
    parts = urlsplit(url.strip())
    kept = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    fragment = "" if parts.fragment.lower().startswith(_TRACKING_PREFIXES) else parts.fragment
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), fragment))


def publisher(url: str) -> str:
    """The publisher's site name from a URL: its host without www./m./amp. ("reuters.com")."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host


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
        clean = clean_url(link)
        return SourceLink(publisher(clean), title or _title_from_path(clean) or publisher(clean), clean)
    if title:
        return SourceLink("", title, None)
    if _PATH_LIKE.search(source.strip()) or "://" in source:
        return SourceLink("", "local article", None)
    return SourceLink("", source.strip() or "article", None)


__all__ = ["SourceLink", "clean_url", "is_web_url", "publisher", "source_link"]
