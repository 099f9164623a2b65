"""Fuzzy name matching: close spellings of a query among the names as written, scored below exact ones.

Only for a query that is no word of its own, and only names with the same initial letter a few edits away,
so that a misspelt town is found without turning ordinary words into places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

FUZZY_MAX_SCORE = 0.7  # fuzzy matches always rank below exact, alias and loose ones
FUZZY_MIN_CHARS = 5  # shorter names differ by one letter from too many others to guess at
# A query English text uses this often (wordfreq Zipf) is a word or name in its own right ("Everest",
# "Gorkha"), not a misspelling of a different place; true misspellings score about 0.
FUZZY_MAX_QUERY_ZIPF = 1.5

Buckets = dict[tuple[str, int], list[str]]


def fuzzy_edits(key: str) -> int:
    """How many edits (a letter added, dropped, changed or two swapped) a fuzzy match of a normalised
    name may be away: none under five letters, one up to eight, two up to twelve, then three."""
    letters = len(key.replace(" ", ""))
    if letters < FUZZY_MIN_CHARS:
        return 0
    return 1 if letters <= 8 else 2 if letters <= 12 else 3


def fuzzy_buckets(names: Iterable[str]) -> Buckets:
    """Every name as written, by (initial letter, length): a fuzzy query reads only its neighbours."""
    buckets: Buckets = {}
    for name in names:
        if name:
            buckets.setdefault((name[0], len(name)), []).append(name)
    return buckets


def fuzzy_matches(key: str, buckets: Callable[[], Buckets]) -> list[tuple[str, float]]:
    """Close spellings of the same name, with their scores (below every exact or loose match): names
    with the same initial letter at most ``fuzzy_edits`` edits away, and only for a query that is
    no word of its own (see ``FUZZY_MAX_QUERY_ZIPF``). ``buckets`` is called only when a query needs
    them (building them reads every name)."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    from geoevents.lexicon import zipf_en

    edits = fuzzy_edits(key)
    if not edits or any(zipf_en(word) >= FUZZY_MAX_QUERY_ZIPF for word in key.split(" ")):
        return []
    keys = buckets()
    found = []
    for length in range(len(key) - edits, len(key) + edits + 1):
        for match, distance, _ in process.extract(
            key,
            keys.get((key[0], length), ()),
            scorer=DamerauLevenshtein.distance,
            score_cutoff=edits,
            limit=10,
        ):
            if match[0] == key[0]:
                similarity = 1.0 - distance / len(key)  # equal edits tie: prominence decides
                found.append((match, round(FUZZY_MAX_SCORE * similarity**2, 4)))
    found.sort(key=lambda m: -m[1])
    return found[:10]
