"""How outputs cite an event: its sources (publisher and title, clean links) and its caveats.

Every output that shows a figure or a source reads them here, so the report, the
KML, the GeoPackage and the CSV say the same thing. A source is never a local
file path: a file that has no URL is cited by its title, else as an article id.
Tracking parameters (``utm_*``, ``fbclid`` ...) are removed from links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from geoevents import lexicon
from geoevents.events.sources import publisher_from_url
from geoevents.records import ArticleResult, Event

_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "__", "icid", "cmp")
_PATH_LIKE = re.compile(
    r"^(?:[a-z]:[\\/]|[\\/~.]|file:)|[\\/]|\.(?:html?|txt|json|jsonl|pdf|docx?|xml)$", re.I
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:\S", re.I)  # "javascript:x", "mailto:a" (not "Iraq: ...")


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One cited article: who published it, its title and a clean link (None when it has no URL)."""

    publisher: str
    title: str
    url: str | None
    published: date | None = None

    @property
    def text(self) -> str:
        """The citation as plain text: ``publisher: title``."""
        return f"{self.publisher}: {self.title}" if self.title != self.publisher else self.publisher


def clean_url(url: str | None) -> str | None:
    """An http(s) URL without tracking parameters or fragment; None for anything else (paths, mailto)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in lexicon.words("tracking_parameters")
        and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, urlencode(query), ""))


def publisher_of(url: str | None) -> str | None:
    """The publisher of a web address as every output names it (``events.sources``); None for a path."""
    return publisher_from_url(clean_url(url))


def looks_like_path(text: str) -> bool:
    """Whether a text is a file path or a non-web address, which no output may show."""
    return bool(_PATH_LIKE.search(text) or _SCHEME.match(text))


def _readable_title(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    if not text or looks_like_path(text):
        return None
    return text


def source_ref(
    *,
    url: str | None,
    title: str | None,
    article_id: str,
    publisher: str | None = None,
    published: date | None = None,
) -> SourceRef:
    """The citation of one article from what is known of it; a path is never shown."""
    link = clean_url(url)
    name = _readable_title(publisher) or publisher_of(link) or "unknown publisher"
    return SourceRef(name, _readable_title(title) or f"article {article_id[:10]}", link, published)


def refs_from_results(
    results: Iterable[ArticleResult], into: dict[str, SourceRef]
) -> Iterator[ArticleResult]:
    """Pass the results through, recording each article's citation in ``into`` (by article id)."""
    for result in results:
        article = result.article
        meta = article.metadata
        given = meta.get("publisher") or meta.get("site_name") or meta.get("source_name")
        into[article.id] = source_ref(
            url=article.url,
            title=article.title,
            article_id=article.id,
            publisher=given if isinstance(given, str) else None,
            published=article.published.date() if article.published else None,
        )
        yield result


def event_sources(event: Event, known: Mapping[str, SourceRef] | None = None) -> list[SourceRef]:
    """The event's citations, one per article, in evidence order."""
    refs: dict[str, SourceRef] = {}
    for evidence in event.evidence:
        if evidence.article_id in refs:
            continue
        source = evidence.source
        ref = (known or {}).get(evidence.article_id)
        if ref is None:
            ref = source_ref(url=source, title=source, article_id=evidence.article_id)
        elif ref.url is None and clean_url(source):
            # the article record had no address, but the evidence was cited by one
            ref = SourceRef(
                publisher_of(source) or ref.publisher, ref.title, clean_url(source), ref.published
            )
        if evidence.publisher and ref.publisher != evidence.publisher:
            # the events stage named the publisher (feed field or known domain): cite it by that name
            ref = SourceRef(evidence.publisher, ref.title, ref.url, ref.published)
        refs[evidence.article_id] = ref
    return list(refs.values())


# What an event's tags mean to a reader, in the order they are shown.
_TAG_CAVEATS: tuple[tuple[str, str], ...] = (
    ("fatalities-split", "fatalities are a share of a total reported for several places"),
    ("injuries-split", "injuries are a share of a total reported for several places"),
    (
        "fatalities-vague",
        "the fatality figure is vague in the text (e.g. 'dozens'); the lowest reading is coded",
    ),
    ("injuries-vague", "the injury figure is vague in the text; the lowest reading is coded"),
    ("date-from-caption", "date taken from a photo caption"),
    ("date-assumed-publication", "date assumed from the publication date"),
    ("year-only-date", "only the year is known"),
    ("unlocated", "no site is given: placed at a place its report names"),
    ("type-from-generic-trigger", "event type inferred from a generic word"),
    ("analyst-edited", "edited by an analyst"),
    ("analyst-added", "added by an analyst"),
)
_SPLIT_NOTE = re.compile(r"[^.]*\bcoded here\.")


def caveats(event: Event, *, sites: int | None = None) -> list[str]:
    """What a reader must know before using the event's figures, date or place: from its tags and notes.

    ``sites`` is the number of sites the event is drawn at; above one, the toll is split between them.
    """
    tags = set(event.tags)
    if event.time_precision == 1:
        tags.discard("year-only-date")  # a merged report gave the day
    out = [text for tag, text in _TAG_CAVEATS if tag in tags]
    out += [" ".join(note.split()) for note in _SPLIT_NOTE.findall(event.notes)]
    if re.search(r"\breported differently\b", event.notes):
        out.append("sources give conflicting figures: " + _conflicts(event.notes))
    if sites and sites > 1 and (event.fatalities or event.injuries):
        out.append(f"the toll is split evenly between its {sites} sites on the map layers")
    if event.time_precision and event.time_precision >= 2 and "year-only-date" not in tags:
        out.append({2: "date known to the week", 3: "date known to the month"}.get(event.time_precision, ""))
    return [text for text in dict.fromkeys(out) if text]


_CONFLICT = re.compile(r"(fatalities|injuries) reported differently: (.*?); coded (\d+)\.")
_REPORTED = re.compile(r"(?:^|; )(\d+)(?: \((?:vague|share of a total)\))* per ")


def _conflicts(notes: str) -> str:
    """Each disputed figure in a line: how many reports, their range, what was coded.

    The events stage lists every report ("6 per A; 9 per B; coded 6."): fine for two, unreadable
    for twenty; the sources are cited beside the event anyway.
    """
    said = []
    for field, listed, coded in _CONFLICT.findall(notes):
        values = [int(v) for v in _REPORTED.findall(listed)]
        if not values:
            continue
        said.append(f"{field}: {len(values)} reports give {min(values)} to {max(values)}, {coded} coded")
    return "; ".join(said) if said else notes.strip()[:200]
