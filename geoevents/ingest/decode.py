"""Bytes to text: BOMs, encoding detection, NFC normalisation.

The decoded, NFC-normalised text is what every offset of an article refers to.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A valid multi-byte UTF-8 sequence: evidence that a file is UTF-8 with a few damaged bytes
# rather than a legacy single-byte encoding.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can detect."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool = False
    detected: bool = False  # the encoding was guessed, not declared or UTF-8
    replaced: int = 0  # characters replaced by U+FFFD as a last resort


def normalize_text(text: str) -> str:
    """NFC-normalise (composed accents, so offsets match what a reader sees)."""
    return unicodedata.normalize("NFC", text)


def _finish(text: str, encoding: str, **kwargs: object) -> Decoded:
    return Decoded(normalize_text(text), encoding, **kwargs)  # type: ignore[arg-type]


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB (after any BOM check)."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 11, 27))
    return controls / len(head) > 0.05


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``: BOM, then strict UTF-8, then detection; U+FFFD replacement only as a last resort."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data[len(bom) :].decode(encoding), encoding, bom=True)
            except UnicodeDecodeError:
                text = data[len(bom) :].decode(encoding, errors="replace")
                return _finish(text, encoding, bom=True, replaced=text.count("\ufffd"))
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        text = data.decode(utf16, errors="replace")
        return _finish(text, utf16, detected=True, replaced=text.count("\ufffd"))
    if looks_binary(data):  # NUL and control bytes are valid UTF-8, but no article
        raise UndecodableError("binary content (NUL or control bytes), not text")
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes: replacing those few beats mis-decoding every accent.
    if _UTF8_MULTIBYTE.search(data[:65536]):
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(3, len(text) // 200):
            return _finish(text, "utf-8", replaced=bad)
    matches = from_bytes(data[:1_000_000])
    best = matches.best()
    # Windows-1252 is what most legacy Western pages are (HTML treats Latin-1 as it); prefer it
    # when detection finds it about as plausible as a rarer neighbour such as cp1250.
    for match in matches:
        plausible = best is not None and match.chaos <= best.chaos + 0.1
        if plausible and match.encoding == "cp1252" and match.coherence >= best.coherence - 0.01:  # type: ignore[union-attr]
            best = match
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and not _mostly_control(text):
            return _finish(text, best.encoding, detected=True)
    text = data.decode("utf-8", errors="replace")
    if _mostly_control(text) or text.count("\ufffd") > len(text) // 4:
        raise UndecodableError("not text in any detectable encoding")
    return _finish(text, "utf-8", replaced=text.count("\ufffd"))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text leaves every other byte NUL."""
    head = data[:4096]
    if len(head) < 16 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 16:
        return None
    half = len(head) // 2
    if head[1::2].count(0) > 0.9 * half and head[0::2].count(0) < 0.1 * half:
        return "utf-16-le"
    if head[0::2].count(0) > 0.9 * half and head[1::2].count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def _mostly_control(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    return sum(1 for ch in sample if ch in _CONTROL) / len(sample) > 0.05
