"""De facto authorities: armed groups whose detentions the codebook counts as arrests.

ACLED's Arrests are made by "state forces or other actors exercising de facto control
over a territory"; a detention by any other armed group is an abduction. The groups
that govern the ground they hold are rows of ``data/authorities.tsv``, each with the
day it has governed since (the Taliban's detentions are arrests from August 2021).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from geoevents.errors import InputError
from geoevents.events.datafiles import data_rows

_COLUMNS = ("pattern", "since", "governs")


@lru_cache(maxsize=1)
def _authorities() -> tuple[tuple[re.Pattern[str], date | None], ...]:
    out = []
    for where, row in data_rows(None, "authorities.tsv", _COLUMNS):
        try:
            since = date.fromisoformat(row["since"]) if row["since"] else None
            out.append((re.compile(row["pattern"], re.IGNORECASE), since))
        except (ValueError, re.error) as exc:
            raise InputError(where, f"bad row ({exc})") from exc
    return tuple(out)


def governing_group(*names: str | None, on: date | None = None) -> bool:
    """Whether any of ``names`` (an actor's name, the words before a trigger) names a group that governed
    where it acted on day ``on`` (None: an undated report, taken as recent)."""
    return any(
        name and pattern.search(name) and (since is None or on is None or on >= since)
        for pattern, since in _authorities()
        for name in names
    )
