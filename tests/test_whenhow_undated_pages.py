"""A page without a publication date is dated from a day its own text tells; a day told before the act
that only anchors a day counted after it ("the day before") is not the act's; a possessive day that
opens a sentence dates its subject, not every clause."""

from __future__ import annotations

from datetime import date

from geoevents.events import events_from_article
from geoevents.events.dates import ACT, NEAR, StoryDay, date_role, dates_from_text, opening_date
from geoevents.records import Article

_PAGE = (
    "Police sealed off the old town of Varna on Monday while detectives examined the bomb blast that "
    "wrecked a chapel there the day before.\n"
    "The interior ministry said the device had been hidden under a bench near the altar and set off by a "
    "timer.\n"
    "Church leaders called for calm and asked worshippers to stay away from the area until the inquiry "
    "ends.\n"
    "Hundreds of mourners gathered outside the chapel on Sunday evening to demand the minister resign.\n"
    "A priest surveys the damaged chapel in Varna on December 11, 2016."
)


def test_a_page_without_a_publication_date_takes_the_day_its_text_tells() -> None:
    article = Article(id="u", text=_PAGE, published=None, url="https://example.org/u")
    days = {e.sub_event_type: e.event_date for e in events_from_article(article, [])}
    assert days == {
        "Remote explosive/landmine/IED": date(2016, 12, 11),
        "Peaceful protest": date(2016, 12, 11),
    }


def test_weekdays_around_a_told_day_are_the_nearest_such_days() -> None:
    told = StoryDay(2016, 12, 11)  # a Sunday
    said = {d.text: d.date for d in dates_from_text("on Monday, on Friday, last Monday", reference=told)}
    assert said == {
        "on Monday": date(2016, 12, 12),
        "on Friday": date(2016, 12, 9),
        "last Monday": date(2016, 12, 5),
    }


def test_a_day_that_anchors_a_day_counted_after_the_act_is_not_the_acts() -> None:
    text = "Fear gripped Varna on Friday as police searched the site of the grenade attack that hit a bus "
    text += "the previous day."
    at = text.index("grenade attack")
    roles = {
        d.text: date_role(text, d, (at, at + len("grenade attack")))
        for d in dates_from_text(text, reference=date(2023, 4, 8))
    }
    assert roles == {"on Friday": NEAR, "the previous day": ACT}


def test_a_possessive_day_opening_a_sentence_dates_its_subject_only() -> None:
    assert opening_date("Friday's raid came three days after gunmen shot two guards.", reference=None) is None
    assert opening_date("On Friday, gunmen shot two guards.", reference=date(2023, 4, 8)) is not None
