"""Outputs: time and size of each output file, for the sample articles and for synthetic batches.

The sample articles in data/articles go through the whole pipeline once (its
events and mentions are captured before writing); each output is then written
alone and timed. The synthetic batches are seeded random events (every type,
every precision, some areas and a border) spread over a region about the size
of the Levant, the density of a month of a busy conflict. Sizes: the
``GEOEVENTS_BENCH_OUTPUT_SIZES`` list (default ``300``).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import matplotlib.pyplot as plt  # noqa: E402
from shapely.geometry import LineString, Point, box  # noqa: E402

from geoevents.atomic import atomic_write_bytes  # noqa: E402
from geoevents.outputs import (  # noqa: E402
    frames_from_records,
    write_acled_csv,
    write_geojson,
    write_geopackage,
    write_kmz,
    write_map,
    write_qgis_project,
    write_report,
)
from geoevents.outputs.images import draw_map, figure_bytes  # noqa: E402
from geoevents.records import (  # noqa: E402
    Article,
    ArticleResult,
    Event,
    EventLocation,
    Evidence,
    Mention,
    MentionKind,
    Place,
    ResolvedMention,
)

SAMPLES = ROOT / "data" / "articles"
DEFAULT_SIZES = "300"
TYPES = [
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Strategic developments", "Arrests", "Strategic developments"),
]

_captured: list[tuple[list[ArticleResult], list[Event]]] = []


def _capture(results: Any, events: Any, out_dir: Any, **_: Any) -> dict[str, Path]:
    _captured.append((list(results), list(events)))
    return {}


def sample_records() -> tuple[list[ArticleResult], list[Event]]:
    """The pipeline's results and events for the sample articles."""
    from geoevents.parallel import Stages
    from geoevents.pipeline import RunOptions, run

    _captured.clear()
    with tempfile.TemporaryDirectory() as out:
        run([SAMPLES], out, options=RunOptions(progress=False), stages=Stages(write_outputs=_capture))
    return _captured[-1]


def synthetic_records(count: int, *, seed: int = 7) -> tuple[list[ArticleResult], list[Event]]:
    """``count`` events over 60 days at ~count/3 places, with a few areas and a border."""
    rng = random.Random(seed)
    places = [
        Place(
            f"bench:{i}",
            f"Town {i}",
            "town",
            lat=rng.uniform(31.0, 37.0),
            lon=rng.uniform(35.0, 43.0),
            geometry=None,
            source="bench",
            country_code=rng.choice(["SY", "IQ", "JO", "LB"]),
        )
        for i in range(max(count // 3, 1))
    ]
    places = [Place(**{**_fields(p), "geometry": Point(p.lon, p.lat)}) for p in places]
    areas = [
        Place(
            f"bench:area{i}",
            f"Province {i}",
            "admin1",
            lat=33.0 + i,
            lon=37.0 + i,
            geometry=box(36.0 + i, 32.0 + i, 38.5 + i, 34.0 + i),
            source="bench",
            country_code="SY",
        )
        for i in range(4)
    ]
    border = Place(
        "bench:border",
        "Syria-Iraq border",
        "border",
        lat=34.4,
        lon=41.0,
        geometry=LineString([(38.8, 33.4), (41.0, 34.4), (42.3, 37.1)]),
        source="bench",
        country_code="SY",
    )
    events = []
    mentions: list[ResolvedMention] = []
    for i in range(count):
        event_type, sub_type, disorder = rng.choice(TYPES)
        precision = rng.choice([1, 1, 1, 2, 3])
        place = rng.choice([*areas, border]) if precision == 3 and rng.random() < 0.3 else rng.choice(places)
        article = f"art{i // 3}"
        sentence = f"Report {i}: {sub_type.lower()} near {place.name}, {rng.randint(0, 30)} killed."
        events.append(
            Event(
                event_id=f"bench-{i:05d}",
                event_type=event_type,
                sub_event_type=sub_type,
                disorder_type=disorder,
                event_date=date(2024, 1, 1) + timedelta(days=rng.randrange(60)),
                time_precision=1,
                actor1=f"Armed group {rng.randrange(12)}",
                actor2=rng.choice([None, "Civilians", f"Armed group {rng.randrange(12)}"]),
                fatalities=rng.choice([None, 0, 1, 2, 5, 12, 40]),
                locations=(EventLocation(place, precision),),
                evidence=(Evidence(article, 0, len(sentence), sentence, f"https://news.example/{article}"),),
                confidence=round(rng.uniform(0.3, 0.95), 2),
            )
        )
        kind = MentionKind.BORDER if place is border else MentionKind.TOPONYM
        mentions.append(
            ResolvedMention(
                Mention(article, 0, len(place.name), place.name, kind=kind), place, 0.9, precision
            )
        )
    by_article: dict[str, list[ResolvedMention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.mention.article_id, []).append(mention)
    results = [ArticleResult(Article(id=a, text="..."), tuple(m), ()) for a, m in sorted(by_article.items())]
    return results, events


def _fields(place: Place) -> dict[str, Any]:
    return {name: getattr(place, name) for name in place.__dataclass_fields__}


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def output_rows(
    label: str, results: Sequence[ArticleResult], events: Sequence[Event]
) -> list[tuple[str, str, str]]:
    """(figure, measured, goal) for each output of one batch."""
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        layers: dict[str, Any] = {}
        build = _timed(lambda: layers.update(frames_from_records(results, events)))
        rows.append((f"{label}: layers (GeoDataFrames)", f"{build:.2f} s", "< 2 s"))
        png: list[bytes] = []

        def images() -> None:
            fig = draw_map(layers)
            try:
                png.append(figure_bytes(fig, "png"))
                atomic_write_bytes(out / "map.png", png[-1])
                atomic_write_bytes(out / "map.svg", figure_bytes(fig, "svg"))
            finally:
                plt.close(fig)

        def geojson() -> None:
            for name in layers:
                write_geojson(layers[name], out / f"{name}.geojson", name=name)

        steps: list[tuple[str, Callable[[], None], tuple[str, ...], str]] = [
            ("GeoJSON (5 layers)", geojson, tuple(f"{n}.geojson" for n in layers), "< 2 s"),
            ("events.csv", lambda: write_acled_csv(events, out / "events.csv"), ("events.csv",), "< 1 s"),
            (
                "geoevents.gpkg",
                lambda: write_geopackage(layers, out / "geoevents.gpkg"),
                ("geoevents.gpkg",),
                "< 3 s",
            ),
            ("map.html", lambda: write_map(layers, out / "map.html"), ("map.html",), "< 10 s, < 5 MB"),
            ("map.png + map.svg", images, ("map.png", "map.svg"), "< 10 s"),
            (
                "report.html",
                lambda: write_report(events, out / "report.html", map_png=png[-1] if png else None),
                ("report.html",),
                "< 3 s",
            ),
            (
                "report.html + report.pdf",
                lambda: write_report(
                    events, out / "report.html", pdf_path=out / "report.pdf", map_png=png[-1] if png else None
                ),
                ("report.html", "report.pdf"),
                "< 30 s",
            ),
            ("events.kmz", lambda: write_kmz(events, out / "events.kmz"), ("events.kmz",), "< 3 s"),
            (
                "geoevents.qgz",
                lambda: write_qgis_project(layers, out / "geoevents.qgz"),
                ("geoevents.qgz",),
                "< 1 s",
            ),
        ]
        for name, action, files, goal in steps:
            seconds = _timed(action)
            size = sum((out / f).stat().st_size for f in files)
            rows.append((f"{label}: {name}", f"{seconds:.2f} s, {size / 1e6:.2f} MB", goal))
    return rows


def rows() -> list[tuple[str, str, str]]:
    table: list[tuple[str, str, str]] = []
    if SAMPLES.is_dir() and any(SAMPLES.iterdir()):
        results, events = sample_records()
        table += output_rows(f"samples ({len(events)} events)", results, events)
    for size in (int(s) for s in os.environ.get("GEOEVENTS_BENCH_OUTPUT_SIZES", DEFAULT_SIZES).split(",")):
        results, events = synthetic_records(size)
        table += output_rows(f"{size} synthetic events", results, events)
    return table


if __name__ == "__main__":
    for row in rows():
        print(*row, sep="   ")
