"""Date forms read from text: capitals from Turkish text, and the vocabulary lookups they go through."""

from __future__ import annotations

from datetime import date

import pytest

from geoevents.events.datepatterns import folded
from geoevents.events.dates import dates_from_text

MONDAY = date(2023, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling resumed on FRİDAY near the border.", date(2023, 10, 6)),  # dotted capital I
        ("Shelling resumed on frıday near the border.", date(2023, 10, 6)),  # dotless small i
        ("Shelling resumed on FRIDAY near the border.", date(2023, 10, 6)),
        ("A convoy was hit on 14 APRİL 2023 near the border.", date(2023, 4, 14)),
        ("A convoy was hit FİVE days ago near the border.", date(2023, 10, 4)),
    ],
)
def test_a_capital_from_turkish_text_reads_as_the_word_it_spells(text: str, expected: date) -> None:
    found = dates_from_text(text, reference=MONDAY)
    assert [d.date for d in found] == [expected]


def test_folded_drops_only_the_dots_of_i() -> None:
    assert folded("SALI") == "sali"
    assert folded("Çarşamba") == "çarşamba"
    assert folded("APRİL") == "april"
    assert folded("Sept.") == "sept"
