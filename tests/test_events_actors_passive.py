"""Victims named before a passive verb with adverbs between, and ACLED's spelling of a country inside a
name's brackets (wordings of our own)."""

from __future__ import annotations

import re

from geoevents.events import default_actors
from geoevents.events.actors import actors_of_clause, in_country


def _sides(clause: str, trigger: str) -> tuple[str | None, str | None]:
    match = re.search(re.escape(trigger), clause)
    assert match is not None
    actor1, actor2, _ = actors_of_clause(default_actors(), clause, match)
    return actor1, actor2


def test_a_group_whose_men_were_also_killed_is_the_victim() -> None:
    assert _sides("Six fighters of the Taliban were also killed in the raid.", "killed") == (None, "Taliban")


def test_two_adverbs_before_the_verb_keep_it_passive() -> None:
    assert _sides("Al Shabaab commanders were reportedly later detained.", "detained") == (None, "Al Shabaab")


def test_a_country_in_brackets_has_no_article() -> None:
    rebels = in_country("Opposition Rebels ({country})", "CD")
    assert rebels == "Opposition Rebels (Democratic Republic of Congo)"
    assert in_country("Police Forces of {country}", "PH") == "Police Forces of the Philippines"


def test_a_spelling_of_the_front_s_name_without_jabhat_is_known() -> None:
    found = [a.canonical for a in default_actors().find("Fatah al-Sham fighters fired mortars.")]
    assert found == ["Jabhat Fateh al Sham"]


def test_a_hedged_doer_in_the_by_phrase_is_still_the_doer() -> None:
    sides = _sides("Three guards were gunned down by alleged Taliban fighters at dawn.", "gunned down")
    assert sides[0] == "Taliban"


def test_fighters_loyal_to_a_group_are_that_group() -> None:
    sides = _sides("The hamlet was overrun by militiamen loyal to Al Shabaab last week.", "overrun")
    assert sides == ("Al Shabaab", None)


def test_a_trigger_holding_its_auxiliary_is_passive_when_a_by_phrase_follows() -> None:
    clause = "Two drivers were stabbed to death by Taliban fighters near the market."
    assert _sides(clause, "were stabbed") == ("Taliban", None)


def test_a_trigger_holding_its_auxiliary_without_a_by_phrase_keeps_its_subject() -> None:
    clause = "Al Shabaab fighters were fighting soldiers outside the town."
    assert _sides(clause, "were fighting")[0] == "Al Shabaab"


def test_a_force_s_spokesman_is_no_party_to_the_act() -> None:
    clause = "Gunmen of the Islamic State shot a trader in the square, an army spokesman said."
    assert _sides(clause, "shot") == ("Islamic State ({country})", None)
