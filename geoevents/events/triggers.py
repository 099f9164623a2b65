"""Event mentions: the trigger words of a clause, from the lexicon in ``data/triggers.tsv``.

Each row of the lexicon is a class of wording ("shelled", "rockets landed",
"fired mortar rounds at") for one ACLED sub-event type, or for a generic kind
(an explosion, an attack, a killing) whose sub-type the article decides later.
Each row names the codebook definition it implements (``data/definitions.tsv``).
Rows are tried in file order: the first specific row that matches a clause
wins; generic rows count only when no specific row matches (leftmost first).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.events.datafiles import data_rows
from geoevents.events.prefilter import required_strings
from geoevents.events.shortcuts import RowFilter
from geoevents.events.taxonomy import (
    EXPLOSIONS,
    GENERIC_EXPLOSION,
    GENERIC_VIOLENCE,
    SUB_EVENT_TYPES,
    VIOLENT_TYPES,
)

_GENERIC = {"generic-explosion": GENERIC_EXPLOSION, "generic-violence": GENERIC_VIOLENCE}
_TRIGGER_COLUMNS = ("sub_event_type", "definition", "nominal", "pattern")
_DEFINITION_COLUMNS = ("definition", "event_type", "sub_event_type", "summary")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of the trigger lexicon."""

    pattern: re.Pattern[str] = field(hash=False)  # hashing a pattern hashes all its compiled code
    sub_event_type: str | None  # None for a generic trigger
    generic: str | None = None
    nominal: bool = False  # a noun ("the attack"): may refer back to an earlier event
    definition: str = ""  # the codebook definition the row implements (data/definitions.tsv)
    # Lower-case strings one of which every match contains (None: no such set), tested before the pattern.
    keys: tuple[str, ...] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class TriggerMention:
    """A trigger found in a clause: the record handed from detection to typing and realis."""

    trigger: Trigger
    match: re.Match[str]

    @property
    def text(self) -> str:
        return self.match.group(0)


@lru_cache(maxsize=4)
def definitions(path: Path | None = None) -> dict[str, str]:
    """Definition id -> sub-event type ("" for the generic kinds)."""
    found: dict[str, str] = {}
    for where, row in data_rows(path, "definitions.tsv", _DEFINITION_COLUMNS):
        sub = row["sub_event_type"]
        if sub and sub not in SUB_EVENT_TYPES:
            raise InputError(where, f"unknown sub_event_type {sub!r}")
        found[row["definition"]] = sub
    return found


def _trigger(where: str, row: dict[str, str], known: dict[str, str]) -> Trigger:
    name, definition = row["sub_event_type"], row["definition"]
    if name not in SUB_EVENT_TYPES and name not in _GENERIC:
        raise InputError(where, f"unknown sub_event_type {name!r}")
    if definition not in known:
        raise InputError(where, f"definition {definition!r} is not in definitions.tsv")
    if known[definition] and known[definition] != name:
        raise InputError(where, f"definition {definition!r} defines {known[definition]!r}, not {name!r}")
    if row["nominal"] not in ("yes", "no"):
        raise InputError(where, f"nominal must be yes or no, not {row['nominal']!r}")
    try:
        pattern = re.compile(row["pattern"], re.IGNORECASE)
    except re.error as exc:
        raise InputError(where, f"bad pattern ({exc})") from exc
    generic = _GENERIC.get(name)
    keys = required_strings(pattern)
    return Trigger(pattern, None if generic else name, generic, row["nominal"] == "yes", definition, keys)


@lru_cache(maxsize=4)
def load_triggers(path: Path | None = None, definitions_path: Path | None = None) -> tuple[Trigger, ...]:
    """The trigger lexicon (the packaged one unless ``path`` is given), checked row by row."""
    known = definitions(definitions_path)
    return tuple(
        _trigger(where, row, known) for where, row in data_rows(path, "triggers.tsv", _TRIGGER_COLUMNS)
    )


def _trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, branching one character at a time (fast in ``re``)."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        ends = "" in node
        parts = [re.escape(c) + walk(child) for c, child in sorted(node.items()) if c]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if ends else body

    return walk(tree)


@dataclass(frozen=True)
class _KeyIndex:
    """Which rows of a lexicon can match a clause, from the keys that occur in it (one scan)."""

    scan: re.Pattern[str]
    rows_of: dict[str, frozenset[int]]  # a key found at a position -> rows with a key that is its prefix
    always: frozenset[int]  # rows without keys
    fast: RowFilter | None = None  # every string each row requires: fewer rows, found once a text

    @classmethod
    def of(cls, triggers: tuple[Trigger, ...]) -> _KeyIndex:
        rows_with: dict[str, set[int]] = {}  # a key -> the rows that have it
        for i, t in enumerate(triggers):
            for k in t.keys or ():
                rows_with.setdefault(k, set()).add(i)
        keys = sorted(rows_with)
        rows_of = {
            key: frozenset(i for n in range(1, len(key) + 1) for i in rows_with.get(key[:n], ()))
            for key in keys
        }
        always = frozenset(i for i, t in enumerate(triggers) if not t.keys)
        fast = RowFilter(((t.pattern, t.keys) for t in triggers), _trie)
        return cls(re.compile(f"(?=({_trie(keys)}))"), rows_of, always, fast)

    def candidates(self, lowered: str) -> AbstractSet[int]:
        fast = self.fast.rows(lowered) if self.fast and not self.always else None
        if fast is not None:
            return fast
        rows = set(self.always)
        for found in set(self.scan.findall(lowered)):
            rows |= self.rows_of[found]
        return rows


_INDEXES: dict[int, tuple[tuple[Trigger, ...], _KeyIndex]] = {}


def _index(triggers: tuple[Trigger, ...]) -> _KeyIndex:
    """The key index of a lexicon, built once per lexicon object (lexicons are loaded once and kept)."""
    found = _INDEXES.get(id(triggers))
    if found is None or found[0] is not triggers:
        found = _INDEXES[id(triggers)] = (triggers, _KeyIndex.of(triggers))
    return found[1]


# Generic matches that name only who acted ("gunmen", "armed men"): an act in the clause comes first.
_ACTOR_ONLY = re.compile(r"(?:gunmen|armed\s+men)", re.IGNORECASE)


def _generic_rank(trigger: Trigger, m: re.Match[str]) -> int:
    """0 for a specific row, 1 for an explosion, 2 for another generic act, 3 for words naming only actors."""
    if not trigger.generic:
        return 0
    if _ACTOR_ONLY.fullmatch(m.group(0)):
        return 3
    return 1 if trigger.generic == GENERIC_EXPLOSION else 2


def _first_act(trigger: Trigger, clause: str, m: re.Match[str]) -> re.Match[str]:
    """The first match of a generic row after the actor words ``m``, or ``m`` when there is none."""
    later: re.Match[str] | None = m
    while later is not None and _ACTOR_ONLY.fullmatch(later.group(0)):
        later = trigger.pattern.search(clause, later.end())
    return later or m


# Weapons a party carried, listed after "armed with" or "carrying": equipment, not a weapon used. So is
# a haul taken from a party ("seized rifles, two launchers and 13 hand grenades"): a seizure uses no weapon.
_CARRIED = re.compile(
    r"\b(?:(?:armed|equipped)\s+with|carr(?:y|ying|ied)(?!\s+(?:out|away|off)\b)|in\s+possession\s+of)\s+"
    r"(?:[\w'’-]+,?\s+(?:and\s+)?){0,4}?$|"
    r"\b(?:seiz(?:ed|ing|ure\s+of)|confiscat(?:ed|ing|ion\s+of)|recover(?:ed|ing)|impound(?:ed|ing))\s+"
    r"(?:[\w'’.-]+,?\s+(?:and\s+)?){0,16}?$",
    re.IGNORECASE,
)


def _used_match(trigger: Trigger, clause: str) -> re.Match[str] | None:
    """The first match of a row that is not a weapon the clause says someone carried ("fighters armed
    with rifles and grenades" used no grenade); only weapon rows (explosions) name what is carried."""
    m = trigger.pattern.search(clause)
    kind = trigger.sub_event_type
    if kind is None or SUB_EVENT_TYPES[kind] != EXPLOSIONS:
        return m
    while m is not None and _CARRIED.search(clause, 0, m.start()):
        m = trigger.pattern.search(clause, m.end())
    return m


def best_trigger(
    clause: str, triggers: tuple[Trigger, ...] | None = None, *, skip: frozenset[Trigger] = frozenset()
) -> TriggerMention | None:
    """The trigger of a clause: the first specific row that matches, else the leftmost generic one
    (an explosion before a bare killing: "killed by bombs" is the bombing). Rows in ``skip`` are not
    tried: the next trigger of a clause whose first one was set aside."""
    best: tuple[int, int, Trigger, re.Match[str]] | None = None
    rows = triggers or load_triggers()
    for rank in sorted(_index(rows).candidates(clause.lower())):  # the few rows that can match, in rank order
        trigger = rows[rank]
        if trigger in skip:
            continue
        m = _used_match(trigger, clause)
        if not m:
            continue
        if trigger.generic and _ACTOR_ONLY.fullmatch(m.group(0)):
            m = _first_act(trigger, clause, m)
        key = (_generic_rank(trigger, m), m.start() if trigger.generic else rank)
        if best is None or key < best[:2]:
            best = (key[0], key[1], trigger, m)
            if not trigger.generic:
                break  # rows are in rank order: nothing later can beat a specific match
    if best is not None and not best[2].generic:
        found = _first_named(clause, rows, TriggerMention(best[2], best[3]), skip)
        found = _outside_a_relative(clause, rows, found, skip)
        cause = _cause_of(clause, found)
        if cause is not None:  # the act told before the cause, if any: the cause is an earlier act's name
            before = best_trigger(clause[: cause.start()], triggers, skip=skip)
            return before or (found if _REPRISAL.match(cause.group(0)) else None)
        return found
    if best is None or _ACTOR_ONLY.fullmatch(best[3].group(0)):
        return None  # "the presence of gunmen": words for the doers only, no act
    return TriggerMention(best[2], best[3])


# Words that name an act as the cause, topic or term of the clause's own ("angry over the shelling",
# "Russia's role in the bombing", "in retaliation for air strikes", "agreed to leave in exchange for a
# halt to the shelling"): the clause's event is the act it states before them ("gunmen attacked the post
# in revenge for air strikes"), or none. Support is not such a cue: "troops backed by air strikes took
# the town" tells the air strikes too.
_CAUSE = re.compile(
    r"\b(?:role|involvement|complicity)\s+in\b|\b(?:angry|anger|outrage|fury|furious|grievances?)\s+"
    r"(?:over|at|about)\b|\b(?:retaliation|revenge|reprisal|vengeance)\s+(?:for|to)\b|"
    r"\b(?:halt|end|stop|cessation|pause)\s+(?:to|of|in)\b",
    re.IGNORECASE,
)
# A reprisal's cause told in a clause of its own ("were retaliation for a rocket attack on Friday") is
# an event the article reports, only not the reprisal.
_REPRISAL = re.compile(r"retaliation|revenge|reprisal|vengeance", re.IGNORECASE)
# What may stand between the cue and the act it names: determiners, possessives, names of the side
# ("Russian", "US-led"), a few adjectives.
_CAUSE_GAP = re.compile(
    r"\s*(?:(?:the|a|an|its|their|his|her|this|that|these|those|recent|earlier|last|alleged|deadly|"
    r"continued|ongoing|heavy|repeated|intense|coalition|allied|government|regime|army|[\w-]+['’]s?|"
    r"(?-i:[A-Z][\w.-]*))\s+){0,3}",
    re.IGNORECASE,
)


def _cause_of(clause: str, found: TriggerMention) -> re.Match[str] | None:
    """The cue naming ``found`` as a cause ("angry over the shelling"), when the trigger is the noun
    phrase right after it ("residents angry at power cuts burned tyres": the burning is the act)."""
    start = found.match.start()
    for cue in _CAUSE.finditer(clause, 0, start):
        if _CAUSE_GAP.fullmatch(clause, cue.end(), start):
            return cue
    return None


# What separates two acts listed with one verb: "fighting, shelling and car bombs killed 18".
_LISTED = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|(?:,\s*)?(?:and|as\s+well\s+as|along\s+with)\s+)?(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)


def _first_named(
    clause: str, rows: tuple[Trigger, ...], found: TriggerMention, skip: frozenset[Trigger]
) -> TriggerMention:
    """The fighting when a list of violent acts that share one verb and toll names it first, rather than
    the act whose lexicon row comes first: ACLED codes remote weapons used in a battle as the battle
    ("heavy fighting, shelling and car bombs killed" is an armed clash)."""
    kind = found.trigger.sub_event_type
    if kind is None or SUB_EVENT_TYPES[kind] not in VIOLENT_TYPES:
        return found
    first = found
    while (earlier := _listed_before(clause, rows, first, skip)) is not None:
        first = earlier
    return first if first.trigger.sub_event_type == "Armed clash" else found


def _listed_before(
    clause: str, rows: tuple[Trigger, ...], found: TriggerMention, skip: frozenset[Trigger]
) -> TriggerMention | None:
    """A violent act of another sub-type ending just before ``found``, joined to it only by a list's
    comma or "and", or None."""
    start = found.match.start()
    for rank in sorted(_index(rows).candidates(clause[:start].lower())):
        trigger = rows[rank]
        other = trigger.sub_event_type
        if trigger in skip or other is None or other == found.trigger.sub_event_type:
            continue
        if SUB_EVENT_TYPES[other] not in VIOLENT_TYPES:
            continue
        for m in trigger.pattern.finditer(clause, 0, start):
            if _LISTED.fullmatch(clause, m.end(), start):
                return TriggerMention(trigger, m)
    return None


# A relative clause opened just before a trigger: "the observatory, which has documented heavy shelling".
_RELATIVE = re.compile(r"\b(?:who|which|whose)\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)


def _outside_a_relative(
    clause: str, rows: tuple[Trigger, ...], found: TriggerMention, skip: frozenset[Trigger]
) -> TriggerMention:
    """A specific trigger the clause states before a relative clause, rather than ``found`` inside it
    ("staged a demonstration for their brethren who are fighting"): the relative clause describes a
    participant, and the clause's own act is the one outside it."""
    relative = _RELATIVE.search(clause, 0, found.match.start())
    if relative is None:
        return found
    for rank in sorted(_index(rows).candidates(clause[: relative.start()].lower())):
        trigger = rows[rank]
        if trigger.generic or trigger in skip:
            continue
        m = trigger.pattern.search(clause, 0, relative.start())
        if m is not None:
            return TriggerMention(trigger, m)
    return found


def could_trigger(text: str) -> bool:
    """Whether a row of the lexicon may match somewhere in ``text``: False only when none can, so a
    sentence without one need not be split into clauses and read clause by clause."""
    return bool(_index(load_triggers()).candidates(text.lower()))


def trigger_for(sub_event_type: str) -> Trigger:
    """The first lexicon row of a sub-event type (for events a rule infers without a trigger word)."""
    return next(t for t in load_triggers() if t.sub_event_type == sub_event_type)


# Two weapons named together report two events: "air strikes and shelling", "rockets and air raids".
_CONJOINED = re.compile(
    r"\s*(?:,\s*)?(?:and|as\s+well\s+as|along\s+with|,)\s+(?:[\w-]+\s+){0,2}?$", re.IGNORECASE
)


def conjoined_trigger(clause: str, first: TriggerMention) -> TriggerMention | None:
    """A second trigger of the clause of another sub-type of the same event type, joined to the first
    by "and" ("regime air strikes and rocket attacks hit the town"), or None."""
    kind = first.trigger.sub_event_type
    if kind is None:
        return None
    family = SUB_EVENT_TYPES[kind]
    rows = load_triggers()
    possible = _index(rows).candidates(clause.lower())
    for rank, trigger in enumerate(rows):
        other = trigger.sub_event_type
        if rank not in possible:
            continue
        if other is None or other == kind or SUB_EVENT_TYPES[other] != family:
            continue
        m = trigger.pattern.search(clause)
        if m is None:
            continue
        a, b = sorted((first.match, m), key=lambda x: x.start())
        if a.end() <= b.start() and _CONJOINED.fullmatch(clause[a.end() : b.start()]):
            return TriggerMention(trigger, m)
    return None


TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


def territory_trigger(clause: str, first: TriggerMention) -> TriggerMention | None:
    """A change of control the clause reports beside its main act ("recaptured the city with support from
    air strikes": a strike and a town regained, two events as ACLED codes them), or None."""
    if first.trigger.sub_event_type in TERRITORY:
        return None
    rows = load_triggers()
    possible = _index(rows).candidates(clause.lower())
    for rank, trigger in enumerate(rows):
        if rank in possible and trigger.sub_event_type in TERRITORY:
            m = trigger.pattern.search(clause)
            if m is not None and not (m.start() < first.match.end() and first.match.start() < m.end()):
                return TriggerMention(trigger, m)  # words the first trigger read are not a second act
    return None


# A second act of another kind joined to the first by "and": "shelling the villages and detonating a car
# bomb", "clashes have intensified and bombs dropped by the regime killed 49". A gap that subordinates
# one act to the other ("seized weapons during the clashes", "clashes after an ambush") tells one event.
_COORDINATED = re.compile(
    r"^(?=.*\s(?:and|while)\s)(?:(?!\b(?:after|following|amid|during|before|since|as|when|where|"
    r"which|who|because|between|from|in\s+response|to|by|with)\b)[^.;:()\"“”]){1,80}$",
    re.IGNORECASE,
)


_GAP_WORDS = 3  # "clashes and air strikes" names weapons of one fight; "and then detonated" a second act


def coordinated_trigger(
    clause: str, first: TriggerMention, *, taken: tuple[str, ...] = ()
) -> TriggerMention | None:
    """A second act of a clause, of another violent sub-type than ``first`` (and than ``taken``), joined
    to it by "and" with no word that makes one the other's circumstance, or None."""
    kind = first.trigger.sub_event_type
    if kind is None or SUB_EVENT_TYPES[kind] not in VIOLENT_TYPES:
        return None  # a crowd's acts, a deal's steps or a move's parts are one event of their own kind
    kinds = {kind, *taken, *TERRITORY}
    rows = load_triggers()
    possible = _index(rows).candidates(clause.lower())
    for rank, trigger in enumerate(rows):
        other = trigger.sub_event_type
        if (
            rank not in possible
            or other is None
            or other in kinds
            or SUB_EVENT_TYPES[other] not in VIOLENT_TYPES
        ):
            continue
        m = trigger.pattern.search(clause)
        if m is None:
            continue
        a, b = sorted((first.match, m), key=lambda x: x.start())
        gap = clause[a.end() : b.start()]
        if a.end() <= b.start() and _COORDINATED.match(gap) and len(gap.split()) >= _GAP_WORDS:
            return TriggerMention(trigger, m)
    return None
