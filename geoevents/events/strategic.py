"""Strategic developments told beside another act of the same sentence.

A withdrawal told as the reason for a move ("troops entered the town after the rebels pulled
out") is the other side of one change of control: the codebook codes the move (a non-violent
transfer, a deployment), not the withdrawal as a second event.
"""

from __future__ import annotations

import re

from geoevents.events.text import Span
from geoevents.events.triggers import TERRITORY, Trigger

Found = tuple[Trigger, re.Match[str]] | None
_MOVES = frozenset({"Change to group/activity", "Non-violent transfer of territory", *TERRITORY})
# A clause that gives the reason for the act before it: "after the rebels pulled out".
_AFTER = re.compile(r"\W*(?:after|following|once|when|as\s+soon\s+as)\b", re.IGNORECASE)
_WITHDRAWAL = re.compile(r"withdr|pull|retreat|evacuat|left", re.IGNORECASE)


def with_withdrawals_folded(triggered: list[tuple[Span, Found]]) -> list[tuple[Span, Found]]:
    """A sentence's triggered clauses without a withdrawal told, after another clause's move, as its
    reason ("entered Kidal after the rebels pulled out"): the move is the event."""
    first = next((found for _, found in triggered if found is not None), None)
    if first is None or first[0].sub_event_type not in _MOVES:
        return triggered
    return [
        (clause, None)
        if found is not None
        and found is not first
        and found[0].sub_event_type == "Change to group/activity"
        and _AFTER.match(clause.text)
        and _WITHDRAWAL.match(found[1].group(0))
        else (clause, found)
        for clause, found in triggered
    ]
