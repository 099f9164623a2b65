"""Markdown pages: the syntax stays in the text (offsets index the file as given) but is ignored
when judging each line; front matter becomes metadata."""

from __future__ import annotations

import re
from typing import Any

import yaml

from geoevents.ingest.text import Line, lines_from_text
from geoevents.records import ZoneKind

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\([^)]*\)\s*(.*)$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LINK_ONLY = re.compile(r"^(?:[-*+]\s+)?\[[^\]]*\]\([^)]*\)\s*$")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|`+)(.+?)\1")


def _plain(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    return re.sub(r"^>\s?", "", text).strip()


def markdown_lines(text: str) -> tuple[list[Line], dict[str, Any]]:
    """Lines of a Markdown page with the syntax removed from ``clean``, and its front matter."""
    front: dict[str, Any] = {}
    front_end = 0
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            front = {str(k).lower(): v for k, v in loaded.items()}
        front_end = match.end()
    lines = lines_from_text(text)
    for line in lines:
        raw = line.clean
        if line.start < front_end:
            line.hint = ZoneKind.META
            continue
        heading = _HEADING.match(raw)
        image = _IMAGE.match(raw)
        if heading:
            line.heading = len(heading.group(1))
            line.clean = _plain(heading.group(2))
            if line.heading == 1:
                line.hint = ZoneKind.TITLE
        elif image:
            line.hint = ZoneKind.CAPTION
            line.clean = _plain(image.group(1) + " " + image.group(2))
        elif _LINK_ONLY.match(raw):
            line.hint = ZoneKind.JUNK  # a bare link or a list of links: related stories, menus
        else:
            line.clean = _plain(raw)
    # Only the first level-1 heading is the title; later ones are section headings.
    titles = [line for line in lines if line.hint is ZoneKind.TITLE]
    for line in titles[1:]:
        line.hint = None
    return lines, front
