"""Zip archives (KMZ, QGZ) whose bytes depend on their contents alone: fixed entry times and modes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

ENTRY_TIME = (2000, 1, 1, 0, 0, 0)


def zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of ``(name, data)`` entries, in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ENTRY_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
