"""Where and who of an event row: the country an article is about, namesakes abroad, provinces coded at
the town they are named after, and actors named as ACLED names them (wordings of our own)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from shapely.geometry import Point, box

from geoevents.errors import InputError
from geoevents.events import default_actors
from geoevents.events.actors import ActorLexicon, actors_of_clause
from geoevents.events.sites import admin1_seat, article_country, foreign_namesake, location_groups
from geoevents.records import Mention, MentionRole, Place, ResolvedMention
from tests.test_events_rows import _row


def _placed(text: str, name: str, place: Place, score: float = 0.9, **mention: object) -> ResolvedMention:
    start = text.index(name)
    return ResolvedMention(Mention("a", start, start + len(name), name, **mention), place, score, 1)  # type: ignore[arg-type]


def _town(name: str, cc: str, lat: float = 10.0, lon: float = 10.0) -> Place:
    return Place(f"g:{name}", name, "populated_place", lat, lon, Point(lon, lat), "geonames", cc)


RAQQA_PROVINCE = Place(
    "geonames:172957", "Ar Raqqah", "admin1", 35.7, 38.9, box(38.0, 35.0, 40.0, 36.5), "geonames", "SY",
    "Ar Raqqah", raw={"admin1_code": "SY.04"},
)  # fmt: skip


# -- the country the article is about ----------------------------------------------------------------


def test_a_place_of_the_story_outweighs_the_demonym_of_a_monitor_abroad() -> None:
    text = "A British-based monitor said shelling hit Homs."
    british = ResolvedMention(
        Mention("a", 2, 9, "British", role=MentionRole.DEMONYM, country_code="GB"), None, 0.9, 3
    )
    assert article_country([british, _placed(text, "Homs", _town("Homs", "SY"))]) == "SY"


def test_the_groups_an_article_names_outweigh_a_lone_namesake() -> None:
    text = "Houthi fighters and the Houthis' allies shelled Hays again, Ansar Allah said."
    hays = _placed(text, "Hays", _town("Hays", "US"), score=0.6)
    votes = default_actors().home_votes(text)
    assert votes["YE"] >= 2
    assert article_country([hays]) == "US"
    assert article_country([hays], votes) == "YE"


def test_a_town_of_a_country_the_article_never_names_is_a_namesake() -> None:
    abroad = _placed("Mortars hit Bustan.", "Bustan", _town("Bustan", "TJ"), score=0.7)
    assert foreign_namesake(abroad, "SY", frozenset({"SY"}))
    assert not foreign_namesake(abroad, "SY", frozenset({"SY", "TJ"}))  # the article names Tajikistan
    sure = _placed("Mortars hit Bustan.", "Bustan", _town("Bustan", "TJ"), score=0.95)
    assert not foreign_namesake(sure, "SY", frozenset({"SY"}))


def test_a_namesake_abroad_is_the_town_of_the_articles_country() -> None:
    from geoevents.events.sites import home_namesake

    text = "Fighters shelled Tripoli on Friday."
    abroad = _placed(text, "Tripoli", _town("Tripoli", "LY"), score=0.6)
    found = home_namesake(abroad, "LB")
    assert found is not None and found.place is not None
    assert (found.place.country_code, round(found.place.lat), round(found.place.lon)) == ("LB", 34, 36)
    assert home_namesake(abroad, "LY") is None  # already in the article's country
    assert home_namesake(_placed(text, "Tripoli", _town("Tripoli", "LY")), "IS") is None  # none of that name


def test_the_place_a_text_puts_a_town_in_names_its_country() -> None:
    from geoevents.events.draft import Draft
    from geoevents.events.text import Span

    text = "Gunmen killed two shepherds near Palmyra (Homs) on Monday."
    draft = Draft(order=0, sub_event_type="Attack", generic=False, zone=None)  # type: ignore[arg-type]
    draft.spans.append(Span(0, len(text), text))
    draft.sites.append(_placed(text, "Palmyra", _town("Palmyra", "US"), score=0.7))
    draft.mentioned.append(_placed(text, "Homs", _town("Homs", "SY", 34.7, 36.7), score=0.45))
    ((loc,),) = location_groups(draft, text, home="US")  # the article's other places are American
    assert loc.place.country_code == "SY" and abs(loc.place.lon - 38.3) < 0.2


def test_a_namesake_abroad_of_a_village_falls_back_to_the_province_the_text_puts_it_in() -> None:
    from geoevents.events.draft import Draft
    from geoevents.events.text import Span

    text = "Jets struck Hays in Hodeidah governorate on Friday, killing three farmers."
    province = Place(
        "g:h", "Al Hudaydah", "admin1", 14.9, 43.2, box(42.5, 14.0, 43.8, 15.8), "geonames", "YE"
    )
    draft = Draft(order=0, sub_event_type="Air/drone strike", generic=False, zone=None)  # type: ignore[arg-type]
    draft.spans.append(Span(0, len(text), text))
    draft.sites += [
        _placed(text, "Hays", _town("Hays", "US"), score=0.6),
        _placed(text, "Hodeidah", province),
    ]
    from geoevents.events.sites import site_context

    ((loc,),) = location_groups(draft, text, home="YE", context=site_context(draft.sites, text, "YE"))
    assert (loc.place.name, loc.place.country_code, loc.precision) == ("Hays", "YE", 3)
    assert loc.place.admin1 == "Al Hudaydah"


def test_a_village_in_the_countryside_of_a_town_is_placed_at_that_town() -> None:
    text = "Regime forces shelled the village of Kafr Tala in the southern countryside of Mosul on Friday."
    assert _sites_of(text, {"Mosul": MOSUL}) == ["Kafr Tala"]


def test_a_town_the_gazetteer_missed_is_found_among_geonames_towns_of_the_place_it_lies_in() -> None:
    from geoevents.events import events_from_article
    from geoevents.records import Article
    from tests.test_events_tolls import PUBLISHED

    text = "A drone struck a car in Abu Kamal city (Deir ez-Zor) on Friday, killing three fighters."
    deir = _placed(text, "Deir ez-Zor", _town("Deir ez-Zor", "SY", 35.33, 40.14))
    start = text.index("Abu Kamal")
    unplaced = ResolvedMention(Mention("a", start, start + 9, "Abu Kamal"), None, 0.0, 1)
    article = Article(id="a", text=text, published=PUBLISHED, url="https://example.org/a")
    (event,) = events_from_article(article, [unplaced, deir])
    site = event.locations[0]
    assert (site.place.country_code, site.precision) == ("SY", 1)
    assert (
        abs(site.place.lat - 34.45) < 0.1 and abs(site.place.lon - 40.92) < 0.1
    )  # Albu Kamal, not Deir ez-Zor


def test_a_lone_site_read_abroad_is_kept_when_the_text_names_no_other_place() -> None:
    text = "Jets hit a market in Saada on Friday, killing six villagers. Riyadh denied it. Riyadh is calm."
    places = {"Saada": _town("Saada", "YE"), "Riyadh": _town("Riyadh", "SA")}  # the article reads as Saudi
    assert _sites_of(text, places) == ["Saada"]


def test_a_source_based_abroad_does_not_name_the_country() -> None:
    text = "The London-based group and a British-based monitor said Idlib was hit."
    at = text.index("British")
    demonym = ResolvedMention(
        Mention("a", at, at + 7, "British", role=MentionRole.DEMONYM, country_code="GB"), None, 0.9, 3
    )
    idlib = _placed(text, "Idlib", _town("Idlib", "SY"), score=0.45)  # weakly placed: one vote
    assert article_country([demonym, idlib], text=text) == "SY"
    assert article_country([demonym, idlib]) == "GB"  # without the text, the demonym counts


def _sites_of(text: str, places: dict[str, Place]) -> list[str]:
    from geoevents.events import events_from_article
    from geoevents.records import Article
    from tests.test_events_tolls import PUBLISHED

    article = Article(id="a", text=text, published=PUBLISHED, url="https://example.org/a")
    resolved = [_placed(text, name, place, score=0.7) for name, place in places.items()]
    return [
        loc.place.name
        for e in events_from_article(article, resolved)
        for loc in e.locations
        if loc.role == "site"
    ]


MOSUL = _town("Mosul", "IQ", 36.34, 43.13)


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        (
            "Rioters hurled Molotov cocktails at a police station on Friday.",
            "Molotov",
            _town("Molotov", "RU"),
        ),
        ("US warplanes struck a village on Friday, killing four civilians.", "US", _town("US", "US")),
        ("Gunmen shot dead a trader on Zarqa street on Friday.", "Zarqa", _town("Zarqa", "JO")),
        (
            "The dinar fell as the Kuwaiti embassy was stormed by rioters on Friday.",
            "Kuwaiti",
            _town("K", "KW"),
        ),
    ],
)
def test_a_place_name_that_only_qualifies_a_noun_is_never_the_site(
    text: str, name: str, place: Place
) -> None:
    assert name not in _sites_of(text + " Mosul was calm.", {name: place, "Mosul": MOSUL})
    assert place.name not in _sites_of(text, {name: place})


# -- provinces and the towns they are named after ------------------------------------------------------


def test_a_province_is_coded_at_the_town_it_is_named_after() -> None:
    seat = admin1_seat(RAQQA_PROVINCE, "Raqqa")
    assert seat is not None and seat.feature_class == "populated_place"
    assert abs(seat.lat - 35.95) < 0.1 and abs(seat.lon - 39.01) < 0.1
    assert seat.admin1 == "Ar Raqqah"
    assert admin1_seat(_town("Raqqa", "SY"), "Raqqa") is None  # only provinces have seats


def _site(text: str, name: str) -> tuple[str, str, int, float]:
    from geoevents.events.draft import Draft
    from geoevents.events.text import Span

    draft = Draft(order=0, sub_event_type="Shelling/artillery/missile attack", generic=False, zone=None)  # type: ignore[arg-type]
    draft.spans.append(Span(0, len(text), text))
    draft.sites.append(_placed(text, name, RAQQA_PROVINCE))
    ((loc,),) = location_groups(draft, text, home="SY")
    return loc.place.feature_class, loc.place.name, loc.precision, loc.place.lat


@pytest.mark.parametrize(
    ("text", "name", "kind", "precision"),
    [
        ("Jets pounded Raqqa on Monday, killing nine.", "Raqqa", "populated_place", 1),
        ("Jets pounded Raqqa province on Monday, killing nine.", "Raqqa province", "admin1", 3),
        ("Jets pounded villages in the province of Raqqa on Monday.", "Raqqa", "admin1", 3),
    ],
)
def test_a_bare_province_name_is_its_town_and_a_province_is_named_as_one(
    text: str, name: str, kind: str, precision: int
) -> None:
    found_kind, _, found_precision, lat = _site(text, name)
    assert (found_kind, found_precision) == (kind, precision)
    assert abs(lat - 35.95) < 0.1  # the province's point is its town, as ACLED places it


def test_a_site_with_no_province_takes_the_one_its_point_lies_in() -> None:
    from geoevents.events.sites import with_admin_from
    from geoevents.records import EventLocation

    base = Place("curated:b", "Hill Base", "base", 35.55, 44.30, Point(44.30, 35.55), "curated", "IQ")
    town = Place(
        "g:t", "Nearby", "populated_place", 35.47, 44.39, Point(44.39, 35.47), "geonames", "IQ", "Tamim"
    )
    given = with_admin_from(EventLocation(base, 1), [_placed("Nearby", "Nearby", town)])
    assert given.place.admin1 == "Tamim"  # the article's own town nearby
    alone = with_admin_from(EventLocation(base, 1), [])
    assert alone.place.admin1 is not None and "Kirk" in alone.place.admin1  # GeoNames' nearest larger town
    far = replace(base, lat=0.0, lon=0.0)
    assert with_admin_from(EventLocation(far, 1), []).place.admin1 is None


# -- who --------------------------------------------------------------------------------------------------


def _actors(clause: str, trigger: str) -> tuple[str | None, str | None]:
    m = re.search(re.escape(trigger), clause)
    assert m is not None
    a1, a2, _ = actors_of_clause(default_actors(), clause, m)
    return a1, a2


@pytest.mark.parametrize(
    ("clause", "trigger", "expected"),
    [
        # a verb of violence between two actors before a noun trigger: doer, then target
        (
            "Iraqi troops killed nine IS fighters in a dawn ambush",
            "ambush",
            ("Military Forces of Iraq", "Islamic State ({country})"),
        ),
        (
            "Rebels attacked regime forces with three car bombs",
            "car bombs",
            ("Opposition Rebels ({country})", "Military Forces of {country}"),
        ),
        # victims named first, the other side after "with"
        (
            "Eleven soldiers were killed overnight in fighting with Hayat Tahrir al-Sham",
            "fighting",
            ("Hayat Tahrir al Sham", "Military Forces of {country}"),
        ),
        (
            "Four Houthi fighters died in clashes with the Southern Transitional Council",
            "clashes",
            ("STC: Southern Transitional Council", "Military Forces of Yemen (2017-) Houthi"),
        ),
        (
            "Six children were killed in Houthi shelling of the port",
            "shelling",
            ("Military Forces of Yemen (2017-) Houthi", None),
        ),
        # the doer named by the attack it modifies, or after "by" (of "members of")
        ("Two guards were killed in an Al Shabaab raid on the camp", "killed", ("Al Shabaab", None)),
        (
            "The mortar attacks by Houthi fighters wounded four",
            "mortar attacks",
            ("Military Forces of Yemen (2017-) Houthi", None),
        ),
        (
            "The bombing, which was carried out by members of Hurras al-Din, killed three soldiers",
            "bombing",
            ("Hurras al Din", "Military Forces of {country}"),
        ),
        # the group "IS" before a noun is not the verb "is"
        (
            "Two IS suicide bombers attacked a checkpoint",
            "suicide bombers",
            ("Islamic State ({country})", None),
        ),
    ],
)
def test_who_did_it_and_to_whom(clause: str, trigger: str, expected: tuple[str | None, str | None]) -> None:
    assert _actors(clause, trigger) == expected


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Helicopters dropped barrel bombs on Aleppo on Friday, killing four children.",
            "Military Forces of Syria (2000-2024)",
        ),
        ("Assad forces shelled Aleppo on Friday, killing two women.", "Military Forces of Syria (2000-2024)"),
        ("Iran-backed militias executed three men in Aleppo on Friday.", "Pro-Government Militia (Syria)"),
    ],
)
def test_named_actors_never_become_unidentified(text: str, actor1: str) -> None:
    assert _row(text)["actor1"] == actor1


@pytest.mark.parametrize(
    ("clause", "country", "actor"),
    [
        ("Coalition warplanes bombed a wedding hall", "YE", "Operation Restoring Hope"),
        ("Coalition warplanes bombed a bridge", "SY", "Military Forces of the United States"),
        ("A US-led coalition strike hit a bridge", "IQ", "Military Forces of the United States"),
    ],
)
def test_a_coalition_is_coded_to_the_state_that_leads_it(clause: str, country: str, actor: str) -> None:
    from geoevents.events.actors import in_country

    (found, *_) = default_actors().find(clause)
    assert in_country(found.canonical, country) == actor


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        ("A roadside bomb struck an army patrol near Mosul on Friday.", "Unidentified Armed Group (Iraq)",
         "Military Forces of Iraq (2020-2022)"),
        ("A landmine planted by the Islamic State killed a shepherd near Mosul on Friday.",
         "Islamic State (Iraq)", "Civilians (Iraq)"),
        ("Suspected jihadists attacked a police checkpoint in Mosul on Friday, killing two officers.",
         "Unidentified Armed Group (Iraq)", "Police Forces of Iraq (2020-2022)"),
        ("Junta jets bombed a market near Mosul on Friday, killing six villagers.",
         "Military Forces of Iraq (2020-2022)", "Civilians (Iraq)"),
    ],
)  # fmt: skip
def test_hidden_weapons_and_their_users(text: str, actor1: str, actor2: str) -> None:
    row = _row(text)
    assert (row["actor1"], row["actor2"]) == (actor1, actor2)


def test_excessive_force_names_the_force_first() -> None:
    row = _row("Riot police fired live rounds at protesters in Mosul on Friday, killing three demonstrators.")
    assert row["sub_event_type"] == "Excessive force against protesters"
    assert (row["actor1"], row["actor2"]) == ("Police Forces of Iraq (2020-2022)", "Protesters (Iraq)")
    calm = _row("Hundreds of protesters marched peacefully in Mosul on Friday against power cuts.")
    assert calm["actor1"] == "Protesters (Iraq)"


def test_an_actor_file_with_a_bad_country_is_refused(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("canonical,inter,aliases,country\nValley Guards,3,the guards,Yemen\n", encoding="utf-8")
    with pytest.raises(InputError, match="ISO alpha-2"):
        ActorLexicon.load([extra])
    extra.write_text("canonical,inter,aliases,country\nValley Guards,3,the guards,ye\n", encoding="utf-8")
    assert ActorLexicon.load([extra]).home_votes("The guards shelled the valley.") == {"YE": 2}


def test_a_one_country_group_outweighs_a_demonym_of_foreigners_or_sponsors() -> None:
    text = "Al-Shabaab claimed the blast that killed Kenyan traders near the market."
    kenyan = ResolvedMention(
        Mention("a", 41, 47, "Kenyan", role=MentionRole.DEMONYM, country_code="KE"), None, 0.9, 3
    )
    assert article_country([kenyan], default_actors().home_votes(text), text) == "SO"


def test_a_people_of_a_region_hints_at_its_country_less_than_the_country_named() -> None:
    text = "Highland fighters held the ridge in Freedonia, officials said."
    region = Place("g:hl", "Highlands", "admin1", 10.0, 10.0, Point(10.0, 10.0), "geonames", "IQ")
    highland = [
        _placed(text, "Highland", region, role=MentionRole.DEMONYM, country_code="IQ"),
    ]
    named = _placed(
        text, "Freedonia", Place("g:fd", "Freedonia", "country", 9.0, 9.0, Point(9.0, 9.0), "geonames", "SY")
    )
    assert article_country([*highland, named], {}, text) == "SY"
    assert article_country(highland, {}, text) == "IQ"  # alone, it still names the country
