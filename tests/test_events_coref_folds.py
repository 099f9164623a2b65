"""The second folding of one article's reports: an act told twice is one event, two acts stay two.

Each rule is checked from both sides: the retelling it folds, and the neighbouring case (another town,
another day the text names, a report that says it is another event) that it must leave apart.
"""

from __future__ import annotations

from datetime import date

from shapely.geometry import Point

from geoevents.events.draft import Draft
from geoevents.events.retold import ASSUMED, retellings_folded, unspecified_weapon
from geoevents.events.text import Span
from geoevents.records import Mention, Place, ResolvedMention, ZoneKind
from geoevents.settings import DEFAULT

AIR, SHELLING = "Air/drone strike", "Shelling/artillery/missile attack"
TOWNS = {"Northfield": (35.00, 38.00), "Southmoor": (33.50, 36.30)}  # about 230 km apart


def _site(name: str) -> ResolvedMention:
    lat, lon = TOWNS[name]
    place = Place(f"t:{name}", name, "populated_place", lat, lon, Point(lon, lat), "test", "SY")
    return ResolvedMention(Mention("a", 0, len(name), name), place, 0.9, 1)


def _draft(order: int, sub: str | None, day: int, text: str, **kw: object) -> Draft:
    d = Draft(
        order=order, sub_event_type=sub, generic=None if sub else "generic-violence", zone=ZoneKind.BODY
    )
    d.date, d.precision, d.date_explicit = date(2022, 5, day), 1, True
    d.spans = [Span(0, len(text), text)]
    for key, value in kw.items():
        setattr(d, key, value)
    return d


def _undated(d: Draft) -> Draft:
    d.precision, d.date_explicit = 2, False
    d.tags.add(ASSUMED)
    return d


def test_a_body_report_of_the_toll_the_headline_gives_is_the_headline_event() -> None:
    head = _draft(
        0, AIR, 10, "Jets kill 40 insurgents near Northfield", fatalities=(46, False),
        actor1="Air Force", actor2="Front A", sites=[_site("Northfield")], trigger_texts=["kill"],
    )  # fmt: skip
    body = _undated(
        _draft(
            3, None, 12, "Most of the 40 insurgents killed in the raids were foreign", fatalities=(40, False),
            actor1="Air Force", actor2="Front B", trigger_texts=["killed"],
        )
    )  # fmt: skip
    kept = retellings_folded([head, body], DEFAULT)
    assert len(kept) == 1
    assert kept[0].fatalities == (46, False)  # the headline's whole toll stays
    assert kept[0].date == date(2022, 5, 10)  # the text's day, not the publication's


def test_a_toll_the_headline_does_not_give_keeps_disagreeing_sides_apart() -> None:
    head = _draft(0, AIR, 10, "Jets kill 40 insurgents", fatalities=(40, False), actor2="Front A")
    body = _undated(
        _draft(3, None, 12, "Seven men were killed in the raids", fatalities=(7, False), actor2="Front B")
    )
    assert len(retellings_folded([head, body], DEFAULT)) == 2


def test_a_bare_bombardment_is_the_air_strike_of_that_town_and_day() -> None:
    lead = _draft(0, SHELLING, 10, "Heavy bombardment killed 30", sites=[_site("Northfield")],
                  trigger_texts=["heavy bombardment", "strikes"])  # fmt: skip
    body = _draft(2, AIR, 10, "Warplanes struck the market", sites=[_site("Northfield")],
                  trigger_texts=["warplanes struck"])  # fmt: skip
    kept = retellings_folded([lead, body], DEFAULT)
    assert [d.sub_event_type for d in kept] == [AIR]  # the report that names the weapon types the act


def test_a_bombardment_of_another_town_stays_an_event_of_its_own() -> None:
    lead = _draft(
        0, SHELLING, 10, "Bombardment killed 30", sites=[_site("Northfield")], trigger_texts=["bombardment"]
    )
    body = _draft(
        2, AIR, 10, "Warplanes struck", sites=[_site("Southmoor")], trigger_texts=["warplanes struck"]
    )
    assert len(retellings_folded([lead, body], DEFAULT)) == 2


def test_rockets_and_an_air_strike_named_by_their_weapons_stay_two_events() -> None:
    air = _draft(0, AIR, 10, "Air strikes hit the town", trigger_texts=["air strikes"])
    rockets = _draft(1, SHELLING, 10, "Rockets fell on the town", trigger_texts=["rockets fell"])
    assert not unspecified_weapon(air) and not unspecified_weapon(rockets)
    assert len(retellings_folded([air, rockets], DEFAULT)) == 2


def test_an_undated_report_folds_into_the_dated_one_of_its_kind_and_place() -> None:
    dated = _draft(0, AIR, 11, "Drones hit Northfield on Wednesday", sites=[_site("Northfield")])
    undated = _undated(_draft(2, AIR, 12, "The drone strike destroyed a school", sites=[_site("Northfield")]))
    kept = retellings_folded([dated, undated], DEFAULT)
    assert [(d.order, d.date) for d in kept] == [(0, date(2022, 5, 11))]
    assert ASSUMED not in kept[0].tags  # still dated by the text, for any later report


def test_an_undated_lead_takes_the_day_the_body_names() -> None:
    lead = _undated(_draft(0, AIR, 12, "Air strikes kill 9 in Northfield", sites=[_site("Northfield")]))
    body = _draft(1, AIR, 11, "The raids on Wednesday hit a bakery", sites=[_site("Northfield")])
    kept = retellings_folded([lead, body], DEFAULT)
    assert len(kept) == 1
    assert kept[0].date == date(2022, 5, 11) and ASSUMED not in kept[0].tags


def test_an_undated_lead_does_not_take_a_body_report_of_another_kind() -> None:
    lead = _undated(_draft(0, AIR, 12, "Air strikes kill 9", trigger_texts=["air strikes"]))
    body = _draft(1, None, 11, "A guard was killed on Wednesday", trigger_texts=["killed"])
    assert len(retellings_folded([lead, body], DEFAULT)) == 2


def test_an_undated_report_never_joins_an_act_at_another_town() -> None:
    dated = _draft(0, AIR, 11, "Drones hit Northfield", sites=[_site("Northfield")])
    undated = _undated(_draft(2, AIR, 12, "A drone strike hit Southmoor", sites=[_site("Southmoor")]))
    assert len(retellings_folded([dated, undated], DEFAULT)) == 2


def test_an_undated_report_more_than_two_days_off_stays_apart() -> None:
    dated = _draft(0, AIR, 5, "Drones hit the town on 5 May")
    undated = _undated(_draft(2, AIR, 12, "A drone strike hit the town"))
    assert len(retellings_folded([dated, undated], DEFAULT)) == 2


def test_a_report_that_says_it_is_another_strike_stays_apart() -> None:
    dated = _draft(0, AIR, 11, "Drones hit the town on Wednesday")
    other = _undated(_draft(2, AIR, 12, "In another strike, a convoy was hit", tags={"another-event"}))
    assert len(retellings_folded([dated, other], DEFAULT)) == 2


def test_two_explicit_days_are_two_events() -> None:
    monday = _draft(0, AIR, 9, "Strikes on Monday killed 4", fatalities=(4, False))
    tuesday = _draft(1, AIR, 10, "Strikes on Tuesday killed 4", fatalities=(4, False))
    assert len(retellings_folded([monday, tuesday], DEFAULT)) == 2


def test_the_headline_toll_given_again_folds_whoever_the_passive_seems_to_name() -> None:
    head = _draft(
        0, None, 10, "Strikes kill more than 25 militants", fatalities=(25, False), actor1="Coalition"
    )
    body = _undated(
        _draft(
            2,
            None,
            12,
            "More than 25 members of the group were killed",
            fatalities=(25, False),
            actor1="Group",
        )
    )
    assert len(retellings_folded([head, body], DEFAULT)) == 1


def test_a_part_of_the_headline_toll_with_another_doer_stays_apart() -> None:
    head = _draft(
        0, None, 10, "Strikes kill 25 militants and 4 civilians", fatalities=(29, False), actor1="Coalition"
    )
    body = _undated(
        _draft(2, None, 12, "Militias killed 25 people", fatalities=(25, False), actor1="Militia")
    )
    assert len(retellings_folded([head, body], DEFAULT)) == 2


SUICIDE = "Suicide bomb"


def test_a_witness_hurt_in_the_blast_retells_the_bombing_whatever_type_its_clause_reads() -> None:
    lead = _draft(0, SUICIDE, 10, "A bomber blew himself up at a fair in Northfield, killing nine",
                  fatalities=(9, False), actor1="Group A", sites=[_site("Northfield")])  # fmt: skip
    witness = _undated(
        _draft(4, AIR, 11, "Stallholders injured in the explosion spoke of a flash, then smoke")
    )
    kept = retellings_folded([lead, witness], DEFAULT)
    assert len(kept) == 1
    assert kept[0].sub_event_type == SUICIDE and kept[0].date == date(2022, 5, 10)


def test_the_attack_told_again_with_the_police_reply_is_the_attack() -> None:
    lead = _draft(0, None, 10, "A man fired on guards outside the court on Tuesday", fatalities=(1, False),
                  actor2="Police Forces", sites=[_site("Northfield")])  # fmt: skip
    again = _undated(
        _draft(
            3,
            None,
            11,
            "The shooting ended when officers felled the gunman at the gate",
            actor1="Police Forces",
        )
    )
    assert len(retellings_folded([lead, again], DEFAULT)) == 1


def test_a_definite_reference_at_another_town_stays_apart() -> None:
    lead = _draft(0, SUICIDE, 10, "A bomber struck a fair in Northfield", sites=[_site("Northfield")])
    other = _undated(_draft(4, AIR, 11, "Two died in the raid on Southmoor", sites=[_site("Southmoor")]))
    assert len(retellings_folded([lead, other], DEFAULT)) == 2


def test_an_act_after_the_attack_is_no_retelling() -> None:
    lead = _draft(0, SUICIDE, 10, "A bomber struck a fair in Northfield", sites=[_site("Northfield")])
    later = _undated(_draft(4, AIR, 11, "After the attack, jets hit a depot nearby"))
    assert len(retellings_folded([lead, later], DEFAULT)) == 2
