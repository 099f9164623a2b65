"""run.json and the resume fingerprint: what went in, with which options, and what came of each input."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from geoevents import __version__
from geoevents.codec import dumps
from geoevents.records import Article, Skipped
from geoevents.run_errors import RunError, redact
from geoevents.settings import Settings

if TYPE_CHECKING:
    from geoevents.pipeline import RunOptions


def _sha256_file(path: str, *, limit: int) -> str | None:
    """The file's sha256, or None for what is not a regular readable file within the size limit."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


@dataclasses.dataclass
class _InputRecord:
    path: str
    seq: int
    sha256: str | None = None
    articles: list[str] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)


def _article_source(article: Article) -> str:
    """How an error names an article: its file, and its line or id inside a multi-article file."""
    where = article.path or article.url or article.title or article.id
    meta = article.metadata if isinstance(article.metadata, Mapping) else {}
    position = meta.get("line", meta.get("index"))
    if position is not None:
        return f"{where}:{position}"
    return str(where)


def _input_of(source: str) -> str:
    """The input file an error source names ("feed.jsonl:7" is line 7 of feed.jsonl)."""
    head, sep, tail = source.rpartition(":")
    if sep and tail.isdigit() and os.path.isfile(head):
        return head
    return source


def _fingerprint(
    options: RunOptions, settings: Settings, gazetteer_version: str | None, overrides: Any
) -> str:
    payload = {
        "version": __version__,
        "settings": {
            k: str(v) for k, v in sorted(dataclasses.asdict(settings).items()) if k not in ("jobs",)
        },
        "gazetteer": gazetteer_version,
        "extra_gazetteers": [
            [str(p), _sha256_file(str(p), limit=1 << 40)] for p in sorted(options.extra_gazetteers)
        ],
        "online_geocoder": options.online_geocoder,
        "overrides": _place_corrections(overrides, options),
    }
    return hashlib.sha256(dumps(payload).encode()).hexdigest()


def _place_corrections(overrides: Any, options: RunOptions) -> Any:
    """What of the corrections shapes stored article results: the place rows, in order.

    Event rows are applied after the merge, so fixing or adding one keeps the resume store;
    corrections of an unknown shape (a stage of one's own) count as a whole file.
    """
    rows = getattr(overrides, "rows", None)
    if rows is None:
        return _sha256_file(str(options.overrides), limit=1 << 40) if options.overrides else None
    return [
        [row.action, row.id, row.field, _jsonable_value(row.value)]
        for row in rows
        if getattr(row, "target", None) == "place"
    ]


def _jsonable_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _stale_event_overrides(overrides: Any) -> list[str]:
    """Where ("file:row") each event correction is that matched no event of this run.

    Event rows are applied here, after the merge, so the loaded corrections know their use.
    """
    return [
        str(getattr(row, "where", "?"))
        for row in getattr(overrides, "unused", ())
        if getattr(row, "target", None) == "event"
    ]


def _stale_place_overrides(overrides: Any, used: set[int]) -> list[str]:
    """Where ("file:row") each place correction is that matched no mention of any article of the run.

    Place rows are applied in the workers; each stored result lists the place rows it used
    (their order among the place rows, resumed articles included), and ``used`` is their union.
    """
    places = [row for row in getattr(overrides, "rows", ()) if getattr(row, "target", None) == "place"]
    return [str(getattr(row, "where", "?")) for index, row in enumerate(places) if index not in used]


def _run_info(
    options: RunOptions,
    settings: Settings,
    gazetteer_version: str | None,
    records: Mapping[str, _InputRecord],
    errors: Sequence[RunError],
    *,
    skipped: Sequence[Skipped] = (),
    stale_overrides: Sequence[str] = (),
    stale_place_overrides: Sequence[str] = (),
    counts: dict[str, int],
) -> dict[str, Any]:
    """run.json: what went in, what came out, what failed; nothing that varies between reruns."""
    inputs = []
    reported_reads = any(r.sha256 is not None for r in records.values())
    for record in sorted(records.values(), key=lambda r: (r.seq, r.path)):
        sha = record.sha256 if record.articles else None
        if sha is None and record.articles and not reported_reads:  # an ingest that does not say
            sha = _sha256_file(record.path, limit=settings.max_input_bytes)
        inputs.append(
            {
                "path": redact(record.path),
                "sha256": sha,
                "articles": list(dict.fromkeys(record.articles)),
                "errors": record.errors,
            }
        )
    info: dict[str, Any] = {
        "geoevents_version": __version__,
        "gazetteer": {
            "version": gazetteer_version,
            "extra_files": [
                {"path": str(p), "sha256": _sha256_file(str(p), limit=1 << 40)}
                for p in options.extra_gazetteers
            ],
            "online_geocoder": options.online_geocoder,
        },
        "options": {
            "max_input_bytes": settings.max_input_bytes,
            "tiles": options.tiles,
            "extras": sorted(options.extras),
            "overrides": (
                {
                    "path": str(options.overrides),
                    "sha256": _sha256_file(str(options.overrides), limit=1 << 40),
                    "unused_event_rows": list(stale_overrides),
                    "unused_place_rows": list(stale_place_overrides),
                }
                if options.overrides
                else None
            ),
        },
        "counts": counts,
        "inputs": inputs,
        "errors": [{"source": e.source, "stage": e.stage, "reason": e.reason} for e in errors],
        "skipped": [{"source": redact(s.source), "reason": s.reason} for s in skipped],
    }
    if options.record_time:
        from datetime import UTC, datetime

        info["started"] = datetime.now(UTC).isoformat(timespec="seconds")
    return info
