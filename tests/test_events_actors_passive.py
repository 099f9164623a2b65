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
