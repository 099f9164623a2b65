"""A province is the site only when the report names nothing finer in it (wordings of our own): a town of
that province named by the event's sentences is the site, a town of another province is not, and a part
of a town named before the town ("the X market, Mogadishu") lies in that town, not in a namesake abroad."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.records import Article, EventLocation


def _sites(text: str, gazetteer: object) -> list[EventLocation]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="p", text=text, published=datetime(2024, 5, 6))
    (event, *_) = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc for loc in event.locations if loc.role == "site"]
    assert sites, event.tags
    return sites


def _km(loc: EventLocation, point: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (loc.place.lat, loc.place.lon, *point))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


SARAQIB = (35.86, 36.80)
MAARAT = (35.65, 36.67)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Government artillery shelled the grain silos of Saraqib in Idlib province on Monday.", SARAQIB),
        (
            "Warplanes struck a camp for displaced families in Idlib province on Monday, and the raid hit "
            "Maarat al-Numaan hardest.",
            MAARAT,
        ),
    ],
)
def test_a_town_of_the_province_named_by_the_event_is_its_site(
    text: str, town: tuple[float, float], gazetteer: object
) -> None:
    (site, *_) = _sites(text, gazetteer)
    assert _km(site, town) <= 10, site
    assert site.precision == 1


def test_a_town_of_another_province_leaves_the_province_as_the_site(gazetteer: object) -> None:
    (site, *_) = _sites(
        "Air strikes killed four civilians in Idlib province on Monday, a week after rebels took Manbij.",
        gazetteer,
    )
    assert site.precision == 3
    assert site.place.admin1 == "Idlib", site


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb exploded near the Bakara market, Mogadishu, on Sunday, killing three people.",
        "Two traders were hurt when a grenade was thrown into the Hamarweyne market, Mogadishu, on Sunday.",
    ],
)
def test_a_market_named_before_its_town_lies_in_that_town(text: str, gazetteer: object) -> None:
    (site, *_) = _sites(text, gazetteer)
    assert site.place.country_code == "SO"
    assert _km(site, (2.04, 45.34)) <= 25
