"""Sums and reactions: a trigger that tells a running toll, a trend over a stretch of time, or a
reaction to an event told elsewhere, rather than reporting one new event.

ACLED codes each event once, on its own day: "since Tuesday, shelling has killed 66" sums several
days of events (each reported in its own right), "dozens have been killed in clashes" tells a war,
and "the minister condemned the attack" reacts to an event the article reports elsewhere. The
wordings are in ``data/summaries.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geoevents.events.datafiles import data_rows
from geoevents.events.plurals import OCCASION

_KINDS = ("since", "perfect", "vague", "reaction", "span", "ongoing", "endured", "spell")


@lru_cache(maxsize=8)
def kinded_cues(name: str, kinds: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    """One compiled alternation per kind of cue, from a data file of rows ``kind<TAB>pattern``."""
    parts: dict[str, list[str]] = {kind: [] for kind in kinds}
    for _where, row in data_rows(None, name, ("kind", "pattern")):
        parts[row["kind"]].append(row["pattern"])
    return {kind: re.compile(rf"\b(?:{'|'.join(p)})\b", re.IGNORECASE) for kind, p in parts.items()}


def _cues() -> dict[str, re.Pattern[str]]:
    return kinded_cues("summaries.tsv", _KINDS)


# One act named in the singular ("a car bomb has killed dozens", "the blast has killed dozens").
_PARTICULAR = re.compile(r"\b(?:a|an|one)\b|^\W*the\b", re.IGNORECASE)
# An exact toll: a running total counts loosely ("hundreds"); one event's toll is a number.
_COUNTED = re.compile(r"\b\d+\b")


# What a definite reference looks like: "the attack", "Sunday's bombing", "the recent chemical attack".
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those|its|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s|yesterday['’]s|"
    r"last\s+\w+['’]s)\s+(?:[\w'’“”\"-]+\s+){0,3}[“\"]?$",
    re.IGNORECASE,
)
# A toll or injury told after the trigger: the clause reports the act as well as reacting to it.
_DETAILS = re.compile(r"\b(?:killed|killing|wounded|injured|dead|died|\d+)\b", re.IGNORECASE)


def cue(kind: str) -> re.Pattern[str]:
    """The compiled wordings of one kind of cue (see ``data/summaries.tsv``)."""
    return _cues()[kind]


def running_toll(clause: str, sentence: str | None = None) -> str | None:
    """How the clause tells a running total or a trend, not one event ("since", "vague", "span"), or None.

    Three wordings: a present perfect of harm counted from a past day ("since Tuesday ... have
    killed", the day perhaps in the sentence's tail after the clause); a present perfect of harm
    with only a loose count and no particular act ("dozens have been killed in clashes", not "a
    car bomb has killed dozens"); a stretch of time that holds many events ("over four decades").
    """
    cues = _cues()
    if cues["span"].search(clause):
        return "span"
    if not cues["perfect"].search(clause):
        return None
    at = sentence.find(clause) if sentence else -1
    tail = sentence[at + len(clause) :] if sentence and at >= 0 else ""
    if cues["since"].search(clause) or cues["since"].search(tail):
        return "since"
    particular = _PARTICULAR.search(clause) or OCCASION.search(clause) or _COUNTED.search(clause)
    return "vague" if cues["vague"].search(clause) and not particular else None


def reaction(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is a definite event reacted to ("condemned the attack",
    "an inquiry into the bombing") with no toll of its own in the clause after it."""
    before = clause[:start]
    near = re.search(r"(?:\S+\s+){0,6}$", before)
    window = near.group(0) if near else before
    if not (_cues()["reaction"].search(window) and _DEFINITE.search(before)):
        return False
    return not _DETAILS.search(clause[start:])
