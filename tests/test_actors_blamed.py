"""The armed actor a text blames for an act it names no doer for is the doer; a claim by a group still
comes first."""

from __future__ import annotations

from geoevents.events import default_actors
from geoevents.events.actors import claimant

_LEX = default_actors()


def test_the_blamed_force_is_the_doer() -> None:
    assert (
        claimant(_LEX, "A market was shelled. Residents blamed Russian forces.")
        == "Military Forces of Russia"
    )
    assert claimant(_LEX, "The ambush was blamed on Al Shabaab.") == "Al Shabaab"


def test_a_blamed_actor_after_its_name() -> None:
    assert claimant(_LEX, "Al Shabaab was blamed for the blast at the market.") == "Al Shabaab"


def test_a_claim_outweighs_a_blame() -> None:
    text = "Officials blamed Al Shabaab, but the Islamic State claimed responsibility for the bombing."
    assert claimant(_LEX, text) == "Islamic State ({country})"


def test_no_blame_no_doer() -> None:
    assert claimant(_LEX, "A market was shelled near the front line, residents said.") is None


def test_a_doer_the_text_believes_did_it() -> None:
    text = "Bodies were found near the town. Most were believed to have been killed by Al Shabaab."
    assert claimant(_LEX, text) == "Al Shabaab"
