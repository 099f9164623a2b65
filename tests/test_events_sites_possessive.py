"""A place named as a part of the place before it, with or without its apostrophe ("Idlib's X",
"Idlibs X"), read end to end in wordings of our own: the part is the site, its owner only says where
it lies."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.records import Article


@pytest.mark.parametrize(
    "text",
    [
        "Regime jets bombed a refugee camp in Idlibs Maarat al-Numaan district on Sunday, killing four.",
        "Regime jets bombed a refugee camp in Idlib’s Maarat al-Numaan district on Sunday, killing four.",
        "Regime jets bombed a refugee camp east of Idlibs Maarat al-Numaan district, killing four people.",
    ],
)
def test_the_part_named_after_its_owner_is_the_site(text: str, gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="n", text=text, published=datetime(2024, 5, 20))
    (event, *_) = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc.place for loc in event.locations if loc.role == "site"]
    assert len(sites) == 1, event.locations
    assert abs(sites[0].lat - 35.65) < 0.15 and abs(sites[0].lon - 36.67) < 0.15
