"""Texts typed in lower case: a fairly common word is capitalised only when the gazetteer knows it as a
name, so that it never glues onto the town after it, and a country's name is read though it is common."""

from __future__ import annotations

import re
from typing import Any

from geoevents.geoparse.parse import _capitalised, resolved_mentions_from_article
from geoevents.records import Article


def _read(text: str, is_name: Any = None) -> str:
    return re.sub(r"(?<![\w'’])[a-z][a-z]+", lambda w: _capitalised(w, is_name), text)


def test_a_common_word_the_gazetteer_lacks_stays_in_lower_case() -> None:
    def named(word: str) -> bool:
        return word in {"galkayo"}

    assert _read("no casualties galkayo: militia seized a well", named) == (
        "no casualties Galkayo: militia seized a well"
    )


def test_a_country_is_capitalised_though_its_name_is_a_common_word() -> None:
    assert _read("syria's army and iraq's police") == "Syria's army and Iraq's police"


def test_a_town_after_a_common_word_is_read_alone(gazetteer: Any) -> None:
    text = "kismayo: mortars hit the port overnight, no casualties beledweyne: troops retook a village"
    found = resolved_mentions_from_article(Article(id="l", text=text), gazetteer=gazetteer)
    towns = {rm.mention.text: rm.place.country_code for rm in found if rm.place is not None}
    assert towns.get("beledweyne") == "SO" and towns.get("kismayo") == "SO"
