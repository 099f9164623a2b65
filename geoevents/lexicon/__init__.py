"""Word lists the recogniser uses, as plain text files beside this module.

Every list is written from general knowledge of English news style (never
from an evaluation corpus). One entry per line; ``#`` starts a comment;
``.tsv`` files have tab-separated columns.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _lines(filename: str) -> list[str]:
    out = []
    for raw in (HERE / filename).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


@cache
def words(name: str, *, casefold: bool = True) -> frozenset[str]:
    """The entries of ``<name>.txt`` (case-folded unless asked not to)."""
    return frozenset(w.strip().casefold() if casefold else w.strip() for w in _lines(f"{name}.txt"))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """``<name>.tsv`` as {first column case-folded: the other columns}."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _lines(f"{name}.tsv"):
        cols = [c.strip() for c in line.split("\t")]
        out[cols[0].casefold()] = tuple(cols[1:])
    return out


def zipf_en(word: str) -> float:
    """How common a word is in English on wordfreq's Zipf scale (0 unknown, 7 "the"); 0 for forms wordfreq
    would split ("K-1", "al-Qaim") and answer for their parts. Callers remember answers per word."""
    if not word.isalpha():
        return 0.0
    from wordfreq import zipf_frequency  # 0.3 s to load: only once a text needs it

    return float(zipf_frequency(word, "en"))
