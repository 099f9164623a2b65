"""Unnamed perpetrators are coded with ACLED's names for them."""

from __future__ import annotations

from dataclasses import replace

from geoevents.events import default_actors, events_from_article, merge_events
from geoevents.events.actors import UNIDENTIFIED, UNIDENTIFIED_MILITARY
from geoevents.events.ids import event_id_for
from geoevents.records import Event
from tests.test_events_tolls import _article


def _one(text: str, ident: str = "a1") -> Event:
    article, resolved = _article(text, ident)
    (event,) = events_from_article(article, resolved)
    return event


def test_unnamed_gunmen_are_an_unidentified_armed_group_of_the_country() -> None:
    event = _one("Gunmen shot dead two teachers in Tikrit on Monday.")
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert _one("Unknown attackers shot dead a shopkeeper in Aleppo on Monday.").actor1 == (
        "Unidentified Armed Group (Syria)"
    )


def test_unattributed_air_strike_is_unidentified_military_forces() -> None:
    assert _one("Warplanes struck a depot near Mosul on Friday.").actor1 == UNIDENTIFIED_MILITARY


def test_the_country_in_the_name_leaves_the_event_id_unchanged() -> None:
    event = _one("Gunmen shot dead two teachers in Tikrit on Monday.")
    assert event.event_id == event_id_for(replace(event, actor1=UNIDENTIFIED))


def test_unidentified_group_of_a_country_keeps_its_inter_code() -> None:
    actors = default_actors()
    assert actors.inter("Unidentified Armed Group (Iraq)") == actors.inter(UNIDENTIFIED) == 3


def test_a_named_perpetrator_from_another_report_replaces_the_unidentified_group() -> None:
    a, ra = _article("Gunmen shot dead two teachers in Tikrit on Monday.", ident="a")
    b, rb = _article("Islamic State fighters shot dead two teachers in Tikrit on Monday.", ident="b")
    (merged,) = merge_events(events_from_article(a, ra) + events_from_article(b, rb))
    assert merged.actor1 == "Islamic State (Iraq)" and set(merged.article_ids) == {"a", "b"}
