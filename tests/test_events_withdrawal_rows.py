"""A withdrawal row read beside its site's other rows: folded into the taking over of the place told
that day, a non-violent transfer when a deal for it is told, a capture when forced by an attack, and a
change to the group's activity when no one takes the place. Wordings of our own."""

from __future__ import annotations

from dataclasses import replace

from geoevents.events.withdrawal_rows import withdrawals_read
from geoevents.records import Event, Evidence
from tests.test_events_rows_one_per_day import VILLAGE, _row

CHANGE, TRANSFER = "Change to group/activity", "Non-violent transfer of territory"
OVERTAKES, REGAINS = "Non-state actor overtakes territory", "Government regains territory"


def _told(sub: str, start: int, sentence: str, **kw: object) -> Event:
    row = _row(sub, start, **kw)  # type: ignore[arg-type]
    return replace(row, evidence=(Evidence("a", start, start + len(sentence), sentence, "test"),))


LEAVING = "The militia withdrew from its posts around the town overnight, residents said."


def test_a_withdrawal_beside_the_same_days_hand_over_of_its_site_adds_no_row() -> None:
    rows = withdrawals_read([_told(CHANGE, 0, LEAVING), _told(TRANSFER, 90, "The army took over the town.")])
    assert [r.sub_event_type for r in rows] == [TRANSFER]
    assert [e.start for e in rows[0].evidence] == [0, 90]  # the leaving is told as the hand-over's


def test_a_withdrawal_under_a_deal_told_at_its_site_is_a_non_violent_transfer() -> None:
    deal = _told("Agreement", 90, "Elders agreed with officials that the militia would leave the town.")
    rows = withdrawals_read([deal, _told(CHANGE, 0, LEAVING, day=11)])
    assert [r.sub_event_type for r in rows] == ["Agreement", TRANSFER]


def test_a_withdrawal_forced_by_an_attack_is_the_attackers_capture() -> None:
    by_rebels = "Troops pulled out of the dam as they faced a rebel counter-offensive, the monitor said."
    by_army = "The insurgents retreated from the hill after coming under an army assault on Tuesday."
    assert withdrawals_read([_told(CHANGE, 0, by_rebels)])[0].sub_event_type == OVERTAKES
    assert withdrawals_read([_told(CHANGE, 0, by_army)])[0].sub_event_type == REGAINS


def test_a_withdrawal_no_one_takes_over_stays_a_change_of_activity() -> None:
    elsewhere = _told(TRANSFER, 90, "The army took over the village.", place=VILLAGE)
    rows = withdrawals_read([_told(CHANGE, 0, LEAVING), elsewhere])
    assert [r.sub_event_type for r in rows] == [CHANGE, TRANSFER]
