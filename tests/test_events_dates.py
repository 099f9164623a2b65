"""Dates of event rows: which expression dates the act, and with which ACLED time_precision."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from geoevents.events.dates import ACT, NONE, REPORT, date_role, dateline_date, dates_from_text

REF = date(2021, 6, 11)  # a Friday


def _first(text: str, ref: date | None = REF):
    found = dates_from_text(text, reference=ref)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "Mortars fell on the camp overnight.",
        "Gunmen raided the village during the night.",
        "Drones struck the depot last night.",
    ],
)
def test_a_night_before_the_report_is_coded_on_its_evening(text: str) -> None:
    found = _first(text)
    assert (found.date, found.precision) == (date(2021, 6, 10), 1)


def test_the_night_of_a_named_day_is_that_day() -> None:
    found = [d for d in dates_from_text("Troops shelled the town on the night of 3 June.", reference=REF)]
    assert [(d.date, d.precision) for d in found] == [(date(2021, 6, 3), 1)]


def test_a_page_date_with_the_year_glued_to_the_day_is_its_dateline() -> None:
    stated = dateline_date("Last updated at Mar 052019 DAMASCUS Shells hit a school on Monday.")
    assert stated is not None and stated.date == date(2019, 3, 5)


def _role(sentence: str, date_text: str, trigger: str) -> int:
    found = next(d for d in dates_from_text(sentence, reference=REF) if d.text.endswith(date_text))
    at = sentence.index(trigger)
    return date_role(sentence, found, (at, at + len(trigger)))


def test_what_a_date_of_the_sentence_dates() -> None:
    assert _role("Militants stormed a checkpoint on Tuesday.", "Tuesday", "stormed") == ACT
    assert (
        _role("Militants stormed a checkpoint, the governor said on Wednesday.", "Wednesday", "stormed")
        == REPORT
    )
    assert _role("Protests have gone on since Monday after troops fired.", "Monday", "fired") == NONE


def test_a_possessive_day_whose_apostrophe_was_dropped_is_a_date_but_a_habit_is_not() -> None:
    found = _first("The group claimed Wednesdays ambush on the convoy.")
    assert (found.date, found.precision) == (date(2021, 6, 9), 1)
    assert dates_from_text("The market opens on Wednesdays and Saturdays.", reference=REF) == []


def test_the_past_24_hours_is_the_day_before_the_report_and_its_own() -> None:
    found = _first("Forty fighters died in the past 24 hours of fighting, a monitor said.")
    assert (found.date, found.precision) == (date(2021, 6, 10), 2)


@pytest.mark.parametrize(
    "text",
    [
        "June 11 2021 Rockets hit the airport on Thursday.",
        "Friday 11 Jun 2021 Rockets hit the airport on Thursday.",
        "KABUL, Afghanistan, June 11, 2021 - Rockets hit the airport on Thursday.",
        "Kabul, June 11 (Wire) - Rockets hit the airport on Thursday.",
        "Posted on 11 June 2021 Rockets hit the airport on Thursday.",
        "11-06-2021 Rockets hit the airport on Thursday.",
        "Fri Jun 11 2021 Rockets hit the airport on Thursday.",
        "Rockets hit airport Monitor Friday 11 Jun 2021 Print Share Rockets hit the airport on Thursday.",
    ],
)
def test_every_dateline_form_dates_the_report(text: str) -> None:
    stated = dateline_date(text, reference=date(2021, 7, 1))
    assert stated is not None and stated.date == date(2021, 6, 11)


def test_a_date_inside_the_text_is_no_dateline() -> None:
    assert (
        dateline_date("Rockets hit the airport, officials said, recalling the attack of June 11, 2020.")
        is None
    )


def test_an_update_after_publication_leaves_the_publication_day_the_reference() -> None:
    from geoevents.events.extract import reference_date
    from geoevents.records import Article

    text = "Last updated at Jun 152021 KABUL Rockets hit the airport on Monday."
    later = Article(id="a", text=text, published=datetime(2021, 6, 8))
    assert reference_date(later) == (date(2021, 6, 8), None)
    wrong_table = Article(id="b", text=text, published=datetime(2021, 6, 20))
    assert reference_date(wrong_table)[0] == date(2021, 6, 15)  # updated before "publication": the table errs


def _note_events(text: str):
    from geoevents.events import events_from_article
    from tests.test_events import _article

    article, resolved = _article(text, published=None)
    return events_from_article(article, resolved)


def test_a_coders_note_dates_its_later_sentences_and_their_toll_is_the_acts() -> None:
    (event,) = _note_events(
        "On 4 March 2021, gunmen ambushed a police patrol near Tikrit. "
        "Two policemen and a driver were killed."
    )
    assert (event.event_date, event.time_precision) == (date(2021, 3, 4), 1)
    assert event.fatalities == 3 and len(event.evidence) == 2


def test_the_date_a_sentence_opens_with_dates_each_of_its_clauses() -> None:
    events = _note_events(
        "On 6 March 2021, militiamen shot dead a trader in Mosul; a mob then burned his shop."
    )
    assert events and all(e.event_date == date(2021, 3, 6) for e in events)


def test_a_month_that_opens_a_sentence_dates_no_later_report() -> None:
    events = _note_events("In March 2021 jets bombed a depot near Mosul. Two guards were killed in Tikrit.")
    tikrit = [e for e in events if any(loc.place.name == "Tikrit" for loc in e.locations)]
    assert tikrit and all(e.event_date is None for e in tikrit)


def test_a_weekday_and_date_said_of_an_act_is_no_dateline() -> None:
    assert dateline_date("Gunmen stormed the bank on Friday 11 Jun 2021 and fled.") is None


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("Fighting raged between 3 and 5 June 2021 around the dam.", date(2021, 6, 3), 2),
        ("Fighting raged from June 1 to June 20, 2021 around the dam.", date(2021, 6, 1), 3),
        ("Fighting raged from 30 May to 2 June 2021 around the dam.", date(2021, 5, 30), 2),
        ("Militants shelled the camp earlier this week.", REF, 2),
        ("Police broke up a sit-in last week.", date(2021, 6, 4), 2),
        ("Sniper fire killed a boy in the third week of May 2021.", date(2021, 5, 1), 3),
    ],
)
def test_ranges_and_weeks_take_their_precision(text: str, day: date, precision: int) -> None:
    found = dates_from_text(text, reference=REF)
    assert (found[0].date, found[0].precision) == (day, precision)


def test_an_explicit_date_beats_a_relative_one_for_the_same_act() -> None:
    (event,) = _note_events(
        "Jets bombed a depot near Mosul on Friday, 4 June 2021, officials said yesterday."
    )
    assert event.event_date == date(2021, 6, 4)


def test_a_date_in_a_name_is_a_name_and_as_reported_dates_the_act() -> None:
    assert dates_from_text("Gunmen stormed the 14 July Street market.", reference=REF) == []
    (event,) = _note_events("As reported on 2 June 2021, gunmen shot dead a trader in Mosul.")
    assert (event.event_date, event.time_precision) == (date(2021, 6, 2), 1)


def test_a_note_without_a_publication_day_counts_from_the_day_it_names() -> None:
    (event,) = _note_events("As reported on 9 June 2021, on 7 June, soldiers arrested four men in Mosul.")
    assert (event.event_date, event.time_precision) == (date(2021, 6, 7), 1)
    assert "date-ref:text" in event.tags


def test_around_a_day_is_known_to_a_few_days() -> None:
    found = _first("Around 10 May 2021 (between 8 and 12 May), jets struck a depot.")
    assert (found.date, found.precision) == (date(2021, 5, 10), 2)


def test_a_notes_own_dates_give_way_to_the_rows_date_in_its_notes() -> None:
    from geoevents.outputs.acled import acled_notes

    (event,) = _note_events("As reported on 9 June 2021, on 7 June, soldiers arrested four men in Mosul.")
    assert acled_notes(event) == "On 7 June 2021, soldiers arrested four men in Mosul."
    (strike,) = _note_events(
        "Around 10 May 2021 (between 8 and 12 May), coalition jets struck a depot in Mosul."
    )
    assert acled_notes(strike).startswith("Around 10 May 2021, coalition jets struck")


@pytest.mark.parametrize(
    "text",
    [
        "Fighting erupted in Kirkuk late on Sunday between two militias after one of them abducted a "
        "rival commander, killing four people, police said on Tuesday.",
        "Gunmen shot dead two traders in Mosul on Sunday night after a mob looted their shops, "
        "police said on Tuesday.",
    ],
)
def test_an_act_dated_only_by_its_report_takes_the_day_its_sentence_gives_the_act_beside_it(
    text: str,
) -> None:
    from geoevents.events import events_from_article
    from tests.test_events import _article

    article, resolved = _article(text, published=datetime(2021, 6, 8))
    events = events_from_article(article, resolved)
    assert len(events) >= 2
    assert {e.event_date for e in events} == {date(2021, 6, 6)}
    assert not any("date-of-report" in e.tags for e in events)


def test_a_report_day_stays_when_the_sentence_dates_no_other_act() -> None:
    from geoevents.events import events_from_article
    from tests.test_events import _article

    article, resolved = _article(
        "Gunmen shot dead two traders in Mosul, police said on Tuesday.", published=datetime(2021, 6, 8)
    )
    (event,) = events_from_article(article, resolved)
    assert event.event_date == date(2021, 6, 8) and "date-of-report" in event.tags


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("Traders at the market decided to close on 3 December 2020.", [date(2020, 12, 3)]),
        ("Fighting resumed in midMarch 2021 near the dam.", [date(2021, 3, 1)]),
        ("Fighting resumed in mid-March 2021 near the dam.", [date(2021, 3, 1)]),
        ("The mayor decided the market may reopen in octagonal halls.", []),
    ],
)
def test_a_month_is_read_where_its_word_starts_or_after_mid(text: str, told: list[date]) -> None:
    assert [d.date for d in dates_from_text(text, reference=None) if d.date] == told


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2021 gunmen struck; on Friday, in 2019 and two days later more came, yesterday too.",
        "Late on Sunday night, in the past 24 hours, during the weekend of 8 June 2020, last year in 2018.",
        "In May 2020 a raid; the following day a second, this week a third, early 2021 a fourth.",
    ],
)
def test_the_dated_reading_gives_every_date_the_full_one_does(text: str) -> None:
    full = [d for d in dates_from_text(text, reference=None) if d.date is not None]
    assert dates_from_text(text, reference=None, dated=True) == full
