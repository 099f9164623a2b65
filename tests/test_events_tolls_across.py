"""Tolls told apart from their act: the next sentence's count of the dead, further dead "also killed"."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from shapely.geometry import Point

from geoevents.events import events_from_article
from geoevents.records import Article, Event, Mention, Place, ResolvedMention

PUBLISHED = datetime(2021, 3, 8, 9, 0)
TOWNS = {
    "Mosul": ("geonames:99072", 36.34, 43.13, "IQ", "Nineveh"),
    "Tikrit": ("geonames:99131", 34.61, 43.68, "IQ", "Salah ad Din"),
}


def _events(text: str) -> list[Event]:
    resolved = []
    for name, (fid, lat, lon, cc, admin1) in TOWNS.items():
        for m in re.finditer(name, text):
            place = Place(fid, name, "populated_place", lat, lon, Point(lon, lat), "geonames", cc, admin1)
            resolved.append(ResolvedMention(Mention("t1", m.start(), m.end(), name), place, 0.9, 1))
    article = Article(id="t1", text=text, published=PUBLISHED, url="https://example.org/t1")
    return events_from_article(article, resolved)


@pytest.mark.parametrize(
    ("toll", "dead"),
    [
        ("Officials said seven people died in the fighting.", 7),
        ("Seven people lost their lives, a local official said.", 7),
        ("A hospital source said seven of them later died.", 7),
    ],
)
def test_a_sentence_that_only_counts_the_dead_is_the_toll_of_the_act_before(toll: str, dead: int) -> None:
    events = _events(
        f"Tribal fighters and a village guard exchanged fire near Mosul on Friday evening. {toll}"
    )
    assert [e.fatalities for e in events] == [dead]


@pytest.mark.parametrize(
    "toll",
    [
        "More than 400 people have died in the province since 2019.",  # a tally of years
        "Seven people died in Tikrit in a separate incident.",  # another place, another event
        "Seven people could have died, the mayor said.",  # not told as fact
    ],
)
def test_a_tally_or_another_event_is_not_given_to_the_act_before(toll: str) -> None:
    events = _events(
        f"Tribal fighters and a village guard exchanged fire near Mosul on Friday evening. {toll}"
    )
    clash = next(e for e in events if e.sub_event_type == "Armed clash")
    assert not clash.fatalities


def test_an_act_that_has_its_toll_keeps_it() -> None:
    text = (
        "Tribal fighters and a village guard exchanged fire near Mosul on Friday, killing two guards. "
        "Officials said seven people died."
    )
    assert [e.fatalities for e in _events(text)] == [2]


@pytest.mark.parametrize(
    "text",
    [
        "On 6 March 2021, gunmen attacked a police post in Mosul. "
        "Officers repelled the attack, killing six gunmen; three officers were also killed.",
        "On 6 March 2021, troops fought gunmen in Mosul, killing six gunmen. "
        "Three officers were also killed.",
    ],
)
def test_further_dead_also_killed_add_to_the_toll_of_the_act(text: str) -> None:
    assert [(e.sub_event_type, e.fatalities) for e in _events(text)] == [("Armed clash", 9)]


def test_dead_told_twice_without_also_are_not_added() -> None:
    text = "On 6 March 2021, troops fought gunmen in Mosul, killing six; six gunmen were killed by snipers."
    assert [e.fatalities for e in _events(text)] == [6]


def test_a_toll_after_the_cause_of_a_clash_is_the_clash_toll_on_its_own_day() -> None:
    text = (
        "Fighting broke out in Mosul late on Saturday between police and tribesmen after police detained "
        "a tribal elder, killing 14 people, officials said on Monday."
    )
    clash = next(e for e in _events(text) if e.sub_event_type == "Armed clash")
    assert (clash.fatalities, clash.event_date.isoformat()) == (14, "2021-03-06")


def test_a_cause_that_tells_its_own_toll_keeps_it() -> None:
    text = (
        "Hundreds rallied in Mosul on Sunday after an air strike on Saturday killed 12 drivers near Tikrit."
    )
    strike = next(e for e in _events(text) if e.sub_event_type == "Air/drone strike")
    assert strike.fatalities == 12
