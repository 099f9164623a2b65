"""Toponym recognition: find every stretch of an article that names a place, with its role.

A gazetteer-driven recogniser (no neural model):

1. tokens are found once with one regular expression (``tokens``); capitalised tokens (and "al-Qaim"-style
   forms) start candidate spans, which may run on through connectors ("of", "de", "al", "upon"...);
2. the longest span whose normalised key is a gazetteer name wins (``names``); demonyms ("Iraqi",
   "Iranian-backed", "Americans"; ``demonyms``) and news abbreviations ("U.S.") come from the lexicons;
3. linguistic context decides the role (``people``, ``roles``): titles and given names before a match and
   capitalised words around it make a person or organisation (``NOT_PLACE``); "X said" / "X's influence"
   make a capital or country ``METONYMIC``; a place inside an organisation's name ("Kirkuk Police
   Department") is an associative use (``METONYMIC``); sports fixtures and nationality codes are
   ``NOT_PLACE``;
4. compound mentions are added on top of their parts (``regions``): borders ("the border between X and Y",
   "the X–Y border", "the Syrian border") and regional expressions ("northern Iraq", "the outskirts of
   Mosul", "the Euphrates valley").

Every mention satisfies ``article.text[m.start:m.end] == m.text``. Text in ``JUNK`` and ``META`` zones is
skipped. The gazetteer and word-list questions are remembered in one place (``word_lookups``).
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from operator import attrgetter
from typing import Any

from geoevents.memo import stage_for
from geoevents.records import Article, Mention, MentionRole, ZoneKind

from . import demonyms, names, people, regions
from .roles import as_not_place, names_a_thing, not_place
from .tokens import (
    ARABIC_PREFIX,
    STANCE_PREFIX,
    Tokens,
    in_ranges,
    overlaps,
    skipped_ranges,
    strip_possessive,
    zone_at,
)
from .word_lookups import DEFAULT_OPTIONS, Lookups, RecognizerOptions

_NUMBER_SIGN_AFTER = re.compile(r"\.\s?\d")  # "No. 1", "Lot No. 15", "Nos. 3"
_ON_THE_GROUND = re.compile(r"\b(?:in|near|outside)\s+(?:the\s+city\s+of\s+)?$", re.IGNORECASE)

# What reading at a token gives: the next token to read and the mention found (None: nothing there).
Step = tuple[int, Mention | None]


def _prefixed_capital(word: str) -> bool:
    """An Arabic article or a stance prefix before a capital ("al-Qaim", "pro-Iran")."""
    return bool(ARABIC_PREFIX.match(word) or STANCE_PREFIX.match(word))


class Recognizer:
    """Finds place mentions with one gazetteer; reuse one instance for many articles."""

    def __init__(self, gazetteer: Any, *, options: RecognizerOptions = DEFAULT_OPTIONS) -> None:
        self.gazetteer = gazetteer
        self.options = options
        self.look = Lookups(gazetteer, options)

    def mentions(self, article: Article) -> list[Mention]:
        """Every mention of ``article``, by start (the longer first where two start together)."""
        look, text = self.look, article.text
        skip = skipped_ranges(article)
        toks = Tokens(text)
        found: list[Mention] = []
        i = 0
        # The tokens that may open a name: capitalised, or a prefix before a capital. This runs for every
        # token, so the tests that rule out most words come first and cost no call.
        caps = [
            x
            for x, w in enumerate(toks.words)
            if w[0].isupper() or (w[0] in "aeup" and "-" in w[:5] and _prefixed_capital(w))
        ]
        for cap in caps:
            if cap < i or look.opens_nothing(toks.words[cap]):
                continue  # inside the previous match; or "Monday", "Barack": nothing, and no name begins so
            i, read = self._read_at(article, toks, cap, skip, found[-1].end if found else 0)
            found.extend(read)
        found = people.propagate_people(look, found, toks)
        found = names.acronyms(article, found, skip)
        found.extend(regions.compounds(look, article, toks, found, skip))
        fixtures = regions.fixture_spans(text)
        if fixtures:
            found = [as_not_place(m) if overlaps(m, fixtures) else m for m in found]
        found = [as_not_place(m) if names_a_thing(look.lex, text, m) else m for m in found]
        if not self.options.keep_not_place:
            found = [m for m in found if m.role is not MentionRole.NOT_PLACE]
        found.sort(key=attrgetter("end"), reverse=True)
        found.sort(key=attrgetter("start"))  # stable: by start, the longer mention first
        return found

    def _read_at(
        self, article: Article, toks: Tokens, i: int, skip: list[tuple[int, int]], after: int
    ) -> tuple[int, list[Mention]]:
        """What starts at the capitalised token i, one that may open a mention: a stance ("pro-Iran"), a
        hyphenated pair ("Iraq-Syria"), or a name, demonym or abbreviation (a not-a-place run cut to start
        ``after`` the mention before it). Returns the next token to read and the mentions found."""
        look, word = self.look, toks.words[i]
        if skip and in_ranges(toks.starts[i], skip):
            return i + 1, []
        stance = STANCE_PREFIX.match(word) if "-" in word[:5] or "‑" in word[:5] else None
        if stance:
            mention = demonyms.stance(look, article, toks, i, stance.end())
            return i + 1, [mention] if mention is not None else []
        pair = demonyms.hyphen_pair(look, article, toks, i) if "-" in word else None
        if pair:
            return i + 1, pair
        goes_on = names.may_continue(toks, i)
        if not goes_on and look.lone_word_is_nothing(word):
            return i + 1, []
        j, mention = self._match_at(article, toks, i, goes_on=goes_on)
        if mention is not None and mention.start < after:
            mention = names.trimmed(article, toks, mention, after)
        return j, [mention] if mention is not None else []

    def _match_at(self, article: Article, toks: Tokens, i: int, *, goes_on: bool) -> Step:
        """Recognise what starts at token i; returns the next token index and the mention (or None)."""
        look, word = self.look, toks.words[i]
        zone = zone_at(article, toks.starts[i])
        # (Each kind is tried only where its first test passes: most words are none of them.)
        if word.casefold() in look.lex.multiword_demonym_heads:  # "South African" before "South"
            mention = demonyms.multiword_demonym_at(look, article, toks, i, zone)
            if mention is not None:
                return i + 2, mention
        dotted = word + "." if toks.gaps[i][:1] == "." else word
        if dotted.endswith("."):  # "W.Va.", "S.C."
            mention = names.state_abbreviation_at(look, article, toks, i, dotted, zone)
            if mention is not None:
                return i + 1, mention
        step = names.abbreviation_at(look, article, toks, i, dotted, zone)
        if step is not None:
            return step
        if word in ("No", "Nos") and _NUMBER_SIGN_AFTER.match(toks.text, toks.ends[i]):
            return i + 1, None  # the number sign, not a place called No
        found = names.longest_name(look, toks, i, goes_on=goes_on)
        if found is not None and found[0] > i and word in ("A", "An"):
            # "A New Jersey woman": the article is not part of the name when the name stands without it.
            rest = names.longest_name(look, toks, i + 1)
            if rest is not None and rest[0] >= found[0]:
                return i + 1, None
        step = demonyms.demonym_at(look, article, toks, i, found[0] if found else None, zone)
        if step is not None:
            return step
        if found is None:
            return i + 1, demonyms.modified_name_at(look, article, toks, i, zone)
        return self._name_at(article, toks, i, found, zone)

    def _name_at(self, article: Article, toks: Tokens, i: int, found: names.NameEnd, zone: ZoneKind) -> Step:
        """The gazetteer name in tokens i..k, read in its context: a place, or the person, organisation or
        company whose name it is part of."""
        look, text, start = self.look, toks.text, toks.starts[i]
        k, end, possessive = found
        surface = text[start:end]
        if k > i and end < toks.ends[k] and text[end] == "-":
            return k + 1, demonyms.before_modifier(article, start, surface, toks.words[k], zone)
        low = surface.casefold()
        if low in look.lex.organisations:
            return k + 1, not_place(article, start, end, zone)
        if (
            i == k
            and low in look.lex.named_like_places
            and not _ON_THE_GROUND.search(text, max(0, start - 24), start)
            and text[end : end + 2] != ", "
        ):
            return i + 1, not_place(article, start, end, zone)  # "Toyota recalled", "a Honda"
        role, score, (a, b) = people.classify(look, toks, i, k, surface, possessive)
        if role is None:
            return k + 1, None
        if role is MentionRole.NOT_PLACE:
            # The whole name ("Hadi al-Amiri", "Barcelona Football Club") is the not-a-place mention.
            run_start, run_end = toks.starts[a], toks.starts[b] + len(strip_possessive(toks.words[b])[0])
            mention = Mention(
                article.id, run_start, run_end, text[run_start:run_end], role=role, zone=zone, score=0.0
            )
            return max(b, k) + 1, mention
        return k + 1, Mention(article.id, start, end, surface, role=role, zone=zone, score=score)


_RECOGNIZERS: dict[tuple[int, Hashable], Recognizer] = {}


def recognizer_for(gazetteer: Any, *, options: RecognizerOptions = DEFAULT_OPTIONS) -> Recognizer:
    """One cached recogniser per gazetteer and options."""
    return stage_for(_RECOGNIZERS, lambda g, o: Recognizer(g, options=o), gazetteer, options)


def mentions_from_article(
    article: Article, *, gazetteer: Any, options: RecognizerOptions = DEFAULT_OPTIONS
) -> list[Mention]:
    """Every place mention of ``article`` (offsets into ``article.text``), sorted by position."""
    return recognizer_for(gazetteer, options=options).mentions(article)
