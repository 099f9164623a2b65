"""How common a plain English word is (wordfreq's Zipf scale), without loading wordfreq's word list.

Loading wordfreq's list costs a fifth of a second, paid by every process at the first word it asks
about. The answers for words of plain Latin letters (ASCII and the accented letters of Latin-1 and
Latin Extended-A/B that lower-case to one letter and that Unicode normalisation leaves alone) are kept
instead in a MARISA trie in the cache folder (one value per word, in hundredths: wordfreq rounds to
two decimals), made once from wordfreq itself and read back in milliseconds. Other words (other
scripts, ligatures) are asked of wordfreq, whose tokenizer alone knows how it reads them; so is every
word while no cache folder can be kept.
"""

from __future__ import annotations

import string
import unicodedata
from functools import cache

import marisa_trie

from geoevents.diskcache import kept


def _plain_letter(c: str) -> bool:
    return (
        c.isalpha()
        and c.lower() == c.casefold()
        and len(c.lower()) == 1
        and unicodedata.normalize("NFKC", c) == c
        and unicodedata.normalize("NFKC", c.lower()) == c.lower()
    )


# The letters a word answered from the table is made of, and the lower-case ones its key is made of.
_LATIN = frozenset(c for c in (*string.ascii_letters, *map(chr, range(0xC0, 0x250))) if _plain_letter(c))
LETTERS = frozenset(c for c in _LATIN if c == c.lower())
PLAIN = frozenset(c for c in _LATIN if c.lower() in LETTERS)


def zipf_en(word: str) -> float:
    """How common a word is in English on wordfreq's Zipf scale (0 unknown, 7 "the"); 0 for forms wordfreq
    would split ("K-1", "al-Qaim") and answer for their parts. Callers remember answers per word."""
    if not word.isalpha():
        return 0.0
    if PLAIN.issuperset(word):
        table = _table()
        if table is not None:
            found = table.get(word.lower())  # wordfreq folds the case of the words it is asked
            return found[0][0] / 100 if found else 0.0
    return _wordfreq_zipf(word)


def _wordfreq_zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # 0.3 s to load: only once a text needs it

    return float(zipf_frequency(word, "en"))


@cache
def _table() -> marisa_trie.RecordTrie | None:
    """The trie of the words of plain letters, read from the cache folder (made there on first use), or None
    when no cache folder can be named: then wordfreq answers."""
    from geoevents.diskcache import cache_path

    if cache_path("zipf-en", "") is None:
        return None
    return _zipf_trie()


@kept("zipf-en", "wordfreq", "marisa-trie", kind=marisa_trie.RecordTrie)
def _zipf_trie() -> marisa_trie.RecordTrie:
    """wordfreq's answer, in hundredths, for every word of plain letters in its English list (two
    seconds, once per wordfreq version)."""
    from wordfreq import get_frequency_dict

    words = [w for w in get_frequency_dict("en") if LETTERS.issuperset(w)]
    return marisa_trie.RecordTrie("<H", ((w, (round(_wordfreq_zipf(w) * 100),)) for w in words))
