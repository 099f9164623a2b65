"""Every file of the events development set (data/devset/*.jsonl) is well formed.

The files hold annotations only; the texts are read from ../shared at evaluation time. Offsets are
checked against the item span always, and against the document text when the corpora are beside the
repository (the text checks skip otherwise).
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPORA, DATA, SEEDS

DEVSET = DATA / "devset"
FILES = sorted(DEVSET.glob("*.jsonl"))

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
REALIS = {"asserted", "negated", "hypothetical", "future", "threatened", "habitual", "background"}
NONE_REASONS = {
    "crime",
    "accident",
    "disaster",
    "outbreak",
    "diplomacy",
    "statement",
    "claim",
    "economy",
    "sport",
    "other",
}
CORPUS_NAMES = {"fakes", "lgl", "trnews", "geovirus", "seeds", "own"}
ITEM_KEYS = {"item", "corpus", "doc", "span", "shape", "none_reason", "events"}
OWN_KEYS = ITEM_KEYS | {"text", "published"}  # items in our own words carry their text
EVENT_KEYS = {
    "sentences",
    "event_type",
    "sub_event_type",
    "realis",
    "date",
    "time_precision",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "lat",
    "lon",
    "geo_precision",
    "fatalities",
    "injuries",
}


def _items(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _all_items() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{p.name}:{i + 1}", item) for p in FILES for i, item in enumerate(_items(p))]


ITEMS = _all_items()


def _is_offset_pair(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] < value[1]
    )


def _bounds(item: dict[str, Any]) -> tuple[int, int | None]:
    span = item["span"]
    return (span[0], span[1]) if span is not None else (0, None)


def test_the_set_has_files_and_items() -> None:
    assert FILES, f"no *.jsonl in {DEVSET}"
    assert ITEMS


@pytest.mark.parametrize("where,item", ITEMS, ids=[w for w, _ in ITEMS])
def test_item_schema(where: str, item: dict[str, Any]) -> None:
    keys = OWN_KEYS if item["corpus"] == "own" else ITEM_KEYS
    assert set(item) == keys, f"{where}: keys {sorted(set(item) ^ keys)}"
    assert item["corpus"] in CORPUS_NAMES
    assert isinstance(item["doc"], str) and item["doc"]
    assert isinstance(item["shape"], str) and item["shape"]
    assert item["span"] is None or _is_offset_pair(item["span"])
    assert isinstance(item["events"], list)
    asserted = [e for e in item["events"] if e.get("realis") == "asserted"]
    if asserted:
        assert item["none_reason"] is None, f"{where}: none_reason with asserted events"
    else:
        assert item["none_reason"] in NONE_REASONS, f"{where}: no asserted event needs a none_reason"


@pytest.mark.parametrize("where,item", ITEMS, ids=[w for w, _ in ITEMS])
def test_event_fields(where: str, item: dict[str, Any]) -> None:
    lo, hi = _bounds(item)
    for n, ev in enumerate(item["events"]):
        at = f"{where} event {n}"
        assert EVENT_KEYS <= set(ev) <= EVENT_KEYS | {"note"}, f"{at}: keys {sorted(set(ev) ^ EVENT_KEYS)}"
        assert SUB_EVENT_TYPES.get(ev["sub_event_type"]) == ev["event_type"], at
        assert ev["realis"] in REALIS, at
        for toll in ("fatalities", "injuries"):
            assert isinstance(ev[toll], int) and not isinstance(ev[toll], bool) and ev[toll] >= 0, at
        assert ev["sentences"], f"{at}: no sentence"
        for pair in ev["sentences"]:
            assert _is_offset_pair(pair), at
            assert pair[0] >= lo and (hi is None or pair[1] <= hi), f"{at}: sentence {pair} outside the item"
        if ev["date"] is None:
            assert ev["time_precision"] is None, at
        else:
            assert len(ev["date"]) == 10 and ev["time_precision"] in (1, 2, 3), at
        if ev["location"] is None:
            assert ev["lat"] is None and ev["lon"] is None and ev["geo_precision"] is None, at
        else:
            assert -90 <= ev["lat"] <= 90 and -180 <= ev["lon"] <= 180, at
            assert ev["geo_precision"] in (1, 2, 3) and ev["country"], at
        assert isinstance(ev["actor1"], str) and ev["actor1"], at


def test_item_ids_are_unique() -> None:
    ids = [item["item"] for _, item in ITEMS]
    assert len(ids) == len(set(ids))


# --- offsets against the texts (skipped when ../shared is absent) -------------------------------


@cache
def _fakes() -> dict[str, str]:
    with (CORPORA / "FA-KES" / "FA-KES-Dataset.csv").open(encoding="latin-1", newline="") as fh:
        return {row["unit_id"]: row["article_content"] for row in csv.DictReader(fh)}


@cache
def _xml_by_docid(file: str) -> dict[str, str]:
    root = ET.parse(CORPORA / file).getroot()
    return {a.get("docid") or str(i): a.findtext("text") or "" for i, a in enumerate(root.iter("article"))}


@cache
def _geovirus() -> dict[str, str]:
    root = ET.parse(CORPORA / "GeoVirus" / "GeoVirus.xml").getroot()
    return {str(i): a.findtext("text") or "" for i, a in enumerate(root.iter("article"))}


def _seed(doc: str) -> dict[str, str]:
    return {doc: (SEEDS / doc).read_text(encoding="utf-8")}


TEXTS: dict[str, Callable[[str], dict[str, str]]] = {
    "fakes": lambda _doc: _fakes(),
    "lgl": lambda _doc: _xml_by_docid("LGL/lgl.xml"),
    "trnews": lambda _doc: _xml_by_docid("TR-News/TR-News.xml"),
    "geovirus": lambda _doc: _geovirus(),
    "seeds": _seed,
}


@pytest.mark.parametrize("where,item", ITEMS, ids=[w for w, _ in ITEMS])
def test_offsets_index_the_document_text(where: str, item: dict[str, Any]) -> None:
    if "text" in item:
        text = item["text"]
    elif not CORPORA.is_dir():
        pytest.skip(f"corpora not found at {CORPORA}")
    else:
        text = TEXTS[item["corpus"]](item["doc"]).get(item["doc"])
    assert text is not None, f"{where}: document {item['doc']} not in {item['corpus']}"
    spans = [item["span"]] if item["span"] else []
    spans += [pair for ev in item["events"] for pair in ev["sentences"]]
    for start, end in spans:
        assert end <= len(text), f"{where}: {start}-{end} past the end ({len(text)})"
        piece = text[start:end]
        assert not piece[0].isspace() and not piece[-1].isspace(), f"{where}: {start}-{end} has edge space"
