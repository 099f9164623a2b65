"""Small stand-in stages for testing the runner's own machinery (errors, resume, atomicity, workers).

They live at module level so worker processes and Dask workers can unpickle them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from shapely.geometry import Point, Polygon

from geoevents.errors import InputError
from geoevents.parallel import Stages
from geoevents.records import (
    Article,
    ArticleResult,
    Event,
    EventLocation,
    Evidence,
    Mention,
    Place,
    ResolvedMention,
)
from geoevents.settings import Settings

PLACES = {
    "Alpha": Place("test:alpha", "Alpha", "town", 10.0, 20.0, Point(20.0, 10.0), "test", "AA"),
    "Beta": Place("test:beta", "Beta", "town", -5.5, 30.25, Point(30.25, -5.5), "test", "BB"),
    "Gamma": Place(
        "test:gamma",
        "Gamma",
        "country",
        1.0,
        1.0,
        Polygon([(0, 0), (2, 0), (2, 2), (0, 2)]),
        "test",
        "GG",
    ),
}

CALLS_FILE_ENV = "GEOEVENTS_TEST_CALLS"


def ingest(
    inputs: Sequence[str], *, settings: Settings, exclude: Sequence[Path] = ()
) -> Iterator[Article | InputError]:
    """Every file of every input folder (sorted); files whose text starts with BAD are refused."""
    for item in inputs:
        base = Path(item)
        paths = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        paths = [p for p in paths if not any(p.resolve().is_relative_to(x.resolve()) for x in exclude)]
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as exc:
                yield InputError(str(path), f"cannot read ({exc.strerror})")
                continue
            if len(data) > settings.max_input_bytes:
                yield InputError(str(path), f"larger than {settings.max_input_bytes} bytes")
                continue
            text = data.decode("utf-8")
            if text.startswith("BAD"):
                yield InputError(str(path), "refused by the test ingest")
                continue
            article_id = hashlib.sha256(data).hexdigest()[:16]
            yield Article(id=article_id, text=text, path=str(path), title=path.stem)


def geoparse(article: Article, *, gazetteer: Any) -> list[ResolvedMention]:
    if "CRASH" in article.text and multiprocessing.parent_process() is not None:
        os._exit(70)  # a worker process dying as on a crash in native code
    if "BOOM" in article.text:
        raise ValueError("the test geoparser\nwas told to fail")
    if "LEAK" in article.text:
        raise RuntimeError(f"request refused for key {os.environ.get('GEOEVENTS_TEST_API_KEY')}")
    calls = os.environ.get(CALLS_FILE_ENV)
    if calls:
        with open(calls, "a", encoding="utf-8") as handle:
            handle.write(article.id + "\n")
    found = []
    for match in re.finditer(r"\b[A-Z][a-z]+\b", article.text):
        place = gazetteer.get(match.group())
        mention = Mention(article.id, match.start(), match.end(), match.group())
        found.append(ResolvedMention(mention, place, 0.9 if place else 0.0, 1))
    return found


def extract_events(
    article: Article, resolved: Sequence[ResolvedMention], *, settings: Settings
) -> list[Event]:
    events = []
    for index, match in enumerate(re.finditer(r"[^.]*\bstrike\b[^.]*\.", article.text)):
        places = [r.place for r in resolved if r.place and match.start() <= r.mention.start < match.end()]
        events.append(
            Event(
                event_id=f"{article.id}-{index}",
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                disorder_type="Political violence",
                event_date=date(2019, 12, 29),
                time_precision=1,
                fatalities=index,
                locations=tuple(EventLocation(p, 1) for p in places),
                evidence=(
                    Evidence(
                        article.id, match.start(), match.end(), match.group().strip(), article.path or ""
                    ),
                ),
            )
        )
    return events


def merge(events: Sequence[Event], *, settings: Settings) -> list[Event]:
    """Same first place and type: one event (the first seen keeps its id)."""
    merged: dict[tuple[str, str], Event] = {}
    for event in events:
        key = (event.locations[0].place.feature_id if event.locations else event.event_id, event.event_type)
        merged.setdefault(key, event)
    return list(merged.values())


def write_outputs(
    results: Sequence[ArticleResult],
    events: Sequence[Event],
    out_dir: Path,
    *,
    tiles: str | None,
    run_info: Any,
) -> list[Path]:
    places = {}
    for result in results:
        for resolved in result.mentions:
            if resolved.place is not None:
                places[resolved.place.feature_id] = resolved.place
    features = [
        {
            "id": e.event_id,
            "type": e.event_type,
            "places": [loc.place.name for loc in e.locations],
            "quote": e.evidence[0].sentence if e.evidence else "",
        }
        for e in events
    ]
    (out_dir / "events.geojson").write_text(json.dumps(features, indent=1), encoding="utf-8")
    (out_dir / "places.geojson").write_text(
        json.dumps({fid: [p.lon, p.lat, p.geometry.wkt] for fid, p in sorted(places.items())}),
        encoding="utf-8",
    )
    (out_dir / "map.html").write_text(f"<html>{len(features)} events</html>", encoding="utf-8")
    return [out_dir / "events.geojson", out_dir / "places.geojson", out_dir / "map.html"]


def crashing_write_outputs(
    results: Sequence[ArticleResult],
    events: Sequence[Event],
    out_dir: Path,
    *,
    tiles: str | None,
    run_info: Any,
) -> list[Path]:
    (out_dir / "events.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    raise KeyboardInterrupt


def load_gazetteer(extra: tuple[Path, ...], online: str | None) -> dict[str, Place]:
    return dict(PLACES)


def load_overrides(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))


def apply_to_resolved(
    overrides: dict[str, str], resolved: Sequence[ResolvedMention], *, article: Article
) -> list:
    """Overrides map a mention text to a place name (or "" to drop the place)."""
    out = []
    for r in resolved:
        if r.mention.text in overrides:
            target = overrides[r.mention.text]
            r = ResolvedMention(r.mention, PLACES.get(target), r.score, r.precision)
        out.append(r)
    return out


def apply_to_events(overrides: dict[str, str], events: Sequence[Event]) -> list[Event]:
    return list(events)


FAKE_STAGES = Stages(
    ingest=ingest,
    geoparse=geoparse,
    extract_events=extract_events,
    merge=merge,
    load_overrides=load_overrides,
    apply_to_resolved=apply_to_resolved,
    apply_to_events=apply_to_events,
    write_outputs=write_outputs,
    load_gazetteer=load_gazetteer,
)


def broken_gazetteer(extra: tuple[Path, ...], online: str | None) -> dict[str, Place]:
    raise OSError("gazetteer index unreadable: disk full")


def geoparse_without_its_module(article: Article, *, gazetteer: Any) -> list[ResolvedMention]:
    raise ModuleNotFoundError("No module named 'spacy_missing_model'")


def geoparse_with_a_bug(article: Article, *, gazetteer: Any) -> list[ResolvedMention]:
    """A stage bug that no input causes: every article fails with the same reason."""
    raise KeyError("zone_kind")


def with_real_overrides(stages: Stages) -> Stages:
    """``stages`` with the real overrides module (loading, place and event corrections)."""
    real = Stages()
    return dataclasses.replace(
        stages,
        load_overrides=real.load_overrides,
        apply_to_resolved=real.apply_to_resolved,
        apply_to_events=real.apply_to_events,
    )
