"""Toponym recognition: find every stretch of an article that names a place, with its role.

A fast gazetteer-driven recogniser (no neural model on the default path):

1. tokens are found once with one regular expression; capitalised tokens (and
   "al-Qaim"-style forms) start candidate spans, which may run on through
   connectors ("of", "de", "al", "upon"...) for up to ``max_name_words`` words;
2. the longest span whose normalised key is a gazetteer name wins; demonyms
   ("Iraqi", "Iranian-backed", "Americans") and news abbreviations ("U.S.")
   come from the lexicons;
3. linguistic context decides the role: titles and given names before a match
   and capitalised words around it make a person or organisation
   (``NOT_PLACE``); "X said" / "X's influence" make a capital or country
   ``METONYMIC``; a place inside an organisation's name ("Kirkuk Police
   Department") is an associative use (``METONYMIC``); sports fixtures and
   nationality codes are ``NOT_PLACE``;
4. compound mentions are added on top of their parts: borders ("the border
   between X and Y", "the X–Y border", "the Syrian border") and regional
   expressions ("northern Iraq", "the outskirts of Mosul", "the Euphrates
   valley").

Every mention satisfies ``article.text[m.start:m.end] == m.text``. Text in
``JUNK`` and ``META`` zones is skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import Any

from geoevents.errors import GeoeventsError
from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.normalize import normalize_name
from geoevents.lexicon import table, words, zipf_en
from geoevents.memo import Memo, stage_for
from geoevents.records import Article, Mention, MentionKind, MentionRole, ZoneKind

# A word: letters/digits with inner apostrophes, hyphens and dots ("K-1", "al-Qaim", "U.S.", "Hezbollah's").
_TOKEN = re.compile(r"\w[\w'’]*+(?:[-‑.]\w[\w'’]*+)*+")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
# The same tokens in ASCII text (most news), where the engine need not ask Unicode what a letter is.
_TOKEN_SPLIT_ASCII = re.compile(r"(\w[\w']*+(?:[-.]\w[\w']*+)*+)", re.ASCII)
_POSSESSIVE = ("'s", "’s", "'", "’")
_START, _END = attrgetter("start"), attrgetter("end")
CONNECTORS = frozenset(
    {
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
    }
)
# Connectors that may stand inside a name only when a capitalised word follows within the span.
# The Arabic article in its spellings, sun-letter forms included ("al-Qaim", "Deir ez-Zor", "Ras el-Ain").
_ARTICLE_FORMS = r"(?:al|el|ad|ed|an|en|ar|er|as|es|ash|esh|at|et|az|ez|ul)"
_ARABIC_PREFIX = re.compile(rf"^{_ARTICLE_FORMS}[-‑](?=[A-Z])")
# "Iran-backed", "US-led", "Moscow-aligned": the place's side or sponsorship, an adjectival use (a demonym).
_ALLEGIANCE = frozenset(
    {
        "affiliated",
        "aligned",
        "allied",
        "armed",
        "backed",
        "brokered",
        "controlled",
        "dominated",
        "financed",
        "friendly",
        "funded",
        "influenced",
        "leaning",
        "led",
        "linked",
        "loyal",
        "oriented",
        "sponsored",
        "supported",
        "trained",
    }
)
# "pro-Iran", "anti-American": a stance towards the place, also adjectival.
_STANCE_PREFIX = re.compile(r"^(?:pro|anti)[-‑](?=[A-Z])", re.IGNORECASE)
_SENTENCE_END_MARKS = frozenset(".!?:;\"“”'‘’([\n|•—–-")
_AUX = frozenset(
    {
        "has",
        "have",
        "had",
        "is",
        "was",
        "will",
        "would",
        "also",
        "has also",
        "could",
        "may",
        "might",
        "did",
        "does",
        "reportedly",
        "repeatedly",
        "publicly",
        "officially",
        "again",
    }
)
_COMPASS = (
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central|upper|lower|far|"
    r"northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"mid-?western|inner|outer|coastal|rural|greater)"
)
_NAME = rf"(?:[A-Z][\w'’]*(?:[-‑–][\w'’]+)*|{_ARTICLE_FORMS}[-‑][A-Z][\w'’]*)"
_NAME_SEQ = rf"{_NAME}(?:\s+(?:(?:of|the|al|el|de|la|du)\s+)*{_NAME})*"
_BORDER_BETWEEN = re.compile(
    rf"\b(?i:border)s?\s+(?:between|of)\s+(?:the\s+)?(?P<a>{_NAME_SEQ})\s+and\s+(?:the\s+)?(?P<b>{_NAME_SEQ})"
)
_BORDER_PAIR = re.compile(rf"(?P<a>{_NAME_SEQ})\s?[-‑–—/]\s?(?P<b>{_NAME_SEQ})\s+(?i:border)(?:s|lands?)?\b")
_BORDER_ONE = re.compile(rf"(?P<a>{_NAME_SEQ})\s+(?i:border)(?:s|lands?)?\b")
_BORDER_WITH = re.compile(rf"\b(?i:border)s?\s+with\s+(?:the\s+)?(?P<a>{_NAME_SEQ})")
_REGION_COMPASS = re.compile(rf"\b(?P<q>{_COMPASS})\s+(?P<a>{_NAME_SEQ})")
_COMPASS_BEFORE = re.compile(rf"\b(?P<q>{_COMPASS})\s+$")
_RELATIVE_PREFIX = (
    r"\b(?P<q>(?:the\s+)?outskirts\s+of|(?:north|south|east|west|north-?east|north-?west|south-?east|"
    r"south-?west)\s+of|near|outside|close\s+to|around|nearby)\s+(?:the\s+(?:city|town|village|province|"
    r"district|region)\s+of\s+)?(?:the\s+)?"
)
_REGION_RELATIVE = re.compile(rf"{_RELATIVE_PREFIX}(?P<a>{_NAME_SEQ})")
_RELATIVE_BEFORE = re.compile(rf"{_RELATIVE_PREFIX}$")
# The words those leads end in, to rule most places out before any regular expression runs.
_COMPASS_LAST = (
    "north",
    "south",
    "east",
    "west",
    "central",
    "upper",
    "lower",
    "far",
    "ern",
    "inner",
    "outer",
    "coastal",
    "rural",
    "greater",
)
_RELATIVE_LAST = ("of", "near", "outside", "to", "around", "nearby", "the")
_SUFFIXES = (
    "valley",
    "basin",
    "delta",
    "desert",
    "region",
    "province",
    "governorate",
    "district",
    "area",
    "countryside",
    "mountains",
    "plains",
    "coast",
)
_SUFFIX_WORDS = frozenset(_SUFFIXES)
_REGION_SUFFIX = re.compile(rf"(?P<a>{_NAME_SEQ})\s+(?P<q>{'|'.join(_SUFFIXES)})\b")
_WORD_HEAD = re.compile(r"[^\W\d_]+")
_CURRENCY_SIGNS = frozenset("$€£¥")
# Particles inside people's names ("Osama bin Laden", "Hassan el Tawil", "Rafael van der Vaart").
_NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "el", "van", "von"})
# Verbs that attribute a quotation to the name after them ("..., said Harlan").
_ATTRIBUTION = frozenset({"said", "says", "added", "explained", "recalled", "noted", "wrote", "continued"})
_LANGUAGE_MODIFIERS = frozenset({"only", "fluent", "fluently", "little", "some", "broken", "good", "native"})
_SPEAK = frozenset({"speak", "speaks", "spoke", "spoken", "speaking", "learn", "learned", "taught", "teach"})
_CONTRACTIONS = frozenset({"ve", "ll", "re", "d", "m", "t"})
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,6})\)")
_NUMBER_SIGN_AFTER = re.compile(r"\.\s?\d")  # "No. 1", "Lot No. 15", "Nos. 3"
_ON_THE_GROUND = re.compile(r"\b(?:in|near|outside)\s+(?:the\s+city\s+of\s+)?$", re.IGNORECASE)
_FIXTURE_GATE = re.compile(r" (?:v|vs|versus)\.? [A-Z]")
_FIXTURE = re.compile(rf"(?P<a>{_NAME_SEQ})\s+(?:v|vs|vs\.|versus)\s+(?P<b>{_NAME_SEQ})")


@dataclass(frozen=True, slots=True)
class RecognizerOptions:
    """Tunable switches; the defaults are the one configuration used everywhere."""

    max_words: int = 7  # longest name tried, in words
    org_place_role: MentionRole = MentionRole.METONYMIC  # "Kirkuk" in "Kirkuk Police Department"
    keep_not_place: bool = True  # report NOT_PLACE mentions (the resolver gives them no place)
    speaker_population: int = 100_000  # a lone word that speaks is a person unless a place this big
    rare_word_zipf: float = 2.5  # rarer than this in English (wordfreq's Zipf scale): a surname, not a word


DEFAULT_OPTIONS = RecognizerOptions()


_WORD_AFTER = re.compile(r"[A-Za-z]+")
# Lower-case street words that can only make an address ("Raju street"); "the Kirkuk road" leads to a place.
_LOWER_STREET = frozenset({"street", "streets", "avenue", "lane", "alley", "boulevard"})


class _Lexicon:
    """The word lists, loaded once."""

    def __init__(self) -> None:
        self.titles = words("titles")
        self.first_names = words("first_names")
        self.org_suffixes = words("org_suffixes")
        self.place_words = words("place_words")
        self.common = words("common_words")
        self.function_words = words("function_words")
        self.generic = words("generic_words") | words("place_words")
        self.street = words("street_words")
        self.organisations = words("organisations")
        self.named_like_places = words("named_like_places")
        self.surnames = words("surnames")
        self.disease = words("disease_words")
        self.things = words("thing_words")

        self.state_abbreviations = {
            row[0]: name.title() for name, row in table("us_states").items() if "." in row[0]
        }

        self.calendar = words("calendar")
        self.speech = words("speech_verbs")
        self.abstract = words("abstract_nouns")
        self.demonyms = table("demonyms")
        self.abbreviations = {k: v for k, v in table("abbreviations").items()}
        self.abbreviation_forms = {line for line in _raw_first_column("abbreviations")}
        self.multiword_demonyms = {k for k in self.demonyms if " " in k}
        self.multiword_demonym_heads = {k.split(" ", 1)[0] for k in self.multiword_demonyms}


def _raw_first_column(name: str) -> list[str]:
    from geoevents.lexicon import _lines

    return [line.split("\t", 1)[0].strip() for line in _lines(f"{name}.tsv")]


_LEX: _Lexicon | None = None


def _lexicon() -> _Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = _Lexicon()
    return _LEX


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or ("-" in word[:4] and bool(_ARABIC_PREFIX.match(word)))


def _strip_possessive(word: str) -> tuple[str, bool]:
    """ "Iraq's" -> ("Iraq", True); "the Philippines'" -> ("Philippines", True)."""
    if len(word) > 2 and word[-1] == "s" and word[-2] in "'’":
        return word[:-2], True
    if len(word) > 3 and word[-1] in "'’" and word[-2] in "sS":
        return word[:-1], True
    return word, False


def _has_possessive(word: str) -> bool:
    """Whether ``_strip_possessive`` would strip a possessive ending from the word."""
    return (len(word) > 2 and word[-1] == "s" and word[-2] in "'’") or (
        len(word) > 3 and word[-1] in "'’" and word[-2] in "sS"
    )


def _demonym_base(word: str, demonyms: dict[str, tuple[str, ...]]) -> str | None:
    """'Iraqi' -> 'iraqi'; 'Iraqis' -> 'iraqi'; 'Iranian-backed' -> 'iranian'; else None."""
    low = word.casefold()
    if low in demonyms:
        return low
    head = low.split("-", 1)[0]
    if head != low and head in demonyms:
        return head
    for plural in ("s", "es"):
        if low.endswith(plural) and low[: -len(plural)] in demonyms:
            return low[: -len(plural)]
    return None


class _Tokens:
    """The article's tokens as parallel lists (fast to index)."""

    __slots__ = ("_vocabulary", "ends", "gaps", "n", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        # One split in C gives [gap, token, gap, token, ..., gap]; running lengths give the offsets.
        pieces = (_TOKEN_SPLIT_ASCII if text.isascii() else _TOKEN_SPLIT).split(text)
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

    def gap(self, i: int) -> str:
        """Text between token i and token i+1."""
        return self.gaps[i]

    def line_initial(self, i: int) -> bool:
        """Whether token i opens a line (where a dateline stands)."""
        k = self.starts[i] - 1
        while k >= 0 and self.text[k] in " \t\r":
            k -= 1
        return k < 0 or self.text[k] == "\n"

    def sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        before = self.text[max(0, self.starts[i] - 3) : self.starts[i]]
        prev = self.words[i - 1]
        # Sentence-ending punctuation (or a line break) before the word, spaces aside.
        mark = before.rstrip()
        return (
            mark[-1:] in _SENTENCE_END_MARKS  # (an empty mark is in no set)
            or "\n" in before[len(mark) :]
            or (prev.endswith(".") and len(prev) > 3 and prev[:-1].casefold() not in ("st", "mt", "ft"))
        )

    def word_after(self, offset: int) -> str:
        """The lower-case word after ``offset`` when only spaces stand between ("" otherwise)."""
        k = bisect_left(self.starts, offset)
        if k >= self.n or not self.text[offset : self.starts[k]].isspace():
            return ""
        return self.words[k].casefold()


def _dateline_word(word: str) -> bool:
    """An all-capitals word of three letters or more: a dateline's place ("WASHINGTON", "DETROIT")."""
    return len(word) >= 3 and word.isalpha() and word.isupper()


def _zone_ranges(article: Article) -> list[tuple[int, int]]:
    return [(z.start, z.end) for z in article.zones if z.kind in (ZoneKind.JUNK, ZoneKind.META)]


def _in_ranges(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _plain_gap(gap: str) -> bool:
    return gap == " " or gap == "\u00a0"


class Recognizer:
    """Finds place mentions with one gazetteer; reuse one instance for many articles."""

    def __init__(self, gazetteer: Any, *, options: RecognizerOptions = DEFAULT_OPTIONS) -> None:
        self.gazetteer = gazetteer
        self.options = options
        self.lex = _lexicon()
        self.max_words = max(1, min(options.max_words, int(getattr(gazetteer, "max_name_words", 6) or 6)))
        self.is_name = Memo(self._is_name, limit=200_000)
        self._name_goes_on = Memo(self._goes_on_as_name, limit=200_000)
        self._is_exact_name = Memo(self._exact_name, limit=200_000)
        self._reads_as_a_person = Memo(self._looks_like_a_person)
        self.demonym_base = Memo(self._demonym_base, limit=200_000)
        self._lone_word_is_nothing = Memo(self._nothing_alone, limit=200_000)
        self._opens_nothing = Memo(self._nothing_opened, limit=200_000)
        self._top_candidates = Memo(self._best_candidates)
        self._zipf = Memo(zipf_en, limit=200_000)

    # --- lookups -------------------------------------------------------------------------------

    def _is_name(self, surface: str) -> bool:
        """Whether a surface form is a gazetteer name (``is_name``, remembered per surface)."""
        key = normalize_name(surface)
        return bool(key) and self.gazetteer.is_name(key)

    def _exact_name(self, surface: str) -> bool:
        """Whether a surface form is a gazetteer name as written (``_is_exact_name``, remembered)."""
        return bool(self.gazetteer.is_exact_name(normalize_name(surface)))

    def _goes_on_as_name(self, surface: str) -> bool:
        """Whether a longer name may begin with this surface form (``_name_goes_on``, remembered); true
        when the gazetteer cannot tell."""
        goes_on = getattr(self.gazetteer, "name_goes_on", None)
        key = normalize_name(surface)
        return goes_on is None or not key or bool(goes_on(key))

    def _nothing_alone(self, word: str) -> bool:
        """Whether a capitalised word standing alone can be no mention at all, whatever its context:
        not a name, demonym or abbreviation, and none of the forms ``_match_at`` treats specially
        (hyphens, possessives, "St."). Most capitalised words ("The", "Monday") are
        (``_lone_word_is_nothing``, remembered per word)."""
        lex = self.lex
        return not (
            "-" in word
            or "'" in word
            or "’" in word
            or word in lex.abbreviation_forms
            or f"{word}." in lex.abbreviation_forms
            or f"{word}." in lex.state_abbreviations
            or word.casefold() in ("st", "mt", "ft")
            or self.demonym_base(word) is not None
            or self.is_name(word)
        )

    def _nothing_opened(self, word: str) -> bool:
        """Whether a capitalised word before another can open no mention: nothing alone, no multi-word
        demonym's first word, and no name begins with it ("Barack", "Senator")
        (``_opens_nothing``, remembered per word)."""
        return (
            self._lone_word_is_nothing(word)
            and word.casefold() not in self.lex.multiword_demonym_heads
            and not self._name_goes_on(word)
        )

    @staticmethod
    def _may_continue(toks: _Tokens, i: int) -> bool:
        """Whether token i may open a longer name or demonym with the token after it."""
        if i + 1 >= toks.n:
            return False
        gap = toks.gaps[i]
        if gap != " " and gap != "\u00a0":
            return False
        nxt = toks.words[i + 1]
        return (
            nxt[0].isupper()
            or _is_cap(nxt)
            or nxt[0].isdigit()
            or nxt.casefold() in CONNECTORS
            or _elided(nxt)
        )

    def _demonym_base(self, word: str) -> str | None:
        """The demonym lexicon's key for a word ("Iraqis" -> "iraqi"; ``demonym_base``, remembered)."""
        return _demonym_base(word, self.lex.demonyms)

    # --- main entry ----------------------------------------------------------------------------

    def mentions(self, article: Article) -> list[Mention]:
        text = article.text
        skip = _zone_ranges(article)
        toks = _Tokens(text)
        found: list[Mention] = []
        i = 0
        caps = [
            x
            for x, w in enumerate(toks.words)
            if w[0].isupper()
            or (w[0] in "aeup" and "-" in w[:5] and (_ARABIC_PREFIX.match(w) or _STANCE_PREFIX.match(w)))
        ]
        words, opens_nothing = toks.words, self._opens_nothing
        for i_cap in caps:
            if i_cap < i:
                continue  # inside the previous match
            i = i_cap
            word = words[i]
            if skip and _in_ranges(toks.starts[i], skip):
                i += 1
                continue
            if opens_nothing(word):  # "Monday", "Barack": nothing alone, and no name begins with it
                i += 1
                continue
            stance = _STANCE_PREFIX.match(word) if "-" in word[:5] or "‑" in word[:5] else None
            if stance:
                mention = self._stance(article, toks, i, stance.end())
                if mention is not None:
                    found.append(mention)
                i += 1
                continue
            pair = self._hyphen_pair(article, toks, i) if "-" in word else None
            if pair:
                found.extend(pair)
                i += 1
                continue
            goes_on = self._may_continue(toks, i)
            if not goes_on and self._lone_word_is_nothing(word):
                i += 1
                continue
            j, mention = self._match_at(article, toks, i, goes_on=goes_on)
            if mention is not None:
                if found and mention.start < found[-1].end:
                    mention = self._trimmed(article, toks, mention, found[-1].end)
                if mention is not None:
                    found.append(mention)
            i = j
        found = self._propagate_people(found, toks)
        found = self._acronyms(article, found, skip)
        found.extend(self._compounds(article, toks, found, skip))
        fixtures = self._fixture_spans(text)
        if fixtures:
            found = [self._as_not_place(m) if _overlaps(m, fixtures) else m for m in found]
        found = [self._as_not_place(m) if self._names_a_thing(text, m) else m for m in found]
        if not self.options.keep_not_place:
            found = [m for m in found if m.role is not MentionRole.NOT_PLACE]
        found.sort(key=_END, reverse=True)
        found.sort(key=_START)  # stable: by start, the longer mention first
        return found

    @staticmethod
    def _trimmed(article: Article, toks: _Tokens, m: Mention, after: int) -> Mention | None:
        """A not-a-place run cut to start after the mention before it ("Iraqi | President Barham Saleh")."""
        k = bisect_left(toks.starts, after)
        if k >= toks.n or toks.starts[k] >= m.end or m.role is not MentionRole.NOT_PLACE:
            return None
        start = toks.starts[k]
        return Mention(
            article.id, start, m.end, article.text[start : m.end], role=m.role, zone=m.zone, score=0.0
        )

    def _acronyms(
        self, article: Article, found: list[Mention], skip: Sequence[tuple[int, int]]
    ) -> list[Mention]:
        """ "New South Wales (NSW)": the acronym a text defines for a place names it wherever it is used."""
        text = article.text
        defined: dict[str, Mention] = {}
        for m in found:
            if m.role is MentionRole.NOT_PLACE or " " not in m.text:
                continue
            d = _ACRONYM_AFTER.match(text, m.end)
            if d is None:
                continue
            initials = "".join(w[0] for w in m.text.split() if w.casefold() not in CONNECTORS).upper()
            if d.group(1) == initials:
                defined.setdefault(initials, m)
        if not defined:
            return found
        spans: list[Mention] = []
        for acronym, m in defined.items():
            for hit in re.finditer(rf"\b{acronym}\b", text):
                if skip and _in_ranges(hit.start(), skip):
                    continue
                zone = article.zone_at(hit.start()) if article.zones else ZoneKind.BODY
                spans.append(
                    Mention(
                        article.id, hit.start(), hit.end(), acronym, role=m.role, zone=zone, parts=(m.text,)
                    )
                )
        taken = {(s.start, s.end) for s in spans}
        kept = [m for m in found if not any(a <= m.start < b for a, b in taken)]
        return sorted(kept + spans, key=lambda m: m.start)

    def _propagate_people(self, found: list[Mention], toks: _Tokens) -> list[Mention]:
        """Once "Hadi al-Amiri" is a person, a later bare "Amiri" is that person too; and a lone word that
        speaks ("Harlan said", "said Harlan") without being a well-known place is a person wherever it stands
        alone in the article (one sense per article)."""
        surnames = set()
        for m in found:
            if m.role is MentionRole.NOT_PLACE and " " in m.text:
                if self._reads_as_a_person(m.text):
                    surnames.add(_surname_key(m.text.rsplit(" ", 1)[1]))
            elif (
                m.role in (MentionRole.LITERAL, MentionRole.METONYMIC)
                and m.kind is MentionKind.TOPONYM
                and " " not in m.text
                and not m.parts
                and self._speaks(toks, m)
                and not self._well_known(m.text)
            ):
                surnames.add(_surname_key(m.text))
        if not surnames:
            return found

        def surname(m: Mention) -> bool:
            if _surname_key(m.text) in surnames:
                return True
            # A piece of a double surname ("Toledo" of "Toledo-Segovia"): the whole token decides.
            k = bisect_right(toks.starts, m.start) - 1
            return k >= 0 and toks.words[k] != m.text and _surname_key(toks.words[k]) in surnames

        return [
            self._as_not_place(m)
            if m.role in (MentionRole.LITERAL, MentionRole.METONYMIC) and " " not in m.text and surname(m)
            else m
            for m in found
        ]

    def _looks_like_a_person(self, run: str) -> bool:
        """A not-a-place run that reads as someone's name ("Hadi al-Amiri"), not an organisation's
        ("First Baptist Church Greenfield", "Burger Palace Canada"): no institutional or common word in
        it, and unless a first name or a title vouches for the person, a last word that is no well-known
        place (``_reads_as_a_person``, remembered per run)."""
        lex = self.lex
        words = run.split()
        vouched = False
        for word in words[:-1]:
            low = _strip_possessive(word)[0].casefold().rstrip(".")
            if low in lex.titles or low in lex.first_names:
                vouched = True
                continue
            if low in lex.org_suffixes or low in lex.generic or low in lex.common or low in lex.street:
                return False
        return vouched or not self._well_known(_strip_possessive(words[-1])[0])

    def _speaks(self, toks: _Tokens, m: Mention) -> bool:
        """Whether the one-word mention is the subject of a verb of speech ("Harlan said") or the speaker
        a quotation is attributed to ("... ," said Harlan)."""
        k = bisect_left(toks.starts, m.start)
        if k >= toks.n or toks.starts[k] != m.start:
            return False
        if (
            k > 0
            and toks.words[k - 1].casefold() in _ATTRIBUTION
            and _plain_gap(toks.gap(k - 1))
            and not (k + 1 < toks.n and _plain_gap(toks.gap(k)) and _is_cap(toks.words[k + 1]))
        ):
            return True  # "said Harlan", not "said Jonesboro Mayor Ann Clark"
        return self._role_after(toks, k, m.text, possessive=False, hyphen_compound=False) is (
            MentionRole.METONYMIC
        ) and not (k + 1 < toks.n and toks.words[k + 1].casefold() in self.lex.abstract)

    def _best_candidates(self, surface: str) -> list[Candidate]:
        """The gazetteer's three best readings of a name (``_top_candidates``, remembered per name)."""
        try:
            return list(self.gazetteer.candidates(surface, limit=3))
        except GeoeventsError:
            return []

    def _names_a_country(self, surface: str) -> bool:
        """Whether a name's best reading is a country ("Canada", "Sudan")."""
        cands = self._top_candidates(surface)
        return bool(cands) and cands[0].match_score >= 0.95 and cands[0].place.feature_class == "country"

    def _well_known(self, surface: str) -> bool:
        """Whether a name's best reading is a place prominent enough to speak (a country, a first-level
        area, a region, a base or a city of 100,000)."""
        return any(
            c.match_score >= 0.95
            and (
                c.place.feature_class in ("country", "admin1", "region", "base")
                or (c.place.population or 0) >= self.options.speaker_population
            )
            for c in self._top_candidates(surface)
        )

    # --- single toponyms ------------------------------------------------------------------------

    def _run_bounds(self, toks: _Tokens, i: int, j: int) -> tuple[int, int]:
        """The capitalised run around tokens i..j (joined by single spaces), as token indexes."""
        words, gaps = toks.words, toks.gaps
        a = i
        while a > 0:
            word, gap = words[a - 1], gaps[a - 1]
            if not (
                (gap == " " or gap == "\u00a0")
                and (word[0].isupper() or _is_cap(word))
                and not toks.sentence_initial(a)
                and not _has_possessive(word)
            ):
                break
            a -= 1
        b = j
        while b + 1 < toks.n:
            word, after = words[b], words[b + 1]
            if not (after[0].isupper() or _is_cap(after)) or _has_possessive(word):
                break
            if _dateline_word(word) and not after.isupper() and toks.line_initial(a):
                break  # "WASHINGTON Barack Obama pardoned...": the dateline ends where the capitals do
            gap = gaps[b]
            # A middle initial ("Dana K. Lewis") keeps a person's name in one run.
            if not (gap == " " or gap == "\u00a0" or (gap == ". " and len(word) == 1 and word.isupper())):
                break
            b += 1
        return a, b

    def _longest_name(
        self, toks: _Tokens, i: int, *, goes_on: bool | None = None
    ) -> tuple[int, int, bool] | None:
        """(last token, end offset, possessive) of the longest gazetteer name starting at token i
        (``goes_on``: ``_may_continue`` for token i, when the caller knows it)."""
        text = toks.text
        if goes_on is None:
            goes_on = self._may_continue(toks, i)
        if not goes_on and not (
            toks.words[i].casefold() in ("st", "mt", "ft") and i + 1 < toks.n and toks.gap(i) == ". "
        ):
            # A lone word (the usual case): no run of words to walk.
            base, poss = _strip_possessive(toks.words[i])
            if _is_contraction(base):
                return None
            start = toks.starts[i]
            return (i, start + len(base), poss) if self.is_name(base) else None
        words, starts, gaps = toks.words, toks.starts, toks.gaps
        start = starts[i]
        limit = min(toks.n, i + self.max_words)
        ends: list[tuple[int, int, bool]] = []
        k = i
        while k < limit:
            word = words[k]
            base, poss = _strip_possessive(word)
            if ("'" in base or "’" in base) and _is_contraction(base):
                break  # "I've", "We'll"
            modified = False
            if k > i and "-" in base:
                head, _, tail = base.partition("-")
                modified = bool(head) and tail[:1].islower()
            if modified:
                # "New York-based", "Saudi Arabia-led": the name ends at the hyphen, if written in full there
                base, poss = head, False
                if not self._is_exact_name(text[start : starts[k] + len(base)]):
                    break
            end = starts[k] + len(base)
            if k == i or word[0].isupper() or _is_cap(word) or word[0].isdigit() or _elided(word):
                ends.append((k, end, poss))
            elif word.casefold() not in CONNECTORS:
                break
            if modified:
                break
            if k + 1 >= toks.n:
                break
            gap = gaps[k]
            if not (gap == " " or gap == "\u00a0" or (gap == ". " and word.casefold() in ("st", "mt", "ft"))):
                break
            if poss and not _is_cap(words[k + 1]):
                break  # "Iraq's army"; but "People's Republic of China", "Queen Anne's County" go on
            if not self._name_goes_on(word if k == i else text[start : toks.ends[k]]):
                break  # no name begins with these words ("Barack Obama")
            k += 1
        for k, end, poss in reversed(ends):
            surface = text[start:end] if k > i or poss else words[i]
            if self.is_name(surface) and (k == i or self._whole_words_name(surface, toks, i, k)):
                return k, end, poss
        return None

    def _whole_words_name(self, surface: str, toks: _Tokens, i: int, k: int) -> bool:
        """A run of words names a place as written, or loosely ("Albu Kamal" for "Abu Kamal") only when
        no word of it is a short or everyday word: "And I" must not become "Andi", nor "A New" "Änew"."""
        if self._is_exact_name(surface):
            return True
        words = toks.words[i : k + 1]
        return all(len(w) > 2 and w.casefold() not in self.lex.common for w in words)

    def _match_at(
        self, article: Article, toks: _Tokens, i: int, *, goes_on: bool | None = None
    ) -> tuple[int, Mention | None]:
        """Recognise what starts at token i; returns the next token index and the mention (or None)."""
        text = toks.text
        word = toks.words[i]
        lex = self.lex
        start = toks.starts[i]
        zone = article.zone_at(start) if article.zones else ZoneKind.BODY
        # Multi-word demonyms ("South African") before the gazetteer, so "South" alone is not tried.
        gap = toks.gaps[i]
        if (
            i + 1 < toks.n
            and word.casefold() in lex.multiword_demonym_heads
            and (gap == " " or gap == "\u00a0")
        ):
            pair = f"{word} {toks.words[i + 1]}"
            base = self.demonym_base(pair)
            if base is not None and base in lex.multiword_demonyms and not self.is_name(pair):
                end = start + len(pair.split("-", 1)[0]) if "-" in toks.words[i + 1] else toks.ends[i + 1]
                return i + 2, self._demonym(article, start, end, base, zone)
        # US state abbreviations after a town or a party letter ("Charleston, W.Va.", "D-S.C.").
        dotted = word + "." if gap[:1] == "." else word
        party = 2 if word[:2] in ("D-", "R-", "I-") else 0  # "Sen. Lindsey Graham, R-S.C."
        state = lex.state_abbreviations.get(dotted[party:]) if dotted.endswith(".") else None
        if state is not None and (
            party or "." in dotted[:-1] or text[max(0, start - 2) : start] in (", ", "D-", "R-", "I-")
        ):
            # "S.C.", "W.Va.": a dotted pair is a state wherever it stands; "Ga." only after "Town, ".
            start += party
            end = start + len(dotted) - party
            return i + 1, Mention(
                article.id,
                start,
                end,
                text[start:end],
                zone=zone,
                parts=(state,),
                country_code="US",
                score=0.9,
            )
        # News abbreviations of places ("U.S.", "UK", "UAE").
        bare = dotted
        if bare not in lex.abbreviation_forms:
            bare = _strip_possessive(word)[0]

        abbr = lex.abbreviations.get(bare.casefold()) if bare in lex.abbreviation_forms else None
        if abbr is not None and text[start + len(bare) : start + len(bare) + 1] in _CURRENCY_SIGNS:
            return i + 1, None  # "US$460 million": money, not a place
        if abbr is None and "-" in word:
            head = word.split("-", 1)[0]
            if head in lex.abbreviation_forms:
                bare, abbr = head, lex.abbreviations.get(head.casefold())
        if abbr is not None:
            end = start + len(bare)
            if "-" in word and _allegiance(word):
                role = MentionRole.DEMONYM  # "US-backed"
            else:
                role = self._role_after(
                    toks, i, text[start:end], possessive=False, hyphen_compound="-" in word
                )
            return i + 1, Mention(
                article.id,
                start,
                end,
                text[start:end],
                role=role,
                zone=zone,
                parts=(abbr[0],),
                country_code=abbr[1] if len(abbr) > 1 else None,
                score=0.9,
            )
        # Nationality and airport-style codes (MAR, JOR, SYR) are never places.
        if bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 4 and not self._all_caps_context(toks, i):
            if bare.casefold() in lex.common or not self.is_name(bare):
                return i + 1, None
            return i + 1, self._not_place(article, start, toks.ends[i], zone)
        if word in ("No", "Nos") and _NUMBER_SIGN_AFTER.match(text, toks.ends[i]):
            return i + 1, None  # the number sign, not a place called No
        found = self._longest_name(toks, i, goes_on=goes_on)
        if found is not None and found[0] > i and word in ("A", "An"):
            # "A New Jersey woman": the article is not part of the name when the name stands without it.
            rest = self._longest_name(toks, i + 1)
            if rest is not None and rest[0] >= found[0]:
                return i + 1, None
        demonym = self.demonym_base(word)
        if (
            demonym is not None
            and found is not None
            and found[0] == i
            and self._demonym_names_itself(toks, i)
        ):
            demonym = None  # "Laos" is a country, not Laotians; "the Mediterranean" is the sea
        if demonym is not None and (found is None or found[0] == i):
            if not self._demonym_is_place(toks, i):
                return i + 1, None
            end = start + len(word.split("-", 1)[0]) if "-" in word else toks.ends[i]
            if word.casefold().endswith(("'s", "’s")):
                end -= 2
            return i + 1, self._demonym(article, start, end, demonym, zone)
        if found is None:
            # "Iran-backed", "Baghdad-based": a place name before a hyphenated modifier.
            if "-" in word and not _ARABIC_PREFIX.match(word):
                head = word.split("-", 1)[0]
                tail = word.split("-", 1)[1]
                if tail[:1].islower() and len(head) > 2 and self.is_name(head):
                    return i + 1, _before_modifier(article, start, head, word, zone)
            return i + 1, None
        k, end, possessive = found
        surface = text[start:end]
        if k > i and end < toks.ends[k] and text[end] == "-":
            return k + 1, _before_modifier(article, start, surface, toks.words[k], zone)
        if i == k and surface.casefold() in lex.organisations:
            return i + 1, self._not_place(article, start, end, zone)
        if i < k and surface.casefold() in lex.organisations:
            return k + 1, self._not_place(article, start, end, zone)
        if (
            i == k
            and surface.casefold() in lex.named_like_places
            and not _ON_THE_GROUND.search(text, max(0, start - 24), start)
            and text[end : end + 2] != ", "
        ):
            return i + 1, self._not_place(article, start, end, zone)  # "Toyota recalled", "a Honda"
        found_role, score, (a, b) = self._classify(toks, i, k, surface, possessive)
        if found_role is None:
            return k + 1, None
        if found_role is MentionRole.NOT_PLACE:
            # The whole name ("Hadi al-Amiri", "Barcelona Football Club") is the not-a-place mention.
            run_start, run_end = toks.starts[a], toks.starts[b] + len(_strip_possessive(toks.words[b])[0])
            return max(b, k) + 1, Mention(
                article.id, run_start, run_end, text[run_start:run_end], role=found_role, zone=zone, score=0.0
            )
        return k + 1, Mention(article.id, start, end, surface, role=found_role, zone=zone, score=score)

    def _demonym_names_itself(self, toks: _Tokens, i: int) -> bool:
        """Whether a word read as a demonym is rather the name of the place: a country that only looks
        like a plural ("Laos"), or a sea or region named with "the" ("the Mediterranean", "the Caribbean")."""
        word = _strip_possessive(toks.words[i])[0]
        cands = self._top_candidates(word)
        if not cands or cands[0].match_score < 0.95:
            return False
        fclass = cands[0].place.feature_class
        if fclass == "country":
            return self.demonym_base(word) != word.casefold()
        return fclass in ("region", "physical") and i > 0 and toks.words[i - 1].casefold() == "the"

    def _reads_as_surnames(self, toks: _Tokens, a: int, b: int) -> bool:
        """Whether tokens a..b, after a place-like first word, read as the rest of a person's name ("Marek
        Wierzbowski") rather than an organisation's ("Kirkuk Police Department"): at most two words, none of
        them an everyday or institutional word, one at least rare in English."""
        if b - a > 1:
            return False
        lex = self.lex
        rare = False
        for x in range(a, b + 1):
            word = _strip_possessive(toks.words[x])[0]
            for piece in word.split("-"):
                low = piece.casefold()
                if low in lex.first_names or low in lex.surnames:
                    continue
                if (
                    low in lex.common
                    or low in lex.org_suffixes
                    or low in lex.generic
                    or low in lex.street
                    or low in lex.titles
                    or not piece.isalpha()
                    or self.is_name(piece)
                ):
                    return False
                if self._zipf(low) < self.options.rare_word_zipf:
                    rare = True
        return rare

    def _demonym_is_place(self, toks: _Tokens, i: int) -> bool:
        """A demonym names its country unless it is a language ("spoke French") or opens another name
        ("American Red Cross", "French Open")."""
        prev = toks.words[i - 1].casefold() if i > 0 else ""
        if prev in _SPEAK:
            return False
        # "spoke only French", "speaks fluent Arabic", "translated from Russian"
        if prev in _LANGUAGE_MODIFIERS and i > 1 and toks.words[i - 2].casefold() in _SPEAK:
            return False
        if prev == "from" and i > 1 and toks.words[i - 2].casefold() in ("translated", "translation"):
            return False
        if i + 1 < toks.n and "-" not in toks.words[i] and _plain_gap(toks.gap(i)):
            nxt = toks.words[i + 1]
            low = nxt.casefold()
            if low in ("language", "speakers", "speaking", "translation", "translator"):
                return False
            if _is_cap(nxt) and low not in self.lex.titles and not self.is_name(nxt):
                return False
        return True

    def _hyphen_pair(self, article: Article, toks: _Tokens, i: int) -> list[Mention] | None:
        """ "Iraq-Syria", "US-Iran", "Turkish-Syrian": two places joined by a hyphen, one mention each."""
        word = toks.words[i]
        pieces = word.split("-")
        if len(pieces) < 2 or not all(p[:1].isupper() for p in pieces) or self.is_name(word):
            return None
        out: list[Mention] = []
        offset = toks.starts[i]
        zone = article.zone_at(offset) if article.zones else ZoneKind.BODY
        before = toks.words[i - 1].casefold() if i > 0 else ""
        if (
            before
            and _plain_gap(toks.gap(i - 1))
            and (before in self.lex.first_names or before in self.lex.titles)
        ):
            # "Maria Toledo-Segovia", "Commissioner Toledo-Segovia": a double surname.
            start = toks.starts[i - 1]
            return [self._not_place(article, start, toks.ends[i], zone)]
        for piece in pieces:
            start, end = offset, offset + len(piece)
            offset = end + 1
            demonym = _demonym_base(piece, self.lex.demonyms)
            abbr = (
                self.lex.abbreviations.get(piece.casefold()) if piece in self.lex.abbreviation_forms else None
            )
            if demonym is not None:
                out.append(self._demonym(article, start, end, demonym, zone))
            elif abbr is not None:
                code = abbr[1] if len(abbr) > 1 else None
                out.append(
                    Mention(article.id, start, end, piece, zone=zone, parts=(abbr[0],), country_code=code)
                )
            elif len(piece) > 3 and piece.casefold() not in self.lex.common and self.is_name(piece):
                out.append(Mention(article.id, start, end, piece, zone=zone, score=0.8))
            else:
                return None
        return out

    def _stance(self, article: Article, toks: _Tokens, i: int, cut: int) -> Mention | None:
        """ "pro-Iran", "anti-American", "pro-US": the place after the prefix, as a demonym of its country."""
        rest = _strip_possessive(re.split(r"[-‑]", toks.words[i][cut:], maxsplit=1)[0])[0]
        start = toks.starts[i] + cut
        end = start + len(rest)
        zone = article.zone_at(start) if article.zones else ZoneKind.BODY
        base = _demonym_base(rest, self.lex.demonyms)
        if base is not None:
            return self._demonym(article, start, end, base, zone)
        abbr = self.lex.abbreviations.get(rest.casefold()) if rest in self.lex.abbreviation_forms else None
        if abbr is not None:
            code = abbr[1] if len(abbr) > 1 else None
            return Mention(
                article.id,
                start,
                end,
                rest,
                role=MentionRole.DEMONYM,
                zone=zone,
                parts=(abbr[0],),
                country_code=code,
                score=0.9,
            )
        if len(rest) > 2 and rest.casefold() not in self.lex.common and self.is_name(rest):
            return Mention(
                article.id, start, end, rest, role=MentionRole.DEMONYM, zone=zone, parts=(rest,), score=0.8
            )
        return None

    def _all_caps_context(self, toks: _Tokens, i: int) -> bool:
        """Whether token i sits in an all-capitals heading or dateline, where capitals mean nothing."""

        neighbours = [toks.words[x] for x in range(max(0, i - 3), min(toks.n, i + 4)) if x != i]
        alpha = [w for w in neighbours if w[:1].isalpha()]
        return len(alpha) >= 2 and sum(1 for w in alpha if w.isupper()) >= len(alpha) - 1

    def _demonym(self, article: Article, start: int, end: int, base: str, zone: ZoneKind) -> Mention:
        row = self.lex.demonyms[base]
        place = row[0] if row else ""
        code = row[1] if len(row) > 1 and row[1] else None
        return Mention(
            article.id,
            start,
            end,
            article.text[start:end],
            role=MentionRole.DEMONYM,
            zone=zone,
            parts=(place,),
            country_code=code,
            score=0.9,
        )

    def _not_place(self, article: Article, start: int, end: int, zone: ZoneKind) -> Mention:
        return Mention(
            article.id, start, end, article.text[start:end], role=MentionRole.NOT_PLACE, zone=zone, score=0.0
        )

    @staticmethod
    def _as_not_place(m: Mention) -> Mention:
        return Mention(
            m.article_id,
            m.start,
            m.end,
            m.text,
            role=MentionRole.NOT_PLACE,
            kind=m.kind,
            zone=m.zone,
            parts=m.parts,
            qualifier=m.qualifier,
            country_code=m.country_code,
            score=0.0,
        )

    def _names_a_thing(self, text: str, m: Mention) -> bool:
        """A name that is part of a currency or weapon ("the US dollar", "Molotov cocktails")."""
        if m.role is MentionRole.NOT_PLACE or text[m.end : m.end + 1] != " ":
            return False
        after = _WORD_AFTER.match(text, m.end + 1)
        return after is not None and after.group(0).casefold() in self.lex.things

    def _classify(
        self, toks: _Tokens, i: int, k: int, surface: str, possessive: bool
    ) -> tuple[MentionRole | None, float, tuple[int, int]]:
        """Role and recognition score of the name in tokens i..k (role None: no mention), and the token
        span the mention covers (the whole capitalised run for a person or organisation name)."""
        lex = self.lex
        first = toks.words[i]
        low = surface.casefold()
        initial = toks.sentence_initial(i)
        single = i == k
        if k + 1 < toks.n and toks.words[k + 1].casefold() in lex.disease:
            return MentionRole.NOT_PLACE, 0.0, (i, k)  # "Marburg virus", "Spanish flu"
        if k + 1 < toks.n and toks.gap(k) == " ":
            after = toks.words[k + 1]
            if after.casefold() in lex.things:
                return MentionRole.NOT_PLACE, 0.0, (i, k)  # "the US dollar", "Molotov cocktails"
            if after.islower() and after in _LOWER_STREET:
                return MentionRole.NOT_PLACE, 0.0, (i, k + 1)  # "Raju street": an address, not the town
        common_here = single and toks.used_lowercase(surface)
        if common_here and initial:
            return None, 0.0, (i, k)  # "Samples from the ducks..." beside "the samples"
        caps_heading = first.isupper() and len(first) > 1 and self._all_caps_context(toks, i)
        if single and (low in lex.calendar or low in lex.titles or low in lex.generic):
            return None, 0.0, (i, k)
        # A common word opening a sentence ("Mobile phones...", "Of the 30...") is not a name.
        if single and low in lex.common and (initial or caps_heading):
            return None, 0.0, (i, k)
        a, b = self._run_bounds(toks, i, k)
        if a == i - 1 and toks.sentence_initial(a) and self._everyday_opening(toks.words[a]):
            a = i  # "Although Edmonton voted", "Former Ohio Gov.": only the sentence's first word
        # Inside a longer capitalised run: a person, an organisation, a club, a title.
        if a < i:
            prev = toks.words[i - 1].casefold()
            before = [toks.words[x].casefold() for x in range(a, i)]
            if prev in lex.titles or prev in lex.first_names:
                return MentionRole.NOT_PLACE, 0.0, (a, b)
            # "Nora Henry", "Barack Obama": the end of someone's name.
            if not all(w in lex.common or w in CONNECTORS for w in before) and not self.is_name(
                " ".join(toks.words[x] for x in range(a, i))
            ):
                if b == k and self._names_a_country(surface):
                    # "Burger Palace Canada", "Amnesty International Australia": the organisation's country.
                    return self.options.org_place_role, 0.55, (i, k)
                return MentionRole.NOT_PLACE, 0.0, (a, b)
        if i > 0 and toks.words[i - 1].casefold() in lex.titles and toks.gap(i - 1) in (" ", ". ", "\u00a0"):
            return MentionRole.NOT_PLACE, 0.0, (i, b)
        if single and self._in_patronymic(toks, i):
            return MentionRole.NOT_PLACE, 0.0, (i, b)  # "Salim bin Umri", "Hassan el Tawil"
        if b > k:
            nxt_base, _ = _strip_possessive(toks.words[k + 1].casefold())
            if nxt_base in lex.street:
                return MentionRole.NOT_PLACE, 0.0, (i, k + 1)  # "Cairo Road", "Boston St."
            if nxt_base in lex.org_suffixes or nxt_base in lex.titles:
                if single and low in lex.common:
                    return MentionRole.NOT_PLACE, 0.0, (i, b)
                return self.options.org_place_role, 0.55, (i, k)

            if single and (low in lex.first_names or low in lex.common):
                return MentionRole.NOT_PLACE, 0.0, (i, b)
            if nxt_base in lex.first_names or nxt_base in lex.surnames:
                # "Jordan Smith", "Paris Hilton": a name that merely starts with a place name.
                return MentionRole.NOT_PLACE, 0.0, (i, b)
            if nxt_base not in lex.place_words and not self.is_name(toks.words[k + 1]):
                if self._reads_as_surnames(toks, k + 1, b):
                    return MentionRole.NOT_PLACE, 0.0, (i, b)  # "Marek Wierzbowski"
                # "Kirkuk Police Department", "Marion County Clerk", "Springdale Public Utilities":
                # the place names whose organisation or office it is.
                return self.options.org_place_role, 0.55, (i, k)
        role = self._role_after(toks, k, surface, possessive=possessive, hyphen_compound=False)
        if (
            common_here
            or caps_heading
            or (single and (low in lex.common or low in lex.surnames or low in lex.first_names))
        ):
            score = 0.4
        elif single:
            score = 0.6 if initial else 0.8
        else:
            score = 0.9
        if role is MentionRole.METONYMIC and single:
            score = min(score, 0.45)  # "Henry said": a person unless the place is a capital or country
        return role, score, (i, k)

    def _everyday_opening(self, word: str) -> bool:
        """Whether a sentence's first word is capitalised only for that: a function word or a frequent
        adverb ("Although", "Former", "Overall", "Eventually"), never part of a name that follows it."""
        low = word.casefold()
        if low in self.lex.function_words:
            return True
        return low.endswith("ly") and low not in self.lex.first_names and self._zipf(low) >= 3.0

    @staticmethod
    def _in_patronymic(toks: _Tokens, i: int) -> bool:
        """Whether token i is joined to another capitalised word by a name particle ("bin", "el", "van"),
        as in people's names; place names built that way ("Sharm el-Sheikh") match whole before this."""
        if (
            i >= 2
            and toks.words[i - 1] in _NAME_PARTICLES
            and _is_cap(toks.words[i - 2])
            and _plain_gap(toks.gap(i - 2))
            and _plain_gap(toks.gap(i - 1))
        ):
            return True
        return (
            i + 2 < toks.n
            and toks.words[i + 1] in _NAME_PARTICLES
            and _is_cap(toks.words[i + 2])
            and _plain_gap(toks.gap(i))
            and _plain_gap(toks.gap(i + 1))
        )

    def _role_after(
        self, toks: _Tokens, k: int, surface: str, *, possessive: bool, hyphen_compound: bool
    ) -> MentionRole:
        """METONYMIC when the place speaks or decides ("Washington said") or owns an abstract noun."""
        lex = self.lex
        if hyphen_compound:
            return MentionRole.METONYMIC
        if possessive and k + 1 < toks.n and toks.words[k + 1].casefold() in lex.abstract:
            return MentionRole.METONYMIC
        x = k + 1
        if (
            x + 1 < toks.n
            and toks.gap(k) == ", "
            and toks.words[x].casefold() in ("which", "who")
            and _plain_gap(toks.gap(x))
        ):
            x += 1  # "Washington, which denied involvement"
        steps = 0
        while x < toks.n and steps < 3 and toks.words[x].casefold() in _AUX:
            x += 1
            steps += 1
        if x < toks.n and toks.words[x].casefold() in lex.speech and _plain_gap(toks.gap(x - 1)):
            return MentionRole.METONYMIC
        return MentionRole.LITERAL

    # --- compound mentions ----------------------------------------------------------------------

    def _fixture_spans(self, text: str) -> list[tuple[int, int]]:
        if not _FIXTURE_GATE.search(text):
            return []
        return [m.span() for m in _FIXTURE.finditer(text)]

    def _compounds(
        self, article: Article, toks: _Tokens, singles: Sequence[Mention], skip: Sequence[tuple[int, int]]
    ) -> list[Mention]:
        text = article.text
        out: list[Mention] = []
        places = {m.start: m for m in singles if m.role is not MentionRole.NOT_PLACE}
        taken: list[tuple[int, int]] = []

        def part(match: re.Match[str], group: str) -> str | None:
            """The group's text trimmed to the place mention that starts it (or None)."""
            start = match.start(group)
            m = places.get(start)
            if m is None:
                return None
            return m.parts[0] if m.role is MentionRole.DEMONYM and m.parts else m.text

        def add(
            start: int, end: int, kind: MentionKind, parts: tuple[str, ...], qualifier: str | None
        ) -> None:
            if (skip and _in_ranges(start, skip)) or any(a < end and start < b for a, b in taken):
                return
            taken.append((start, end))
            zone = article.zone_at(start) if article.zones else ZoneKind.BODY
            out.append(
                Mention(
                    article.id,
                    start,
                    end,
                    text[start:end],
                    kind=kind,
                    zone=zone,
                    parts=parts,
                    qualifier=qualifier,
                    score=0.85,
                )
            )

        # Patterns that open with the place are tried only where a place mention starts, not at every
        # capital of the text: the same matches, at a fraction of the cost.
        starts = sorted(places)
        if "border" in text.lower():
            for m in _BORDER_BETWEEN.finditer(text):
                pa, pb = part(m, "a"), part(m, "b")
                if pa and pb:
                    add(m.start(), m.end(), MentionKind.BORDER, (pa, pb), None)
            for m in _anchored(_BORDER_PAIR, text, starts):
                pa, pb = part(m, "a"), part(m, "b")
                if pa and pb:
                    add(m.start(), m.end(), MentionKind.BORDER, (pa, pb), None)
            for m in _anchored(_BORDER_ONE, text, starts):
                pa = part(m, "a")
                if pa:
                    add(m.start("a"), m.end(), MentionKind.BORDER, (pa,), None)
            for m in _BORDER_WITH.finditer(text):
                pa = part(m, "a")
                if pa:
                    add(m.start(), m.end(), MentionKind.BORDER, (pa,), None)
        # The word before each place that follows a space, for the patterns that end at the place.
        word_before = [
            (start, toks.words[k - 1].casefold())
            for start in starts
            if start > 0 and text[start - 1].isspace() and (k := bisect_left(toks.starts, start)) > 0
        ]
        for m in _ending_at(_COMPASS_BEFORE, _REGION_COMPASS, text, word_before, last=_COMPASS_LAST):
            pa = part(m, "a")
            q = m.group("q")
            if pa and (q[0].islower() or not self.is_name(text[m.start() : m.end("a")])):
                add(m.start(), places[m.start("a")].end, MentionKind.REGION_EXPRESSION, (pa,), q.casefold())
        for m in _ending_at(_RELATIVE_BEFORE, _REGION_RELATIVE, text, word_before, last=_RELATIVE_LAST):
            pa = part(m, "a")
            if pa:
                q = " ".join(m.group("q").casefold().split()).removeprefix("the ")
                add(m.start(), places[m.start("a")].end, MentionKind.REGION_EXPRESSION, (pa,), q)
        # "the Euphrates valley": only a place with one of the words right after it.
        before_suffix = [
            start for start in starts if _head(toks.word_after(places[start].end)) in _SUFFIX_WORDS
        ]
        for m in _anchored(_REGION_SUFFIX, text, before_suffix):
            pa = part(m, "a")
            if pa and places[m.start("a")].end == m.end("a"):
                add(m.start(), m.end(), MentionKind.REGION_EXPRESSION, (pa,), m.group("q").casefold())
        return out


def _anchored(rx: re.Pattern[str], text: str, starts: Sequence[int]) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``rx`` that begin at one of ``starts`` (ascending), left to right."""
    after = 0
    for start in starts:
        if start < after:
            continue
        m = rx.match(text, start)
        if m is not None:
            after = m.end()
            yield m


def _ending_at(
    before: re.Pattern[str],
    rx: re.Pattern[str],
    text: str,
    word_before: Sequence[tuple[int, str]],
    *,
    last: tuple[str, ...],
    window: int = 64,
) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``rx`` whose place group ``a`` begins at one of the places of
    ``word_before`` ((start, the lower-case word before it), ascending).

    ``before`` is the part of ``rx`` ahead of the place, anchored at its end: it is looked for only in
    the few characters before each place instead of at every position of the text, and only where the
    word before the place ends in one of ``last``, the words ``before`` can end in.
    """
    after = 0
    for start, word in word_before:
        if not word.endswith(last):
            continue
        lead = before.search(text, max(after, start - window), start)
        if lead is None:
            continue
        m = rx.match(text, lead.start())
        if m is not None and m.start("a") == start:
            after = m.end()
            yield m


def _head(word: str) -> str:
    """The letters a word opens with ("area" of "area's" or "area-wide")."""
    m = _WORD_HEAD.match(word)
    return m.group() if m else ""


def _elided(word: str) -> bool:
    """A French or Italian article elided onto a name: "d'Ivoire", "l'Aquila"."""
    return word[:2].casefold() in ("d'", "d’", "l'", "l’") and word[2:3].isupper()


def _before_modifier(article: Article, start: int, name: str, word: str, zone: ZoneKind) -> Mention:
    """A place name before a hyphenated modifier: a demonym when it takes a side ("Iran-backed", "Saudi
    Arabia-led"), otherwise an associative use ("Baghdad-based", "New York-based")."""
    adjectival = _allegiance(word)
    return Mention(
        article.id,
        start,
        start + len(name),
        name,
        role=MentionRole.DEMONYM if adjectival else MentionRole.METONYMIC,
        zone=zone,
        parts=(name,) if adjectival else (),
        score=0.8,
    )


def _allegiance(word: str) -> bool:
    """Whether a hyphenated word ends in a side-taking modifier ("Iran-backed", "US-led")."""
    return word.rsplit("-", 1)[-1].casefold() in _ALLEGIANCE


def _is_contraction(word: str) -> bool:
    for mark in ("'", "’"):
        if mark in word:
            return word.rsplit(mark, 1)[1].casefold() in _CONTRACTIONS
    return False


def _surname_key(word: str) -> str:
    if "-" not in word[:4]:
        return word.casefold()
    return _ARABIC_PREFIX.sub("", word).casefold()


def _overlaps(m: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= m.start < b for a, b in spans)


_RECOGNIZERS: dict[tuple[int, Hashable], Recognizer] = {}


def recognizer_for(gazetteer: Any, *, options: RecognizerOptions = DEFAULT_OPTIONS) -> Recognizer:
    """One cached recogniser per gazetteer and options."""
    return stage_for(_RECOGNIZERS, lambda g, o: Recognizer(g, options=o), gazetteer, options)


def mentions_from_article(
    article: Article, *, gazetteer: Any, options: RecognizerOptions = DEFAULT_OPTIONS
) -> list[Mention]:
    """Every place mention of ``article`` (offsets into ``article.text``), sorted by position."""
    return recognizer_for(gazetteer, options=options).mentions(article)
