"""A journey's two ends: the town people flee from is where what drove them out happened; a town a force
merely sets out from is not (wordings of our own)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shapely.geometry import Point

from geoevents.events import events_from_article
from geoevents.events.site_context import _usable_context
from geoevents.events.site_words import origin_of
from geoevents.records import Article, Mention, Place, ResolvedMention


def _binnish(text: str) -> ResolvedMention:
    start = text.index("Binnish")
    place = Place(
        "g:binnish", "Binnish", "populated_place", 35.95, 36.71, Point(36.71, 35.95), "geonames", "SY"
    )
    return ResolvedMention(Mention("a", start, start + 7, "Binnish"), place, 0.8, 1)


def test_a_town_fled_from_is_no_mere_origin() -> None:
    assert not origin_of("Dozens of families fled from ")
    assert not origin_of("thousands were displaced from the town of ")
    assert not origin_of("residents escaped overnight from ")
    assert origin_of("the convoy set out from ")
    assert origin_of("troops were sent from ")


def test_the_town_fled_from_may_stand_for_the_site_of_what_drove_people_out() -> None:
    text = "Families fled from Binnish to the camps after air strikes killed three."
    assert _usable_context(_binnish(text), text, "SY")
    text = "A convoy set out from Binnish before dawn and drones struck it."
    assert not _usable_context(_binnish(text), text, "SY")


def test_shelling_that_drove_families_out_is_placed_at_the_town_they_left(gazetteer: Any) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = "Scores of families fled from Saraqib to Idlib on Monday after shelling killed five people."
    article = Article(id="j", text=text, published=datetime(2024, 6, 4))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc.place for e in events for loc in e.locations if loc.role == "site"]
    assert sites and abs(sites[0].lat - 35.86) < 0.1 and abs(sites[0].lon - 36.80) < 0.1
