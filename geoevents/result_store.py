"""Per-article results kept on disk inside the output folder while a run goes on (and for ``--resume``)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from geoevents.atomic import atomic_write_text
from geoevents.codec import decode_record, dumps
from geoevents.outset import (
    write_failure,
)
from geoevents.records import Article, ArticleResult, Place
from geoevents.worker import Success

STORE_FORMAT = 2  # 2: evidence carries its publisher; undated events have no time precision


class LazyPlaces(Mapping[str, Place]):
    """The stored places by feature id, each decoded (its geometry rebuilt from WKB, costly for a
    country's polygon) when it is first read, and never when this process made it (``known``)."""

    def __init__(self) -> None:
        self._encoded: dict[str, str] = {}
        self._decoded: dict[str, Place] = {}
        self.known: Mapping[str, Place] = {}  # places at hand already (made in this process)

    def add(self, fid: str, encoded: str) -> None:
        if fid not in self._encoded:
            self._encoded[fid] = encoded
            self._decoded.pop(fid, None)

    def __getitem__(self, fid: str) -> Place:
        try:
            return self._decoded[fid]
        except KeyError:
            pass
        place = self.known.get(fid)
        if place is None:
            place = decode_record(Place, json.loads(self._encoded[fid]))
        self._decoded[fid] = place
        return place

    def __contains__(self, fid: object) -> bool:
        return fid in self._encoded

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)


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
        self.places = LazyPlaces()
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
                json.loads(encoded)  # a damaged line is left out, as a torn one
                self.places.add(fid, encoded)
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
            if fid in self.places:
                continue
            self._places_out.write(f"{fid}\t{encoded}\n".encode("utf-8", "backslashreplace"))
            self.places.add(fid, encoded)
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
