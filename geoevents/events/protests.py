"""Demonstrations and the detentions told beside them, clause by clause within one sentence.

The codebook codes a protest whose participants are arrested as one event, a protest with
intervention (or the riot it was), not a protest and an arrest; and a demonstration held
"against the arrest of" someone is a demonstration, not an arrest. A gathering that marks an
anniversary or commemorates the dead happens on its own day: the remembrance is its cause,
not a sign that the act is history.
"""

from __future__ import annotations

import re

from geoevents.events.causes import cause_words
from geoevents.events.realis import recalled
from geoevents.events.taxonomy import SUB_EVENT_TYPES
from geoevents.events.text import Span
from geoevents.events.triggers import Trigger, load_triggers

Found = tuple[Trigger, re.Match[str]] | None
_CROWD_TYPES = frozenset({"Protests", "Riots"})
# An arrest's object that refers back to the crowd just told ("arrested several of them", "detaining 20").
_OF_THE_CROWD = re.compile(
    r"\s*(?:(?:\w+\s+){0,2}of\s+them|them|those|(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?\d+|"
    r"(?:several|some|many|dozens|scores|hundreds|a\s+number)(?:\s+of\s+(?:the\s+)?\w+)?|"
    r"(?:\w+\s+)?(?:protesters|demonstrators|protestors|participants|marchers|rioters|organi[sz]ers))\b",
    re.IGNORECASE,
)
# Remembrance words, set aside before asking whether a demonstration is told as history.
_REMEMBRANCE = re.compile(
    r"\b(?:(?:the\s+)?(?:\w+\s+)?anniversary(?:\s+of)?|commemorat\w*|in\s+memory\s+of|to\s+mark)\b",
    re.IGNORECASE,
)


def _crowd(found: Found) -> bool:
    return found is not None and SUB_EVENT_TYPES.get(found[0].sub_event_type or "") in _CROWD_TYPES


def _protest_before(clause: str, found: Found) -> Found:
    """The protest row's match when it comes before an arrest trigger in the clause ("protested against
    the arrest of ..."), else ``found``."""
    if found is None or found[0].sub_event_type != "Arrests":
        return found
    protest = next(t for t in load_triggers() if t.sub_event_type == "Peaceful protest")
    m = protest.pattern.search(clause, 0, found[1].start())
    return (protest, m) if m else found


# A demonstration named as the cause of an arrest told before it ("arrested 200 supporters after violent
# protests"): the arrest is the event.
_CAUSE_BEFORE = re.compile(
    rf"\b(?:{cause_words('after')}|over|for|during|ahead\s+of|before|in\s+connection\s+with)\s+(?:[\w'’-]+\s+){{0,3}}$",
    re.IGNORECASE,
)


def _arrest_before(clause: str, found: Found) -> Found:
    """The arrest row's match when it comes before a demonstration the clause names only as its cause."""
    if not _crowd(found) or found is None or not _CAUSE_BEFORE.search(clause[: found[1].start()]):
        return found
    for t in load_triggers():
        if t.sub_event_type == "Arrests" and (m := t.pattern.search(clause, 0, found[1].start())):
            return (t, m)
    return found


# A clause that only names a demonstration as the cause of the act before it: "..., after violent protests".
_CAUSE_CLAUSE = re.compile(
    rf"\W*(?:{cause_words('after')}|amid|over)\s+(?:[\w'’-]+\s+){{0,3}}?(?:protests?|demonstrations?|riots?|rallies|unrest)"
    r"\b\s*(?:[,.;]|$|(?:in|on|at|last|this|earlier)\b)",
    re.IGNORECASE,
)


def _cause_only(clause: str, found: Found, earlier: bool) -> bool:
    return earlier and _crowd(found) and bool(_CAUSE_CLAUSE.match(clause))


def with_crowd_acts(triggered: list[tuple[Span, Found]]) -> list[tuple[Span, Found]]:
    """A sentence's triggered clauses with detentions read as the demonstration's: an arrest named after
    a protest in its clause is the protest's cause (and one before a protest told as its cause is the
    arrest), and the arrest of "several of them" in a sentence
    of a demonstration is that demonstration's intervention (kept in its event, not an event of its own)."""
    out = [
        (clause, _arrest_before(clause.text, _protest_before(clause.text, found)))
        for clause, found in triggered
    ]
    out = [
        (clause, None if _cause_only(clause.text, found, any(f for _, f in out[:i])) else found)
        for i, (clause, found) in enumerate(out)
    ]
    if not any(_crowd(found) for _, found in out):
        return out
    return [
        (clause, None)
        if found is not None
        and found[0].sub_event_type == "Arrests"
        and _OF_THE_CROWD.match(clause.text, found[1].end())
        else (clause, found)
        for clause, found in out
    ]


# Words of a gathering: a clause of one that names a remembrance tells of people gathered now.
_GATHERING = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|marche[sdr]?|marching|sit-ins?|vigils?|crowds?|mourners|"
    r"gathered|gatherings?|processions?|commemorating)\b",
    re.IGNORECASE,
)


# The act remembered ("the anniversary of the 1982 massacre"): history, whatever gathered for it.
_REMEMBERED = re.compile(
    r"\b(?:anniversary\s+of|commemorat\w*|in\s+memory\s+of|to\s+mark)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def commemoration(trigger: Trigger, clause: str, m: re.Match[str]) -> bool:
    """Whether a clause of a demonstration (or of an act against one) reads as history only because it
    marks an anniversary or commemorates the dead: the gathering itself happens now (the act ``m``
    remembered is not)."""
    kind = SUB_EVENT_TYPES.get(trigger.sub_event_type or "")
    crowd = kind in _CROWD_TYPES or bool(_GATHERING.search(clause))
    remembered = bool(_REMEMBERED.search(clause[: m.start()]))
    return crowd and not remembered and not recalled(_REMEMBRANCE.sub(" ", clause))
