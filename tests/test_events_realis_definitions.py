"""Definitions of a tactic and entries of a chronology are background, not reports of one act."""

from geoevents.events.realis import defined, recalled


def _at(clause: str, word: str) -> int:
    return clause.index(word)


def test_a_tactic_defined_in_the_present_is_not_an_event() -> None:
    clause = "This happens when a jet bombs a street and then returns to strike the rescuers"
    assert defined(clause, _at(clause, "bombs"))


def test_a_practice_in_which_is_a_definition() -> None:
    clause = "a practice in which gunmen shell a market twice within the hour"
    assert defined(clause, _at(clause, "shell"))


def test_a_reported_strike_is_no_definition() -> None:
    clause = "A jet bombed a street in the old quarter on Monday, killing four"
    assert not defined(clause, _at(clause, "bombed"))


def test_trigger_before_the_definition_stays_an_event() -> None:
    clause = "Seven died in the double strike, a tactic in which planes return to the site"
    assert not defined(clause, _at(clause, "strike"))


def test_a_chronology_entry_is_background() -> None:
    assert recalled("* 2013: - In March, troops shelled the old market")
    assert recalled("2009 – rebels seized the airport")


def test_a_leading_iso_date_is_no_chronology() -> None:
    assert not recalled("2016-10-05 Troops shelled the old market on Wednesday")
    assert not recalled("Troops shelled the old market in 2013 and again on Monday")
