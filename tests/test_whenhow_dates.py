"""Whose day a date is: a possessive date dates the act it names, and a roundup's entries keep apart."""

from __future__ import annotations

from datetime import date, datetime

from geoevents.events import events_from_article
from geoevents.events.dates import NONE, date_role, dates_from_text
from geoevents.records import Article

REF = date(2022, 9, 15)  # a Thursday


def test_a_possessive_date_after_the_act_dates_another_act() -> None:
    text = "Police detained three men over last week's bombing of a bus depot."
    found = next(d for d in dates_from_text(text, reference=REF) if d.date is not None)
    at = text.index("detained")
    assert date_role(text, found, (at, at + len("detained"))) == NONE


def test_a_possessive_date_before_the_act_still_dates_it() -> None:
    text = "Police detained three men over last week's bombing of a bus depot."
    found = next(d for d in dates_from_text(text, reference=REF) if d.date is not None)
    at = text.index("bombing")
    assert date_role(text, found, (at, at + len("bombing"))) != NONE
    assert found.date == date(2022, 9, 8)


def test_a_roundup_entry_does_not_lend_its_day_to_the_next_entry() -> None:
    text = (
        "Region roundup: hillbury: militants shelled the army camp overnight no casualties "
        "dunmore: police arrested 4 smugglers at the market"
    )
    article = Article(id="r1", text=text, published=datetime(2022, 9, 15, 9, 0), url="https://example.org/r1")
    arrests = [e for e in events_from_article(article, []) if e.sub_event_type == "Arrests"]
    assert arrests and all(e.event_date != date(2022, 9, 14) for e in arrests)
