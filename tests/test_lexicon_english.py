"""The kept table of English word frequencies answers as wordfreq itself does."""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

from geoevents.lexicon import zipf_en

WORDS = ["the", "river", "River", "RIVER", "mallard", "Qwzxv", "kabul", "São", "Zürich"]
WORDS += ["café", "STRASSE", "Straße"]
WORDS += ["Ɛ", "İstanbul", "ĳssel", "Москва", "東京", "a"]  # answered by wordfreq itself


@pytest.mark.parametrize("word", WORDS)
def test_same_answer_as_wordfreq(word: str) -> None:
    assert zipf_en(word) == zipf_frequency(word, "en")


@pytest.mark.parametrize("word", ["K-1", "al-Qaim", "B52", "", "two words"])
def test_forms_wordfreq_would_split_are_unknown(word: str) -> None:
    assert zipf_en(word) == 0.0
