"""The events stage's shortcuts: a row filter that drops only rows that cannot match."""

from __future__ import annotations

import re

from geoevents.events.shortcuts import RowFilter, all_required, per_object
from geoevents.events.triggers import _index, _trie, load_triggers

_TEXTS = (
    "Troops were sent to the border town on Monday after the talks failed.",
    "Militants fired mortar rounds at a police post, wounding two officers.",
    "Hundreds of students marched through the capital to demand new elections.",
    "A roadside bomb exploded near a convoy; no one was hurt.",
    "The two sides signed a ceasefire agreement in the northern city.",
    "Nothing happened in the quiet village yesterday.",
)


def test_all_required_reads_each_branch() -> None:
    pattern = re.compile(r"\bsent\s+(?:more\s+)?troops\b|\bdeployed\s+tanks\b", re.IGNORECASE)
    assert all_required(pattern) == ((("sent",), ("troops",)), (("deployed",), ("tanks",)))
    assert all_required(re.compile(r"\w+")) is None


def test_row_filter_keeps_every_row_that_matches() -> None:
    rows = load_triggers()
    fast, index = RowFilter(((t.pattern, t.keys) for t in rows), _trie), _index(rows)
    for text in _TEXTS:
        kept = fast.rows(text.lower())
        assert kept is not None
        matching = {i for i, t in enumerate(rows) if t.pattern.search(text)}
        assert matching <= kept
        keyed = set(index.always).union(*(index.rows_of[k] for k in index.scan.findall(text.lower())))
        assert kept <= keyed  # never a row the key index would not have tried


def test_row_filter_leaves_non_ascii_text_to_the_key_index() -> None:
    fast = RowFilter(((t.pattern, t.keys) for t in load_triggers()), _trie)
    assert fast.rows("the army shelled the town of çayır") is None


def test_per_object_caches_by_identity() -> None:
    calls: list[tuple[int, ...]] = []

    @per_object
    def size(rows: tuple[int, ...]) -> int:
        calls.append(rows)
        return len(rows)

    first = (1, 2, 3)
    assert size(first) == size(first) == 3
    assert len(calls) == 1
