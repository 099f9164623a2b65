"""Toponym recognition: offsets, roles, compound mentions and junk, on sentences of our own and the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geoevents.geoparse.recognizer import mentions_from_article
from geoevents.records import Article, Mention, MentionKind, MentionRole, Zone, ZoneKind


def _mentions(text: str, gazetteer: Any, **kwargs: Any) -> list[Mention]:
    article = Article(id="t", text=text, **kwargs)
    found = mentions_from_article(article, gazetteer=gazetteer)
    for m in found:
        assert text[m.start : m.end] == m.text
    return found


def _by_text(found: list[Mention], text: str, kind: MentionKind = MentionKind.TOPONYM) -> Mention:
    hits = [m for m in found if m.text == text and m.kind is kind]
    assert hits, f"no {kind.value} mention {text!r} in {[m.text for m in found]}"
    return hits[0]


def test_offsets_index_the_text_exactly(gazetteer: Any) -> None:
    text = (
        "KIRKUK, Iraq — Rockets struck the K-1 base near Kirkuk on Friday.\n\n"
        "Officials in Baghdad’s Green Zone said the attack came from al-Qaim, near the Syrian border. "
        "The U.S. and Iraqi forces responded in northern Iraq and along the Iraq–Syria border."
    )
    found = _mentions(text, gazetteer)
    assert len(found) >= 8
    assert all(0 <= m.start < m.end <= len(text) for m in found)


def test_literal_places(gazetteer: Any) -> None:
    found = _mentions("A car bomb exploded in Kirkuk on Tuesday, and a second one hit Mosul.", gazetteer)
    assert _by_text(found, "Kirkuk").role is MentionRole.LITERAL
    assert _by_text(found, "Mosul").role is MentionRole.LITERAL


def test_metonymic_capital_and_possessive(gazetteer: Any) -> None:
    found = _mentions(
        "Washington said the strikes were defensive. Tehran's influence over the militias grew.", gazetteer
    )
    assert _by_text(found, "Washington").role is MentionRole.METONYMIC
    assert _by_text(found, "Tehran").role is MentionRole.METONYMIC


def test_demonyms_link_to_their_country(gazetteer: Any) -> None:
    found = _mentions(
        "Iranian-backed militias fired at Iraqi troops, and two Americans were hurt.", gazetteer
    )
    iranian = _by_text(found, "Iranian")
    assert iranian.role is MentionRole.DEMONYM and iranian.country_code == "IR"
    assert _by_text(found, "Iraqi").country_code == "IQ"
    assert _by_text(found, "Americans").country_code == "US"


def test_person_names_are_not_places(gazetteer: Any) -> None:
    text = (
        "Badr Organization chief Hadi al-Amiri held talks with President Barham Saleh on Monday. "
        "Afterwards Amiri flew to Erbil."
    )
    found = _mentions(text, gazetteer)
    assert _by_text(found, "Hadi al-Amiri").role is MentionRole.NOT_PLACE
    places = [m.text for m in found if m.role is not MentionRole.NOT_PLACE]
    assert "Amiri" not in places and "Saleh" not in places
    assert _by_text(found, "Erbil").role is MentionRole.LITERAL


def test_clubs_codes_and_common_words_are_not_places(gazetteer: Any) -> None:
    text = (
        "Barcelona v Tottenham Hotspur kicks off at eight. Ali Hassan (MAR) beat Omar Khalil (JOR).\n"
        "Mobile phones were banned."
    )
    found = _mentions(text, gazetteer)
    places = [m.text for m in found if m.role is not MentionRole.NOT_PLACE]
    assert "Barcelona" not in places
    assert "MAR" not in places and "JOR" not in places
    assert "Mobile" not in places


def test_place_inside_an_organisation_is_associative(gazetteer: Any) -> None:
    found = _mentions("Officers of the Kirkuk Police Department arrested two men.", gazetteer)
    assert _by_text(found, "Kirkuk").role is MentionRole.METONYMIC


def test_borders(gazetteer: Any) -> None:
    text = (
        "Troops massed at the border between Iraq and Syria. Smugglers cross the Iraq-Syria border nightly. "
        "The town lies near the Syrian border."
    )
    found = _mentions(text, gazetteer)
    borders = [m for m in found if m.kind is MentionKind.BORDER]
    assert [m.parts for m in borders] == [("Iraq", "Syria"), ("Iraq", "Syria"), ("Syria",)]
    assert borders[0].text == "border between Iraq and Syria"


def test_regional_expressions(gazetteer: Any) -> None:
    found = _mentions("Fighting spread across northern Iraq and into the outskirts of Mosul.", gazetteer)
    north = _by_text(found, "northern Iraq", MentionKind.REGION_EXPRESSION)
    assert north.qualifier == "northern" and north.parts == ("Iraq",)
    outskirts = _by_text(found, "the outskirts of Mosul", MentionKind.REGION_EXPRESSION)
    assert outskirts.qualifier == "outskirts of"
    # The parts are mentions of their own as well.
    assert _by_text(found, "Iraq").role is MentionRole.LITERAL


def test_region_words_after_a_place(gazetteer: Any) -> None:
    text = (
        "Drones struck east of Erbil, in northern Syria's Hasakah province, and across the Nineveh plains, "
        "while in the Basra area's oil fields pumps stopped.\nHeavy rain fell along the Sinai coast."
    )
    found = _mentions(text, gazetteer)
    hasakah = _by_text(found, "Hasakah province", MentionKind.REGION_EXPRESSION)
    assert hasakah.parts == ("Hasakah",) and hasakah.qualifier == "province"
    assert _by_text(found, "Nineveh plains", MentionKind.REGION_EXPRESSION).qualifier == "plains"
    assert _by_text(found, "Basra area", MentionKind.REGION_EXPRESSION).qualifier == "area"
    assert _by_text(found, "Sinai coast", MentionKind.REGION_EXPRESSION).qualifier == "coast"
    assert _by_text(found, "east of Erbil", MentionKind.REGION_EXPRESSION).qualifier == "east of"
    assert _by_text(found, "northern Syria", MentionKind.REGION_EXPRESSION).qualifier == "northern"
    # A region word that only begins a longer word is no region word.
    assert not [
        m
        for m in _mentions("Rain fell on Basra areas.", gazetteer)
        if m.kind is MentionKind.REGION_EXPRESSION
    ]


def test_junk_and_meta_zones_are_skipped(gazetteer: Any) -> None:
    text = "Rockets hit Kirkuk.\nRelated: Barcelona v Madrid\nContent retrieved from: Baghdad"
    zones = (
        Zone(0, 19, ZoneKind.BODY),
        Zone(20, 47, ZoneKind.JUNK),
        Zone(48, len(text), ZoneKind.META),
    )
    found = _mentions(text, gazetteer, zones=zones)
    assert [m.text for m in found] == ["Kirkuk"]


def test_sentence_initial_function_words_are_not_places(gazetteer: Any) -> None:
    found = _mentions("Of the 30 people hurt, most were in Basra. May brought more attacks.", gazetteer)
    assert [m.text for m in found if m.role is not MentionRole.NOT_PLACE] == ["Basra"]


@pytest.mark.parametrize("name", ["000_e1434c254b5792b8.txt", "002_269a23def25dc398.txt"])
def test_seed_pages_offsets_and_junk(seeds_dir: Path, gazetteer: Any, name: str) -> None:
    from geoevents.ingest import articles_from_paths

    article = next(iter(articles_from_paths([seeds_dir / name])))
    assert isinstance(article, Article)
    found = mentions_from_article(article, gazetteer=gazetteer)
    assert found
    for m in found:
        assert article.text[m.start : m.end] == m.text
    places = {m.text for m in found if m.role is not MentionRole.NOT_PLACE}
    for junk in ("Barcelona", "Tottenham", "Aden", "MAR", "JOR", "ALG", "UAE", "SYR", "PAL", "TUN", "EGY"):
        assert junk not in places


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Iran-aligned militias claimed the attack.", "Iran", "IR"),
        ("A Syria-backed group denied it.", "Syria", "SY"),
        ("US-led coalition aircraft struck again.", "US", "US"),
        ("Pro-Iran protesters marched on the embassy.", "Iran", "IR"),
        ("The crowd chanted anti-American slogans.", "American", "US"),
    ],
)
def test_side_taking_compounds_are_adjectival(gazetteer: Any, text: str, surface: str, code: str) -> None:
    m = _by_text(_mentions(text, gazetteer), surface)
    assert m.role is MentionRole.DEMONYM
    assert m.country_code == code or (m.parts and m.parts[0] == surface)


def test_a_place_based_there_is_not_adjectival(gazetteer: Any) -> None:
    m = _by_text(_mentions("A Baghdad-based analyst said the talks failed.", gazetteer), "Baghdad")
    assert m.role is not MentionRole.DEMONYM


def test_a_lone_word_that_speaks_is_a_person_throughout(gazetteer: Any) -> None:
    found = _mentions(
        "Harlan said the clinic would reopen in May. “We are not giving up,” said Harlan, who has run it "
        "since 2004. Harlan hopes to hire two nurses before the summer.",
        gazetteer,
    )
    harlan = [m for m in found if m.text == "Harlan"]
    assert len(harlan) == 3 and all(m.role is MentionRole.NOT_PLACE for m in harlan)
    capital = _mentions(
        "Baghdad said the talks would resume. Baghdad hopes to settle the dispute, "
        "officials in Baghdad added.",
        gazetteer,
    )
    assert [m.role for m in capital if m.text == "Baghdad"] == [
        MentionRole.METONYMIC,
        MentionRole.METONYMIC,
        MentionRole.LITERAL,
    ]


def test_an_organisation_ending_in_a_town_does_not_make_the_town_a_person(gazetteer: Any) -> None:
    found = _mentions(
        "Volunteers met at First Baptist Church Jonesboro on Sunday. Later they drove through Jonesboro "
        "to the river.",
        gazetteer,
    )
    assert _by_text(found, "Jonesboro").role is MentionRole.LITERAL
    attributed = _mentions(
        "“It was the worst flood we have seen,” said Jonesboro Mayor Ann Clark.", gazetteer
    )
    assert _by_text(attributed, "Jonesboro").role is not MentionRole.NOT_PLACE


def test_a_currency_is_not_a_place(gazetteer: Any) -> None:
    found = _mentions("The fund pledged US$40 million and A$5 million to Kenya.", gazetteer)
    assert [m.text for m in found if m.role is not MentionRole.NOT_PLACE] == ["Kenya"]


def test_a_country_closing_a_company_name_is_no_surname(gazetteer: Any) -> None:
    found = _mentions(
        "Burger Palace Canada recalled its salads. Stores across Canada removed them on Monday.", gazetteer
    )
    assert _by_text(found, "Canada").role is MentionRole.METONYMIC  # the company's country
    later = [m for m in found if m.text == "Canada" and m.start > 40]
    assert later and later[0].role is MentionRole.LITERAL


def test_state_abbreviations_after_a_party_letter_and_dotted_pairs(gazetteer: Any) -> None:
    text = "Rep. Ann Clyde, D-S.C., spoke first. Officials in W.Va. agreed, as did Sen. Ray Moss, R-Calif."
    found = _mentions(text, gazetteer)
    states = [(m.text, m.parts) for m in found if m.country_code == "US"]
    assert states == [
        ("S.C.", ("South Carolina",)),
        ("W.Va.", ("West Virginia",)),
        ("Calif.", ("California",)),
    ]


def test_a_language_after_a_verb_of_speech_is_not_a_place(gazetteer: Any) -> None:
    found = _mentions(
        "She spoke only French when she arrived; he speaks fluent Arabic, and the letter was translated "
        "from Russian. French troops later left Mali.",
        gazetteer,
    )
    demonyms = [m.text for m in found if m.role is MentionRole.DEMONYM]
    assert demonyms == ["French"], demonyms
    assert _by_text(found, "Mali").role is MentionRole.LITERAL


def test_an_article_or_a_number_opening_a_sentence_is_not_part_of_a_place(gazetteer: Any) -> None:
    found = _mentions(
        "A New Jersey woman fell ill. Ten infants have died in Nine districts of Kenya.", gazetteer
    )
    places = [m.text for m in found if m.role is not MentionRole.NOT_PLACE]
    assert "New Jersey" in places and "Kenya" in places
    assert not {"A New", "Ten"} & set(places), places


def test_everyday_words_are_not_joined_into_a_loose_place_name(gazetteer: Any) -> None:
    found = _mentions("And I want to be the best there ever was, she said in Boston.", gazetteer)
    assert [m.text for m in found if m.role is not MentionRole.NOT_PLACE] == ["Boston"]


@pytest.mark.parametrize(
    "text, role",
    [
        ("Toyota recalled two million cars on Monday.", MentionRole.NOT_PLACE),
        ("She bought a used Honda last spring.", MentionRole.NOT_PLACE),
        ("Workers at a plant in Toyota walked out.", MentionRole.LITERAL),
        ("Toyota, Japan, is home to the carmaker.", MentionRole.LITERAL),
        ("The Duma passed the bill on Friday.", MentionRole.NOT_PLACE),
        ("Shelling hit Duma, east of the capital.", MentionRole.LITERAL),
    ],
)
def test_a_brand_named_like_a_town_is_a_place_only_on_the_ground(gazetteer: Any, text, role) -> None:
    word = next(w for w in ("Honda", "Toyota", "Duma") if w in text)
    assert _by_text(_mentions(text, gazetteer), word).role is role


def test_the_number_sign_is_not_a_place(gazetteer: Any) -> None:
    found = _mentions("The mill is No. 1 on the list; the fire was at Lot No. 15 in Dayton.", gazetteer)
    assert "No" not in {m.text for m in found}
    assert "Dayton" in {m.text for m in found}


def test_a_company_met_or_sold_to_is_still_the_company(gazetteer: Any) -> None:
    """Only "in", "near" and "outside" put a company's name on the ground: workers "at Toyota" and parts sold
    "to Toyota" are the company."""
    for text in ("Workers at Toyota voted on Friday.", "The supplier sold parts to Toyota last year."):
        assert _by_text(_mentions(text, gazetteer), "Toyota").role is MentionRole.NOT_PLACE, text


def test_a_plural_possessive_is_not_part_of_the_name(gazetteer: Any) -> None:
    found = _mentions("Officials praised the Philippines' quick response on Monday.", gazetteer)
    assert _by_text(found, "Philippines").role is MentionRole.LITERAL
    assert not [m for m in found if m.text.endswith("'")]


def test_a_country_or_sea_that_looks_like_a_demonym_is_the_place(gazetteer: Any) -> None:
    found = _mentions(
        "Traders crossed from Laos into Thailand, and boats sailed the Mediterranean.", gazetteer
    )
    assert _by_text(found, "Laos").role is MentionRole.LITERAL
    assert _by_text(found, "Mediterranean").role is MentionRole.LITERAL
    found = _mentions("Two Laos-based traders and Mediterranean diets.", gazetteer)
    assert _by_text(found, "Mediterranean").role is MentionRole.DEMONYM


@pytest.mark.parametrize(
    "text, person",
    [
        ("The farm minister, Marek Wierzbowski, said the zone was sealed.", "Marek Wierzbowski"),
        ("The ban is lifted, spokesman Salim bin Umri told reporters.", "Umri"),
        ("Hassan el Tawil, an adviser, said the birds were culled.", "Hassan"),
        ("Maria Toledo-Segovia, the commissioner, said aid would follow.", "Maria Toledo-Segovia"),
    ],
)
def test_people_whose_names_start_or_end_like_places(gazetteer: Any, text: str, person: str) -> None:
    """A place-like word joined to a rare surname, a name particle or a double surname is a person."""
    found = _mentions(text, gazetteer)
    assert _by_text(found, person).role is MentionRole.NOT_PLACE
    assert not [
        m
        for m in found
        if m.role is not MentionRole.NOT_PLACE
        and m.start >= text.index(person)
        and m.end <= text.index(person) + len(person)
    ]


def test_a_place_before_institutional_words_is_still_the_organisations_place(gazetteer: Any) -> None:
    found = _mentions("The Kirkuk Police Department and Buffalo Public Schools said so.", gazetteer)
    assert _by_text(found, "Kirkuk").role is MentionRole.METONYMIC
    assert _by_text(found, "Buffalo").role is MentionRole.METONYMIC


@pytest.mark.parametrize("name", ["Deir ez-Zor", "Ras el-Ain", "Deir ed-Dibwan"])
def test_every_form_of_the_arabic_article_joins_a_name(gazetteer: Any, name: str) -> None:
    found = _mentions(f"Shelling was reported in {name} on Monday.", gazetteer)
    assert _by_text(found, name).role is MentionRole.LITERAL


def test_a_dateline_in_capitals_ends_before_the_sentence_it_opens(gazetteer: Any) -> None:
    found = _mentions("DETROIT Jane Doe, a union leader, said on Monday that talks had failed.", gazetteer)
    assert _by_text(found, "DETROIT").role in (MentionRole.LITERAL, MentionRole.METONYMIC)
    assert all(m.end <= len("DETROIT") for m in found if m.start == 0)
    inside = _mentions("Talks were held in DETROIT Jane Doe said.", gazetteer)
    assert not [m for m in inside if m.text == "DETROIT"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Although Edmonton voted early, the count ran late.", "Edmonton"),
        ("Former Ohio Gov. Jane Roe spoke at the dinner.", "Ohio"),
        ("Eventually Kirkuk fell to the militants.", "Kirkuk"),
    ],
)
def test_a_sentence_s_first_function_word_is_not_part_of_the_name_after_it(
    gazetteer: Any, text: str, name: str
) -> None:
    assert _by_text(_mentions(text, gazetteer), name).role is not MentionRole.NOT_PLACE


@pytest.mark.parametrize(
    "text, name",
    [
        ("Nora Henry said the vote was close.", "Nora Henry"),
        ("Agent Orange was sprayed there.", "Agent Orange"),
    ],
)
def test_a_first_name_or_noun_opening_a_sentence_still_makes_a_name(
    gazetteer: Any, text: str, name: str
) -> None:
    """Only function words and adverbs are set apart: a first name or a noun stays part of the name."""
    assert _by_text(_mentions(text, gazetteer), name).role is MentionRole.NOT_PLACE


def test_a_name_of_several_words_before_a_hyphenated_modifier_ends_at_the_hyphen(gazetteer: Any) -> None:
    found = _mentions(
        "A New York-based squad and a Saudi Arabia-led coalition met Ban Ki-moon "
        "in a Los Angeles-area hotel.",
        gazetteer,
    )
    assert _by_text(found, "New York").role is MentionRole.METONYMIC
    assert _by_text(found, "Los Angeles").role is MentionRole.METONYMIC
    led = _by_text(found, "Saudi Arabia")
    assert led.role is MentionRole.DEMONYM and led.parts == ("Saudi Arabia",)
    assert not [m for m in found if m.text in ("York", "Los", "Angeles", "Ban Ki")]


def test_a_trailing_s_that_belongs_to_the_word_is_no_lost_apostrophe(gazetteer: Any) -> None:
    found = _mentions("Volunteers from St. Marys cleared the trail, and the Falcons won at home.", gazetteer)
    texts = {m.text for m in found if m.kind is MentionKind.TOPONYM}
    assert "St. Marys" in texts  # the town's name, not "St. Mary" and a possessive
    assert not texts & {"Mary", "St. Mary", "Falcon"}  # a plural English word is no place's possessive
    lost = _mentions("Shelling hit the outskirts of Syrias Aleppo overnight.", gazetteer)
    assert {"Syria", "Aleppo"} <= {m.text for m in lost if m.kind is MentionKind.TOPONYM}
