"""What one line of a page is, judged by its shape alone: prose, a byline, a fixture, a menu, a code
table, boilerplate or a credit.

These tests look at nothing but the line itself (length, sentence-ness, capitalised or coded tokens,
"X v Y" pairs, percent-encoding, bullets); ``text`` combines them with where a line sits on the page.
"""

from __future__ import annotations

import re

from geoevents.ingest.metadata import source_url

_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_BULLET_RE = re.compile(r"^\s*(?:[•·▪▫◦‣⁃►▶■□●○\-*+–—]|\d{1,2}[.)])\s+")
_SENTENCE_MARKS = frozenset(".!?…:;")
_CLOSERS = "\"'”’»)]"
_DIGIT = re.compile(r"\d")
_PERCENT_RE = re.compile(r"%[0-9A-Fa-f]{2}")
_CODE_RE = re.compile(r"\(\s*[A-Z]{2,4}\s*\)")
_VERSUS_RE = re.compile(r"(?<!\S)(?:v|vs\.?|versus)\s", re.IGNORECASE)
_SCORE_RE = re.compile(r"\b\d{1,2}\s*[-–:]\s*\d{1,2}\b")
_SEPARATED_ITEMS = re.compile(r"\s*[|•·/»>›]\s*")
_SEPARATOR = re.compile(r"[|•·/»>›]")
_NAME_PARTICLES = {
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "abu",
    "de",
    "da",
    "di",
    "del",
    "der",
    "van",
    "von",
    "la",
    "le",
}
_BYLINE_PREFIX = re.compile(r"^(?:by|words\s+by|reported\s+by|written\s+by)\s+(.+)$", re.IGNORECASE)
_BYLINE_SEPARATOR = re.compile(r"\s*[|·•,]\s*|\s+[-–—]\s+")
_STAFF_BYLINE = re.compile(
    r"^(?:(?:staff|our|special|senior|chief|foreign|political|security|defen[cs]e|wire|news)\s+)?"
    r"(?:staff|reporter|writer|correspondent|editor|desk|agencies|wires|staff\s+writer)\b[\w ,.'-]{0,40}$",
    re.IGNORECASE,
)
_META_CUES = re.compile(
    r"^(?:about\s+the\s+authors?\b|\(?reporting\s+by\b|\(?additional\s+reporting\b|\(?editing\s+by\b"
    r"|\(?writing\s+by\b|\(?compiled\s+by\b|copyright\b|©|\(c\)\s|all\s+rights\s+reserved"
    r"|this\s+(?:article|story)\s+(?:was\s+)?(?:first\s+)?(?:published|appeared)\b"
    r"|content\s+retrieved\s+from\b|source\s*:|originally\s+published\b)",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|promoted|subscribe\b|sign\s+up\b|register\s+now"
    r"|log\s*in\b|share\s+(?:this|on|via)\b|follow\s+us\b|click\s+here\b|read\s+more\b|related\s*(?:articles|stories|news|content|:|$)"
    r"|more\s+from\b|most\s+(?:read|popular|viewed)\b|recommended\b|trending\b|you\s+may\s+also\s+like"
    r"|watch\s*:|listen\s*:|cookies?\b|we\s+use\s+cookies|accept\s+(?:all\s+)?cookies|skip\s+to\b"
    r"|back\s+to\s+top\b|print\s+this\b|email\s+this\b|comments?\s*(?:\(\d+\)|$)|\d+\s+comments?$|tags?\s*:"
    r"|topics?\s*:|filed\s+under\b|download\s+(?:our|the)\s+app\b|get\s+the\s+(?:latest|app)\b)",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _lower_ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(map(str.islower, [w[0] for w in words])) / len(words)


def _ends_sentence(text: str) -> bool:
    """The text ends like a sentence (or a clause): . ! ? … : ; before any closing quotes."""
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_MARKS


def _unbulleted(text: str) -> str:
    return _BULLET_RE.sub("", text, count=1).strip()


def _prose_from_words(body: str, words: list[str]) -> bool:
    if len(words) < 4 or not _ends_sentence(body):
        return False
    if body.rstrip(_CLOSERS).endswith(":") and len(words) < 6:
        return False
    ratio = _lower_ratio(words)
    return ratio >= 0.35 or (len(words) >= 12 and ratio >= 0.2)


def is_prose(text: str) -> bool:
    """A sentence (or more) of running text: ends like a sentence and reads like one."""
    body = _unbulleted(text)
    return _prose_from_words(body, _words(body))


def is_percent_encoded(text: str) -> bool:
    if "%" not in text:
        return False
    hits = len(_PERCENT_RE.findall(text))
    return hits >= 3 and hits * 3 >= 0.15 * len(text.replace(" ", ""))


def is_fixture(text: str) -> bool:
    """'Arsenal v Porto, 8pm', 'Karim S (LBN) v Tamer F (EGY)', 'Leeds 2-1 Hull'."""
    body = _unbulleted(text)
    if body.endswith((".", "!", "?")):
        return False
    versus = _VERSUS_RE.search(body) if "v" in body or "V" in body else None
    if versus is None and (_DIGIT.search(body) is None or _SCORE_RE.search(body) is None):
        return False
    words = _words(body)
    if not words or len(words) > 20:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in _NAME_PARTICLES)
    if versus is not None:
        sides = _VERSUS_RE.split(body, maxsplit=1)
        if len(sides) == 2 and all(_words(side) for side in sides):
            left, right = (_words(side) for side in sides)
            # the words right beside "v" are names, not lower-case prose ("a v shape")
            return left[-1][0].isupper() and right[0][0].isupper() and capitalised >= 0.6 * len(words)
    if _SCORE_RE.search(body) and capitalised >= 0.8 * len(words) and len(words) <= 10:
        return not re.search(r"\b(?:19|20)\d{2}\b", body)
    return False


def is_coded(text: str) -> bool:
    """Lines carrying several bracketed codes such as (MAR) (JOR): results tables, fight cards."""
    return "(" in text and len(_CODE_RE.findall(text)) >= 2 and not is_prose(text)


def is_nav(text: str) -> bool:
    """Menus and language switchers: short items separated by | • / or a lone short bullet item."""
    body = text.strip()
    if len(body) > 160 or not _SEPARATOR.search(body) or _DIGIT.search(body):
        return False
    parts = [p for p in _SEPARATED_ITEMS.split(body) if p]
    if byline_name(parts[0] if parts else body):
        return False
    if len(parts) >= 2 and all(len(_words(p)) <= 3 for p in parts) and not _ends_sentence(body):
        return all(p[:1].isupper() or not p[:1].isalpha() for p in parts)
    return False


def is_name_like(text: str) -> bool:
    """'LAURA K. BENNETT', 'Omar al-Haddad', 'Dana Whitfield': 2-5 capitalised words, nothing else."""
    body = text.strip().strip("*_")
    if not 3 <= len(body) <= 60 or _DIGIT.search(body):
        return False
    if _ends_sentence(body) and not body.endswith("."):
        return False
    tokens = body.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5:
        return False
    for token in tokens:
        core = token.strip(".'’")
        if not core:
            return False
        if core.lower() in _NAME_PARTICLES or core.lower().split("-")[0] in _NAME_PARTICLES:
            continue
        if not core[0].isupper() or not all(ch.isalpha() or ch in "-'’." for ch in core):
            return False
    return True


def byline_name(text: str) -> str | None:
    """The author named by a byline line, or None when the line is not a byline."""
    body = text.strip().strip("*_ ").strip()
    match = _BYLINE_PREFIX.match(body)
    if match:
        name = _BYLINE_SEPARATOR.split(match.group(1).strip("*_ "), maxsplit=1)[0].strip()
        return name if 2 <= len(name) <= 80 and not is_prose(body) else None
    if _STAFF_BYLINE.match(body):
        return body
    if len(body) > 80:  # a name (at most 60 characters) with a short affiliation at most
        return None
    head = _BYLINE_SEPARATOR.split(body, maxsplit=1)[0].strip()
    if is_name_like(head) and (head == body or len(body) <= 80):
        return head
    return None


def is_heading_like(text: str) -> bool:
    """A short line without sentence punctuation: a headline, section title or list heading."""
    body = text.strip()
    return not _ends_sentence(body) and 1 <= len(_words(body)) <= 14


def _junk_reason(text: str, body: str, prose: bool) -> str | None:
    # cheapest tests first: most lines are ruled out by a character check
    if is_percent_encoded(text):
        return "percent-encoded"
    if not prose and "(" in text and len(_CODE_RE.findall(text)) >= 2:
        return "coded"
    if _BOILERPLATE.match(body):
        return "boilerplate"
    if is_nav(text):
        return "navigation"
    if is_fixture(text):
        return "fixture"
    return None


def junk_reason(text: str) -> str | None:
    """Why a line is page furniture wherever it appears, or None."""
    return _junk_reason(text, _unbulleted(text), is_prose(text))


def is_meta_line(text: str) -> bool:
    return bool(_META_CUES.match(text.strip()) or ("://" in text and source_url(text)))
