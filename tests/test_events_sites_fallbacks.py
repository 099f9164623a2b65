"""When an event's sentence puts it nowhere with a locative, the place a coder falls back on (wordings of
our own): a town reached beats the country the sentence also names, a town beats the province in
brackets that only says where it lies, and "loyal to" a capital never reaches it."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.records import Article


def _site(text: str, gazetteer: object) -> tuple[str, float, float]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="f", text=text, published=datetime(2024, 5, 6))
    (event, *_) = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc.place for loc in event.locations if loc.role == "site"]
    assert sites, event.tags
    return sites[0].name, sites[0].lat, sites[0].lon


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("text", "point"),
    [
        # the country named as an owner, the town only as the one the rockets flew towards
        (
            "Israel's air defences shot down rockets fired from Gaza towards Sderot on Friday.",
            (31.52, 34.60),
        ),
        # the bracket names the province Afrin lies in; the fighters went to Afrin
        (
            "On 2 May 2024, the group moved dozens of fighters to Afrin (Aleppo) amid infighting.",
            (36.51, 36.87),
        ),
    ],
)
def test_the_fallback_site_is_the_town_not_its_country_or_province(
    text: str, point: tuple[float, float], gazetteer: object
) -> None:
    _, lat, lon = _site(text, gazetteer)
    assert _km((lat, lon), point) <= 25


def test_loyal_to_a_capital_does_not_move_the_site_there(gazetteer: object) -> None:
    name, lat, lon = _site(
        "Fighters loyal to Damascus shelled positions in northern Syria on Friday.", gazetteer
    )
    assert _km((lat, lon), (33.51, 36.29)) > 100, name
