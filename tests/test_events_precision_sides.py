"""A clash told with one side named, and the toll that names both: one fight, with both its sides."""

from __future__ import annotations

from geoevents.events.coref import absorb, drafts_compatible
from geoevents.events.draft import Draft
from geoevents.events.text import Span
from geoevents.records import ZoneKind

ARMY, GANG = "Military Forces of Freedonia", "Unidentified Armed Group (Freedonia)"


def _draft(order: int, sub: str | None, text: str, actor1: str | None, actor2: str | None) -> Draft:
    d = Draft(
        order=order, sub_event_type=sub, generic=None if sub else "generic-violence", zone=ZoneKind.BODY
    )
    d.spans = [Span(0, len(text), text)]
    d.actor1, d.actor2 = actor1, actor2
    return d


def test_a_toll_naming_the_known_side_and_another_joins_the_clash() -> None:
    fight = _draft(0, "Armed clash", "a long gun battle between the army and smugglers", None, ARMY)
    toll = _draft(1, None, "three soldiers and nine gunmen were killed in the battle", ARMY, GANG)
    assert drafts_compatible(fight, toll, 25.0)
    absorb(fight, toll)
    assert {fight.actor1, fight.actor2} == {ARMY, GANG}


def test_a_toll_of_two_other_sides_stays_apart_from_a_clash_of_two_named_sides() -> None:
    other = "Rebels of the North (Freedonia)"
    fight = _draft(0, "Armed clash", "the army fought the rebels", ARMY, other)
    toll = _draft(1, None, "four farmers and a trader were killed by gunmen", GANG, "Civilians (Freedonia)")
    assert not drafts_compatible(fight, toll, 25.0)


def test_a_toll_naming_the_army_unnamed_joins_a_clash_naming_that_army_by_its_country() -> None:
    fight = _draft(0, "Armed clash", "a gun battle between the Freedonian Army and smugglers", None, ARMY)
    toll = _draft(1, None, "two soldiers and six gunmen were killed", "Military Forces of {country}", GANG)
    assert drafts_compatible(fight, toll, 25.0)
    absorb(fight, toll)
    assert {fight.actor1, fight.actor2} == {ARMY, GANG}
