"""Page structure of plain text: title, byline, dateline, captions, body, credits and junk.

Scraped pages arrive as text with navigation, fixtures, fight cards and encoded blobs around the
story. Every line is judged by its shape (length, sentence-ness, capitalised or coded tokens,
"X v Y" pairs, percent-encoding, bullets) and by where it sits: after the last prose line of the
story, whatever is not a credit or a caption is page furniture. The tests of a line's shape are in
``line_shape``; this module decides from them, line by line and in order, what each zone is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import accumulate
from typing import Any

from geoevents.ingest.line_shape import (
    _BULLET_RE,
    _ends_sentence,
    _junk_reason,
    _prose_from_words,
    _unbulleted,
    _words,
    byline_name,
    is_meta_line,
    is_name_like,
    is_prose,
)
from geoevents.ingest.metadata import (
    dateline_date,
    find_date,
    has_photo_credit,
    source_url,
    strip_photo_credit,
)
from geoevents.ingest.tail import story_end
from geoevents.records import Zone, ZoneKind

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SEGMENT_BREAK = re.compile(r"\s+[|·•]\s+")
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:\s*\((?:AP|AFP|Reuters|dpa|Xinhua|UPI|Anadolu|EFE|TASS)\))?\s*[-–—]{1,2}\s+",
)


@dataclass(slots=True)
class Line:
    """One non-blank line of the article text; ``clean`` is the text judged (markup removed)."""

    start: int
    end: int
    clean: str
    hint: ZoneKind | None = None  # forced by markup (HTML figcaption, Markdown image...)
    heading: int = 0  # markup heading level, 0 when none
    bullet: bool = False
    blank_before: bool = False


@dataclass(slots=True)
class Structure:
    """What the structure pass found: zones plus the metadata they carry."""

    zones: tuple[Zone, ...] = ()
    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    url: str | None = None
    captions: list[str] = field(default_factory=list)
    fallback_date: datetime | None = None
    fallback_date_source: str | None = None


def _raw_lines(text: str) -> tuple[list[str], list[int]]:
    """Every line of ``text`` and its offset; lines end at \\n, \\r\\n or \\r."""
    if "\r" not in text:
        # str.split is many times faster than a regex scan, above all on non-Latin-1 text
        raws = text.split("\n")
        return raws, [0, *accumulate(len(raw) + 1 for raw in raws[:-1])]
    raws, offsets = [], []
    for match in _LINE_RE.finditer(text):
        raws.append(match.group(0).rstrip("\r\n"))
        offsets.append(match.start())
        if match.end() >= len(text):
            break
    return raws, offsets


def lines_from_text(text: str) -> list[Line]:
    """Split ``text`` into non-blank lines with offsets of their stripped content."""
    lines: list[Line] = []
    bullet_match = _BULLET_RE.match
    raws, offsets = _raw_lines(text)
    previous = -2
    for k in [k for k, raw in enumerate(raws) if raw and not raw.isspace()]:
        raw = raws[k]
        content = raw.strip()
        start = offsets[k] + len(raw) - len(raw.lstrip())
        bullet = bullet_match(content) is not None
        # a blank line before: a skipped (blank) line in between, or the first line of the page
        blank = k != previous + 1 or not lines
        lines.append(Line(start, start + len(content), content, bullet=bullet, blank_before=blank))
        previous = k
    return lines


_HEAD_LINES = 12  # title, byline and dateline are looked for among the first lines only


def analyse_lines(text: str, lines: list[Line]) -> Structure:
    """Zones and page metadata for ``lines`` of ``text``."""
    found = Structure()
    kinds: list[ZoneKind | None] = [line.hint for line in lines]
    pieces: dict[int, list[tuple[int, int, ZoneKind]]] = {}
    # each line's words are counted once; every later rule reads these
    bodies = [_unbulleted(line.clean) for line in lines]
    words = [_words(body) for body in bodies]
    counts = [len(found_words) for found_words in words]
    prose = [_prose_from_words(body, w) for body, w in zip(bodies, words, strict=True)]

    for i, line in enumerate(lines):
        if kinds[i] is not None:
            continue
        if _junk_reason(line.clean, bodies[i], prose[i]):
            kinds[i] = ZoneKind.JUNK
        elif is_meta_line(line.clean):
            kinds[i] = ZoneKind.META
        elif has_photo_credit(line.clean) and not line.heading:
            kinds[i] = ZoneKind.CAPTION

    # Lone short bullet items in a run ("• English", "• Arabic"): a menu, not a list in the story.
    for i, line in enumerate(lines):
        if kinds[i] is None and line.bullet and counts[i] <= 2:
            run = [j for j in (i - 1, i + 1) if 0 <= j < len(lines) and lines[j].bullet]
            if run and all(counts[j] <= 2 for j in run):
                kinds[i] = ZoneKind.JUNK

    _find_head(text, lines, kinds, found, pieces, counts=counts, prose=prose)
    _mark_teasers(lines, kinds, counts=counts)
    end = story_end(
        [line.clean for line in lines],
        kinds,
        words=words,
        prose=prose,
        bullets=[line.bullet for line in lines],
        blank_before=[line.blank_before for line in lines],
        title=found.title,
    )
    if end is not None:
        for i in range(end[0], len(lines)):
            if kinds[i] is None:
                kinds[i] = end[1]
    _mark_tail(lines, kinds, counts=counts, prose=prose)

    for i, line in enumerate(lines):
        if kinds[i] is None:
            kinds[i] = ZoneKind.BODY
        if kinds[i] is ZoneKind.BODY and i not in pieces:
            wire = _WIRE_DATELINE.match(line.clean)
            if wire and is_prose(line.clean[wire.end() :]):
                pieces[i] = [
                    (line.start, line.start + wire.end(), ZoneKind.DATELINE),
                    (line.start + wire.end(), line.end, ZoneKind.BODY),
                ]
        if kinds[i] is ZoneKind.CAPTION:
            caption = strip_photo_credit(line.clean)
            if caption not in found.captions:
                found.captions.append(caption)
            if found.fallback_date is None:
                date = find_date(caption)
                if date is not None:
                    found.fallback_date, found.fallback_date_source = date[2], "caption"
        if kinds[i] is ZoneKind.META and found.url is None:
            found.url = source_url(line.clean)

    _keep_a_story(kinds, counts)
    spans: list[tuple[int, int, ZoneKind]] = []
    for i, line in enumerate(lines):
        kind = kinds[i]
        assert kind is not None
        spans.extend(pieces.get(i, [(line.start, line.end, kind)]))
    found.zones = merge_spans(spans, text)
    return found


def _keep_a_story(kinds: list[ZoneKind | None], counts: list[int]) -> None:
    """Zoning never discards a text's only story: with no body line left, the longest title or junk
    line is the body (a one-line feed item, a snippet shaped like a headline)."""
    if any(k in (ZoneKind.BODY, ZoneKind.CAPTION) for k in kinds):
        return
    candidates = [i for i, k in enumerate(kinds) if k in (ZoneKind.TITLE, ZoneKind.JUNK) and counts[i] >= 3]
    if candidates:
        kinds[max(candidates, key=lambda i: counts[i])] = ZoneKind.BODY


def _find_head(
    text: str,
    lines: list[Line],
    kinds: list[ZoneKind | None],
    found: Structure,
    pieces: dict[int, list[tuple[int, int, ZoneKind]]],
    *,
    counts: list[int],
    prose: list[bool],
) -> None:
    """Title, byline and dateline among the first lines."""
    head = range(min(len(lines), _HEAD_LINES))
    for i in head:
        if kinds[i] is ZoneKind.TITLE:
            found.title = found.title or lines[i].clean.strip("#*_ ")
    if found.title is None:
        for i in head:
            line = lines[i]
            if kinds[i] is not None or line.bullet:
                continue
            shaped = line.heading == 1 or (2 <= counts[i] <= 30 and not line.clean.endswith("."))
            plain = not is_name_like(line.clean) and dateline_date(line.clean) is None
            headline = line.heading == 1 or not prose[i] or line.clean.endswith(("?", "!"))
            # A text of one paragraph is its story, however it ends ("... [AFP]", no full stop).
            story_after = any(kinds[j] is None and counts[j] > 0 for j in range(i + 1, len(lines)))
            if shaped and plain and headline and story_after:
                kinds[i] = ZoneKind.TITLE
                found.title = line.clean.strip("#*_ ").strip()
            break  # only the first candidate line may be the title
    for i in head:
        line = lines[i]
        if kinds[i] not in (None, ZoneKind.BYLINE, ZoneKind.DATELINE):
            continue
        segments = _segments(text, line)
        marks: list[tuple[int, int, ZoneKind]] = []
        for seg_start, seg_end in segments:
            seg = text[seg_start:seg_end].strip("*_` ")
            date = dateline_date(seg)
            if date is not None:
                marks.append((seg_start, seg_end, ZoneKind.DATELINE))
                if found.published is None:
                    found.published = date
                continue
            name = byline_name(seg) if not line.heading and not line.bullet else None
            if name is not None and (kinds[i] is ZoneKind.BYLINE or found.byline is None):
                marks.append((seg_start, seg_end, ZoneKind.BYLINE))
                found.byline = found.byline or name
                continue
            marks = []
            break
        if not marks:
            continue
        if len(marks) == 1:
            kinds[i] = marks[0][2]
        else:
            kinds[i] = marks[0][2]
            pieces[i] = marks
    if found.published is None:
        for i in head:
            if kinds[i] is ZoneKind.DATELINE:
                found.published = dateline_date(lines[i].clean)
                break


_TEASER_WORDS = 8  # shorter repeated lines (a slogan, a section name) are not teasers


def _mark_teasers(lines: list[Line], kinds: list[ZoneKind | None], *, counts: list[int]) -> None:
    """A paragraph above the byline or dateline that repeats the start of a later paragraph is a
    teaser of the lead (META), so the story is not read twice."""
    head = [
        i for i in range(min(len(lines), _HEAD_LINES)) if kinds[i] in (ZoneKind.BYLINE, ZoneKind.DATELINE)
    ]
    if not head:
        return
    later = [lines[j].clean for j in range(head[-1] + 1, len(lines)) if kinds[j] is None]
    for i in range(head[-1]):
        if kinds[i] is None and counts[i] >= _TEASER_WORDS:
            lead = lines[i].clean.rstrip(" .…")
            if any(paragraph.startswith(lead) for paragraph in later):
                kinds[i] = ZoneKind.META


def _segments(text: str, line: Line) -> list[tuple[int, int]]:
    """Parts of a line split at ' · ', ' | ', ' • ' ('*Staff reporter* · Published 28 December 2019')."""
    spans: list[tuple[int, int]] = []
    pos = 0
    raw = text[line.start : line.end]
    for match in _SEGMENT_BREAK.finditer(raw):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(raw)))
    offset = line.start
    return [(offset + a, offset + b) for a, b in spans if raw[a:b].strip()]


def _mark_tail(
    lines: list[Line], kinds: list[ZoneKind | None], *, counts: list[int], prose: list[bool]
) -> None:
    """After the story's last prose line, what is not a credit or a caption is page furniture.

    A list introduced by a colon at the end of the story stays with the story, and so does a list
    of full sentences (``story_end`` has already cut lists unrelated to the story); a list of
    names, scores or links under a heading of its own (a fight card, a menu) does not.
    """
    last = -1
    for i, line in enumerate(lines):
        if kinds[i] in (None, ZoneKind.BODY) and not line.heading and prose[i]:
            last = i  # full-sentence list items count: unrelated lists were cut by ``story_end``
    if last < 0:
        return
    end = last
    if lines[last].clean.rstrip().endswith(":"):
        while end + 1 < len(lines) and lines[end + 1].bullet and kinds[end + 1] is None:
            end += 1
    for i in range(end + 1, len(lines)):
        if kinds[i] is None:
            kinds[i] = ZoneKind.JUNK

    def heading_like(i: int) -> bool:
        return 1 <= counts[i] <= 14 and not _ends_sentence(lines[i].clean)

    # Junk runs inside the story: a heading whose list holds nothing but furniture goes with it.
    for i in range(0, end + 1):
        if kinds[i] is None and heading_like(i) and not lines[i].bullet:
            j = i + 1
            while j <= end and kinds[j] is ZoneKind.JUNK:
                j += 1
            closed = j > end or heading_like(j) or lines[j].blank_before
            if j - i - 1 >= 2 and closed:
                kinds[i] = ZoneKind.JUNK


def merge_spans(spans: list[tuple[int, int, ZoneKind]], text: str) -> tuple[Zone, ...]:
    """Sorted, non-overlapping zones; neighbours of one kind separated only by whitespace are joined."""
    merged: list[list[Any]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], s[1])):
        start = max(start, merged[-1][1] if merged else 0)
        end = min(end, len(text))
        if end <= start:
            continue
        if (
            merged
            and merged[-1][2] is kind
            and (start == merged[-1][1] or not text[merged[-1][1] : start].strip())
        ):
            merged[-1][1] = end
        else:
            merged.append([start, end, kind])
    return tuple(Zone(start, end, kind) for start, end, kind in merged)


def structure_from_text(text: str) -> Structure:
    """Zones and metadata of a plain-text page."""
    return analyse_lines(text, lines_from_text(text))
