"""Typing by the words of an event's own part: list briefs, bullet lines and unattributed fire.

Wordings of our own. A brief's semicolon list or a bulleted digest reports one event per part, and
the codebook types each by what its own part says; a target that "came under fire" from no named
side is the codebook's exchange of fire (Armed clash) unless the target is civilian.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.triggers import best_trigger
from geoevents.ingest.articles import article_from_text
from geoevents.settings import Settings

PUBLISHED = datetime(2022, 5, 10)


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return [e.sub_event_type for e in events_from_article(article, [], settings=Settings())]


def test_protest_in_a_semicolon_list_keeps_its_own_type() -> None:
    text = (
        "Regional roundup 9 May: militiamen burned a market in the northern district; in the capital, "
        "hundreds of nurses rallied quietly outside the health ministry over unpaid wages; and in the "
        "port town soldiers detained three fishermen"
    )
    types = _types(text)
    assert "Peaceful protest" in types
    assert "Violent demonstration" not in types


def test_two_part_sentence_is_read_whole() -> None:
    text = "Students marched to the governor's office on Monday; police fired tear gas to disperse them."
    types = _types(text)
    assert "Protest with intervention" in types
    assert "Peaceful protest" not in types


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Lakeside: police used water cannon to break up a rally of taxi drivers",
            "Protest with intervention",
        ),
        ("Hillview: youths torched a police car after a football match", "Violent demonstration"),
        ("Riverton: pensioners marched peacefully to the town hall", "Peaceful protest"),
    ],
)
def test_each_em_dash_bullet_is_typed_alone(line: str, expected: str) -> None:
    bullets = [
        "— Lakeside: police used water cannon to break up a rally of taxi drivers",
        "— Hillview: youths torched a police car after a football match",
        "— Riverton: pensioners marched peacefully to the town hall",
    ]
    types = _types("\n".join(bullets))
    assert expected in types
    assert len(set(types)) == 3


@pytest.mark.parametrize(
    "text",
    [
        "A government helicopter came under fire from the ground near the oil field on Sunday, "
        "the defence ministry said.",
        "Two frontline villages held by the separatists came under attack late last night, "
        "the interior ministry said.",
    ],
)
def test_came_under_fire_without_a_side_is_a_clash(text: str) -> None:
    assert _types(text) == ["Armed clash"]


def test_civilian_bus_under_fire_is_an_attack() -> None:
    text = "A minibus carrying villagers to market came under fire on the highway, killing two women."
    assert _types(text) == ["Attack"]


def test_attack_met_with_fighting_is_a_clash() -> None:
    text = (
        "Militants attacked a farming village near the lake on Sunday, sparking fighting that left "
        "12 people dead, the governor said."
    )
    assert _types(text) == ["Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "Police in the port city arrested four suspects over last week's grenade attack on a bus station.",
        "Security forces detained three men in connection with the suicide bombing at the market, "
        "the interior ministry said.",
    ],
)
def test_arrest_over_an_attack_is_an_arrest(text: str) -> None:
    assert "Arrests" in _types(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Some 300 exiles staged a demonstration outside the embassy in solidarity with relatives "
            "who are fighting against the militants.",
            "Peaceful protest",
        ),
        (
            "Clashes in the northern town raged on Thursday, according to the monitor, which has "
            "recorded heavy shelling of the area since June.",
            "Armed clash",
        ),
    ],
)
def test_act_inside_a_relative_clause_yields_to_the_clause_act(text: str, expected: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "clause",
    [
        "the suspect had tried to buy an assault rifle and two pistols from an undercover officer",
        "the air force showed off two new attack helicopters at the parade",
    ],
)
def test_weapon_names_are_not_acts(clause: str) -> None:
    assert best_trigger(clause) is None


def test_bodies_recovered_after_a_fight_are_its_toll() -> None:
    text = (
        "Rival armed groups fought in the hills outside the town on Sunday; the army said six bodies "
        "were recovered after the fighting."
    )
    assert _types(text) == ["Armed clash"]


def test_assault_launched_for_a_capture_is_the_capture() -> None:
    text = "Rebels seized control of four villages in the valley since launching a fierce assault on Tuesday."
    assert _types(text) == ["Non-state actor overtakes territory"]


@pytest.mark.parametrize(
    "clause",
    [
        "Two attackers armed with rifles, grenades and knives entered the compound before dawn",
        "the police said the men were carrying pistols and hand grenades when they were stopped",
    ],
)
def test_weapons_carried_are_not_the_act(clause: str) -> None:
    found = best_trigger(clause)
    assert found is None or found.trigger.sub_event_type != "Grenade"


def test_weapon_used_after_carried_ones_still_counts() -> None:
    found = best_trigger("raiders armed with rifles stormed the market and hurled grenades at traders")
    assert found is not None and found.trigger.sub_event_type == "Grenade"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Heavy clashes, mortar fire and roadside bombs left 14 soldiers dead", "Armed clash"),
        ("Fierce fighting and air strikes killed 30 fighters on both sides", "Armed clash"),
    ],
)
def test_first_act_of_a_list_sets_the_type(clause: str, expected: str) -> None:
    found = best_trigger(clause)
    assert found is not None and found.trigger.sub_event_type == expected


def test_a_person_carried_away_is_not_equipment() -> None:
    found = best_trigger("a marcher hurt by rubber bullets was carried away during the demonstration")
    assert found is not None and found.trigger.sub_event_type == "Peaceful protest"
