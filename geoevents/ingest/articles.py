"""Files and strings to Article records: the ingest stage's entry points."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from geoevents.errors import InputError
from geoevents.ingest.decode import UndecodableError, decode_bytes, looks_binary, normalize_text
from geoevents.ingest.files import (
    binary_kind,
    files_from_inputs,
    open_input,
    read_bytes,
    shown,
    sniff_format,
)
from geoevents.ingest.html import page_from_html
from geoevents.ingest.jsonl import TEXT_FIELDS, records_from_json, records_from_jsonl, records_from_lines
from geoevents.ingest.markdown import markdown_lines
from geoevents.ingest.metadata import parse_date
from geoevents.ingest.text import Line, Structure, analyse_lines, lines_from_text
from geoevents.records import Article, FileRead, Skipped
from geoevents.settings import DEFAULT, Settings

log = logging.getLogger(__name__)

FORMATS = ("text", "markdown", "html", "jsonl", "json")


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the article text."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


def _html_text(source: str, *, max_depth: int) -> tuple[str, list[Line], dict[str, Any]]:
    page = page_from_html(source, max_depth=max_depth)
    parts: list[str] = []
    lines: list[Line] = []
    pos = 0
    for block in page.blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block.text)
        lines.append(
            Line(
                pos,
                pos + len(block.text),
                block.text,
                hint=block.kind,
                heading=block.heading,
                bullet=block.bullet,
            )
        )
        pos += len(block.text)
    found: dict[str, Any] = {"title": page.title, "byline": page.byline, "url": page.url}
    if page.published_text:
        found["published"] = page.published_text
    found.update(page.meta)
    return "".join(parts), lines, found


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return parse_date(value)
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):  # a date
        return datetime(value.year, value.month, value.day)
    return None


def article_from_text(
    text: str,
    *,
    path: str | None = None,
    fmt: str = "text",
    metadata: Mapping[str, Any] | None = None,
    settings: Settings | None = None,
) -> Article:
    """One Article from a decoded string.

    ``fmt`` is "text", "markdown" or "html". For text and Markdown, ``Article.text`` is the input
    (NFC-normalised) and every zone indexes it; for HTML it is the extracted story. Fields in
    ``metadata`` (title, url, published, byline, id, ...) take precedence over what the page shows.
    """
    settings = settings or DEFAULT
    if fmt not in ("text", "markdown", "html"):
        raise ValueError(f"unknown article format {fmt!r} (use text, markdown or html)")
    given = dict(metadata or {})
    body, lines, page_meta = _body_and_lines(normalize_text(text), fmt, settings)
    found: Structure = analyse_lines(body, lines)
    out_meta = _carried_meta(fmt, given, page_meta, found)
    published = _published(given, page_meta, found, out_meta)
    if given.get("id") not in (None, ""):
        out_meta["source_id"] = str(given["id"])
    for key, value in given.items():
        if key not in ("title", "url", "published", "byline", "id", *TEXT_FIELDS) and key not in out_meta:
            out_meta[key] = value
    given_id = out_meta.get("source_id")
    return Article(
        # A feed's own id is the article's id, so every output joins back to the user's records.
        id=str(given_id) if given_id else article_id(body),
        text=body,
        path=path,
        title=_pick(given, page_meta, "title", found.title),
        byline=_pick(given, page_meta, "byline", found.byline),
        published=published,
        url=_pick(given, page_meta, "url", found.url),
        zones=found.zones,
        metadata=out_meta,
    )


def _body_and_lines(source: str, fmt: str, settings: Settings) -> tuple[str, list[Line], dict[str, Any]]:
    """The article's text, its lines, and what the page says of itself (HTML head, Markdown front
    matter), by format."""
    page_meta: dict[str, Any] = {}
    if fmt == "html":
        return _html_text(source, max_depth=settings.max_html_depth)
    if fmt == "markdown":
        lines, front = markdown_lines(source)
        page_meta = {
            k: front[k] for k in ("title", "url", "published", "date", "author", "byline") if k in front
        }
        if "date" in page_meta and "published" not in page_meta:
            page_meta["published"] = page_meta.pop("date")
        if "author" in page_meta and "byline" not in page_meta:
            page_meta["byline"] = page_meta.pop("author")
        return source, lines, page_meta
    return source, lines_from_text(source), page_meta


# What a reader stage recorded about the input (decoding, position in a feed): kept as metadata.
_CARRIED_KEYS = (
    "encoding",
    "encoding_detected",
    "bom",
    "replaced_characters",
    "decode_note",
    "line",
    "index",
)


def _carried_meta(
    fmt: str, given: dict[str, Any], page_meta: Mapping[str, Any], found: Structure
) -> dict[str, Any]:
    """The article's metadata so far: its format, what the reader recorded (taken out of ``given``),
    the HTML title and the captions found."""
    out_meta: dict[str, Any] = {"format": fmt}
    for key in _CARRIED_KEYS:
        if key in given:
            out_meta[key] = given.pop(key)
    if "html_title" in page_meta:
        out_meta["html_title"] = page_meta["html_title"]
    if found.captions:
        out_meta["captions"] = list(found.captions)
    return out_meta


def _pick(given: Mapping[str, Any], page_meta: Mapping[str, Any], key: str, derived: Any) -> Any:
    """A field as the caller gave it, else as the page states it, else as found in the text."""
    for value in (given.get(key), page_meta.get(key)):
        if value not in (None, ""):
            return str(value).strip() if not isinstance(value, (datetime,)) and key != "published" else value
    return derived


def _published(
    given: Mapping[str, Any], page_meta: Mapping[str, Any], found: Structure, out_meta: dict[str, Any]
) -> datetime | None:
    """The publication date: given, else stated by the page, else found in the text. A stated date that
    does not parse, and a fallback date used in its place, are noted in ``out_meta``."""
    published = None
    for value in (given.get("published"), page_meta.get("published")):
        if value not in (None, ""):
            published = _as_datetime(value)
            if published is None:
                out_meta["published_unparsed"] = str(value)
            break
    published = published or found.published
    if published is None and found.fallback_date is not None:
        out_meta["fallback_date"] = found.fallback_date.isoformat()
        out_meta["fallback_date_source"] = found.fallback_date_source
    return published


def _decode_meta(decoded: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"encoding": decoded.encoding}
    if decoded.detected:
        meta["encoding_detected"] = True
    if decoded.bom:
        meta["bom"] = True
    if decoded.replaced:
        meta["replaced_characters"] = decoded.replaced
        meta["decode_note"] = (
            f"{decoded.replaced} undecodable byte sequence(s) replaced by U+FFFD as a last resort"
        )
    return meta


def _articles_from_records(
    records: Iterable[tuple[int, dict[str, Any] | InputError]],
    *,
    path: str,
    position: str,
    base_meta: dict[str, Any],
    settings: Settings,
) -> Iterator[Article | InputError]:
    for number, record in records:
        if isinstance(record, InputError):
            yield record
            continue
        fields = dict(record)
        fmt = (
            "html"
            if isinstance(fields.get("html"), str) and not isinstance(fields.get("text"), str)
            else "text"
        )
        text = next(fields.pop(k) for k in TEXT_FIELDS if isinstance(fields.get(k), str))
        for key in TEXT_FIELDS:
            fields.pop(key, None)
        meta = {**base_meta, **fields, position: number}
        try:
            yield article_from_text(text, path=path, fmt=fmt, metadata=meta, settings=settings)
        except Exception as exc:  # one bad record must not stop the file
            log.debug("record %s:%s failed", path, number, exc_info=True)
            yield InputError(f"{path}:{number}", f"could not be read ({type(exc).__name__}: {exc})")


STREAMED_SUFFIXES = (".jsonl", ".ndjson")


def _lines_of(
    handle: BinaryIO, *, name: str, max_bytes: int, digest: Any
) -> Iterator[tuple[int, str | InputError]]:
    """Numbered lines of an open JSON-lines file, read one at a time (each added to ``digest``); a
    line over ``max_bytes`` or one that cannot be decoded is an error for that line alone."""
    number = 0
    for raw in handle:  # binary files split on b"\n" only, like records_from_jsonl
        digest.update(raw)
        number += 1
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if len(raw) > max_bytes:
            yield number, InputError(f"{name}:{number}", f"line too large (more than {max_bytes:,} bytes)")
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield number, decode_bytes(raw).text
            except UndecodableError as exc:
                yield number, InputError(f"{name}:{number}", f"binary content: {exc}")


def _articles_from_jsonl_file(path: Path, *, settings: Settings) -> Iterator[Article | InputError | FileRead]:
    """The articles of a JSON-lines file, streamed: memory stays flat however many articles it holds,
    and the size limit applies to each line (each article), not to the file."""
    name = shown(path)
    try:
        handle = open_input(path)
    except InputError as exc:
        yield InputError(name, exc.reason)
        return
    with handle:
        try:
            head = handle.read(64)
            handle.seek(0)
        except OSError as exc:
            yield InputError(name, f"cannot be read ({exc.strerror or exc})")
            return
        kind = binary_kind(head) or ("NUL or control bytes" if looks_binary(head) else None)
        if kind is not None:
            yield InputError(name, f"binary file ({kind}), not an article")
            return
        base_meta: dict[str, Any] = {"encoding": "utf-8"}
        if head.startswith(b"\xef\xbb\xbf"):
            base_meta["bom"] = True
        digest = hashlib.sha256()
        lines = _lines_of(handle, name=name, max_bytes=settings.max_input_bytes, digest=digest)
        found = False
        try:
            for item in _articles_from_records(
                records_from_lines(lines, path=name),
                path=name,
                position="line",
                base_meta=base_meta,
                settings=settings,
            ):
                found = True
                yield item
        except OSError as exc:
            yield InputError(name, f"cannot be read ({exc.strerror or exc})")
            return
        if not found:
            yield InputError(name, "file holds only whitespace")
        yield FileRead(name, digest.hexdigest())


def articles_from_file(
    path: Path, *, settings: Settings | None = None
) -> Iterator[Article | InputError | FileRead]:
    """The article(s) of one file, then a FileRead; problems come back as InputError values, never raised."""
    settings = settings or DEFAULT
    name = shown(path)
    if path.suffix.lower() in STREAMED_SUFFIXES:
        yield from _articles_from_jsonl_file(path, settings=settings)
        return
    try:
        data = read_bytes(path, max_bytes=settings.max_input_bytes)
    except InputError as exc:
        yield InputError(name, exc.reason)
        return
    yield from _articles_from_bytes(data, name=name, path=path, settings=settings)
    yield FileRead(name, hashlib.sha256(data).hexdigest())


def _articles_from_bytes(
    data: bytes, *, name: str, path: Path, settings: Settings
) -> Iterator[Article | InputError]:
    kind = binary_kind(data[:64])
    if kind is not None:
        yield InputError(name, f"binary file ({kind}), not an article")
        return
    try:
        decoded = decode_bytes(data)
    except UndecodableError as exc:
        yield InputError(name, f"binary file: {exc}")
        return
    base_meta = _decode_meta(decoded)
    fmt = sniff_format(path, data[:4096])
    try:
        if fmt == "jsonl":
            records = records_from_jsonl(decoded.text, path=name)
            yield from _articles_from_records(
                records, path=name, position="line", base_meta=base_meta, settings=settings
            )
        elif fmt == "json":
            records = records_from_json(decoded.text, path=name)
            yield from _articles_from_records(
                records, path=name, position="index", base_meta=base_meta, settings=settings
            )
        else:
            article = article_from_text(
                decoded.text, path=name, fmt=fmt, metadata=base_meta, settings=settings
            )
            if not article.text.strip():
                yield InputError(name, "no article text found in the page")
            else:
                yield article
    except Exception as exc:  # a batch goes on with the rest
        log.debug("reading %s failed", name, exc_info=True)
        yield InputError(name, f"could not be read ({type(exc).__name__}: {exc})")


def articles_from_paths(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    exclude: Iterable[str | os.PathLike[str]] = (),
    notes: bool = False,
) -> Iterator[Any]:
    """Articles from files, folders (recursive, sorted) and globs; each bad input yields an InputError.

    Nothing under ``exclude`` is read. With ``notes``, entries not read come as ``Skipped`` and each
    finished file as ``FileRead`` (the hash of the bytes read); without, skips are logged.
    """
    for found in files_from_inputs(inputs, exclude=exclude):  # type: ignore[arg-type]
        if isinstance(found, InputError):
            yield found
        elif isinstance(found, Skipped):
            if notes:
                yield found
            else:
                log.warning("skipped %s: %s", found.source, found.reason)
        else:
            for item in articles_from_file(found, settings=settings):
                if notes or not isinstance(item, FileRead):
                    yield item
