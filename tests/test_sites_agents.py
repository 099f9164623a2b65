"""A country named as the doer of a passive is the state that acted, never the site (wordings of our
own)."""

from __future__ import annotations

from datetime import datetime

from geoevents.events import events_from_article
from geoevents.records import Article


def test_a_country_after_by_is_not_the_site(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = "A three-day truce in Aleppo announced by Russia on Monday has had little effect on the fighting."
    article = Article(id="g", text=text, published=datetime(2024, 5, 8))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert events
    for event in events:
        assert all(loc.place.country_code != "RU" for loc in event.locations if loc.role == "site")
