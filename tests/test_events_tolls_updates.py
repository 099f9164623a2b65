"""Tolls that change in the telling: a count raised in a later sentence is the act's, while a tally
reaching past the act ("bringing to 40 the number killed this week") or a count it replaced ("its
earlier toll of 6") is no toll of the act."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.counts import casualties_from_text
from geoevents.records import Article, Event

PUBLISHED = datetime(2021, 6, 5, 8, 0)


def _events(text: str) -> list[Event]:
    """The article's events, its places left unresolved: the tolls do not depend on them."""
    return events_from_article(Article(id="u1", text=text, published=PUBLISHED), [])


@pytest.mark.parametrize(
    "update",
    [
        "Hospital officials later raised the death toll to 13.",
        "By the evening the toll had climbed to 13.",
        "The provincial health office updated to 13 its toll.",
        "Four of the wounded died overnight, bringing the death toll to 13.",
    ],
)
def test_a_toll_raised_after_the_act_is_its_toll(update: str) -> None:
    events = _events(f"A roadside bomb killed nine people near a bus station in Kirkuk on Thursday. {update}")
    assert [e.fatalities for e in events] == [13]


def test_a_raised_toll_over_a_span_is_not_the_acts() -> None:
    text = (
        "A roadside bomb killed nine people near a bus station in Kirkuk on Thursday. "
        "The toll of the month's fighting in the province has risen to 120."
    )
    bombs = [e for e in _events(text) if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert [e.fatalities for e in bombs] == [9]


def test_a_raised_toll_after_two_acts_stays_with_neither() -> None:
    text = (
        "A roadside bomb killed nine people in Kirkuk on Thursday. "
        "Gunmen shot dead two shopkeepers in a market of Kirkuk on Friday. "
        "The toll later rose to 15."
    )
    assert sorted(e.fatalities or 0 for e in _events(text)) == [2, 9]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shelling killed seven civilians on Monday, bringing to 52 the number killed there this week.",
            7,
        ),
        ("Drones killed 11 fighters, bringing the total killed in the valley to 60, the monitor said.", 11),
        ("A blast killed 8 workers, up from an initial toll of 5 given by the police.", 8),
    ],
)
def test_a_tally_past_the_act_is_not_its_toll(text: str, expected: int) -> None:
    assert casualties_from_text(text).fatalities == expected


def test_a_replaced_count_alone_is_no_toll() -> None:
    found = casualties_from_text(
        "The ministry corrected its earlier toll of 6 after checking hospital lists."
    )
    assert found.fatalities is None
