"""Checks on what callers ask the offline gazetteer, made at the door with messages naming the value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from geoevents.errors import GazetteerError
from geoevents.gazetteer.curated import FEATURE_CLASSES
from geoevents.gazetteer.normalize import normalize_name


def as_codes(value: str | Sequence[str] | None) -> frozenset[str] | None:
    """Country codes as given (one or several, any case) as a set of upper-case codes; None: any."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    return frozenset(c.strip().upper() for c in items if c and c.strip()) or None


def check_query(query: Any, max_chars: int) -> str:
    """The normalised key of a query; a query that is no text, too long or empty raises."""
    if not isinstance(query, str):
        raise GazetteerError(f"query must be text, not {type(query).__name__}")
    if len(query) > max_chars:
        raise GazetteerError(f"query is {len(query)} characters long; the limit is {max_chars}")
    key = normalize_name(query)
    if not key:
        raise GazetteerError("empty query: give a place name")
    return key


def check_classes(feature_classes: Iterable[str] | None) -> frozenset[str] | None:
    """The feature classes asked for (None: all); an unknown class raises, naming the known ones."""
    if feature_classes is None:
        return None
    classes = frozenset([feature_classes] if isinstance(feature_classes, str) else feature_classes)
    unknown = classes - FEATURE_CLASSES
    if unknown:
        raise GazetteerError(
            f"unknown feature class {sorted(unknown)[0]!r} (one of {', '.join(sorted(FEATURE_CLASSES))})"
        )
    return classes


def check_country_codes(codes: frozenset[str] | None, known: Mapping[str, int]) -> frozenset[str] | None:
    """``codes`` when each is a known ISO 3166-1 alpha-2 code; the first unknown one raises."""
    if codes is not None:
        for code in codes:
            if code not in known:
                raise GazetteerError(f"unknown country code {code!r} (expected ISO 3166-1 alpha-2, e.g. IQ)")
    return codes
