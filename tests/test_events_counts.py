"""Tolls of event rows by ACLED's rules: sums, bounds, words, none reported, a clause's whole."""

from __future__ import annotations

import pytest

from geoevents.events.counts import casualties_from_text


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        # sums across groups
        ("Eleven soldiers, nine policemen and four guards were killed in the ambush.", 24, None),
        ("Two officers and a driver were killed when the convoy was hit.", 3, None),
        ("The raid wounded six workers, two nurses and a guard.", None, 9),
        # one group named by two adjectives is one group
        ("At least 40 army and militia fighters were killed around the airport.", 40, None),
        # lower bounds of ranges and qualifiers
        ("Between 12 and 19 villagers died in the fire set by the gunmen.", 12, None),
        ("More than 35 people were killed in the bombing of the market.", 35, None),
        # words
        ("A dozen protesters were injured by rubber bullets.", None, 12),
        ("Scores were killed in the shelling of the camp.", 20, None),
        ("Tens of families were injured when the market was bombed.", None, 10),
        # none reported is a count of zero
        ("Militants fired two rockets at the base; no one was hurt.", 0, 0),
        ("The blast damaged three shops but caused no casualties.", 0, 0),
        # one victim told in the singular, and killings told by how they were done
        ("On 2 May 2020, a teacher was killed by unknown gunmen in the market.", 1, None),
        ("A guard has been wounded in the grenade attack on the bank.", None, 1),
        ("Villagers beat to death a man they accused of theft.", 1, None),
        ("Militiamen hacked to death nine farmers near the river.", 9, None),
        ("A crowd lynched a suspected kidnapper outside the station.", 1, None),
        ("The statement said many people had been killed.", 3, None),
        # more forms of a toll
        ("Troops killed a rebel commander as well as four of his guards near the bridge.", 5, None),
        ("The assault claimed the lives of at least 17 fighters.", 17, None),
        ("A car bomb went off in the square, leaving 6 martyrs.", 6, None),
        (
            "The toll from the shelling of the northern parts of the city rose to 9 killed and 20 injured.",
            9,
            20,
        ),
        ("Page views 3120 More than 40 villagers were killed in the raid.", 40, None),
        ("Officials said 25 guards were killed and wounded in the attack.", None, None),
        ("Several guards were killed and wounded in the attack.", 3, 3),
        # a speaker after a toll is no victim
        ("Troops fired on the crowd, killing at least 14 people, a medical charity said.", 14, None),
        ("In the raid 12 soldiers and 30 members of the village guard militia were killed.", 42, None),
        # the larger figure of a clause is its whole; a smaller one counts a side act
        ("Shelling killed 27 residents after the rebels had killed a sniper.", 27, None),
    ],
)
def test_tolls(text: str, killed: int | None, hurt: int | None) -> None:
    found = casualties_from_text(text)
    assert (found.fatalities, found.injuries) == (killed, hurt)


def test_all_aboard_counts_the_people_the_text_says_were_carried() -> None:
    found = casualties_from_text("A helicopter carrying nine soldiers was shot down, killing all on board.")
    assert (found.fatalities, found.fatalities_vague) == (9, False)


def test_all_aboard_without_a_figure_is_at_least_one_and_vague() -> None:
    found = casualties_from_text("The transport plane was downed near the border, killing all on board.")
    assert (found.fatalities, found.fatalities_vague) == (1, True)


def test_several_is_coded_as_three_and_vague() -> None:
    found = casualties_from_text("Several guards were wounded in the attack on the prison.")
    assert (found.injuries, found.injuries_vague) == (3, True)


def test_a_sentence_that_says_no_one_was_hurt_never_erases_the_toll_of_the_event() -> None:
    from datetime import datetime

    from geoevents.events import events_from_article
    from geoevents.records import Article

    text = (
        "Rebels shelled the village of Kafr Tal on Sunday, killing four civilians. "
        "The shelling also hit farmland nearby but caused no casualties."
    )
    events = events_from_article(Article(id="t", text=text, published=datetime(2021, 3, 8)), [])
    assert [e.fatalities for e in events] == [4]


@pytest.mark.parametrize(
    ("sub_event_type", "expected"),
    [("Agreement", (0, False)), ("Arrests", (0, False)), ("Air/drone strike", (30, False))],
)
def test_a_non_violent_development_takes_no_toll(sub_event_type: str, expected: tuple[int, bool]) -> None:
    from geoevents.events.figures import toll_for

    assert toll_for(sub_event_type, (30, False)) == expected
