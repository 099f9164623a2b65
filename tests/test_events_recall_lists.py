"""One act at several towns is one event per town; two acts of other kinds joined in one clause are two
events. Wordings of our own; no gazetteer (the towns are read from the text's list)."""

from __future__ import annotations

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

AIR = "Air/drone strike"
CLASH = "Armed clash"
IED = "Remote explosive/landmine/IED"
REGAIN = "Government regains territory"
SHELLING = "Shelling/artillery/missile attack"


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"id": "t", "published": "2019-03-04"})
    return sorted(e.sub_event_type for e in events_from_article(article, []))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list of named villages or districts after the act: one event for each.
        ("Militia gunners shelled the villages of Kafr Dael and Maaret Ikhwan on Sunday.", [SHELLING] * 2),
        (
            "Army artillery pounded both Tadamon and the Qadam district of the capital on Monday.",
            [SHELLING] * 2,
        ),
        (
            "Government troops retook Tal Hamra village, the hamlet of Umm Jurn as well as Kherbet Saad "
            "on Saturday.",
            [REGAIN] * 3,
        ),
        # A toll told per town names the towns of one raid.
        (
            "Air raids on Friday killed 11 people in the town of Binnish and another 8 in the village "
            "of Taftanaz.",
            [AIR] * 2,
        ),
    ],
)
def test_one_event_per_listed_town(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A town and its province, a front between two towns, the actors of an act: one event.
        "Police fired tear gas at students in Kano, Nigeria on Tuesday.",
        "Heavy fighting raged on the road between Kafr Dael and Maaret Ikhwan on Sunday.",
        "Artillery shelled rebel positions on Sunday, the armies of Turkey and Russia said.",
        # Two people named after the act are victims, not towns.
        "In the village of Kafr Nabl, gunmen shot dead Ahmed Hassan and Mohammed Ali on Monday.",
        # Parts of one city are the city: one location, one event.
        "Mortar rounds hit the Salhiyeh and Qassaa neighbourhoods on Tuesday, wounding four people.",
        "Rebels shelled the quarters of Bab Tuma and Midan on Monday.",
        # Demonyms before a group are its sides, not places.
        "Syrian and Russian warplanes bombed rebel positions near the town of Khan Shaykhun on Monday.",
    ],
)
def test_one_event_where_no_town_list(text: str) -> None:
    assert len(_types(text)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A second act of another kind, coordinated with the first: both are events.
        (
            "On Monday rebels shelled the garrison at Qurdaha and later detonating a car bomb at its gate, "
            "the monitor said.",
            sorted([SHELLING, IED]),
        ),
        (
            "Clashes around the town of Deraa escalated overnight and bombs dropped by helicopters killed 9 "
            "people there on Sunday.",
            sorted([AIR, CLASH]),
        ),
    ],
)
def test_two_coordinated_acts(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # An act subordinated to another is its circumstance, not an event of its own kind here.
        "On Monday the rebels seized a weapons depot during the clashes at the edge of Deraa.",
        # A deal's steps and a crowd's acts stay one event: only violent acts are paired.
        "On 3 May 2021, the militia withdrew from the town of Sirte and the army took over without fighting.",
    ],
)
def test_no_second_act_in_subordinate_or_non_violent(text: str) -> None:
    assert len(_types(text)) == 1
