"""A town a road is named after is where the road runs from, not the site, when the sentence names
another place as where; with no other place it is the site (wordings of our own)."""

from __future__ import annotations

from datetime import datetime

from geoevents.events import events_from_article
from geoevents.records import Article


def _sites(text: str, gazetteer: object) -> set[str]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="r", text=text, published=datetime(2024, 5, 8))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert events
    return {loc.place.name for e in events for loc in e.locations if loc.role == "site"}


def test_the_town_near_the_road_is_the_site(gazetteer: object) -> None:
    sites = _sites(
        "Gunmen ambushed a convoy on the Maiduguri road outside Monguno on Tuesday, killing 5.", gazetteer
    )
    assert sites == {"Monguno"}


def test_both_towns_of_a_hyphenated_highway_give_way(gazetteer: object) -> None:
    sites = _sites(
        "A roadside bomb hit a bus on the Damascus-Homs highway near Qara on Monday, killing 3.", gazetteer
    )
    assert "Damascus" not in sites and "Homs" not in sites


def test_the_road_town_is_the_fallback(gazetteer: object) -> None:
    sites = _sites("A roadside bomb hit a bus on the Damascus-Homs highway on Monday, killing 3.", gazetteer)
    assert sites & {"Damascus", "Homs"}
