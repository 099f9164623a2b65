"""`geoevents parse` records: fields, errors, and the seed pages end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.geoparse.parse import mention_records_from_paths


def _flat(found: Any) -> list[dict[str, Any]]:
    """Every record of every article, a bad input as ``{"error": ...}``."""
    out: list[dict[str, Any]] = []
    for item in found:
        out.extend([{"error": str(item)}] if isinstance(item, InputError) else item)
    return out


PLACE_FIELDS = {
    "name",
    "feature_id",
    "source",
    "lat",
    "lon",
    "bbox",
    "country_code",
    "admin1",
    "precision",
    "score",
}


def test_records_carry_offsets_roles_and_places(tmp_path: Path, gazetteer: Any) -> None:
    path = tmp_path / "story.txt"
    text = "Rockets hit Kirkuk on Friday. Hadi al-Amiri said Iraqi forces would respond."
    path.write_text(text, encoding="utf-8")
    records = _flat(mention_records_from_paths([path], gazetteer=gazetteer))
    assert records
    json.dumps(records)  # every record is JSON-ready
    from geoevents.ingest import articles_from_paths

    article = next(iter(articles_from_paths([path])))
    for r in records:
        assert {"file", "start", "end", "text", "role"} <= set(r)
        assert article.text[r["start"] : r["end"]] == r["text"]  # type: ignore[union-attr]
    kirkuk = next(r for r in records if r["text"] == "Kirkuk")
    assert set(kirkuk) >= PLACE_FIELDS
    assert kirkuk["role"] == "literal" and kirkuk["country_code"] == "IQ"
    assert kirkuk["precision"] == 1 and "geometry" not in kirkuk  # by reference unless asked
    west, south, east, north = kirkuk["bbox"]
    assert west <= kirkuk["lon"] <= east and south <= kirkuk["lat"] <= north
    person = next(r for r in records if r["text"] == "Hadi al-Amiri")
    assert person["role"] == "not_place" and "feature_id" not in person
    iraqi = next(r for r in records if r["text"] == "Iraqi")
    assert iraqi["role"] == "demonym" and iraqi["country_code"] == "IQ"


def test_a_bad_input_is_one_error_and_the_rest_goes_on(tmp_path: Path, gazetteer: Any) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Rockets hit Mosul.", encoding="utf-8")
    records = _flat(mention_records_from_paths([tmp_path / "missing.txt", good], gazetteer=gazetteer))
    errors = [r for r in records if "error" in r]
    assert len(errors) == 1 and "missing.txt" in errors[0]["error"] and "\n" not in errors[0]["error"]
    assert any(r.get("text") == "Mosul" for r in records)


def test_cli_parse_prints_json_lines(tmp_path: Path, gazetteer: Any, capsys: Any) -> None:
    from geoevents.cli import main

    path = tmp_path / "story.txt"
    path.write_text("Rockets hit Mosul and Erbil.", encoding="utf-8")
    assert main(["parse", "--jsonl", str(path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["text"] for r in lines} >= {"Mosul", "Erbil"}


def test_seed_junk_never_becomes_a_place(seeds_dir: Path, gazetteer: Any) -> None:
    records = _flat(mention_records_from_paths([seeds_dir], gazetteer=gazetteer))
    assert not [r for r in records if "error" in r and "README" not in r["error"]]
    placed = {r["text"] for r in records if "feature_id" in r}
    assert {"Kirkuk", "Albukamal"} <= placed
    for junk in (
        "Barcelona",
        "Tottenham Hotspur",
        "Aden",
        "MAR",
        "JOR",
        "ALG",
        "UAE",
        "SYR",
        "PAL",
        "TUN",
        "EGY",
    ):
        assert junk not in placed


def test_cli_parse_gives_places_by_reference_unless_the_shape_is_asked_for(
    tmp_path: Path, gazetteer: Any, capsys: Any
) -> None:
    """A country's polygon is never repeated per mention by default; --geometry full adds each shape."""
    from geoevents.cli import main

    path = tmp_path / "story.txt"
    path.write_text("Iraq and Iran traded fire. In Iraq, Mosul was calm. Iraq said so.", encoding="utf-8")
    assert main(["parse", "--jsonl", str(path)]) == 0
    lean = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lean]
    iraq = [r for r in records if r["text"] == "Iraq"]
    assert len(iraq) == 3 and all("geometry" not in r for r in records)
    assert all(len(line.encode()) <= 1024 for line in lean)
    west, south, east, north = iraq[0]["bbox"]
    assert east - west > 5 and north - south > 5  # the country's extent, not a point's
    assert main(["parse", "--jsonl", "--geometry", "full", str(path)]) == 0
    full = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    shapes = [r["geometry"] for r in full if r["text"] == "Iraq"]
    assert shapes[0]["type"] in ("Polygon", "MultiPolygon") and shapes[0] == shapes[2]
    assert [{k: v for k, v in r.items() if k != "geometry"} for r in full] == records


def test_cli_parse_array_is_valid_json(tmp_path: Path, gazetteer: Any, capsys: Any) -> None:
    from geoevents.cli import main

    path = tmp_path / "story.txt"
    path.write_text("Rockets hit Mosul and Erbil.", encoding="utf-8")
    for extra in ([], ["--geometry", "full"]):
        assert main(["parse", *extra, str(path)]) == 0
        records = json.loads(capsys.readouterr().out)
        assert {r["text"] for r in records} >= {"Mosul", "Erbil"}
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing here at all", encoding="utf-8")
    assert main(["parse", str(empty)]) == 0
    assert json.loads(capsys.readouterr().out) == []
