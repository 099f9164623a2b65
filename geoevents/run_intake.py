"""The articles a run reads, in input order: each input's record, every ingest error, duplicates dropped
and stored results reused (``--resume``)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.ingest.articles import article_id as text_digest
from geoevents.records import Article, FileRead, Skipped
from geoevents.result_store import ResultStore
from geoevents.run_errors import RunError, _ErrorLog, _note_skipped, redact
from geoevents.run_info import _article_source, _input_of, _InputRecord
from geoevents.settings import Settings
from geoevents.stages import Stages, one_line


class Intake:
    """What the ingest stage gave, kept as the articles stream to the workers."""

    def __init__(self, store: ResultStore, *, progress: bool) -> None:
        from tqdm import tqdm

        self.store = store
        self.records: dict[str, _InputRecord] = {}
        self.errors: list[tuple[int, RunError]] = []
        self.order: list[str] = []  # article ids in input order, each once
        self.seen: dict[str, str] = {}  # article id -> its text's hash
        self.sources: dict[str, tuple[int, str]] = {}  # in-flight article id -> (seq, source)
        self.resumed = 0
        self.seq = 0
        self.report = _ErrorLog()
        self.skip_reasons: Counter[str] = Counter()
        self.skipped: list[Skipped] = []
        self.progress: Any = tqdm(
            desc="articles", unit="article", disable=not progress, file=sys.stderr, leave=False
        )

    def record_for(self, path: str) -> _InputRecord:
        if path not in self.records:
            self.records[path] = _InputRecord(path=path, seq=self.seq)
        return self.records[path]

    def error(self, at: int, error: RunError) -> None:
        self.errors.append((at, error))
        self.report(error)

    def articles(self, stages: Stages, inputs: list[str], settings: Settings, out: Path) -> Iterator[Article]:
        """The articles to process: the ingest stage's, without errors, repeats and reused results."""
        for item in stages.ingest(inputs, settings=settings, exclude=(out,)):
            if isinstance(item, FileRead):
                self.record_for(item.path).sha256 = item.sha256
                continue
            if isinstance(item, Skipped):
                self.skipped.append(item)
                _note_skipped(item, self.skip_reasons)
                continue
            self.seq += 1
            if isinstance(item, InputError):
                error = RunError(redact(item.source), redact(one_line(item.reason)), "ingest")
                self.record_for(_input_of(item.source)).errors.append(error.reason)
                self.error(self.seq, error)
                self.progress.update(1)
                continue
            if self._wanted(item):
                yield item

    def _wanted(self, article: Article) -> bool:
        if article.path:
            self.record_for(article.path).articles.append(article.id)
        digest = text_digest(article.text)
        if self.seen.get(article.id, digest) != digest:  # a feed's id given to two different texts
            reason = f"id {article.id!r} is used by another article with a different text"
            self.error(self.seq, RunError(redact(_article_source(article)), reason, "ingest"))
            self.progress.update(1)
            return False
        if article.id in self.seen:  # the same text twice: one article, listed under both inputs
            return False
        self.seen[article.id] = digest
        self.order.append(article.id)
        if self.store.holds(article):
            self.resumed += 1
            self.progress.update(1)
            return False
        self.sources[article.id] = (self.seq, _article_source(article))
        return True

    def sorted_errors(self) -> list[RunError]:
        return [e for _, e in sorted(self.errors, key=lambda pair: (pair[0], pair[1].source, pair[1].reason))]
