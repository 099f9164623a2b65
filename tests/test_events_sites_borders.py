"""A town across a border is no namesake (wordings of our own): a town of a neighbouring country that
lies beside the towns of the article's country is the site, while a town of that name a continent away
is still set aside for one at home."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime

from shapely.geometry import Point

from geoevents.events import events_from_article
from geoevents.events.site_context import SiteContext
from geoevents.events.sites import _beside_the_story
from geoevents.records import Article, Mention, Place, ResolvedMention


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def test_a_town_across_the_border_of_a_digest_from_one_country_is_kept(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = (
        "Evening digest: Israeli strikes hit Jabalia before dawn, killing nine, medics said; later rockets "
        "were launched towards Ashkelon and the army said it downed a drone over Kiryat Shmona."
    )
    article = Article(id="b", text=text, published=datetime(2024, 5, 6))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    strike = next(e for e in events if "strike" in e.sub_event_type.lower())
    site = next(loc.place for loc in strike.locations if loc.role == "site")
    assert _km((site.lat, site.lon), (31.53, 34.48)) <= 10, site


def _town(name: str, country: str, lat: float, lon: float) -> Place:
    return Place(f"t:{name}", name, "populated_place", lat, lon, Point(lon, lat), "test", country)


def test_only_a_town_near_the_story_counts_as_across_the_border() -> None:
    home_town = _town("Homeville", "SY", 36.2, 37.1)
    context = SiteContext(home_towns=(home_town,))
    near = ResolvedMention(Mention("a", 0, 4, "Near"), _town("Near", "TR", 36.6, 37.0), 0.7, 1)
    far = replace(near, place=_town("Far", "TJ", 38.5, 68.8))
    assert _beside_the_story(near, context, "SY")
    assert not _beside_the_story(far, context, "SY")
    assert not _beside_the_story(near, context, None)
