"""An act told only in a bare month two or more before publication is background, not news."""

from __future__ import annotations

from datetime import date, datetime

from geoevents.events.draft import Draft
from geoevents.events.extract import tag_months_back
from geoevents.events.realis import earlier_month
from geoevents.events.text import Span
from geoevents.records import Article, ZoneKind

OCTOBER = date(2021, 10, 14)


def _at(text: str, trigger: str) -> bool:
    return earlier_month(text, text.index(trigger), OCTOBER)


def test_a_bare_month_two_or_more_back_makes_the_act_history() -> None:
    assert _at("the militia overran the garrison town in June and has held it since", "overran")
    assert _at("the group claimed a mid-July car bombing at the market", "bombing")
    assert _at("in mid-March gunmen raided the village", "raided")
    assert _at("jets bombed the port in December", "bombed")  # ten months back, across January


def test_this_month_last_month_a_day_a_place_or_another_act_s_month_are_not() -> None:
    assert not _at("jets bombed the port in early October", "bombed")
    assert not _at("jets bombed the port in September", "bombed")  # last month may still be news
    assert not _at("jets bombed the port in June 3 raids", "bombed")  # a day follows: the dates tell
    assert not _at("militants seized two districts in Marib", "seized")  # a place, not a month
    assert not _at("jets bombed the town, which rebels took in June", "bombed")
    assert not _at("in June the town fell; on Monday jets bombed it", "bombed")  # a day of its own


def test_a_report_is_background_only_when_every_sentence_of_it_is_told_in_that_month() -> None:
    article = Article(id="a", text="", published=datetime(2021, 10, 14))
    old = "Rebels stormed the hill town in June."
    new = "Rebels stormed the hill town on Monday."

    def draft(*texts: str) -> Draft:
        d = Draft(order=0, sub_event_type="Armed clash", generic=None, zone=ZoneKind.BODY)
        d.spans = [Span(0, len(t), t) for t in texts]
        d.trigger_texts = ["stormed"]
        return d

    drafts = [draft(old), draft(old, new), draft(new)]
    tag_months_back(drafts, article)
    assert ["background" in d.tags for d in drafts] == [True, False, False]
