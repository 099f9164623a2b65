"""JSON lines and JSON files: one article per line (or per object) with optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from geoevents.errors import InputError

TEXT_FIELDS = ("text", "body", "content", "article", "html")
META_FIELDS = ("title", "url", "published", "id", "byline")


def _record(obj: Any, source: str) -> dict[str, Any] | InputError:
    if not isinstance(obj, dict):
        return InputError(source, f"expected a JSON object, found {type(obj).__name__}")
    for key in TEXT_FIELDS:
        value = obj.get(key)
        if isinstance(value, str):
            if not value.strip():
                return InputError(source, f'the "{key}" field is empty')
            return obj
    return InputError(source, 'no "text" field (a string) in the record')


def records_from_jsonl(text: str, *, path: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """(line number, record or error) for every non-blank line; a broken line does not stop the rest."""
    # JSON strings may hold U+2028, U+0085 and other characters str.splitlines() breaks on.
    return records_from_lines(enumerate(text.split("\n"), start=1), path=path)


def records_from_lines(
    lines: Iterable[tuple[int, str | InputError]], *, path: str
) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """(line number, record or error) for numbered JSON lines (a line may already be an error)."""
    for number, line in lines:
        if isinstance(line, InputError):
            yield number, line
            continue
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            reason = getattr(exc, "msg", str(exc))
            yield number, InputError(source, f"broken JSON line ({reason})")
            continue
        yield number, _record(obj, source)


def records_from_json(text: str, *, path: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Records of a JSON file holding one article object, a list of them, or {"articles": [...]}."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        where = f"line {getattr(exc, 'lineno', '?')}"
        yield 0, InputError(path, f"broken JSON ({getattr(exc, 'msg', exc)} at {where})")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, list):
        for index, obj in enumerate(data):
            yield index, _record(obj, f"{path}[{index}]")
    else:
        yield 0, _record(data, path)
