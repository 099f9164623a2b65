"""Sentence and clause segmentation with offsets into ``Article.text``.

Sentences never cross a zone boundary, so a caption or a junk block cannot
bleed into the story. Offsets are kept exactly: ``text[start:end]`` is the span.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from geoevents.records import Article, ZoneKind

# Zones whose sentences can report events; titles and bylines are headline grammar or names.
EVENT_ZONES = frozenset({ZoneKind.BODY, ZoneKind.CAPTION})

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "brig",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "mt",
        "ft",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "approx",
        "est",
        "fig",
    ]
)
# A full stop, question or exclamation mark (with closing quotes/brackets) followed by space.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")
# Paragraph breaks, bullets, and single line breaks after a finished sentence or a short line.
_LINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[•*\-–—]\s)|(?<=[.!?:\"”’)])[ \t]*\n")
_SHORT_LINE = re.compile(r"(?m)^[^\n]{1,60}\n")  # a heading or credit line ends where it ends


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    zone: ZoneKind = ZoneKind.BODY


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1)
    if token.lower().rstrip(".") in _ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isupper():  # an initial: "Laura K. Bennett"
        return True
    return "." in token  # "U.S." "a.m."


def _zone_runs(article: Article) -> Iterator[tuple[int, int, ZoneKind]]:
    """Maximal runs of text of one zone kind, covering the whole text."""
    text = article.text
    if not article.zones:
        yield 0, len(text), ZoneKind.BODY
        return
    cuts = {0, len(text)}
    for zone in article.zones:
        cuts.update((max(0, min(zone.start, len(text))), max(0, min(zone.end, len(text)))))
    points = sorted(cuts)
    for a, b in itertools.pairwise(points):
        if b > a:
            yield a, b, article.zone_at(a)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences_from_text(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` as absolute (start, end) offsets."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    # Paragraph breaks and bullet lines always end a sentence.
    blocks: list[tuple[int, int]] = []
    pos = start
    for m in _LINE_BREAK.finditer(text, start, end):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, end))
    split: list[tuple[int, int]] = []
    for b_start, b_end in blocks:
        cursor = b_start
        for m in _SHORT_LINE.finditer(text, b_start, b_end):
            split.append((cursor, m.end() - 1))
            cursor = m.end()
        split.append((cursor, b_end))
    blocks = split
    for b_start, b_end in blocks:
        cursor = b_start
        for m in _BOUNDARY.finditer(text, b_start, b_end):
            if _is_abbreviation(text, m.start()):
                continue
            nxt = _NEXT_CHAR.match(text, m.end(), b_end)
            if nxt and nxt.group(1).islower():  # "... 8 p.m. on Friday": not a new sentence
                continue
            spans.append((cursor, m.end()))
            cursor = m.end()
        spans.append((cursor, b_end))
    out = []
    for s, e in spans:
        s, e = _trim(text, s, e)
        if e - s >= 3:
            out.extend(_bounded(text, s, e))
    return out


_NEXT_CHAR = re.compile(r"\s+(\S)")
# No real sentence is this long; a longer run (a list of thousands of names, text with no full stops) is
# read in pieces of at most this many characters, so that the work per sentence, some of it quadratic
# in the places a sentence names, stays bounded and a whole article costs time linear in its length.
MAX_SENTENCE_CHARS = 2000
_PIECE_BREAK = re.compile(r"[,;]\s|\s")


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)``, or pieces of it no longer than ``MAX_SENTENCE_CHARS``, cut after a comma or
    space in the second half of each piece where there is one."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        for m in _PIECE_BREAK.finditer(text, start + MAX_SENTENCE_CHARS // 2, limit):
            cut = m.end()
        s, e = _trim(text, start, cut)
        if e > s:
            pieces.append((s, e))
        start = cut
    s, e = _trim(text, start, end)
    if e - s >= 3:
        pieces.append((s, e))
    return pieces


def sentences_from_article(article: Article, *, zones: frozenset[ZoneKind] = EVENT_ZONES) -> list[Span]:
    """The sentences of the zones that can report events, in text order."""
    text = article.text
    result: list[Span] = []
    for z_start, z_end, kind in _zone_runs(article):
        if kind not in zones:
            continue
        for s, e in sentences_from_text(text, z_start, z_end):
            result.append(Span(s, e, text[s:e], kind))
    return result


# Where one clause hands over to another that reports a different event.
_CLAUSE_BREAK = re.compile(  # every break starts at one of [;:,\s]: other positions fail at once
    r"(?=[;:,\s])(?:[;:]\s+|,?\s+(?=(?:in (?:response|retaliation|reply|revenge) (?:to|for)|following|"
    r"days? after|"
    r"(?:were|was|is|are|came|comes)\s+(?:an?\s+|in\s+)?(?:retaliation|reprisal|revenge|response)\s+(?:to|for)|"
    r"in\s+protest\s+(?:against|at|over|of)|"
    r"weeks? after|hours? after|a day after|after|before|since|while|whereas|but|"
    r"as\s+(?=(?:the\s+|heavy\s+|fierce\s+|(?-i:[A-Z][\w-]*)\s+(?:group\s+)?)?(?:fighting|clashes|battles|air\s*strikes|shelling|bombardment|"
    r"rebels|troops|forces|militants|fighters|protesters)\b))\b)|,\s+(?=and\b)|"
    # A second act of the same doers after a participle's toll: "stormed X, killing eight, then clashed".
    r",\s+(?=(?:and\s+)?then\s+(?:later\s+)?[a-z]+ed\b)|"
    # A live blog's clock time opens its next entry: "... killing 11 11:20 rockets fired towards ...".
    r"(?<!\bat)(?<!\bby)(?<!\baround)(?<!\babout)(?<!\buntil)(?<!\bfrom)(?<!\bsince)\s+"
    r"(?=\d{1,2}[:.]\d{2}\s+(?!(?:a\.?m|p\.?m|GMT|UTC|local|hrs|hours|on|and)\b)[A-Za-z]))",
    re.IGNORECASE,
)


# A roundup's opening label: a few words and a colon ("baidoa: ...", "Lower Shabelle: ...").
_ROUNDUP_LABEL = re.compile(r"\s*((?:[^\W\d][\w'’-]*\s+){0,2}[^\W\d][\w'’-]*):\s")


def clauses_from_sentence(sentence: Span) -> list[Span]:
    """Clauses of a sentence, split where a new event may be introduced ("in response to ..."). In a
    roundup of labelled entries with no full stops ("baidoa: ... kismayo: police arrested ..."), the
    words before each colon are the next entry's label, as long as the first label."""
    parts: list[Span] = []
    cursor = sentence.start
    base = sentence.start
    label = _ROUNDUP_LABEL.match(sentence.text)
    label_words = len(label.group(1).split()) if label else 0
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        cut, after = base + m.start(), base + m.end()
        if label_words and m.group(0).startswith(":"):  # the label opens the next entry
            words = list(re.finditer(r"\S+", sentence.text[: m.start()]))
            if len(words) > label_words:
                cut = after = base + words[-label_words].start()
        if cut - cursor >= 12:
            parts.append(Span(cursor, cut, sentence.text[cursor - base : cut - base], sentence.zone))
            cursor = after
    parts.append(Span(cursor, sentence.end, sentence.text[cursor - base :], sentence.zone))
    return [p for p in parts if p.text.strip()]
