"""Who: the names ACLED gives the forces of the region's wars, on the event's day (wordings of our own)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from shapely.geometry import Point

from geoevents.events import default_actors, events_from_article
from geoevents.events.actors import (
    UNIDENTIFIED,
    actors_of_clause,
    claimant,
    holder,
    in_country,
    of_period,
    row_actors,
)
from geoevents.records import Article, Event, Mention, Place, ResolvedMention

HOUTHI = "Military Forces of Yemen (2017-) Houthi"
PLC = "Military Forces of Yemen (2022-) Presidential Leadership Council"
HADI = "Military Forces of Yemen (2012-2022) Hadi"
ORH, SAUDI = "Operation Restoring Hope", "Military Forces of Saudi Arabia"
UKRAINE = "Military Forces of Ukraine"
PLACES = {
    "Saada": ("g:saada", 16.94, 43.76, "YE"),
    "Taiz": ("g:taiz", 13.58, 44.02, "YE"),
    "Nablus": ("g:nablus", 32.22, 35.26, "PS"),
    "Kirkuk": ("g:kirkuk", 35.47, 44.39, "IQ"),
    "Kandahar": ("g:kandahar", 31.61, 65.71, "AF"),
}


Places = dict[str, tuple[str, float, float, str]]


def events_of_text(text: str, published: datetime, places: Places) -> list[Event]:
    """The events of one article whose named ``places`` (name: id, lat, lon, country) are resolved."""
    article = Article(id="w1", text=text, published=published, url="https://example.org/w1")
    resolved = []
    for name, (fid, lat, lon, cc) in places.items():
        for m in re.finditer(name, text):
            place = Place(fid, name, "populated_place", lat, lon, Point(lon, lat), "geonames", cc)
            resolved.append(ResolvedMention(Mention("w1", m.start(), m.end(), name), place, 0.9, 1))
    return events_from_article(article, resolved)


def _events(text: str, published: datetime = datetime(2021, 5, 20)) -> list[Event]:
    return events_of_text(text, published, PLACES)


def _actor1(text: str, published: datetime = datetime(2021, 5, 20)) -> str | None:
    (event,) = _events(text, published)
    return event.actor1


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # the coalition's air war in Yemen is the operation ACLED names, its ground forces the state
        ("Jets of the Saudi-led coalition bombed a fuel station in Saada on Tuesday, killing two.", ORH),
        ("Arab coalition air strikes destroyed a bridge outside Saada on Monday.", ORH),
        ("Saudi border guards shelled farms near Saada on Sunday, wounding a shepherd.", SAUDI),
        # the Houthis, as the forces of the government they run in Sanaa
        ("Houthi fighters shelled a market in Taiz on Friday, wounding five people.", HOUTHI),
        ("On 2 May 2021, Ansar Allah forces attacked army posts near Taiz; three soldiers died.", HOUTHI),
        ("Houthi-affiliated gunmen shot dead a teacher in Taiz on Thursday.", HOUTHI),
    ],
)  # fmt: skip
def test_the_forces_of_yemens_war_by_their_acled_names(text: str, actor1: str) -> None:
    assert _actor1(text) == actor1


def test_the_coalitions_operation_outside_yemen_is_its_leading_state() -> None:
    assert in_country("Operation Restoring Hope", "YE") == "Operation Restoring Hope"
    assert in_country("Operation Restoring Hope", "SY") == "Military Forces of Saudi Arabia"
    assert default_actors().inter("Operation Restoring Hope") == 8
    assert default_actors().inter(HOUTHI) == 1


def test_a_patron_named_with_backed_is_not_the_doer() -> None:
    found = [a.canonical for a in default_actors().find("Iran-backed militiamen fired rockets at a base")]
    assert "Military Forces of Iran" not in found
    linked = [a.canonical for a in default_actors().find("Two IS-linked militants were arrested")]
    assert linked == ["Islamic State ({country})"]


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Military Forces of Yemen", date(2021, 11, 3), HADI),
        ("Military Forces of Yemen", date(2022, 6, 1), PLC),
        ("Taliban", date(2020, 2, 1), "Taliban"),
        ("Taliban", date(2022, 2, 1), "Military Forces of Afghanistan (2021-)"),
        ("Military Forces of Iraq", date(2022, 6, 1), "Military Forces of Iraq"),
        (None, date(2022, 6, 1), None),
        ("Taliban", None, "Taliban"),
    ],
)  # fmt: skip
def test_a_force_is_named_after_the_government_of_the_day(
    name: str | None, on: date | None, expected: str
) -> None:
    assert of_period(name, on) == expected


def test_a_row_names_the_government_of_the_events_day() -> None:
    text = "Government forces repelled a Houthi attack near Taiz on Sunday, killing six attackers."
    assert _actor1(text, datetime(2021, 3, 2)) == HADI
    assert (
        _actor1(text, datetime(2023, 3, 2))
        == "Military Forces of Yemen (2022-) Presidential Leadership Council"
    )
    row = row_actors(
        default_actors(), "Battles", "Armed clash", ("Taliban", None), country="AF", on=date(2023, 1, 9)
    )
    assert row[0] == "Military Forces of Afghanistan (2021-)"


def test_the_revolutionary_guards_keep_their_acled_unit() -> None:
    assert _actor1("The IRGC fired missiles at a house in Kirkuk on Monday, killing a man.") == (
        "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"
    )


def test_a_local_force_that_claims_an_attack_is_its_doer() -> None:
    text = "A drone hit a coastguard boat off Taiz. The Houthis claimed responsibility for the attack."
    assert claimant(default_actors(), text) == HOUTHI


@pytest.mark.parametrize(
    ("clause", "trigger", "expected"),
    [
        # the doer wounds someone "during clashes": active voice, the force named first is actor1
        ("Israeli troops shot and wounded a teenager during clashes", "clashes", "Military Forces of Israel"),
        # the subject was wounded "in clashes with" the other side: the other side is the doer
        ("Two policemen were wounded in clashes with gunmen", "clashes", "Unidentified Armed Group"),
    ],
)
def test_who_wounded_whom_during_clashes(clause: str, trigger: str, expected: str) -> None:
    m = re.search(trigger, clause)
    assert m is not None
    assert actors_of_clause(default_actors(), clause, m)[0] == expected


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Shells fell on rebel-held districts of the city", "rebels"),
        ("Rockets struck a government-controlled neighbourhood", "government"),
        ("Jets bombed opposition-held villages and regime-held hills", None),
        ("Shells fell on a market", None),
    ],
)
def test_who_holds_the_area_hit(text: str, side: str | None) -> None:
    assert holder(text) == side


@pytest.mark.parametrize(
    ("sub", "held_by", "actor1"),
    [
        ("Shelling/artillery/missile attack", "rebels", "Military Forces of Syria"),
        ("Shelling/artillery/missile attack", "government", "Opposition Rebels (Syria)"),
        ("Air/drone strike", "rebels", "Military Forces of Syria"),
        (
            "Remote explosive/landmine/IED",
            "government",
            "Unidentified Armed Group (Syria)",
        ),  # a bomb is anyone's
        ("Shelling/artillery/missile attack", None, "Unidentified Armed Group (Syria)"),
    ],
)
def test_unnamed_fire_on_an_area_held_by_one_side_is_the_other_sides(
    sub: str, held_by: str | None, actor1: str
) -> None:
    etype = "Explosions/Remote violence"
    assert row_actors(default_actors(), etype, sub, (None, None), country="SY", held_by=held_by)[0] == actor1


def test_a_named_air_power_beats_the_side_facing_the_area() -> None:
    row = row_actors(
        default_actors(), "Explosions/Remote violence", "Air/drone strike", (None, None),
        country="SY", held_by="rebels", air_power="Military Forces of Russia",
    )  # fmt: skip
    assert row[0] == "Military Forces of Russia"


@pytest.mark.parametrize(
    ("sub", "country", "actor1"),
    [
        # a state's own media call the armed opposition "terrorists": their shelling is the rebels'
        ("Shelling/artillery/missile attack", "SY", "Opposition Rebels (Syria)"),
        ("Shelling/artillery/missile attack", "IQ", "Unidentified Armed Group (Iraq)"),
        # a bomb those reports blame on "terrorists" names no one
        ("Remote explosive/landmine/IED", "SY", "Unidentified Armed Group (Syria)"),
    ],
)
def test_terrorists_in_a_states_reports(sub: str, country: str, actor1: str) -> None:
    (found,) = default_actors().find("Terrorist groups fired shells")
    etype = "Explosions/Remote violence"
    assert row_actors(default_actors(), etype, sub, (found.canonical, None), country=country)[0] == actor1


def test_the_object_of_a_verb_before_the_trigger_is_not_the_subject() -> None:
    clause = "Regime jets killed 14 militants and a shepherd in heavy bombardment"
    m = re.search("bombardment", clause)
    assert m is not None
    a1, a2, _ = actors_of_clause(default_actors(), clause, m)
    assert (a1, a2) == ("Military Forces of {country}", "Unidentified Armed Group")


@pytest.mark.parametrize(
    ("clause", "trigger", "expected"),
    [
        # two states' joint strike: the first named is the doer, the second no target
        ("Russian and regime air strikes hit a market", "air strikes", ("Military Forces of Russia", None)),
        ("Syrian and Russian raids hit two towns", "raids", ("Military Forces of Syria", None)),
        # two states fighting each other stay two sides
        ("Russian and Ukrainian troops clashed", "clashed", ("Military Forces of Russia", UKRAINE)),
        # an adjective before the demonym is not part of it
        ("Suspected Turkish strikes hit a village", "strikes", ("Military Forces of Turkey", None)),
    ],
)  # fmt: skip
def test_states_named_together(clause: str, trigger: str, expected: tuple[str | None, str | None]) -> None:
    m = re.search(trigger, clause)
    assert m is not None
    assert actors_of_clause(default_actors(), clause, m)[:2] == expected


def test_an_unnamed_group_near_an_air_strike_is_its_target() -> None:
    row = row_actors(
        default_actors(), "Explosions/Remote violence", "Air/drone strike", (UNIDENTIFIED, None), country="SY"
    )
    assert row == ("Unidentified Military Forces", "Unidentified Armed Group (Syria)")


@pytest.mark.parametrize(
    ("etype", "sub", "actor1"),
    [
        ("Protests", "Excessive force against protesters", "Police Forces of Iraq"),
        ("Riots", "Violent demonstration", "Rioters (Iraq)"),
        ("Battles", "Armed clash", "Military Forces of Iraq"),
    ],
)
def test_security_forces_are_the_police_before_a_crowd(etype: str, sub: str, actor1: str) -> None:
    (found,) = default_actors().find("Security forces opened fire")
    assert row_actors(default_actors(), etype, sub, (found.canonical, None), country="IQ")[0] == actor1
    (iraqi,) = default_actors().find("Iraqi security forces opened fire")
    assert in_country(iraqi.canonical, None) == "Military Forces of Iraq"


@pytest.mark.parametrize(
    ("country", "on", "sub", "actor1"),
    [
        ("PS", date(2021, 5, 14), "Air/drone strike", "Military Forces of Israel"),
        ("UA", date(2023, 3, 1), "Shelling/artillery/missile attack", "Military Forces of Russia"),
        ("UA", date(2019, 3, 1), "Shelling/artillery/missile attack", "Unidentified Armed Group (Ukraine)"),
        ("YE", date(2018, 8, 9), "Air/drone strike", ORH),
        ("YE", date(2023, 8, 9), "Air/drone strike", "Unidentified Military Forces"),  # after the truce
        ("PS", date(2021, 5, 14), "Remote explosive/landmine/IED", "Unidentified Armed Group (Palestine)"),
    ],
)
def test_unnamed_strikes_of_a_war_fought_from_the_air_by_one_side(
    country: str, on: date, sub: str, actor1: str
) -> None:
    etype = "Explosions/Remote violence"
    assert row_actors(default_actors(), etype, sub, (None, None), country=country, on=on)[0] == actor1


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Pro-Hadi forces shelled a hill", "Military Forces of Yemen"),
        ("SLC airstrikes hit a depot", ORH),
        ("Turkish-backed opposition fighters stormed a village", "Syrian National Army"),
        ("Gendarmerie forces detained four men", "Police Forces of {country}"),
        ("PJAK fighters ambushed a patrol", "PJAK: Kurdistan Free Life Party"),
    ],
)
def test_the_regions_actors_as_coder_notes_name_them(text: str, actor: str) -> None:
    assert default_actors().find(text)[0].canonical == actor


def test_unnamed_fighting_in_an_area_one_side_holds_is_between_it_and_the_other() -> None:
    etype, sub = "Battles", "Armed clash"
    row = row_actors(default_actors(), etype, sub, (None, None), country="SY", held_by="rebels")
    assert row == ("Military Forces of Syria", "Opposition Rebels (Syria)")
    row = row_actors(
        default_actors(), etype, sub, (None, "Military Forces of {country}"), country="SY", held_by="rebels"
    )
    assert row == ("Military Forces of Syria", "Opposition Rebels (Syria)")


@pytest.mark.parametrize(
    ("name", "code"),
    [("Unidentified Military Forces", 8), (ORH, 8), (HOUTHI, 1), (PLC, 1), ("Security Forces of Iraq", 1)],
)
def test_inter_codes_of_the_new_names(name: str, code: int) -> None:
    assert default_actors().inter(name) == code


def test_unnamed_troops_in_the_palestinian_territories_are_israels() -> None:
    assert in_country("Military Forces of {country}", "PS") == "Military Forces of Israel"
    assert in_country("Military Forces of {country}", "JO") == "Military Forces of Jordan"
    assert in_country("Police Forces of {country}", "PS") == "Police Forces of Palestine"


def test_security_forces_making_arrests_are_the_police() -> None:
    (found,) = default_actors().find("Security forces detained three students")
    row = row_actors(
        default_actors(), "Strategic developments", "Arrests", (found.canonical, None), country="EG"
    )
    assert row[0] == "Police Forces of Egypt"


def test_factions_joined_by_and_are_two_sides() -> None:
    clause = "SNA factions and SDF fighters exchanged fire near a village"
    m = re.search("exchanged fire", clause)
    assert m is not None
    assert actors_of_clause(default_actors(), clause, m)[:2] == (
        "Syrian National Army",
        "SDF: Syrian Democratic Forces",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shells fired by terrorists of Jaish al-Islam hit a camp", ["Jaish al Islam"]),
        ("Gunmen from the Islamic State shot two guards", ["Islamic State ({country})"]),
        ("Militants loyal to Hurras al-Din ambushed a convoy", ["Hurras al Din"]),
        ("IS militants and rebels clashed", ["Islamic State ({country})", "Opposition Rebels ({country})"]),
    ],
)
def test_a_common_noun_of_a_named_group_is_that_group(text: str, expected: list[str]) -> None:
    assert [a.canonical for a in default_actors().find(text)] == expected


def test_a_common_noun_a_group_owns_is_that_group() -> None:
    found = [a.canonical for a in default_actors().find("Hurras al-Din said its militants blew up a bridge")]
    assert found == ["Hurras al Din", "Hurras al Din"]


def test_a_groups_own_fighters_before_the_act_are_its_doers() -> None:
    from geoevents.events.actor_clauses import resolve_anaphors
    from geoevents.events.draft import Draft
    from geoevents.events.text import Span
    from geoevents.records import ZoneKind

    text = "Hurras al-Din issued a statement. The group said two of its fighters carried out the raid."
    start = text.index("The group")
    clause = Span(start, len(text), text[start:])
    trigger = re.search("raid", clause.text)
    assert trigger is not None
    draft = Draft(order=0, sub_event_type=None, generic=None, zone=ZoneKind.BODY)
    resolve_anaphors(draft, default_actors(), text, clause, trigger)
    assert (draft.actor1, draft.actor2) == ("Hurras al Din", None)


def test_force_against_protesters_targets_civilians() -> None:
    from geoevents.outputs.acled import event_rows

    (row,) = event_rows(_events("Police fired live rounds at protesters in Kirkuk on Monday, killing three."))
    assert row["sub_event_type"] == "Excessive force against protesters"
    police = "Police Forces of Iraq (2020-2022)"
    assert (row["actor1"], row["civilian_targeting"]) == (police, "Civilian targeting")
    (march,) = event_rows(_events("Hundreds of teachers marched peacefully in Kirkuk on Monday over pay."))
    assert march["civilian_targeting"] == ""


def test_irans_border_guards_are_its_police_command() -> None:
    (found,) = default_actors().find("Iranian border guards shot two porters")
    assert found.canonical == "Police Forces of Iran (1989-) Islamic Republic of Iran Border Guard Command"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 3 May 2021, an unidentified armed group shot a man dead", "Unidentified Armed Group"),
        ("Unidentified aircraft struck a convoy", "Unidentified Military Forces"),
        ("Masked gunmen kidnapped a trader", "Unidentified Armed Group"),
    ],
)
def test_unnamed_perpetrators_as_coder_notes_write_them(text: str, expected: str) -> None:
    assert default_actors().find(text)[0].canonical == expected
