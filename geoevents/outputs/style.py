"""One palette for every output: the map, the images, the report and the QGIS styles agree."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

# ACLED event types in ACLED's own order; anything else is drawn as OTHER.
EVENT_TYPES: tuple[str, ...] = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
OTHER = "Other"

EVENT_COLORS: dict[str, str] = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
    OTHER: "#34495e",
}

PLACE_COLOR = "#2c3e50"
AREA_COLOR = "#d35400"
BORDER_COLOR = "#b03a2e"
LAND_COLOR = "#f2efe9"
SEA_COLOR = "#c9dbe8"
COUNTRY_EDGE = "#a39e93"

# Radius of the uncertainty ring drawn around an event point, by ACLED geo_precision (km).
PRECISION_RING_KM: dict[int, float] = {2: 25.0, 3: 75.0}

PRECISION_LABELS: dict[int, str] = {
    1: "1 - the town or site itself",
    2: "2 - near a town, or part of a region",
    3: "3 - a larger region or border area",
}


def event_type_key(event_type: str | None) -> str:
    """The palette key for an event type (OTHER for anything outside ACLED's six)."""
    return event_type if event_type in EVENT_TYPES else OTHER


def event_color(event_type: str | None) -> str:
    return EVENT_COLORS[event_type_key(event_type)]


def type_counts(event_types: Iterable[str | None]) -> dict[str, int]:
    """How many events of each palette key occur, in legend order (ACLED's order, OTHER last)."""
    keys = [event_type_key(value) for value in event_types]
    return {label: keys.count(label) for label in (*EVENT_TYPES, OTHER) if label in keys}


def number_or_none(value: object) -> float | None:
    """A plain float, or None for None, NaN and pandas' NA."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def geo_precision(value: object) -> int:
    """An event's ACLED geo_precision as drawn; a missing one counts as 3, the least precise."""
    return int(number_or_none(value) or 3)


def as_date(value: Any) -> date | None:
    """A plain date from a date, datetime, pandas Timestamp or ISO string (None for missing)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def marker_radius_px(fatalities: object) -> float:
    """Screen radius of an event marker: grows with the square root of fatalities, capped."""
    number = number_or_none(fatalities)
    deaths = 0.0 if number is None else max(number, 0.0)
    return round(min(6.0 + 2.2 * math.sqrt(deaths), 26.0), 2)


def slug(text: str) -> str:
    """A CSS/HTML-safe class suffix for a label."""
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part) or "x"
