"""A group named as one among a larger force ("rebels, including X fighters") is not the doer: the
force named first is (wordings of our own)."""

from __future__ import annotations

import re

import pytest

from geoevents.events import default_actors
from geoevents.events.actor_clauses import actors_of_clause


def _doer(clause: str, trigger: str) -> str | None:
    match = re.search(trigger, clause)
    assert match is not None
    return actors_of_clause(default_actors(), clause, match)[0]


@pytest.mark.parametrize(
    ("clause", "trigger"),
    [
        ("Opposition forces including fighters of the Islamic State captured the crossing at dawn.",
         "captured"),
        ("Rebel groups, among them units loyal to Hayat Tahrir al-Sham, stormed the checkpoint.", "stormed"),
    ],
)  # fmt: skip
def test_a_member_named_inside_a_force_is_not_its_doer(clause: str, trigger: str) -> None:
    assert _doer(clause, trigger) == "Opposition Rebels ({country})"


def test_a_group_named_alone_is_still_the_doer() -> None:
    assert _doer("Fighters of the Islamic State captured the crossing at dawn.", "captured") == (
        "Islamic State ({country})"
    )
