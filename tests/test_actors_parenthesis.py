"""A common noun after a group's name and a parenthesis ("Fateh al-Sham (formerly Al-Nusra Front)
fighters") is that group's men, as it is right after the name."""

from __future__ import annotations

from geoevents.events import default_actors

_LEX = default_actors()


def test_a_noun_after_a_parenthesis_is_the_named_group_s() -> None:
    names = {a.canonical for a in _LEX.find("mortar fire by Hayat Tahrir al-Sham (HTS) militants")}
    assert names == {"Hayat Tahrir al Sham"}


def test_a_noun_with_no_group_before_stays_its_own() -> None:
    names = [a.canonical for a in _LEX.find("shelling by (so-called) militants")]
    assert names == ["Unidentified Armed Group"]
