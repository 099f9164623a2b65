"""A report dated only to a month retells the act of that month told with its day: one event, whose
day, toll and site are the day's report's; a report of another place or kind stays its own."""

from __future__ import annotations

from datetime import date

from shapely.geometry import Point

from geoevents.events.draft import Draft
from geoevents.events.retold import retellings_folded
from geoevents.events.text import Span
from geoevents.records import Mention, Place, ResolvedMention, ZoneKind
from geoevents.settings import DEFAULT

FOILED = "Disrupted weapons use"
TOWNS = {"Eastbrook": (48.0, 8.0), "Westfold": (50.5, 11.5)}  # about 370 km apart


def _site(name: str) -> ResolvedMention:
    lat, lon = TOWNS[name]
    place = Place(f"t:{name}", name, "populated_place", lat, lon, Point(lon, lat), "test", "DE")
    return ResolvedMention(Mention("a", 0, len(name), name), place, 0.9, 1)


def _draft(order: int, sub: str, day: int, precision: int, text: str, town: str, toll: int | None) -> Draft:
    d = Draft(order=order, sub_event_type=sub, generic=None, zone=ZoneKind.BODY)
    d.date, d.precision, d.date_explicit = date(2021, 3, day), precision, True
    d.spans = [Span(0, len(text), text)]
    d.sites = [_site(town)]
    d.fatalities = None if toll is None else (toll, False)
    d.actor1 = "Police Forces of Germany"
    return d


def test_a_month_retelling_folds_into_the_report_of_its_day() -> None:
    day = _draft(0, FOILED, 12, 1, "on 12 March police defused a bomb left at the fair", "Eastbrook", 0)
    month = _draft(4, FOILED, 1, 3, "he left a bomb that did not go off in March", "Eastbrook", None)
    kept = retellings_folded([day, month], DEFAULT)
    assert len(kept) == 1
    assert kept[0].date == date(2021, 3, 12) and kept[0].precision == 1
    assert kept[0].fatalities == (0, False)


def test_a_month_report_of_another_town_stays_apart() -> None:
    day = _draft(0, FOILED, 12, 1, "on 12 March police defused a bomb left at the fair", "Eastbrook", 0)
    month = _draft(4, FOILED, 1, 3, "in March another bomb was found at a station", "Westfold", None)
    assert len(retellings_folded([day, month], DEFAULT)) == 2
