"""EUPEG matching and metrics on hand-made examples; corpus readers on the real corpora when present."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from geoevents.errors import InputError
from geoevents.evaluate import (
    CORPORA,
    GoldToponym,
    Prediction,
    _realign,
    corpus_articles_from_path,
    error_auc,
    format_report,
    haversine_km,
    match_toponyms,
    score_predictions,
)


def test_haversine_known_distance() -> None:
    # London to Paris is about 344 km.
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(344, abs=3)
    assert haversine_km(10, 10, 10, 10) == 0


def test_match_needs_equal_string_ignoring_case_and_close_midpoints() -> None:
    gold = [GoldToponym(0, 6, "Boston", 42.36, -71.06), GoldToponym(40, 46, "Boston", 42.36, -71.06)]
    preds = [
        Prediction(0, 6, "BOSTON", 42.0, -71.0),  # same span, other case: match
        Prediction(52, 58, "Boston", 42.0, -71.0),  # midpoint 12 away from the second: no match
    ]
    pairs = match_toponyms(gold, preds)
    assert pairs[0][1] is preds[0]
    assert pairs[1][1] is None


def test_midpoint_window_is_strict() -> None:
    gold = [GoldToponym(10, 14, "Kent", 51.2, 0.7)]
    assert match_toponyms(gold, [Prediction(19, 23, "Kent", 51.2, 0.7)])[0][1] is not None  # 9 apart
    assert match_toponyms(gold, [Prediction(20, 24, "Kent", 51.2, 0.7)])[0][1] is None  # 10 apart


def test_each_gold_takes_at_most_one_prediction() -> None:
    gold = [GoldToponym(0, 4, "Rome", 41.9, 12.5)]
    preds = [Prediction(0, 4, "Rome", 41.9, 12.5), Prediction(2, 6, "Rome", 41.9, 12.5)]
    report = score_predictions("x", [(gold, preds)])
    assert report.true_positives == 1
    assert report.predicted == 2
    assert report.precision == pytest.approx(0.5)
    assert report.recall == pytest.approx(1.0)
    assert report.f1 == pytest.approx(2 / 3)


def test_gold_without_coordinates_is_left_out_of_both_sides() -> None:
    gold = [GoldToponym(0, 4, "Rome", 41.9, 12.5), GoldToponym(10, 17, "Nowhere", None, None)]
    preds = [Prediction(0, 4, "Rome", 41.9, 12.5), Prediction(10, 17, "Nowhere", 1.0, 1.0)]
    report = score_predictions("x", [(gold, preds)])
    assert report.gold == 1
    assert report.predicted == 1
    assert report.precision == 1.0 and report.recall == 1.0


def test_accuracy_and_errors() -> None:
    gold = [GoldToponym(0, 5, "Paris", 48.8566, 2.3522), GoldToponym(20, 25, "Paris", 48.8566, 2.3522)]
    preds = [Prediction(0, 5, "Paris", 48.8566, 2.3522), Prediction(20, 25, "Paris", 33.66, -95.55)]  # Texas
    report = score_predictions("x", [(gold, preds)])
    assert report.acc161 == pytest.approx(0.5)
    assert report.errors_km[0] == pytest.approx(0)
    assert report.errors_km[1] > 7000
    assert report.median_km == pytest.approx(report.errors_km[1] / 2)


def test_auc_formula() -> None:
    big = 20039.0
    assert error_auc([0.0]) == 0.0
    assert error_auc([big - 1]) == pytest.approx(1.0)
    # Two errors: the trapezoid mean of their scaled values.
    a, b = 0.0, math.log1p(100) / math.log(big)
    assert error_auc([100.0, 0.0]) == pytest.approx((a + b) / 2)
    # Three errors: (s0+s1)/2 + (s1+s2)/2 over two intervals.
    s = [math.log1p(e) / math.log(big) for e in (1.0, 10.0, 1000.0)]
    assert error_auc([1000.0, 1.0, 10.0]) == pytest.approx(((s[0] + s[1]) / 2 + (s[1] + s[2]) / 2) / 2)
    assert math.isnan(error_auc([]))


def test_realign_finds_the_phrase_near_a_drifted_offset() -> None:
    text = "Fighting spread from Aleppo to Idlib."
    assert _realign(text, 27, 32, "Idlib") == (31, 36)
    assert _realign(text, 31, 36, "Idlib") == (31, 36)
    assert _realign(text, 0, 5, "Damascus") == (0, 5)  # not found: left as is


def test_format_report_shows_published_rows() -> None:
    report = score_predictions("lgl", [([GoldToponym(0, 4, "Rome", 41.9, 12.5)], [])])
    table = format_report(report)
    assert "geoevents" in table
    assert "DBpedia Spotlight" in table and "Edinburgh Geoparser" in table


def test_unknown_corpus_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown corpus"):
        corpus_articles_from_path("nope", tmp_path)
    with pytest.raises(InputError, match=r"no lgl\.xml"):
        corpus_articles_from_path("lgl", tmp_path)
    bad = tmp_path / "lgl.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(InputError, match="not valid corpus XML"):
        corpus_articles_from_path("lgl", bad)


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_offsets_index_the_text(corpora_dir: Path, name: str) -> None:
    articles = corpus_articles_from_path(name, corpora_dir)
    assert len(articles) > 100
    toponyms = [(a, t) for a in articles for t in a.toponyms]
    assert len(toponyms) > 1000
    assert all(a.text[t.start : t.end] == t.phrase for a, t in toponyms)


@pytest.mark.parametrize("name", CORPORA)
def test_evaluate_smoke_on_the_first_articles(corpora_dir: Path, gazetteer: object, name: str) -> None:
    from geoevents.evaluate import evaluate_corpus

    report = evaluate_corpus(name, corpora_dir, gazetteer=gazetteer, limit=5)
    assert report.articles == 5
    assert report.gold > 0 and report.predicted > 0
    assert report.true_positives > 0  # some toponyms are found and matched
    assert 0.0 <= report.acc161 <= 1.0
    table = format_report(report)
    assert table.count("\n") >= 5


def test_evaluate_refuses_a_bad_limit(corpora_dir: Path, gazetteer: object) -> None:
    from geoevents.evaluate import evaluate_corpus

    with pytest.raises(InputError, match="limit"):
        evaluate_corpus("lgl", corpora_dir, gazetteer=gazetteer, limit=0)


def test_demonyms_are_scored_only_in_the_second_row(gazetteer: object) -> None:
    from geoevents.evaluate import WITH_DEMONYMS, predictions_from_resolved
    from geoevents.geoparse.parse import resolved_mentions_from_article
    from geoevents.records import Article

    text = "Iraqi forces entered Mosul."
    resolved = resolved_mentions_from_article(Article(id="t", text=text), gazetteer=gazetteer)
    assert [p.text for p in predictions_from_resolved(resolved)] == ["Mosul"]
    assert [p.text for p in predictions_from_resolved(resolved, roles=WITH_DEMONYMS)] == ["Iraqi", "Mosul"]
    gold = [GoldToponym(0, 5, "Iraqi", 33.0, 44.0), GoldToponym(21, 26, "Mosul", 36.34, 43.13)]
    main = score_predictions("lgl", [(gold, predictions_from_resolved(resolved))])
    extra = score_predictions(
        "lgl", [(gold, predictions_from_resolved(resolved, roles=WITH_DEMONYMS))], system="with demonyms"
    )
    assert (main.recall, extra.recall) == (0.5, 1.0)
    table = format_report(dataclasses.replace(main, variants=(extra,)))
    rows = [line.split()[0] for line in table.splitlines()[3:5]]
    assert rows == ["geoevents", "with"]
