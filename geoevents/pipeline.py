"""The batch runner: inputs in, every output out, whatever the inputs throw at it.

``run`` streams articles from ingest to the workers (``geoevents.parallel``) and each
article's result straight to a store on disk inside the output folder
(``OUT/.geoevents-cache/``), so memory holds only an index, the distinct places and
the events to merge. A bad input or an article that breaks a stage becomes one
error line naming it and the reason; the batch goes on. Outputs are written into a
staging folder and moved into place only when all of them are complete, so a crash
or Ctrl-C leaves the previous outputs whole. ``resume=True`` reuses the stored
result of every article whose content hash (its id) is already there.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from geoevents.atomic import atomic_write_bytes, synced_later
from geoevents.errors import GeoeventsError
from geoevents.outset import (
    OutputLock,
    check_obstacles,
    current_set,
    discard,
    free_mb,
    new_generation,
    publish,
    write_failure,
)
from geoevents.parallel import (
    NO_EVENT_REASON,
    OVERRIDES_USED,
    Failure,
    Stages,
    StageUnavailable,
    Success,
    WorkerConfig,
    decode_record,
    no_event_reason,
    place_id_of_encoded,
    runner_from_options,
)
from geoevents.records import Article, Event
from geoevents.result_store import ResultStore, StoredResults
from geoevents.run_errors import (
    RUN_JSON,
    SHOWN_PER_REASON,
    RunError,
    collapsed_error_lines,
    redact,
)
from geoevents.run_info import (
    _article_source,
    _fingerprint,
    _run_info,
    _stale_event_overrides,
    _stale_place_overrides,
)
from geoevents.run_intake import Intake
from geoevents.settings import DEFAULT, Settings
from geoevents.worker import fewer_full_collections

log = logging.getLogger(__name__)

__all__ = ["RunError", "RunOptions", "RunSummary", "StoredResults", "collapsed_error_lines", "run"]

CACHE_DIR = ".geoevents-cache"
ENGINES = ("local", "dask")


@dataclasses.dataclass(frozen=True)
class RunOptions:
    """How to run a batch (the ``geoevents run`` options)."""

    overrides: Path | None = None
    resume: bool = False
    jobs: int = 1
    engine: str = "local"  # "local" (this machine) or "dask"
    scheduler: str | None = None  # dask.distributed address; None starts a LocalCluster
    tiles: str | None = None
    max_bytes: int | None = None  # per input file; None keeps Settings.max_input_bytes
    article_timeout: float | None = 30.0  # seconds one article may take; None for no limit
    progress: bool = True  # a progress bar, only ever on a terminal and never when $CI is set
    extra_gazetteers: tuple[Path, ...] = ()
    online_geocoder: str | None = None
    settings: Settings | None = None
    window: int | None = None  # articles in flight at once (default: 32 per worker)
    record_time: bool = False  # put the wall-clock start time in run.json (breaks byte-identical reruns)
    extras: tuple[str, ...] = ()  # optional outputs to write too (outputs.EXTRAS: "images", "pdf")

    def validated(self) -> RunOptions:
        """These options, or a usage error naming the bad one."""
        if self.jobs < 1:
            raise GeoeventsError(f"--jobs must be 1 or more (got {self.jobs})")
        if self.engine not in ENGINES:
            raise GeoeventsError(f"--engine must be one of {', '.join(ENGINES)} (got {self.engine!r})")
        if self.scheduler is not None and self.engine != "dask":
            raise GeoeventsError("--scheduler needs --engine dask")
        if self.article_timeout is not None and not self.article_timeout > 0:
            raise GeoeventsError(f"--article-timeout must be positive (got {self.article_timeout})")
        if self.max_bytes is not None and self.max_bytes < 1:
            raise GeoeventsError(f"--max-bytes must be positive (got {self.max_bytes})")
        if self.overrides is not None and not Path(self.overrides).is_file():
            raise GeoeventsError(f"{self.overrides}: overrides file not found")
        for extra in self.extra_gazetteers:
            if not Path(extra).is_file():
                raise GeoeventsError(f"{extra}: gazetteer file not found")
        return self

    def effective_settings(self) -> Settings:
        settings = self.settings or DEFAULT
        if self.max_bytes is not None:
            settings = dataclasses.replace(settings, max_input_bytes=self.max_bytes)
        return dataclasses.replace(settings, jobs=self.jobs)


@dataclasses.dataclass(frozen=True)
class RunSummary:
    """What a run did: counts, errors, where the outputs are."""

    out_dir: Path
    inputs: int
    articles: int
    resumed: int
    failed_articles: int
    mentions: int
    places: int
    events_found: int
    events: int
    errors: tuple[RunError, ...]
    outputs: tuple[Path, ...]  # empty when nothing was published
    run_json: Path
    inputs_named: tuple[str, ...] = ()  # the inputs as given (for "no articles found in ...")

    @property
    def published(self) -> bool:
        """Whether this run replaced the output set (not when it read no article)."""
        return bool(self.outputs)

    def error_lines(self, *, shown: int = SHOWN_PER_REASON) -> list[str]:
        """The errors for the terminal: repeats of one reason after the first few are only counted."""
        return collapsed_error_lines(self.errors, shown=shown)

    def describe(self) -> str:
        """One paragraph for the terminal."""
        if not self.published:
            return self._describe_unpublished()
        parts = [
            f"{self.articles} article{'s' if self.articles != 1 else ''} from {self.inputs} "
            f"input{'s' if self.inputs != 1 else ''}"
        ]
        if self.resumed:
            parts.append(f"{self.resumed} reused from the previous run")
        parts.append(f"{self.mentions} place mentions ({self.places} distinct places)")
        parts.append(f"{self.events} events (from {self.events_found} reports)")
        text = ", ".join(parts) + "."
        if self.errors:
            count = len(self.errors)
            text += f" {count} input{'s' if count != 1 else ''} failed (see {self.run_json})."
        names = ", ".join(p.name for p in self.outputs)
        text += f" Wrote {names} to {self.out_dir}."
        return text

    def _describe_unpublished(self) -> str:
        kept = f"the outputs in {self.out_dir} were left as they were"
        if not self.errors:
            return f"no articles found in {', '.join(self.inputs_named) or 'the inputs'}; {kept}."
        count = len(self.errors)
        return (
            f"no article could be read ({count} input{'s' if count != 1 else ''} failed, "
            f"see {self.run_json}); {kept}."
        )


# --------------------------------------------------------------------------- run


def _show_progress(requested: bool) -> bool:
    return requested and sys.stderr.isatty() and not os.environ.get("CI")


def run(
    inputs: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    options: RunOptions | None = None,
    gazetteer: Any = None,
    stages: Stages | None = None,
) -> RunSummary:
    """Run the whole pipeline over ``inputs`` (files, folders, globs) and write every output to ``out_dir``.

    Bad inputs and articles that break a stage are reported in ``RunSummary.errors``
    and ``run.json``; they never stop the batch. Raises ``GeoeventsError`` only for a
    usage error (bad options, an output folder that cannot be used, a bad overrides
    file) or for what would fail every article alike (``StageUnavailable``: a stage's
    module cannot be imported, the gazetteer cannot be loaded); then no output changes.
    """
    options = (options or RunOptions()).validated()
    stages = stages or Stages()
    stages.check_imports(overrides=options.overrides is not None)
    settings = options.effective_settings()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise GeoeventsError(f"{out}: output path exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeoeventsError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
    thresholds = fewer_full_collections()
    try:
        with OutputLock(out):  # before anything in OUT is read or changed
            return _run_locked(inputs, out, options, settings, stages, gazetteer)
    finally:
        gc.set_threshold(*thresholds)


def _run_locked(
    inputs: Sequence[str | os.PathLike[str]],
    out: Path,
    options: RunOptions,
    settings: Settings,
    stages: Stages,
    gazetteer: Any,
) -> RunSummary:
    overrides = stages.load_overrides(Path(options.overrides)) if options.overrides else None
    config = WorkerConfig(
        stages=stages,
        settings=settings,
        extra_gazetteers=tuple(Path(p) for p in options.extra_gazetteers),
        online_geocoder=options.online_geocoder,
        overrides=overrides,
        gazetteer=gazetteer,
        article_timeout=options.article_timeout,
    )
    runner = runner_from_options(
        config, engine=options.engine, jobs=options.jobs, scheduler=options.scheduler, window=options.window
    )
    try:
        gazetteer_version = runner.gazetteer_version()
        fingerprint = _fingerprint(options, settings, gazetteer_version, overrides)
        store = ResultStore(out / CACHE_DIR, fingerprint, reuse=options.resume)
        store.places.known = getattr(runner, "local_places", dict)()
        try:
            summary = _run_batch(
                [os.fspath(p) for p in inputs],
                out,
                options,
                settings,
                stages,
                overrides,
                runner,
                store,
                gazetteer_version,
            )
        finally:
            store.close()
    except BaseException:
        runner.close(abort=True)
        raise
    runner.close()
    return summary


def _run_batch(
    inputs: list[str],
    out: Path,
    options: RunOptions,
    settings: Settings,
    stages: Stages,
    overrides: Any,
    runner: Any,
    store: ResultStore,
    gazetteer_version: str | None,
) -> RunSummary:
    intake = Intake(store, progress=_show_progress(options.progress))
    failed = _process(runner, intake.articles(stages, inputs, settings, out), intake, store)
    # Every reply is in: the workers (each with its own gazetteer) end before the outputs are written,
    # so their memory and the writers' do not add up at the run's peak.
    runner.close()

    done = [a for a in intake.order if a not in failed and a in store]
    tally = _Tally.of(store, done)
    events = list(stages.merge(tally.found, settings=settings))
    stale: list[str] = []
    stale_places: list[str] = []
    if overrides is not None:
        events = list(stages.apply_to_events(overrides, events))
        stale = _stale_event_overrides(overrides)
        for where in stale:
            log.warning("%s: this correction matched no event", where)
        stale_places = _stale_place_overrides(overrides, tally.overrides_used)
        for where in stale_places:
            log.warning("%s: this place correction matched no mention in any article", where)
    records = intake.records
    sorted_errors = intake.sorted_errors()
    run_info = _run_info(
        options,
        settings,
        gazetteer_version,
        records,
        sorted_errors,
        skipped=intake.skipped,
        stale_overrides=stale,
        stale_place_overrides=stale_places,
        counts={
            "inputs": len(records),
            "inputs_failed": sum(1 for r in records.values() if r.errors and not r.articles),
            "articles": len(done),
            "articles_failed": len(failed),
            "mentions": tally.mentions,
            "places": len(tally.place_ids),
            "events_found": len(tally.found),
            "events": len(events),
        },
    )
    run_info["articles_without_events"] = {
        "count": sum(tally.quiet.values()),
        "reasons": dict(sorted(tally.quiet.items())),
    }
    tally.found = []
    summary = _summary(out, inputs, run_info, intake.resumed, sorted_errors)
    if not done:  # nothing read: the previous outputs stay; what failed goes beside the cache
        attempt = store.folder / RUN_JSON
        atomic_write_bytes(attempt, _run_json_bytes(run_info))
        return dataclasses.replace(summary, run_json=attempt)
    published = _write_output_set(out, StoredResults(store, done), events, stages, options, run_info)
    return dataclasses.replace(summary, outputs=tuple(published))


def _process(runner: Any, articles: Iterator[Article], intake: Intake, store: ResultStore) -> set[str]:
    """Send the articles to the workers and store each reply; the ids of the articles that failed."""
    failed: set[str] = set()
    for article, reply in runner.replies(articles):
        at, source = intake.sources.pop(article.id, (intake.seq, _article_source(article)))
        if isinstance(reply, Success):
            store.add(reply)
        else:
            assert isinstance(reply, Failure)
            if reply.fatal:
                raise StageUnavailable(
                    redact(f"the {reply.stage} stage cannot run ({reply.reason}); stopped at {source}")
                )
            error = RunError(redact(source), redact(f"{reply.stage} failed: {reply.reason}"), reply.stage)
            failed.add(article.id)
            if article.path and article.path in intake.records:
                intake.records[article.path].errors.append(error.reason)
            intake.error(at, error)
        intake.progress.update(1)
    intake.progress.close()
    return failed


@dataclasses.dataclass
class _Tally:
    """The stored results' counts and events (the mentions stay JSON here: the outputs read them in full)."""

    found: list[Event] = dataclasses.field(default_factory=list)
    mentions: int = 0
    place_ids: set[str] = dataclasses.field(default_factory=set)
    overrides_used: set[int] = dataclasses.field(default_factory=set)
    quiet: Counter[str] = dataclasses.field(default_factory=Counter)  # articles that gave no event, by why

    @classmethod
    def of(cls, store: ResultStore, done: Sequence[str]) -> _Tally:
        tally = cls()
        with open(store.results_path, "rb") as handle:
            for article_id in done:
                encoded = store.read_encoded(article_id, handle)
                tally.overrides_used.update(encoded.get(OVERRIDES_USED, ()))
                tally.found.extend(decode_record(Event, event, store.places) for event in encoded["events"])
                if not encoded["events"]:
                    reason = encoded.get(NO_EVENT_REASON) or no_event_reason(encoded["article"])
                    tally.quiet[reason] += 1
                tally.mentions += len(encoded["mentions"])
                tally.place_ids.update(filter(None, map(place_id_of_encoded, encoded["mentions"])))
        return tally


def _summary(
    out: Path, inputs: list[str], run_info: Mapping[str, Any], resumed: int, errors: list[RunError]
) -> RunSummary:
    counts = run_info["counts"]
    return RunSummary(
        out_dir=out,
        inputs=counts["inputs"],
        articles=counts["articles"],
        resumed=resumed,
        failed_articles=counts["articles_failed"],
        mentions=counts["mentions"],
        places=counts["places"],
        events_found=counts["events_found"],
        events=counts["events"],
        errors=tuple(errors),
        outputs=(),
        run_json=out / RUN_JSON,
        inputs_named=tuple(inputs),
    )


def _run_json_bytes(run_info: Mapping[str, Any]) -> bytes:
    text = json.dumps(run_info, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return text.encode("utf-8", "backslashreplace")  # a file name's stray bytes stay readable


def _write_output_set(
    out: Path,
    results: StoredResults,
    events: list[Event],
    stages: Stages,
    options: RunOptions,
    run_info: dict[str, Any],
) -> list[Path]:
    """Stage every output and run.json in a new generation, then publish it whole (one rename)."""
    generation = new_generation(out)
    try:
        try:
            with synced_later(generation):  # publish() fsyncs every file of the set, and the folder
                stages.write_outputs(results, events, generation, tiles=options.tiles, run_info=run_info)
            (generation / RUN_JSON).unlink(missing_ok=True)  # ours is written last, below
            names = sorted(p.name for p in generation.iterdir())
            run_info["outputs"] = sorted([*names, RUN_JSON])
            atomic_write_bytes(generation / RUN_JSON, _run_json_bytes(run_info))
        except OSError as exc:
            raise write_failure(exc, generation) from exc
        except Exception as exc:
            if 0 <= free_mb(generation) < 1:  # a writer that words a full disk its own way
                raise write_failure(OSError(errno.ENOSPC, str(exc), str(generation)), generation) from exc
            raise
        check_obstacles(out, run_info["outputs"])
        return publish(out, generation)
    except BaseException:
        if current_set(out) != generation:  # an interrupt after the switch keeps the new set
            discard(generation)
        raise
