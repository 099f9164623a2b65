"""Realis: a report hedged as unverified or merely credible is not yet an asserted event."""

from geoevents.events.realis import asserted


def _at(clause: str, word: str) -> bool:
    return asserted(clause, clause.index(word))


def test_hedged_report_is_not_asserted() -> None:
    assert not _at("the envoy cited credible reports of villagers shot and homes looted", "looted")
    assert not _at("there are unverified accounts that guards beat detainees", "beat")


def test_plain_report_of_an_event_stays_asserted() -> None:
    assert _at("residents reported shelling in Pelna on Monday", "shelling")
