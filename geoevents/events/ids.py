"""Stable event ids derived from content, identical across runs and machines."""

from __future__ import annotations

import hashlib

from geoevents.events.actors import UNIDENTIFIED, is_unidentified_group
from geoevents.records import Event


def event_id_for(event: Event) -> str:
    """``<country>-<10 hex>`` from type, date, precision, the site feature ids and actor1 (not from wording).

    An unidentified armed group counts without its country, which the id already
    holds, so ids stay what they were before the group was named after it.
    """
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
            UNIDENTIFIED if is_unidentified_group(event.actor1) else event.actor1 or "",
        ]
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return f"{(country or 'XX').upper()}-{digest}"
