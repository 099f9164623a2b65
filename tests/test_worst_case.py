"""Worst-case cost is linear in the input: long lists, long sentences, long words and deep markup.

Each property builds one pathological input at two sizes (n and 4n units) and runs every stage on it:
ingest, recognition, resolution and event extraction. Linear work grows about four times, quadratic
sixteen; the test allows up to ten, on CPU time (best of two), so that other load on the machine does
not count. The 350 KB list of one town runs through ``geoevents run`` inside a 10 s article budget.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoevents.events import events_from_article
from geoevents.geoparse.parse import resolved_mentions_from_article
from geoevents.ingest import articles_from_paths

NAMES = st.sampled_from(["Mosul", "Kirkuk", "Al-Qaim", "Erbil", "Paris, Texas", "Tikrit"])
GLUE = st.sampled_from([", ", " and ", " ", "; ", ", near "])
SMALL, GROWTH, ALLOWED = 600, 4, 10.0


def _all_stages(path: Path, gazetteer: Any) -> int:
    count = 0
    for article in articles_from_paths([path]):
        assert not isinstance(article, Exception), article
        resolved = resolved_mentions_from_article(article, gazetteer=gazetteer)
        events_from_article(article, resolved)
        count += len(resolved)
    return count


def _cpu(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return max(best, 1e-3)


def _grows_linearly(tmp_path: Path, gazetteer: Any, make: Callable[[int], str], suffix: str) -> None:
    small, large = tmp_path / f"small{suffix}", tmp_path / f"large{suffix}"
    small.write_text(make(SMALL), encoding="utf-8")
    large.write_text(make(SMALL * GROWTH), encoding="utf-8")
    _all_stages(small, gazetteer)  # warm the memos
    ratio = _cpu(lambda: _all_stages(large, gazetteer)) / _cpu(lambda: _all_stages(small, gazetteer))
    assert ratio < ALLOWED, f"{GROWTH}x the input cost {ratio:.1f}x the time"


COMMON = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@COMMON
@given(name=NAMES, glue=GLUE)
def test_a_long_list_in_one_sentence(tmp_path: Path, gazetteer: Any, name: str, glue: str) -> None:
    _grows_linearly(
        tmp_path,
        gazetteer,
        lambda n: "Rockets hit " + glue.join([name] * n) + " on Friday, killing 3 people.",
        ".txt",
    )


@COMMON
@given(name=NAMES, trigger=st.sampled_from(["were shelled", "said", "protested"]))
def test_a_long_sentence_with_no_full_stop(tmp_path: Path, gazetteer: Any, name: str, trigger: str) -> None:
    _grows_linearly(
        tmp_path,
        gazetteer,
        lambda n: " ".join(f"villagers near {name} {trigger} while officials waited" for _ in range(n)),
        ".txt",
    )


@COMMON
@given(letter=st.sampled_from("abkqz"), capital=st.booleans())
def test_long_words(tmp_path: Path, gazetteer: Any, letter: str, capital: bool) -> None:
    def make(n: int) -> str:
        word = ("K" if capital else "k") + letter * (n * 20)
        return f"Shelling hit Mosul. {word} {word}-{word} in Erbil. " * 3

    _grows_linearly(tmp_path, gazetteer, make, ".txt")


@COMMON
@given(tag=st.sampled_from(["div", "span", "b", "section", "li"]), name=NAMES)
def test_deep_markup(tmp_path: Path, gazetteer: Any, tag: str, name: str) -> None:
    def make(n: int) -> str:
        body = f"<p>Mortars struck {name} on Monday, killing 2 people.</p>"
        return f"<html><body>{f'<{tag}>' * n}{body}{f'</{tag}>' * n}</body></html>"

    _grows_linearly(tmp_path, gazetteer, make, ".html")


@pytest.mark.slow
def test_a_350_kb_sentence_of_one_town_fits_the_article_budget(tmp_path: Path) -> None:
    """One sentence listing a town 50,000 times is processed within a 10 s article budget."""
    from geoevents.cli import main

    article = tmp_path / "list.txt"
    article.write_text("Shelling was reported in " + ", ".join(["Mosul"] * 50_000) + ".", encoding="utf-8")
    assert article.stat().st_size > 350_000
    out = tmp_path / "out"
    assert main(["run", str(article), "--out", str(out), "--no-progress", "--article-timeout", "10"]) == 0
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["counts"]["articles"] == 1 and not info.get("errors")
