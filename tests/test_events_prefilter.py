"""The prefilters of the events stage: sound (never hide a match) and exact (same matches, only faster)."""

from __future__ import annotations

import re

import pytest

from geoevents.events.actors import default_actors
from geoevents.events.prefilter import dispatched, required_strings
from geoevents.events.triggers import load_triggers


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bair\s+strikes?\b", ("strike",)),
        (r"\b(?:shelled|shelling|bombarded)\b", ("bombarded", "shelled", "shelling")),
        (r"\bgunmen\b|\barmed\s+men\b", ("armed", "gunmen")),
        (r"(?-i:IEDs?)\s+(?:exploded|went\s+off)", ("exploded", "went")),
        (r"ab+c", ("a",)),  # the run before a repeated letter; the letter itself is no longer joined to it
        (r"\b(?:a|an)?\s*\w+", None),  # nothing is required
        (r"(?P<n>\d+)\s+killed(?=\s+in)", ("killed",)),  # a named group and a lookahead
        (r"[Ss]hot\b(?<!upshot)", ("hot",)),
        (r"(\w+)\s+\1", None),  # a backreference: not read, so no prefilter
        (r"(?x) shot # verbose", None),
    ],
)
def test_required_strings_of_a_pattern(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_strings(re.compile(pattern, re.IGNORECASE)) == expected


SENTENCES = [
    "Government warplanes bombed the market on Tuesday, killing nine people.",
    "Two mortar shells landed near the hospital; no one was hurt.",
    "An IED went off beside a patrol and a second device was defused by engineers.",
    "Protesters gathered outside parliament and police fired tear gas to disperse them.",
    "Militants abducted three aid workers from their car at a checkpoint.",
    "The suicide bomber blew himself up at the gate of the police academy.",
    "Rebels seized the town after heavy clashes with the army overnight.",
    "A drone strike hit a vehicle carrying fighters of the group, officials said.",
]


def test_every_lexicon_match_holds_one_of_its_required_strings() -> None:
    checked = 0
    for trigger in load_triggers():
        keys = required_strings(trigger.pattern)
        for sentence in SENTENCES:
            for m in trigger.pattern.finditer(sentence):
                checked += 1
                assert keys is None or any(k in m.group(0).lower() for k in keys), (trigger.pattern, m)
    assert checked >= len(SENTENCES)  # the wordings do exercise the lexicon


def test_a_dispatched_alternation_matches_what_the_flat_one_matches() -> None:
    names = ["Free Syrian Army", "FSA", "fighters", "Islamic State", "ISIS", "IS", "Houthis", "Hezbollah"]
    parts = [rf"(?-i:{re.escape(n)})" if n.isupper() else re.escape(n).replace(r"\ ", r"\s+") for n in names]
    flat = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
    grouped = dispatched(zip(names, parts, strict=True))
    fast = re.compile(r"(?<![\w-])" + grouped + r"(?![\w-])", re.IGNORECASE)
    text = "ISIS and Islamic  State fighters, the is of FSA, the free syrian army, hezbollah and houthis. IS"
    found = [(m.start(), m.end()) for m in fast.finditer(text)]
    assert found == [(m.start(), m.end()) for m in flat.finditer(text)]
    assert len(found) == 8  # lower-case "is" is not the group: the short capitals keep their case


def test_the_actor_lexicon_scans_as_its_flat_alternation_would() -> None:
    lexicon = default_actors()
    parts = []
    for alias, _, _ in lexicon.entries:  # the plain form: every alias tried at every word, longest first
        body = re.escape(alias).replace(r"\ ", r"\s+")
        parts.append(rf"(?-i:{body})" if len(alias) <= 5 and alias.replace(".", "").isupper() else body)
    flat = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
    text = " ".join(SENTENCES) + " Hezbollah and the SDF said the Houthis and the Taliban denied it; is it IS"
    found = [m.span() for m in lexicon.pattern.finditer(text)]
    assert found == [m.span() for m in flat.finditer(text)]
    assert len(found) >= 4
