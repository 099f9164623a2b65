"""One run per output folder, and an output set that is replaced whole or not at all.

Layout of an output folder ``OUT``::

    OUT/.geoevents.lock                    held (fcntl) by the run writing OUT; says who
    OUT/.geoevents-generations/g-000007/   one complete output set, run.json included
    OUT/.geoevents-generations/current  -> g-000007
    OUT/events.geojson                  -> .geoevents-generations/current/events.geojson
    ...

A run writes its outputs into a fresh generation folder (``stage``), then ``publish``
swaps the ``current`` link with one rename. The per-output links in ``OUT`` never
change once made, so every name in ``OUT`` switches from the old set to the new one
at the same instant, and an interrupted run (Ctrl-C, a kill, a full disk) leaves
the previous set in place. A reader who must see one set across several files
resolves ``current`` once (``os.path.realpath``) and reads from there.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import socket
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from geoevents.atomic import fsync_directory
from geoevents.errors import RunFailed

__all__ = [
    "GENERATIONS_DIR",
    "LOCK_FILE",
    "OutputLock",
    "check_obstacles",
    "current_set",
    "free_mb",
    "new_generation",
    "publish",
    "write_failure",
]

log = logging.getLogger(__name__)

LOCK_FILE = ".geoevents.lock"
GENERATIONS_DIR = ".geoevents-generations"
CURRENT = "current"
_PREFIX = "g-"


def free_mb(path: str | os.PathLike[str]) -> int:
    """Free space (MB) on the filesystem holding ``path``, or -1 when it cannot be told."""
    folder = Path(path).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        info = os.statvfs(folder)
    except OSError:
        return -1
    return info.f_bavail * info.f_frsize // (1 << 20)


def write_failure(exc: OSError, where: str | os.PathLike[str]) -> RunFailed:
    """A RunFailed for an OSError met while writing under ``where``: one plain line."""
    target = exc.filename if isinstance(exc.filename, str) and exc.filename else where
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return RunFailed(f"no space left on device writing {target}: free {free_mb(where)} MB")
    return RunFailed(f"cannot write {target}: {exc.strerror or exc}")


class OutputLock:
    """An advisory lock on ``OUT/.geoevents.lock`` for the whole run.

    POSIX record locks (``lockf``) belong to the process, not the file descriptor, so
    worker processes never hold it, and the kernel drops it when the run dies, even on
    SIGKILL: a lock is never stale. The file holds who has it, for the next run's message.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / LOCK_FILE
        self._handle: IO[str] | None = None

    def acquire(self) -> OutputLock:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another geoevents run"
            handle.close()
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                raise RunFailed(
                    f"{self.path.parent} is in use by {holder}; wait for it or use another --out"
                ) from None
            if exc.errno in (errno.ENOLCK, errno.ENOTSUP, errno.EOPNOTSUPP):  # NFS without locks
                log.warning(
                    "%s: this filesystem cannot lock; two runs into it at once are not stopped",
                    self.path.parent,
                )
                return self
            raise RunFailed(f"cannot lock {self.path}: {exc.strerror or exc}") from exc
        self._handle = handle
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        with contextlib.suppress(OSError):  # who holds it is a courtesy; a full disk must not stop here
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()} on {socket.gethostname()}, started {started}\n")
            handle.flush()
        return self

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.truncate(0)
                fcntl.lockf(self._handle, fcntl.LOCK_UN)
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _generations(out: Path) -> Path:
    return out / GENERATIONS_DIR


def current_set(out: Path) -> Path | None:
    """The folder of the published output set, or None when nothing was published this way."""
    link = _generations(out) / CURRENT
    if not link.is_symlink():
        return None
    target = _generations(out) / os.readlink(link)
    return target if target.is_dir() else None


def _number(name: str) -> int:
    digits = name[len(_PREFIX) :]
    return int(digits) if name.startswith(_PREFIX) and digits.isdigit() else -1


def new_generation(out: Path) -> Path:
    """A fresh, empty generation folder to stage a run's outputs in.

    Leftovers of interrupted runs (generations never published) are removed first;
    the published set and the one before it (a reader may still have it open) stay.
    """
    root = _generations(out)
    root.mkdir(exist_ok=True)
    current = current_set(out)
    numbers = [_number(p.name) for p in root.iterdir()]
    keep = {current.name} if current else set()
    if current is not None:
        older = sorted(n for n in numbers if 0 <= n < _number(current.name))
        if older:
            keep.add(f"{_PREFIX}{older[-1]:06d}")
    _remove_except(root, keep)
    folder = root / f"{_PREFIX}{max([0, *numbers]) + 1:06d}"
    folder.mkdir()
    return folder


def _remove_except(root: Path, keep: set[str]) -> None:
    for entry in root.iterdir():
        if entry.name == CURRENT or entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()


def discard(generation: Path) -> None:
    """Remove a generation that will not be published (the run failed or was interrupted)."""
    shutil.rmtree(generation, ignore_errors=True)


def _link_text(name: str) -> str:
    return f"{GENERATIONS_DIR}/{CURRENT}/{name}"


def _previous_outputs(out: Path) -> set[str]:
    """Names an older release wrote straight into OUT (its run.json lists them): ours to replace."""
    import json

    run_json = out / "run.json"
    if run_json.is_symlink() or not run_json.is_file():
        return set()
    try:
        listed = json.loads(run_json.read_text(encoding="utf-8")).get("outputs", [])
    except (OSError, ValueError, AttributeError):
        return set()
    return {str(n) for n in listed if isinstance(n, str) and "/" not in n} | {"run.json"}


def check_obstacles(out: Path, names: Iterable[str]) -> None:
    """Raise RunFailed, before anything moves, if an entry of OUT stands where an output goes.

    Ours are the links into the generations, and the files an older release wrote there;
    anything else (a folder of one's own named events.geojson, a file named images) is not
    replaced.
    """
    legacy = _previous_outputs(out)
    for name in names:
        path = out / name
        if path.is_symlink() and os.readlink(path) == _link_text(name):
            continue
        if not os.path.lexists(path) or name in legacy:
            continue
        kind = "a folder" if path.is_dir() else "a file"
        raise RunFailed(
            f"{path}: {kind} stands where an output goes and was not written by geoevents; "
            "move it away (the previous outputs are untouched)"
        )


def publish(out: Path, generation: Path) -> list[Path]:
    """Make ``generation`` the output set of OUT with one rename; returns the output paths.

    Call ``check_obstacles`` first. Links for names new to this set are made after the
    swap; links of names the set no longer has are removed.
    """
    names = sorted(p.name for p in generation.iterdir())
    root = _generations(out)
    for entry in generation.rglob("*"):
        if entry.is_file() and not entry.is_symlink():
            with open(entry, "rb") as handle:
                os.fsync(handle.fileno())
    fsync_directory(generation)
    previous = current_set(out)
    swap = root / f".{CURRENT}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        swap.unlink()
    try:
        os.symlink(generation.name, swap)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        return _publish_by_moving(out, generation, names)
    os.replace(swap, root / CURRENT)  # the one step at which OUT switches sets
    fsync_directory(root)
    legacy = _previous_outputs(out) if previous is None else set()
    for name in names:
        _link_output(out, name, replace=name in legacy)
    if previous is not None:
        for gone in sorted(set(p.name for p in previous.iterdir()) - set(names)):
            link = out / gone
            if link.is_symlink() and os.readlink(link) == _link_text(gone):
                link.unlink()
    fsync_directory(out)
    return [out / name for name in names]


_NO_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})


def _publish_by_moving(out: Path, generation: Path, names: list[str]) -> list[Path]:
    """Where the filesystem has no symbolic links (FAT, some network shares): each output is
    moved into OUT by its own rename, run.json last. Not one step, so the set is whole only
    once this returns; said once per run."""
    log.warning("%s: the filesystem has no symbolic links, so the outputs are replaced one by one", out)
    for name in sorted(names, key=lambda n: n == "run.json"):
        target = out / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(generation / name, target)
    discard(generation)
    fsync_directory(out)
    return [out / name for name in names]


def _link_output(out: Path, name: str, *, replace: bool) -> None:
    path = out / name
    text = _link_text(name)
    if path.is_symlink() and os.readlink(path) == text:
        return
    tmp = out / f".{name}.link.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(text, tmp)
    if path.is_dir() and not path.is_symlink():  # an older release's folder (images/)
        if not replace:
            raise RunFailed(f"{path}: a folder stands where an output goes")
        shutil.rmtree(path)
    os.replace(tmp, path)
