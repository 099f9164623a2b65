"""What the outputs and the events stage derive from installed data alone, made once and kept in the
cache folder.

Simplified country outlines, their labels, rivers, lakes, the gazetteer's towns and provinces, the
KMZ's icons and the GeoNames towns of a country keyed by spelling do not depend on the articles, yet
cost seconds to make. Each is pickled in the
cache folder ($GEOEVENTS_CACHE) under a name keyed by the data and code it comes from, so every
later run reads it back in milliseconds. A damaged or unreadable file is rebuilt, a cache folder
that cannot be written costs time only: the cache never fails a run.

A new key (an upgrade, other data) makes a new file; when it is stored, the files of other keys that no
run has read for a week are deleted (reading a file marks it used), so versions installed side by side
and sharing the folder never delete what the others still use.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import logging
import os
import pickle
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

STALE_AFTER = 7 * 24 * 3600  # seconds unused after which another key's file is deleted


def cache_path(name: str, key: str) -> Path | None:
    """The cache file of ``name`` for this ``key`` (None: no cache folder can be named)."""
    try:
        from geoevents.settings import default_cache_dir

        folder = default_cache_dir()
    except (ImportError, RuntimeError, OSError):  # no home folder
        return None
    return folder / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"


def load(path: Path | None) -> object | None:
    """The value pickled at ``path``, or None when there is none or it cannot be read."""
    if path is None:
        return None
    try:
        value = pickle.loads(path.read_bytes())  # our own file, in the user's cache folder
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged cache file is rebuilt, never fatal
        log.info("cache file %s unreadable (%s); rebuilding it", path, exc)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: kept when other keys' files are pruned
    return value


def store(path: Path | None, value: object) -> None:
    """Pickle ``value`` at ``path`` atomically; a folder that cannot be written is only logged."""
    if path is None:
        return
    from geoevents.atomic import atomic_write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as exc:  # a read-only cache folder costs time, not the run
        log.info("cannot keep %s (%s)", path, exc)
        return
    prune(path)


def prune(path: Path, stale_after: float = STALE_AFTER) -> None:
    """Delete the files of ``path``'s name made for other keys that were last used ``stale_after``
    seconds ago or more."""
    name = path.name.rsplit("-", 1)[0]
    cutoff = time.time() - stale_after
    for other in path.parent.glob(f"{name}-*.pickle"):
        if other == path or other.name.rsplit("-", 1)[0] != name:
            continue
        with contextlib.suppress(OSError):
            if other.stat().st_mtime < cutoff:
                other.unlink()
                log.info("deleted the stale cache file %s", other)


def prune_folder(folder: Path, pattern: str, stale_after: float = STALE_AFTER) -> int:
    """Delete the files of ``folder`` matching ``pattern`` last used ``stale_after`` seconds ago or more;
    the number deleted. For caches of many small files (one per key) rather than one file per name."""
    cutoff = time.time() - stale_after
    deleted = 0
    for other in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if other.stat().st_mtime < cutoff:
                other.unlink()
                deleted += 1
    if deleted:
        log.info("deleted %d stale cache files in %s", deleted, folder)
    return deleted


def cached(name: str, key: str, build: Callable[[], T], kind: type | tuple[type, ...]) -> T:
    """``build()``, read from the cache file of ``name`` and ``key`` when an earlier run made it.

    ``kind`` is the type the value must have: anything else read back (an older layout) is rebuilt.
    """
    path = cache_path(name, key)
    value = load(path)
    if isinstance(value, kind):
        return value  # type: ignore[return-value]
    made = build()
    store(path, made)
    return made


def kept(name: str, *packages: str, kind: type = dict) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: ``fn(*args)`` (string arguments) read back from the cache file an earlier run made for
    the same arguments, the same source of ``fn``'s module and the same versions of ``packages`` (the
    installed data it reads)."""

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.cache
        def code_key() -> str:
            source = Path(inspect.getfile(fn)).read_bytes()
            versions = [metadata.version(p) for p in packages]
            return ":".join((fn.__qualname__, hashlib.sha256(source).hexdigest(), *versions))

        @functools.wraps(fn)
        def read(*args: str) -> T:
            return cached(f"{name}{''.join(args)}", f"{code_key()}:{args!r}", lambda: fn(*args), kind)

        return read

    return wrap
