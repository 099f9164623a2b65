"""Where the articles' work runs: in this process, in a pool of worker processes, or on a Dask cluster."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from geoevents.records import Article, Place
from geoevents.stages import StageUnavailable, exc_text, one_line
from geoevents.worker import (
    Failure,
    Reply,
    WorkerConfig,
    WorkerState,
    fewer_full_collections,
    process_article,
)

log = logging.getLogger(__name__)

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
    fewer_full_collections()  # for the worker's whole life
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
        self.state.objects = {}

    def gazetteer_version(self) -> str | None:
        return self.state.gazetteer_version()

    def local_places(self) -> Mapping[str, Place]:
        """The places the replies sent, as the worker made them (it runs in this process)."""
        assert self.state.objects is not None  # set in __init__; filled as articles are done
        return self.state.objects

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
