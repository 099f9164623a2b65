"""A name the geoparser reads as a government or an organisation is still the site when a locative puts
the act in it ("fighters in Zawiya agreed", "detained at the Islamabad High Court"); wordings of our own."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.records import Article

PUBLISHED = datetime(2024, 3, 14)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


LOCATED = [
    # a verb after the name ("agreed") made it the town's government
    ("militias in zawiya agreed a ceasefire on friday after two days of fighting", (32.76, 12.73)),
    # an office named after the town ("High Court") made it an organisation
    ("On 2 June 2024, police detained an opposition senator at the Islamabad High Court.", (33.72, 73.06)),
]


@pytest.mark.parametrize(("text", "point"), LOCATED)
def test_a_located_name_is_the_site(text: str, point: tuple[float, float], gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="l", text=text, published=PUBLISHED)
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert events, text
    sites = [loc for loc in events[0].locations if loc.role == "site"]
    assert sites, (text, events[0].tags)
    assert _km((sites[0].place.lat, sites[0].place.lon), point) <= 25, sites[0].place


def test_a_speaker_in_a_capital_is_not_the_site(gazetteer: object) -> None:
    """ "officials in Washington said": where the words were said, not where the strike was."""
    from geoevents.events.site_words import located_there
    from geoevents.records import Mention, MentionRole, ResolvedMention

    text = "Officials in Washington said the strike hit a depot."
    start = text.index("Washington")
    rm = ResolvedMention(
        Mention("a", start, start + 10, "Washington", role=MentionRole.METONYMIC), None, 0.0, 1
    )
    assert not located_there(text, rm)


VILLAGES = [
    # a town named "the X city in <province>": the town, not the province
    ("On 6 June 2024, rebels stormed the al-Qaryatain city in Homs after heavy clashes.", (34.23, 37.24)),
    # a bracket that opens with "in" before the province part that holds the town
    (
        "On 7 June 2024, a drone struck a truck outside the town of Sukhna (in eastern Homs province).",
        (34.89, 38.87),
    ),
]


@pytest.mark.parametrize(("text", "point"), VILLAGES)
def test_a_town_named_with_its_province_is_the_site(
    text: str, point: tuple[float, float], gazetteer: object
) -> None:
    test_a_located_name_is_the_site(text, point, gazetteer)


def test_a_glued_assimilated_article_is_read_as_the_name(gazetteer: object) -> None:
    """ "Deir Ezzor" is how wire copy often writes "Deir ez-Zor": the article glued on, its consonant
    doubled. The name is found, and the event is placed at the city."""
    text = "On 8 June 2024, gunmen abducted two traders in Deir Ezzor, relatives said."
    test_a_located_name_is_the_site(text, (35.34, 40.14), gazetteer)


def test_the_glued_article_variant_leaves_other_words_alone() -> None:
    from geoevents.gazetteer.normalize import assimilated_article_variant

    assert assimilated_article_variant("deir ezzor") == "deirzor"
    assert assimilated_article_variant("tell abyad") is None
    assert assimilated_article_variant("ezzor") is None  # a first word is left to the glued variants


def test_a_province_named_before_an_inverted_attribution_is_the_site(gazetteer: object) -> None:
    """ "in the province of X said the monitor": the verb of speech belongs to the monitor after it."""
    text = "Two shepherds were abducted on 9 June 2024 in the eastern province of Raqqa said a local monitor."
    test_a_located_name_is_the_site(text, (35.95, 39.01), gazetteer)


def test_a_village_north_of_a_bare_province_name_is_placed_at_its_seat(gazetteer: object) -> None:
    """ "a hamlet north of Raqqa": the name stands for the town, so the unlisted place sits at the town
    (geo_precision 2); "in Raqqa province" is the province (3), still at its capital as ACLED codes it."""
    from geoevents.events.towns import village_at
    from geoevents.records import Mention, ResolvedMention

    province = next(c.place for c in gazetteer.candidates("Raqqa") if c.place.feature_class == "admin1")  # type: ignore[attr-defined]
    for text, bare in (("a hamlet north of Raqqa on Monday", True), ("a hamlet in Raqqa province", False)):
        start = text.index("Raqqa")
        rm = ResolvedMention(Mention("v", start, start + 5, "Raqqa"), province, 1.0, 1)
        loc = village_at("Umm Tina", rm, text)
        assert loc.place.name == "Umm Tina"
        assert (loc.precision == 2) is bare
        assert _km((loc.place.lat, loc.place.lon), (35.95, 39.01)) <= 10


UNLISTED_IN_A_REGION = [
    # the region is named after a town too small for the larger-towns table: that town
    ("Jihadist fighters overran the hamlet of Ouchtefene in Menaka region on Friday.", (15.92, 2.40)),
    # a region not named after its capital: its largest town, the seat
    ("Gunmen seized eleven farmers in the hamlet of Dangi Kura in Zamfara state.", (12.17, 6.66)),
    ("Militants stormed the village of Galhareeri Yare in Hiiraan region on Friday.", (4.74, 45.20)),
]


@pytest.mark.parametrize(("text", "point"), UNLISTED_IN_A_REGION)
def test_an_unlisted_village_in_a_region_is_at_the_regions_capital(
    text: str, point: tuple[float, float], gazetteer: object
) -> None:
    """ACLED codes a site known only by its province at the provincial capital, not at the province's
    middle, which may lie a hundred kilometres from any town."""
    test_a_located_name_is_the_site(text, point, gazetteer)


def test_a_valley_placed_by_a_town_is_at_the_town(gazetteer: object) -> None:
    """A valley of several countries has its point anywhere along it, and a province named bare is its
    town: the town the valley is placed by is the site, not the province's centre."""
    text = "Dozens of fighters from Morocco were killed in the Euphrates Valley north of Raqqa."
    test_a_located_name_is_the_site(text, (35.95, 39.01), gazetteer)
