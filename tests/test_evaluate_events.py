"""The events harness: loading the development set, building articles, matching and scoring."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from geoevents.cli import main
from geoevents.errors import InputError
from geoevents.evaluate_events import (
    Documents,
    article_for,
    dev_items_from_folder,
    evaluate_devset,
    format_events_report,
    matched_pairs,
)
from geoevents.records import Article, Event, Evidence

# Our own wording: three events, one of them only threatened, in one "seed" document.
DOC = (
    "Gunmen shot dead three farmers in the village on Monday, police said. "
    "Hundreds of people marched through the capital on Tuesday to demand higher wages. "
    "The rebels said they would attack the airport next week."
)
S1 = (0, DOC.index(" Hundreds"))
S2 = (S1[1] + 1, DOC.index(" The rebels"))
S3 = (S2[1] + 1, len(DOC))


def _line(**fields: Any) -> str:
    base = {"corpus": "seeds", "doc": "own.txt", "span": None, "shape": "article", "none_reason": None}
    return json.dumps({**base, **fields})


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    (shared / "seeds").mkdir(parents=True)
    (shared / "seeds" / "own.txt").write_text(DOC, encoding="utf-8")
    devset = tmp_path / "devset"
    devset.mkdir()
    whole = _line(
        item="seeds:own",
        events=[
            {"sentences": [list(S1)], "sub_event_type": "Attack", "realis": "asserted", "fatalities": 3},
            {"sentences": [list(S2)], "sub_event_type": "Peaceful protest", "realis": "asserted"},
            {"sentences": [list(S3)], "sub_event_type": "Attack", "realis": "threatened"},
        ],
    )
    snippet = _line(
        item="seeds:own:2",
        span=list(S2),
        shape="snippet",
        events=[{"sentences": [list(S2)], "sub_event_type": "Peaceful protest", "realis": "asserted"}],
    )
    quiet = _line(item="seeds:own:3", span=list(S3), shape="snippet", none_reason="statement", events=[])
    (devset / "a.jsonl").write_text(f"{whole}\n{snippet}\n", encoding="utf-8")
    (devset / "b.jsonl").write_text(f"{quiet}\nnot json\n", encoding="utf-8")
    return devset, shared


def _event(sub: str, start: int, end: int, article: Article) -> Event:
    evidence = (Evidence(article.id, start, end, article.text[start:end], "test"),)
    return Event("e", "T", sub, "D", date(2021, 5, 3), 1, evidence=evidence)


def test_loads_every_file_and_reports_a_bad_line(folders: tuple[Path, Path]) -> None:
    devset, _ = folders
    errors: list[InputError] = []
    items = dev_items_from_folder(devset, errors=errors)
    assert [i.item for i in items] == ["seeds:own", "seeds:own:2", "seeds:own:3"]
    assert len(errors) == 1 and "b.jsonl:2" in str(errors[0])
    with pytest.raises(InputError, match=r"b\.jsonl:2"):
        dev_items_from_folder(devset)


def test_span_items_slice_the_document(folders: tuple[Path, Path]) -> None:
    devset, shared = folders
    items = dev_items_from_folder(devset, errors=[])
    article = article_for(items[1], Documents(shared))
    assert article.text == DOC[S2[0] : S2[1]]


def test_scores_with_a_fake_extractor(folders: tuple[Path, Path]) -> None:
    """The fake finds the attack (right type), calls the march a riot, and reports the threat."""
    devset, shared = folders

    def extract(article: Article, _: object) -> list[Event]:
        out = []
        text = article.text
        if "shot dead" in text:
            out.append(_event("Attack", 0, text.index(","), article))
        if "marched" in text:
            start = text.index("Hundreds")
            out.append(_event("Violent demonstration", start, start + 20, article))
        if "would attack" in text:
            start = text.index("The rebels")
            out.append(_event("Attack", start, len(text), article))
        return out

    report, results = evaluate_devset(devset, shared, geoparse=lambda a: [], extract=extract, errors=[])
    # Gold asserted: attack + march (whole), march (snippet). Predicted: 3 + 1 + 1 (the threat twice).
    assert (report.gold, report.predicted, report.matched) == (3, 5, 3)
    assert report.event_recall == 1.0 and report.event_precision == pytest.approx(3 / 5)
    attack = report.by_type["Attack"]
    assert (attack.tp, attack.fp, attack.fn) == (1, 2, 0)
    protest = report.by_type["Peaceful protest"]
    assert (protest.tp, protest.fn) == (0, 2)
    assert report.by_type["Violent demonstration"].fp == 2
    assert report.no_event_items == 1 and report.no_event_silent == 0
    assert report.confusion[("Peaceful protest", "Violent demonstration")] == 2
    assert report.confusion[("none", "Attack")] == 2
    # Weighted over support: Attack F1 .5 (support 1), Peaceful protest 0 (support 2).
    assert report.weighted_f1 == pytest.approx(0.5 / 3)
    pairs = matched_pairs(results)
    assert sorted(m.gold.sub_event_type or "" for m in pairs) == [
        "Attack",
        "Peaceful protest",
        "Peaceful protest",
    ]
    assert next(m for m in pairs if m.gold.sub_event_type == "Attack").gold.row["fatalities"] == 3
    text = format_events_report(report)
    assert "weighted F1" in text and "Violent demonstration" in text


def test_each_gold_event_is_matched_once(folders: tuple[Path, Path]) -> None:
    devset, shared = folders

    def twice(article: Article, _: object) -> list[Event]:
        if "shot dead" not in article.text:
            return []
        return [_event("Attack", 0, 20, article), _event("Attack", 5, 30, article)]

    report, _ = evaluate_devset(devset, shared, geoparse=lambda a: [], extract=twice, errors=[])
    assert report.matched == 1 and report.by_type["Attack"].fp == 1


def test_cli_prints_the_report(folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    devset, shared = folders
    (devset / "b.jsonl").unlink()
    code = main(["evaluate", "--events", "--devset", str(devset), "--shared", str(shared)])
    out = capsys.readouterr().out
    assert code == 0
    assert "weighted F1 over the 25 types" in out and "event recall" in out


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2016-12-17 10:04:00.123456-05", date(2016, 12, 17)),
        ("17 December 2016", date(2016, 12, 17)),
        ("Dec 17, 2016 9:30 AM ET", date(2016, 12, 17)),
        ("9:30 PM ET, Sat December 17, 2016", date(2016, 12, 17)),
    ],
)
def test_corpus_download_times_are_read_in_every_form_feeds_write(written: str, day: date) -> None:
    from geoevents.evaluate_events import feed_date

    found = feed_date(written)
    assert found is not None and found.date() == day


def test_a_snippet_takes_the_dateline_of_its_whole_report_over_the_table_date() -> None:
    from datetime import datetime

    from geoevents.evaluate_events import Document, stated_publication

    text = "Rockets hit the market, AFP Friday 25 Apr 2014 Rockets hit a market on Thursday."
    doc = Document(text, datetime(2014, 4, 4))
    assert stated_publication(doc) == datetime(2014, 4, 25)
    assert stated_publication(
        Document("Rockets hit a market on Thursday.", datetime(2014, 4, 4))
    ) == datetime(2014, 4, 4)


def test_a_gold_none_date_is_met_only_by_a_row_that_says_its_date_is_assumed() -> None:
    from dataclasses import replace

    from geoevents.evaluate_events import DevItem, GoldEvent, Match
    from geoevents.evaluate_rows import row_scores

    item = DevItem("x", "seeds", "own.txt", None, "snippet", None, ())
    gold = GoldEvent(((0, 10),), "Attack", row={"date": None})
    row = _event("Attack", 0, 10, Article(id="x", text="Gunmen shot a man."))
    assumed = replace(row, time_precision=2, tags=("date-assumed-publication",))
    scores = row_scores([Match(item, gold, row), Match(item, gold, assumed)])["date exact"]
    assert (scores.hits, scores.scored) == (1, 2)
