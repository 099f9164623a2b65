"""An event that names no place of its own ("regained control of the town") is at the town named before
it, not at the province or state that only said where that town lies (wordings of our own)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from geoevents.events import events_from_article
from geoevents.events.towns import distance_km
from geoevents.records import Article


def _last_site(text: str, gazetteer: Any) -> tuple[float, float]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="c", text=text, published=datetime(2024, 8, 12))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc.place for loc in events[-1].locations if loc.role == "site"] if events else []
    assert sites, text
    return sites[0].lat, sites[0].lon


@pytest.mark.parametrize(
    ("text", "point"),
    [
        (
            "Militants had held Palmyra in central Homs province since May. On Sunday, government "
            "troops regained control of the town after heavy clashes with militants.",
            (34.56, 38.28),
        ),
        (
            "Police searched a flat in Mannheim, in the state of Baden-Wuerttemberg, on Friday. "
            "Another device was found near the city's main station on Saturday and defused, police said.",
            (49.49, 8.47),
        ),
    ],
)
def test_the_town_referred_back_to_is_not_its_container(
    text: str, point: tuple[float, float], gazetteer: Any
) -> None:
    assert distance_km(*_last_site(text, gazetteer), *point) <= 25
