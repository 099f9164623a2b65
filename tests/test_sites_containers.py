"""A town the text puts by another ("X east of Y") is the site; the other only says where it lies, also
when the recogniser read the bearing into its mention (wordings of our own)."""

from __future__ import annotations

from datetime import datetime

from geoevents.events import events_from_article
from geoevents.records import Article


def test_a_bearing_read_into_the_containers_mention_leaves_one_site(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = "Militants shot dead five farmers in Deir Hafer east of Aleppo on Saturday, a monitor said."
    article = Article(id="c", text=text, published=datetime(2024, 5, 8))
    (event,) = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc.place.name for loc in event.locations if loc.role == "site"]
    assert len(sites) == 1 and "Aleppo" not in sites[0] and "alab" not in sites[0], sites


def test_a_people_named_before_town_is_no_village(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = "Jihadists stormed a mainly Kurdish town in northeastern Syria on Saturday, killing 17 people."
    article = Article(id="k", text=text, published=datetime(2024, 5, 8))
    (event,) = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert all(loc.place.name != "Kurdish" for loc in event.locations), event.locations
