"""A lead that sums the acts of the past hours or days adds no row beside the acts the article tells;
told alone, the sum stays the one report of them. Wordings of our own."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.period_sums import TAG, stretch_days, without_told_sums
from geoevents.ingest.articles import article_from_text
from geoevents.records import Event
from tests.test_events_rows_one_per_day import TOWN, _row

PUBLISHED = datetime(2022, 6, 10)
AIR = "Air/drone strike"


def _events(text: str) -> list[Event]:
    return events_from_article(article_from_text(text, metadata={"published": PUBLISHED}), [])


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Some 70 fighters died in a wave of air raids over the past 24 hours, the ministry said.", 2),
        ("Warplanes have pounded the valley since dawn.", 2),
        ("In the last week the bombing of the hill villages has grown heavier.", 8),
        ("Drone strikes so far this month have hit four convoys.", 31),
        ("Street battles have rocked the port district, leaving dozens dead.", 2),
        ("Jets struck a fuel depot on Tuesday.", None),
    ],
)
def test_the_stretch_a_sentence_sums(sentence: str, days: int | None) -> None:
    assert stretch_days(sentence) == days


def test_a_sum_of_the_past_day_folds_into_the_strikes_the_article_then_tells() -> None:
    text = (
        "Dozens of insurgents were killed in a wave of air raids over the past 24 hours, "
        "the army said on Thursday. "
        "It added that the raids had hit hideouts of the group. "
        "On Wednesday warplanes struck a depot, killing 12 fighters, the army said."
    )
    rows = [e for e in _events(text) if e.sub_event_type == AIR]
    assert len(rows) == 1
    assert rows[0].fatalities == 12


def test_a_sum_told_alone_stays_an_event() -> None:
    text = "Dozens of insurgents were killed in air raids over the past 24 hours, the army said on Thursday."
    assert [e.sub_event_type for e in _events(text)] == [AIR]


def test_a_sum_folds_only_into_acts_of_its_country_and_stretch() -> None:
    summed = _row(AIR, 0, day=10, tags=(f"{TAG}2",))
    abroad = replace(TOWN, country_code="IQ")
    assert without_told_sums([summed, _row(AIR, 100, day=9)]) == [_row(AIR, 100, day=9)]
    assert len(without_told_sums([summed, _row(AIR, 100, day=9, place=abroad)])) == 2
    assert len(without_told_sums([summed, _row(AIR, 100, day=1)])) == 2
