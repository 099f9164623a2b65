"""The gate that spares a text the patterns it cannot match: sound, so outcomes never change."""

from __future__ import annotations

import re
from datetime import date

import pytest

from geoevents.events.datepatterns import possible_patterns
from geoevents.events.dates import _PATTERNS, dates_from_text
from geoevents.events.prefilter import Gate, folded

WORDINGS = [
    "Shelling hit the depot on 4 March 2021 and again two days ago.",
    "Late on Friday night the convoy came under fire; by Sunday it had withdrawn.",
    "The ceasefire agreed earlier this month collapsed last week, officials said.",
    "A market was struck in mid-June, and protests followed over the weekend.",
    "No date at all is written in this sentence about the checkpoint.",
    "Traders at the market decided to close on 3 December 2020.",
    "Fighting resumed in midMarch 2021, the mayor said.",
]
# Letters IGNORECASE reads as ASCII ones: the gate must let their patterns through.
FOLDED = [
    "FRİDAY prayers ended with a march (the dotted capital I of Turkish names).",
    "The ſunday attack was written with a long s in the old print.",
]


@pytest.mark.parametrize("text", WORDINGS + FOLDED)
def test_gate_closes_no_pattern_that_matches(text: str) -> None:
    patterns = [p for _, p in _PATTERNS]
    opened = zip(patterns, Gate(patterns).open(text), possible_patterns(text), strict=True)
    for pattern, possible, gated in opened:
        if pattern.search(text):
            assert possible and gated, pattern.pattern


def test_gate_closes_patterns_whose_strings_are_absent() -> None:
    gate = Gate([re.compile(r"\byesterday\b", re.I), re.compile(r"\d+")])
    assert gate.open("Troops entered the town.") == [False, True]
    assert gate.open("Troops entered the town YESTERDAY.") == [True, True]


def test_folded_reads_turkish_i_and_long_s_as_ascii() -> None:
    assert folded("İDLİB ſunday") == "idlib sunday"


@pytest.mark.parametrize("text", WORDINGS)
def test_dates_found_as_every_pattern_would_find_them(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import geoevents.events.dates as dates

    def found() -> list[tuple[int, int, date | None, int]]:
        return [
            (d.start, d.end, d.date, d.precision) for d in dates_from_text(text, reference=date(2021, 3, 10))
        ]

    gated = found()
    monkeypatch.setattr(dates, "possible_patterns", lambda text: [True] * len(_PATTERNS))
    assert found() == gated
    assert gated or "No date" in text
