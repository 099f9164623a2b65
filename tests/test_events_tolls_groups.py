"""Tolls of several groups in one clause: summed, a vague group at ACLED's figure for its word."""

from __future__ import annotations

import pytest

from geoevents.events.counts import casualties_from_text
from geoevents.events.numbers import number_from_phrase


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("about a dozen", 12), ("more than a dozen", 12), ("nearly dozens", 12), ("at least scores", 20)],
)
def test_a_qualified_vague_word_keeps_its_conventional_figure(phrase: str, value: int) -> None:
    assert number_from_phrase(phrase) == (value, True)


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("The ambush left two guards and about a dozen raiders dead, the governor said.", 14),
        ("Troops killed three smugglers and dozens of their armed escorts at the pass.", 15),
        ("The fighting left six villagers and nine gunmen dead.", 15),
        ("The raid left four guards wounded and one dead.", 1),
    ],
)
def test_groups_listed_before_the_word_of_death_are_summed(sentence: str, dead: int) -> None:
    assert casualties_from_text(sentence).fatalities == dead


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("A crowd at the market burned alive a man it accused of poisoning wells.", 1),
        ("Herders burned two travellers alive after a quarrel over grazing.", 2),
        ("Youths cornered a suspected pickpocket and beat him to death.", 1),
        ("Guards seized three alleged smugglers at the river and beat them to death.", 3),
        ("Angry villagers lynch suspected thief", 1),
    ],
)
def test_a_mob_killing_told_by_how_it_was_done_counts_its_victims(sentence: str, dead: int) -> None:
    assert casualties_from_text(sentence).fatalities == dead


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Two customers died in the shop before officers shot and killed the gunman.", 3),
        ("The blast killed four pilgrims, and the bomber was also killed.", 5),
        ("Officers shot dead the assailant outside the embassy.", 1),
        ("Five shoppers, including the attacker, were killed.", 5),
    ],
)
def test_an_attacker_killed_beside_the_victims_is_counted_among_the_dead(sentence: str, dead: int) -> None:
    assert casualties_from_text(sentence).fatalities == dead


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Nine guards and their interpreter were killed in the ambush.", 10),
        ("Three herders and their families were killed.", 3),  # a plural: no count to add
    ],
)
def test_one_more_victim_named_after_a_counted_group_is_added(sentence: str, dead: int) -> None:
    assert casualties_from_text(sentence).fatalities == dead
