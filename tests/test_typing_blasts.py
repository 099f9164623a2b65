"""A blast told in bare words takes the close explosive its article names (our own wordings)."""

from __future__ import annotations

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

SUICIDE = "Suicide bomb"
IED = "Remote explosive/landmine/IED"


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"id": "t", "published": "2019-03-05"})
    return [e.sub_event_type for e in events_from_article(article, [])]


def test_the_blast_of_suicide_bombers_is_a_suicide_bombing() -> None:
    text = (
        "An official said the raid had been carried out by three suicide bombers wearing explosive belts. "
        "Eleven people died in Mosul on Monday in the blast, among them four guards."
    )
    assert _types(text) == [SUICIDE]


def test_a_blast_with_no_device_named_stays_a_planted_device() -> None:
    assert _types("An explosion at an army checkpoint in Mosul killed eleven soldiers on Monday.") == [IED]


def test_bombs_of_the_air_force_stay_an_air_strike_beside_a_suicide_attack() -> None:
    text = (
        "A suicide bomber struck a checkpoint near Homs on Sunday. "
        "Four civilians were killed in Douma on Monday by regime bombs that landed on a market."
    )
    assert sorted(_types(text)) == ["Air/drone strike", SUICIDE]
