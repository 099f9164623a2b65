"""Demonyms and other adjectival uses of a place: "Iraqi", "South African", "Iranian-backed", "US-led",
"pro-Iran", "Turkish-Syrian". Each becomes a ``DEMONYM`` mention linked to its country (``parts``), unless
the word is a language ("spoke French") or opens another name ("French Open")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geoevents.records import Article, Mention, MentionRole, ZoneKind

from .roles import not_place
from .tokens import ARABIC_PREFIX, PLAIN_GAPS, Tokens, is_cap, strip_possessive, zone_at
from .word_lookups import demonym_key

if TYPE_CHECKING:
    from .word_lookups import Lookups

# "Iran-backed", "US-led", "Moscow-aligned": the place's side or sponsorship, an adjectival use.
_ALLEGIANCE = frozenset(
    [
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
    ]
)
_LANGUAGE_MODIFIERS = frozenset({"only", "fluent", "fluently", "little", "some", "broken", "good", "native"})
_SPEAK = frozenset({"speak", "speaks", "spoke", "spoken", "speaking", "learn", "learned", "taught", "teach"})
_LANGUAGE_NOUNS = ("language", "speakers", "speaking", "translation", "translator")


def allegiance(word: str) -> bool:
    """Whether a hyphenated word ends in a side-taking modifier ("Iran-backed", "US-led")."""
    return word.rsplit("-", 1)[-1].casefold() in _ALLEGIANCE


def demonym(look: Lookups, article: Article, start: int, end: int, base: str, zone: ZoneKind) -> Mention:
    """The demonym mention for the lexicon entry ``base``, linked to its country."""
    row = look.lex.demonyms[base]
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


def before_modifier(article: Article, start: int, name: str, word: str, zone: ZoneKind) -> Mention:
    """A place name before a hyphenated modifier: a demonym when it takes a side ("Iran-backed", "Saudi
    Arabia-led"), otherwise an associative use ("Baghdad-based", "New York-based")."""
    adjectival = allegiance(word)
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


def multiword_demonym_at(
    look: Lookups, article: Article, toks: Tokens, i: int, zone: ZoneKind
) -> Mention | None:
    """ "South African", "New Zealander": a demonym of two words at token i (tried before the gazetteer, so
    "South" alone is not)."""
    lex = look.lex
    word = toks.words[i]
    if not (i + 1 < toks.n and word.casefold() in lex.multiword_demonym_heads and toks.gaps[i] in PLAIN_GAPS):
        return None
    pair = f"{word} {toks.words[i + 1]}"
    base = look.demonym_base(pair)
    if base is None or base not in lex.multiword_demonyms or look.is_name(pair):
        return None
    start = toks.starts[i]
    end = start + len(pair.split("-", 1)[0]) if "-" in toks.words[i + 1] else toks.ends[i + 1]
    return demonym(look, article, start, end, base, zone)


def demonym_at(
    look: Lookups, article: Article, toks: Tokens, i: int, name_end: int | None, zone: ZoneKind
) -> tuple[int, Mention | None] | None:
    """The demonym at token i (the next token and the mention, or no mention for a language), or None
    when the word is no demonym or a longer gazetteer name (ending at token ``name_end``) starts there."""
    word = toks.words[i]
    base = look.demonym_base(word)
    if base is None or (name_end is not None and name_end != i):
        return None
    if name_end is not None and _names_itself(look, toks, i):
        return None  # "Laos" is a country, not Laotians; "the Mediterranean" is the sea
    if not _names_its_country(look, toks, i):
        return i + 1, None
    start = toks.starts[i]
    end = start + len(word.split("-", 1)[0]) if "-" in word else toks.ends[i]
    if word.casefold().endswith(("'s", "’s")):
        end -= 2
    return i + 1, demonym(look, article, start, end, base, zone)


def _names_itself(look: Lookups, toks: Tokens, i: int) -> bool:
    """Whether a word read as a demonym is rather the name of the place: a country that only looks
    like a plural ("Laos"), or a sea or region named with "the" ("the Mediterranean", "the Caribbean")."""
    word = strip_possessive(toks.words[i])[0]
    cands = look.top_candidates(word)
    if not cands or cands[0].match_score < 0.95:
        return False
    fclass = cands[0].place.feature_class
    if fclass == "country":
        return look.demonym_base(word) != word.casefold()
    return fclass in ("region", "physical") and i > 0 and toks.words[i - 1].casefold() == "the"


def _names_its_country(look: Lookups, toks: Tokens, i: int) -> bool:
    """A demonym names its country unless it is a language ("spoke French") or opens another name
    ("American Red Cross", "French Open")."""
    prev = toks.before(i)
    if prev in _SPEAK:
        return False
    # "spoke only French", "speaks fluent Arabic", "translated from Russian"
    if prev in _LANGUAGE_MODIFIERS and toks.before(i - 1) in _SPEAK:
        return False
    if prev == "from" and toks.before(i - 1) in ("translated", "translation"):
        return False
    if "-" not in toks.words[i] and toks.joined(i):
        nxt = toks.words[i + 1]
        low = nxt.casefold()
        if low in _LANGUAGE_NOUNS:
            return False
        if is_cap(nxt) and low not in look.lex.titles and not look.is_name(nxt):
            return False
    return True


def hyphen_pair(look: Lookups, article: Article, toks: Tokens, i: int) -> list[Mention] | None:
    """ "Iraq-Syria", "US-Iran", "Turkish-Syrian": two places joined by a hyphen, one mention each."""
    lex = look.lex
    word = toks.words[i]
    pieces = word.split("-")
    if len(pieces) < 2 or not all(p[:1].isupper() for p in pieces) or look.is_name(word):
        return None
    offset = toks.starts[i]
    zone = zone_at(article, offset)
    before = toks.before(i)
    if before and toks.gaps[i - 1] in PLAIN_GAPS and (before in lex.first_names or before in lex.titles):
        # "Maria Toledo-Segovia", "Commissioner Toledo-Segovia": a double surname.
        return [not_place(article, toks.starts[i - 1], toks.ends[i], zone)]
    out: list[Mention] = []
    for piece in pieces:
        start, end = offset, offset + len(piece)
        offset = end + 1
        base = demonym_key(piece, lex.demonyms)
        abbr = lex.abbreviations.get(piece.casefold()) if piece in lex.abbreviation_forms else None
        if base is not None:
            out.append(demonym(look, article, start, end, base, zone))
        elif abbr is not None:
            code = abbr[1] if len(abbr) > 1 else None
            out.append(Mention(article.id, start, end, piece, zone=zone, parts=(abbr[0],), country_code=code))
        elif len(piece) > 3 and piece.casefold() not in lex.common and look.is_name(piece):
            out.append(Mention(article.id, start, end, piece, zone=zone, score=0.8))
        else:
            return None
    return out


def stance(look: Lookups, article: Article, toks: Tokens, i: int, cut: int) -> Mention | None:
    """ "pro-Iran", "anti-American", "pro-US": the place after the prefix, as a demonym of its country."""
    lex = look.lex
    rest = strip_possessive(re.split(r"[-‑]", toks.words[i][cut:], maxsplit=1)[0])[0]
    start = toks.starts[i] + cut
    end = start + len(rest)
    zone = zone_at(article, start)
    base = demonym_key(rest, lex.demonyms)
    if base is not None:
        return demonym(look, article, start, end, base, zone)
    abbr = lex.abbreviations.get(rest.casefold()) if rest in lex.abbreviation_forms else None
    if abbr is not None:
        parts, code, score = (abbr[0],), (abbr[1] if len(abbr) > 1 else None), 0.9
    elif len(rest) > 2 and rest.casefold() not in lex.common and look.is_name(rest):
        parts, code, score = (rest,), None, 0.8
    else:
        return None
    role = MentionRole.DEMONYM
    return Mention(
        article.id, start, end, rest, role=role, zone=zone, parts=parts, country_code=code, score=score
    )


def modified_name_at(look: Lookups, article: Article, toks: Tokens, i: int, zone: ZoneKind) -> Mention | None:
    """ "Iran-backed", "Baghdad-based": a one-word place name before a hyphenated modifier at token i."""
    word = toks.words[i]
    if "-" not in word or ARABIC_PREFIX.match(word):
        return None
    head, tail = word.split("-", 1)
    if tail[:1].islower() and len(head) > 2 and look.is_name(head):
        return before_modifier(article, toks.starts[i], head, word, zone)
    return None
