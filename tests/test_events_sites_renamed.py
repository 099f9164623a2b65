"""A town read by another town's former or alternate name, read end to end (offline gazetteer, then the
events stage), in wordings of our own: the town of a country the text names that bears the name as its
own is the site, and a province named like its seat stays the province."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.renamed import named_countries, own_name_town
from geoevents.records import Article, Event, Mention, Place, ResolvedMention


def _events(text: str, gazetteer: object) -> tuple[list[Event], list[str]]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="n", text=text, published=datetime(2024, 5, 20))
    resolved = resolved_mentions_from_article(article, gazetteer=gazetteer)
    return events_from_article(article, resolved), named_countries(resolved)


@pytest.mark.parametrize(
    "text",
    [
        # Engels (Russia) was once called Pokrovsk; Ukraine's Pokrovsk bears the name as its own
        "ukraine's army said russian troops shelled its trenches near pokrovsk on sunday, wounding four.",
        "Russian drones struck a depot in Pokrovsk, Ukrainian officials said on Sunday.",
    ],
)
def test_a_former_name_abroad_yields_to_the_named_countrys_own_town(text: str, gazetteer: object) -> None:
    events, countries = _events(text, gazetteer)
    assert "UA" in countries
    sites = [loc.place for e in events for loc in e.locations if loc.role == "site"]
    assert sites, [e.tags for e in events]
    assert sites[0].country_code == "UA"
    assert abs(sites[0].lat - 48.28) < 0.3 and abs(sites[0].lon - 37.18) < 0.3


def _reading(said: str, name: str, feature_class: str, lat: float, lon: float) -> ResolvedMention:
    from shapely.geometry import Point

    point = Point(lon, lat)
    place = Place(f"t:{name}", name, feature_class, lat, lon, point, "geonames", "SY", None, None, 0)
    return ResolvedMention(Mention("n", 0, len(said), said), place, 0.7, 1)


def test_a_province_or_a_spelling_of_the_town_itself_is_kept() -> None:
    # a governorate named for its seat, read by the seat's name: the province stays
    assert own_name_town(_reading("Homs", "Ḩimş", "admin1", 34.5, 38.0), ["SY"]) is None
    # another romanisation of the same town is no other town
    assert own_name_town(_reading("Homs", "Ḩimş", "populated_place", 34.73, 36.72), ["SY"]) is None
    # a town far from the one bearing the name as its own is moved there
    moved = own_name_town(_reading("Homs", "Elsewhere", "populated_place", 30.0, 40.0), ["SY"])
    assert moved is not None and moved.place is not None and abs(moved.place.lat - 34.73) < 0.1


def test_a_demonym_keeps_the_country_of_a_town_read_by_its_own_name(gazetteer: object) -> None:
    # the Syrian town is read by its own name; the larger town abroad that bears it as an alternate name
    # (Jericho) must not take the article's country when a demonym names Syria
    events, _ = _events("Syrian warplanes hit a bakery in Ariha on Monday, killing five people.", gazetteer)
    sites = [loc.place for e in events for loc in e.locations if loc.role == "site"]
    assert sites and sites[0].country_code == "SY"
    assert abs(sites[0].lat - 35.81) < 0.2 and abs(sites[0].lon - 36.61) < 0.2
