"""One row per sub-event type, location and day within an article, as ACLED codes events."""

from __future__ import annotations

from datetime import date

from shapely.geometry import Point

from geoevents.events.row_folds import DATELINE, one_per_site_and_day
from geoevents.records import Event, EventLocation, Evidence, Place

AIR, SHELLING = "Air/drone strike", "Shelling/artillery/missile attack"
TOWN = Place("t:Northfield", "Northfield", "populated_place", 35.0, 38.0, Point(38.0, 35.0), "test", "SY")
VILLAGE = Place("t:Eastbrook", "Eastbrook", "populated_place", 35.1, 38.1, Point(38.1, 35.1), "test", "SY")


def _row(
    sub: str,
    start: int,
    *,
    place: Place = TOWN,
    day: int = 10,
    actor1: str | None = "Air Force",
    tags: tuple[str, ...] = (),
    precision: int = 1,
) -> Event:
    text = "x" * 20
    return Event(
        event_id=f"e{start}",
        event_type="Explosions/Remote violence",
        sub_event_type=sub,
        disorder_type="Political violence",
        event_date=date(2022, 5, day),
        time_precision=precision,
        actor1=actor1,
        locations=(EventLocation(place, 1),),
        evidence=(Evidence("a", start, start + 20, text, "test"),),
        tags=tags,
    )


def test_a_lead_and_a_quote_telling_one_raid_on_one_town_that_day_are_one_row() -> None:
    rows = one_per_site_and_day([_row(AIR, 0), _row(AIR, 100, actor1=None)])
    assert len(rows) == 1
    assert [e.start for e in rows[0].evidence] == [0, 100]
    assert rows[0].event_id == "e0"


def test_another_day_another_town_another_type_or_another_doer_stays_apart() -> None:
    assert len(one_per_site_and_day([_row(AIR, 0), _row(AIR, 100, day=11)])) == 2
    assert len(one_per_site_and_day([_row(AIR, 0), _row(AIR, 100, place=VILLAGE)])) == 2
    assert len(one_per_site_and_day([_row(AIR, 0), _row(SHELLING, 100)])) == 2
    assert len(one_per_site_and_day([_row(AIR, 0), _row(AIR, 100, actor1="Rebel Front")])) == 2


def test_one_sentence_split_into_a_row_per_named_place_is_not_joined_back() -> None:
    # "the army shelled two districts": both rows may fall back to the same city, yet each is its own
    rows = one_per_site_and_day([_row(SHELLING, 0), _row(SHELLING, 0)])
    assert len(rows) == 2


def test_a_lead_dated_by_the_dateline_joins_the_body_row_of_the_day_before_and_takes_its_day() -> None:
    lead = _row(AIR, 0, day=11, tags=("date-of-dateline",))
    rows = one_per_site_and_day([lead, _row(AIR, 100, day=10)])
    assert len(rows) == 1
    assert rows[0].event_date == date(2022, 5, 10)
    assert [e.start for e in rows[0].evidence] == [0, 100]
    # two days apart, or neither dated by the dateline: two acts
    assert len(one_per_site_and_day([_row(AIR, 0, day=12, tags=("date-of-dateline",)), _row(AIR, 100)])) == 2
    assert len(one_per_site_and_day([_row(AIR, 0, day=11), _row(AIR, 100)])) == 2


def test_a_row_whose_doer_is_unnamed_joins_the_row_that_names_it_and_takes_that_name() -> None:
    unnamed = _row(SHELLING, 0, actor1="Unidentified Armed Group (Syria)")
    rows = one_per_site_and_day([unnamed, _row(SHELLING, 100, actor1="Rebel Front")])
    assert len(rows) == 1
    assert rows[0].actor1 == "Rebel Front"


def test_in_an_article_that_gives_no_day_two_rows_of_one_type_at_one_site_are_one() -> None:
    from dataclasses import replace

    first, second = (replace(_row(AIR, at), event_date=None) for at in (0, 100))
    assert len(one_per_site_and_day([first, second])) == 1
    assert len(one_per_site_and_day([first, _row(AIR, 100)])) == 2  # a dated row is another day's


def test_a_town_and_the_province_named_after_it_are_one_site_for_the_fold() -> None:
    province = Place("t:Northfield-prov", "Northfield", "admin1", 35.2, 38.2, Point(38.2, 35.2), "test", "SY")
    rows = one_per_site_and_day([_row(AIR, 0), _row(AIR, 100, place=province)])
    assert len(rows) == 1


def test_the_folded_row_keeps_the_toll_only_the_other_report_gives() -> None:
    from dataclasses import replace

    lead = _row(AIR, 0)
    body = replace(_row(AIR, 100), fatalities=7, injuries=3)
    rows = one_per_site_and_day([lead, body])
    assert (rows[0].fatalities, rows[0].injuries) == (7, 3)
    told = one_per_site_and_day([replace(lead, fatalities=5), body])
    assert told[0].fatalities == 5  # a toll of its own is kept


def test_a_row_dated_by_the_day_a_monitor_spoke_joins_the_row_of_its_act_a_day_apart() -> None:
    told = _row(AIR, 0, day=11, tags=("date-of-report",))
    rows = one_per_site_and_day([told, _row(AIR, 100, day=10)])
    assert len(rows) == 1 and rows[0].event_date == date(2022, 5, 10)
    both_told = [told, _row(AIR, 100, day=10, tags=("date-of-report",))]
    assert len(one_per_site_and_day(both_told)) == 2  # two days each told as its own


def test_a_row_dated_by_the_dateline_joins_a_reported_row_of_the_day_before_in_either_order() -> None:
    lead = _row(AIR, 0, day=11, tags=(DATELINE, "date-of-report"))
    quote = _row(AIR, 100, day=10, tags=("date-of-report",))
    for rows in ([lead, quote], [quote, lead]):
        folded = one_per_site_and_day(rows)
        assert len(folded) == 1
        assert folded[0].event_date == date(2022, 5, 10)


def test_strikes_told_to_the_week_and_a_day_of_that_week_are_one_row_on_the_day() -> None:
    # "killed in raids on the town over the weekend" beside "Sunday's raids on the town"
    rows = one_per_site_and_day([_row(AIR, 0, day=14, precision=2), _row(AIR, 100, day=15)])
    assert len(rows) == 1
    assert rows[0].event_date == date(2022, 5, 15) and rows[0].time_precision == 1
    assert [e.start for e in rows[0].evidence] == [0, 100]


def test_a_week_told_act_stays_apart_from_a_day_well_outside_its_week() -> None:
    assert len(one_per_site_and_day([_row(AIR, 0, day=3, precision=2), _row(AIR, 100, day=15)])) == 2
