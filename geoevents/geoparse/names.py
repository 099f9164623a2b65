"""Names: the longest gazetteer name starting at a token ("Deir ez-Zor", "St. Louis", "New York" of "New
York-based"), news abbreviations ("U.S.", "UAE", "W.Va.") and the acronyms an article defines ("New South
Wales (NSW)")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geoevents.gazetteer.normalize import ARABIC_ARTICLES
from geoevents.records import Article, Mention, MentionRole, ZoneKind

from .demonyms import allegiance
from .roles import all_caps_context, not_place, role_after
from .tokens import (
    ABBREVIATED,
    CONNECTORS,
    PLAIN_GAPS,
    Tokens,
    elided,
    in_ranges,
    is_cap,
    is_contraction,
    strip_possessive,
    zone_at,
)

if TYPE_CHECKING:
    from .word_lookups import Lookups

# A name found at a token: (its last token, its end offset, whether a possessive ending was cut off).
NameEnd = tuple[int, int, bool]

_CURRENCY_SIGNS = frozenset("$€£¥")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,6})\)")
_PARTY = ("D-", "R-", "I-")  # "Sen. Lindsey Graham, R-S.C."


def may_continue(toks: Tokens, i: int) -> bool:
    """Whether token i may open a longer name or demonym with the token after it."""
    if i + 1 >= toks.n or toks.gaps[i] not in PLAIN_GAPS:
        return False
    nxt = toks.words[i + 1]
    return nxt[0].isupper() or is_cap(nxt) or nxt[0].isdigit() or nxt.casefold() in CONNECTORS or elided(nxt)


def longest_name(look: Lookups, toks: Tokens, i: int, *, goes_on: bool | None = None) -> NameEnd | None:
    """The longest gazetteer name starting at token i (``goes_on``: ``may_continue`` for token i, when the
    caller knows it)."""
    if goes_on is None:
        goes_on = may_continue(toks, i)
    if not goes_on and not (
        toks.words[i].casefold() in ABBREVIATED and i + 1 < toks.n and toks.gaps[i] == ". "
    ):
        # A lone word (the usual case): no run of words to walk.
        base, poss = _possessive(look, toks.words[i])
        if is_contraction(base):
            return None
        return (i, toks.starts[i] + len(base), poss) if look.is_name(base) else None
    text, start = toks.text, toks.starts[i]
    for k, end, poss in reversed(_name_ends(look, toks, i)):
        surface = text[start:end] if k > i or poss else toks.words[i]
        if look.is_name(surface) and (k == i or _whole_words_name(look, surface, toks, i, k)):
            return k, end, poss
    return None


def _name_ends(look: Lookups, toks: Tokens, i: int) -> list[NameEnd]:
    """Where a name starting at token i could end, shortest first: the words a gazetteer name may begin
    with, walked no further than some name begins with them ("Barack Obama" stops at "Barack")."""
    text, words, starts = toks.text, toks.words, toks.starts
    start = starts[i]
    ends: list[NameEnd] = []
    for k in range(i, min(toks.n, i + look.max_words)):
        word = words[k]
        # A lost apostrophe is read only on a name's first word: "St. Marys" keeps its "s".
        base, poss = _possessive(look, word) if k == i else strip_possessive(word)
        if ("'" in base or "’" in base) and is_contraction(base):
            break  # "I've", "We'll"
        modified = False
        if k > i and "-" in base:
            head, _, tail = base.partition("-")
            modified = bool(head) and tail[:1].islower()
        if modified:
            # "New York-based", "Saudi Arabia-led": the name ends at the hyphen, if written in full there
            base, poss = head, False
            if not look.is_exact_name(text[start : starts[k] + len(base)]):
                break
        if k == i or word[0].isupper() or is_cap(word) or word[0].isdigit() or elided(word):
            ends.append((k, starts[k] + len(base), poss))
        elif word.casefold() not in CONNECTORS:
            break
        if modified or k + 1 >= toks.n:
            break
        gap = toks.gaps[k]
        if not (gap in PLAIN_GAPS or (gap == ". " and word.casefold() in ABBREVIATED)):
            break
        if poss and not is_cap(words[k + 1]):
            break  # "Iraq's army"; but "People's Republic of China", "Queen Anne's County" go on
        if not look.name_goes_on(word if k == i else text[start : toks.ends[k]]):
            break  # no name begins with these words ("Barack Obama")
    return ends


def _possessive(look: Lookups, word: str) -> tuple[str, bool]:
    """A word without its possessive ending, the apostrophe written or lost ("Iraq's", "Syrias")."""
    base, poss = strip_possessive(word)
    if not poss and (stem := look.bare_possessive(word)) is not None:
        return stem, True
    return base, poss


def _whole_words_name(look: Lookups, surface: str, toks: Tokens, i: int, k: int) -> bool:
    """A run of words names a place as written, or loosely ("Albu Kamal" for "Abu Kamal") only when
    no word of it is a short or everyday word: "And I" must not become "Andi", nor "A New" "Änew"."""
    if look.is_exact_name(surface):
        return True
    words = toks.words[i : k + 1]
    inner = {x for x in range(1, len(words) - 1) if words[x].casefold() in ARABIC_ARTICLES}  # "Ras al Ain"
    return all(
        x in inner or (len(w) > 2 and w.casefold() not in look.lex.common) for x, w in enumerate(words)
    )


def with_full_stop(toks: Tokens, i: int) -> str:
    """Token i with the full stop after it, if one follows ("U.S" + ".")."""
    word = toks.words[i]
    return word + "." if toks.gaps[i][:1] == "." else word


def state_abbreviation_at(
    look: Lookups, article: Article, toks: Tokens, i: int, dotted: str, zone: ZoneKind
) -> Mention | None:
    """A US state abbreviation after a town or a party letter ("Charleston, W.Va.", "D-S.C."): a dotted
    pair ("S.C.", "W.Va.") is a state wherever it stands, "Ga." only after "Town, " (``dotted``: token i
    with the full stop after it)."""
    word = toks.words[i]
    party = 2 if word[:2] in _PARTY else 0
    state = look.lex.state_abbreviations.get(dotted[party:]) if dotted.endswith(".") else None
    if state is None:
        return None
    text, start = toks.text, toks.starts[i]
    if not (party or "." in dotted[:-1] or text[max(0, start - 2) : start] in (", ", *_PARTY)):
        return None
    start += party
    end = start + len(dotted) - party
    return Mention(
        article.id, start, end, text[start:end], zone=zone, parts=(state,), country_code="US", score=0.9
    )


def abbreviation_at(
    look: Lookups, article: Article, toks: Tokens, i: int, dotted: str, zone: ZoneKind
) -> tuple[int, Mention | None] | None:
    """A news abbreviation of a place at token i ("U.S.", "UK", "US-backed"), or a nationality or airport
    code (MAR, JOR, SYR), which is never a place: the next token and the mention, or None when the token
    is neither."""
    lex, word, text, start = look.lex, toks.words[i], toks.text, toks.starts[i]
    bare = dotted
    if bare not in lex.abbreviation_forms:
        bare = strip_possessive(word)[0]
    abbr = lex.abbreviations.get(bare.casefold()) if bare in lex.abbreviation_forms else None
    if abbr is not None and text[start + len(bare) : start + len(bare) + 1] in _CURRENCY_SIGNS:
        return i + 1, None  # "US$460 million": money, not a place
    if abbr is None and "-" in word:
        head = word.split("-", 1)[0]
        if head in lex.abbreviation_forms:
            bare, abbr = head, lex.abbreviations.get(head.casefold())
    if abbr is not None:
        end = start + len(bare)
        if "-" in word and allegiance(word):
            role = MentionRole.DEMONYM  # "US-backed"
        else:
            role = role_after(lex, toks, i, possessive=False, hyphen_compound="-" in word)
        code = abbr[1] if len(abbr) > 1 else None
        mention = Mention(
            article.id,
            start,
            end,
            text[start:end],
            role=role,
            zone=zone,
            parts=(abbr[0],),
            country_code=code,
            score=0.9,
        )
        return i + 1, mention
    if bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 4 and not all_caps_context(toks, i):
        if bare.casefold() in lex.common or not look.is_name(bare):
            return i + 1, None
        return i + 1, not_place(article, start, toks.ends[i], zone)
    return None


def acronyms(article: Article, found: list[Mention], skip: Sequence[tuple[int, int]]) -> list[Mention]:
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
            if skip and in_ranges(hit.start(), skip):
                continue
            zone = zone_at(article, hit.start())
            spans.append(
                Mention(article.id, hit.start(), hit.end(), acronym, role=m.role, zone=zone, parts=(m.text,))
            )
    taken = {(s.start, s.end) for s in spans}
    kept = [m for m in found if not any(a <= m.start < b for a, b in taken)]
    return sorted(kept + spans, key=lambda m: m.start)


def trimmed(article: Article, toks: Tokens, m: Mention, after: int) -> Mention | None:
    """A not-a-place run cut to start after the mention before it ("Iraqi | President Barham Saleh")."""
    k = bisect_left(toks.starts, after)
    if k >= toks.n or toks.starts[k] >= m.end or m.role is not MentionRole.NOT_PLACE:
        return None
    start = toks.starts[k]
    return Mention(article.id, start, m.end, article.text[start : m.end], role=m.role, zone=m.zone, score=0.0)
