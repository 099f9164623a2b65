""" "The two sides" of a fight named by anaphora: the two armed actors the text named last (wordings of
our own)."""

from __future__ import annotations

import re

from geoevents.events import default_actors
from geoevents.events.actors import resolve_anaphors
from geoevents.events.draft import Draft
from geoevents.events.text import Span
from geoevents.records import ZoneKind


def _draft_of(text: str, clause_text: str) -> Draft:
    start = text.index(clause_text)
    clause = Span(start, start + len(clause_text), clause_text)
    trigger = re.search("clashes", clause_text)
    assert trigger is not None
    draft = Draft(order=0, sub_event_type="Armed clash", generic=None, zone=ZoneKind.BODY)
    resolve_anaphors(draft, default_actors(), text, clause, trigger)
    return draft


def test_the_two_sides_are_the_last_two_actors_named() -> None:
    text = (
        "Tension rose after the army moved tanks toward areas held by the Kurdish YPG. "
        "On Friday clashes between the two sides killed nine people."
    )
    draft = _draft_of(text, "On Friday clashes between the two sides killed nine people.")
    assert (draft.actor1, draft.actor2) == ("Military Forces of {country}", "YPG: Peoples Protection Units")
