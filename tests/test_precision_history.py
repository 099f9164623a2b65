"""Acts told as history in a clause of their own: the act a span of time is counted from, and an act told
as coming before another that the next clause dates to an earlier year."""

import re

from geoevents.events.gate import Story, rejection
from geoevents.events.realis import remembered
from geoevents.events.triggers import Trigger


def _reject(sentence: str, clause: str, word: str, kind: str, year: int = 2020) -> str | None:
    m = re.search(word, clause)
    assert m is not None
    trigger = Trigger(pattern=re.compile(word), sub_event_type=kind)
    return rejection(clause, trigger, m, story=Story(sentence, year), sentence=sentence)


def test_the_act_time_is_counted_from_is_history() -> None:
    clause = "three years since the bombing of the market"
    assert remembered(clause, clause.index("bombing"))
    assert not remembered("the bombing of the market three years on", 4)


def test_a_vigil_marking_years_since_an_attack_leaves_the_attack_in_the_past() -> None:
    sentence = "Townspeople of Brenholt held a vigil four years since the gas attack on their quarter"
    clause = "since the gas attack on their quarter"
    assert _reject(sentence, clause, "gas attack", "Chemical weapon") == "background"


def test_an_act_before_a_dated_past_act_is_history() -> None:
    sentence = "She fought the militia as a partisan before entering parliament in 2011 and then retired."
    clause = "She fought the militia as a partisan"
    assert _reject(sentence, clause, "fought", "Armed clash") == "background"


def test_an_act_before_a_recent_act_stays_news() -> None:
    sentence = "Rebels shelled the depot before withdrawing from the town on Monday."
    clause = "Rebels shelled the depot"
    assert _reject(sentence, clause, "shelled", "Shelling/artillery/missile attack") is None


def test_a_toll_summed_since_a_year_in_the_next_clause_is_a_pattern() -> None:
    sentence = "The alliance admitted the deaths of 40 villagers in its raids on the valley since 2015."
    clause = "The alliance admitted the deaths of 40 villagers in its raids on the valley"
    assert _reject(sentence, clause, "raids", "Air/drone strike") == "pattern"
