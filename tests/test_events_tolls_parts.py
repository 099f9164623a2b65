"""A toll of one group told after the event's whole toll is a part of it, never its replacement."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.counts import casualties_from_text, whole_over_part
from geoevents.records import Article


def _tolls(text: str) -> list[int | None]:
    article = Article(id="p1", text=text, published=datetime(2021, 5, 8, 10, 0))
    return [e.fatalities for e in events_from_article(article, [])]


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("A drone strike killed 14 people at a wedding on Friday. Four policemen died in the strike.", 14),
        ("A car bomb killed 9 people at a market on Friday. Two soldiers were killed in the blast.", 9),
    ],
)
def test_a_groups_count_never_replaces_the_whole(text: str, toll: int) -> None:
    assert _tolls(text) == [toll]


@pytest.mark.parametrize(
    ("larger", "smaller", "part"),
    [
        ((20, "Shelling killed 20 people."), (6, "Six fighters were killed."), True),
        ((20, "Shelling killed 20 people."), (6, "Six persons were killed."), False),  # rival estimates
        ((20, "Shelling killed 20 people."), (6, "Six others were killed."), False),  # more dead, no part
        ((20, "Shelling killed 20 civilians."), (6, "Six fighters were killed."), False),  # a group too
        ((20, "Shelling killed 20 fighters."), (6, "Six children were killed."), False),
        ((20, "Shelling hit the town."), (6, "Six fighters were killed."), False),  # no figure of 20
    ],
)
def test_whole_over_part(larger: tuple[int, str], smaller: tuple[int, str], part: bool) -> None:
    assert whole_over_part(larger, smaller) is part


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Rockets hit the camp, killing at least 14 people including women and three medics.", 14),
        ("Rockets hit the camp, killing 14 people including a boy and wounding 30.", 14),
        ("Rockets hit the camp, killing four guards, two cooks and a driver.", 7),  # groups are summed
    ],
)
def test_a_group_named_after_including_is_a_part_not_more_dead(text: str, dead: int) -> None:
    assert casualties_from_text(text).fatalities == dead


def test_one_person_named_yields_to_the_toll_a_report_gives() -> None:
    one = casualties_from_text("The blast killed the group's commander as well as other leaders.")
    assert (one.fatalities, one.fatalities_vague) == (1, True)
    told = (
        "A car bomb killed the group's commander at a market on Friday. It killed 31 people, a monitor said."
    )
    article = Article(id="p2", text=told, published=datetime(2021, 5, 8, 10, 0))
    assert [e.fatalities for e in events_from_article(article, [])] == [31]
