"""Romanisations of one name meet: a village the gazetteer lacks is found among GeoNames' larger towns of
the province the text names though the text spells it another way (wordings of our own)."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.towns import name_key
from geoevents.records import Article


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Al Qaryatain", "Al Qaryatayn"),
        ("Kafr Zeita", "Kafr Zayta"),
        ("Hawija", "Al Hawijah"),
        ("Tal Abyad", "Tall Abyad"),
        ("Jisr al-Shughour", "Jisr ash Shughur"),
    ],
)
def test_two_romanisations_share_a_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [("Hama", "Homs"), ("Deir", "Dara"), ("Idlib", "Irbid")])
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_a_town_spelt_otherwise_is_placed_at_its_own_point(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = "Helicopters dropped barrel bombs on the town of Kafr Zeita in northern Hama province on Sunday."
    article = Article(id="s", text=text, published=datetime(2024, 6, 3))
    (event, *_) = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    (site,) = [loc for loc in event.locations if loc.role == "site"]
    la1, lo1, la2, lo2 = map(math.radians, (site.place.lat, site.place.lon, 35.37, 36.60))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    assert 6371.0 * 2 * math.asin(math.sqrt(h)) <= 25  # Kafr Zayta, not the centre of Hama province
    assert site.place.name.startswith("Kafr Z")
