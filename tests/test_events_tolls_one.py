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
