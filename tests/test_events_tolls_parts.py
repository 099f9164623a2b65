"""A toll of one group told after the event's whole toll is a part of it, never its replacement."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.counts import whole_over_part
from geoevents.records import Article


def _tolls(text: str) -> list[int | None]:
    article = Article(id="p1", text=text, published=datetime(2021, 5, 8, 10, 0))
    return [e.fatalities for e in events_from_article(article, [])]


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("A drone strike killed 14 people at a wedding on Friday. Four policemen died in the strike.", 14),
        ("A car bomb killed 9 civilians at a market on Friday. Two soldiers were killed in the blast.", 9),
    ],
)
def test_a_groups_count_never_replaces_the_whole(text: str, toll: int) -> None:
    assert _tolls(text) == [toll]


@pytest.mark.parametrize(
    ("larger", "smaller", "part"),
    [
        ((20, "Shelling killed 20 people."), (6, "Six fighters were killed."), True),
        ((20, "Shelling killed 20 people."), (6, "Six villagers were killed."), False),  # rival estimates
        ((20, "Shelling killed 20 fighters."), (6, "Six children were killed."), False),
        ((20, "Shelling hit the town."), (6, "Six fighters were killed."), False),  # no figure of 20
    ],
)
def test_whole_over_part(larger: tuple[int, str], smaller: tuple[int, str], part: bool) -> None:
    assert whole_over_part(larger, smaller) is part
