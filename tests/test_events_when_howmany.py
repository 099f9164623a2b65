"""When and how many: the day an event row gets and its fatalities and injuries, in wordings of our own."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from shapely.geometry import Point

from geoevents.events import events_from_article
from geoevents.events.counts import casualties_from_text
from geoevents.events.dates import NEAR, NONE, date_role, dates_from_text
from geoevents.records import Article, Event, Mention, Place, ResolvedMention

PUBLISHED = datetime(2022, 3, 12, 9, 0)  # a Saturday
TOWNS = {
    "Mosul": ("geonames:99072", 36.34, 43.13, "IQ", "Nineveh"),
    "Tikrit": ("geonames:99131", 34.61, 43.68, "IQ", "Salah ad Din"),
    "Kirkuk": ("geonames:94787", 35.47, 44.39, "IQ", "Kirkuk"),
}


def _events(text: str, published: datetime | None = PUBLISHED) -> list[Event]:
    article = Article(id="w1", text=text, published=published, url="https://example.org/w1")
    resolved = []
    for name, (fid, lat, lon, cc, admin1) in TOWNS.items():
        start = text.find(name)
        while start >= 0:
            place = Place(fid, name, "populated_place", lat, lon, Point(lon, lat), "geonames", cc, admin1)
            resolved.append(ResolvedMention(Mention("w1", start, start + len(name), name), place, 0.9, 1))
            start = text.find(name, start + 1)
    return events_from_article(article, resolved)


def _role(sentence: str, date_text: str, trigger: str) -> int:
    found = next(d for d in dates_from_text(sentence, reference=PUBLISHED.date()) if date_text in d.text)
    at = sentence.index(trigger)
    return date_role(sentence, found, (at, at + len(trigger)))


# -- when -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Insurgents overran the town of Tikrit after routing its last garrison on Wednesday.",
            date(2022, 3, 9),
        ),
        (
            "Security forces fired on protesters in Kirkuk after Friday prayers, killing four.",
            date(2022, 3, 11),
        ),
        (
            "Militiamen seized a hill near Mosul following a night of fighting on 8 March 2022.",
            date(2022, 3, 8),
        ),
    ],
)
def test_a_day_the_act_came_just_after_dates_it_when_the_text_gives_no_other(text: str, day: date) -> None:
    events = _events(text)
    assert events and {(e.event_date, e.time_precision) for e in events} == {(day, 1)}
    assert not any("date-assumed-publication" in e.tags for e in events)


def test_a_day_the_act_came_after_is_weaker_than_its_own_or_its_report() -> None:
    assert _role("Rebels took the hill after a battle on Tuesday.", "Tuesday", "took") == NEAR
    assert _role("Jets bombed Mosul in retaliation for a raid on Tuesday.", "Tuesday", "bombed") == NONE
    (event,) = _events("Rebels stormed Tikrit on Thursday after a battle on Tuesday.")
    assert event.event_date == date(2022, 3, 10)


def test_a_report_day_dates_an_act_told_with_after_and_no_day() -> None:
    events = _events(
        "Troops recaptured the centre of Mosul after weeks of heavy fighting, the army said on Friday."
    )
    assert events and all(e.event_date == date(2022, 3, 11) for e in events if "date-of-report" in e.tags)


def test_undated_reports_right_after_a_dated_one_share_its_day() -> None:
    text = (
        "Gunmen ambushed a convoy of lorries near Kirkuk on Wednesday, killing three drivers, police said. "
        "Hours later the attackers torched two petrol stations in the town."
    )
    events = _events(text)
    assert len(events) >= 2
    assert {e.event_date for e in events} == {date(2022, 3, 9)}
    assert any("date-from-context" in e.tags for e in events)


@pytest.mark.parametrize(
    "text",
    [
        # a new paragraph
        "Gunmen ambushed a convoy near Kirkuk on Wednesday, killing three drivers.\n\n"
        "Militants shelled the outskirts of Tikrit, wounding a farmer.",
        # a fight still going on
        "Gunmen ambushed a convoy near Kirkuk on Wednesday, killing three drivers. "
        "Clashes were still raging around Tikrit, a local official said.",
    ],
)
def test_an_undated_report_apart_from_the_dated_one_keeps_the_report_s_day(text: str) -> None:
    later = [e for e in _events(text) if e.locations and e.locations[0].place.name == "Tikrit"]
    assert later and all(e.event_date == PUBLISHED.date() for e in later)
    assert all("date-assumed-publication" in e.tags for e in later)


def test_many_dates_in_one_text_are_all_read() -> None:
    text = " and ".join(["on Friday"] * 400)
    found = dates_from_text(text, reference=PUBLISHED.date())
    assert len(found) == 400 and {d.date for d in found} == {date(2022, 3, 11)}


# -- how many ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("In the fighting 14 rebels, 9 conscripts and 30 tribesmen were killed.", 53),
        ("Somewhere between 17 and 25 villagers died when the dam was shelled.", 17),
        ("A dozen guards were killed at the gate.", 12),
        ("Scores of recruits died in the attack.", 20),
        ("The drone downed the airliner, killing all 56 passengers on board.", 56),
        ("The attacker detonated his vest at the gate, killing himself and three guards.", 4),
        ("The bomber drove into the checkpoint, killing four policemen and himself.", 5),
        ("A mob kicked a young shepherd to death outside the mosque.", 1),
        ("Villagers stabbed two suspected thieves to death.", 2),
        ("The bodies of three farmers were found in an orchard.", 3),
        ("Soldiers fatally shot five smugglers at the border.", 5),
        ("Gunmen assassinated the deputy governor outside his home.", 1),
        ("Gunmen shot dead the imam and two of his sons.", 3),
        ("On 4 July 2021, an IED hit a patrol near the village. Fatalities: 2", 2),
        ("On 6 May 2022, a mortar hit a school, resulting in the deaths of 4 pupils and a teacher.", 5),
        ("The raid caused the death of a farmer.", 1),
    ],
)
def test_the_dead_a_sentence_counts(text: str, dead: int) -> None:
    assert casualties_from_text(text).fatalities == dead


def test_figures_of_the_other_kind_listed_before_are_not_added() -> None:
    found = casualties_from_text("The riot left 35 shopkeepers wounded and two guards dead.")
    assert (found.fatalities, found.injuries) == (2, 35)


def test_a_coder_s_field_of_none_is_zero_and_handing_over_bodies_counts_no_dead() -> None:
    assert casualties_from_text("Shells fell on the market. Fatalities: none").fatalities == 0
    assert casualties_from_text("The rebels handed over the bodies of 12 soldiers.").fatalities is None


def test_a_toll_clause_of_a_sentence_of_two_acts_goes_to_its_first() -> None:
    text = (
        "On 2 March 2022, militiamen overran the town of Tikrit after hours of fighting with police; "
        "11 people were killed."
    )
    events = _events(text)
    assert events and events[0].fatalities == 11
    assert sum(e.fatalities or 0 for e in events) == 11


def test_an_acled_row_of_an_event_with_no_toll_reads_zero_dead_and_zero_hurt() -> None:
    from geoevents.outputs.acled import event_rows

    events = _events("Protesters marched through Kirkuk on Thursday against power cuts.")
    assert events and all(e.fatalities is None and e.injuries is None for e in events)
    assert {(row["fatalities"], row["injuries"]) for row in event_rows(events)} == {("0", "0")}


def test_the_act_s_own_day_told_in_the_body_beats_the_day_a_lead_was_reported() -> None:
    text = (
        "Jets pound Mosul, 31 dead WIRE Saturday 12 Mar 2022 Air strikes killed 31 people in Mosul, "
        "a monitor said on Saturday. The air strikes on Friday evening killed 31 people in "
        "the old city of Mosul."
    )
    events = [e for e in _events(text) if e.sub_event_type == "Air/drone strike"]
    assert len(events) == 1 and events[0].event_date == date(2022, 3, 11)
    assert "date-of-report" not in events[0].tags


def test_a_lead_told_on_the_day_of_its_dateline_takes_the_overnight_day_the_body_gives() -> None:
    text = (
        "12 March 2022 Fighting near Tikrit kills 14 militiamen. "
        "At least 14 militiamen were killed in clashes with the army near Tikrit overnight, police said."
    )
    events = _events(text)
    assert events and {e.event_date for e in events} == {date(2022, 3, 11)}


@pytest.mark.parametrize(
    "text",
    [
        "Over 400,000 people have been killed since the war broke out in 2011.",
        "The insurgency, which has claimed some 20,000 lives, shows no sign of ending.",
        "More than 250000 people have been killed and millions have fled.",
    ],
)
def test_a_war_s_toll_so_far_is_no_event_s_toll(text: str) -> None:
    assert casualties_from_text(text).fatalities is None


def test_an_event_s_toll_beside_a_war_s_toll_is_kept() -> None:
    text = "Mortars killed six people in the market on Monday; the war has killed 350,000 so far."
    assert casualties_from_text(text).fatalities == 6
    since = "Air strikes have killed nine people in the town since Monday."
    assert casualties_from_text(since).fatalities == 9


def test_a_neighbour_dated_only_to_a_year_dates_no_undated_report() -> None:
    text = (
        "Protesters marched through Kirkuk in 2019 against corruption. "
        "Riot police fired tear gas at protesters in Tikrit, wounding nine."
    )
    later = [e for e in _events(text) if e.locations and e.locations[0].place.name == "Tikrit"]
    assert later and all(e.event_date == PUBLISHED.date() for e in later)


def test_one_night_told_by_its_two_days_is_its_evening_to_the_day() -> None:
    found = dates_from_text("On the night of 27-28 February 2022, gunmen raided a farm.", reference=None)
    assert [(d.date, d.precision) for d in found] == [(date(2022, 2, 27), 1)]
    (event,) = _events("On the night of 3-4 March 2022, drones struck a depot near Kirkuk.")
    assert (event.event_date, event.time_precision) == (date(2022, 3, 3), 1)


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("On 1 March 2022, gunmen shot a shepherd near the dam, killing him and wounding another.", None, 1),
        ("A policeman was killed and another was wounded when a sniper fired on the post.", 1, 1),
        ("The blast killed 4 and injured another 6 people at the bus stop.", 4, 6),
    ],
)
def test_another_victim_counts_one_more(text: str, dead: int | None, hurt: int) -> None:
    found = casualties_from_text(text)
    assert found.injuries == hurt
    if dead is not None:
        assert found.fatalities == dead


def test_injuries_told_as_nouns_or_as_one_person_named() -> None:
    found = casualties_from_text("The blast caused the deaths of 2 guards and injuries to 7 others.")
    assert (found.fatalities, found.injuries) == (2, 7)
    assert casualties_from_text("Gunmen shot a lorry driver, injuring his son.").injuries == 1


def test_a_note_s_toll_sentence_after_an_attack_told_generically_is_its_toll() -> None:
    text = "On 7 March 2022, gunmen attacked a police post in Kirkuk. 3 policemen were killed and 4 injured."
    (event,) = _events(text)
    assert (event.event_date, event.fatalities, event.injuries) == (date(2022, 3, 7), 3, 4)


def test_a_year_a_sentence_names_is_no_toll() -> None:
    assert casualties_from_text("Officials said in 2019 the commanders had been killed.").fatalities is None


@pytest.mark.parametrize(
    "text",
    [
        "TIKRIT, Iraq, March 10, 2022 - Gunmen shot dead two farmers near Tikrit.",
        "TIKRIT, Iraq (Wire) — March 10, 2022 — Gunmen shot dead two farmers near Tikrit.",
        "TIKRIT: March 10, 2022 - Gunmen shot dead two farmers near Tikrit.",
        "Tikrit, Mar 10, 2022, Wire -- Gunmen shot dead two farmers near Tikrit.",
        "TIKRIT (Wire) 10 March 2022 - Gunmen shot dead two farmers near Tikrit.",
    ],
)
def test_a_wire_dateline_dates_an_act_the_text_gives_no_day_for(text: str) -> None:
    (event,) = _events(text, published=None)
    assert event.event_date == date(2022, 3, 10) and "undated" not in " ".join(event.tags)


def test_a_note_as_reported_on_a_day_is_dated_that_day_without_a_publication_date() -> None:
    (event,) = _events("As reported on 9 March 2022, gunmen shot dead a farmer near Tikrit.", published=None)
    assert (event.event_date, event.time_precision) == (date(2022, 3, 9), 1)


def test_a_date_inside_a_name_is_no_date_and_an_undated_row_has_no_precision() -> None:
    (event,) = _events("Gunmen shot dead a shopkeeper on 14 July Street in Mosul.", published=None)
    assert event.event_date is None and event.time_precision is None
    assert any(tag.startswith("undated:") for tag in event.tags)
