"""A doer named in quotation marks after "by" ("fired by 'terrorists'") is still the doer, and a fight
that "pitted X against Y" has X and Y as its sides."""

from __future__ import annotations

from tests.test_events_actors import _one


def test_a_quoted_agent_after_by_is_the_doer() -> None:
    event = _one('Two men were killed in Aleppo on Monday when shells fired by "terrorists" hit a market.')
    assert event.actor1 == "Opposition Rebels (Syria)"  # a Syrian state report's word for the rebels


def test_a_fight_that_pitted_two_groups_has_them_as_sides() -> None:
    event = _one(
        "The clashes pitted Ahrar al-Sham against Hurras al-Din near Idlib on Friday, leaving 12 dead."
    )
    assert (event.actor1, event.actor2) == ("Ahrar al Sham", "Hurras al Din")
