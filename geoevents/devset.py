"""The development set's annotations (``data/devset/*.jsonl``): items, their gold events, and loading.

Each item names a text of ``../shared`` (a corpus document, or a span of one) or carries its own, and the
ACLED events it reports with the sentences that report them (see ``data/devset/README.md``). A bad line
is reported with its file and line, and skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.events.taxonomy import SUB_EVENT_TYPES

ASSERTED = "asserted"
NONE = "none"  # the confusion table's row for predictions that match no asserted event
CORPORA = ("fakes", "lgl", "trnews", "geovirus", "seeds")
Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event; ``sentences`` are absolute offsets into the document, the first the main one."""

    sentences: tuple[Offsets, ...]
    sub_event_type: str | None
    realis: str = ASSERTED
    row: dict[str, Any] = field(default_factory=dict)  # date, actors, site, fatalities ... as annotated

    @property
    def asserted(self) -> bool:
        return self.realis == ASSERTED


@dataclass(frozen=True, slots=True)
class DevItem:
    """One text given to the pipeline as an article, with its gold events."""

    item: str
    corpus: str
    doc: str
    span: Offsets | None
    shape: str
    none_reason: str | None
    events: tuple[GoldEvent, ...]
    text: str | None = None  # an item that carries its own text (our own wordings) names no shared document
    published: datetime | None = None

    @property
    def offset(self) -> int:
        """Where the item's text starts in its document (predictions are shifted by it)."""
        return self.span[0] if self.span else 0

    @property
    def has_event(self) -> bool:
        return any(g.asserted for g in self.events)


def _offsets(value: Any, where: str) -> Offsets:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise InputError(where, f"expected [start, end] offsets, got {value!r}")
    start, end = value
    if not 0 <= start < end:
        raise InputError(where, f"offsets {value!r} are not a span")
    return start, end


def _gold_event(obj: Any, where: str) -> GoldEvent:
    if not isinstance(obj, dict):
        raise InputError(where, "an event must be a JSON object")
    sentences = obj.get("sentences") or []
    sub = obj.get("sub_event_type")
    if sub not in SUB_EVENT_TYPES and sub not in (None, NONE):
        raise InputError(where, f"unknown sub_event_type {sub!r}")
    row = {k: v for k, v in obj.items() if k not in ("sentences", "sub_event_type", "realis")}
    return GoldEvent(
        sentences=tuple(_offsets(s, where) for s in sentences),
        sub_event_type=None if sub == NONE else sub,
        realis=str(obj.get("realis") or ASSERTED),
        row=row,
    )


def dev_item_from_json(obj: Any, where: str) -> DevItem:
    """One item from its JSON object; ``where`` names it (file:line) in errors."""
    if not isinstance(obj, dict):
        raise InputError(where, "an item must be a JSON object")
    corpus = obj.get("corpus")
    text, published = _inline_text(obj, where)
    if text is None and corpus not in CORPORA:
        raise InputError(where, f"unknown corpus {corpus!r} (one of {', '.join(CORPORA)}, or give a text)")
    if not corpus or not isinstance(corpus, str):
        raise InputError(where, "no corpus")
    if obj.get("doc") in (None, ""):
        raise InputError(where, "no doc")
    span = None if obj.get("span") is None else _offsets(obj["span"], where)
    if text is not None and span is not None and span[1] > len(text):
        raise InputError(where, f"span {list(span)} runs past the end of the item's text")
    return DevItem(
        item=str(obj.get("item") or f"{corpus}:{obj['doc']}"),
        corpus=corpus,
        doc=str(obj["doc"]),
        span=span,
        shape=str(obj.get("shape") or "article"),
        none_reason=obj.get("none_reason"),
        events=tuple(_gold_event(e, where) for e in obj.get("events") or []),
        text=text,
        published=published,
    )


def _inline_text(obj: dict[str, Any], where: str) -> tuple[str | None, datetime | None]:
    """The item's own ``text`` and ``published`` date (ISO), when it carries them."""
    text = obj.get("text")
    if text is None:
        return None, None
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "text must be a non-empty string")
    published = obj.get("published")
    if published is None:
        return text, None
    date = iso_date(published) if isinstance(published, str) else None
    if date is None:
        raise InputError(where, f"published {published!r} is not an ISO date")
    return text, date


def dev_items_from_folder(folder: Path, *, errors: list[InputError] | None = None) -> list[DevItem]:
    """Every item of every ``*.jsonl`` file of ``folder``; a bad line is reported and skipped."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise InputError(str(folder), "no development-set files (*.jsonl) there")
    items: list[DevItem] = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                items.append(dev_item_from_json(json.loads(line), where))
            except json.JSONDecodeError as exc:
                report_error(errors, InputError(where, f"not JSON ({exc.msg})"))
            except InputError as exc:
                report_error(errors, exc)
    return items


def report_error(errors: list[InputError] | None, error: InputError) -> None:
    if errors is None:
        raise error
    errors.append(error)


def iso_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
