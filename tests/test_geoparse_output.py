"""`geoevents parse` output text: the records as encoded for printing are the records' JSON, field for
field, with places encoded once and reused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.gazetteer.geojson import dumps_with_geometry
from geoevents.geoparse.parse import mention_records_from_paths

STORY = (
    "Rockets hit Kirkuk on Friday, near the Iran-Iraq border. Officials in Baghdad said Iraqi forces "
    "would respond, and \u201cTurkish\u201d troops in northern Iraq moved toward Mosul and Kirkuk again."
)


def _inputs(tmp_path: Path) -> list[Path]:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "text": "Protesters gathered in Paris, Texas, then in Paris."}) + "\n"
        "not json\n",
        encoding="utf-8",
    )
    return [story, feed, tmp_path / "missing.txt"]


def _texts(paths: list[Path], gazetteer: Any, **options: Any) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    errors: list[str] = []
    for found in mention_records_from_paths(paths, gazetteer=gazetteer, as_text=True, **options):
        if isinstance(found, InputError):
            errors.append(str(found))
        else:
            texts.extend(found)
    return texts, errors


def _records(paths: list[Path], gazetteer: Any, **options: Any) -> tuple[list[str], list[str]]:
    records: list[str] = []
    errors: list[str] = []
    for found in mention_records_from_paths(paths, gazetteer=gazetteer, **options):
        if isinstance(found, InputError):
            errors.append(str(found))
        else:
            records.extend(dumps_with_geometry(r) for r in found)
    return records, errors


def test_printed_text_is_each_records_json(tmp_path: Path, gazetteer: Any) -> None:
    paths = _inputs(tmp_path)
    texts, errors = _texts(paths, gazetteer)
    assert (texts, errors) == _records(paths, gazetteer)
    assert len(errors) == 2 and any("missing.txt" in e for e in errors)
    parsed = [json.loads(t) for t in texts]
    kirkuks = [r for r in parsed if r["text"] == "Kirkuk"]
    assert len(kirkuks) == 2 and kirkuks[0]["feature_id"] == kirkuks[1]["feature_id"]
    assert all("geometry" not in r for r in parsed)
    assert any(r["text"] == "Turkish" for r in parsed)  # the quotes around it stay outside the record


def test_full_geometry_and_explanations_print_as_the_records_do(tmp_path: Path, gazetteer: Any) -> None:
    paths = _inputs(tmp_path)
    for options in ({"geometry": "full"}, {"explain": True}):
        texts, errors = _texts(paths, gazetteer, **options)
        assert (texts, errors) == _records(paths, gazetteer, **options)
    full = [json.loads(t) for t in _texts(paths, gazetteer, geometry="full")[0]]
    iraq = next(r for r in full if r.get("feature_id") == "ne:IRQ")
    assert iraq["geometry"]["type"] in ("Polygon", "MultiPolygon")
