"""The draft of an event while its article is read: the record between detection and ``Event``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from geoevents.events.taxonomy import EXPLOSIONS, GENERIC_EXPLOSION, event_type_of
from geoevents.events.text import Span
from geoevents.records import ResolvedMention, ZoneKind


@dataclass
class Draft:
    """An event while the article is being read (mutable; becomes ``Event``)."""

    order: int
    sub_event_type: str | None
    generic: str | None
    zone: ZoneKind
    date: date | None = None
    precision: int = 1
    date_explicit: bool = False
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    fatalities: tuple[int, bool] | None = None  # (value, vague)
    injuries: tuple[int, bool] | None = None
    sites: list[ResolvedMention] = field(default_factory=list)
    mentioned: list[ResolvedMention] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # object-side text, to judge the target
    subjects: list[str] = field(default_factory=list)  # agent-side text, to judge who acted
    tags: set[str] = field(default_factory=set)
    trigger_texts: list[str] = field(default_factory=list)
    # The towns its clause lists as the act's sites ("shelled A and B"): one event per town.
    towns: tuple[tuple[int, int, str], ...] | None = None

    @property
    def family(self) -> str | None:
        if self.sub_event_type:
            return event_type_of(self.sub_event_type)
        return EXPLOSIONS if self.generic == GENERIC_EXPLOSION else None
