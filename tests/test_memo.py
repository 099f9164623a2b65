"""The parsing stages' memo and their per-gazetteer cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geoevents.memo import Memo, stage_for


def test_memo_computes_each_key_once_and_forgets_at_its_limit() -> None:
    calls: list[str] = []

    def compute(key: str) -> int:
        calls.append(key)
        return len(key)

    memo: Memo[str, int] = Memo(compute, limit=2)
    assert memo("abc") == 3
    assert memo("abc") == 3
    assert calls == ["abc"]
    memo("de")
    memo("f")  # the third answer: the memo starts afresh
    assert len(memo) == 1
    assert memo("abc") == 3
    assert calls == ["abc", "de", "f", "abc"]


@dataclass(frozen=True)
class _Options:
    weight: float = 1.0


class _Stage:
    def __init__(self, gazetteer: Any, options: _Options) -> None:
        self.gazetteer = gazetteer
        self.options = options


def test_stage_for_reuses_a_stage_per_gazetteer_and_equal_options() -> None:
    cache: dict[Any, _Stage] = {}
    gazetteer, other = object(), object()
    first = stage_for(cache, _Stage, gazetteer, _Options())
    assert stage_for(cache, _Stage, gazetteer, first.options) is first
    assert stage_for(cache, _Stage, gazetteer, _Options()) is first  # equal, not the same object
    assert stage_for(cache, _Stage, gazetteer, _Options(weight=2.0)) is not first
    assert stage_for(cache, _Stage, other, first.options) is not first


def test_stage_for_never_hands_out_a_stage_of_another_gazetteer() -> None:
    cache: dict[Any, _Stage] = {}
    gazetteer, options = object(), _Options()
    stale = stage_for(cache, _Stage, gazetteer, options)
    stale.gazetteer = object()  # as if the gazetteer had been freed and another made at its address
    fresh = stage_for(cache, _Stage, gazetteer, options)
    assert fresh is not stale and fresh.gazetteer is gazetteer
