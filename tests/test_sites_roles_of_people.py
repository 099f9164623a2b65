"""Sites the text gives through the people of a town ("residents of Manbij protested"): the town after a
preposition is where its people are, not the subject of the verb that follows it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from geoevents.events import events_from_article
from geoevents.events.towns import distance_km
from geoevents.geoparse.recognizer import mentions_from_article
from geoevents.records import Article, MentionRole


def _site(text: str, gazetteer: Any) -> tuple[float, float]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="p", text=text, published=datetime(2024, 5, 2))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert events, text
    sites = [loc for loc in events[0].locations if loc.role == "site"]
    assert sites, (text, events[0].tags)
    return sites[0].place.lat, sites[0].place.lon


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dozens of residents of Manbij protested on Thursday over the water shortage.", "Manbij"),
        ("Shopkeepers in Kobani protested on Thursday against new taxes.", "Kobani"),
        ("Families from Raqqa demanded on Thursday that the detainees be freed.", "Raqqa"),
    ],
)
def test_a_town_after_a_preposition_is_no_speaker(text: str, name: str, gazetteer: Any) -> None:
    found = mentions_from_article(Article(id="p", text=text), gazetteer=gazetteer)
    (town,) = [m for m in found if m.text == name]
    assert town.role is MentionRole.LITERAL


def test_a_capital_that_speaks_still_stands_for_its_government(gazetteer: Any) -> None:
    found = mentions_from_article(Article(id="p", text="Ankara protested on Thursday."), gazetteer=gazetteer)
    assert [m.role for m in found if m.text == "Ankara"] == [MentionRole.METONYMIC]


def test_the_protesters_town_is_the_protest_site(gazetteer: Any) -> None:
    text = "Dozens of residents of Manbij protested on Thursday over the water shortage."
    assert distance_km(*_site(text, gazetteer), 36.53, 37.95) <= 25
