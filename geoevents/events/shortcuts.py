"""Shortcuts for the events stage: work that depends on one object or one text is done once, and
patterns that cannot match a text are not run on it.

- ``per_object(fn)``: ``fn(obj)`` computed once per object, looked up by identity. A tuple of a
  lexicon's rows is hashed element by element on every call of an ``lru_cache``; this is not.
- ``all_required(pattern)``: every set of strings a match must hold one of (``required_strings`` keeps
  only the best set); ``RowFilter`` tells from them which rows of a lexicon may match a text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from geoevents.events.prefilter import _Parser, _Unsupported

T = TypeVar("T")
R = TypeVar("R")

_KEPT = 8  # objects remembered per function: lexicons are loaded once and kept

# For each top-level branch of a pattern, the string sets a match of that branch holds one of each.
Required = tuple[tuple[tuple[str, ...], ...], ...] | None


def per_object(fn: Callable[[T], R]) -> Callable[[T], R]:
    """``fn`` of one argument, cached by the argument's identity (the object is kept alive with its
    value, so its id is not reused while cached)."""
    cache: dict[int, tuple[Any, R]] = {}

    @wraps(fn)
    def wrapper(obj: T) -> R:
        found = cache.get(id(obj))
        if found is not None and found[0] is obj:
            return found[1]
        value = fn(obj)
        if len(cache) >= _KEPT:
            cache.clear()
        cache[id(obj)] = (obj, value)
        return value

    return wrapper


def all_required(pattern: re.Pattern[str]) -> Required:
    """The strings a match of ``pattern`` must hold, branch by branch (None: nothing is known). Sound
    in the sense of ``required_strings``: a text (folded) lacking them cannot match."""
    if pattern.flags & re.VERBOSE:
        return None
    parser = _Parser(pattern.pattern)
    try:
        branches = [parser.requirements()]
        while parser.peek() == "|":
            parser.at += 1
            branches.append(parser.requirements())
    except (_Unsupported, ValueError):
        return None
    if parser.at != len(parser.source) or not all(branches):
        return None
    return tuple(tuple(tuple(sorted(keys)) for keys in branch) for branch in branches)


_TEXTS = 256  # texts whose possible rows are remembered: one article's sentences and clauses


class RowFilter:
    """Which rows of a lexicon may match a text, from every string their patterns require (the key index
    tests one set a row): one scan for the rows' keys, then for each branch of a row with its key in the
    text a few literal searches for the strings it needs beside it. The answer is kept for the article's
    other calls on the same text."""

    def __init__(self, rows: Iterable[tuple[re.Pattern[str], tuple[str, ...] | None]], trie: Trie) -> None:
        self.branches: list[tuple[tuple[frozenset[str], tuple[re.Pattern[str], ...]], ...] | None] = []
        rows_with: dict[str, set[int]] = {}
        for i, (pattern, keys) in enumerate(rows):
            for k in keys or ():
                rows_with.setdefault(k, set()).add(i)
            self.branches.append(_branches(pattern, keys))
        known = sorted(rows_with)
        self.scan = re.compile(f"(?=({trie(known)}))")
        # A string found at a position stands for every key it begins with.
        self.within = {k: frozenset(k[:n] for n in range(1, len(k) + 1) if k[:n] in rows_with) for k in known}
        self.rows_of = {k: frozenset(i for key in self.within[k] for i in rows_with[key]) for k in known}
        self.recent: dict[str, frozenset[int]] = {}

    def rows(self, lowered: str) -> frozenset[int] | None:
        """The rows that may match a lower-cased ASCII text; None for other text (not decided here)."""
        if not lowered.isascii():
            return None
        found = self.recent.get(lowered)
        if found is None:
            hits = set(self.scan.findall(lowered))
            present = set().union(*(self.within[k] for k in hits))
            keyed = set().union(*(self.rows_of[k] for k in hits))
            found = frozenset(i for i in keyed if self._may(i, present, lowered))
            if len(self.recent) >= _TEXTS:
                self.recent.clear()
            self.recent[lowered] = found
        return found

    def _may(self, row: int, present: set[str], text: str) -> bool:
        branches = self.branches[row]
        return branches is None or any(
            not keys.isdisjoint(present) and all(p.search(text) for p in others) for keys, others in branches
        )


Trie = Callable[[list[str]], str]


def _branches(
    pattern: re.Pattern[str], keys: tuple[str, ...] | None
) -> tuple[tuple[frozenset[str], tuple[re.Pattern[str], ...]], ...] | None:
    """Each top-level branch of a row as (its set of the row's keys, the other strings it needs), or None
    when a branch has no set among the row's keys (the row is then left to the key index alone)."""
    required = all_required(pattern)
    if required is None or not keys:
        return None
    out = []
    for branch in required:
        own = next((k for k in branch if set(k) <= set(keys)), None)
        if own is None:
            return None
        out.append((frozenset(own), tuple(_any_of(k) for k in branch if k is not own)))
    return tuple(out)


def _any_of(keys: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern found in a text exactly when one of ``keys`` is."""
    return re.compile("|".join(re.escape(k) for k in keys))


__all__ = ["Required", "RowFilter", "all_required", "per_object"]
