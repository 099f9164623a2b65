"""One article's work in a worker: geoparse, analyst corrections, events, under a time budget."""

from __future__ import annotations

import dataclasses
import gc
import logging
import signal
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geoevents.codec import decode_record, dumps, encode_record
from geoevents.errors import GazetteerError, GeoeventsError
from geoevents.records import Article, ArticleResult, Place
from geoevents.settings import Settings
from geoevents.stages import StageFailed, Stages, StageUnavailable, exc_text, one_line

log = logging.getLogger(__name__)


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
        # The places sent, by feature id, kept when the reader is in this process (``LocalRunner``): it
        # takes them as they are instead of decoding each one's geometry again.
        self.objects: dict[str, Place] | None = None
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


# A full collection walks every object alive, and a run keeps many for long (the gazetteer's, memo
# tables, the places of the results, the outputs' frames): each of a 1,000-article run's few full
# passes cost a tenth of a second. Python's default starts one after 10 collections of the middle
# generation; a run waits 100.
FULL_COLLECTION_AFTER = 100


def fewer_full_collections() -> tuple[int, int, int]:
    """Collect the oldest generation less often (``FULL_COLLECTION_AFTER``); the thresholds it had."""
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], max(old[2], FULL_COLLECTION_AFTER))
    return old


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
        if state.objects is not None:
            state.objects.update((fid, places[fid]) for fid in fresh)
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
