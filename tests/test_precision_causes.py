"""A later clause that tells what led to the sentence's act, or the spell of fighting an act ended, is
background to that act and no event of its own; a cause with a doer or a day of its own still is one."""

import re

from geoevents.events.gate import told_as_cause
from geoevents.events.triggers import Trigger


def _cause(
    clause: str, word: str, first_kind: str | None = "Violent demonstration", nominal: bool = False
) -> bool:
    m = re.search(word, clause)
    assert m is not None
    return told_as_cause(
        clause, Trigger(pattern=re.compile(word), sub_event_type=None, nominal=nominal), m, first_kind
    )


def test_a_nominal_killing_after_a_riot_is_its_cause() -> None:
    assert _cause("after the killing of a student", "killing of", nominal=True)


def test_a_passive_stabbing_after_a_mob_attack_is_its_cause() -> None:
    assert _cause("after a shopkeeper was stabbed.", "stabbed", "Mob violence")


def test_fighting_ended_by_a_truce_is_its_background() -> None:
    assert _cause("after talks with clan elders, ending four days of clashes", "clashes", "Agreement")


def test_a_cause_with_a_doer_or_a_day_of_its_own_stays_an_event() -> None:
    assert not _cause("after gunmen shot a trader", "shot")
    assert not _cause("after a trader was shot on Sunday", "shot")
    assert not _cause("after the killing of a student", "killing of", first_kind=None, nominal=True)
