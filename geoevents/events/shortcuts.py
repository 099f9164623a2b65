"""Shortcuts for the events stage: work that depends on one object or one text is done once.

- ``per_object(fn)``: ``fn(obj)`` computed once per object, looked up by identity. A tuple of a
  lexicon's rows is hashed element by element on every call of an ``lru_cache``; this is not.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_KEPT = 8  # objects remembered per function: lexicons are loaded once and kept


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


__all__ = ["per_object"]
