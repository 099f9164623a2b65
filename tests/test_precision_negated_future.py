"""Realis: negative-quantifier subjects and time clauses inside a future are not asserted events."""

from geoevents.events.realis import asserted, future_time


def _at(clause: str, word: str) -> bool:
    return asserted(clause, clause.index(word))


def test_nobody_arrested_is_not_an_arrest() -> None:
    assert not _at("Police in Kastova said no one was arrested after the march", "arrested")
    assert not _at("Officials said nobody has been detained so far", "detained")
    assert not _at("none of the marchers were beaten by the guards", "beaten")


def test_attack_without_casualties_stays_asserted() -> None:
    clause = "gunmen attacked a checkpoint near Veloran but no one was hurt"
    assert _at(clause, "attacked")


def test_time_clause_inside_a_future_is_not_asserted() -> None:
    clause = "the minister said the army would push north after the government takes full control of Dorvik"
    assert not _at(clause, "takes")
    assert not _at("talks will resume once the militia withdraws from Pelna", "withdraws")


def test_past_event_after_a_future_stays_asserted() -> None:
    clause = "aid to the valley will only resume in spring after rebels seized the depot in Pelna"
    assert _at(clause, "seized")


def test_future_time_is_judged_across_a_clause_split() -> None:
    sentence = "He said the army would push north after the government takes full control of Dorvik."
    assert future_time(sentence, sentence.index("takes"))
    assert not future_time("The government takes full control of Dorvik.", 15)
