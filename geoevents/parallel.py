"""Per-article work and where it runs: in this process, in worker processes, or on a Dask cluster.

An article's work (geoparse, analyst corrections, event extraction) is independent of
every other article, so it fans out freely. Each worker loads the gazetteer once and
answers with a compact JSON encoding of its ``ArticleResult``: places are sent by
feature id, with the full place (geometry included) only the first time a worker
meets it, so country polygons cross the process boundary once per worker, not once
per mention. The same encoding is what the pipeline keeps on disk, which is why a
single-process run, ``--jobs N`` and a Dask run give byte-identical outputs.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import enum
import gc
import importlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

import shapely
from shapely.geometry import mapping as geojson_of
from shapely.geometry.base import BaseGeometry

from geoevents.errors import GazetteerError, GeoeventsError, RunFailed
from geoevents.records import Article, ArticleResult, Event, Place, ResolvedMention
from geoevents.settings import Settings

log = logging.getLogger(__name__)

__all__ = [
    "NO_EVENT_REASON",
    "OVERRIDES_USED",
    "Failure",
    "Reply",
    "StageFailed",
    "StageUnavailable",
    "Stages",
    "Success",
    "WorkerConfig",
    "decode_record",
    "encode_record",
    "no_event_reason",
    "one_line",
    "place_id_of_encoded",
    "process_article",
    "replies_from_articles",
]


# --------------------------------------------------------------------------- stages


class StageUnavailable(GeoeventsError):
    """A stage cannot run for any article (its module fails to import, a gazetteer file of the user's
    is bad): the run stops with this one usage-level error instead of one error per article."""


class StageFailed(StageUnavailable, RunFailed):
    """A stage that cannot run through no fault of the inputs or options (the world gazetteer cannot
    be built or loaded): the run itself failed, exit status 3."""


def _default_ingest(
    inputs: Sequence[str], *, settings: Settings, exclude: Sequence[Path] = ()
) -> Iterable[Any]:
    """Articles, InputErrors, and notes (``Skipped``, ``FileRead``); nothing under ``exclude`` is read."""
    from geoevents.ingest import articles_from_paths

    return articles_from_paths(inputs, settings=settings, exclude=exclude, notes=True)


def _default_geoparse(article: Article, *, gazetteer: Any) -> Sequence[ResolvedMention]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    return resolved_mentions_from_article(article, gazetteer=gazetteer)


def _default_extract_events(
    article: Article, resolved: Sequence[ResolvedMention], *, settings: Settings
) -> Sequence[Event]:
    from geoevents.events import events_from_article

    return events_from_article(article, list(resolved), settings=settings)


def _default_merge(events: Sequence[Event], *, settings: Settings) -> Sequence[Event]:
    from geoevents.events import merge_events

    return merge_events(list(events), settings=settings)


def _default_load_overrides(path: Path) -> Any:
    from geoevents.events.overrides import load_overrides

    return load_overrides(path)


def _default_apply_to_resolved(
    overrides: Any, resolved: Sequence[ResolvedMention], *, article: Article
) -> Any:
    from geoevents.events.overrides import apply_to_resolved

    return apply_to_resolved(overrides, resolved, article=article)


def _default_apply_to_events(overrides: Any, events: Sequence[Event]) -> Any:
    from geoevents.events.overrides import apply_to_events

    return apply_to_events(overrides, events)


def _default_write_outputs(
    results: Iterable[ArticleResult],
    events: Sequence[Event],
    out_dir: Path,
    *,
    tiles: str | None,
    run_info: Any,
) -> Any:
    from geoevents.outputs import write_outputs

    extras = (run_info or {}).get("options", {}).get("extras", ())  # what the run was asked to add
    return write_outputs(results, events, out_dir, tiles=tiles, run_info=run_info, extras=extras)


def _default_load_gazetteer(extra_files: tuple[Path, ...], online: str | None) -> Any:
    from geoevents.gazetteer import gazetteer_from_options

    return gazetteer_from_options(extra_files=list(extra_files), online=online)


@dataclasses.dataclass(frozen=True)
class Stages:
    """The stage functions the runner calls; tests pass their own (module-level, so they pickle)."""

    ingest: Callable[..., Iterable[Any]] = _default_ingest
    geoparse: Callable[..., Sequence[ResolvedMention]] = _default_geoparse
    extract_events: Callable[..., Sequence[Event]] = _default_extract_events
    merge: Callable[..., Sequence[Event]] = _default_merge
    load_overrides: Callable[[Path], Any] = _default_load_overrides
    apply_to_resolved: Callable[..., Any] = _default_apply_to_resolved
    apply_to_events: Callable[..., Any] = _default_apply_to_events
    write_outputs: Callable[..., Any] = _default_write_outputs
    load_gazetteer: Callable[[tuple[Path, ...], str | None], Any] = _default_load_gazetteer

    def check_imports(self, *, overrides: bool) -> None:
        """Import the module behind every default stage now, so a broken install stops the run
        before the first article (raises StageUnavailable naming the stage)."""
        for field in dataclasses.fields(self):
            module = _DEFAULT_MODULES.get(getattr(self, field.name))
            if module is None or (module.endswith(".overrides") and not overrides):
                continue
            try:
                importlib.import_module(module)
            except Exception as exc:  # ImportError, or any error raised while the module loads
                raise StageUnavailable(
                    f"the {field.name} stage cannot be loaded ({module}: {one_line(exc_text(exc))})"
                ) from exc


_DEFAULT_MODULES: dict[Callable[..., Any], str] = {
    _default_ingest: "geoevents.ingest",
    _default_geoparse: "geoevents.geoparse.parse",
    _default_extract_events: "geoevents.events",
    _default_merge: "geoevents.events",
    _default_load_overrides: "geoevents.events.overrides",
    _default_apply_to_resolved: "geoevents.events.overrides",
    _default_apply_to_events: "geoevents.events.overrides",
    _default_write_outputs: "geoevents.outputs",
    _default_load_gazetteer: "geoevents.gazetteer",
}


def exc_text(exc: BaseException) -> str:
    """``TypeName: message`` of an exception, for error lines."""
    return f"{type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------- codec


def one_line(text: object, *, limit: int = 500) -> str:
    """An error text fit for one line of a log or of run.json."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _jsonable(value: Any) -> Any:
    """Plain JSON for free-form mappings (metadata, raw gazetteer rows)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, BaseGeometry):
        return value.wkt
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return _jsonable(item())
    return str(value)


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (None for any other type), looked up once per type."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
        _FIELD_NAMES[cls] = names
        return names


# Types whose values are their own JSON form: str and int and their subclasses (the records' StrEnums),
# added as they are met. Most values of a record are of these: no call is spent on them.
_PLAIN: set[type] = {str, int, bool, NoneType}
_INFINITE = (float("inf"), float("-inf"))


def encode_record(value: Any, places: dict[str, Place] | None = None) -> Any:
    """A record as JSON-ready data; with ``places``, each Place becomes ``{"$place": id}`` (and is kept)."""
    cls = value.__class__
    if cls in _PLAIN:  # most values: nothing to do
        return value
    if cls is float:
        return value if value == value and value not in _INFINITE else None
    if isinstance(value, Place) and places is not None:
        known = places.setdefault(value.feature_id, value)
        if known is value or known == value:
            return {"$place": value.feature_id}
        places = None  # a copy changed on the way (a site given its province) is written whole
    if isinstance(value, Place) and _raw_repeats_geometry(value):
        # geopy's raw holds the geometry again as GeoJSON; a country's coordinates as nested
        # JSON lists cost far more than the place itself, so it is stored once (as WKB).
        raw = {**value.raw, "geometry": _SAME_GEOMETRY}
        value = dataclasses.replace(value, raw=raw)
    names = _field_names(value.__class__)
    if names is not None:
        out = {}
        for name in names:
            field = getattr(value, name)
            out[name] = field if field.__class__ in _PLAIN else encode_record(field, places)
        return out
    if isinstance(value, BaseGeometry):
        return {"$wkb": shapely.to_wkb(value, hex=True)}
    if isinstance(value, (tuple, list)):
        return [v if v.__class__ in _PLAIN else encode_record(v, places) for v in value]
    if isinstance(value, (str, int)):  # a StrEnum or IntEnum member: JSON writes it as its value
        _PLAIN.add(cls)
        return value
    if isinstance(value, Mapping):
        return _jsonable(value)
    return _jsonable(value)


def place_id_of_encoded(mention: Mapping[str, Any]) -> str | None:
    """The feature id of an encoded ResolvedMention's place (None when it has none)."""
    place = mention.get("place")
    if not isinstance(place, Mapping):
        return None
    return place.get("$place") or place.get("feature_id")


_SAME_GEOMETRY = "$same-as-geometry"


def _raw_repeats_geometry(place: Place) -> bool:
    """Whether ``place.raw["geometry"]`` is the GeoJSON of ``place.geometry`` (the gazetteer's convention)."""
    shown = place.raw.get("geometry") if isinstance(place.raw, Mapping) else None
    return (
        isinstance(shown, Mapping)
        and place.geometry is not None
        and shown.get("type") == place.geometry.geom_type
        and "coordinates" in shown
    )


Decoder = Callable[[Any, Mapping[str, Place]], Any]
_DECODERS: dict[Any, Decoder] = {}
_RECORD_DECODERS: dict[type, dict[str, Decoder]] = {}


def _same(data: Any, places: Mapping[str, Place]) -> Any:
    return data


def _decoder(hint: Any) -> Decoder:
    """How to rebuild a value of type ``hint`` from its JSON form; worked out once per hint."""
    try:
        return _DECODERS[hint]
    except KeyError:
        pass
    inner = _make_decoder(hint)

    def decode(data: Any, places: Mapping[str, Place]) -> Any:
        return None if data is None else inner(data, places)

    _DECODERS[hint] = decode
    return decode


def _make_decoder(hint: Any) -> Decoder:
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        options = [a for a in get_args(hint) if a is not NoneType]
        return _decoder(options[0]) if len(options) == 1 else _same
    if origin is tuple:
        args = get_args(hint)
        item = _decoder(args[0] if args else Any)
        return lambda data, places: tuple([item(v, places) for v in data])
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        return lambda data, places: dict(data)
    if hint is Any or not isinstance(hint, type):
        return _same
    if issubclass(hint, BaseGeometry):
        return lambda data, places: shapely.from_wkb(data["$wkb"])
    if hint is Place:
        return lambda data, places: (
            places[data["$place"]]
            if isinstance(data, Mapping) and "$place" in data
            else decode_record(Place, data, places)
        )
    if dataclasses.is_dataclass(hint):
        record = hint
        return lambda data, places: decode_record(record, data, places)
    if issubclass(hint, enum.Enum):
        return lambda data, places: hint(data)
    if issubclass(hint, datetime):
        return lambda data, places: datetime.fromisoformat(data)
    if issubclass(hint, date):
        return lambda data, places: date.fromisoformat(data)
    if hint is float:
        return lambda data, places: float(data)
    return _same


def decode_record(cls: type[Any], data: Mapping[str, Any], places: Mapping[str, Place] | None = None) -> Any:
    """Rebuild a record of type ``cls`` from ``encode_record`` output."""
    fields = _RECORD_DECODERS.get(cls)
    if fields is None:
        fields = _RECORD_DECODERS[cls] = {name: _decoder(hint) for name, hint in _hints(cls).items()}
    table = places or {}
    kwargs = {name: fields[name](value, table) for name, value in data.items() if name in fields}
    if (
        cls is Place
        and isinstance(kwargs.get("raw"), Mapping)
        and kwargs["raw"].get("geometry") == _SAME_GEOMETRY
    ):
        kwargs["raw"] = {**kwargs["raw"], "geometry": geojson_of(kwargs["geometry"])}
    return cls(**kwargs)


def dumps(data: Any) -> str:
    """The one JSON spelling used for every stored line (stable, so reruns are byte-identical)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


# --------------------------------------------------------------------------- worker


@dataclasses.dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs; pickled once per worker, never per article."""

    stages: Stages
    settings: Settings
    extra_gazetteers: tuple[Path, ...] = ()
    online_geocoder: str | None = None
    overrides: Any = None
    gazetteer: Any = None  # an already loaded gazetteer (tests, library callers); else loaded per worker
    article_timeout: float | None = None  # seconds one article may take (None: no limit)


@dataclasses.dataclass(frozen=True, slots=True)
class Success:
    article_id: str
    line: str  # the encoded ArticleResult, one JSON line (with the override rows it used)
    new_places: tuple[tuple[str, str], ...]  # (feature_id, encoded Place) this worker had not sent yet


# Key of the stored result line that lists the corrections (row numbers) the article used.
OVERRIDES_USED = "$overrides_used"
# Key of the stored result line of an article without events: why it gave none (for run.json).
NO_EVENT_REASON = "$no_event_reason"


def no_event_reason(article: Article | Mapping[str, Any]) -> str:
    """Why an article (or an encoded one) gave no event ("no-trigger", "not-asserted", "crime", ...), for
    run.json: for a result stored without one, or an events stage that does not tell it."""
    try:
        from geoevents.events.extract import why_no_event

        return why_no_event(article if isinstance(article, Article) else decode_record(Article, article))
    except Exception:  # a reason is a courtesy: never let it stop the run
        log.debug("no reason found for an article without events", exc_info=True)
        return "unknown"


@dataclasses.dataclass(frozen=True, slots=True)
class Failure:
    article_id: str
    stage: str
    reason: str
    fatal: bool = False  # the stage cannot work for any article (a module failed to import)


Reply = Success | Failure


class WorkerState:
    """One worker's loaded gazetteer and the places it has already sent."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        try:
            self.gazetteer = (
                config.gazetteer
                if config.gazetteer is not None
                else config.stages.load_gazetteer(config.extra_gazetteers, config.online_geocoder)
            )
        except GazetteerError as exc:  # a gazetteer file or option of the user's: names it and why
            raise StageUnavailable(f"the gazetteer cannot be loaded: {one_line(exc)}") from exc
        except GeoeventsError as exc:
            raise StageFailed(f"the gazetteer cannot be loaded: {one_line(exc)}") from exc
        except Exception as exc:
            raise StageFailed(f"the gazetteer cannot be loaded ({one_line(exc_text(exc))})") from exc
        self.sent: set[str] = set()
        self.lock = threading.Lock()
        # The gazetteer is millions of long-lived objects that the cyclic garbage collector
        # would otherwise walk again and again (a sixth of a run's time): exempt them. No collection
        # first: loading leaves little garbage, and a full pass over them costs a short run a tenth
        # of a second.
        gc.freeze()

    def gazetteer_version(self) -> str | None:
        """The gazetteer's data version (``Gazetteer.version``), for run.json and the resume fingerprint."""
        value = getattr(self.gazetteer, "version", None)  # a gazetteer of one's own may not say
        return str(value) if value else None


class ArticleTimeout(BaseException):
    """An article ran past its time budget (``--article-timeout``). A BaseException, like
    KeyboardInterrupt, so that no stage's ``except Exception`` takes it for the article's own error."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise ArticleTimeout


class _TimeBudget:
    """Raises ``ArticleTimeout`` in the code it wraps once it has used ``seconds`` of CPU time (a
    SIGPROF timer: other load on the machine, and waiting for an online geocoder, do not count).
    Only the main thread of a process receives signals, so elsewhere (Dask's threads) there is none."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.armed = False

    def __enter__(self) -> None:
        if self.seconds and self.seconds > 0 and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGPROF, _on_alarm)
            signal.setitimer(signal.ITIMER_PROF, self.seconds)
            self.armed = True

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_PROF, 0)


def process_article(article: Article, state: WorkerState) -> Reply:
    """Geoparse one article, apply corrections, extract its events; never raises for the article's sake."""
    limit = state.config.article_timeout
    try:
        with _TimeBudget(limit):
            return _process_article(article, state)
    except ArticleTimeout:  # in the instant between the article's end and the timer's
        return Failure(article.id, "encode", _timeout_reason(limit))


def _timeout_reason(limit: float | None) -> str:
    return f"more than {limit or 0:g} s of CPU time (--article-timeout), skipped"


def _process_article(article: Article, state: WorkerState) -> Reply:
    config, stages = state.config, state.config.stages
    stage = "geoparse"
    used: list[int] = []
    try:
        resolved = tuple(stages.geoparse(article, gazetteer=state.gazetteer))
        if config.overrides is not None:
            stage = "overrides"
            overrides = _with_fresh_usage(config.overrides)
            resolved = tuple(stages.apply_to_resolved(overrides, resolved, article=article))
            used = _place_row_numbers(config.overrides, getattr(overrides, "used", ()))
        stage = "events"
        extracted = stages.extract_events(article, resolved, settings=config.settings)
        events = tuple(extracted)
        stage = "encode"
        result = ArticleResult(article=article, mentions=resolved, events=events)
        places: dict[str, Place] = {}
        encoded = encode_record(result, places)
        if used:
            encoded[OVERRIDES_USED] = used
        if not events:  # the events stage's own reason when it gives one (read in the same pass)
            encoded[NO_EVENT_REASON] = getattr(extracted, "reason", None) or no_event_reason(article)
        line = dumps(encoded)
        with state.lock:
            fresh = sorted(set(places) - state.sent)
            state.sent.update(fresh)
        new_places = tuple((fid, dumps(encode_record(places[fid]))) for fid in fresh)
        return Success(article.id, line, new_places)
    except ArticleTimeout:
        return Failure(article.id, stage, _timeout_reason(config.article_timeout))
    except ImportError as exc:  # a module a stage needs is missing: every article would fail alike
        return Failure(article.id, stage, one_line(exc_text(exc)), fatal=True)
    except MemoryError:
        return Failure(article.id, stage, "out of memory")
    except RecursionError:
        return Failure(article.id, stage, "structure too deeply nested")
    except Exception as exc:  # one article's bug must not stop the batch
        log.debug("article %s failed in %s", article.id, stage, exc_info=True)
        return Failure(article.id, stage, one_line(exc_text(exc)))


def _place_row_numbers(overrides: Any, used: Iterable[int]) -> list[int]:
    """Used rows by their order among the place rows: numbers that stay right when event rows
    change, since a stored result outlives such a change (see pipeline._place_corrections)."""
    rows = getattr(overrides, "rows", ())
    places = [i for i, row in enumerate(rows) if getattr(row, "target", None) == "place"]
    ordinal = {index: n for n, index in enumerate(places)}
    return sorted(ordinal.get(i, i) for i in used)


def _with_fresh_usage(overrides: Any) -> Any:
    """A copy of loaded corrections that records only what this article uses (``used`` row numbers),
    so every stored result says which corrections it used, whichever worker made it."""
    if dataclasses.is_dataclass(overrides) and isinstance(getattr(overrides, "used", None), set):
        return dataclasses.replace(overrides, used=set())  # type: ignore[type-var]
    return overrides


# Worker processes keep their state here: one per process (set by the pool initializer).
_PROCESS_STATE: WorkerState | None = None
# Why the state could not be made; raised by every task so the parent gets the reason
# (an initializer that raises only breaks the pool, and the reason is lost).
_PROCESS_ERROR: StageUnavailable | None = None


PARENT_CHECK_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """End this worker when the process that started it dies (SIGKILL, the OOM killer), so no
    orphan keeps a gazetteer's memory: PR_SET_PDEATHSIG on Linux, and everywhere a thread that
    sees the parent change."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=watch, name="geoevents-parent-watch", daemon=True).start()


def _init_process_worker(config: WorkerConfig, parent: int) -> None:
    global _PROCESS_STATE, _PROCESS_ERROR
    die_with_parent(parent)
    # Ctrl-C is the parent's to handle: it stops the pool; workers must not die mid-reply.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _PROCESS_STATE = WorkerState(config)
    except StageUnavailable as exc:
        _PROCESS_ERROR = type(exc)(str(exc))  # without its cause, so it pickles


def _process_state() -> WorkerState:
    if _PROCESS_ERROR is not None:
        raise _PROCESS_ERROR
    assert _PROCESS_STATE is not None, "worker used before its initializer ran"
    return _PROCESS_STATE


def _process_batch_in_worker(batch: list[Article]) -> list[Reply]:
    state = _process_state()
    return [process_article(article, state) for article in batch]


def _version_in_worker() -> str | None:
    return _process_state().gazetteer_version()


# --------------------------------------------------------------------------- executors


ARTICLES_IN_FLIGHT_PER_WORKER = 32
MAX_BATCH = 16


def batch_size(window: int, workers: int) -> int:
    """Articles per task: enough to make a task's round trip cheap beside its work, few enough
    that every worker holds at least two tasks (one running, one queued) within ``window``."""
    return max(1, min(MAX_BATCH, window // (2 * max(1, workers))))


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class LocalRunner:
    """Runs every article in this process."""

    def __init__(self, config: WorkerConfig) -> None:
        self.state = WorkerState(config)

    def gazetteer_version(self) -> str | None:
        return self.state.gazetteer_version()

    def replies(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Reply]]:
        for article in articles:
            yield article, process_article(article, self.state)

    def close(self, *, abort: bool = False) -> None:
        return None


class ProcessRunner:
    """``--jobs N``: a pool of worker processes, each loading the gazetteer once.

    Articles go to the workers in small batches (one task per batch), at most ``window``
    articles in flight, so memory stays flat however long the input stream is. A worker
    that dies (a crash in a native library, the OOM killer) breaks the pool: the pool is
    rebuilt and the articles that were in flight are tried again one at a time, alone in
    the pool, so the one that kills a worker is found and reported as failed; the others
    complete.
    """

    def __init__(self, config: WorkerConfig, *, jobs: int, window: int | None = None) -> None:
        self.config = config
        self.jobs = jobs
        self.window = window or jobs * ARTICLES_IN_FLIGHT_PER_WORKER
        self.batch = batch_size(self.window, jobs)
        self._suspected: set[str] = set()
        self.context = multiprocessing.get_context("spawn")
        self.pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=self.context,
            initializer=_init_process_worker,
            initargs=(self.config, os.getpid()),
        )

    def gazetteer_version(self) -> str | None:
        try:
            return self.pool.submit(_version_in_worker).result()
        except cf.process.BrokenProcessPool as exc:
            raise StageUnavailable(f"worker processes could not start ({one_line(exc)})") from exc

    def replies(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Reply]]:
        pending: dict[cf.Future[list[Reply]], list[Article]] = {}
        batches = _batches(iter(articles), self.batch)
        in_flight = 0
        suspects: list[Article] = []  # in flight when a worker died: retried one at a time
        while True:
            if suspects:
                if not pending:
                    batch = [suspects.pop(0)]
                    pending[self.pool.submit(_process_batch_in_worker, batch)] = batch
            else:
                while in_flight < self.window:
                    next_batch = next(batches, None)
                    if next_batch is None:
                        break
                    pending[self.pool.submit(_process_batch_in_worker, next_batch)] = next_batch
                    in_flight += len(next_batch)
            if not pending:
                return
            done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            broken = False
            for future in sorted(done, key=lambda f: pending[f][0].id):
                batch = pending.pop(future)
                in_flight = max(0, in_flight - len(batch))
                try:
                    replies = future.result()
                except cf.process.BrokenProcessPool:
                    broken = True
                    if len(batch) == 1 and batch[0].id in self._suspected:  # it ran alone: the culprit
                        reason = "the worker process died on this article"
                        yield batch[0], Failure(batch[0].id, "worker", reason)
                    else:
                        suspects.extend(batch)
                    continue
                yield from zip(batch, replies, strict=True)
            if broken:
                for batch in pending.values():
                    suspects.extend(batch)
                pending.clear()
                in_flight = 0
                self._suspected.update(article.id for article in suspects)
                self.pool.shutdown(wait=True, cancel_futures=True)
                log.warning("a worker process died; restarting the pool")
                self.pool = self._new_pool()

    def close(self, *, abort: bool = False) -> None:
        """Stop the pool; ``abort`` (the run was interrupted) ends the workers without waiting. Closing
        again does nothing."""
        if abort:
            for process in list(getattr(self.pool, "_processes", {}).values()):
                with contextlib.suppress(OSError):
                    process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)


_DASK_STATES: dict[str, WorkerState] = {}
_DASK_ERRORS: dict[str, StageUnavailable] = {}
_DASK_LOCK = threading.Lock()


class _DaskSetup:
    """A dask WorkerPlugin: loads the gazetteer once when a worker joins."""

    def __init__(self, name: str, config: WorkerConfig) -> None:
        self.name = name
        self.config = config

    def setup(self, worker: Any) -> None:
        key = f"{self.name}@{worker.address}"
        try:
            state = WorkerState(self.config)
        except StageUnavailable as exc:
            with _DASK_LOCK:
                _DASK_ERRORS[key] = type(exc)(str(exc))  # without its cause, so it pickles
            return
        with _DASK_LOCK:
            _DASK_STATES[key] = state

    def teardown(self, worker: Any) -> None:
        key = f"{self.name}@{worker.address}"
        with _DASK_LOCK:
            _DASK_STATES.pop(key, None)
            _DASK_ERRORS.pop(key, None)


def _dask_state(name: str) -> WorkerState:
    from distributed import get_worker

    key = f"{name}@{get_worker().address}"
    if key in _DASK_ERRORS:
        raise _DASK_ERRORS[key]
    return _DASK_STATES[key]


def _process_batch_on_dask(batch: list[Article], name: str) -> list[Reply]:
    state = _dask_state(name)
    return [process_article(article, state) for article in batch]


def _version_on_dask(name: str) -> str | None:
    return _dask_state(name).gazetteer_version()


class DaskRunner:
    """``--engine dask``: the same per-article work on a dask.distributed cluster.

    With no scheduler address a LocalCluster of ``jobs`` worker processes is started
    on loopback for the run and closed after it.
    """

    def __init__(
        self, config: WorkerConfig, *, scheduler: str | None, jobs: int, window: int | None = None
    ) -> None:
        import hashlib

        from distributed import Client, LocalCluster
        from distributed.diagnostics.plugin import WorkerPlugin

        self.cluster = None
        if scheduler is None:
            self.cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
            )
            scheduler = self.cluster.scheduler_address
        self.client = Client(scheduler, set_as_default=False)
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.window = window or workers * ARTICLES_IN_FLIGHT_PER_WORKER
        self.batch = batch_size(self.window, workers)
        # One plugin name per configuration, so two runs on one cluster never share state.
        self.name = "geoevents-" + hashlib.sha256(repr(config).encode()).hexdigest()[:16]
        plugin_cls = type("GeoeventsWorkerSetup", (_DaskSetup, WorkerPlugin), {})
        self.client.register_plugin(plugin_cls(self.name, config), name=self.name)

    def gazetteer_version(self) -> str | None:
        return self.client.submit(_version_on_dask, self.name, pure=False).result()

    def replies(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Reply]]:
        from distributed import as_completed

        pending: dict[Any, list[Article]] = {}
        queue = as_completed(loop=self.client.loop, with_results=False)
        batches = _batches(iter(articles), self.batch)
        retry: list[list[Article]] = []
        in_flight = 0

        def submit(batch: list[Article]) -> None:
            nonlocal in_flight
            future = self.client.submit(_process_batch_on_dask, batch, self.name, pure=False)
            pending[future.key] = batch
            in_flight += len(batch)
            queue.add(future)

        def fill() -> None:
            while in_flight < self.window:
                batch = retry.pop() if retry else next(batches, None)
                if batch is None:
                    return
                submit(batch)

        fill()
        for future in queue:
            batch = pending.pop(future.key)
            in_flight -= len(batch)
            try:
                replies: list[Reply] = future.result()
            except StageUnavailable:
                raise
            except Exception as exc:  # workers lost on this task, a task error from dask
                if len(batch) > 1:  # try each article alone, so only the one at fault fails
                    retry.extend([article] for article in reversed(batch))
                    replies = []
                else:
                    replies = [Failure(batch[0].id, "worker", one_line(exc_text(exc)))]
            future.release()
            if replies:
                yield from zip(batch, replies, strict=True)
            fill()

    def close(self, *, abort: bool = False) -> None:
        if self.client.status in ("closing", "closed"):  # closed once already
            return
        try:
            self.client.unregister_worker_plugin(self.name)
        except Exception:  # the cluster may already be gone
            log.debug("could not remove the worker plugin", exc_info=True)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


Runner = LocalRunner | ProcessRunner | DaskRunner


def runner_from_options(
    config: WorkerConfig, *, engine: str, jobs: int, scheduler: str | None, window: int | None = None
) -> Runner:
    """The executor for ``--engine``/``--jobs``/``--scheduler``."""
    if engine == "dask":
        return DaskRunner(config, scheduler=scheduler, jobs=jobs, window=window)
    if jobs > 1:
        return ProcessRunner(config, jobs=jobs, window=window)
    return LocalRunner(config)


def replies_from_articles(runner: Runner, articles: Iterable[Article]) -> Iterator[tuple[Article, Reply]]:
    """Each article with its worker's reply, in completion order."""
    return runner.replies(articles)
