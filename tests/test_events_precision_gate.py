"""Acts the gate sets aside: calls for a protest to come, acts told as going on over a stretch of time,
and violence in a story of ordinary crime where a "party" is a celebration, not a political side."""

import re

from geoevents.events.gate import rejection
from geoevents.events.nonpolitical import crime_story, quiet_story
from geoevents.events.realis import asserted, earlier_year, ongoing
from geoevents.events.triggers import Trigger


def _at(clause: str, word: str) -> int:
    return clause.index(word)


def test_a_called_strike_is_no_strike_yet() -> None:
    clause = "nurses' associations in the capital called a three-day walkout over pay"
    assert not asserted(clause, _at(clause, "walkout"))


def test_a_protest_set_for_a_day_to_come_is_not_asserted() -> None:
    clause = "farmers will gather for a march next Monday outside the ministry"
    assert not asserted(clause, _at(clause, "march"))
    clause = "a rally for this coming Saturday in the main square"
    assert not asserted(clause, _at(clause, "rally"))


def test_an_act_on_a_past_or_next_day_of_the_story_stays_asserted() -> None:
    clause = "farmers held a march the next day outside the ministry"
    assert asserted(clause, _at(clause, "march"))
    clause = "a bomb exploded next to the bus station on Monday"
    assert asserted(clause, _at(clause, "bomb"))


def test_strikes_told_as_continuing_are_a_trend() -> None:
    clause = "shelling and air raids have continued around the port since the truce"
    assert ongoing(clause, _at(clause, "shelling"))
    clause = "the valley has endured heavy bombardment over the past few weeks"
    assert ongoing(clause, _at(clause, "bombardment"))


def test_a_truce_named_before_the_trend_is_not_the_trend() -> None:
    clause = "a truce agreed by both sides on Monday was ignored in the hills and shelling has gone on"
    assert not ongoing(clause, _at(clause, "truce"))
    clause = "Rebels shelled the port on Monday, killing four"
    assert not ongoing(clause, _at(clause, "shelled"))


def test_a_fight_at_a_party_is_local_crime_news() -> None:
    text = (
        "Deputies said a teenager was shot dead after a fight broke out at a backyard birthday party. "
        "The medical examiner identified the victim on Monday."
    )
    assert crime_story(text)
    assert quiet_story(text)


def test_a_named_political_party_is_a_side() -> None:
    text = "Deputies said a member of the ruling party was shot dead at his home; the party blamed rivals."
    assert not crime_story(text)
    assert not quiet_story(text)


def test_an_act_told_in_an_earlier_year_is_history() -> None:
    clause = "and he fought the rebels again in the mountains in 2011"
    assert earlier_year(clause, clause.index("fought"), 2019)
    assert earlier_year("troops shelled the valley in May 2016", 7, 2019)


def test_a_recent_month_or_a_day_of_its_own_is_news() -> None:
    assert not earlier_year("troops shelled the valley in December 2018", 7, 2019)
    assert not earlier_year("seized by rebels in 2014, the valley was shelled on Tuesday", 30, 2019)
    assert not earlier_year("troops shelled the valley in 2019", 7, 2019)


def test_a_year_of_another_act_does_not_date_the_act() -> None:
    clause = "the group attacked the village, which it first took in 2014"
    assert not earlier_year(clause, clause.index("attacked"), 2019)
    clause = "the group, in arms since 2009, attacked the village"
    assert not earlier_year(clause, clause.index("attacked"), 2019)


def test_a_definition_opened_in_an_earlier_clause_is_background() -> None:
    sentence = "It happens when a jet drops a first bomb, and then returns for a second strike on aid crews"
    clause = "and then returns for a second strike on aid crews"
    m = re.search("strike", clause)
    assert m is not None
    trigger = Trigger(pattern=re.compile("strike"), sub_event_type="Air/drone strike")
    assert rejection(clause, trigger, m, sentence=sentence) == "background"
