"""Classes of wording fixed against the codebook definitions, each in several wordings of our own.

Aircraft shot down (crewed: a clash; uncrewed: disrupted weapons use), attacks stopped before they
struck, ground taken by driving its holders out, state forces fighting with their allies, the dead of
armed sides, killings told as "fatally shot" or by a sniper, aircraft verbs, and the two classes of
words that are no event: the origin of a war told in passing, and damage done by a crash or a blast.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

PUBLISHED = datetime(2021, 3, 20)


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return [e.sub_event_type for e in events_from_article(article, [])]


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents shot down an army helicopter over the valley on Thursday, killing its two pilots.",
        "A government warplane was shot down by militia fighters near the river on 18 March 2021.",
        "Rebels said they downed a fighter jet north of the city on Friday.",
    ],
)
def test_a_crewed_aircraft_shot_down_is_an_armed_clash(text: str) -> None:
    assert _types(text) == ["Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "Air defence units shot down two drones over the airbase on Thursday.",
        "Soldiers destroyed a truck rigged with explosives before it reached the checkpoint on Friday.",
        "Police said the parcel bomb left at the ministry on Friday did not go off.",
        "A device was found under a bridge on Thursday and army engineers defused it.",
    ],
)
def test_an_attack_stopped_before_it_strikes_is_disrupted_weapons_use(text: str) -> None:
    assert _types(text) == ["Disrupted weapons use"]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "Non-state actor overtakes territory",
            "On Friday the militants drove the army out of the border post.",
        ),
        (
            "Non-state actor overtakes territory",
            "Rebel fighters chased pro-government militias out of Qaryat on 18 March.",
        ),
        (
            "Government regains territory",
            "Troops and allied militiamen regained control of the hill on Friday.",
        ),
        (
            "Government regains territory",
            "The army, backed by militia fighters, retook the village on Friday.",
        ),
        (
            "Non-state actor overtakes territory",
            "Kurdish fighters backed by government artillery took the town on Friday.",
        ),
    ],
)
def test_who_takes_ground_is_the_actor_not_its_support(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Three soldiers and eleven gunmen were killed in the battle near the mine on Friday.",
        "Fighters of the rebel brigade were also killed in the fighting near Tarin on Friday.",
    ],
)
def test_the_dead_of_armed_sides_are_a_clash(text: str) -> None:
    assert _types(text) == ["Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "Militants fatally shot a local councillor outside his office in the town on Friday.",
        "A farmer was wounded by army sniper fire in the village of Kfar on Thursday.",
    ],
)
def test_fatal_shootings_and_sniper_fire_at_civilians_are_attacks(text: str) -> None:
    assert _types(text) == ["Attack"]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("Air/drone strike", "Government jets bombarded the market town of Sarmin on Friday."),
        ("Air/drone strike", "Bombs were dropped on the eastern district on Friday, killing four."),
        (
            "Shelling/artillery/missile attack",
            "Troops pounded rebel trenches east of the airport with rockets on Friday.",
        ),
    ],
)
def test_aircraft_and_rocket_wordings(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2011 with peaceful protests against the government.",
        "The uprising, which started as student demonstrations, later grew into a civil war.",
        "What began as a protest movement evolved into a long insurgency.",
        "A cargo plane crashed at the edge of the town on Friday, destroying four houses.",
        "An explosion at the depot on Friday destroyed several shops nearby.",
    ],
)
def test_a_war_origin_and_damage_done_by_a_crash_or_blast_are_no_new_event(text: str) -> None:
    assert "Peaceful protest" not in _types(text)
    assert "Looting/property destruction" not in _types(text)


def test_houses_torched_by_a_militia_are_still_property_destruction() -> None:
    assert _types("Militiamen torched houses in the village of Kuda on Friday.") == [
        "Looting/property destruction"
    ]
