"""Trigger finding within a sentence: each clause with the ACLED act it words, or none.

A clause's best trigger is read first, then a second one where the clause names two acts of one
kind ("strikes and shelling") or a capture beside its fight; acts told only as tolls, crowds' acts
"in protest", and place tails ("... and in Albukamal") are settled here, before realis is judged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from geoevents.events.folds import sentence_folds
from geoevents.events.taxonomy import CIVILIAN_WORDS
from geoevents.events.text import Span
from geoevents.events.triggers import (
    TERRITORY,
    Trigger,
    TriggerMention,
    best_trigger,
    conjoined_trigger,
    coordinated_trigger,
    load_triggers,
    territory_trigger,
    trigger_for,
)


class Found(NamedTuple):
    """A clause's trigger row and the words that matched it."""

    trigger: Trigger
    match: re.Match[str]


class ClauseTrigger(NamedTuple):
    """A clause of a sentence and its trigger, or None when it words no act."""

    clause: Span
    found: Found | None


Triggered = list[ClauseTrigger]

# What a crowd did, in a clause followed by "in protest against ...": the clause is a demonstration.
_CROWD_ACT = re.compile(
    r"\b(?:forced\s+(?:their|its|a)\s+way|storm(?:ed|ing)|broke\s+into|march(?:ed|ing)|gathered|rallied|"
    r"block(?:ed|ing)|burn(?:ed|t|ing)|set(?:ting)?\s+fire|thr(?:ew|owing)|chant(?:ed|ing)|massed|camped)\b",
    re.IGNORECASE,
)


_IN_PROTEST = re.compile(r"^\W*in\s+protest\s+(?:against|at|over|of)\b", re.IGNORECASE)


_PROTEST_TRIGGER = trigger_for("Peaceful protest")


@lru_cache(maxsize=512)  # read again when the same article is asked why it gave no event
def _triggers_of(clause: Span) -> Triggered:
    """The clause with its trigger, twice when it names two weapons of one kind ("strikes and shelling")."""
    found = best_trigger(clause.text)
    if found is None:
        return [ClauseTrigger(clause, None)]
    found = _past_a_weak_verb(clause.text, found)
    pairs: Triggered = [ClauseTrigger(clause, Found(found.trigger, found.match))]
    for second in (conjoined_trigger(clause.text, found), territory_trigger(clause.text, found)):
        if second is not None:
            pairs.append(ClauseTrigger(clause, Found(second.trigger, second.match)))
    held = _arrest_over(clause.text, found)
    if held is not None:
        pairs.append(ClauseTrigger(clause, Found(held.trigger, held.match)))
    taken = tuple(t.sub_event_type for _, (t, _m) in pairs[1:] if t.sub_event_type)  # type: ignore[misc]
    other = coordinated_trigger(clause.text, found, taken=taken)
    if other is not None:
        pairs.append(ClauseTrigger(clause, Found(other.trigger, other.match)))
    return pairs


# What ties a detention to the act it is for: "arrested four suspects over last week's grenade attack".
_HELD_FOR = re.compile(
    r"\b(?:over|for|in\s+connection\s+with|linked\s+to|suspected\s+of|accused\s+of|on\s+suspicion\s+of)\s+"
    r"(?:[\w'’-]+\s+){0,4}?$",
    re.IGNORECASE,
)
_ARRESTS = tuple(t for t in load_triggers() if t.sub_event_type == "Arrests")


def _arrest_over(clause: str, found: TriggerMention) -> TriggerMention | None:
    """The detention a clause reports before the act it names as its cause ("police arrested four
    suspects over the grenade attack"): the codebook's Arrests, an event beside the act, or None."""
    if found.trigger.sub_event_type in ("Arrests", None):
        return None
    for trigger in _ARRESTS:
        m = trigger.pattern.search(clause, 0, found.match.start())
        if m is not None and _HELD_FOR.search(clause[m.end() : found.match.start()]):
            return TriggerMention(trigger, m)
    return None


def _past_a_weak_verb(clause: str, found: TriggerMention) -> TriggerMention:
    """A weak verb read first ("Depot hit ... gunmen shot dead a guard") yields to a later generic act."""
    m = found.match
    if not found.trigger.generic or not weak_verb(clause, m):
        return found
    later = [
        TriggerMention(t, match)
        for t in load_triggers()
        if t.generic and (match := t.pattern.search(clause, m.end())) is not None
    ]
    return min(later, key=lambda t: t.match.start()) if later else found


def weak_verb(clause: str, m: re.Match[str]) -> bool:
    """A weak verb ("hit", "struck") with nothing before it that makes it an attack."""
    return m.group(0).lower() in _WEAK_VERBS and not _WEAK_VERB_SUBJECT.search(clause[: m.start()])


_PLACE_TAIL = re.compile(r"\s*(?:and|or)\s+(?:also\s+)?(?:in|at|near|on|outside|inside|into|around)\b", re.I)


def _with_protest_acts(
    triggered: Triggered,
) -> Triggered:
    """A clause of what a crowd did, followed by "in protest against ...", is a demonstration."""
    out = list(triggered)
    for i, (clause, found) in enumerate(out[:-1]):
        act = _CROWD_ACT.search(clause.text) if found is None or found[0].generic else None
        if act and _IN_PROTEST.match(out[i + 1][0].text):
            out[i] = ClauseTrigger(clause, Found(_PROTEST_TRIGGER, act))
    return out


# A clause that only counts the dead, wounded or recovered bodies of an act another clause names.
_TOLL_ONLY = re.compile(
    r"(?:(?:was|were|been|being|got)\s+(?:\w+ly\s+)?)?(?:killed|killing|dead|died|wounded|injured)|"
    r"bodies\s+(?:[\w'’-]+\s+){0,5}?(?:were|was)\s+(?:found|discovered|recovered)",
    re.IGNORECASE,
)


def _with_tolls_folded(
    triggered: Triggered,
) -> Triggered:
    """A bare toll clause of a sentence whose other clause names the act ("30 people were killed after
    a suicide bomber blew himself up") is that act's toll, not an event of its own."""
    typed = [found for _, found in triggered if found is not None and found[0].sub_event_type is not None]
    if not typed:
        return triggered
    out: Triggered = []
    for clause, found in triggered:
        toll = found is not None and found[0].generic is not None and _TOLL_ONLY.fullmatch(found[1].group(0))
        out.append(ClauseTrigger(clause, None if toll else found))
    return out


# A clause that opens on the fight a capture came after ("after two days of fighting", "following clashes").
_FIGHT_BEFORE = re.compile(r"\W*(?:after|following|amid|during|since)\b", re.IGNORECASE)
# A generic act of that fight: "since launching a fierce assault", "after an attack on the town".
_ASSAULT = re.compile(r"assault(?:ed|s)?|attack(?:ed|s|ing)?|stormed", re.IGNORECASE)


def _with_capture_fights_folded(
    triggered: Triggered,
) -> Triggered:
    """The fighting a capture came after, told in the sentence of the capture ("seized the town after
    heavy fighting"), is that battle: the codebook codes a battle in which a place changes hands as the
    territorial event alone."""
    if not any(found is not None and found[0].sub_event_type in TERRITORY for _, found in triggered):
        return triggered
    return [
        ClauseTrigger(clause, None)
        if found is not None and _fight_of_capture(found) and _FIGHT_BEFORE.match(clause.text)
        else ClauseTrigger(clause, found)
        for clause, found in triggered
    ]


# A fight verb that goes on with the doer before it ("... and fought troops", "then battled").
_SAME_DOER = re.compile(r"\b(?:and|then)\s+(?:then\s+|later\s+)?$", re.IGNORECASE)


def _with_storms_of_a_fight_folded(triggered: Triggered) -> Triggered:
    """An assault whose doer goes on to fight in the same sentence ("stormed the town and fought army
    troops in the streets") is that armed clash: the codebook's Attack is on civilians only, so a
    storming met by armed forces is one battle, not an attack beside it."""
    clash = [
        i
        for i, (c, f) in enumerate(triggered)
        if f and f[0].sub_event_type == "Armed clash" and _SAME_DOER.search(f[1].string[: f[1].start()])
    ]
    return [
        ClauseTrigger(clause, None)
        if found is not None
        and found[0].generic is not None
        and _ASSAULT.fullmatch(found[1].group(0))
        and any(j > i for j in clash)
        and not CIVILIAN_WORDS.search(clause.text)
        else ClauseTrigger(clause, found)
        for i, (clause, found) in enumerate(triggered)
    ]


def _fight_of_capture(found: Found) -> bool:
    """Whether a clause's trigger is a fight (a clash, or a generic assault) a capture can come after."""
    trigger, m = found
    return trigger.sub_event_type == "Armed clash" or (
        trigger.generic is not None and _ASSAULT.fullmatch(m.group(0)) is not None
    )


def _with_place_tails(triggered: Triggered, sentence: Span) -> Triggered:
    """Clauses with a trigger-less "... and in Albukamal" tail joined back to the clause it locates."""
    out: Triggered = []
    for clause, found in triggered:
        if out and found is None and out[-1][1] is not None and _PLACE_TAIL.match(clause.text):
            head, head_found = out[-1]
            text = sentence.text[head.start - sentence.start : clause.end - sentence.start]
            out[-1] = ClauseTrigger(Span(head.start, clause.end, text, head.zone), head_found)
        else:
            out.append(ClauseTrigger(clause, found))
    return out


# "hit" and "struck" alone are too common in other senses: only a weapon's or a passive's count.
_WEAK_VERBS = frozenset({"hit", "targeted", "struck"})
_WEAK_VERB_SUBJECT = re.compile(
    r"\b(?:was|were|been)\s+$|\b(?:bombs?|rockets?|missiles?|shells?|strikes?|forces|troops)\s+(?:\w+\s+)?$",
    re.I,
)
# A trigger that is itself a finite past verb ("shelled", "kidnapped", "fought") reports an act.


def triggered_clauses(clauses: list[Span], sentence: Span) -> Triggered:
    """A sentence's clauses with their triggers, after folding tolls, protest acts and place tails."""
    found = [pair for c in clauses for pair in _triggers_of(c)]
    triggered = _with_tolls_folded(_with_protest_acts(_with_place_tails(found, sentence)))
    folded = sentence_folds(list(_with_storms_of_a_fight_folded(_with_capture_fights_folded(triggered))))
    return [ClauseTrigger(clause, None if f is None else Found(*f)) for clause, f in folded]
