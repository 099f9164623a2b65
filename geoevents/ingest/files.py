"""Finding input files (files, folders, globs) and reading them safely.

Folders are walked in sorted order, so a run always sees the same files in the same order; a
link to a folder is followed once (a second way to the same folder is a note, so a loop ends).
Every entry not read gets a note or an error. Reading never loads more than the size limit.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from geoevents.errors import InputError
from geoevents.records import Skipped

FORMATS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; convert it to text or HTML first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document); unpack or convert it first"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
    (b"BZh", "a bzip2 archive; decompress it first"),
    (b"\xfd7zXZ", "an xz archive; decompress it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it first"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document; convert it first"),
)
_GLOB_CHARS = set("*?[")


def binary_kind(head: bytes) -> str | None:
    """What a well-known binary file is, from its first bytes."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and b"\x00" not in head[:512]:
                continue  # a text file that happens to start with "MZ"
            return kind
    return None


def sniff_format(path: Path, head: bytes) -> str:
    """The format of a file: its suffix, else a look at its first bytes."""
    fmt = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if fmt is not None:
        return fmt
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in start or b"<head" in start:
        return "html"
    if start.startswith(b"{") and b"\n{" in head:
        return "jsonl"
    if start.startswith((b"{", b"[")):
        return "json"
    if start.startswith((b"---\n", b"# ")):
        return "markdown"
    return "text"


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


# Files that travel with a folder of articles without being one; read only when named.
_NOT_ARTICLES = frozenset(
    {"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "NOTICE", "AUTHORS",
     "CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY", "MANIFEST"}
)  # fmt: skip


def shown(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be printed and stored: bytes that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _folder_key(path: str | os.PathLike[str]) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _inside(path: str, folders: Iterable[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == f or real.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


def _skip_reason(entry: os.DirEntry[str]) -> str | None:
    if _is_hidden(entry.name):
        return "hidden"
    if entry.name.split(".")[0].upper() in _NOT_ARTICLES and entry.is_file():
        return "not an article (a README, LICENSE or the like); name it to read it"
    return None


class _Walk:
    """One walk over input folders: each real folder read once, the excluded ones never."""

    def __init__(self, exclude: Iterable[str | os.PathLike[str]]) -> None:
        self.exclude = [os.path.realpath(p) for p in exclude]
        self.visited: dict[tuple[int, int], str] = {}

    def folder(self, folder: Path) -> Iterator[Path | InputError | Skipped]:
        """Files under ``folder`` (recursive, sorted; links to folders followed once); the rest as
        errors (unreadable parts, broken links) and notes (hidden, special or excluded entries)."""
        stack: list[Path] = [folder]
        while stack:
            yield from self._one(stack.pop(), stack)

    def _one(self, current: Path, stack: list[Path]) -> Iterator[Path | InputError | Skipped]:
        name = shown(current)
        if _inside(str(current), self.exclude):
            yield Skipped(name, "the output folder (or inside it) is never read as input")
            return
        try:
            key = _folder_key(current)
            if key in self.visited:
                yield Skipped(name, f"a link to a folder already read ({self.visited[key]}): a loop?")
                return
            self.visited[key] = name
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except PermissionError:
            yield InputError(name, "folder cannot be read (permission denied)")
            return
        except FileNotFoundError:
            yield InputError(name, "folder vanished during the run")
            return
        except OSError as exc:
            yield InputError(name, f"folder cannot be read ({exc.strerror or exc})")
            return
        subfolders: list[Path] = []
        for entry in entries:
            try:
                reason = _skip_reason(entry)
                if reason is not None:
                    yield Skipped(shown(entry.path), reason)
                elif entry.is_dir(follow_symlinks=True):
                    subfolders.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=True):
                    yield Path(entry.path)
                elif entry.is_symlink():
                    yield InputError(shown(entry.path), "broken symbolic link")
                else:
                    yield Skipped(shown(entry.path), "not a regular file (a pipe, socket or device)")
            except OSError as exc:
                yield InputError(shown(entry.path), f"cannot be inspected ({exc.strerror or exc})")
        # depth-first in name order: push in reverse so the first name is walked first
        stack.extend(reversed(subfolders))


def files_from_folder(
    folder: Path, *, exclude: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Path | InputError | Skipped]:
    """Files under ``folder`` (recursive, sorted, hidden entries skipped with a note)."""
    return _Walk(exclude).folder(folder)


def _files_from_input(item: str | os.PathLike[str], walk: _Walk) -> Iterator[Path | InputError | Skipped]:
    path = Path(item)
    text = shown(item)
    try:
        exists = path.exists()
    except OSError as exc:
        yield InputError(text, f"cannot be inspected ({exc.strerror or exc})")
        return
    if not exists and _GLOB_CHARS & set(text):
        matches = sorted(glob.glob(os.fspath(item), recursive=True))
        if not matches:
            yield InputError(text, "no files match this pattern")
        for match in matches:
            yield from _files_from_input(match, walk)
        return
    if not exists:
        yield InputError(text, "no such file or directory")
    elif path.is_dir():
        yield from walk.folder(path)
    elif _inside(str(path), walk.exclude):
        yield Skipped(text, "inside the output folder, which is never read as input")
    else:
        yield path


def files_from_inputs(
    inputs: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Path | InputError | Skipped]:
    """Every file named by ``inputs`` (files, folders, globs), each once, in a stable order.

    Nothing under an ``exclude`` folder (the run's output folder) is read.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    seen: set[str] = set()
    walk = _Walk(exclude)
    for item in inputs:
        for found in _files_from_input(item, walk):
            if isinstance(found, Path):
                key = os.path.abspath(found)  # folders reached twice are walked once (_Walk)
                if key in seen:
                    continue
                seen.add(key)
            yield found


def open_input(path: Path, *, max_bytes: int | None = None) -> BinaryIO:
    """``path`` opened for reading in binary, refusing files that are not regular, empty or (with
    ``max_bytes``) larger than that; every refusal is an InputError naming the file and the reason."""
    name = str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, "not a regular file (a device, pipe or socket)")
        if max_bytes is not None and info.st_size > max_bytes:
            raise InputError(name, f"too large ({info.st_size:,} bytes; the limit is {max_bytes:,})")
        if info.st_size == 0:
            raise InputError(name, "empty file")
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(name, "file vanished before it could be read") from None
    except PermissionError:
        raise InputError(name, "cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing files that are not regular, empty or larger than ``max_bytes``."""
    name = str(path)
    with open_input(path, max_bytes=max_bytes) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(name, f"too large (more than the limit of {max_bytes:,} bytes)")
    if not data.strip():
        raise InputError(name, "empty file" if not data else "file holds only whitespace")
    return data
