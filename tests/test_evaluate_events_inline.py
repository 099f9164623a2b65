"""Development-set items that carry their own text (our own wordings) need no shared folder."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from geoevents.errors import InputError
from geoevents.evaluate_events import Documents, article_for, dev_item_from_json, evaluate_devset
from geoevents.records import Article, Event, Evidence

TEXT = "Rebels shelled the market on Monday, killing two. The army said it would respond."
MAIN = (0, TEXT.index(" The army"))


def _item(**fields: Any) -> dict[str, Any]:
    base = {
        "item": "own:0001",
        "corpus": "own",
        "doc": "0001",
        "span": None,
        "text": TEXT,
        "published": "2022-03-09",
        "shape": "snippet",
        "none_reason": None,
        "events": [{"sentences": [list(MAIN)], "sub_event_type": "Shelling/artillery/missile attack"}],
    }
    return {**base, **fields}


def test_an_inline_item_gives_its_own_text_and_publication_date(tmp_path: Path) -> None:
    item = dev_item_from_json(_item(), "own.jsonl:1")
    article = article_for(item, Documents(tmp_path / "no-shared-folder"))
    assert article.text == TEXT
    assert article.published == datetime(2022, 3, 9)


def test_a_span_slices_the_inline_text(tmp_path: Path) -> None:
    item = dev_item_from_json(_item(span=list(MAIN)), "own.jsonl:1")
    assert article_for(item, Documents(tmp_path)).text == TEXT[: MAIN[1]]


@pytest.mark.parametrize(
    "fields,reason",
    [
        ({"published": "9 March"}, "not an ISO date"),
        ({"text": "  "}, "non-empty string"),
        ({"span": [0, len(TEXT) + 5]}, "past the end"),
        ({"text": None, "corpus": "own"}, "unknown corpus"),
    ],
)
def test_bad_inline_items_name_the_line_and_the_reason(fields: dict[str, Any], reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        dev_item_from_json(_item(**fields), "own.jsonl:7")
    assert "own.jsonl:7" in str(caught.value)


def test_inline_items_are_scored_without_the_shared_corpora(tmp_path: Path) -> None:
    devset = tmp_path / "devset"
    devset.mkdir()
    quiet = _item(
        item="own:0002", doc="0002", text="The minister visited Cairo.", events=[], none_reason="diplomacy"
    )
    (devset / "own.jsonl").write_text(f"{json.dumps(_item())}\n{json.dumps(quiet)}\n", encoding="utf-8")

    def extract(article: Article, _: object) -> list[Event]:
        if "shelled" not in article.text:
            return []
        evidence = (Evidence(article.id, 0, 20, article.text[:20], "test"),)
        return [
            Event(
                "e",
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                "D",
                date(2022, 3, 7),
                1,
                evidence=evidence,
            )
        ]

    errors: list[InputError] = []
    report, _ = evaluate_devset(
        devset, tmp_path / "absent", geoparse=lambda a: [], extract=extract, errors=errors
    )
    assert errors == []
    assert (report.items, report.gold, report.matched) == (2, 1, 1)
    assert report.no_event_items == 1 and report.no_event_silent == 1
