"""A clause that goes on from the one before it without a subject of its own ("... after detonating a
car bomb", "... and fought army troops") has that clause's doer; a passive or a borrowed object does not
lend one."""

from __future__ import annotations

import re

from geoevents.events import default_actors
from geoevents.events.actor_clauses import shared_subject
from geoevents.events.extract import events_from_article
from geoevents.events.text import Span
from tests.test_events_actors import _article


def _shared(sentence: str, clause_from: str, trigger: str) -> str | None:
    start = sentence.index(clause_from)
    clause = Span(start, len(sentence), sentence[start:])
    m = re.search(re.escape(trigger), clause.text)
    assert m is not None
    return shared_subject(default_actors(), sentence, clause, m)


def test_a_gerund_after_the_act_shares_the_opening_subject() -> None:
    text = "Al Shabaab fighters overran an army post near Baidoa after detonating a truck bomb at its gate."
    assert _shared(text, "after detonating", "truck bomb") == "Al Shabaab"


def test_a_coordinated_verb_shares_the_opening_subject() -> None:
    text = "On Sunday, Houthi fighters entered the outskirts of Harib after a siege and fought army troops."
    assert _shared(text, "after a siege", "fought") is not None


def test_a_passive_opening_lends_no_subject() -> None:
    text = "Three soldiers were wounded near Gao on Monday before stepping on a landmine."
    assert _shared(text, "before stepping", "landmine") is None


def test_a_clause_with_its_own_actor_keeps_it() -> None:
    text = "Al Shabaab fighters overran an army post near Baidoa after police opened fire."
    assert _shared(text, "after police", "opened fire") is None


def test_the_bomb_of_a_storming_is_the_stormers() -> None:
    article, resolved = _article(
        "Al Shabaab militants stormed a base in Baidoa on Monday after detonating a car bomb at its gate, "
        "killing at least six soldiers.",
        "ss1",
    )
    bombs = [
        e
        for e in events_from_article(article, resolved)
        if "bomb" in e.sub_event_type.lower() or e.sub_event_type.startswith("Remote")
    ]
    assert bombs and all(e.actor1 == "Al Shabaab" for e in bombs)
