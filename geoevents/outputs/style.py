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


# What an event's tags mean for a reader, shown next to the figures they qualify (map popups).
CAVEAT_TEXT: dict[str, str] = {
    "fatalities-split": "Toll split between places: the article gives one total for several places.",
    "injuries-split": "Injuries split between places: one total was given for several places.",
    "fatalities-vague": 'Toll is vague in the source ("dozens", "at least"): a low estimate is coded.',
    "injuries-vague": "Injury count is vague in the source: a low estimate is coded.",
    "date-from-caption": "Date taken from a photo caption: the event may be a day or two earlier.",
    "date-assumed-publication": "No date in the text: the article's publication date is used.",
    "year-only-date": "Only the year is known.",
    "type-from-generic-trigger": 'Event type inferred from a generic word ("attack", "violence").',
    "analyst-edited": "Edited by an analyst (overrides file).",
    "analyst-added": "Added by an analyst (overrides file).",
}

# A marker shape per event type, so types differ at a glance and not only by colour (SVG paths
# on a 20 x 20 box, centred on 10,10).
EVENT_SHAPES: dict[str, str] = {
    "Battles": "M10 1 L19 10 L10 19 L1 10 Z",  # diamond
    "Explosions/Remote violence": (  # eight-point burst
        "M10 0 L12.3 5.4 L17.1 2.9 L14.6 7.7 L20 10 L14.6 12.3 L17.1 17.1 L12.3 14.6 L10 20 "
        "L7.7 14.6 L2.9 17.1 L5.4 12.3 L0 10 L5.4 7.7 L2.9 2.9 L7.7 5.4 Z"
    ),
    "Violence against civilians": "M10 1.5 L19 18 L1 18 Z",  # triangle
    "Protests": "M10 1 A9 9 0 1 1 9.99 1 Z",  # circle
    "Riots": "M10 1 L18.6 6.2 L18.6 13.8 L10 19 L1.4 13.8 L1.4 6.2 Z",  # hexagon
    "Strategic developments": "M2 2 L18 2 L18 18 L2 18 Z",  # square
    OTHER: "M10 3 A7 7 0 1 1 9.99 3 Z",  # small circle
}


def caveats(tags: Iterable[str], notes: str | None = None) -> list[str]:
    """The reader-facing caveats of an event: its tags explained, then its coder's notes."""
    out = [CAVEAT_TEXT[tag] for tag in tags if tag in CAVEAT_TEXT]
    if notes:
        out.append(notes)
    return out
