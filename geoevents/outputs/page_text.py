"""Untrusted text made safe for the map page: escaped where it becomes markup, inert in a script.

Article text reaches the page in popups (HTML built here, in Python) and in the map's data (JSON in a
<script>). Escaping both in one place is what lets the rest of the map code treat text as plain.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from geoevents.outputs.frames import SEPARATOR

# branca compiles each element's rendered text as a Jinja template again, so text such as
# "{{ 7*7 }}" would be evaluated (or break the page) wherever it reaches one (the map's data now goes
# in verbatim, and is escaped the same all the same). In JSON, "{" before "{", "%" or "#" is
# always inside a string, where "\u007b" is the same character.
_TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")

# Characters that could end a <script> element or a JavaScript line, as JSON unicode escapes.
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _script_safe(text: str) -> str:
    for char, escape in _SCRIPT_ESCAPES:
        text = text.replace(char, escape)
    return _TEMPLATE_OPENER.sub(r"\\u007b", text)


def js_string(value: str) -> str:
    """A JavaScript string literal that is safe inside an HTML <script> element (and inert to Jinja)."""
    return _script_safe(json.dumps(value, ensure_ascii=False))


class JsonText(str):
    """A JSON value already encoded by :func:`json_text`, which :func:`js_value` splices in as it is
    (a map's countries are encoded once, into the cache folder, not at every run)."""

    __slots__ = ()


class JsonParts(dict[str, Any]):
    """A JSON object some of whose values (or the items of a list value) are :class:`JsonText` or
    JsonParts: :func:`js_value` encodes it piece by piece, to the text it would give the decoded value."""


def json_text(value: Any) -> str:
    """``value`` encoded as :func:`js_value` encodes it, before the escapes for a <script> element."""
    if isinstance(value, JsonText):
        return value
    if isinstance(value, JsonParts):
        items = (f"{json.dumps(key, ensure_ascii=False)}:{json_text(value[key])}" for key in sorted(value))
        return "{" + ",".join(items) + "}"
    if isinstance(value, list) and any(isinstance(item, (JsonText, JsonParts)) for item in value):
        return "[" + ",".join(json_text(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def js_value(value: Any) -> str:
    """Any JSON value, encoded as for :func:`js_string`."""
    return _script_safe(json_text(value))


def safe_link(url: str | None, label: str | None = None) -> str:
    """An escaped link for http(s) URLs; any other scheme (javascript:, data:, file:) stays plain text."""
    if not url:
        return ""
    text = html.escape(label or url)
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https") and not any(ch in url for ch in "\"'<>\\ \t\n\r"):
        return (
            f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{text}</a>'
        )
    return f"<span>{text}</span>"


def frame_rows(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Each row of ``frame`` as a dict of column -> value: the values ``iterrows`` gives, without the
    pandas Series it builds per row (and the Series look-ups after: most of drawing a map's places)."""
    columns = [str(c) for c in frame.columns]
    for values in frame.itertuples(index=False, name=None):
        yield dict(zip(columns, values, strict=True))


def html_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value))


def split_list(value: Any) -> list[str]:
    text = "" if value is None else str(value)
    if not text or text == "nan" or text == "None":
        return []
    return [part for part in text.split(SEPARATOR) if part]


def shortened(text: str, limit: int = 320) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain_text(value: Any) -> str:
    text = html_text(value)
    return html.unescape(text) if text else ""
