"""Tokens: an article's words and the gaps between them, found once with one regular expression, and the
small tests on a word's shape (capitalised, possessive, contraction) every other recognition module uses."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate

from geoevents.records import Article, Mention, ZoneKind

# A word: letters/digits with inner apostrophes, hyphens and dots ("K-1", "al-Qaim", "U.S.", "Hezbollah's").
TOKEN = re.compile(r"\w[\w'’]*+(?:[-‑.]\w[\w'’]*+)*+")
TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")
# The same tokens in ASCII text (most news), where the engine need not ask Unicode what a letter is.
TOKEN_SPLIT_ASCII = re.compile(r"(\w[\w']*+(?:[-.]\w[\w']*+)*+)", re.ASCII)

# Small words that may stand inside a place name ("Stratford upon Avon", "Deir ez-Zor", "Rio de Janeiro").
CONNECTORS = frozenset(
    [
        "of",
        "de",
        "del",
        "la",
        "le",
        "les",
        "du",
        "des",
        "da",
        "do",
        "dos",
        "das",
        "al",
        "el",
        "upon",
        "on",
        "the",
        "y",
        "and",
        "sur",
        "am",
        "an",
        "der",
        "di",
        "ad",
        "as",
        "ash",
        "ar",
        "bin",
        "ibn",
    ]
)
# The Arabic article in its spellings, sun-letter forms included ("al-Qaim", "Deir ez-Zor", "Ras el-Ain").
ARTICLE_FORMS = r"(?:al|el|ad|ed|an|en|ar|er|as|es|ash|esh|at|et|az|ez|ul)"
ARABIC_PREFIX = re.compile(rf"^{ARTICLE_FORMS}[-‑](?=[A-Z])")
# "pro-Iran", "anti-American": a stance towards the place.
STANCE_PREFIX = re.compile(r"^(?:pro|anti)[-‑](?=[A-Z])", re.IGNORECASE)
_SENTENCE_END_MARKS = frozenset(".!?:;\"“”'‘’([\n|•—–-")
_CONTRACTIONS = frozenset({"ve", "ll", "re", "d", "m", "t"})
_WORD_HEAD = re.compile(r"[^\W\d_]+")
# What stands between two words of one name: one space or a no-break space.
PLAIN_GAPS = (" ", "\u00a0")
# Abbreviated place words a dot and a space may follow inside a name ("St. Louis", "Mt. Hood").
ABBREVIATED = ("st", "mt", "ft")


class Tokens:
    """The article's tokens as parallel lists (fast to index)."""

    __slots__ = ("_vocabulary", "ends", "gaps", "n", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        # One split in C gives [gap, token, gap, token, ..., gap]; running lengths give the offsets.
        pieces = (TOKEN_SPLIT_ASCII if text.isascii() else TOKEN_SPLIT).split(text)
        offsets = list(accumulate(map(len, pieces)))
        self.words = pieces[1::2]
        self.gaps = pieces[2::2]  # gaps[i]: the text between token i and token i+1
        self.starts = offsets[0:-1:2]
        self.ends = offsets[1::2]
        self.n = len(self.words)
        self._vocabulary: set[str] | None = None

    def used_lowercase(self, word: str) -> bool:
        """Whether the article also writes this word in lower case (then it is a common word here)."""
        if self._vocabulary is None:
            self._vocabulary = set(self.words)
        low = word.lower()
        return low != word and low in self._vocabulary

    def line_initial(self, i: int) -> bool:
        """Whether token i opens a line (where a dateline stands)."""
        k = self.starts[i] - 1
        while k >= 0 and self.text[k] in " \t\r":
            k -= 1
        return k < 0 or self.text[k] == "\n"

    def sentence_initial(self, i: int) -> bool:
        """Whether token i opens a sentence: punctuation or a line break before it, or a word ending in a
        full stop that is no abbreviation."""
        if i == 0:
            return True
        before = self.text[max(0, self.starts[i] - 3) : self.starts[i]]
        prev = self.words[i - 1]
        mark = before.rstrip()
        return (
            mark[-1:] in _SENTENCE_END_MARKS  # (an empty mark is in no set)
            or "\n" in before[len(mark) :]
            or (prev.endswith(".") and len(prev) > 3 and prev[:-1].casefold() not in ABBREVIATED)
        )

    def word_after(self, offset: int) -> str:
        """The lower-case word after ``offset`` when only spaces stand between ("" otherwise)."""
        k = bisect_left(self.starts, offset)
        if k >= self.n or not self.text[offset : self.starts[k]].isspace():
            return ""
        return self.words[k].casefold()

    def before(self, i: int) -> str:
        """The lower-case word before token i ("" for the first)."""
        return self.words[i - 1].casefold() if i > 0 else ""

    def joined(self, i: int) -> bool:
        """Whether token i and the next stand one plain space apart."""
        return i + 1 < self.n and self.gaps[i] in PLAIN_GAPS


def is_cap(word: str) -> bool:
    """Capitalised, or an Arabic article before a capital ("al-Qaim")."""
    return word[:1].isupper() or ("-" in word[:4] and bool(ARABIC_PREFIX.match(word)))


def strip_possessive(word: str) -> tuple[str, bool]:
    """ "Iraq's" -> ("Iraq", True); "the Philippines'" -> ("Philippines", True)."""
    if len(word) > 2 and word[-1] == "s" and word[-2] in "'’":
        return word[:-2], True
    if len(word) > 3 and word[-1] in "'’" and word[-2] in "sS":
        return word[:-1], True
    return word, False


def has_possessive(word: str) -> bool:
    """Whether ``strip_possessive`` would strip a possessive ending from the word."""
    return (len(word) > 2 and word[-1] == "s" and word[-2] in "'’") or (
        len(word) > 3 and word[-1] in "'’" and word[-2] in "sS"
    )


def dateline_word(word: str) -> bool:
    """An all-capitals word of three letters or more: a dateline's place ("WASHINGTON", "DETROIT")."""
    return len(word) >= 3 and word.isalpha() and word.isupper()


def elided(word: str) -> bool:
    """A French or Italian article elided onto a name: "d'Ivoire", "l'Aquila"."""
    return word[:2].casefold() in ("d'", "d’", "l'", "l’") and word[2:3].isupper()


def is_contraction(word: str) -> bool:
    """ "I've", "We'll", "don't": an English contraction, never a name."""
    for mark in ("'", "’"):
        if mark in word:
            return word.rsplit(mark, 1)[1].casefold() in _CONTRACTIONS
    return False


def head(word: str) -> str:
    """The letters a word opens with ("area" of "area's" or "area-wide")."""
    m = _WORD_HEAD.match(word)
    return m.group() if m else ""


def skipped_ranges(article: Article) -> list[tuple[int, int]]:
    """The spans never read for places: junk and meta zones."""
    return [(z.start, z.end) for z in article.zones if z.kind in (ZoneKind.JUNK, ZoneKind.META)]


def in_ranges(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def overlaps(m: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a mention starts inside one of the spans."""
    return any(a <= m.start < b for a, b in spans)


def zone_at(article: Article, offset: int) -> ZoneKind:
    """The zone an offset lies in (the body when the article has no zones)."""
    return article.zone_at(offset) if article.zones else ZoneKind.BODY


def capitalised_run(toks: Tokens, i: int, j: int) -> tuple[int, int]:
    """The capitalised run around tokens i..j (joined by single spaces), as token indexes."""
    words, gaps = toks.words, toks.gaps
    a = i
    while a > 0:
        word, gap = words[a - 1], gaps[a - 1]
        if not (
            gap in PLAIN_GAPS
            and (word[0].isupper() or is_cap(word))
            and not toks.sentence_initial(a)
            and not has_possessive(word)
        ):
            break
        a -= 1
    b = j
    while b + 1 < toks.n:
        word, after = words[b], words[b + 1]
        if not (after[0].isupper() or is_cap(after)) or has_possessive(word):
            break
        if dateline_word(word) and not after.isupper() and toks.line_initial(a):
            break  # "WASHINGTON Barack Obama pardoned...": the dateline ends where the capitals do
        gap = gaps[b]
        # A middle initial ("Dana K. Lewis") keeps a person's name in one run.
        if not (gap in PLAIN_GAPS or (gap == ". " and len(word) == 1 and word.isupper())):
            break
        b += 1
    return a, b
