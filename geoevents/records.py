"""Typed records passed between the pipeline stages.

articles -> place mentions -> resolved places -> events -> outputs.
Every record is an immutable dataclass; offsets are 0-based, end-exclusive
indices into ``Article.text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from shapely.geometry.base import BaseGeometry


class ZoneKind(StrEnum):
    """What part of a page a stretch of text is."""

    TITLE = "title"
    BYLINE = "byline"
    DATELINE = "dateline"
    BODY = "body"
    CAPTION = "caption"
    META = "meta"  # source URL lines, "About the author", credits
    JUNK = "junk"  # navigation, ads, fixtures, related links: never places, never events


@dataclass(frozen=True, slots=True)
class Zone:
    start: int
    end: int
    kind: ZoneKind


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry of an input folder that is not read as an article, and why (one note line)."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileRead:
    """An input file ingest has finished: the SHA-256 of the bytes its articles came from."""

    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Article:
    """One decoded article; ``text`` is what every offset refers to."""

    id: str  # stable: derived from the content hash
    text: str
    path: str | None = None
    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    url: str | None = None
    zones: tuple[Zone, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def zone_at(self, offset: int) -> ZoneKind:
        """The kind of zone covering ``offset`` (BODY where no zone is recorded)."""
        for zone in self.zones:
            if zone.start <= offset < zone.end:
                return zone.kind
        return ZoneKind.BODY


class MentionRole(StrEnum):
    LITERAL = "literal"  # the place itself: "a bomb struck near Al-Qaim"
    METONYMIC = "metonymic"  # the place stands for people or a government: "Washington said"
    DEMONYM = "demonym"  # "Iraqi", "Iranian-backed": linked to its country
    NOT_PLACE = "not_place"  # a person, organisation, club, title or code that looks like a place


class MentionKind(StrEnum):
    TOPONYM = "toponym"  # a named town, site, country or region
    BORDER = "border"  # "the border between X and Y", "the Syrian border"
    REGION_EXPRESSION = "region_expression"  # "northern Iraq", "the Euphrates valley"


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of article text that names (or looks like it names) a place."""

    article_id: str
    start: int
    end: int
    text: str
    role: MentionRole = MentionRole.LITERAL
    kind: MentionKind = MentionKind.TOPONYM
    zone: ZoneKind = ZoneKind.BODY
    # The place names inside a compound mention: the two sides of a border,
    # the core of "northern Iraq"; empty for a plain toponym.
    parts: tuple[str, ...] = ()
    qualifier: str | None = None  # "northern", "near", "outskirts of" ...
    country_code: str | None = None  # for demonyms: the country they point to
    score: float = 1.0  # recogniser confidence that this is a place mention


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer feature: representative point plus its real geometry."""

    feature_id: str  # "geonames:99072", "ne:IRQ", "curated:k1-air-base", "border:IRN-IRQ"
    name: str
    feature_class: str  # see gazetteer.FEATURE_CLASSES
    lat: float
    lon: float
    geometry: (
        BaseGeometry  # Point for towns and bases, (Multi)Polygon for areas, (Multi)LineString for borders
    )
    source: str  # "geonames", "naturalearth", "curated", "derived", "user", or an online provider
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """A mention with the place chosen for it (``place`` is None when nothing fits)."""

    mention: Mention
    place: Place | None
    score: float  # resolver confidence in the choice, 0..1
    # ACLED geo_precision: 1 town or site, 2 near a town or part of a region, 3 larger region or border area.
    precision: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an event is said: one sentence of one article."""

    article_id: str
    start: int
    end: int
    sentence: str
    source: str  # URL, title or file of the article
    publisher: str = ""  # the publisher's name (ACLED's source), never a file path


@dataclass(frozen=True, slots=True)
class EventLocation:
    """A place where an event happened, in the role the text gives it."""

    place: Place
    precision: int  # ACLED geo_precision
    role: str = "site"  # "site" where it happened; "mentioned" for places only named in the evidence


@dataclass(frozen=True, slots=True)
class Event:
    """One reported event, possibly merged from several articles."""

    event_id: str  # stable across runs
    event_type: str  # ACLED event_type
    sub_event_type: str  # ACLED sub_event_type
    disorder_type: str
    event_date: date | None
    time_precision: int | None  # ACLED: 1 day, 2 week or similar, 3 month or longer; None when undated
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    locations: tuple[EventLocation, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5
    notes: str = ""
    tags: tuple[str, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source for e in self.evidence))

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article_id for e in self.evidence))


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the pipeline learned from one article."""

    article: Article
    mentions: tuple[ResolvedMention, ...]
    events: tuple[Event, ...]
