"""Analyst overrides: corrections re-applied on every run, so none is ever lost.

A CSV file with the columns ``action,target,id,field,value,note`` (one change a
row; ``note`` is free text), or a YAML file with the same rows as a list under
``overrides:``. Targets and actions:

- ``event``, ``remove``: drop the event ``id`` (an ``event_id`` from events.csv).
- ``event``, ``edit``: set ``field`` to ``value`` on event ``id``; fields are
  event_type, sub_event_type, disorder_type, event_date (YYYY-MM-DD),
  time_precision (1-3), actor1, actor2, assoc_actor_1, assoc_actor_2,
  fatalities, injuries (integers >= 0), notes, confidence (0-1).
- ``event``, ``add``: one row per field of a new event ``id`` (your own id);
  needs event_type, sub_event_type, event_date, lat, lon and location (name),
  optionally country_code, precision and the edit fields.
- ``place``, ``set``: the place of a mention. ``id`` is ``ARTICLE_ID:START-END``
  (the offsets of ``geoevents parse``), ``ARTICLE_ID:Name`` (every mention of
  Name in that article) or ``*:Name`` (in every article); ``field`` is
  ``latlon`` with ``value`` "lat,lon" (a user place named after the mention).
- ``place``, ``remove``: the mention is not a place (role not_place, no place).

Every override of a run is applied or reported: ``Overrides.unused`` lists those
whose id matched nothing, so a stale correction is visible.

Event ids come from type, date, precision, sites and actor1 as the text gives
them, so an event edit never changes the id it is keyed on. A place correction
that moves an event's site does change that event's id: make place corrections
first, rerun, then key event corrections on the new ids.

In a run: ``apply_to_resolved(overrides, resolved, article=...)`` before the
events stage, ``apply_to_events(overrides, events)`` after the merge.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from shapely.geometry import Point

from geoevents.errors import InputError
from geoevents.events.taxonomy import SUB_EVENT_TYPES, disorder_type_of, event_type_of
from geoevents.records import Article, Event, EventLocation, MentionRole, Place, ResolvedMention

COLUMNS = ("action", "target", "id", "field", "value", "note")
EDIT_FIELDS = frozenset(
    {"event_type", "sub_event_type", "disorder_type", "event_date", "time_precision", "actor1", "actor2",
     "assoc_actor_1", "assoc_actor_2", "fatalities", "injuries", "notes", "confidence"}
)  # fmt: skip
ADD_FIELDS = EDIT_FIELDS | {"lat", "lon", "location", "country_code", "precision"}
_SPAN_ID = re.compile(r"^(?P<article>[^:]+):(?P<start>\d+)-(?P<end>\d+)$")


@dataclass(frozen=True, slots=True)
class Override:
    action: str
    target: str
    id: str
    field: str
    value: Any
    note: str
    where: str  # "file:row" for messages


@dataclass
class Overrides:
    """The validated overrides of one file."""

    path: str
    rows: tuple[Override, ...] = ()
    used: set[int] = field(default_factory=set)

    @property
    def unused(self) -> list[Override]:
        return [r for i, r in enumerate(self.rows) if i not in self.used]


def _whole_number(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise ValueError(text)
    return int(text)


def _validate_value(name: str, value: Any, where: str) -> Any:
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_TEXT:
        raise InputError(where, f"{name} is longer than {MAX_TEXT:,} characters")
    try:
        if name in ("fatalities", "injuries"):
            number = _whole_number(text)
            if number > MAX_COUNT:
                raise ValueError
            return number
        if name in ("time_precision", "precision"):
            number = _whole_number(text)
            if not 1 <= number <= 3:  # ACLED's time and geo precision codes are both 1-3
                raise ValueError
            return number
        if name == "event_date":
            return date.fromisoformat(text)
        if name in ("confidence", "lat", "lon"):
            real = float(text)
            limit = {"confidence": (0, 1), "lat": (-90, 90), "lon": (-180, 180)}[name]
            if not limit[0] <= real <= limit[1]:
                raise ValueError
            return real
    except ValueError:
        raise InputError(where, f"{name} cannot be {text!r}") from None
    if name == "sub_event_type" and text not in SUB_EVENT_TYPES:
        raise InputError(where, f"sub_event_type {text!r} is not an ACLED sub-event type")
    if name == "event_type" and text not in set(SUB_EVENT_TYPES.values()):
        raise InputError(where, f"event_type {text!r} is not an ACLED event type")
    return text


def _check(row: dict[str, Any], where: str) -> Override:
    action = str(row.get("action") or "").strip().lower()
    target = str(row.get("target") or "").strip().lower()
    ident = str(row.get("id") or "").strip()
    name = str(row.get("field") or "").strip().lower()
    value = row.get("value")
    if not ident:
        raise InputError(where, "id is empty")
    if target == "event":
        if action == "remove":
            return Override(action, target, ident, "", None, str(row.get("note") or ""), where)
        if action not in ("edit", "add"):
            raise InputError(where, f"action {action!r} for an event must be remove, edit or add")
        allowed = EDIT_FIELDS if action == "edit" else ADD_FIELDS
        if name not in allowed:
            raise InputError(
                where, f"field {name!r} cannot be {action}ed (one of: {', '.join(sorted(allowed))})"
            )
        value = _validate_value(name, value, where)
    elif target == "place":
        if action == "set":
            if name != "latlon":
                raise InputError(where, "a place set needs field latlon and value 'lat,lon'")
            parts = str(value or "").split(",")
            if len(parts) != 2:
                raise InputError(where, f"latlon must be 'lat,lon', not {value!r}")
            value = (_validate_value("lat", parts[0], where), _validate_value("lon", parts[1], where))
        elif action != "remove":
            raise InputError(where, f"action {action!r} for a place must be set or remove")
        if ":" not in ident:
            raise InputError(where, "a place id is ARTICLE_ID:START-END, ARTICLE_ID:Name or *:Name")
    else:
        raise InputError(where, f"target must be event or place, not {target!r}")
    return Override(action, target, ident, name, value, str(row.get("note") or ""), where)


MAX_FILE_BYTES = 5 << 20  # an analyst's corrections, not a data set
MAX_TEXT = 2000  # characters in one value (a note, an actor)
MAX_COUNT = 1_000_000  # fatalities or injuries in one event
ADD_NEEDS = frozenset({"sub_event_type", "event_date", "lat", "lon", "location"})


def load_overrides(path: str | Path) -> Overrides:
    """Read and validate a whole overrides file (CSV or YAML) before any article is processed.

    Every problem raises InputError naming the file, the line and the reason: a CSV row with an
    unbalanced quote or too many or too few fields, a value out of range, an added event that
    lacks a field, a YAML alias (an alias can grow a small file without bound), a file over 5 MB.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(str(path), f"overrides file too large ({size:,} bytes; the limit is 5 MB)")
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(str(path), f"cannot read overrides ({exc.strerror})") from exc
    except UnicodeDecodeError:
        raise InputError(str(path), "overrides must be UTF-8 text") from None
    reader = _yaml_items if path.suffix.lower() in (".yaml", ".yml") else _csv_items
    items: Sequence[tuple[str, Any]] = reader(raw, path)
    rows = tuple(_check(item, where) for where, item in items)
    _check_additions(rows)
    return Overrides(str(path), rows)


def _check_additions(rows: Sequence[Override]) -> None:
    """Every added event has all the fields it needs (else the writers would fail after the batch)."""
    fields: dict[str, set[str]] = {}
    first: dict[str, Override] = {}
    for row in rows:
        if row.target == "event" and row.action == "add":
            fields.setdefault(row.id, set()).add(row.field)
            first.setdefault(row.id, row)
    for ident, given in fields.items():
        missing = ADD_NEEDS - given
        if missing:
            raise InputError(first[ident].where, f"added event {ident} lacks {', '.join(sorted(missing))}")


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases (``*name``): nested aliases make a few hundred bytes into gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            mark = self.peek_event().start_mark
            raise InputError(f"{self.name}:{mark.line + 1}", "YAML aliases (*name) are not allowed here")
        return super().compose_node(parent, index)


def _yaml_items(raw: str, path: Path) -> list[tuple[str, Any]]:
    loader = _NoAliasLoader(raw)
    loader.name = str(path)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"not valid YAML ({str(exc).splitlines()[0]})") from None
    finally:
        loader.dispose()
    items = data.get("overrides") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(str(path), "a YAML overrides file holds a list under 'overrides:'")
    lines = _item_lines(node)
    found = []
    for i, item in enumerate(items, start=1):
        line = lines[i - 1] if i <= len(lines) else 0
        where = f"{path}:{line}" if line else f"{path}: overrides item {i}"
        if not isinstance(item, dict):
            raise InputError(where, "each item is a mapping of action, target, id, field, value")
        found.append((where, item))
    return found


def _item_lines(node: Any) -> list[int]:
    """The line of each item of the ``overrides:`` list."""
    for key, value in getattr(node, "value", ()):
        if getattr(key, "value", None) == "overrides" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _csv_items(raw: str, path: Path) -> list[tuple[str, dict[str, str]]]:
    """The rows of an overrides CSV, read strictly: a row that is not exactly one record of the
    header's fields is an error, never silently merged into the rows after it."""
    reader = csv.reader(io.StringIO(raw, newline=""), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as exc:
        raise InputError(f"{path}:1", f"bad CSV header ({exc})") from None
    missing = {"action", "target", "id"} - set(header)
    if missing:
        raise InputError(
            str(path), f"missing column(s) {', '.join(sorted(missing))}; expected {','.join(COLUMNS)}"
        )
    unknown = [name for name in header if name not in COLUMNS]
    if unknown or len(set(header)) != len(header):
        raise InputError(f"{path}:1", f"the header must name each of {','.join(COLUMNS)} once")
    found: list[tuple[str, dict[str, str]]] = []
    start = reader.line_num + 1
    while True:
        try:
            fields = next(reader, None)
        except csv.Error as exc:
            reason = "a quote is never closed" if "end of data" in str(exc) else f"bad CSV ({exc})"
            raise InputError(f"{path}:{start}", reason) from None
        if fields is None:
            return found
        where = f"{path}:{start}"
        if reader.line_num != start:
            raise InputError(
                where, f"one row runs over lines {start}-{reader.line_num} (an unbalanced quote?)"
            )
        start = reader.line_num + 1
        if not any(field.strip() for field in fields):
            continue
        if len(fields) != len(header):
            raise InputError(where, f"{len(fields)} fields where the header has {len(header)}")
        found.append((where, dict(zip(header, fields, strict=True))))


def _mention_matches(ident: str, article: Article, rm: ResolvedMention) -> bool:
    m = _SPAN_ID.match(ident)
    if m:
        return (
            m["article"] == article.id
            and int(m["start"]) == rm.mention.start
            and int(m["end"]) == rm.mention.end
        )
    scope, _, name = ident.partition(":")
    return scope in ("*", article.id) and rm.mention.text.casefold() == name.strip().casefold()


def apply_to_resolved(
    overrides: Overrides, resolved: Sequence[ResolvedMention], *, article: Article
) -> list[ResolvedMention]:
    """The article's resolved mentions with the analyst's place corrections applied."""
    out = []
    for rm in resolved:
        for index, row in enumerate(overrides.rows):
            if row.target != "place" or not _mention_matches(row.id, article, rm):
                continue
            overrides.used.add(index)
            if row.action == "remove":
                rm = replace(
                    rm, mention=replace(rm.mention, role=MentionRole.NOT_PLACE), place=None, score=1.0
                )
            else:
                lat, lon = row.value
                place = Place(
                    feature_id=f"user:{lat:.5f},{lon:.5f}",
                    name=rm.mention.text,
                    feature_class="populated_place",
                    lat=lat,
                    lon=lon,
                    geometry=Point(lon, lat),
                    source="user",
                    country_code=rm.place.country_code if rm.place else None,
                    admin1=rm.place.admin1 if rm.place else None,
                )
                rm = replace(
                    rm,
                    mention=replace(rm.mention, role=MentionRole.LITERAL),
                    place=place,
                    score=1.0,
                    precision=1,
                )
        out.append(rm)
    return out


def _edited(event: Event, rows: list[Override]) -> Event:
    changes: dict[str, Any] = {}
    for row in rows:
        changes[row.field] = row.value
    if "sub_event_type" in changes and "event_type" not in changes:
        changes["event_type"] = event_type_of(changes["sub_event_type"])
    if ("sub_event_type" in changes or "event_type" in changes) and "disorder_type" not in changes:
        changes["disorder_type"] = disorder_type_of(
            changes.get("event_type", event.event_type), changes.get("sub_event_type", event.sub_event_type)
        )
    notes = "; ".join(r.note for r in rows if r.note)
    if notes and "notes" not in changes:
        changes["notes"] = f"{event.notes} Analyst: {notes}".strip()
    return replace(event, **changes, tags=tuple(sorted({*event.tags, "analyst-edited"})))


def _added(ident: str, rows: list[Override]) -> Event:
    values = {r.field: r.value for r in rows}
    missing = {"sub_event_type", "event_date", "lat", "lon", "location"} - set(values)
    if missing:
        raise InputError(rows[0].where, f"added event {ident} lacks {', '.join(sorted(missing))}")
    sub = values["sub_event_type"]
    etype = values.get("event_type") or event_type_of(sub)
    place = Place(
        feature_id=f"user:{ident}",
        name=values["location"],
        feature_class="populated_place",
        lat=values["lat"],
        lon=values["lon"],
        geometry=Point(values["lon"], values["lat"]),
        source="user",
        country_code=(values.get("country_code") or None),
    )
    return Event(
        event_id=ident,
        event_type=etype,
        sub_event_type=sub,
        disorder_type=values.get("disorder_type") or disorder_type_of(etype, sub),
        event_date=values["event_date"],
        time_precision=values.get("time_precision", 1),
        actor1=values.get("actor1"),
        actor2=values.get("actor2"),
        assoc_actor_1=values.get("assoc_actor_1"),
        assoc_actor_2=values.get("assoc_actor_2"),
        fatalities=values.get("fatalities"),
        injuries=values.get("injuries"),
        locations=(EventLocation(place, values.get("precision", 1), "site"),),
        confidence=values.get("confidence", 1.0),
        notes=values.get("notes") or "; ".join(r.note for r in rows if r.note),
        tags=("analyst-added",),
    )


def apply_to_events(overrides: Overrides, events: Sequence[Event]) -> list[Event]:
    """Events with the analyst's removals, edits and additions applied, in the same order."""
    by_id: dict[str, list[tuple[int, Override]]] = {}
    for index, row in enumerate(overrides.rows):
        if row.target == "event":
            by_id.setdefault(row.id, []).append((index, row))
    out: list[Event] = []
    for event in events:
        rows = by_id.get(event.event_id, [])
        if any(r.action == "remove" for _, r in rows):
            overrides.used.update(i for i, _ in rows)
            continue
        edits = [(i, r) for i, r in rows if r.action == "edit"]
        if edits:
            overrides.used.update(i for i, _ in edits)
            event = _edited(event, [r for _, r in edits])
        out.append(event)
    present = {e.event_id for e in out}
    for ident, rows in sorted(by_id.items()):
        adds = [(i, r) for i, r in rows if r.action == "add"]
        if adds and ident not in present:
            overrides.used.update(i for i, _ in adds)
            out.append(_added(ident, [r for _, r in adds]))
    return out
