"""Metadata found in page text: dates, source URLs, photo credits."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

from dateutil import parser as dateparser

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
_TIME = (
    r"(?:(?:\s*[,|@-]\s*|\s+(?:at\s+)?)\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:GMT|UTC|[A-Z]{2,4}T?|[+-]\d{2}:?\d{2}))?)?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_RE = re.compile(
    rf"(?:{_WEEKDAY}\s+)?(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}){_TIME}"
    r"|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b",
    re.IGNORECASE,
)

# Words that may surround a date on a dateline without making it a sentence.
_DATELINE_FILLER = re.compile(
    r"\b(?:published|updated|last|posted|first|modified|on|at|date|dated|gmt|utc|local|time)\b|[\s:|,·•–—()-]+",
    re.IGNORECASE,
)

_YEAR = re.compile(r"\d{4}")  # every date form read here carries a four-digit year
URL_RE = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_SOURCE_CUE = re.compile(
    r"^\s*(?:content\s+)?(?:retrieved|taken|copied|scraped|archived|originally\s+published|first\s+published"
    r"|source|read\s+(?:more|the\s+original)|original(?:\s+article)?|via|url|link)\b[^:]{0,30}:?\s*",
    re.IGNORECASE,
)

# News agencies and picture desks that end photo captions ("... 2019. Reuters").
_AGENCIES = (
    r"reuters|afp|ap|ap\s+photo|associated\s+press|epa|epa-efe|efe|getty(?:\s+images)?|anadolu(?:\s+agency)?"
    r"|xinhua|tass|ria\s+novosti|sana|irna|isna|wana|shutterstock|alamy|bloomberg|upi|dpa|ansa|pa(?:\s+media)?"
    r"|pa\s+wire|zuma(?:\s+press)?|sipa|abaca|nurphoto|sopa\s+images|handout|supplied|file\s+photo"
    r"|courtesy|wikimedia(?:\s+commons)?|us\s+army|us\s+navy|us\s+air\s+force|dvids"
)
_CREDIT_TAIL = re.compile(
    rf"(?:[.!?\"”)]\s+|\s[-–—/|]\s*)(?:\(?(?:{_AGENCIES})(?:\s*/\s*[A-Za-z][\w .-]{{0,30}})?\)?)\s*$",
    re.IGNORECASE,
)
# First words of the agencies: a credit tail is searched for only when one ends the line.
_AGENCY_FIRST_WORDS = frozenset(re.sub(r"\\s\+|\(\?:|\)\?|\(|\)", " ", _AGENCIES).replace("|", " ").split())
_TOKEN_BREAKS = str.maketrans({c: " " for c in "()/|-–—"})
_CREDIT_PAREN = re.compile(
    r"\(\s*(?:photo|image|picture|pic|photograph|credit|photo\s+credit|illustration|file)\b[^()]{0,80}\)\s*$",
    re.IGNORECASE,
)
_CREDIT_LABEL = re.compile(
    r"(?:^|[.!?]\s+|\s[-–—|]\s)(?:photo|image|picture|photograph|credit|photo\s+credit)\s*(?:by)?\s*:\s*[^.!?]{1,60}$",
    re.IGNORECASE,
)


_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# The commonest news forms, read without dateutil: "December 29, 2019 20:30", "29 Dec 2019".
_PLAIN_DATE = re.compile(
    rf"(?:{_WEEKDAY}\s+)?(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}}))"
    r"(?:(?:\s*[,|@-]\s*|\s+(?:at\s+)?)(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?)?",
    re.IGNORECASE,
)


def _plain_date(value: str) -> datetime | None:
    match = _PLAIN_DATE.fullmatch(value)
    if match is None:
        return None
    month = _MONTH_NUMBERS[(match["m1"] or match["m2"])[:3].lower()]
    day, year = int(match["d1"] or match["d2"]), int(match["y1"] or match["y2"])
    hour, minute, second = (int(match[k] or 0) for k in ("h", "mi", "s"))
    if not 1800 <= year <= 2200:
        return None
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def parse_date(value: str) -> datetime | None:
    """A datetime from a date string in a common news form, or None."""
    value = value.strip().strip(",|·")
    if not value or len(value) > 80:
        return None
    plain = _plain_date(value)
    if plain is not None:
        return plain
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value, flags=re.IGNORECASE)
    cleaned = re.sub(r"\bof\b", " ", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\s*[|@]\s*", " ", cleaned)
    cleaned = re.sub(r"(\d{1,2})\.(\d{2})(?=\s*[ap]\.?m|\s*$)", r"\1:\2", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\b([ap])\.m\.?", r"\1m", cleaned, flags=re.IGNORECASE)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown zone names ("EST") give a naive datetime
            parsed = dateparser.parse(cleaned, fuzzy=True, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    return parsed


def find_date(text: str) -> tuple[int, int, datetime] | None:
    """The first date expression in ``text``: (start, end, datetime)."""
    for match in DATE_RE.finditer(text):
        parsed = parse_date(match.group(0))
        if parsed is not None:
            return match.start(), match.end(), parsed
    return None


def dateline_date(line: str) -> datetime | None:
    """The date of a line that is only a date (with 'Published', a time, a weekday...), else None."""
    if len(line) > 90 or _YEAR.search(line) is None:
        return None
    found = find_date(line)
    if found is None:
        return None
    start, end, parsed = found
    rest = _DATELINE_FILLER.sub("", line[:start] + " " + line[end:])
    rest = re.sub(rf"^{_WEEKDAY}$|\d{{1,2}}[:.]\d{{2}}(?:[ap]m)?|[ap]m", "", rest, flags=re.IGNORECASE)
    return parsed if len(rest) <= 3 else None


def source_url(line: str) -> str | None:
    """The URL of a 'Content retrieved from: https://…' style line (or a bare URL line), else None."""
    match = URL_RE.search(line)
    if match is None:
        return None
    before = line[: match.start()]
    after = line[match.end() :].strip(" .,;)")
    if after:
        return None
    if before.strip() and not _SOURCE_CUE.match(before):
        return None
    return match.group(0).rstrip(".,;)")


def has_photo_credit(line: str) -> bool:
    """True when a line ends with a photo credit: '(photo credit: REUTERS)', '2019. Reuters', 'Photo: AFP'."""
    stripped = line.strip()
    if len(stripped.split(maxsplit=2)) < 3:
        return False
    # Every credit pattern is anchored at the end of the line and spans at most about 100
    # characters, so only the end of a long line is searched (a search from ``pos`` keeps ``^``
    # meaning the true start of the line).
    tail, wide = max(0, len(stripped) - 80), max(0, len(stripped) - 160)
    return bool(
        (stripped.endswith(")") and _CREDIT_PAREN.search(stripped, wide))
        or (_agency_near_end(stripped[tail:]) and _CREDIT_TAIL.search(stripped, tail))
        or (":" in stripped and _CREDIT_LABEL.search(stripped, wide))
    )


def _agency_near_end(end: str) -> bool:
    return not _AGENCY_FIRST_WORDS.isdisjoint(end.lower().translate(_TOKEN_BREAKS).split())


def strip_photo_credit(line: str) -> str:
    """The caption without its trailing credit."""
    stripped = line.strip()
    for pattern in (_CREDIT_PAREN, _CREDIT_LABEL, _CREDIT_TAIL):
        match = pattern.search(stripped)
        if match:
            kept = stripped[: match.start()] + match.group(0)[:1].rstrip(" -–—/|(")
            return kept.strip()
    return stripped
