"""Our own-wording development-set items (data/devset/own.jsonl): well formed, and covering the codebook."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from geoevents.evaluate_events import dev_item_from_json
from geoevents.events.taxonomy import SUB_EVENT_TYPES
from tests.conftest import DATA

OWN = DATA / "devset" / "own.jsonl"
LINES = [line for line in OWN.read_text(encoding="utf-8").splitlines() if line.strip()]
ITEMS: list[dict[str, Any]] = [json.loads(line) for line in LINES]
IDS = [item["item"] for item in ITEMS]


@pytest.mark.parametrize("item", ITEMS, ids=IDS)
def test_each_item_loads_and_its_sentences_index_its_text(item: dict[str, Any]) -> None:
    loaded = dev_item_from_json(item, item["item"])
    text = loaded.text
    assert text is not None and loaded.published is not None
    for gold in loaded.events:
        for start, end in gold.sentences:
            piece = text[start:end]
            assert end <= len(text) and piece == piece.strip() and piece, f"{item['item']}: {start}-{end}"
    assert (item["none_reason"] is None) == loaded.has_event


def test_every_sub_event_type_has_ten_asserted_items() -> None:
    counts = Counter(
        t
        for item in ITEMS
        for t in {e["sub_event_type"] for e in item["events"] if e["realis"] == "asserted"}
    )
    short = {t: counts[t] for t in SUB_EVENT_TYPES if counts[t] < 10}
    assert not short, f"sub-event types with fewer than ten asserted items: {short}"


def test_no_event_and_not_asserted_items_are_well_represented() -> None:
    reasons = Counter(item["none_reason"] for item in ITEMS if item["none_reason"])
    realis = Counter(e["realis"] for item in ITEMS for e in item["events"] if e["realis"] != "asserted")
    assert sum(reasons.values()) >= 80 and len(reasons) >= 9
    assert sum(realis.values()) >= 60 and len(realis) == 6
    assert {item["shape"] for item in ITEMS} >= {
        "note",
        "snippet",
        "headline",
        "article",
        "caption",
        "bullets",
        "feed",
    }
