"""De facto authorities: armed groups whose detentions the codebook counts as arrests.

ACLED's Arrests are made by "state forces or other actors exercising de facto control
over a territory"; a detention by any other armed group is an abduction. The groups
that govern the ground they hold are rows of ``data/authorities.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geoevents.events.triggers import data_rows

_COLUMNS = ("pattern", "governs")


@lru_cache(maxsize=1)
def _authorities() -> re.Pattern[str]:
    rows = data_rows(None, "authorities.tsv", _COLUMNS)
    return re.compile("|".join(f"(?:{row['pattern']})" for _, row in rows), re.IGNORECASE)


def governing_group(*names: str | None) -> bool:
    """Whether any of ``names`` (an actor's name, the words before a trigger) names a de facto authority."""
    pattern = _authorities()
    return any(name and pattern.search(name) for name in names)
