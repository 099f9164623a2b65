"""Grenades carried by suicide attackers are part of the suicide attack, not a grenade attack of their
own; a grenade thrown before a bomber blows himself up stays a grenade. Wordings of our own."""

from __future__ import annotations

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

SUICIDE = "Suicide bomb"
GRENADE = "Grenade"


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"id": "t", "published": "2019-03-04"})
    return [e.sub_event_type for e in events_from_article(article, [])]


@pytest.mark.parametrize(
    "text",
    [
        "The raid on the checkpoint in Azaz on Monday was made by four suicide bombers wearing "
        "explosive vests and carrying grenades.",
        "Two suicide attackers armed with rifles and grenades stormed a base near Mosul on Friday, "
        "killing 5 soldiers.",
    ],
)
def test_grenades_carried_by_suicide_attackers_are_the_suicide_attack(text: str) -> None:
    assert _types(text) == [SUICIDE]


def test_a_grenade_thrown_before_a_bomber_blows_himself_up_is_still_a_grenade() -> None:
    text = "A bomber threw a hand grenade at the police post in Kilis before he blew himself up on Tuesday."
    assert _types(text) == [GRENADE, SUICIDE]


def test_grenades_thrown_without_a_suicide_attacker_stay_grenades() -> None:
    text = "Militants threw grenades at a police post in Mardin on Friday, wounding two officers."
    assert _types(text) == [GRENADE]
