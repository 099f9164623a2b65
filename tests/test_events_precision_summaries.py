"""Running tolls, trends over a stretch of time and reactions are no new event; the one event a
sentence reports still is. Wordings of our own."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.summaries import reaction, running_toll
from geoevents.ingest.articles import article_from_text
from geoevents.records import Event

PUBLISHED = datetime(2022, 6, 10)


def _events(text: str) -> list[Event]:
    return events_from_article(article_from_text(text, metadata={"published": PUBLISHED}), [])


@pytest.mark.parametrize(
    "text",
    [
        "Since Sunday, government shelling of the northern districts has killed at least 41 civilians.",
        "Since 3 May, at least 52 people have been killed in air raids on the valley, a monitor said.",
        "Artillery fire and drone strikes on the suburb have killed more than 90 people since Monday.",
        "Scores have been killed in tribal clashes in the province.",
        "Roadside mines laid by the insurgents have killed hundreds of herders and their animals.",
        "The insurgency has killed some 3,000 people over two decades of fighting in the hills.",
        "Students have staged sit-ins every spring outside the ministry.",
    ],
)
def test_a_running_toll_or_a_trend_gives_no_event(text: str) -> None:
    assert _events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister condemned the bombing of the mosque in the harshest terms.",
        "The United Nations called for an inquiry into the recent gas attack on the village.",
        "Church leaders mourned the shooting at the chapel in their Sunday sermons.",
    ],
)
def test_a_reaction_to_an_event_told_elsewhere_gives_no_event(text: str) -> None:
    assert _events(text) == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "A suicide bomber has killed 14 people at a checkpoint in the city on Thursday, police said.",
            "Suicide bomb",
        ),
        (
            "Air strikes have killed 22 people in the market town on Wednesday, medics said.",
            "Air/drone strike",
        ),
        (
            "Officials condemned the car bomb that killed nine people near the port on Tuesday.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_one_event_in_the_present_perfect_or_after_a_reaction_still_counts(
    text: str, sub_event_type: str
) -> None:
    assert [e.sub_event_type for e in _events(text)] == [sub_event_type]


def test_a_battle_fought_since_a_recent_day_is_one_event() -> None:
    text = "Since Monday, 25 fighters have been killed in battles between the army and rebels around the dam."
    assert [e.sub_event_type for e in _events(text)] == ["Armed clash"]


def test_the_rules_look_at_the_clause_and_its_tail() -> None:
    assert running_toll("since Friday, rocket fire on the camp has killed 12")
    clause = "rocket fire on the camp has killed 12"
    assert running_toll(clause, clause + " since Friday") == "since"  # the day told after the clause
    assert not running_toll("rocket fire on the camp killed 12 on Friday")
    assert not running_toll("a car bomb has killed dozens of shoppers")
    judged = "the president denounced the attack"
    assert reaction(judged, judged.index("attack"))
    assert not reaction("gunmen attack a convoy", len("gunmen "))
