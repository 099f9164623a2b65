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

import contextlib
import dataclasses
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from geoevents import __version__
from geoevents.atomic import atomic_write_bytes, atomic_write_text
from geoevents.errors import GeoeventsError, InputError
from geoevents.ingest.articles import article_id as text_digest
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
    dumps,
    no_event_reason,
    one_line,
    place_id_of_encoded,
    runner_from_options,
)
from geoevents.records import Article, ArticleResult, Event, FileRead, Place, Skipped
from geoevents.settings import DEFAULT, Settings

log = logging.getLogger(__name__)

__all__ = ["RunError", "RunOptions", "RunSummary", "StoredResults", "collapsed_error_lines", "run"]

CACHE_DIR = ".geoevents-cache"
RUN_JSON = "run.json"
STORE_FORMAT = 2  # 2: evidence carries its publisher; undated events have no time precision
ENGINES = ("local", "dask")
SHOWN_PER_REASON = 3  # errors with the same reason printed before they are only counted


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


@dataclasses.dataclass(frozen=True, slots=True)
class RunError:
    """One input or article that could not be used, and why (one line)."""

    source: str
    reason: str
    stage: str = "ingest"

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


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


# --------------------------------------------------------------------------- secrets


_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)", re.IGNORECASE)


def _secrets() -> list[str]:
    """Values of environment variables that hold credentials (geocoder API keys and the like)."""
    return sorted(
        (v for k, v in os.environ.items() if _SECRET_NAME.search(k) and len(v) >= 6), key=len, reverse=True
    )


def redact(text: str) -> str:
    """``text`` with every credential from the environment replaced by ``***``."""
    for secret in _secrets():
        text = text.replace(secret, "***")
    return text


# --------------------------------------------------------------------------- result store


class ResultStore:
    """Per-article results as JSON lines in ``OUT/.geoevents-cache``; places stored once.

    Lines are appended and flushed as results arrive, so an interrupted run keeps
    everything it finished; a torn last line (a crash mid-append) is ignored on load.
    The store is only reused when it was made by the same version, settings,
    gazetteer options and corrections: ``fingerprint`` says so.
    """

    def __init__(self, folder: Path, fingerprint: str, *, reuse: bool) -> None:
        self.folder = folder
        self.results_path = folder / "results.jsonl"
        self.places_path = folder / "places.jsonl"
        self.meta_path = folder / "meta.json"
        self.index: dict[str, int] = {}  # article id -> byte offset of its line
        self.places: dict[str, Place] = {}
        self._place_lines: dict[str, str] = {}
        if reuse and self._matches(fingerprint):
            self._load()
        else:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(
                self.meta_path, dumps({"format": STORE_FORMAT, "fingerprint": fingerprint}) + "\n"
            )
        # Held open for the whole run and closed by close(): appended to as results arrive.
        self._results: IO[bytes] = open(self.results_path, "ab")  # noqa: SIM115
        self._places_out: IO[bytes] = open(self.places_path, "ab")  # noqa: SIM115
        self._reader: IO[bytes] | None = None  # opened by the first ``holds`` that reads a stored line

    def _matches(self, fingerprint: str) -> bool:
        try:
            meta = json.loads(self.meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return bool(meta == {"format": STORE_FORMAT, "fingerprint": fingerprint})

    @staticmethod
    def _good_lines(path: Path) -> Iterator[tuple[int, bytes]]:
        """(offset, line) of every complete line; the file is cut after the last one."""
        if not path.exists():
            return
        offset = 0
        with open(path, "rb") as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    break
                yield offset, raw
                offset += len(raw)
        if path.stat().st_size != offset:
            with open(path, "r+b") as handle:
                handle.truncate(offset)

    def _load(self) -> None:
        for _, raw in self._good_lines(self.places_path):
            try:
                fid, encoded = raw.decode("utf-8").rstrip("\n").split("\t", 1)
                self.places[fid] = decode_record(Place, json.loads(encoded))
                self._place_lines[fid] = encoded
            except (ValueError, KeyError, TypeError):
                continue
        for offset, raw in self._good_lines(self.results_path):
            try:
                article_id = json.loads(raw)["article"]["id"]
            except (ValueError, KeyError, TypeError):
                continue
            self.index[article_id] = offset

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.index

    def add(self, reply: Success) -> None:
        """Store one article's result (its new places first, so the result never points at nothing)."""
        try:
            self._add(reply)
        except OSError as exc:  # a full disk: the run cannot go on, and says where
            raise write_failure(exc, self.results_path) from exc

    def _add(self, reply: Success) -> None:
        wrote_place = False
        for fid, encoded in reply.new_places:
            if fid in self._place_lines:
                continue
            self._places_out.write(f"{fid}\t{encoded}\n".encode("utf-8", "backslashreplace"))
            self._place_lines[fid] = encoded
            self.places[fid] = decode_record(Place, json.loads(encoded))
            wrote_place = True
        if wrote_place:
            self._places_out.flush()
        offset = self._results.tell()
        self._results.write(reply.line.encode("utf-8", "backslashreplace") + b"\n")
        self._results.flush()
        self.index[reply.article_id] = offset

    def close(self) -> None:
        for handle in (self._results, self._places_out):
            with contextlib.suppress(OSError):
                handle.flush()
                os.fsync(handle.fileno())
            handle.close()
        if self._reader is not None:
            self._reader.close()

    def read(self, article_id: str, handle: IO[bytes]) -> ArticleResult:
        result: ArticleResult = decode_record(
            ArticleResult, self.read_encoded(article_id, handle), self.places
        )
        return result

    def holds(self, article: Article) -> bool:
        """Whether this article's result is stored for the same text (a feed's id may be reused)."""
        if article.id not in self.index:
            return False
        if self._reader is None:  # one handle for every resumed article, not a file opened for each
            self._reader = open(self.results_path, "rb")  # noqa: SIM115
        return bool(self.read_encoded(article.id, self._reader)["article"]["text"] == article.text)

    def read_encoded(self, article_id: str, handle: IO[bytes]) -> dict[str, Any]:
        """An article's stored result as plain JSON data (cheap: no records are built)."""
        handle.seek(self.index[article_id])
        data: dict[str, Any] = json.loads(handle.readline())
        return data


class StoredResults(Sequence[ArticleResult]):
    """The run's article results in input order, read from disk each time they are iterated."""

    def __init__(self, store: ResultStore, order: Sequence[str]) -> None:
        self._store = store
        self._order = order

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        with open(self._store.results_path, "rb") as handle:
            return self._store.read(self._order[index], handle)

    def __iter__(self) -> Iterator[ArticleResult]:
        with open(self._store.results_path, "rb") as handle:
            for article_id in self._order:
                yield self._store.read(article_id, handle)


# --------------------------------------------------------------------------- inputs


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


def _show_progress(requested: bool) -> bool:
    return requested and sys.stderr.isatty() and not os.environ.get("CI")


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


# --------------------------------------------------------------------------- error lines


def _noun(stage: str, count: int) -> str:
    word = "input" if stage == "ingest" else "article"
    return word if count == 1 else word + "s"


def collapsed_error_lines(errors: Sequence[RunError], *, shown: int = SHOWN_PER_REASON) -> list[str]:
    """One line per error, except that only the first ``shown`` errors of each reason are listed,
    followed by one line counting the rest: a bug that fails every article of a batch of
    50,000 must not print 50,000 lines (run.json keeps them all)."""
    totals = Counter((e.stage, e.reason) for e in errors)
    seen: Counter[tuple[str, str]] = Counter()
    lines = []
    for error in errors:
        key = (error.stage, error.reason)
        seen[key] += 1
        if seen[key] <= shown:
            lines.append(str(error))
        if seen[key] == shown and totals[key] > shown:
            more = totals[key] - shown
            lines.append(
                f"... {more} more {_noun(error.stage, more)} failed with the same reason: {error.reason}"
            )
    return lines


class _ErrorLog:
    """Logs errors as they happen at INFO, each reason only ``shown`` times (then once that the rest are
    counted)."""

    def __init__(self, *, shown: int = SHOWN_PER_REASON) -> None:
        self.shown = shown
        self.seen: Counter[tuple[str, str]] = Counter()

    def __call__(self, error: RunError) -> None:
        key = (error.stage, error.reason)
        self.seen[key] += 1
        # INFO, not WARNING: the command line prints every error once at the end ("error: ..." lines);
        # these are for whoever wants to see them as they happen (--log-level INFO).
        if self.seen[key] <= self.shown:
            log.info("%s", error)
        elif self.seen[key] == self.shown + 1:
            log.info(
                "more %s fail with the same reason (%s); they are counted at the end and listed in %s",
                _noun(error.stage, 2),
                error.reason,
                RUN_JSON,
            )


def _note_skipped(entry: Skipped, seen: Counter[str]) -> None:
    """One note line per entry not read (a few per reason; run.json lists them all)."""
    seen[entry.reason] += 1
    if seen[entry.reason] <= SHOWN_PER_REASON:
        log.warning("skipped %s: %s", redact(entry.source), entry.reason)
    elif seen[entry.reason] == SHOWN_PER_REASON + 1:
        log.warning("more entries skipped for the same reason (%s); %s lists them", entry.reason, RUN_JSON)


# --------------------------------------------------------------------------- run


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
    with OutputLock(out):  # before anything in OUT is read or changed
        return _run_locked(inputs, out, options, settings, stages, gazetteer)


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
    from tqdm import tqdm

    records: dict[str, _InputRecord] = {}
    errors: list[tuple[int, RunError]] = []
    order: list[str] = []  # article ids in input order, each once
    seen: dict[str, str] = {}  # article id -> its text's hash
    sources: dict[str, tuple[int, str]] = {}  # in-flight article id -> (seq, source)
    resumed = 0
    seq = 0

    report = _ErrorLog()
    skip_reasons: Counter[str] = Counter()
    skipped: list[Skipped] = []

    def record_for(path: str) -> _InputRecord:
        if path not in records:
            records[path] = _InputRecord(path=path, seq=seq)
        return records[path]

    progress = tqdm(
        desc="articles",
        unit="article",
        disable=not _show_progress(options.progress),
        file=sys.stderr,
        leave=False,
    )

    def to_process() -> Iterator[Article]:
        nonlocal seq, resumed
        for item in stages.ingest(inputs, settings=settings, exclude=(out,)):
            if isinstance(item, FileRead):
                record_for(item.path).sha256 = item.sha256
                continue
            if isinstance(item, Skipped):
                skipped.append(item)
                _note_skipped(item, skip_reasons)
                continue
            seq += 1
            if isinstance(item, InputError):
                error = RunError(redact(item.source), redact(one_line(item.reason)), "ingest")
                errors.append((seq, error))
                record_for(_input_of(item.source)).errors.append(error.reason)
                report(error)
                progress.update(1)
                continue
            article: Article = item
            if article.path:
                record_for(article.path).articles.append(article.id)
            digest = text_digest(article.text)
            if seen.get(article.id, digest) != digest:  # a feed's id given to two different texts
                error = RunError(
                    redact(_article_source(article)),
                    f"id {article.id!r} is used by another article with a different text",
                    "ingest",
                )
                errors.append((seq, error))
                report(error)
                progress.update(1)
                continue
            if article.id in seen:  # the same text twice: one article, listed under both inputs
                continue
            seen[article.id] = digest
            order.append(article.id)
            if store.holds(article):
                resumed += 1
                progress.update(1)
                continue
            sources[article.id] = (seq, _article_source(article))
            yield article

    failed: set[str] = set()
    for article, reply in runner.replies(to_process()):
        at, source = sources.pop(article.id, (seq, _article_source(article)))
        if isinstance(reply, Success):
            store.add(reply)
        else:
            assert isinstance(reply, Failure)
            if reply.fatal:
                raise StageUnavailable(
                    redact(f"the {reply.stage} stage cannot run ({reply.reason}); stopped at {source}")
                )
            error = RunError(redact(source), redact(f"{reply.stage} failed: {reply.reason}"), reply.stage)
            errors.append((at, error))
            failed.add(article.id)
            if article.path and article.path in records:
                records[article.path].errors.append(error.reason)
            report(error)
        progress.update(1)
    progress.close()
    # Every reply is in: the workers (each with its own gazetteer) end before the outputs are written,
    # so their memory and the writers' do not add up at the run's peak.
    runner.close()

    done = [a for a in order if a not in failed and a in store]
    results = StoredResults(store, done)
    found: list[Event] = []
    mentions = 0
    place_ids: set[str] = set()
    overrides_used: set[int] = set()
    quiet: Counter[str] = Counter()  # articles that gave no event, by why
    # Counts and events only: the mentions are left as JSON here (the outputs read them in full).
    with open(store.results_path, "rb") as handle:
        for article_id in done:
            encoded = store.read_encoded(article_id, handle)
            overrides_used.update(encoded.get(OVERRIDES_USED, ()))
            found.extend(decode_record(Event, event, store.places) for event in encoded["events"])
            if not encoded["events"]:
                quiet[encoded.get(NO_EVENT_REASON) or no_event_reason(encoded["article"])] += 1
            mentions += len(encoded["mentions"])
            place_ids.update(filter(None, map(place_id_of_encoded, encoded["mentions"])))
    events_found = len(found)
    events = list(stages.merge(found, settings=settings))
    stale: list[str] = []
    stale_places: list[str] = []
    if overrides is not None:
        events = list(stages.apply_to_events(overrides, events))
        stale = _stale_event_overrides(overrides)
        for where in stale:
            log.warning("%s: this correction matched no event", where)
        stale_places = _stale_place_overrides(overrides, overrides_used)
        for where in stale_places:
            log.warning("%s: this place correction matched no mention in any article", where)
    del found

    sorted_errors = [e for _, e in sorted(errors, key=lambda pair: (pair[0], pair[1].source, pair[1].reason))]
    run_info = _run_info(
        options,
        settings,
        gazetteer_version,
        records,
        sorted_errors,
        skipped=skipped,
        stale_overrides=stale,
        stale_place_overrides=stale_places,
        counts={
            "inputs": len(records),
            "inputs_failed": sum(1 for r in records.values() if r.errors and not r.articles),
            "articles": len(done),
            "articles_failed": len(failed),
            "mentions": mentions,
            "places": len(place_ids),
            "events_found": events_found,
            "events": len(events),
        },
    )

    run_info["articles_without_events"] = {
        "count": sum(quiet.values()),
        "reasons": dict(sorted(quiet.items())),
    }
    counts = run_info["counts"]
    summary = RunSummary(
        out_dir=out,
        inputs=counts["inputs"],
        articles=counts["articles"],
        resumed=resumed,
        failed_articles=counts["articles_failed"],
        mentions=mentions,
        places=len(place_ids),
        events_found=counts["events_found"],
        events=len(events),
        errors=tuple(sorted_errors),
        outputs=(),
        run_json=out / RUN_JSON,
        inputs_named=tuple(inputs),
    )
    if not done:  # nothing read: the previous outputs stay; what failed goes beside the cache
        attempt = store.folder / RUN_JSON
        atomic_write_bytes(attempt, _run_json_bytes(run_info))
        return dataclasses.replace(summary, run_json=attempt)
    published = _write_output_set(out, results, events, stages, options, run_info)
    return dataclasses.replace(summary, outputs=tuple(published))


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
