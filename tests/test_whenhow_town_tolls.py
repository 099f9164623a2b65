"""A toll told once for every town a clause lists is split evenly between the towns' events (the first
named taking what does not divide); a list that gives each town its own toll keeps them."""

from __future__ import annotations

from geoevents.events.draft import Draft
from geoevents.events.place_lists import one_per_town
from geoevents.events.text import Span
from geoevents.records import ZoneKind


def _listed(text: str, names: list[str], toll: int) -> Draft:
    d = Draft(order=0, sub_event_type="Air/drone strike", generic=None, zone=ZoneKind.BODY)
    d.spans = [Span(0, len(text), text)]
    d.towns = tuple((text.index(n), text.index(n) + len(n), n) for n in names)
    d.fatalities = (toll, False)
    return d


def test_a_total_for_the_listed_towns_is_shared_between_them() -> None:
    text = "Jets bombed the villages of Orsk, Telva and Mirny, killing 13 people, a monitor said."
    parts = one_per_town([_listed(text, ["Orsk", "Telva", "Mirny"], 13)], text)
    assert [p.fatalities for p in parts] == [(5, False), (4, False), (4, False)]
    assert all("fatalities-split" in p.tags for p in parts)


def test_a_toll_told_at_each_town_is_not_shared() -> None:
    text = "Jets killed 9 people in the village of Orsk and 4 were killed in Telva."
    parts = one_per_town([_listed(text, ["Orsk", "Telva"], 9)], text)
    assert [p.fatalities for p in parts] == [(9, False), (4, False)]
