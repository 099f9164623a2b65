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


def _near_first_site(text: str, point: tuple[float, float], gazetteer: Any) -> bool:
    """Whether the first event's first site lies within about 10 km of ``point``."""
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="j", text=text, published=datetime(2024, 6, 4))
    found = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    first = [loc.place for e in found for loc in e.locations if loc.role == "site"][:1]
    return bool(first) and abs(first[0].lat - point[0]) < 0.1 and abs(first[0].lon - point[1]) < 0.1


def test_shelling_that_drove_families_out_is_placed_at_the_town_they_left(gazetteer: Any) -> None:
    text = "Scores of families fled from Saraqib to Idlib on Monday after shelling killed five people."
    assert _near_first_site(text, (35.86, 36.80), gazetteer)


def test_towns_listed_after_one_preposition_share_it(gazetteer: Any) -> None:
    text = (
        "On 3 June 2024, local commanders and the government reached a deal letting army units deploy "
        "to Manbij and Kobani."
    )
    assert _near_first_site(text, (36.53, 37.95), gazetteer)  # Manbij, the first reached
