"""A roundup of labelled entries run together with no full stops ("town: what happened there town: ...")
puts each entry's act at its own label, not at the label before it; wordings of our own."""

from __future__ import annotations

from datetime import datetime

from geoevents.events import events_from_article
from geoevents.events.text import Span, clauses_from_sentence
from geoevents.records import Article


def _clauses(text: str) -> list[str]:
    return [c.text for c in clauses_from_sentence(Span(0, len(text), text))]


def test_each_label_opens_its_own_entry() -> None:
    text = "gao: a mine hit an army truck no one hurt timbuktu: gunmen torched a school mopti: calm"
    clauses = _clauses(text)
    assert any(c.startswith("timbuktu: gunmen torched") for c in clauses), clauses
    assert not any(c.endswith("timbuktu") for c in clauses), clauses


def test_a_two_word_label_keeps_both_words() -> None:
    text = "lower juba: militants shelled a camp overnight middle shabelle: troops detained two men"
    assert any(c.startswith("middle shabelle: troops") for c in _clauses(text))


def test_a_sentence_with_no_opening_label_is_cut_as_before() -> None:
    text = "Rebels shelled the northern districts all night long: three houses burned and two men died"
    clauses = _clauses(text)
    assert clauses[0].endswith("all night long"), clauses


def test_the_arrest_of_the_last_entry_is_at_its_label(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = (
        "mogadishu: a mortar round landed near the port overnight no one was hurt "
        "kismayo: police arrested three men over a bomb plot"
    )
    article = Article(id="r", text=text, published=datetime(2024, 5, 2))
    by_type = {
        e.sub_event_type: [loc.place.name for loc in e.locations if loc.role == "site"]
        for e in events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    }
    assert by_type.get("Arrests", [])[:1] == ["Kismayo"], by_type
