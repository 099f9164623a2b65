"""Withdrawal rows read beside the article's other rows of their site: a leaving is a change of hands.

The codebook codes a side's leaving a place as a change to its activity only when no one takes the
place over. When the article tells the place taken over the same day (a transfer, a capture), the
leaving is that act's other side and adds no row; when it tells a deal for the leaving, the place is
handed over without a fight (a non-violent transfer of territory). The wordings are in
``data/withdrawals.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geoevents.events.row_folds import site_names, with_evidence
from geoevents.events.subtypes import NON_STATE_WORDS, STATE_WORDS
from geoevents.events.summaries import kinded_cues
from geoevents.events.triggers import TERRITORY
from geoevents.records import Event, Evidence

CHANGE = "Change to group/activity"
TRANSFER = "Non-violent transfer of territory"
_TAKEN = frozenset({TRANSFER, *TERRITORY})


def _cues() -> dict[str, re.Pattern[str]]:
    return kinded_cues("withdrawals.tsv", ("leaving", "pressed"))


def _leaving(event: Event) -> bool:
    cues = _cues()
    return (
        event.sub_event_type == CHANGE
        and bool(event.evidence)
        and bool(cues["leaving"].search(event.evidence[0].sentence))
    )


def _near(a: Event, b: Event, days: int) -> bool:
    """One site (by name and country) and days at most ``days`` apart (or both undated)."""
    if not site_names(a) & site_names(b):
        return False
    if a.event_date is None or b.event_date is None:
        return a.event_date is None and b.event_date is None
    return abs((a.event_date - b.event_date).days) <= days


def withdrawals_read(events: list[Event]) -> list[Event]:
    """The rows with each withdrawal folded into the taking over of its site told the same day (which
    takes its sentences), or typed a non-violent transfer when a deal at its site is told within two days."""
    out: list[Event] = []
    told: dict[int, list[Evidence]] = {}
    for event in events:
        if not _leaving(event):
            out.append(event)
            continue
        taken = next((e for e in events if e.sub_event_type in _TAKEN and _near(e, event, 1)), None)
        if taken is not None:
            told.setdefault(id(taken), []).extend(event.evidence)
            continue
        if any(e.sub_event_type == "Agreement" and _near(e, event, 2) for e in events):
            event = replace(event, sub_event_type=TRANSFER)
        out.append(_pressed(event))
    return [with_evidence(e, told.get(id(e), [])) for e in out]


def _pressed(event: Event) -> Event:
    """A leaving forced by another side's attack ("withdrew as they faced a rebel offensive") is that
    side's taking of the place: a state side's when the attacker is named as one, else a non-state's."""
    sentence = event.evidence[0].sentence if event.evidence else ""
    pressed = _cues()["pressed"].search(sentence) if event.sub_event_type == CHANGE else None
    if pressed is None:
        return event
    after = sentence[pressed.start() :]
    state = STATE_WORDS.search(after)
    non_state = NON_STATE_WORDS.search(after)
    by_state = state is not None and (non_state is None or state.start() < non_state.start())
    return replace(event, sub_event_type=TERRITORY[0] if by_state else TERRITORY[1])
