"""The actor lexicon remembers the texts it searched last: the rules that read one article's text again
(air power, home votes, claims, leavers) search it once (wordings of our own)."""

from __future__ import annotations

import pytest

from geoevents.events import actor_lexicon
from geoevents.events.actor_lexicon import ActorLexicon


def _counting(monkeypatch: pytest.MonkeyPatch) -> tuple[ActorLexicon, list[str]]:
    lexicon = ActorLexicon.load()
    searched: list[str] = []
    real = ActorLexicon._find

    def spy(self: ActorLexicon, text: str) -> list[actor_lexicon.ActorMatch]:
        searched.append(text)
        return real(self, text)

    monkeypatch.setattr(ActorLexicon, "_find", spy)
    return lexicon, searched


def test_a_text_searched_again_is_not_scanned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon, searched = _counting(monkeypatch)
    text = "Houthi fighters shelled a market while Saudi-led coalition jets bombed a bridge."
    first = lexicon.find(text)
    first.clear()  # a caller's list is its own
    again = lexicon.find(text)
    assert [a.canonical for a in again] == [
        "Military Forces of Yemen (2017-) Houthi",
        "Operation Restoring Hope",
    ]
    assert searched == [text]


def test_the_memory_holds_only_the_last_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon, searched = _counting(monkeypatch)
    texts = [f"Report {n}: rebels attacked a checkpoint." for n in range(actor_lexicon._RECENT_TEXTS + 1)]
    for text in texts:
        lexicon.find(text)
    lexicon.find(texts[-1])  # still remembered
    lexicon.find(texts[0])  # forgotten, scanned again
    assert searched == [*texts, texts[0]]
    assert len(lexicon._recent) == actor_lexicon._RECENT_TEXTS
