"""The tab-separated data files of ``geoevents/events/data``: one reader for every module that has a
vocabulary there, kept apart from the modules themselves so that any of them may read a file without
importing another's rules."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from geoevents.errors import InputError


def data_words(name: str) -> list[str]:
    """The entries of a one-entry-per-line data file (``#`` comments and blank lines skipped)."""
    text = resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_rows(path: Path | None, name: str, columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    """The rows of a tab-separated data file (``#`` comments), each with ``file:line`` for errors."""
    source = (
        path.read_text(encoding="utf-8")
        if path
        else resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    )
    label = str(path) if path else f"geoevents/events/data/{name}"
    lines = [(n, line) for n, line in enumerate(source.splitlines(), 1) if line and not line.startswith("#")]
    if not lines or tuple(lines[0][1].split("\t")) != columns:
        raise InputError(label, f"the header must be the columns {', '.join(columns)} (tab-separated)")
    out = []
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise InputError(f"{label}:{number}", f"expected {len(columns)} columns, found {len(cells)}")
        out.append((f"{label}:{number}", dict(zip(columns, cells, strict=True))))
    return out
