"""The world gazetteer index: built once from packaged data, cached on disk, loaded in well under a second.

The index is column-oriented (plain lists, one entry per feature) with two name tables:
``exact`` (normalised name -> postings) and ``loose`` (transliteration-proof key -> postings). A posting
is ``feature_index << 1 | is_alternate``; postings are sorted by prominence, so lists are best first.
Frozen name tables are ``NameTable``s (a MARISA trie of the keys and one array of postings), which load
from the cache as a few large buffers instead of a million small objects: that is what keeps process
start to first answer well under a second. Only areas and lines keep a geometry (as WKB, in one
``WkbStore``); points are rebuilt from lat/lon on demand.

The cache file holds the pickle and, after it, every NumPy array of the index (postings, the WKB of the
shapes) out of band (pickle protocol 5). Those arrays are memory-mapped from the file, never copied:
the processes of ``--jobs N`` share one copy of them through the page cache.

This module holds what the cache stores and the cache itself; the build is split by concern:
``world`` (countries, places, admin areas), ``areas`` (their geometry), ``world_regions`` (continents),
``name_tables`` (which names index what) and ``cache_file`` (the file layout).
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import logging
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import marisa_trie
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geoevents.errors import GazetteerUnavailable
from geoevents.gazetteer import sources
from geoevents.gazetteer.cache_file import read_mapped, write_atomic
from geoevents.gazetteer.name_tables import (
    ARABIC_COUNTRIES,
    MAX_NAME_WORDS,
    NameTables,
    RankedView,
    name_is_usable,
)

__all__ = [
    "ARABIC_COUNTRIES",
    "CURATED_DIR",
    "INDEX_FORMAT",
    "MAX_NAME_WORDS",
    "IndexData",
    "NameTable",
    "WkbStore",
    "build_index",
    "cache_key",
    "curated_files",
    "load_or_build",
    "name_is_usable",
    "write_atomic",
]

log = logging.getLogger(__name__)

INDEX_FORMAT = 12
# Shipped inside the package so that a wheel (non-editable install) carries it; documented in
# data/gazetteer/README.md.
CURATED_DIR = Path(__file__).resolve().parent / "data"
COUNTRY_NAMES = CURATED_DIR / "country_names.tsv"

PROMINENCE_BASE = {
    "country": 12.0,
    "region": 6.5,
    "admin1": -1.0,
    "admin2": -1.5,
    "populated_place": 0.0,
    "base": 5.5,
    "physical": 6.0,
    "border": 5.0,
    "region_expression": 5.0,
}


@dataclass(slots=True)
class IndexData:
    """Everything the offline geocoder answers from (see module docstring)."""

    version: str = ""
    fid: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    fclass: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    cc: list[str | None] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)
    admin1_code: list[str | None] = field(default_factory=list)
    admin2: list[str | None] = field(default_factory=list)
    population: list[int | None] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    prominence: list[float] = field(default_factory=list)
    extra: dict[int, dict[str, Any]] = field(
        default_factory=dict
    )  # per-feature extras (aliases, source note)
    geoms: Any = field(default_factory=dict)  # a dict while building, a WkbStore once frozen
    exact: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    loose: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    by_fid: dict[str, int] = field(default_factory=dict)  # filled by index_of, up to fids_indexed
    fids_indexed: int = 0
    country_by_iso2: dict[str, int] = field(default_factory=dict)
    country_by_iso3: dict[str, int] = field(default_factory=dict)
    admin1_by_code: dict[str, int] = field(default_factory=dict)
    max_name_words: int = 1
    stats: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.fid)

    def index_of(self, feature_id: str) -> int | None:
        """The index of a feature id; the lookup table is rebuilt on first use after loading."""
        done, total = self.fids_indexed, len(self.fid)
        if done < total:
            if done == 0:
                self.by_fid = dict(zip(self.fid, range(total), strict=True))
            else:
                self.by_fid.update(zip(self.fid[done:], range(done, total), strict=True))
            self.fids_indexed = total
        return self.by_fid.get(feature_id)

    def __getstate__(self) -> dict[str, Any]:
        # by_fid repeats the fid column: rebuilt when needed (index_of) rather than loaded at start.
        state = {name: getattr(self, name) for name in self.__slots__}
        state["by_fid"], state["fids_indexed"] = {}, 0
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in self.__slots__:
            setattr(self, name, state[name])

    def add(
        self,
        *,
        fid: str,
        name: str,
        fclass: str,
        lat: float,
        lon: float,
        source: str,
        cc: str | None = None,
        admin1: str | None = None,
        admin1_code: str | None = None,
        admin2: str | None = None,
        population: int | None = None,
        geometry: BaseGeometry | None = None,
        prominence: float | None = None,
        extra: dict[str, Any] | None = None,
    ) -> int:
        """Append one feature; returns its index. Names are added separately (``add_names``)."""
        i = len(self.fid)
        self.fid.append(fid)
        self.name.append(name)
        self.fclass.append(fclass)
        self.lat.append(round(float(lat), 6))
        self.lon.append(round(float(lon), 6))
        self.cc.append(cc)
        self.admin1.append(admin1)
        self.admin1_code.append(admin1_code)
        self.admin2.append(admin2)
        self.population.append(population)
        self.source.append(source)
        if prominence is None:
            prominence = PROMINENCE_BASE.get(fclass, 0.0) + math.log10((population or 0) + 1)
        self.prominence.append(prominence)
        if geometry is not None and geometry.geom_type != "Point":
            self.geoms[i] = shapely.to_wkb(geometry)
        if extra:
            self.extra[i] = extra
        return i


class WkbStore(Mapping[int, bytes]):
    """Feature index -> WKB of its shape, held in three NumPy arrays (memory-mapped once loaded):
    each feature's slot (-1 for none), the slots' offsets into one byte array, and the features in the
    order they were added (what iterating gives, as the dict it replaces did)."""

    __slots__ = ("_blob", "_order", "_slot", "_starts")

    def __init__(self, shapes: Mapping[int, bytes], features: int) -> None:
        order = list(shapes)
        self._order = np.asarray(order, dtype=np.int32)
        self._slot = np.full(max(features, max(order, default=-1) + 1), -1, dtype=np.int32)
        self._slot[self._order] = np.arange(len(order), dtype=np.int32)
        lengths = np.fromiter((len(shapes[i]) for i in order), dtype=np.int64, count=len(order))
        self._starts = np.zeros(len(order) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._starts[1:])
        self._blob = np.frombuffer(b"".join(shapes[i] for i in order), dtype=np.uint8)

    def _at(self, i: object) -> int:
        if not isinstance(i, (int, np.integer)) or not 0 <= i < len(self._slot):
            return -1
        return int(self._slot[i])

    def get(self, i: int, default: Any = None) -> Any:
        slot = self._at(i)
        if slot < 0:
            return default
        return self._blob[self._starts[slot] : self._starts[slot + 1]].tobytes()

    def __getitem__(self, i: int) -> bytes:
        found = self.get(i)
        if found is None:
            raise KeyError(i)
        return found

    def __contains__(self, i: object) -> bool:
        return self._at(i) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._order.tolist())

    def __len__(self) -> int:
        return len(self._order)

    def copy(self) -> dict[int, bytes]:
        """A private, writable copy (a user's gazetteer file adds its own shapes)."""
        return {i: self[i] for i in self}


class NameTable(Mapping[str, tuple[int, ...]]):
    """A frozen key -> postings table: a MARISA trie gives each key an id, the id a run in one array."""

    __slots__ = ("_postings", "_starts", "_trie")

    def __init__(self, table: Mapping[str, Iterable[int]]) -> None:
        self._trie = marisa_trie.Trie(table.keys())
        keys: list[str] = [""] * len(self._trie)
        for key, key_id in self._trie.iteritems():
            keys[key_id] = key
        runs = table.runs(keys) if isinstance(table, RankedView) else [tuple(table[k]) for k in keys]
        lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
        self._starts = np.zeros(len(runs) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._starts[1:])
        total = int(self._starts[-1])
        self._postings = np.fromiter(chain.from_iterable(runs), dtype=np.int32, count=total)

    def get(self, key: str, default: Any = ()) -> Any:
        key_id = self._trie.get(key)
        if key_id is None:
            return default
        return tuple(self._postings[self._starts[key_id] : self._starts[key_id + 1]].tolist())

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found = self.get(key, None)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with ``prefix``."""
        return next(self._trie.iterkeys(prefix), None) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)


Step = Callable[[str], None]


def no_step(what: str) -> None:
    """A ``Step`` that reports nothing: the default of the build functions (``build_index``,
    ``world.build_world``)."""
    return None


def cache_key(curated_files: Iterable[Path]) -> str:
    """Changes when the packaged data, the curated files or the index format change."""
    h = hashlib.sha256(f"format={INDEX_FORMAT}".encode())
    for name, version in sorted(sources.package_versions().items()):
        h.update(f"{name}={version};".encode())
    for path in sorted(curated_files):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def curated_files() -> list[Path]:
    return sorted([*CURATED_DIR.glob("*.csv"), *CURATED_DIR.glob("*.tsv")]) if CURATED_DIR.is_dir() else []


BUILD_STEPS = 6  # the step() calls of build_index and build_world, for the progress bar


def build_index(step: Step = no_step) -> IndexData:
    """Build the whole index in memory (about 30 s here)."""
    from geoevents.gazetteer.curated import add_curated_rows, read_curated_csv
    from geoevents.gazetteer.world import add_country_names, build_world
    from geoevents.gazetteer.world_regions import add_world_regions

    index = IndexData(version=cache_key(curated_files()))
    tables = NameTables()
    regions = build_world(index, tables, step)
    step("curated bases, regions and former names")
    # Curated rows may refer to places by name: let them see the postings collected so far.
    index.exact = RankedView(tables.exact, index.prominence)
    add_country_names(index, tables)
    for path in [p for p in curated_files() if p.suffix == ".csv"]:
        add_curated_rows(index, tables, read_curated_csv(path, source="curated"), source="curated")
    add_world_regions(index, tables, regions)
    step("name tables")
    index.exact, index.loose = tables.freeze_packed(index.prominence)
    index.geoms = WkbStore(index.geoms, len(index))
    index.max_name_words = tables.max_words
    index.stats["features"] = len(index)
    index.stats["names"] = len(index.exact)
    return index


def load_or_build(cache_dir: Path) -> IndexData:
    """The cached index for the current inputs, building it (once, under a lock) when missing or stale."""
    key = cache_key(curated_files())
    path = cache_dir / f"gazetteer-{key}.pickle"
    loaded = _load(path)
    if loaded is not None:
        return loaded
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        lock = open(cache_dir / "gazetteer.lock", "a+b")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise GazetteerUnavailable(
            f"{cache_dir}: cannot use the gazetteer cache folder ({exc.strerror or exc}); "
            "set GEOEVENTS_CACHE to a writable folder"
        ) from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building the same index
        try:
            loaded = _load(path)
            if loaded is not None:
                return loaded
            with _BuildProgress(path) as step:
                index = build_index(step)
                step("writing the cache")
                write_atomic(path, index)
            for old in cache_dir.glob("gazetteer-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
            # Read back, so the building process too maps its arrays from the file (shared with its workers)
            # rather than keeping private copies of them.
            return _load(path) or index
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class _BuildProgress:
    """What the one-off gazetteer build does, on stderr at the default log level: a line saying what and
    where, then a bar over its steps (a first run spends about a minute here, and must not look hung)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shown = log.isEnabledFor(logging.WARNING)
        self.bar: Any = None
        self.started = False

    def __enter__(self) -> Step:
        log.info("building the gazetteer index into %s", self.path)
        if self.shown:
            import sys

            from tqdm import tqdm

            print(
                f"geoevents: building the offline gazetteer once (about a minute) into {self.path.parent}",
                file=sys.stderr,
                flush=True,
            )
            self.bar = tqdm(total=BUILD_STEPS, desc="gazetteer", unit="step", file=sys.stderr, leave=True)
        return self.step

    def step(self, what: str) -> None:
        log.debug("gazetteer build: %s", what)
        if self.bar is not None:
            if self.started:  # the step before this one is done
                self.bar.update(1)
            self.started = True
            self.bar.set_description_str(f"gazetteer: {what}")

    def __exit__(self, kind: object, *rest: object) -> None:
        if self.bar is not None:
            if kind is None:
                self.bar.update(self.bar.total - self.bar.n)
                self.bar.set_description_str("gazetteer: done")
            self.bar.close()


def _load(path: Path) -> IndexData | None:
    if not path.is_file():
        return None
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector would only slow the load down
    try:
        index = read_mapped(path)
    except Exception as exc:  # a damaged cache is rebuilt, never trusted
        log.warning("ignoring unreadable gazetteer cache %s (%s)", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(index, IndexData) or index.version != path.stem.removeprefix("gazetteer-"):
        return None
    return index
