"""Atomic file writes: a crash, a full disk or Ctrl-C never leaves a half-written output.

Everything is written to a temporary file in the destination folder (so the final
rename stays on one filesystem), flushed and fsynced, then moved over the target
with ``os.replace``. On any failure the temporary file is removed and the previous
file, if any, is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_path", "atomic_write_text", "fsync_directory", "synced_later"]


def fsync_directory(directory: str | os.PathLike[str]) -> None:
    """Flush a directory entry to disk so a completed rename survives a power cut (best effort)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Folders whose files are fsynced all at once by whoever publishes them (a staging generation of
# outputs): a write into one skips its own fsyncs, which on a busy disk cost more than the writing.
_SYNCED_LATER: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar("synced_later", default=())


@contextlib.contextmanager
def synced_later(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Within the block, files written atomically inside ``folder`` are not fsynced one by one: the
    caller fsyncs every file of it, and the folder, before anything relies on them."""
    token = _SYNCED_LATER.set((*_SYNCED_LATER.get(), Path(folder).resolve()))
    try:
        yield
    finally:
        _SYNCED_LATER.reset(token)


def _sync_deferred(target: Path) -> bool:
    folders = _SYNCED_LATER.get()
    return bool(folders) and any(target.resolve().is_relative_to(f) for f in folders)


@contextlib.contextmanager
def atomic_write_path(path: str | os.PathLike[str], *, mode: int = 0o644) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` atomically.

    The caller writes the whole file to the yielded path (with any library: pyogrio,
    matplotlib, ...). If the ``with`` block raises (including ``KeyboardInterrupt``),
    the temporary file is deleted and ``path`` is untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    # Some writers (GDAL drivers) refuse to open an existing file; give them a free name.
    tmp.unlink()
    try:
        yield tmp
        if not tmp.exists():
            raise FileNotFoundError(f"{target}: nothing was written to the temporary file {tmp}")
        later = _sync_deferred(target)
        if tmp.is_file():
            if not later:
                _fsync_file(tmp)
            os.chmod(tmp, mode)
        os.replace(tmp, target)
        if not later:
            fsync_directory(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            if tmp.is_dir() and not tmp.is_symlink():
                import shutil

                shutil.rmtree(tmp)
            else:
                tmp.unlink()
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_write_path(path, mode=mode) as tmp, open(tmp, "xb") as handle:
        handle.write(data)


def atomic_write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", mode: int = 0o644
) -> None:
    """Write ``text`` to ``path`` atomically (``\\n`` line endings on every platform)."""
    atomic_write_bytes(path, text.encode(encoding), mode=mode)
