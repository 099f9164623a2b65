"""Classes of wording that real reports use for ACLED sub-event types, in wordings of our own.

Headlines in present tense, chemical agents named in a strike, territory handed over, changes to a
group, coups and releases: each case is one of several wordings of its class.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

PUBLISHED = datetime(2021, 3, 20)


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return [e.sub_event_type for e in events_from_article(article, [])]


CHEMICAL = [
    "Government helicopters dropped barrel bombs on the village on Friday, and doctors said "
    "several patients showed signs of chlorine exposure.",
    "Militants fire mustard gas shells at army positions near the river",
    "On 9 May 2021, an air raid using sarin hit the town, killing 30 civilians.",
    "Soldiers said enemy drones dropped grenades filled with chloropicrin on their trenches on 2 May 2021.",
    "Medics treated 12 fighters for exposure to a nerve agent after shells fell on the front line on Sunday.",
]


@pytest.mark.parametrize("text", CHEMICAL)
def test_a_named_chemical_agent_makes_the_attack_a_chemical_weapon(text: str) -> None:
    assert _types(text) == ["Chemical weapon"]


def test_chlorine_for_water_is_no_weapon() -> None:
    assert _types("Engineers added chlorine to the city's water on Monday after the outbreak.") == []


HEADLINES = [
    ("Non-state actor overtakes territory", "Rebels seize town of Kafr Halab after two days of fighting"),
    ("Non-state actor overtakes territory", "Insurgents capture district centre in northern province"),
    ("Shelling/artillery/missile attack", "Army shells rebel-held suburb, 4 killed"),
]


@pytest.mark.parametrize(("expected", "text"), HEADLINES)
def test_headlines_in_the_present_tense_are_events(expected: str, text: str) -> None:
    assert _types(text) == [expected]
