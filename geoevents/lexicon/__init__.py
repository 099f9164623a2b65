"""Word lists as plain text files: those several stages share (demonyms, US states) beside this module,
and the loader that reads them and the recogniser's own lists (``geoevents/geoparse/lexicon/``).

Every list is written from general knowledge of English news style (never
from an evaluation corpus). One entry per line; ``#`` starts a comment;
``.tsv`` files have tab-separated columns.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _lines(filename: str, folder: Path = HERE) -> list[str]:
    out = []
    for raw in (folder / filename).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


@cache
def words(name: str, *, casefold: bool = True, folder: Path = HERE) -> frozenset[str]:
    """The entries of ``<name>.txt`` in ``folder`` (case-folded unless asked not to)."""
    return frozenset(w.strip().casefold() if casefold else w.strip() for w in _lines(f"{name}.txt", folder))


@cache
def table(name: str, *, folder: Path = HERE) -> dict[str, tuple[str, ...]]:
    """``<name>.tsv`` in ``folder`` as {first column case-folded: the other columns}."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _lines(f"{name}.tsv", folder):
        cols = [c.strip() for c in line.split("\t")]
        out[cols[0].casefold()] = tuple(cols[1:])
    return out


@cache
def first_column(name: str, *, folder: Path = HERE) -> tuple[str, ...]:
    """The first column of ``<name>.tsv`` in ``folder`` as written (not case-folded)."""
    return tuple(line.split("\t", 1)[0].strip() for line in _lines(f"{name}.tsv", folder))


def zipf_en(word: str) -> float:
    """How common a word is in English on wordfreq's Zipf scale (0 unknown, 7 "the"); 0 for forms wordfreq
    would split ("K-1", "al-Qaim") and answer for their parts. Callers remember answers per word."""
    from geoevents.lexicon.english import zipf_en as answer  # its table loads only once a text needs it

    return answer(word)
