"""The words that tell an act as the cause of another ("after the shelling", "in retaliation for the
raid"), from ``data/causes.tsv``: the dates, the gate, the site and the protest rules each read the
words they need, with the anchors of their own use."""

from __future__ import annotations

from functools import lru_cache

from geoevents.errors import InputError
from geoevents.events.datafiles import data_rows

_KINDS = ("after", "since", "reply")


@lru_cache(maxsize=8)
def cause_words(*kinds: str) -> str:
    """A non-capturing alternation (no anchors) of the cause words of ``kinds``, in file order."""
    parts = []
    for where, row in data_rows(None, "causes.tsv", ("kind", "pattern")):
        if row["kind"] not in _KINDS:
            raise InputError(where, f"unknown kind {row['kind']!r}")
        if row["kind"] in kinds:
            parts.append(row["pattern"])
    return f"(?:{'|'.join(parts)})"
