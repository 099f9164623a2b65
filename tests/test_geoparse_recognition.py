"""Each recognition module of ``geoevents.geoparse`` on its own concern, on sentences of our own."""

from __future__ import annotations

from typing import Any

import pytest

from geoevents.geoparse import demonyms, names, people, regions, roles
from geoevents.geoparse.tokens import Tokens, capitalised_run, is_cap, strip_possessive
from geoevents.geoparse.word_lookups import DEFAULT_OPTIONS, Lookups
from geoevents.records import Article, Mention, MentionKind, MentionRole, ZoneKind


@pytest.fixture(scope="module")
def look(gazetteer: Any) -> Lookups:
    return Lookups(gazetteer, DEFAULT_OPTIONS)


def _index(toks: Tokens, word: str) -> int:
    return toks.words.index(word)


# --- tokens ---------------------------------------------------------------------------------------


def test_tokens_give_offsets_gaps_and_sentence_starts() -> None:
    text = "Shells hit al-Qaim's market. Later, the U.S. envoy left the city."
    toks = Tokens(text)
    assert toks.words[:3] == ["Shells", "hit", "al-Qaim's"]
    assert all(text[s:e] == w for s, e, w in zip(toks.starts, toks.ends, toks.words, strict=True))
    assert toks.gaps[2] == " " and toks.gaps[3] == ". "
    assert toks.sentence_initial(_index(toks, "Later")) and not toks.sentence_initial(_index(toks, "city"))
    assert is_cap("al-Qaim") and not is_cap("al-qaida")
    assert strip_possessive("al-Qaim's") == ("al-Qaim", True)


def test_capitalised_run_stops_at_a_dateline_and_a_possessive() -> None:
    toks = Tokens("TULSA Mary Ann Jones spoke. Then Ruth Smith's dog barked.")
    assert capitalised_run(toks, 0, 0) == (0, 0)  # "TULSA", not "TULSA Mary Ann Jones"
    ruth = _index(toks, "Ruth")
    assert capitalised_run(toks, ruth, ruth)[1] == ruth + 1  # "Smith's" ends the run


# --- lookups --------------------------------------------------------------------------------------


def test_lookups_ask_the_gazetteer_once_per_word(gazetteer: Any) -> None:
    asked: list[str] = []

    class Counting:
        max_name_words = 6

        def is_name(self, key: str) -> bool:
            asked.append(key)
            return bool(gazetteer.is_name(key))

    look = Lookups(Counting(), DEFAULT_OPTIONS)
    assert look.is_name("Mosul") and look.is_name("Mosul")
    assert not look.is_name("Qwzxv")
    assert len(asked) == 2
    assert look.lone_word_is_nothing("Qwzxv") and not look.lone_word_is_nothing("Iraqi")


# --- names ----------------------------------------------------------------------------------------


def test_longest_name_walks_as_far_as_a_name_goes(look: Lookups) -> None:
    toks = Tokens("Rockets fell on Deir ez-Zor and on New York-based firms.")
    deir = _index(toks, "Deir")
    found = names.longest_name(look, toks, deir)
    assert found is not None and toks.text[toks.starts[deir] : found[1]] == "Deir ez-Zor"
    new = _index(toks, "New")
    found = names.longest_name(look, toks, new)
    assert found is not None and toks.text[toks.starts[new] : found[1]] == "New York"


def test_abbreviations_are_places_but_codes_and_money_are_not(look: Lookups) -> None:
    text = "The U.S. sent US$40 million to JOR officials."
    article, toks = Article(id="t", text=text), Tokens(text)
    us = _index(toks, "U.S")
    step = names.abbreviation_at(look, article, toks, us, names.with_full_stop(toks, us), ZoneKind.BODY)
    assert (
        step is not None and step[1] is not None and step[1].text == "U.S." and step[1].country_code == "US"
    )
    money = names.abbreviation_at(look, article, toks, _index(toks, "US"), "US", ZoneKind.BODY)
    assert money is not None and money[1] is None


def test_a_defined_acronym_names_its_place_again(look: Lookups) -> None:
    text = "Floods hit New South Wales (NSW) on Monday; NSW officials said roads closed."
    article = Article(id="t", text=text)
    nsw = Mention("t", 11, 26, "New South Wales")
    found = names.acronyms(article, [nsw], [])
    assert [m.text for m in found].count("NSW") == 2
    assert all(m.parts == ("New South Wales",) for m in found if m.text == "NSW")


# --- people and organisations ---------------------------------------------------------------------


def test_a_place_word_in_a_persons_name_is_no_place(look: Lookups) -> None:
    toks = Tokens("He said Jordan Smith visited Lyon.")
    jordan = _index(toks, "Jordan")
    role, _, span = people.classify(look, toks, jordan, jordan, "Jordan", False)
    assert role is MentionRole.NOT_PLACE and span == (jordan, jordan + 1)
    lyon = _index(toks, "Lyon")
    assert people.classify(look, toks, lyon, lyon, "Lyon", False)[0] is MentionRole.LITERAL


def test_an_organisation_of_a_place_is_an_associative_use(look: Lookups) -> None:
    toks = Tokens("The Kirkuk Police Department said so.")
    k = _index(toks, "Kirkuk")
    assert people.classify(look, toks, k, k, "Kirkuk", False)[0] is DEFAULT_OPTIONS.org_place_role


def test_a_surname_found_once_is_a_person_throughout(look: Lookups) -> None:
    text = "Officer Mary Odessa spoke first. Later Odessa left."
    toks = Tokens(text)
    person = Mention("t", 8, 19, "Mary Odessa", role=MentionRole.NOT_PLACE)
    later = Mention("t", 39, 45, "Odessa")
    out = people.propagate_people(look, [person, later], toks)
    assert out[1].role is MentionRole.NOT_PLACE


# --- demonyms -------------------------------------------------------------------------------------


def test_demonyms_but_not_languages(look: Lookups) -> None:
    text = "Iraqi troops met a man who spoke French near the Syrian border."
    article, toks = Article(id="t", text=text), Tokens(text)
    step = demonyms.demonym_at(look, article, toks, 0, None, ZoneKind.BODY)
    assert step is not None and step[1] is not None and step[1].country_code == "IQ"
    french = demonyms.demonym_at(look, article, toks, _index(toks, "French"), None, ZoneKind.BODY)
    assert french is not None and french[1] is None


def test_hyphen_pairs_and_stances(look: Lookups) -> None:
    text = "Turkish-Syrian talks drew pro-Iran crowds."
    article, toks = Article(id="t", text=text), Tokens(text)
    pair = demonyms.hyphen_pair(look, article, toks, 0)
    assert pair is not None and [m.country_code for m in pair] == ["TR", "SY"]
    pro = _index(toks, "pro-Iran")
    stance = demonyms.stance(look, article, toks, pro, len("pro-"))
    assert stance is not None and stance.text == "Iran" and stance.role is MentionRole.DEMONYM


# --- borders and regional expressions -------------------------------------------------------------


def test_borders_and_regional_expressions_build_on_their_places(look: Lookups) -> None:
    text = "Shelling on the border between Iraq and Syria spread to northern Iraq."
    article, toks = Article(id="t", text=text), Tokens(text)
    iraq1, syria, iraq2 = (text.index("Iraq"), text.index("Syria"), text.rindex("Iraq"))
    singles = [
        Mention("t", s, s + len(w), w) for s, w in ((iraq1, "Iraq"), (syria, "Syria"), (iraq2, "Iraq"))
    ]
    found = regions.compounds(look, article, toks, singles, [])
    kinds = {(m.kind, m.parts, m.qualifier) for m in found}
    assert (MentionKind.BORDER, ("Iraq", "Syria"), None) in kinds
    assert (MentionKind.REGION_EXPRESSION, ("Iraq",), "northern") in kinds
    assert regions.fixture_spans("Iraq v Jordan ended 2-1.") == [(0, 13)]


# --- roles ----------------------------------------------------------------------------------------


def test_roles_from_the_words_after_a_name(look: Lookups) -> None:
    toks = Tokens("Washington has also said no. Boston is cold.")
    assert (
        roles.role_after(look.lex, toks, 0, possessive=False, hyphen_compound=False) is MentionRole.METONYMIC
    )
    boston = _index(toks, "Boston")
    assert roles.role_after(look.lex, toks, boston, possessive=False, hyphen_compound=False) is (
        MentionRole.LITERAL
    )
    text = "Prices in the US dollar rose."
    us = Mention("t", text.index("US"), text.index("US") + 2, "US")
    assert roles.names_a_thing(look.lex, text, us)
    assert roles.as_not_place(us).role is MentionRole.NOT_PLACE
