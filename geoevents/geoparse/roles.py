"""Roles: what the words around a name make of it. "Washington said" and "Tehran's influence" are the
government (``METONYMIC``); "the US dollar" and "Marburg virus" name things (``NOT_PLACE``); the rest is
the place itself (``LITERAL``). Also the mentions that say a stretch of text is no place."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geoevents.records import Article, Mention, MentionRole, ZoneKind

from .tokens import PLAIN_GAPS, Tokens

if TYPE_CHECKING:
    from .word_lookups import Lexicon

# Words that may stand between a name and its verb of speech ("Washington has also said").
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
_WORD_AFTER = re.compile(r"[A-Za-z]+")


def role_after(lex: Lexicon, toks: Tokens, k: int, *, possessive: bool, hyphen_compound: bool) -> MentionRole:
    """METONYMIC when the place ending at token k speaks or decides ("Washington said", "Washington, which
    denied it") or owns an abstract noun ("Iran's influence"); LITERAL otherwise."""
    if hyphen_compound:
        return MentionRole.METONYMIC
    if possessive and k + 1 < toks.n and toks.words[k + 1].casefold() in lex.abstract:
        return MentionRole.METONYMIC
    x = k + 1
    if (
        x + 1 < toks.n
        and toks.gaps[k] == ", "
        and toks.words[x].casefold() in ("which", "who")
        and toks.gaps[x] in PLAIN_GAPS
    ):
        x += 1  # "Washington, which denied involvement"
    steps = 0
    while x < toks.n and steps < 3 and toks.words[x].casefold() in _AUX:
        x += 1
        steps += 1
    if x < toks.n and toks.words[x].casefold() in lex.speech and toks.gaps[x - 1] in PLAIN_GAPS:
        return MentionRole.METONYMIC
    return MentionRole.LITERAL


def names_a_thing(lex: Lexicon, text: str, m: Mention) -> bool:
    """A name that is part of a currency or weapon ("the US dollar", "Molotov cocktails")."""
    if m.role is MentionRole.NOT_PLACE or text[m.end : m.end + 1] != " ":
        return False
    after = _WORD_AFTER.match(text, m.end + 1)
    return after is not None and after.group(0).casefold() in lex.things


def all_caps_context(toks: Tokens, i: int) -> bool:
    """Whether token i sits in an all-capitals heading or dateline, where capitals mean nothing."""
    neighbours = [toks.words[x] for x in range(max(0, i - 3), min(toks.n, i + 4)) if x != i]
    alpha = [w for w in neighbours if w[:1].isalpha()]
    return len(alpha) >= 2 and sum(1 for w in alpha if w.isupper()) >= len(alpha) - 1


def not_place(article: Article, start: int, end: int, zone: ZoneKind) -> Mention:
    """A stretch of text that looks like a place name but is none (a person, a club, a code)."""
    return Mention(
        article.id, start, end, article.text[start:end], role=MentionRole.NOT_PLACE, zone=zone, score=0.0
    )


def as_not_place(m: Mention) -> Mention:
    """The same mention, read as no place."""
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
