"""One victim told without a figure: a headline's bare noun, "the <person> was later killed"."""

from __future__ import annotations

import pytest

from geoevents.events.counts import casualties_from_text


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Bandits shoot dead ex-policeman on Jos road", 1),
        ("Militants behead village imam in Cabo Delgado", 1),
        ("Gunmen kill councillor, wound two guards in Kano", 1),
        ("A sniper fatally shot the region's governor near the bridge.", 1),
        ("The driver was taken from his cab and later killed by the kidnappers.", 1),
        ("The girl succumbed to her wounds in hospital on Sunday.", 1),
        # no count of one
        ("The driver was not killed in the ambush.", None),
        ("The commander killed three prisoners before fleeing.", 3),
        ("Guards were also killed, said Observatory head Karim Saleh.", None),
        ("Gunmen killed soldiers at the gate.", None),  # a plural without a figure
        ("Raiders killed in the village were buried.", None),
    ],
)
def test_one_victim_told_without_a_figure(text: str, dead: int | None) -> None:
    assert casualties_from_text(text).fatalities == dead


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("A mortar round fell on the square, resulting in 1 fatality and 1 injury.", 1, 1),
        ("A roadside bomb went off near the bakery; 1 reported fatality.", 1, None),
        ("A farmer was shot and killed by masked men near his field.", 1, None),
        ("Four guards were shot and killed at the gate.", 4, None),
        ("A nurse was stabbed and wounded outside the clinic.", None, 1),
    ],
)
def test_a_coders_singular_and_how_the_victim_was_hit(text: str, dead: int | None, hurt: int | None) -> None:
    found = casualties_from_text(text)
    assert (found.fatalities, found.injuries) == (dead, hurt)
