"""Resolution: the seed places, borders, regional expressions, context and precision codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geoevents.evaluate import haversine_km
from geoevents.geoparse.parse import resolved_mentions_from_article
from geoevents.records import Article, MentionKind, MentionRole, ResolvedMention

AL_QAIM = (34.37, 41.09)
ALBUKAMAL = (34.45, 40.93)
KIRKUK = (35.47, 44.39)
K1 = (35.5125, 44.2842)


def _resolve(text: str, gazetteer: Any) -> list[ResolvedMention]:
    return resolved_mentions_from_article(Article(id="t", text=text), gazetteer=gazetteer)


def _place(
    found: list[ResolvedMention], text: str, kind: MentionKind = MentionKind.TOPONYM, n: int = 0
) -> ResolvedMention:
    """The n-th mention with this text, which must be resolved."""
    hits = [r for r in found if r.mention.text == text and r.mention.kind is kind]
    assert len(hits) > n, f"no {kind.value} {text!r} in {[r.mention.text for r in found]}"
    assert hits[n].place is not None, f"{text!r} was not resolved"
    return hits[n]


def _km(rm: ResolvedMention, point: tuple[float, float]) -> float:
    assert rm.place is not None
    return haversine_km(rm.place.lat, rm.place.lon, *point)


def _seed(seeds_dir: Path, name: str) -> Article:
    from geoevents.ingest import articles_from_paths

    article = next(iter(articles_from_paths([seeds_dir / name])))
    assert isinstance(article, Article)
    return article


def test_seed_places_of_the_first_page(seeds_dir: Path, gazetteer: Any) -> None:
    article = _seed(seeds_dir, "000_e1434c254b5792b8.txt")
    found = resolved_mentions_from_article(article, gazetteer=gazetteer)
    assert _km(_place(found, "Al-Qaim"), AL_QAIM) < 10
    assert _km(_place(found, "Albukamal"), ALBUKAMAL) < 10
    border = _place(found, "Syrian border", MentionKind.BORDER)
    assert border.place is not None and border.place.feature_class == "border"
    assert {"IRQ", "SYR"} <= set(border.place.feature_id.replace("-", ":").split(":"))
    assert border.precision == 3
    caption = [r for r in found if r.mention.kind is MentionKind.BORDER and "Kurdistan" in r.mention.text]
    assert caption and caption[0].place is not None
    line = caption[0].place
    assert line.geometry.geom_type in ("LineString", "MultiLineString")
    assert "IRN" in line.feature_id


def test_k1_base_near_kirkuk(seeds_dir: Path, gazetteer: Any) -> None:
    article = _seed(seeds_dir, "000_e1434c254b5792b8.txt")
    found = resolved_mentions_from_article(article, gazetteer=gazetteer)
    k1 = [r for r in found if r.mention.text.startswith("K-1") and r.place is not None]
    assert k1, "K-1 not found"
    assert _km(k1[0], K1) < 5
    assert k1[0].precision == 1


def test_seed_places_of_the_second_page(seeds_dir: Path, gazetteer: Any) -> None:
    article = _seed(seeds_dir, "002_269a23def25dc398.txt")
    found = resolved_mentions_from_article(article, gazetteer=gazetteer)
    assert _km(_place(found, "Qaim"), AL_QAIM) < 10
    assert _km(_place(found, "Kirkuk"), KIRKUK) < 10
    north = _place(found, "northern Iraq", MentionKind.REGION_EXPRESSION)
    assert north.place is not None and north.place.country_code == "IQ"
    iraq = gazetteer.country("IQ")
    assert north.place.lat > iraq.lat + 1.0  # the northern part, not Iraq's middle
    assert north.precision == 3
    anbar = _place(found, "Anbar")
    assert anbar.place is not None and anbar.place.country_code == "IQ"
    london = _place(found, "London")
    assert london.place is not None and london.place.country_code == "GB"


def test_own_sentences_resolve_in_context(gazetteer: Any) -> None:
    found = _resolve(
        "A drone struck a convoy near the city of Al-Qaim, close to the Syrian border, on Sunday. "
        "Later, rockets hit Kirkuk and a base in Albukamal.",
        gazetteer,
    )
    qaim = _place(found, "Al-Qaim")
    assert _km(qaim, AL_QAIM) < 10
    assert qaim.precision == 2  # near a town
    assert _place(found, "Kirkuk").precision == 1
    border = _place(found, "Syrian border", MentionKind.BORDER)
    assert border.place is not None and "IRQ" in border.place.feature_id and "SYR" in border.place.feature_id


def test_border_between_two_named_areas(gazetteer: Any) -> None:
    found = _resolve(
        "Shelling was reported along the border between the Kurdistan Region of Iraq and Iran.", gazetteer
    )
    border = [r for r in found if r.mention.kind is MentionKind.BORDER]
    assert border and border[0].place is not None
    assert border[0].place.geometry.geom_type in ("LineString", "MultiLineString")


def test_town_state_pattern_picks_the_right_namesake(gazetteer: Any) -> None:
    us = _resolve("A fire broke out in Alexandria, La., on Friday.", gazetteer)
    assert _place(us, "Alexandria").place.country_code == "US"  # type: ignore[union-attr]
    eg = _resolve("A fire broke out in Alexandria, Egypt, on Friday.", gazetteer)
    assert _place(eg, "Alexandria").place.country_code == "EG"  # type: ignore[union-attr]


def test_article_context_picks_the_namesake(gazetteer: Any) -> None:
    found = _resolve("Police in Paris, Texas, said a man from Dallas was arrested near Houston.", gazetteer)
    paris = _place(found, "Paris")
    assert paris.place is not None and paris.place.country_code == "US"
    found = _resolve("Protests spread from Paris to Lyon and Marseille.", gazetteer)
    assert _place(found, "Paris").place.country_code == "FR"  # type: ignore[union-attr]


def test_demonyms_and_not_places(gazetteer: Any) -> None:
    found = _resolve("Iraqi officials met Hadi al-Amiri in Baghdad.", gazetteer)
    iraqi = _place(found, "Iraqi")
    assert (
        iraqi.place is not None
        and iraqi.place.feature_class == "country"
        and iraqi.place.country_code == "IQ"
    )
    people = [r for r in found if r.mention.role is MentionRole.NOT_PLACE]
    assert people and all(r.place is None for r in people)


def test_precision_codes_and_scores(gazetteer: Any) -> None:
    found = _resolve("The strike hit Mosul in Iraq.", gazetteer)
    mosul, iraq = _place(found, "Mosul"), _place(found, "Iraq")
    assert mosul.precision == 1 and iraq.precision == 3
    for r in (mosul, iraq):
        assert 0.0 < r.score <= 1.0


@pytest.mark.parametrize("text", ["", "no places here at all.", "   \n\n  "])
def test_nothing_to_resolve(gazetteer: Any, text: str) -> None:
    assert [r for r in _resolve(text, gazetteer) if r.place is not None] == []


def test_a_capital_acting_as_a_government_is_the_capital_city(gazetteer: Any) -> None:
    found = _resolve(
        "Rockets hit a base near Baghdad. Washington said it did not seek a wider conflict with Iran.",
        gazetteer,
    )
    washington = _place(found, "Washington")
    assert washington.mention.role is MentionRole.METONYMIC
    assert washington.place is not None and washington.place.feature_class == "populated_place"
    assert _km(washington, (38.90, -77.04)) < 30  # the District of Columbia, not Washington State


def test_side_taking_compounds_resolve_to_the_country(gazetteer: Any) -> None:
    found = _resolve("Tehran-backed and Iran-aligned militias fired on US-led forces.", gazetteer)
    for surface, code in (("Tehran", "IR"), ("Iran", "IR"), ("US", "US")):
        rm = _place(found, surface)
        assert rm.mention.role is MentionRole.DEMONYM
        assert rm.place is not None and rm.place.feature_class == "country" and rm.place.country_code == code


def test_the_middle_east_is_the_region(gazetteer: Any) -> None:
    found = _resolve("Tensions rose across the Middle East after the strike in Iraq.", gazetteer)
    region = _place(found, "Middle East")
    assert region.place is not None and region.place.feature_class == "region"
    assert region.precision == 3


@pytest.mark.parametrize(
    ("country", "centre"),
    [("Russia", (61.5, 100.0)), ("United States", (39.8, -98.6)), ("Canada", (60.0, -96.0))],
)
def test_country_points_sit_in_the_main_landmass(
    gazetteer: Any, country: str, centre: tuple[float, float]
) -> None:
    # Conventional geographic centres; a label anchor (Russia's is near Moscow) or outlying parts
    # (Alaska) would put the point well away from them.
    rm = _place(_resolve(f"Troops crossed into {country} on Monday.", gazetteer), country)
    assert rm.place is not None and rm.place.feature_class == "country"
    assert _km(rm, centre) < 600


def test_a_capital_in_a_relative_clause_acts(gazetteer: Any) -> None:
    found = _resolve("Militias near Baghdad blamed Washington, which denied involvement.", gazetteer)
    washington = _place(found, "Washington")
    assert washington.mention.role is MentionRole.METONYMIC
    assert _km(washington, (38.90, -77.04)) < 30


def test_a_large_area_outranks_its_namesake_hamlet(gazetteer: Any) -> None:
    # Small US places share the names of large areas; without support they must not win.
    found = _resolve("Reporters for the Middle East desk in Texas filed the story.", gazetteer)
    region = _place(found, "Middle East")
    assert region.place is not None and region.place.feature_class == "region"


def test_a_name_shared_by_a_country_and_a_state_follows_the_article(gazetteer: Any) -> None:
    us = _resolve(
        "Storms closed schools across Georgia on Monday. Officials in Texas and Florida said the same "
        "front would reach Alabama by Wednesday, and Georgia's governor asked for federal help.",
        gazetteer,
    )
    state = _place(us, "Georgia")
    assert state.place is not None and state.place.country_code == "US"
    caucasus = _resolve(
        "Talks between Georgia and Armenia resumed in Tbilisi on Monday, with observers from Azerbaijan "
        "and Turkey. Georgia said it wanted a settlement before winter.",
        gazetteer,
    )
    country = _place(caucasus, "Georgia")
    assert country.place is not None and country.place.country_code == "GE"
    assert country.place.feature_class == "country"


def test_a_national_capital_outranks_its_namesakes_but_not_its_country(gazetteer: Any) -> None:
    found = _resolve(
        "The delegation flew from Ohio to Washington on Tuesday for talks on the budget.", gazetteer
    )
    washington = _place(found, "Washington")
    assert washington.place is not None and washington.place.feature_class == "populated_place"
    assert _km(washington, (38.895, -77.036)) < 20
    mexico = _place(_resolve("Heavy rain flooded roads across Mexico on Sunday.", gazetteer), "Mexico")
    assert mexico.place is not None and mexico.place.feature_class == "country"


def test_a_neighbour_of_a_named_country_counts_as_context(gazetteer: Any) -> None:
    found = _resolve(
        "Aid lorries waited at the crossing from Egypt into Gaza while Israel inspected them. "
        "Residents of Gaza said food was running out.",
        gazetteer,
    )
    gaza = _place(found, "Gaza")
    assert gaza.place is not None and gaza.place.country_code == "PS"


def test_former_and_short_country_names(gazetteer: Any) -> None:
    found = _resolve(
        "Exports from Burma to Persia fell, while trade with America and the Soviet Union grew.", gazetteer
    )
    assert _place(found, "Burma").place.country_code == "MM"  # type: ignore[union-attr]
    assert _place(found, "Persia").place.country_code == "IR"  # type: ignore[union-attr]
    assert _place(found, "America").place.country_code == "US"  # type: ignore[union-attr]
    soviet = [r for r in found if "Soviet Union" in r.mention.text and r.place is not None]
    assert soviet, [r.mention.text for r in found]
    union = soviet[0].place
    assert union is not None and union.feature_class == "region"
    from shapely.geometry import Point

    assert union.geometry.contains(Point(37.62, 55.75))  # Moscow
    assert union.geometry.contains(Point(69.24, 41.31))  # Tashkent
    assert not union.geometry.contains(Point(13.40, 52.52))  # Berlin


def test_members_of_a_list_of_places_are_of_one_kind(gazetteer: Any) -> None:
    found = _resolve(
        "Cases were reported in Ohio, Oklahoma, Utah, Washington and Wisconsin last week.", gazetteer
    )
    for name in ("Oklahoma", "Washington"):
        rm = _place(found, name)
        assert rm.place is not None and rm.place.feature_class == "admin1", (name, rm.place.feature_id)
        assert rm.place.country_code == "US"


def test_two_countries_joined_by_and_are_two_places(gazetteer: Any) -> None:
    found = _resolve("Travel between Australia and New Zealand was suspended on Friday.", gazetteer)
    assert _place(found, "Australia").place.country_code == "AU"  # type: ignore[union-attr]
    assert _place(found, "New Zealand").place.country_code == "NZ"  # type: ignore[union-attr]


def test_a_frequent_word_needs_its_state_to_be_a_small_place(gazetteer: Any) -> None:
    found = _resolve(
        "The Academy said the Bureau would review the findings before the Herald published them.", gazetteer
    )
    assert not [r.mention.text for r in found if r.place is not None]
    ottawa = _resolve("Members of the Liberal caucus met in Ottawa on Monday.", gazetteer)
    assert [r.mention.text for r in ottawa if r.place is not None] == ["Ottawa"]
    kansas = _resolve(
        "Police in Liberal, Kansas, said the fire started in a barn outside Liberal.", gazetteer
    )
    liberal = _place(kansas, "Liberal")
    assert liberal.place is not None and liberal.place.admin1 == "Kansas"


def test_a_common_word_in_a_named_state_is_the_town(gazetteer: Any) -> None:
    found = _resolve(
        "A flood hit Commerce on Tuesday. Residents of Commerce in northeast Texas were evacuated.", gazetteer
    )
    commerce = _place(found, "Commerce")
    assert commerce.place is not None and commerce.place.admin1 == "Texas"


def test_a_common_word_matching_only_an_old_name_is_not_that_place(gazetteer: Any) -> None:
    found = _resolve("The Food and Drug Administration recalled the eggs on Friday.", gazetteer)
    assert not [r.mention.text for r in found if r.place is not None]


def test_the_place_an_office_belongs_to_is_resolved(gazetteer: Any) -> None:
    found = _resolve("Marion County Clerk Ann Reyes said the ballots were counted twice.", gazetteer)
    county = _place(found, "Marion County")
    assert county.place is not None and county.place.country_code == "US"
    assert county.mention.role is MentionRole.METONYMIC


def test_names_with_a_possessive_or_an_elided_article_inside(gazetteer: Any) -> None:
    found = _resolve(
        "Officials of the People's Republic of China met envoys from Côte d'Ivoire and the "
        "Democratic Republic of Congo in Queen Anne's County.",
        gazetteer,
    )
    assert _place(found, "People's Republic of China").place.country_code == "CN"  # type: ignore[union-attr]
    assert _place(found, "Côte d'Ivoire").place.country_code == "CI"  # type: ignore[union-attr]
    assert _place(found, "Democratic Republic of Congo").place.country_code == "CD"  # type: ignore[union-attr]
    county = _place(found, "Queen Anne's County").place
    assert county is not None and county.country_code == "US" and county.feature_class == "admin2"


def test_an_old_name_of_a_great_city_is_that_city(gazetteer: Any) -> None:
    found = _resolve(
        "Saudi officials said pilgrims reached Mecca on Friday; others flew to Calcutta.", gazetteer
    )
    assert _place(found, "Mecca").place.country_code == "SA"  # type: ignore[union-attr]
    assert _place(found, "Calcutta").place.country_code == "IN"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text, name, state",
    [
        # A town and its county named in one story: the county picks the town among its namesakes.
        (
            "The fair opens Friday in Athens. Henderson County deputies will direct traffic.",
            "Athens",
            "Texas",
        ),
        (
            "Paris police closed the bridge. Henry County officials expect repairs by May.",
            "Paris",
            "Tennessee",
        ),
        # ... and the town picks the county among the many of that name.
        (
            "Paris police closed the bridge. Henry County officials expect repairs by May.",
            "Henry County",
            "Tennessee",
        ),
    ],
)
def test_a_town_and_its_county_choose_each_other(gazetteer, text, name, state) -> None:
    found = _place(_resolve(text, gazetteer), name)
    assert found.place is not None and found.place.country_code == "US" and found.place.admin1 == state


def test_without_its_county_a_famous_name_keeps_its_famous_reading(gazetteer) -> None:
    found = _place(
        _resolve("The fair opens Friday in Paris. Deputies will direct traffic.", gazetteer), "Paris"
    )
    assert found.place is not None and found.place.country_code == "FR"


def test_a_state_is_not_read_as_a_county_named_after_it(gazetteer) -> None:
    """ "Texas" beside Houston and Missouri is the state: Texas County, Missouri (whose seat is a Houston) is
    only named "Texas" loosely, and a county counts only when the text names it as such."""
    text = (
        "Storms closed roads from Houston to Dallas. Officials in Texas and Missouri asked drivers to wait."
    )
    found = _place(_resolve(text, gazetteer), "Texas")
    assert found.place is not None and found.place.feature_class == "admin1" and found.place.name == "Texas"


def test_an_english_word_spelt_like_a_small_place_is_the_word(gazetteer: Any) -> None:
    """A loose match (a doubled letter apart) must be a big place when the word is English; a transliteration
    that no English text uses ("Albukamal") still finds its town."""
    found = _resolve("Hunters counted a Mallard drake on the pond.", gazetteer)
    assert not [r.mention.text for r in found if r.place is not None]
    found = _resolve("A drone strike hit a convoy near Albukamal on Sunday.", gazetteer)
    assert _km(_place(found, "Albukamal"), ALBUKAMAL) < 15


def test_the_before_a_name_picks_the_sea_over_the_town(gazetteer: Any) -> None:
    found = _resolve(
        "Migrating birds reach the Pacific coast; the clinic in Pacific, Missouri, is shut.", gazetteer
    )
    ocean, town = [r for r in found if r.mention.text == "Pacific"]
    assert ocean.place is not None and ocean.place.feature_class == "region"
    assert town.place is not None and town.place.admin1 == "Missouri"


def test_a_province_far_more_populous_than_its_namesake_city_keeps_the_name(gazetteer: Any) -> None:
    """ "Kirkuk" is the city; "Quebec" (a city of half a million in a province of eight) is the province."""
    found = _resolve("Flooding hit Quebec and Ontario, while rockets hit Kirkuk.", gazetteer)
    assert _place(found, "Quebec").place.feature_class == "admin1"  # type: ignore[union-attr]
    assert _place(found, "Kirkuk").place.feature_class == "populated_place"  # type: ignore[union-attr]


def _where(found: list[ResolvedMention], text: str, n: int = 0) -> tuple[str | None, str | None, str]:
    """(country code, admin-1, feature class) of the n-th resolved mention with this text."""
    place = _place(found, text, n=n).place
    assert place is not None
    return place.country_code, place.admin1, place.feature_class


def test_a_namesake_in_the_named_state_is_weighed_however_many_namesakes_there_are(gazetteer: Any) -> None:
    """Seventeen US counties are called Monroe: the one in the state the story names is weighed too."""
    found = _resolve(
        "Floods closed roads in Monroe County on Sunday. Officials in Missouri said more rain was due.",
        gazetteer,
    )
    assert _where(found, "Monroe County") == ("US", "Missouri", "admin2")


def test_a_city_region_is_the_city_not_a_county_of_its_name(gazetteer: Any) -> None:
    found = _resolve("Mosquito traps were set across the Houston region this week.", gazetteer)
    assert _where(found, "Houston") == ("US", "Texas", "populated_place")


def test_a_name_once_qualified_keeps_that_place_when_bare(gazetteer: Any) -> None:
    found = _resolve(
        "A woman from Paris, Missouri, won the contest. The judges came from Texas, Tennessee and Illinois. "
        "Paris will host next year's event.",
        gazetteer,
    )
    assert _where(found, "Paris", 0)[:2] == ("US", "Missouri")
    assert _where(found, "Paris", 1)[:2] == ("US", "Missouri")
    both = _resolve(
        "Paris, Texas, and Paris, France, are twinned; Paris, Texas, has a replica tower.", gazetteer
    )
    assert [_where(both, "Paris", n)[0] for n in range(3)] == ["US", "FR", "US"]


def test_a_country_s_initials_before_a_noun_do_not_qualify_the_name_before_them(gazetteer: Any) -> None:
    found = _resolve(
        "An Ohio lawyer said Smith had worked on the deals in Russia, U.S. officials said on Monday.",
        gazetteer,
    )
    assert _where(found, "Russia") == ("RU", None, "country")
    town = _resolve("A man from Russia, Ohio, was hurt when his tractor overturned.", gazetteer)
    assert _where(town, "Russia")[:2] == ("US", "Ohio")


def test_two_names_that_lie_together_choose_each_other(gazetteer: Any) -> None:
    """Edmonton and Enfield, a few km apart in north London, outweigh Edmonton, Alberta, named alone."""
    found = _resolve(
        "Youngsters from a school in Edmonton planted bulbs in a park. Enfield Council paid for the flowers.",
        gazetteer,
    )
    assert _where(found, "Edmonton")[:2] == ("GB", "England")
    alone = _resolve("Youngsters from a school in Edmonton planted bulbs in a park.", gazetteer)
    assert _where(alone, "Edmonton")[:2] == ("CA", "Alberta")


def test_the_country_named_just_before_a_name_decides_between_its_readings(gazetteer: Any) -> None:
    kentucky = "LEXINGTON, Ky. - Farmers from Lexington and Georgetown met on Monday."
    abroad = _resolve(kentucky + " One of them, back from France, said prices in Paris were high.", gazetteer)
    assert _where(abroad, "Paris")[0] == "FR"
    home = _resolve(kentucky + " One of them said prices in Paris were high.", gazetteer)
    assert _where(home, "Paris")[:2] == ("US", "Kentucky")


def test_an_alternate_name_of_a_small_place_far_from_the_story_is_not_that_place(gazetteer: Any) -> None:
    """ "Nylen" is an old spelling of Nijlen, Belgium: in a story about Peru it is not placed there."""
    found = _resolve("Rescuers in Peru searched near Nylen for two days.", gazetteer)
    assert not [r for r in found if r.mention.text == "Nylen" and r.place is not None]
    found = _resolve("Rescuers in Belgium searched near Nylen for two days.", gazetteer)
    assert _where(found, "Nylen")[:2] == ("BE", "Vlaams Gewest")


def test_a_bare_name_keeps_the_reading_its_surest_mention_has(gazetteer: Any) -> None:
    """One sense per story: "London" beside "Canada" is London, Ontario, and so is the earlier "London"."""
    filler = " The speakers talked for hours and the crowd listened in the cold." * 4
    found = _resolve(
        "Organisers of a London rally spoke on Saturday."
        + filler
        + " He thanked Canada for its help, and the London event ended at dusk.",
        gazetteer,
    )
    assert [_where(found, "London", n)[:2] for n in range(2)] == [("CA", "Ontario")] * 2
    alone = _resolve("Students marched through London on Saturday." + filler, gazetteer)
    assert _where(alone, "London")[0] == "GB"
    # A name the text itself qualifies keeps its own reading and lends it to no other mention.
    worded = _resolve(
        "Gunmen attacked a checkpoint in Kirkuk province. Police in Kirkuk said two died.", gazetteer
    )
    assert _where(worded, "Kirkuk", 1) == ("IQ", "Kirkūk", "populated_place")


def test_a_governor_or_legislature_after_a_name_makes_it_the_state(gazetteer: Any) -> None:
    found = _resolve("New York Gov. Kathy Hochul signed the bill on Friday.", gazetteer)
    assert _where(found, "New York") == ("US", "New York", "admin1")
    city = _resolve("Crowds filled the streets of New York on Friday.", gazetteer)
    assert _where(city, "New York")[2] == "populated_place"


def test_a_state_after_town_comma_is_the_state_the_town_lies_in(gazetteer: Any) -> None:
    found = _resolve("She taught at a school in Yonkers, New York, for ten years.", gazetteer)
    assert _where(found, "New York") == ("US", "New York", "admin1")
    listed = _resolve("The band played in Boston, New York and Chicago last spring.", gazetteer)
    assert _where(listed, "New York")[2] == "populated_place"


def test_a_named_county_backs_its_town_only_in_the_state_the_story_names(gazetteer: Any) -> None:
    """Columbia, Illinois lies in a Monroe County, but a Missouri story's Monroe County is Missouri's."""
    found = _resolve(
        "A man was hurt in a crash in Monroe County. He was flown to a hospital in Columbia. "
        "The Missouri State Highway Patrol said he would recover.",
        gazetteer,
    )
    assert _where(found, "Columbia")[:2] == ("US", "Missouri")


def test_a_choice_below_the_minimum_confidence_is_left_unresolved(gazetteer: Any) -> None:
    from geoevents.geoparse.parse import mentions_from_article
    from geoevents.resolve import ResolverOptions, resolver_for

    article = Article(id="t", text="Fans drove from Springfield to the game on Sunday.")
    mentions = mentions_from_article(article, gazetteer=gazetteer)

    def springfield(min_score: float) -> ResolvedMention:
        resolver = resolver_for(gazetteer, options=ResolverOptions(min_score=min_score))
        return next(r for r in resolver.resolve(article, mentions) if r.mention.text == "Springfield")

    kept = springfield(0.0)
    assert kept.place is not None and 0.0 < kept.score < 1.0  # a bare name of many towns: unsure
    assert springfield(kept.score + 0.01).place is None
    assert springfield(kept.score - 0.01).place is not None


def test_a_country_word_opening_a_landform_is_not_the_country(gazetteer: Any) -> None:
    found = _resolve(
        "Farmers in the Niger Delta blocked a pipeline road, and boats sank on the Congo River near"
        " Mbandaka.",
        gazetteer,
    )
    for name in ("Niger", "Congo"):
        hits = [r for r in found if r.mention.text == name]
        assert hits and all(r.place is None or r.place.feature_class != "country" for r in hits), name
    # The country named on its own is still the country.
    alone = _resolve("Troops were sent to Niger and to Jordan last week.", gazetteer)
    assert _place(alone, "Niger").place.feature_class == "country"  # type: ignore[union-attr]
