"""A short text whose one place is all that tells its country: a village or province read abroad gives way
to the large town elsewhere that bears the name, unless the text names the country (wordings of our own)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from geoevents.events import events_from_article
from geoevents.records import Article


def _site_country(text: str, gazetteer: Any) -> str | None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="n", text=text, published=datetime(2024, 7, 2))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc.place for e in events for loc in e.locations if loc.role == "site"]
    assert sites, text
    return sites[0].country_code


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Gunmen ambushed an army patrol near Palmyra overnight, killing four soldiers.", "SY"),
        ("A roadside bomb wounded two policemen in Jalalabad on Monday.", "AF"),
        # the text names the state: the small town stays
        ("Police shot dead a gunman who fired outside a bank in Palmyra, Pennsylvania, on Monday.", "US"),
    ],
)
def test_a_lone_place_is_the_large_town_of_its_name(text: str, country: str, gazetteer: Any) -> None:
    assert _site_country(text, gazetteer) == country
