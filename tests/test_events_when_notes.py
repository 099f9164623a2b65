"""A note opens with the row's own date once: a day phrase that already opens its sentence gives way."""

from __future__ import annotations

from geoevents.events import events_from_article
from geoevents.outputs.acled import acled_notes
from tests.test_events import _article


def _notes(text: str) -> list[str]:
    article, resolved = _article(text)
    return [acled_notes(e) for e in events_from_article(article, resolved)]


def test_a_weekday_without_a_comma_gives_way_to_the_rows_date() -> None:
    (note,) = _notes("On Tuesday night in Mosul gunmen shot dead a shopkeeper.")
    assert note.count("On ") == 1 and "Tuesday" not in note
    assert note.endswith(", in Mosul gunmen shot dead a shopkeeper.")


def test_a_written_date_without_a_comma_gives_way_to_the_rows_date() -> None:
    (note,) = _notes("On 6 June 2021 soldiers arrested four men in Mosul.")
    assert note == "On 6 June 2021, soldiers arrested four men in Mosul."


def test_a_weekday_that_is_not_led_by_on_stays() -> None:
    (note,) = _notes("Sunday protesters marched through Mosul against the governor.")
    assert "Sunday protesters marched" in note
