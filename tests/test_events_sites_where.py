"""Where an event happened, read end to end (offline gazetteer, then the events stage) from wordings of
our own in the shapes coder notes and wire copy use: a possessive whose apostrophe was lost, a place
left or reached, a sub-place named through its town, a broad area beside a town."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.records import Article, Event

PUBLISHED = datetime(2024, 3, 14)


def _events(text: str, gazetteer: object) -> list[Event]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="w", text=text, published=PUBLISHED)
    return events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))


def _site(text: str, gazetteer: object) -> tuple[str, float, float, int]:
    """The first event's site: (name, lat, lon, geo_precision)."""
    events = _events(text, gazetteer)
    assert events, text
    sites = [loc for loc in events[0].locations if loc.role == "site"]
    assert sites, (text, events[0].tags)
    return sites[0].place.name, sites[0].place.lat, sites[0].place.lon, sites[0].precision


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


ALEPPO = (36.20, 37.16)
IDLIB = (35.93, 36.63)


# (failure class, text of our own, the site's point): the site must lie within 25 km of it.
SITES = [
    # a possessive whose apostrophe the text lost
    ("possessive", "Barrel bombs killed nine people in Syrias Aleppo on Tuesday, a monitor said.", ALEPPO),
    ("possessive", "Regime shelling hit the western districts of Aleppos old city on Tuesday.", ALEPPO),
    # a town reached or left, when the sentence names no other
    ("reached", "On 9 March 2024, the militia withdrew from Tal Afar, leaving its posts.", (36.38, 42.45)),
    (
        "reached",
        "On 10 March 2024, militants fired rockets from Lebanon towards Kiryat Shmona.",
        (33.21, 35.57),
    ),
    ("reached", "On 11 March 2024, the army moved an armoured brigade from Homs to Palmyra.", (34.56, 38.28)),
    # a coder note's town with its province in brackets: the town of that province, not a namesake abroad
    ("bracketed", "On 4 March 2024, gunmen shot a shepherd near Suluk (Ar-Raqqa).", (36.60, 39.13)),
    # a name split by the Arabic article
    ("article", "On 5 March 2024, Turkish artillery shelled Ras al Ain (Al-Hasakeh).", (36.85, 40.07)),
    # a text typed in lower case
    ("lower-case", "gunmen torched a clinic in kandahar on friday, residents said", (31.61, 65.71)),
    (
        "lower-case",
        "two soldiers died when a roadside bomb hit their truck near mosul, the army said",
        (36.34, 43.13),
    ),
]


@pytest.mark.parametrize(
    ("kind", "text", "where"), SITES, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(SITES)]
)
def test_the_site_is_where_the_text_puts_the_act(
    kind: str, text: str, where: tuple[float, float], gazetteer: object
) -> None:
    _, lat, lon, _ = _site(text, gazetteer)
    assert _km((lat, lon), where) <= 25, kind


def test_a_province_named_beside_a_part_of_the_country_is_the_finer_site(gazetteer: object) -> None:
    text = "Jets struck a market in northwestern Syria's Idlib province on Monday."
    _, lat, lon, precision = _site(text, gazetteer)
    assert _km((lat, lon), IDLIB) <= 25 and precision == 3


def test_a_town_of_the_story_stands_for_an_unnamed_town_in_a_part_of_the_country(gazetteer: object) -> None:
    text = (
        "Opposition fighters have held Saraqib since January. Air strikes killed seven civilians in a "
        "rebel-held town in northwestern Syria on Monday, a monitor said."
    )
    _, lat, lon, _ = _site(text, gazetteer)
    assert _km((lat, lon), (35.86, 36.80)) <= 25


def test_only_a_text_typed_in_lower_case_is_read_with_capitals() -> None:
    from geoevents.geoparse.parse import _lower_case

    assert _lower_case("gunmen torched a clinic in kandahar on friday, residents said")
    assert _lower_case("shelling hit villages near the town overnight, the SDF said.")  # an acronym aside
    assert not _lower_case("On 7 May 2022, protesters in Basra city burned tyres outside the governorate.")
    assert not _lower_case("Gunmen shot a man dead in the market. Police said he was 40.")


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        ("On 6 March 2024, an IED wounded two soldiers near Tal Shaghib (Aleppo).", "Tal Shaghib", ALEPPO),
        (
            "On 7 March 2024, drones struck a farm in Um al Kaif village (Tal Tamr, Al-Hasakeh).",
            "Um al Kaif",
            (36.65, 40.37),
        ),
        (
            "On 8 March 2024, gunmen shot dead a trader in Shheil town (Deir ez-Zor).",
            "Shheil",
            (35.34, 40.14),
        ),
    ],
)
def test_a_village_the_gazetteer_lacks_keeps_its_name_at_the_place_the_note_puts_it_in(
    text: str, name: str, where: tuple[float, float], gazetteer: object
) -> None:
    found, lat, lon, precision = _site(text, gazetteer)
    assert found == name and precision in (2, 3)
    assert _km((lat, lon), where) <= 25


def test_a_province_named_as_acled_names_it_places_a_village_in_it(gazetteer: object) -> None:
    events = _events(
        "On 9 March 2024, Israeli aircraft struck a car near Beit Jinn (Rural Damascus).", gazetteer
    )
    (site,) = [loc for loc in events[0].locations if loc.role == "site"]
    assert (site.place.name, site.place.admin1, site.place.country_code) == (
        "Beit Jinn",
        "Rural Damascus",
        "SY",
    )
    assert site.precision == 3


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("On 9 March 2024, Turkish guns shelled the vicinity of Tal Rifaat (Aleppo).", 1),
        ("On 10 March 2024, IS fighters attacked an army post near Tarmiyah, north of Baghdad.", 1),
        (
            "On 11 March 2024, jets bombed villages in Sarmin, Binnish on the road east.",
            2,
        ),
        (
            "On 12 March 2024, jets bombed villages in Sarmin, in Binnish and in Taftanaz.",
            3,
        ),  # a list, not containers
    ],
)
def test_a_place_that_only_says_where_the_site_lies_is_not_a_second_site(
    text: str, sites: int, gazetteer: object
) -> None:
    events = _events(text, gazetteer)
    assert len(events) == 1
    assert len([loc for loc in events[0].locations if loc.role == "site"]) == sites
