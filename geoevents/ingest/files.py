"""Finding input files (files, folders, globs) and reading them safely.

Folders are walked without recursion into symlinked directories, in sorted order, so a run
always sees the same files in the same order. Reading never loads more than the size limit.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from geoevents.errors import InputError

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


def files_from_folder(folder: Path) -> Iterator[Path | InputError]:
    """Files under ``folder`` (recursive, sorted, hidden entries skipped); unreadable parts as errors."""
    stack: list[Path] = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except PermissionError:
            yield InputError(str(current), "folder cannot be read (permission denied)")
            continue
        except FileNotFoundError:
            yield InputError(str(current), "folder vanished during the run")
            continue
        except OSError as exc:
            yield InputError(str(current), f"folder cannot be read ({exc.strerror or exc})")
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if _is_hidden(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=True):
                    yield Path(entry.path)
                elif entry.is_symlink():
                    yield InputError(entry.path, "broken symbolic link")
            except OSError as exc:
                yield InputError(entry.path, f"cannot be inspected ({exc.strerror or exc})")
        # depth-first in name order: push in reverse so the first name is walked first
        stack.extend(reversed(subfolders))


def _files_from_input(item: str | os.PathLike[str]) -> Iterator[Path | InputError]:
    path = Path(item)
    text = os.fspath(item)
    try:
        exists = path.exists()
    except OSError as exc:
        yield InputError(text, f"cannot be inspected ({exc.strerror or exc})")
        return
    if not exists and _GLOB_CHARS & set(text):
        matches = sorted(glob.glob(text, recursive=True))
        if not matches:
            yield InputError(text, "no files match this pattern")
        for match in matches:
            yield from _files_from_input(match)
        return
    if not exists:
        yield InputError(text, "no such file or directory")
    elif path.is_dir():
        yield from files_from_folder(path)
    else:
        yield path


def files_from_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Every file named by ``inputs`` (files, folders, globs), each once, in a stable order."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    seen: set[str] = set()
    for item in inputs:
        for found in _files_from_input(item):
            if isinstance(found, Path):
                key = os.path.abspath(found)
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
