"""A site told as a part of a country ("in western Iraq") gives way only to a finer place inside that
part: a region named elsewhere in the sentence, across the country, is not where the act happened."""

from __future__ import annotations

from typing import Any

from geoevents.events import events_from_article
from geoevents.geoparse.parse import resolved_mentions_from_article
from geoevents.ingest.articles import article_from_text


def _sites(text: str, gazetteer: Any) -> list[str]:
    article = article_from_text(text, metadata={"id": "t", "published": "2022-03-08"})
    resolved = resolved_mentions_from_article(article, gazetteer=gazetteer)
    events = events_from_article(article, resolved)
    return [loc.place.name for e in events for loc in e.locations if loc.role == "site"]


def test_a_region_across_the_country_is_not_the_finer_site_of_a_part(gazetteer: Any) -> None:
    text = (
        "Officials in the Kurdistan Region of Iraq said on Monday they had closed two crossings along the "
        "Kurdistan–Iran border after drone strikes on militia depots in western Iraq."
    )
    sites = _sites(text, gazetteer)
    assert sites and "Kurdistan Region of Iraq" not in sites


def test_a_town_inside_the_part_is_still_its_finer_site(gazetteer: Any) -> None:
    text = "Drone strikes hit militia depots in western Iraq on Sunday near the town of Rutba, officials say."
    assert _sites(text, gazetteer) == ["Ar Ruţbah"]
