"""Stable event ids derived from content, identical across runs and machines."""

from __future__ import annotations

import hashlib

from geoevents.records import Event


def event_id_for(event: Event) -> str:
    """``<country>-<10 hex>`` from type, date, precision and the site feature ids (not from wording)."""
    sites = sorted(loc.place.feature_id for loc in event.locations if loc.role == "site")
    country = next(
        (loc.place.country_code for loc in event.locations if loc.role == "site" and loc.place.country_code),
        None,
    )
    key = "|".join(
        [
            event.event_type,
            event.sub_event_type,
            event.event_date.isoformat() if event.event_date else "",
            str(event.time_precision),
            ",".join(sites),
            event.actor1 or "",
        ]
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return f"{(country or 'XX').upper()}-{digest}"
