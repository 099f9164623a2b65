"""Foreign namesakes against the country an article is about, read end to end (offline gazetteer, then the
events stage), in wordings of our own: a group that fights in one country outweighs a weakly read town
abroad, a province abroad named like a town at home is that town, and a name read out of a longer word
("tyre" of "tyres") is no place and no vote for a country."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.site_words import inside_a_word
from geoevents.events.sites import article_country
from geoevents.records import Article, Event, Mention, Place, ResolvedMention


def _events(text: str, gazetteer: object) -> list[Event]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="n", text=text, published=datetime(2024, 5, 20))
    return events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("text", "country", "point"),
    [
        # a province abroad (Jalal-Abad, Kyrgyzstan) named like a town of the Taliban's country
        (
            "A grenade hurled at a Taliban checkpoint in Jalalabad wounded three guards on Sunday.",
            "AF",
            (34.43, 70.45),
        ),
        # a weakly read town abroad (Al Bayda, Libya) against a group that fights only in Yemen
        ("Houthi fighters looted shops in Al Bayda on Monday.", "YE", (13.99, 45.57)),
        # "tyres" holds the Lebanese town Tyre: it must neither vote for Lebanon nor become the site
        ("demonstrators burned tyres and threw stones at troops in jenin on tuesday", "PS", (32.46, 35.30)),
    ],
)
def test_the_articles_country_beats_a_namesake_abroad(
    text: str, country: str, point: tuple[float, float], gazetteer: object
) -> None:
    (event, *_) = _events(text, gazetteer)
    sites = [loc.place for loc in event.locations if loc.role == "site"]
    assert sites, event.tags
    assert sites[0].country_code == country
    assert _km((sites[0].lat, sites[0].lon), point) <= 25


def _mention(text: str, name: str, cc: str, score: float = 0.9) -> ResolvedMention:
    from shapely.geometry import Point

    start = text.index(name)
    place = Place(f"t:{name}", name, "populated_place", 1.0, 1.0, Point(1.0, 1.0), "test", cc)
    return ResolvedMention(Mention("t", start, start + len(name), name), place, score, 1)


def test_a_name_read_out_of_a_longer_word_is_no_place() -> None:
    text = "Crowds burned tyres near Aleppos citadel and in Khartoum."
    assert inside_a_word(text, _mention(text, "tyre", "LB"))
    assert not inside_a_word(text, _mention(text, "Aleppo", "SY"))  # a possessive that lost its apostrophe
    assert not inside_a_word(text, _mention(text, "Khartoum", "SD"))


def test_a_weak_town_abroad_counts_less_than_a_group_of_one_country() -> None:
    text = "Fighters of the group stormed Qasr on Friday."
    weak = _mention(text, "Qasr", "JO", score=0.4)
    assert article_country([weak], {"IQ": 1}, text) == "IQ"
    strong = _mention(text, "Qasr", "JO", score=0.9)
    assert article_country([strong], {"IQ": 1}, text) == "JO"


def test_a_partial_word_does_not_vote_for_a_country() -> None:
    text = "Youths burned tyres in the square."
    assert article_country([_mention(text, "tyre", "LB")], {}, text) is None


def test_a_place_in_a_groups_name_is_no_site() -> None:
    from geoevents.events.site_words import attribute_only

    text = "Militants of the Islamic State of Iraq and the Levant stormed the depot."
    assert attribute_only(text, _mention(text, "Levant", "SY")) and attribute_only(
        text, _mention(text, "Iraq", "IQ")
    )
    office = (
        "A grenade hit the offices of the Democratic Party in Kirkuk and a hall of the University of Mosul."
    )
    assert not attribute_only(office, _mention(office, "Kirkuk", "IQ"), locative=True)
    assert not attribute_only(office, _mention(office, "Mosul", "IQ"))


def test_an_envoy_named_through_a_country_is_no_site() -> None:
    from geoevents.events.site_words import attribute_only

    text = "A gunman shot dead Turkey's ambassador to Jordan."
    assert attribute_only(text, _mention(text, "Turkey", "TR"))


def test_a_region_of_no_one_country_never_stands_for_the_site() -> None:
    from shapely.geometry import Point

    from geoevents.events.sites import site_context

    text = "Fighting raged in the Levant and near Raqqa."
    levant = _mention(text, "Levant", "SY")
    levant = ResolvedMention(
        levant.mention, Place("t:lv", "Levant", "region", 34.0, 37.0, Point(37.0, 34.0), "t", None), 0.9, 3
    )
    raqqa = _mention(text, "Raqqa", "SY")
    assert site_context([levant, raqqa], text, "SY").mentions == [raqqa]


def test_an_office_of_a_party_still_places_the_act(gazetteer: object) -> None:
    (event, *_) = _events(
        "Gunmen threw a grenade at the offices of the Democratic Party in Kirkuk on Sunday.", gazetteer
    )
    sites = [loc.place for loc in event.locations if loc.role == "site"]
    assert sites and _km((sites[0].lat, sites[0].lon), (35.47, 44.39)) <= 25


def _first_site(text: str, gazetteer: object) -> Place:
    (event, *_) = _events(text, gazetteer)
    sites = [loc.place for loc in event.locations if loc.role == "site"]
    assert sites, event.tags
    return sites[0]


def test_a_place_named_through_its_towns_possessive_lies_in_that_town(gazetteer: object) -> None:
    # "Burri" alone reads as a district of Brazil; "Khartoum's" puts it in Sudan's capital
    site = _first_site(
        "Police fired tear gas at protesters in Khartoum's Burri district on Thursday.", gazetteer
    )
    assert site.country_code == "SD" and _km((site.lat, site.lon), (15.59, 32.53)) <= 25


def test_a_nested_name_votes_once_for_its_country() -> None:
    from shapely.geometry import Point

    text = "Crowds gathered in Burri district and in Khartoum, Sudan."
    district = _mention(text, "Burri district", "BR")
    burri = _mention(text, "Burri", "BR")
    country = Place("t:sd", "Sudan", "country", 15.0, 30.0, Point(30.0, 15.0), "test", "SD")
    sudan = ResolvedMention(_mention(text, "Sudan", "SD").mention, country, 0.9, 3)
    # the district and the name inside it are one vote (2) against the town and its country (2 + 1)
    assert article_country([district, burri, _mention(text, "Khartoum", "SD"), sudan], {}, text) == "SD"


def test_a_border_town_read_across_the_border_keeps_its_point(gazetteer: object) -> None:
    # the gazetteer reads Ras al Ain as Ceylanpinar (Turkey), a few km from the Syrian town; the text's
    # province in brackets must not send the site 70 km away to the province's capital
    site = _first_site(
        "Turkish drones struck a car near Ras al Ain (Al-Hasakeh) on Monday, killing two fighters.", gazetteer
    )
    assert _km((site.lat, site.lon), (36.85, 40.07)) <= 25
