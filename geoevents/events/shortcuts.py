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
from collections.abc import Set as AbstractSet
from functools import wraps
from typing import Any, TypeVar

from geoevents.events.prefilter import _FOLD, _Parser, _Unsupported

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
    tests one set a row): a few literal searches for the rows the index lets through, and the answer
    kept for the article's other calls on the same text."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.required = [
            None if r is None else tuple(tuple(_any_of(keys) for keys in branch) for branch in r)
            for r in map(all_required, patterns)
        ]
        self.recent: dict[str, AbstractSet[int]] = {}

    def rows(self, lowered: str, candidates: Callable[[str], AbstractSet[int]]) -> AbstractSet[int]:
        """The ``candidates`` of a lower-cased text whose patterns may match it."""
        found = self.recent.get(lowered)
        if found is None:
            text = lowered if lowered.isascii() else lowered.translate(_FOLD)  # as ``folded`` reads it
            found = frozenset(i for i in candidates(lowered) if self._may(i, text))
            if len(self.recent) >= _TEXTS:
                self.recent.clear()
            self.recent[lowered] = found
        return found

    def _may(self, row: int, text: str) -> bool:
        required = self.required[row]
        return required is None or any(all(p.search(text) for p in branch) for branch in required)


def _any_of(keys: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern found in a text exactly when one of ``keys`` is."""
    return re.compile("|".join(re.escape(k) for k in keys))


__all__ = ["Required", "RowFilter", "all_required", "per_object"]
