"""A town read far from the place the text puts it by (wordings of our own): the reading is another
town of that name, so the village is placed at the town or province the text names, its name kept."""

from __future__ import annotations

import math
from datetime import datetime

from geoevents.events import events_from_article
from geoevents.events.towns import leads_to_container
from geoevents.records import Article, Mention, ResolvedMention


def _km(lat: float, lon: float, point: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat, lon, *point))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def test_a_town_read_far_from_the_town_it_lies_by_is_placed_there(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = "Syrian troops killed 30 rebels in an ambush near the town of Adra east of Damascus on Wednesday."
    article = Article(id="m", text=text, published=datetime(2024, 5, 8))
    (event, *_) = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    site = next(loc for loc in event.locations if loc.role == "site")
    assert _km(site.place.lat, site.place.lon, (33.51, 36.29)) <= 30, site  # at Damascus, not Daraa
    assert site.place.name == "Adra" and site.precision == 2


def test_a_bearing_read_into_the_next_mention_still_names_the_container() -> None:
    text = "the town of Tel Rumah east of Harbel"
    end = text.index(" east")
    east = ResolvedMention(Mention("a", end + 1, len(text), "east of Harbel"), None, 0.0, 1)
    assert leads_to_container(text, end, east)
    text = "the town of Tel Rumah after Harbel"
    after = ResolvedMention(Mention("a", end + 1, len(text), "after Harbel"), None, 0.0, 1)
    assert not leads_to_container(text, end, after)


def test_the_same_name_elsewhere_in_the_article_is_the_same_misreading(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = (
        "Syrian army ambush kills 30 rebels in Adra\n\n"
        "Syrian troops killed 30 rebels on Wednesday in an ambush near the town of Adra east of Damascus, "
        "a monitor said. It said all the rebels were killed and their rifles seized."
    )
    article = Article(id="m", text=text, published=datetime(2024, 5, 8))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert events
    for event in events:
        site = next(loc for loc in event.locations if loc.role == "site")
        assert _km(site.place.lat, site.place.lon, (32.62, 36.10)) > 50, site  # never Daraa
