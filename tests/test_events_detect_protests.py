"""Protests and riots: detection and typing in wordings of our own, and where a crowd's act is no
demonstration (a mob), and where a word of protest is no event. No gazetteer: words alone decide."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

PUBLISHED = datetime(2022, 6, 20)


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return [e.sub_event_type for e in events_from_article(article, [])]


TYPED = [
    # protests/peaceful
    (
        "Peaceful protest",
        "On 14 June 2022, hundreds of teachers protested outside the ministry demanding unpaid wages.",
    ),
    ("Peaceful protest", "Thousands rally in capital against fuel price rise"),
    ("Peaceful protest", "Residents staged a sit-in on Friday to demand the release of detained relatives."),
    (
        "Peaceful protest",
        "Farmers blocked the highway with tractors on Thursday to protest against low crop prices.",
    ),
    ("Peaceful protest", "Indigenous guards held a peaceful march in the town on Sunday afternoon."),
    (
        "Peaceful protest",
        "Supporters of the former president took to the streets in several cities on 17 June 2022.",
    ),
    # protests/intervention
    (
        "Protest with intervention",
        "Police fired tear gas to disperse a crowd of protesters in the capital on Saturday.",
    ),
    ("Protest with intervention", "Police break up opposition rally with water cannon"),
    (
        "Protest with intervention",
        "On 13 June 2022, riot police beat protesters with batons and detained several of them.",
    ),
    ("Protest with intervention", "Police detain dozens at banned Pride march in the capital"),
    (
        "Protest with intervention",
        "Soldiers prevented residents from marching to the governor's office on Sunday.",
    ),
    (
        "Protest with intervention",
        "A peaceful protest by families of detainees was broken up by police on 16 June 2022.",
    ),
    # protests/excessive-force
    (
        "Excessive force against protesters",
        "Security forces opened fire on protesters in the city on Friday, killing three.",
    ),
    ("Excessive force against protesters", "Troops fire live rounds at protesters, killing five"),
    (
        "Excessive force against protesters",
        "Police killed a protester when they shot into the crowd on Saturday, witnesses said.",
    ),
    (
        "Excessive force against protesters",
        "On 12 June 2022, gunmen fired on a peaceful sit-in, wounding four participants.",
    ),
    # riots/violent-demonstration
    (
        "Violent demonstration",
        "On 14 June 2022, protesters threw stones at police and burned tyres in the town centre.",
    ),
    ("Violent demonstration", "Rioters torched police station after death of young man"),
    ("Violent demonstration", "Rioters looted shops in the city centre on Saturday night."),
    (
        "Violent demonstration",
        "Riot police sprayed water cannon at the protesters on Friday, who threw stones and bottles.",
    ),
    # riots/mob: a crowd that is no demonstration attacks people or property.
    (
        "Mob violence",
        "On 15 June 2022, a mob lynched a man accused of stealing a motorcycle in the village of Kere.",
    ),
    ("Mob violence", "Mob burns houses of minority families after blasphemy claim"),
    ("Mob violence", "On 13 June 2022, a crowd attacked and killed two men suspected of kidnapping a child."),
    ("Mob violence", "Villagers set upon two suspected cattle thieves on Friday and beat them to death."),
    (
        "Mob violence",
        "On 10 June 2022, residents of a village burned alive a man they accused of stealing children.",
    ),
    ("Mob violence", "Angry residents dragged two men out of a shop on Tuesday and beat them badly."),
    (
        "Mob violence",
        "Residents of two villages fought with machetes over land on Sunday, leaving three dead.",
    ),
]


@pytest.mark.parametrize(("expected", "text"), TYPED)
def test_each_wording_gives_its_type(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of fans celebrated in the streets after the team won the cup on Sunday.",
        "Opposition leaders called for protests on Friday against the election results.",
        "The minister demonstrated the new software at a conference on Tuesday.",
        # A strike where people stay at home is no demonstration (the codebook codes gatherings).
        "Dock workers at the port went on strike on Tuesday over pay, halting traffic for two days.",
        "Shopkeepers kept their shops shut on Sunday in a general strike called by the parties.",
        "The country's last lynching took place decades ago, the historian said.",
    ],
)
def test_no_demonstration(text: str) -> None:
    assert _types(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A demonstration about an arrest is the demonstration.
        (
            "Hundreds protested in the city on Friday against the arrest of a prominent activist.",
            "Peaceful protest",
        ),
        (
            "On 14 June 2022, protesters gathered outside the prison where the opposition leader is held.",
            "Peaceful protest",
        ),
        # The arrest of the demonstrators is the demonstration's intervention, one event.
        (
            "On 7 June 2022, demonstrators burned tyres and chanted; police arrested several of them.",
            "Violent demonstration",
        ),
        (
            "On 12 June 2022, hundreds rallied; police dispersed them with tear gas and arrested 5.",
            "Protest with intervention",
        ),
    ],
)
def test_detentions_told_with_a_demonstration_are_part_of_it(text: str, expected: str) -> None:
    assert _types(text) == [expected]


def test_an_arrest_of_someone_who_organised_protests_is_an_arrest() -> None:
    assert _types("Police arrested an activist on Friday who had organised protests against the dam.") == [
        "Arrests"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Residents held rallies on Wednesday to mark the anniversary of the 1948 exodus.",
            "Peaceful protest",
        ),
        (
            "On 15 June 2022, soldiers fired tear gas and stun grenades at villagers commemorating the dead.",
            "Protest with intervention",
        ),
        (
            "On the anniversary of the 1982 massacre, dozens demonstrated in the city on 14 June.",
            "Peaceful protest",
        ),
    ],
)
def test_a_gathering_that_marks_an_anniversary_happens_now(text: str, expected: str) -> None:
    assert _types(text) == [expected]


def test_a_grenade_without_a_crowd_stays_a_grenade() -> None:
    assert _types("On 14 June 2022, a soldier threw a stun grenade into a shop in the old city.") == [
        "Grenade"
    ]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "Peaceful protest",
            "Hundreds of people took part in a march in the city on Sunday to demand a ceasefire.",
        ),
        (
            "Violent demonstration",
            "Police arrested 20 people on Friday after protesters stormed the town hall.",
        ),
        (
            "Mob violence",
            "Hindu and Muslim groups clashed in the town on Sunday, with rioters setting fire to shops.",
        ),
    ],
)
def test_more_wordings_of_crowds(expected: str, text: str) -> None:
    assert _types(text) == [expected]
