"""The events stage's shortcuts give what the long way gives: the same tables, dates, actors and records."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, date, datetime
from enum import IntEnum
from typing import Any

import pytest

from geoevents.events import default_actors
from geoevents.events.extract import reference_date
from geoevents.events.text import Span, clauses_from_sentence
from geoevents.events.triggers import best_trigger, could_trigger
from geoevents.ingest import article_from_text
from geoevents.parallel import dumps, encode_record
from geoevents.records import MentionRole, ZoneKind

SENTENCES = [
    "Army helicopters fired rockets at a convoy near the border crossing on Monday, a spokesman said.",
    "Residents said gunmen on motorbikes stormed the village and set houses on fire.",
    "The council voted to repair the bridge, which was closed last winter after the floods.",
    "Talks between the two delegations resumed in the capital after a pause of three weeks.",
    "Hundreds marched to the ministry in protest against the new fuel prices.",
    "A roadside bomb struck a minibus carrying workers to the factory, killing four of them.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_a_sentence_passed_over_has_no_clause_with_a_trigger(text: str) -> None:
    clauses = clauses_from_sentence(Span(0, len(text), text))
    if any(best_trigger(c.text) for c in clauses):
        assert could_trigger(text)


def test_a_sentence_of_no_act_is_passed_over() -> None:
    assert not could_trigger("Xyz qwv.")


def test_reference_date_of_each_article_even_when_asked_in_turn() -> None:
    dated = article_from_text("KABUL, March 3, 2021 - Rockets hit the airport.")
    published = article_from_text("Rockets hit the airport on Friday.")
    published = replace(published, published=datetime(2021, 5, 7, tzinfo=UTC))
    for _ in range(2):
        assert reference_date(dated)[0] == date(2021, 3, 3)
        assert reference_date(published) == (date(2021, 5, 7), None)


def test_actors_found_again_in_the_same_text_are_a_fresh_list() -> None:
    lexicon = default_actors()
    text = "Syrian army troops and Islamic State fighters clashed near the dam."
    first = lexicon.find(text)
    first.clear()
    again = lexicon.find(text)
    assert again and again == lexicon.find(text)
    assert lexicon.find("Nobody is named here.") == []


class _Level(IntEnum):
    LOW = 1


def test_plain_fields_are_written_as_their_values() -> None:
    values = (1.5, math.nan, -math.inf, _Level.LOW, MentionRole.LITERAL, ZoneKind.BODY, None, True, "x")
    assert json.loads(dumps(encode_record(values))) == [
        1.5,
        None,
        None,
        1,
        "literal",
        "body",
        None,
        True,
        "x",
    ]


@pytest.mark.parametrize("country", ["SY", "IQ", "NG", "GB"])
def test_towns_by_name_one_country_at_a_time_as_a_scan_of_every_town(country: str) -> None:
    from geoevents.events.towns import cities_by_admin1, cities_named_in, name_key

    whole: dict[str, dict[str, Any]] = {}
    for cities in cities_by_admin1().values():
        for city in cities:
            for name in (city["name"], *city.get("alternatenames", ())):
                key = name_key(name)
                bigger = int(city.get("population") or 0) > int(whole.get(key, {}).get("population") or 0)
                if city["countrycode"] == country and key and bigger:
                    whole[key] = city
    table = cities_named_in(country)
    assert whole and table.keys() == whole.keys()
    assert all(table[key] == city for key, city in whole.items())
