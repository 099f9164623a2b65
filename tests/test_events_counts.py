"""Tolls of event rows by ACLED's rules: sums, bounds, words, none reported, a clause's whole."""

from __future__ import annotations

import pytest

from geoevents.events.counts import casualties_from_text


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        # sums across groups
        ("Eleven soldiers, nine policemen and four guards were killed in the ambush.", 24, None),
        ("Two officers and a driver were killed when the convoy was hit.", 3, None),
        ("The raid wounded six workers, two nurses and a guard.", None, 9),
        # one group named by two adjectives is one group
        ("At least 40 army and militia fighters were killed around the airport.", 40, None),
        # lower bounds of ranges and qualifiers
        ("Between 12 and 19 villagers died in the fire set by the gunmen.", 12, None),
        ("More than 35 people were killed in the bombing of the market.", 35, None),
        # words
        ("A dozen protesters were injured by rubber bullets.", None, 12),
        ("Scores were killed in the shelling of the camp.", 20, None),
        ("Tens of families were injured when the market was bombed.", None, 10),
        # none reported is a count of zero
        ("Militants fired two rockets at the base; no one was hurt.", 0, 0),
        ("The blast damaged three shops but caused no casualties.", 0, 0),
        # the larger figure of a clause is its whole; a smaller one counts a side act
        ("Shelling killed 27 residents after the rebels had killed a sniper.", 27, None),
    ],
)
def test_tolls(text: str, killed: int | None, hurt: int | None) -> None:
    found = casualties_from_text(text)
    assert (found.fatalities, found.injuries) == (killed, hurt)


def test_all_aboard_counts_the_people_the_text_says_were_carried() -> None:
    found = casualties_from_text("A helicopter carrying nine soldiers was shot down, killing all on board.")
    assert (found.fatalities, found.fatalities_vague) == (9, False)


def test_all_aboard_without_a_figure_is_at_least_one_and_vague() -> None:
    found = casualties_from_text("The transport plane was downed near the border, killing all on board.")
    assert (found.fatalities, found.fatalities_vague) == (1, True)


def test_several_is_coded_as_three_and_vague() -> None:
    found = casualties_from_text("Several guards were wounded in the attack on the prison.")
    assert (found.injuries, found.injuries_vague) == (3, True)
