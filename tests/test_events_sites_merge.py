"""The cross-article merge joins reports of one event only: compatible types, dates within their
time_precision, sites within a distance that fits their geo_precision, never an event with no site or
no date, never two events of one article."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from shapely.geometry import Point

from geoevents.events import merge_events
from geoevents.records import Event, EventLocation, Evidence, Place

DAY = date(2022, 7, 5)


def _place(key: str, lat: float, lon: float, cc: str = "SY", admin1: str | None = None) -> Place:
    return Place(f"t:{key}", key, "populated_place", lat, lon, Point(lon, lat), "test", cc, admin1)


def _report(
    article: str,
    place: Place | None,
    *,
    precision: int = 1,
    sub: str = "Air/drone strike",
    kind: str = "Explosions/Remote violence",
    day: date | None = DAY,
    time_precision: int | None = 1,
) -> Event:
    locations = (EventLocation(place, precision),) if place is not None else ()
    evidence = (Evidence(article, 0, 20, f"report in {article}", f"https://example.net/{article}"),)
    return Event(
        f"e-{article}", kind, sub, "Political violence", day, time_precision,
        actor1="Military Forces of Syria", locations=locations, evidence=evidence,
    )  # fmt: skip


def test_two_reports_of_one_strike_in_one_town_become_one_event_with_both_articles() -> None:
    town = _place("Saraqib", 35.86, 36.80)
    (merged,) = merge_events([_report("a", town), _report("b", town)])
    assert set(merged.article_ids) == {"a", "b"}


def test_a_protest_and_a_strike_in_one_town_on_one_day_stay_two_events() -> None:
    town = _place("Saraqib", 35.86, 36.80)
    protest = _report("b", town, sub="Peaceful protest", kind="Protests")
    assert len(merge_events([_report("a", town), protest])) == 2


def test_point_sites_merge_only_when_close_and_near_sites_reach_further() -> None:
    # about 33 km apart: too far for two towns coded at their point, close enough for "near" either
    a, b = _place("Ariha", 35.81, 36.61), _place("Jisr", 35.81, 36.98)
    assert len(merge_events([_report("a", a), _report("b", b)])) == 2
    assert len(merge_events([_report("a", a, precision=2), _report("b", b, precision=2)])) == 1


def test_sites_a_few_km_apart_across_a_border_never_merge() -> None:
    syria, turkey = _place("Ras al Ain", 36.85, 40.07), _place("Ceylanpinar", 36.85, 40.05, cc="TR")
    assert len(merge_events([_report("a", syria), _report("b", turkey)])) == 2


def test_a_week_precise_report_joins_a_day_of_its_week_only() -> None:
    town = _place("Saraqib", 35.86, 36.80)
    week = _report("b", town, day=date(2022, 7, 2), time_precision=2)
    assert len(merge_events([_report("a", town), week])) == 1
    month_earlier = _report("c", town, day=date(2022, 6, 1), time_precision=2)
    assert len(merge_events([_report("a", town), month_earlier])) == 2


def test_reports_with_no_date_never_merge_across_articles() -> None:
    town = _place("Saraqib", 35.86, 36.80)
    undated = [_report(a, town, day=None, time_precision=None) for a in "ab"]
    assert len(merge_events(undated)) == 2


def test_reports_with_no_site_never_merge_even_on_one_day() -> None:
    assert len(merge_events([_report(a, None) for a in "abc"])) == 3


def test_two_events_of_one_article_are_never_joined() -> None:
    town = _place("Saraqib", 35.86, 36.80)
    first = _report("a", town)
    second = replace(first, event_id="e-a2", evidence=(replace(first.evidence[0], start=40, end=60),))
    assert len(merge_events([first, second])) == 2


def test_a_thousand_one_line_reports_of_one_day_in_a_thousand_places_stay_a_thousand() -> None:
    # a grid of towns about 45 km apart, half of them in one admin1, all strikes by the same actor
    reports = [
        _report(
            f"r{i}",
            _place(f"v{i}", 30.0 + (i // 40) * 0.4, 36.0 + (i % 40) * 0.5, admin1="P" if i % 2 else None),
        )
        for i in range(1000)
    ]
    assert len(merge_events(reports)) == 1000


def test_reports_that_name_different_victims_stay_two_events_whichever_comes_first() -> None:
    town = _place("Saraqib", 35.86, 36.80)
    rockets = replace(_report("a", town), actor1=None, actor2="Civilians (Syria)")
    strike = replace(_report("b", town), actor2="Hayat Tahrir al Sham")
    assert len(merge_events([rockets, strike])) == 2
    assert len(merge_events([strike, rockets])) == 2
    told_again = replace(_report("c", town), actor1=None, actor2="Civilians")
    assert len(merge_events([rockets, told_again])) == 1
