"""Acts told at several towns at once: one event per town, as the codebook codes a location and day.

"The army shelled the villages of A and B", "raids killed 19 outside A and another 23 in B": the
clause names one act and a list of the towns it struck. ACLED records one event per location, so the
draft of such a clause is copied once per listed town after coreference, each copy sited at its town
(where the gazetteer knows it) and given the toll the text puts there. Words of lists are in
``data/place_lists.tsv``.
"""

from __future__ import annotations

import re
from copy import copy
from functools import lru_cache

from geoevents.events.counts import casualties_from_text, split_evenly
from geoevents.events.datafiles import data_rows
from geoevents.events.draft import Draft
from geoevents.events.text import Span
from geoevents.records import MentionRole, ResolvedMention

_COLUMNS = ("kind", "word")
_PART_WINDOW = 20  # characters either side of a list where a word for a city's parts makes it one place
MAX_TOWNS = 6  # a longer list is a region's roll-call, not the sites of one act
# A list right after the trigger is the act's object ("regained A and B"); "struck sites in A and B" is
# left to the rows' own split by country.
_DIRECT_OBJECT = re.compile(r"\s*(?:the\s+)?")
# Places a list of which is never one event per item: a row per country or province is another rule's.
_WIDE = frozenset({"country", "admin1", "region", "region_expression", "border"})


TownList = tuple[tuple[int, int, str], ...]  # the towns a clause lists: (start, end, name) in the article


@lru_cache(maxsize=16)
def _words(*kinds: str) -> list[str]:
    """The words of those kinds, read once per process (a clause's town list asks for them each time)."""
    return [r["word"] for _, r in data_rows(None, "place_lists.tsv", _COLUMNS) if r["kind"] in kinds]


def _alternation(words: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


_NAME = (
    r"(?:(?:al|el|ad|ar|as|ash|an|at|az)-)?[A-Z][\w'’-]+"
    r"(?:\s+(?:(?:al|el|bin|ibn)[\s-]+)?[A-Z][\w'’-]+){0,2}"
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The list, its introducers, and the words that show a name is no place."""
    noun, joiner = _alternation(_words("noun", "part")), _alternation(_words("joiner"))
    item = rf"(?:(?i:the)\s+)?(?:(?i:{noun})\s+(?i:of|if)\s+)?(?:{_NAME})(?:\s+(?i:{noun})\b)?"
    # "... and another 23 people among them ten children in the town of B": a toll per town.
    per_town = r"\s+(?i:and)\s+(?i:another|a\s+further|\d+)\b[^.;:]{0,80}?\b(?i:in|at|near|outside|around)\s+"
    link = rf"(?:\s*,\s*|\s*,?\s+(?i:{joiner})\s+|{per_town})"
    listed = re.compile(rf"{item}(?:{link}{item})+")
    intro = re.compile(
        rf"(?:\b(?i:{noun})\s+(?i:of|if)\s+|\b(?i:{_alternation(_words('locative'))})\s+(?:(?i:the)\s+)?)$"
    )
    not_place = re.compile(rf"\s+(?i:{_alternation(_words('not-after'))})\b")
    return listed, intro, not_place


_ITEM_NAME = re.compile(_NAME)
# "between A and B" is one front, "by A and B" or "from A and B" the actors or their capitals.
_NOT_SITES = re.compile(r"\b(?:between|by|from|with|against|for|to)\s+(?:the\s+)?$", re.IGNORECASE)


def _items(text: str, listed: re.Match[str]) -> list[tuple[int, int, str]]:
    """The names of one matched list, in order (each item's capitalised name)."""
    return [
        (m.start(), m.end(), m.group(0))
        for m in _ITEM_NAME.finditer(text, listed.start(), listed.end())
        if m.group(0).lower() != "the"
    ]


def _known_place(name: str, start: int, mentions: list[ResolvedMention]) -> bool | None:
    """True for a name the geoparser read as a town, False for a country, region, people or
    metonym, None when it has no reading there."""
    for rm in mentions:
        if rm.mention.start <= start < rm.mention.end:
            if rm.mention.role is MentionRole.NOT_PLACE:
                return None  # a name it could not place: a village it lacks as often as not
            if rm.mention.role is not MentionRole.LITERAL:
                return False
            return not (rm.place is not None and rm.place.feature_class in _WIDE)
    return None


def _countries(items: list[tuple[int, int, str]], at: int, mentions: list[ResolvedMention]) -> int:
    """How many countries the placed names of a list lie in."""
    return len(
        {
            rm.place.country_code
            for s, _, _ in items
            for rm in mentions
            if rm.place is not None and rm.mention.start <= at + s < rm.mention.end
        }
    )


@lru_cache(maxsize=1)
def _list_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A list's joiners, the nouns that make its names places, and the words for a city's parts: built
    once per process, not for every clause that may list towns."""
    joined = re.compile(
        rf"\s(?:{_alternation(_words('joiner'))}|and\s+another|and\s+a\s+further|and\s+\d+)\s", re.I
    )
    nouns = re.compile(rf"\b(?:{_alternation(_words('noun', 'part'))})\b", re.I)
    parts = re.compile(rf"\b(?:{_alternation(_words('part'))})\b", re.I)
    return joined, nouns, parts


def town_list(
    scope: Span, at: tuple[int, int], others: list[int], mentions: list[ResolvedMention]
) -> TownList | None:
    """The towns ``scope`` lists as the sites of the act whose trigger is at ``at`` (offsets in the
    scope), or None. ``others``: where the scope's other triggers start; a list belongs to the act
    told nearest before it, or, told before any act, to the first act after it ("the churches of A
    and B were torched")."""
    listed, intro, not_place = _patterns()
    joined, nouns, parts = _list_words()
    text = scope.text
    for m in listed.finditer(text):
        owner = max((s for s in [at[0], *others] if s < m.start()), default=None)
        if owner is None:
            owner = min((s for s in [at[0], *others] if s >= m.end()), default=None)
        if owner != at[0]:
            continue
        before = text[: m.start()]
        introduced = intro.search(before) or nouns.match(m.group(0).removeprefix("the ").lstrip())
        if not (introduced or _DIRECT_OBJECT.fullmatch(text, at[1], m.start())):
            continue
        if _NOT_SITES.search(before) or not_place.match(text, m.end()) or not joined.search(m.group(0)):
            continue  # "Orile, Lagos" (no joiner): a town and its province, not a list
        if parts.search(text, max(0, m.start() - _PART_WINDOW), m.end() + _PART_WINDOW):
            continue  # "the A and B neighbourhoods of the city": one city, one location
        items = _items(text, m)
        names = {name.lower() for _, _, name in items}
        if not 2 <= len(names) <= MAX_TOWNS or len(names) < len(items):
            continue
        known = [_known_place(name, scope.start + s, mentions) for s, _, name in items]
        if False in known or _countries(items, scope.start, mentions) > 1:
            continue  # towns of two countries: one event per country, its toll shared, as rows split them
        # A name a place word introduces, or one the gazetteer places: not two people's names.
        nouned = (introduced and introduced.group(0).strip().lower() != "both") or nouns.search(m.group(0))
        if not (nouned or any(known)):
            continue
        return tuple((scope.start + s, scope.start + e, name) for s, e, name in items)
    return None


def _at(rm: ResolvedMention, start: int, end: int) -> bool:
    return rm.mention.start < end and start < rm.mention.end


def one_per_town(drafts: list[Draft], text: str) -> list[Draft]:
    """Each draft whose clause lists several towns, as one draft per town (in text order)."""
    out: list[Draft] = []
    for d in drafts:
        towns = d.towns
        if towns is None:
            out.append(d)
            continue
        spans, total, told_at_a_town = towns, d.fatalities, False
        for i, (start, end, _name) in enumerate(spans):
            part = d if i == 0 else copy(d)
            if i:
                part.tags = set(d.tags) | {"one-of-listed-towns"}
                part.spans, part.context, part.subjects = list(d.spans), list(d.context), list(d.subjects)
                part.mentioned = list(d.mentioned)
            others = [(s, e) for j, (s, e, _) in enumerate(spans) if j != i]
            own = [rm for rm in d.sites + d.mentioned if _at(rm, start, end)]
            part.sites = own or [rm for rm in d.sites if not any(_at(rm, s, e) for s, e in others)]
            part.towns = None
            toll = casualties_from_text(text[spans[i - 1][1] if i else _clause_start(d) : end])
            if toll.fatalities is not None:
                part.fatalities, told_at_a_town = (toll.fatalities, toll.fatalities_vague), True
            elif i:
                part.fatalities = None  # the act's toll is told once, at its first town
            out.append(part)
        if not told_at_a_town:
            _split_a_shared_toll(out[len(out) - len(spans) :], total)
    return out


def _split_a_shared_toll(parts: list[Draft], total: tuple[int, bool] | None) -> None:
    """A toll told once for every town of the list ("strikes on A and B killed 12") is split evenly
    between the towns' events, the first named taking what does not divide, as ACLED codes a total
    reported for several places; a town told with its own toll keeps it."""
    if total is None or total[0] < len(parts):
        return
    for part, share in zip(parts, split_evenly(total[0], len(parts)), strict=True):
        part.fatalities = (share, total[1])
        part.tags.add("fatalities-split")


def _clause_start(d: Draft) -> int:
    return d.spans[0].start if d.spans else 0
