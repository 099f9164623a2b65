"""A complete ACLED row from a feed: the feed's id reaches every output, the timestamp is filled,
notes open with the event's date and locations are written in ASCII."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from geoevents.cli import main

pytest.importorskip("geoevents.geoparse", reason="the geoparse stage is not in this tree")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("feed")
    lines = [
        {
            "id": "case-0091",
            "published": "2021-03-13T08:00:00Z",
            "url": "https://www.reuters.com/world/item-91",
            "text": "Gunmen shot dead three shepherds near Tikrit on Friday, police said.",
        },
        {
            "id": "case-0092",
            "published": "2021-03-14",
            "text": "Troops clashed with militants in Şırnak on Saturday.",
        },
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    target = folder / "out"
    assert main(["run", str(folder / "feed.jsonl"), "--out", str(target), "--no-progress"]) == 0
    return target


def _rows(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "events.csv", encoding="utf-8-sig", newline="") as handle:
        return {row["article_ids"]: row for row in csv.DictReader(handle)}


def test_the_feeds_id_reaches_the_csv_and_the_geojson(out: Path) -> None:
    assert set(_rows(out)) == {"case-0091", "case-0092"}
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["article_ids"] for f in features} == {"case-0091", "case-0092"}


def test_the_timestamp_is_the_publication_day_of_the_latest_report(out: Path) -> None:
    row = _rows(out)["case-0091"]
    assert row["timestamp"] == str(int(datetime(2021, 3, 13, tzinfo=UTC).timestamp()))


def test_notes_open_with_the_events_day_and_locations_are_ascii(out: Path) -> None:
    rows = _rows(out)
    assert rows["case-0091"]["notes"].startswith("On 12 March 2021, gunmen shot dead")
    assert rows["case-0091"]["source"] == "Reuters" and rows["case-0091"]["fatalities"] == "3"
    assert rows["case-0092"]["location"] == "Sirnak" and rows["case-0092"]["event_date"] == "2021-03-13"
