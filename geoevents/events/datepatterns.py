"""The date expressions a text is read for, in the order they are tried, and their vocabulary.

Words are looked up by ``folded``: a capital from Turkish text ("FRİDAY", "APRİL") reads as the
English word it spells, where a plain ``lower()`` would leave a combining dot behind.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geoevents.events.prefilter import Gate, required_strings

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
MONTH2 = MONTH.replace("?P<month>", "?P<month2>")
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
DAY2 = DAY.replace("?P<day>", "?P<day2>")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# How many days or weeks: "3 days ago", "two days after".
_COUNT = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def _span(first: str, last: str) -> re.Pattern[str]:
    """A span of days in one year: "3-5 May 2021", "between May 3 and 5, 2021", "3 May to 5 June 2021"."""
    return re.compile(
        rf"\b(?:between\s+|from\s+)?{first}\s*(?:-|–|and|to|until)\s*{last},?\s+{_YEAR}\b", re.I
    )


# Ordered: the first pattern that matches at a position wins; longer forms come first.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    # Day first, as the Middle East's wires write a page's date ("29-07-2015 Drone strike kills ...").
    ("iso", re.compile(r"(?<![\d/.-])(?P<day>[0-3]\d)-(?P<month>[01]\d)-(?P<year>(?:19|20)\d\d)\b")),
    # One night told by its two days ("on the night of 14-15 March 2021"): its evening, to the day.
    (
        "night_of",
        re.compile(
            rf"\bthe\s+night\s+of\s+{DAY}\s*(?:-|–|/|to|and)\s*{DAY2}\s+(?:of\s+)?{MONTH},?\s+{_YEAR}\b",
            re.I,
        ),
    ),
    ("day_range", _span(rf"{DAY}", rf"{DAY2}\s+(?:of\s+)?{MONTH}")),
    ("day_range", _span(rf"{MONTH}\s+{DAY}", rf"{DAY2}")),
    # A page's date with the year glued to a two-digit day ("Last updated at Oct 082017").
    ("month_day_year", re.compile(rf"\b{MONTH}\s+(?P<day>[0-3]\d)(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("day_range", _span(rf"{MONTH}\s+{DAY}", rf"{MONTH2}\s+{DAY2}")),
    ("day_range", _span(rf"{DAY}\s+{MONTH}", rf"{DAY2}\s+{MONTH2}")),
    # A week told by its first day: "during the week of 8 March 2021".
    (
        "week_of",
        re.compile(
            rf"\b(?:during\s+|in\s+|over\s+)?the\s+week\s+of\s+(?:{DAY}\s+(?:of\s+)?{MONTH}|{MONTH2}\s+{DAY2}),?\s+"
            rf"{_YEAR}\b",
            re.I,
        ),
    ),
    # ACLED's own wording for a date known to a few days: "Around 10 May 2020 (between 8 and 12 May)".
    (
        "around",
        re.compile(
            rf"\b(?:around|about|on\s+or\s+about)\s+{DAY}\s+(?:of\s+)?{MONTH},?\s+{_YEAR}\b"
            r"(?:\s*\((?:between|from)\s[^)]{1,40}\))?",
            re.I,
        ),
    ),
    ("day_month_year", re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{_YEAR}\b", re.I)),
    ("month_day_year", re.compile(rf"\b{MONTH}\s+{DAY},?\s+{_YEAR}\b", re.I)),
    (
        "month_year",
        re.compile(
            rf"\b(?:in\s+|during\s+|since\s+|early\s+|late\s+|mid-?)?{MONTH}"
            rf"(?:\s+and\s+{MONTH2})?,?\s+(?:of\s+)?{_YEAR}\b",
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(rf"\b(?:on\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}\b(?!\s*,?\s*(?:19|20)\d\d)", re.I),
    ),
    ("month_day", re.compile(rf"\b(?:on\s+)?{MONTH}\s+{DAY}\b(?!\s*,?\s*(?:19|20)\d\d|\d)", re.I)),
    (
        "ago",
        re.compile(
            rf"\b{_COUNT}\s+"
            r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
            re.I,
        ),
    ),
    # A day counted from another the text gives ("found on Friday two days after gunmen seized them",
    # "kidnapped two days earlier", "the following day"): resolved against that day (see dates.py).
    (
        "offset",
        re.compile(
            rf"\b{_COUNT}\s+"
            r"(?P<unit>days?|weeks?)\s+(?P<dir>after|earlier|later|previously)\b",
            re.I,
        ),
    ),
    (
        "offset",
        re.compile(
            r"\bthe\s+(?P<dir>following|next|previous|preceding)\s+(?P<unit>day)\b|"
            r"\bthe\s+(?P<unit2>day)\s+(?P<dir2>before|after)(?=\s*[,.;)]|\s*$)",
            re.I,
        ),
    ),
    ("day_before_yesterday", re.compile(r"\bthe\s+day\s+before\s+yesterday\b", re.I)),
    # "yesterdays tragedy": a possessive whose apostrophe a feed dropped
    ("yesterday", re.compile(r"\byesterday(?:s(?=\s+[a-z]))?\b", re.I)),
    (
        "today",
        re.compile(
            r"\b(?:earlier\s+|later\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b", re.I
        ),
    ),
    # A night told by its day ("overnight on Tuesday", "overnight Tuesday into Wednesday"): the evening it
    # began, the first day of the span, as ACLED dates an act told over two days.
    (
        "weekday",
        re.compile(rf"\b(?:overnight|(?:during|in)\s+the\s+night)\s+(?:on\s+|of\s+)?{_WEEKDAY}\b", re.I),
    ),
    (
        "overnight",
        re.compile(
            r"\bovernight\b|\blast\s+night\b|\b(?:during|in|through)\s+the\s+night\b(?!\s+of\b)", re.I
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<mod>last|this\s+past|past|this|early\s+on|late\s+on|early|late|on)\s+)?"
            rf"{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"
            # a possessive whose apostrophe a feed dropped ("Tuesdays attacks"), never "on Tuesdays"
            r"|(?<!\bon\s)\b(?P<weekday2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s\b"
            r"(?=\s+[a-z])",
            re.I,
        ),
    ),
    (
        "past_day",
        re.compile(
            r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:24|twenty-four)\s+hours\b", re.I
        ),
    ),
    (
        "weekend",
        re.compile(
            r"\b(?:last|this\s+past|over\s+the|at\s+the|during\s+the|on\s+the)\s+weekend\b|"
            r"\b(?:the|last)\s+weekend['’]s\b|"
            r"\b(?P<weekday>Saturday|Sunday)\s+(?:and|or)\s+(?:Saturday|Sunday)\b",
            re.I,
        ),
    ),
    ("last_week", re.compile(r"\blast\s+week\b|\bthe\s+previous\s+week\b|\bthe\s+week\s+before\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier|later)\s+(?:this|in\s+the)\s+week\b|\bthis\s+week\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier|later)\s+(?:this|in\s+the)\s+month\b|\bthis\s+month\b", re.I)),
    ("last_month", re.compile(r"\blast\s+month\b|\bthe\s+previous\s+month\b", re.I)),
    (
        "month",
        re.compile(rf"\b(?:in|during|since|early|late|mid-?|last|this\s+past)\s+{MONTH}\b(?!\s+\d)", re.I),
    ),
    ("last_year", re.compile(r"\blast\s+year\b", re.I)),
    ("this_year", re.compile(r"\b(?:earlier\s+)?this\s+year\b", re.I)),
    ("year", re.compile(rf"\b(?:in|during|since|of|early|late|mid-?|by|until)\s+{_YEAR}\b(?![-/]\d)", re.I)),
]


@lru_cache(maxsize=1)
def _gate() -> Gate:
    """The patterns' required strings: a text without a month name is not scanned for one."""
    return Gate(pattern for _, pattern in PATTERNS)


# Every pattern the month names gate reads its month where a word starts, or just after "mid"
# ("midMarch 2021"): "mar", "dec", "may" inside other words ("market", "decided", "mayor") open the
# gate, not this.
_MONTH_WORD = re.compile(rf"(?:\b|mid){MONTH}", re.I)
_MONTH_GATED = [required_strings(p) == required_strings(re.compile(MONTH, re.I)) for _, p in PATTERNS]
_A_MONTH_GATED = _MONTH_GATED.index(True)  # the gate opens them all or none: they share its strings


def possible_patterns(text: str) -> list[bool]:
    """For each of ``PATTERNS``, whether it may match ``text`` (False: it cannot)."""
    possible = _gate().open(text)
    if possible[_A_MONTH_GATED] and not _MONTH_WORD.search(text):
        return [p and not m for p, m in zip(possible, _MONTH_GATED, strict=True)]
    return possible


def folded(word: str) -> str:
    """A matched word as the key of a vocabulary: lower case, Turkish dotted and dotless i as "i"."""
    return word.lower().replace("\u0307", "").replace("\u0131", "i").rstrip(".")


FULL_DATE_AFTER = re.compile(rf",?\s*(?:the\s+)?(?:{DAY}\s+(?:of\s+)?{MONTH}|{MONTH2}\s+{DAY2})\b", re.I)
# A wire dateline ("CITY, Country, Month D, YYYY -", "City, March 3 (Agency) -") or a date alone on line one.
DATELINE_HEAD = re.compile(
    r"\W*(?:[A-Z][\w.'’ -]{1,40}(?:/[A-Z][\w.'’ -]{1,30})?(?:[,:]\s*|\s+(?=\())){0,2}(?:\([^)]{1,30}\)\s*)?"
    r"(?:[-–—]+\s*)?"  # "BAGHDAD, Iraq (AP) — March 10, 2022 —", "BAGHDAD: March 10, 2022 -"
    r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"  # "ADEN, Yemen, Wed Mar 3, 2021"
)
# A text that opens with a full date, a weekday before it at most ("Saturday 6 Aug 2016 Air raids ...").
OPENING = re.compile(r"\W*(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s*)?")
# A page's date told with its weekday anywhere in the head ("... NGO Friday 15 Aug 2014 Print ..."):
# no act is dated that way in a sentence, which says "on Friday" or "on 15 August".
WEEKDAY_BEFORE = re.compile(r"(?<!\bon\s)\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*$", re.I)
DATELINE_TAIL = re.compile(
    r"\s*(?:\([^)]{1,40}\)\s*|/[^/\n]{1,30}/\s*|,\s*[A-Z][\w.]{1,20}\s*)?(?:[-–—:|]+|\n)"
)


# A page's own statement of when it was published: "Published October 4 2016", "AFP Sunday 29 Jun 2014".
PUBLISHED_BEFORE = re.compile(
    r"(?:\bpublished(?:\s+on)?|\bdate\s+of\s+publication|\bposted(?:\s+on)?|\b(?:last\s+)?updated(?:\s+on)?|"
    r"\b(?:last\s+)?updated\s+at|\b(?:AFP|Reuters|AP|Xinhua|SANA|DPA|UPI|EFE|ANSA|IANS|PTI|Anadolu)(?:\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?)"
    r"\s*:?\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?$",
    re.I,
)


def has_year_range(text: str) -> bool:
    """Whether the text spans years ("between 2006 and 2008", "2014-2017"): a period, not an event date."""
    return bool(
        re.search(
            r"\bbetween\s+(?:19|20)\d\d\s+and\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b",
            text,
        )
    )
