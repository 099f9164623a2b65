"""Tolls of both sides: the attackers' dead beside their victims', in one clause or the next sentence."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.counts import casualties_from_text
from geoevents.records import Article


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # the attackers' dead told after the victims', in the speaker's own clause: both counted
        ("Rebels stormed a post near Vellmar, killing 5 officers, the governor says 2 attackers died", 7),
        ("Raiders hit the depot killing two guards; officials said three of the assailants were killed", 5),
        # a list of groups after one verb: counted once
        ("Gunmen killed 3 soldiers and two of the attackers died", 5),
        # the attackers as the subject of the killing, not among the dead
        ("Two gunmen killed five shoppers at the market in Ostrava", 5),
        # the attackers' dead alone are the toll
        ("The shootout left four gunmen killed", 4),
    ],
)
def test_attackers_dead_beside_victims(text: str, dead: int) -> None:
    assert casualties_from_text(text).fatalities == dead


def test_vague_attackers_toll_stays_vague() -> None:
    found = casualties_from_text("Troops killed dozens of attackers near the border")
    assert (found.fatalities, found.fatalities_vague) == (12, True)


def _tuesday_toll(text: str) -> int:
    """The largest toll of the events dated Tuesday 2 March 2021 in a text published that Thursday."""
    article = Article(id="t", text=text, published=datetime(2021, 3, 4, 8, 0), url="https://example.org/t")
    events = [e for e in events_from_article(article, []) if e.event_date == date(2021, 3, 2)]
    assert events, "no event dated Tuesday"
    return max(e.fatalities or 0 for e in events)


def test_the_attackers_dead_told_in_the_next_sentence_add_to_the_act() -> None:
    text = (
        "Insurgents raided a police post in Karvel on Tuesday, sparking a gun battle in which "
        "eight officers were killed, the ministry said. Police killed dozens of the raiders, it added."
    )
    assert _tuesday_toll(text) == 20


def test_at_least_one_person_is_a_floor_another_toll_wins_over() -> None:
    found = casualties_from_text("jets hit two schools in Marsk, killing at least one teacher and pupils")
    assert (found.fatalities, found.fatalities_vague) == (1, True)
    assert not casualties_from_text("a roadside bomb killed one soldier near Marsk").fatalities_vague


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("At least 12 guards were killed along with four of the raiders, a monitor said", 16),
        ("Five officers were killed, together with two gunmen", 7),
        # a vague group after it adds nothing: the codebook's words are for a toll, not a side's rest
        ("Five officers were killed, as well as dozens of militants", 5),
    ],
)
def test_the_dead_of_another_group_along_with_the_first(text: str, dead: int) -> None:
    assert casualties_from_text(text).fatalities == dead


def test_an_exact_count_after_a_vague_toll_is_the_acts_toll() -> None:
    text = (
        "Rebels on Tuesday drove the militia out of the Karvel barracks in heavy fighting that left dozens "
        "dead. At least 21 militiamen were killed along with five rebels, a monitor said."
    )
    assert _tuesday_toll(text) == 26


def test_two_acts_sharing_one_toll_give_it_to_the_first() -> None:
    text = "Government air strikes and artillery fire killed at least 14 civilians in Varno on Tuesday."
    article = Article(id="t3", text=text, published=datetime(2021, 3, 4, 8, 0), url="https://example.org/t3")
    tolls = {e.sub_event_type: e.fatalities or 0 for e in events_from_article(article, [])}
    assert tolls == {"Air/drone strike": 14, "Shelling/artillery/missile attack": 0}


def test_two_acts_told_each_with_its_own_clause_keep_the_toll_of_the_nearest() -> None:
    text = "Militants shelled a camp near Varno and detonated a roadside bomb under a patrol, killing two."
    article = Article(id="t4", text=text, published=datetime(2021, 3, 4, 8, 0), url="https://example.org/t4")
    tolls = {e.sub_event_type: e.fatalities or 0 for e in events_from_article(article, [])}
    assert tolls.get("Remote explosive/landmine/IED") == 2


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("The siege ended with three guards and about a dozen raiders left dead.", 15),
        ("Four police officers and dozens of gunmen were killed in the battle.", 16),
        ("Two medics and several patients were killed when shells hit the ward.", 5),
    ],
)
def test_groups_listed_before_a_vague_count_add_to_it(text: str, dead: int) -> None:
    found = casualties_from_text(text)
    assert (found.fatalities, found.fatalities_vague) == (dead, True)


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Militants seized a shepherd near the wells and later executed him.", 1),
        ("Two gunmen stopped the judge's car and shot her dead.", 1),
        ("Villagers caught a suspected thief and beat him to death.", 1),
        ("A sniper shot him in the shoulder near the bridge.", None),  # a shot not told as deadly
        ("A body was pulled from the river near the mill on Tuesday, police said.", 1),  # one body found
        ("A charred body was found in a burnt-out car outside the town.", 1),
        ("The rebels hid the guns in a body shop and left.", None),  # not a body found
    ],
)
def test_one_victim_named_before_a_killing_of_them_or_one_body_found(text: str, dead: int | None) -> None:
    assert casualties_from_text(text).fatalities == dead


def test_a_death_toll_told_with_was_is_the_toll() -> None:
    text = "A medic said the death toll gathered from the three field clinics was 41."
    assert casualties_from_text(text).fatalities == 41
    assert casualties_from_text("The toll was not yet known, a medic said.").fatalities is None


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Six guards and at least 14 raiders were killed when the convoy was ambushed.", 20),
        ("Two nurses and some 30 patients died after the shelling of the ward.", 32),
        ("Three drivers and nearly 40 fighters were killed in the battle for the pass.", 43),
        ("The army lost 3 tanks, and a total of 25 soldiers were killed.", 25),  # a whole, not a group
    ],
)
def test_a_qualified_group_after_an_exact_one_adds_its_lower_bound(text: str, dead: int) -> None:
    assert casualties_from_text(text).fatalities == dead


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # a group told by where its members come from, longer than a few words
        ("More than 60 hired fighters from the former republics of the Caucasus and Asia were killed.", 60),
        ("Nine members of the village council of elders and their guards were killed in the raid.", 9),
        # a verb between the figure and "dead" is not a longer group
        ("Two gunmen stopped the judge's car and shot her dead.", 1),
    ],
)
def test_a_group_told_by_its_origin_is_read_to_its_verb(text: str, dead: int) -> None:
    assert casualties_from_text(text).fatalities == dead


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Updated Mar 042019 Shells fired from the hills over the town on Monday killed 7 shepherds.", 7),
        ("Posted Nov. 112018 Some 15 guards were killed when the depot was stormed.", 15),
    ],
)
def test_a_day_glued_to_its_year_is_a_date_not_a_count(text: str, dead: int) -> None:
    assert casualties_from_text(text).fatalities == dead


@pytest.mark.parametrize(
    ("second", "dead"),
    [
        ("The raid left one guard dead and two wounded before troops shot and killed the attacker.", 2),
        ("The raid left three guards dead until police shot dead the gunman.", 4),
        ("The raid left one guard dead, and the gunman escaped on foot.", 1),  # no attacker killed
    ],
)
def test_the_attacker_killed_in_the_next_clause_adds_to_the_toll(second: str, dead: int) -> None:
    text = f"A gunman opened fire on a bank in Varno on Tuesday. {second}"
    assert _tuesday_toll(text) == dead


@pytest.mark.parametrize(
    ("rival", "dead"),
    [
        ("The state agency gave a toll of at least 9 dead and 40 wounded.", 9),  # the lower report wins
        ("Officials put the toll at 30.", 17),  # a higher report leaves the lower one
        ("Medics put the death toll at dozens.", 17),  # a vague one does not replace an exact one
    ],
)
def test_another_sources_toll_of_the_act_keeps_the_lower_figure(rival: str, dead: int) -> None:
    text = f"Car bombs struck a market in Varno on Tuesday. A monitor said 17 people were killed. {rival}"
    assert _tuesday_toll(text) == dead
