"""A bounded memo for the answers the parsing stages ask again and again (is this word a name? ...)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, Protocol, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Stage(Protocol):
    gazetteer: Any


S = TypeVar("S", bound=_Stage)


class Memo(dict[K, V]):
    """Remembers ``compute(key)`` per key; forgets everything once it holds ``limit`` answers, so a
    batch of 100,000 articles cannot grow it without bound.

    A dict whose call is its lookup: an answer already known costs no Python frame, which matters for
    the tens of thousands of questions an article asks."""

    __slots__ = ("_compute", "_limit")

    def __init__(self, compute: Callable[[K], V], *, limit: int = 100_000) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: K) -> V:
        value = self._compute(key)
        if len(self) >= self._limit:
            self.clear()
        self[key] = value
        return value

    __call__ = dict.__getitem__


class ByIdentity(Generic[V]):
    """Remembers an answer per group of objects (a name's candidate list, its scores) by their identity,
    for objects that are neither hashable nor cheap to compare. Each entry keeps its objects, so while it
    lives no other object can take one of their ids; forgets everything once it holds ``limit`` entries."""

    __slots__ = ("_data", "_limit")

    def __init__(self, *, limit: int = 100_000) -> None:
        self._data: dict[tuple[int, ...], tuple[tuple[object, ...], V]] = {}
        self._limit = limit

    def get(self, *objs: object) -> V | None:
        entry = self._data.get(tuple(map(id, objs)))
        return entry[1] if entry is not None else None

    def put(self, value: V, *objs: object) -> None:
        if len(self._data) >= self._limit:
            self._data.clear()
        self._data[tuple(map(id, objs))] = (objs, value)


def stage_for(
    cache: dict[tuple[int, Hashable], S], make: Callable[[Any, Any], S], gazetteer: Any, options: Any
) -> S:
    """One stage object (recogniser, resolver) per gazetteer and options, made on first use and reused:
    its memos are what make it fast. A gazetteer freed and another made at its address gets a new one."""
    # The same objects as last time (the usual case) are found by identity, without hashing the options.
    fast = (id(gazetteer), id(options))
    stage = cache.get(fast)
    if stage is not None and stage.gazetteer is gazetteer and getattr(stage, "options", None) is options:
        return stage
    key = (id(gazetteer), options)
    stage = cache.get(key)
    if stage is None or stage.gazetteer is not gazetteer:
        stage = make(gazetteer, options)
        cache[key] = stage
    if getattr(stage, "options", None) is options:
        cache[fast] = stage
    return stage
