"""Tolls told as ranges and the publisher a wire dateline names, in wordings of our own."""

from __future__ import annotations

import pytest

from geoevents.events.counts import casualties_from_text
from geoevents.events.sources import dateline_agency, publisher_of, source_scale
from geoevents.records import Article


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("The barrage killed between 31 and 40 people in the camp.", 31, None),
        ("Shelling killed between six and nine villagers and wounded between 12 and 20.", 6, 12),
        ("Between 14 and 18 guards were killed when the depot was stormed.", 14, None),
        ("The raid left between 3 and 5 people dead.", 3, None),
    ],
)
def test_a_range_of_dead_is_coded_as_its_lower_bound(text: str, dead: int, hurt: int | None) -> None:
    found = casualties_from_text(text)
    assert (found.fatalities, found.injuries) == (dead, hurt)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("KANDAHAR (AP) - A roadside bomb struck a bus on Tuesday.", "Associated Press"),
        ("Aden, Yemen, June 2 (Reuters) — Fighters clashed near the port.", "Reuters"),
        ("GAO, Mali (AFP): Gunmen attacked a market.", "AFP"),
        ("A roadside bomb (an IED) - officials said - struck a bus.", None),
        ("KANDAHAR (Kandahar Weekly) - A roadside bomb struck a bus.", None),  # not a listed agency
        ("A bomb struck a bus in Kandahar, AP reported.", None),
    ],
)
def test_the_agency_of_a_wire_dateline(text: str, agency: str | None) -> None:
    assert dateline_agency(text) == agency


def test_a_dateline_agency_is_the_source_only_when_nothing_else_names_one() -> None:
    wire = "KANDAHAR (AP) - A roadside bomb struck a bus on Tuesday, killing four."
    assert publisher_of(Article(id="a", text=wire)) == "Associated Press"
    assert source_scale("Associated Press") == "International"
    fed = Article(id="b", text=wire, metadata={"publisher": "Kabul Daily"})
    assert publisher_of(fed) == "Kabul Daily"
    assert publisher_of(Article(id="c", text=wire, path="/tmp/wire/kandahar.txt")) == "Associated Press"
