"""The contract every gazetteer meets, shaped like a geopy geocoder.

``geocode`` and ``reverse`` return geopy ``Location`` objects (the feature kept
in ``Location.raw``) so any geopy-aware code works with it; the pipeline
stages use the typed methods below it, which return ``Place`` records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from geoevents.records import Place


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, and how well the name matched it."""

    place: Place
    match_score: float  # 1.0 exact (after normalisation); lower for alias or fuzzy matches
    matched_name: str


@runtime_checkable
class Gazetteer(Protocol):
    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        feature_classes: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> Any: ...

    def reverse(self, query: Any, *, exactly_one: bool = True) -> Any: ...

    def candidates(
        self,
        name: str,
        *,
        country_codes: Sequence[str] | None = None,
        feature_classes: Iterable[str] | None = None,
        limit: int | None = None,
        fuzzy: bool = False,
    ) -> list[Candidate]:
        """Places ``name`` may refer to, best first (exact and alias matches; fuzzy only if asked)."""
        ...

    def is_name(self, key: str) -> bool:
        """Whether a normalised key (see ``normalize_name``) is a name of any feature."""
        ...

    def is_exact_name(self, key: str) -> bool:
        """Whether a normalised key is a name as written, not only a loose (transliterated) match: a
        recogniser joins everyday words into a name ("And I" / Andi) only on an exact match."""
        ...

    @property
    def version(self) -> str:
        """What identifies the gazetteer's data (recorded in run.json and the resume fingerprint)."""
        ...

    def border(self, a: Place, b: Place) -> Place | None:
        """The shared boundary of two areas as a line Place, or None when they do not touch."""
        ...

    def country(self, code: str) -> Place | None:
        """The country polygon for an ISO 3166-1 alpha-2 code."""
        ...
