"""Villages the gazetteer spells otherwise or leaves unplaced (wordings of our own): GeoNames' own table
of smaller places finds them in the province the text puts them in, never a namesake of another
province, and a name the recogniser found but could not place is read in the article's country."""

from __future__ import annotations

import math
from datetime import datetime

from geoevents.events import events_from_article
from geoevents.events.text import Span
from geoevents.events.unplaced import unplaced_towns
from geoevents.records import Article, EventLocation, Mention, ResolvedMention


def _site(text: str, gazetteer: object) -> EventLocation:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="v", text=text, published=datetime(2024, 5, 6))
    (event, *_) = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc for loc in event.locations if loc.role == "site"]
    assert sites, event.tags
    return sites[0]


def _km(lat: float, lon: float, point: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat, lon, *point))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def test_a_village_spelt_otherwise_is_found_in_its_province(gazetteer: object) -> None:
    site = _site("IS militants set fire to wheat fields near Hawija (Kirkuk) on Sunday.", gazetteer)
    assert _km(site.place.lat, site.place.lon, (35.33, 43.77)) <= 10, site
    assert site.precision == 2  # "near" the village


def test_a_namesake_village_of_another_province_is_not_taken(gazetteer: object) -> None:
    site = _site(
        "Gunmen ambushed a police patrol near Hawija (Basra) on Sunday, killing two officers.", gazetteer
    )
    assert _km(site.place.lat, site.place.lon, (30.51, 47.81)) <= 60, site
    assert site.place.name == "Hawija"
    assert site.precision >= 2


def _unplaced(text: str, name: str) -> ResolvedMention:
    start = text.index(name)
    return ResolvedMention(Mention("a", start, start + len(name), name), None, 0.0, 1)


def test_a_town_the_gazetteer_left_unplaced_is_read_in_the_articles_country() -> None:
    text = "Insurgents raided Gajiram town before dawn and burned the police station."
    unknown = [_unplaced(text, "Gajiram")]
    (found,) = unplaced_towns([Span(0, len(text), text)], unknown, text, ["NG"])
    assert found.place is not None and found.place.country_code == "NG"
    assert _km(found.place.lat, found.place.lon, (12.49, 13.21)) <= 10
    assert unplaced_towns([Span(0, len(text), text)], unknown, text, ["SO"]) == []


def test_a_name_not_put_there_by_the_text_is_no_site() -> None:
    text = "Gajiram told reporters that the raid had failed."
    assert unplaced_towns([Span(0, len(text), text)], [_unplaced(text, "Gajiram")], text, ["NG"]) == []


def test_a_town_named_as_one_in_another_spelling_is_read_in_the_articles_country(gazetteer: object) -> None:
    site = _site(
        "Jihadists attacked Syrian army posts south of the town of Tabaqa on Monday, killing six soldiers.",
        gazetteer,
    )
    assert site.place.country_code == "SY"
    assert _km(site.place.lat, site.place.lon, (35.84, 38.55)) <= 10
    assert site.precision == 2  # south of the town


def test_with_no_country_known_a_town_the_gazetteer_lacks_is_not_guessed() -> None:
    text = "Gunmen raided the town of Tabaqa at dawn."
    assert unplaced_towns([Span(0, len(text), text)], [], text, []) == []
