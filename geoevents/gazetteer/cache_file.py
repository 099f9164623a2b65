"""The gazetteer cache file: a pickle whose NumPy buffers follow it out of band, mapped on load.

Mapping the arrays (postings, the WKB of the shapes) rather than reading them is what lets the processes
of ``--jobs N`` share one copy through the page cache, and keeps loading well under a second.
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geoevents.gazetteer.index import IndexData

_MAGIC = b"GEOEVIX1"
_ALIGN = 64  # NumPy arrays mapped from the file start on this boundary


def _aligned(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN


def write_atomic(path: Path, index: IndexData) -> None:
    """Write to a temporary file beside ``path`` and rename: readers never see half a file.

    Layout: magic, the pickle's length, the number of out-of-band buffers and each one's length, the
    pickle, then the buffers, each aligned (see the module docstring)."""
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(index, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    header = (
        _MAGIC
        + struct.pack("<QI", len(data), len(raws))
        + b"".join(struct.pack("<Q", r.nbytes) for r in raws)
    )
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            handle.write(data)
            for raw in raws:
                handle.write(b"\0" * (_aligned(handle.tell()) - handle.tell()))
                handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_mapped(path: Path) -> Any:
    """Unpickle a cache file written by ``write_atomic``, its arrays mapped from the file."""
    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(mapped)
    if bytes(view[:8]) != _MAGIC:
        raise ValueError("not a gazetteer index file")
    size, count = struct.unpack_from("<QI", view, 8)
    lengths = struct.unpack_from(f"<{count}Q", view, 20)
    at = 20 + 8 * count
    data = view[at : at + size]
    at += size
    buffers = []
    for length in lengths:
        at = _aligned(at)
        buffers.append(view[at : at + length])
        at += length
    return pickle.loads(data, buffers=buffers)
