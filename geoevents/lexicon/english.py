"""How common a plain English word is (wordfreq's Zipf scale), without loading wordfreq's word list.

Loading wordfreq's list costs a fifth of a second, paid by every process at the first word it asks
about. The answers for words of ASCII letters are kept instead in a MARISA trie in the cache folder
(one value per word, in hundredths: wordfreq rounds to two decimals), made once from wordfreq itself
and read back in milliseconds. Other words (accents, other scripts) are asked of wordfreq, whose
tokenizer alone knows how it reads them; so is every word while no cache folder can be kept.
"""

from __future__ import annotations

from functools import cache

import marisa_trie

from geoevents.diskcache import kept


def zipf_en(word: str) -> float:
    """How common a word is in English on wordfreq's Zipf scale (0 unknown, 7 "the"); 0 for forms wordfreq
    would split ("K-1", "al-Qaim") and answer for their parts. Callers remember answers per word."""
    if not word.isalpha():
        return 0.0
    if word.isascii():
        table = _ascii_table()
        if table is not None:
            found = table.get(word.lower())  # wordfreq folds the case of the words it is asked
            return found[0][0] / 100 if found else 0.0
    return _wordfreq_zipf(word)


def _wordfreq_zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # 0.3 s to load: only once a text needs it

    return float(zipf_frequency(word, "en"))


@cache
def _ascii_table() -> marisa_trie.RecordTrie | None:
    """The trie of the ASCII words, read from the cache folder (made there on first use), or None
    when no cache folder can be named: then wordfreq answers."""
    from geoevents.diskcache import cache_path

    if cache_path("zipf-en", "") is None:
        return None
    return _zipf_trie()


@kept("zipf-en", "wordfreq", "marisa-trie", kind=marisa_trie.RecordTrie)
def _zipf_trie() -> marisa_trie.RecordTrie:
    """wordfreq's answer, in hundredths, for every word of ASCII letters in its English list (two
    seconds, once per wordfreq version)."""
    from wordfreq import get_frequency_dict

    words = [w for w in get_frequency_dict("en") if w.isascii() and w.isalpha()]
    return marisa_trie.RecordTrie("<H", ((w, (round(_wordfreq_zipf(w) * 100),)) for w in words))
