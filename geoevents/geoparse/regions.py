"""Borders and regional expressions, added on top of the place mentions inside them: "the border between X
and Y", "the X-Y border", "the Syrian border", "northern Iraq", "the outskirts of Mosul", "the Euphrates
valley". Also sports fixtures ("Iraq v Jordan"), whose teams are no places."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from geoevents.records import Article, Mention, MentionKind, MentionRole

from .tokens import ARTICLE_FORMS, Tokens, head, in_ranges, zone_at

if TYPE_CHECKING:
    from .word_lookups import Lookups

_COMPASS = (
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central|upper|lower|far|"
    r"northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"mid-?western|inner|outer|coastal|rural|greater)"
)
_NAME = rf"(?:[A-Z][\w'’]*(?:[-‑–][\w'’]+)*|{ARTICLE_FORMS}[-‑][A-Z][\w'’]*)"
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
_FIXTURE_GATE = re.compile(r" (?:v|vs|versus)\.? [A-Z]")
_FIXTURE = re.compile(rf"(?P<a>{_NAME_SEQ})\s+(?:v|vs|vs\.|versus)\s+(?P<b>{_NAME_SEQ})")


def fixture_spans(text: str) -> list[tuple[int, int]]:
    """The spans of sports fixtures ("Iraq v Jordan", "Chelsea vs. Porto")."""
    if not _FIXTURE_GATE.search(text):
        return []
    return [m.span() for m in _FIXTURE.finditer(text)]


class _Compounds:
    """The compound mentions of one article, built over its place mentions; overlapping ones are
    dropped (the first found stays)."""

    def __init__(self, article: Article, singles: Sequence[Mention], skip: Sequence[tuple[int, int]]) -> None:
        self.article = article
        self.skip = skip
        self.places = {m.start: m for m in singles if m.role is not MentionRole.NOT_PLACE}
        self.starts = sorted(self.places)
        self.taken: list[tuple[int, int]] = []
        self.out: list[Mention] = []

    def part(self, match: re.Match[str], group: str) -> str | None:
        """The name of the place mention that starts the group (None when none does)."""
        m = self.places.get(match.start(group))
        if m is None:
            return None
        return m.parts[0] if m.role is MentionRole.DEMONYM and m.parts else m.text

    def end_of(self, match: re.Match[str]) -> int:
        """Where the place mention that starts group ``a`` ends."""
        return self.places[match.start("a")].end

    def add(
        self, start: int, end: int, kind: MentionKind, parts: tuple[str, ...], qualifier: str | None
    ) -> None:
        if (self.skip and in_ranges(start, self.skip)) or any(a < end and start < b for a, b in self.taken):
            return
        self.taken.append((start, end))
        article = self.article
        self.out.append(
            Mention(
                article.id,
                start,
                end,
                article.text[start:end],
                kind=kind,
                zone=zone_at(article, start),
                parts=parts,
                qualifier=qualifier,
                score=0.85,
            )
        )


def compounds(
    look: Lookups, article: Article, toks: Tokens, singles: Sequence[Mention], skip: Sequence[tuple[int, int]]
) -> list[Mention]:
    """Border and regional-expression mentions built on the article's place mentions ``singles``."""
    found = _Compounds(article, singles, skip)
    if "border" in article.text.lower():
        _borders(found)
    _regional_expressions(look, toks, found)
    return found.out


def _borders(found: _Compounds) -> None:
    text, starts, part = found.article.text, found.starts, found.part
    # Patterns that open with the place are tried only where a place mention starts, not at every
    # capital of the text: the same matches, at a fraction of the cost.
    for m in _BORDER_BETWEEN.finditer(text):
        pa, pb = part(m, "a"), part(m, "b")
        if pa and pb:
            found.add(m.start(), m.end(), MentionKind.BORDER, (pa, pb), None)
    for m in _anchored(_BORDER_PAIR, text, starts):
        pa, pb = part(m, "a"), part(m, "b")
        if pa and pb:
            found.add(m.start(), m.end(), MentionKind.BORDER, (pa, pb), None)
    for m in _anchored(_BORDER_ONE, text, starts):
        pa = part(m, "a")
        if pa:
            found.add(m.start("a"), m.end(), MentionKind.BORDER, (pa,), None)
    for m in _BORDER_WITH.finditer(text):
        pa = part(m, "a")
        if pa:
            found.add(m.start(), m.end(), MentionKind.BORDER, (pa,), None)


def _regional_expressions(look: Lookups, toks: Tokens, found: _Compounds) -> None:
    text, starts, part = found.article.text, found.starts, found.part
    region = MentionKind.REGION_EXPRESSION
    # The word before each place that follows a space, for the patterns that end at the place.
    word_before = [
        (start, toks.words[k - 1].casefold())
        for start in starts
        if start > 0 and text[start - 1].isspace() and (k := bisect_left(toks.starts, start)) > 0
    ]
    for m in _ending_at(_COMPASS_BEFORE, _REGION_COMPASS, text, word_before, last=_COMPASS_LAST):
        pa = part(m, "a")
        q = m.group("q")
        if pa and (q[0].islower() or not look.is_name(text[m.start() : m.end("a")])):
            found.add(m.start(), found.end_of(m), region, (pa,), q.casefold())
    for m in _ending_at(_RELATIVE_BEFORE, _REGION_RELATIVE, text, word_before, last=_RELATIVE_LAST):
        pa = part(m, "a")
        if pa:
            q = " ".join(m.group("q").casefold().split()).removeprefix("the ")
            found.add(m.start(), found.end_of(m), region, (pa,), q)
    # "the Euphrates valley": only a place with one of the words right after it.
    before_suffix = [s for s in starts if head(toks.word_after(found.places[s].end)) in _SUFFIX_WORDS]
    for m in _anchored(_REGION_SUFFIX, text, before_suffix):
        pa = part(m, "a")
        if pa and found.end_of(m) == m.end("a"):
            found.add(m.start(), m.end(), region, (pa,), m.group("q").casefold())


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
