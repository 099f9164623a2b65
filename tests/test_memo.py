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


def test_by_identity_answers_for_the_same_objects_only_and_keeps_them() -> None:
    from geoevents.memo import ByIdentity

    memo: ByIdentity[str] = ByIdentity(limit=2)
    first, equal = [1, 2], [1, 2]
    memo.put("first", first)
    assert memo.get(first) == "first"
    assert memo.get(equal) is None  # equal contents, another list
    memo.put("pair", first, equal)
    assert memo.get(first, equal) == "pair" and memo.get(equal, first) is None
    del first  # the entry keeps the list alive, so its id cannot pass to a new list
    assert memo.get([9, 9]) is None
    memo.put("third", equal)  # the third entry: the memo starts afresh
    assert memo.get(equal) == "third" and memo.get(equal, equal) is None
