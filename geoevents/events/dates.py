"""Date expressions resolved against a reference date, with ACLED time_precision.

Precision: 1 a day, 2 a week or similar span, 3 a month, 4 a year only (kept,
and flagged by the caller). Relative expressions ("on Friday", "yesterday",
"last week") need the reference date; absolute ones ("27 December 2019") do not.
Weekday references resolve to the most recent such day on or before the
reference date ("last Friday": strictly before, and a week before the day before the reference,
which a writer calls "yesterday").
Month-only dates are coded on the first of the month, year-only on 1 January.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from geoevents.events.causes import cause_words
from geoevents.events.datepatterns import (
    DATELINE_HEAD,
    DATELINE_TAIL,
    FULL_DATE_AFTER,
    MONTHS,
    NUMBER_WORDS,
    OPENING,
    PUBLISHED_BEFORE,
    WEEKDAY_BEFORE,
    WEEKDAYS,
    folded,
    possible_patterns,
)
from geoevents.events.datepatterns import (
    PATTERNS as _PATTERNS,
)
from geoevents.events.sites import OPENING_DATE, before_is_the_triggers


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in text, resolved to a date and an ACLED time_precision."""

    start: int  # offsets into the text searched
    end: int
    text: str
    date: date | None  # None when relative and no reference date is known
    precision: int
    relative: bool  # needed the reference date
    dateline: bool = (
        False  # the date of a wire dateline ("BEIRUT, Lebanon, April 30, 2020 -"): the report's day
    )
    updated: bool = False  # a page's "last updated" date: the report was published on it or before
    after: bool = False  # "two days after <act>": the day of the act the words after it tell


class StoryDay(date):
    """A day the text itself tells, standing in for a report day the article lacks: a weekday the text
    names is the nearest such day to it, before or after ("Security tightened on Monday after the
    blast", told beside "the blast on 11 December", a Sunday: the Monday after)."""


def _plain(when: date | None) -> date | None:
    return None if when is None else date.fromordinal(when.toordinal())


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _most_recent_weekday(reference: date, weekday: int, *, strictly_before: bool) -> date:
    delta = (reference.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return reference - timedelta(days=delta)


def _month_name(value: str) -> int:
    return MONTHS[folded(value)]


def _resolve(kind: str, m: re.Match[str], ref: date | None) -> tuple[date | None, int, bool]:
    """The date an expression of ``kind`` stands for, its precision, and whether it needed ``ref``."""
    if (absolute := _resolve_absolute(kind, m.groupdict())) is not None:
        return absolute
    if ref is None:
        return (
            None,
            {"this_month": 3, "last_month": 3, "month": 3, "last_year": 4, "this_year": 4}.get(kind, 1),
            True,
        )
    when, precision, relative = _resolve_relative(kind, m, ref)
    return _plain(when), precision, relative


def _resolve_absolute(kind: str, g: dict[str, str]) -> tuple[date | None, int, bool] | None:
    """An expression that names its own year (or counts from another day), None for a relative one."""
    if kind == "iso":
        return _safe_date(int(g["year"]), int(g["month"]), int(g["day"])), 1, False
    if kind == "week_of":
        month = _month_name(g["month"] or g["month2"])
        return _safe_date(int(g["year"]), month, int(g["day"] or g["day2"])), 2, False
    if kind == "offset":
        return None, 2 if (g["unit"] or "").lower().startswith("week") else 1, True  # set by _counted_from
    if kind == "around":
        return _safe_date(int(g["year"]), _month_name(g["month"]), int(g["day"])), 2, False
    if kind in ("day_month_year", "month_day_year"):
        return _safe_date(int(g["year"]), _month_name(g["month"]), int(g["day"])), 1, False
    if kind == "night_of":
        first = _safe_date(int(g["year"]), _month_name(g["month"]), int(g["day"]))
        return first, 1 if first and int(g["day2"]) - int(g["day"]) == 1 else 2, False
    if kind == "day_range":
        # A span of days: its first day, precision 2 (ACLED codes a few days as a week's precision).
        first = _safe_date(int(g["year"]), _month_name(g["month"]), int(g["day"]))
        last = _safe_date(int(g["year"]), _month_name(g.get("month2") or g["month"]), int(g["day2"]))
        if first is None or last is None or first == last:
            return first, 1, False
        return first, 2 if 0 < (last - first).days <= 7 else 3, False
    if kind == "month_year":
        return _safe_date(int(g["year"]), _month_name(g["month"]), 1), 3, False
    if kind == "year":
        return _safe_date(int(g["year"]), 1, 1), 4, False
    return None


def _resolve_relative(kind: str, m: re.Match[str], ref: date) -> tuple[date | None, int, bool]:
    """An expression counted from the reference date ``ref``."""
    g = m.groupdict()
    if kind in ("day_month", "month_day"):
        month, day = _month_name(g["month"]), int(g["day"])
        found = _safe_date(ref.year, month, day)
        if found is not None and found > ref:
            found = _safe_date(ref.year - 1, month, day)
        return found, 1, True
    if kind == "ago":
        return _ago(g, ref)
    if kind in _DAYS_BACK:
        return ref - timedelta(days=_DAYS_BACK[kind][0]), _DAYS_BACK[kind][1], True
    if kind == "weekday":
        mod = (g.get("mod") or "").lower()
        strictly = mod in ("last", "this past", "past")
        day = WEEKDAYS[folded(g["weekday"] or g.get("weekday2") or "")]
        found = _most_recent_weekday(ref, day, strictly_before=strictly)
        if isinstance(ref, StoryDay) and not strictly and ref.toordinal() - found.toordinal() > 3:
            found += timedelta(days=7)  # nearer after the told day than before it
        if mod == "last" and (ref - found).days == 1:
            found -= timedelta(days=7)  # "last Thursday" said on a Friday: the day before is "yesterday"
        return found, 1, True
    if kind == "weekend":
        # Its Saturday, the first day of the span; "last weekend" said on a weekend is the one before it.
        saturday = _most_recent_weekday(ref, 5, strictly_before=False)
        earlier = bool(re.match(r"(?i)last|this\s+past", m.group(0))) and ref.weekday() >= 5
        return saturday - timedelta(days=7 if earlier else 0), 2, True
    if kind == "this_month":
        return date(ref.year, ref.month, 1), 3, True
    if kind == "last_month":
        y, mo = divmod(ref.year * 12 + ref.month - 2, 12)
        return date(y, mo + 1, 1), 3, True
    if kind == "month":
        month = _month_name(g["month"])
        year = ref.year if month <= ref.month else ref.year - 1
        return date(year, month, 1), 3, True
    if kind == "last_year":
        return date(ref.year - 1, 1, 1), 4, True
    if kind == "this_year":
        return date(ref.year, 1, 1), 4, True
    raise AssertionError(kind)


# Expressions a fixed number of days before the reference date, with their precision. "overnight" is
# the night before the report's day, coded on its evening; "the past day" spans that day and the report's.
_DAYS_BACK = {
    "day_before_yesterday": (2, 1),
    "yesterday": (1, 1),
    "today": (0, 1),
    "overnight": (1, 1),
    "past_day": (1, 2),
    "last_week": (7, 2),
    "this_week": (0, 2),
}


def _ago(g: dict[str, str], ref: date) -> tuple[date | None, int, bool]:
    """A count back from the reference date: "three days ago", "two weeks ago", "a year ago"."""
    n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[folded(g["n"])]
    unit = g["unit"].lower().rstrip("s")
    if unit == "day":
        return ref - timedelta(days=n), 1, True
    if unit == "week":
        return ref - timedelta(weeks=n), 2, True
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
        return date(y, mo + 1, 1), 3, True
    return date(ref.year - n, 1, 1), 4, True


# A date that is part of a name: "the July 7 neighbourhood", "14 July Street", "the 26 September Revolution".
_NAME_NOUN = re.compile(
    r"\s*(?:neighbou?rhoods?|distric?ts?|streets?|st\b|squares?|bridges?|roads?|avenues?|quarters?|suburbs?|"
    r"towns?|city|camps?|hospitals?|schools?|stadiums?|mosques?|universit(?:y|ies)|movements?|brigades?|"
    r"battalions?|regiments?|fronts?|coalitions?|revolution|uprising|forces|party|parties|group|"
    r"compound|base|airport|port|dam|highway|junction|roundabout|circle|market|area)\b",
    re.I,
)


def _is_name(text: str, m: re.Match[str]) -> bool:
    """Whether the date is part of a name rather than a date of something."""
    if _NAME_NOUN.match(text, m.end()):
        return True
    # "the 14 July Bridge": "the", a bare day and month, then a capitalised word.
    before = text[max(0, m.start() - 4) : m.start()].lower()
    return before.endswith("the ") and bool(re.match(r"\s+[A-Z][a-z]", text[m.end() :]))


class _Taken:
    """Disjoint spans of text already read, sorted, so that an overlap is found in log time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return (i >= 0 and self.ends[i] > start) or (i + 1 < len(self.starts) and self.starts[i + 1] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


# Relative expressions listed after the counted days ("two days later"): without a reference date they
# have none, anchor no counted day, and no later pattern's match ("in 2019") can overlap theirs.
_DATELESS = {"day_before_yesterday", "yesterday", "today", "weekday", "overnight", "past_day", "weekend"}
_DATELESS |= {"last_week", "this_week", "this_month", "last_month", "month", "last_year", "this_year"}


def dates_from_text(text: str, *, reference: date | None, dated: bool = False) -> list[DateMatch]:
    """Every date expression in ``text``, left to right, without overlaps; dates inside names are left out.
    ``dated`` with no reference reads only the expressions that can have a date (the same dates, sooner)."""
    taken = _Taken()
    found: list[DateMatch] = []
    for (kind, pattern), possible in zip(_PATTERNS, possible_patterns(text), strict=True):
        if not possible or (dated and reference is None and kind in _DATELESS):
            continue
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            if kind in ("day_month", "month_day", "day_month_year", "month_day_year") and _is_name(text, m):
                taken.add(m.start(), m.end())
                continue
            if kind == "weekday" and FULL_DATE_AFTER.match(text, m.end()):
                continue  # "Saturday 12 Mar 2022", "on Sunday, 3 May": the date that follows says the day
            if (
                kind == "month"
                and m.group("month").lower() == "may"
                and not re.match(r"(?i)in|during", m.group(0))
            ):
                continue  # "may" the modal verb
            if (
                kind in ("day_month", "month_day")
                and m.group("month").lower() == "may"
                and not m.group("month")[0].isupper()
            ):
                continue  # "on 2 May" is a date; "2 may" is a figure and the modal verb
            when, precision, relative = _resolve(kind, m, reference)
            taken.add(m.start(), m.end())
            published = PUBLISHED_BEFORE.search(text, max(0, m.start() - 40), m.start())
            dateline = bool(
                (DATELINE_HEAD.fullmatch(text, 0, m.start()) and DATELINE_TAIL.match(text, m.end()))
                or published
                or (
                    not relative
                    and precision == 1
                    and (
                        OPENING.fullmatch(text, 0, m.start())
                        or (
                            m.start() < 300 and WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
                        )
                    )
                )
            )
            updated = bool(published and "updated" in published.group(0).lower())
            found.append(
                DateMatch(m.start(), m.end(), m.group(0), when, precision, relative, dateline, updated)
            )
    return _counted_from(text, sorted(found, key=lambda d: d.start), reference)


def dates_in_clause(clause: str, sentence: str, shift: int, *, reference: date | None) -> list[DateMatch]:
    """The dates of a clause that starts ``shift`` characters into its sentence: a day counted from
    another ("returned three weeks later") is counted from the day the sentence gives before it."""
    found = dates_from_text(clause, reference=reference)
    if shift <= 0 or not any(d.date is None and d.relative for d in found):
        return found
    whole = {(d.start - shift, d.end - shift): d for d in dates_from_text(sentence, reference=reference)}
    return [
        replace(whole[(d.start, d.end)], start=d.start, end=d.end)
        if d.date is None and (d.start, d.end) in whole
        else d
        for d in found
    ]


def _counted_from(text: str, found: list[DateMatch], reference: date | None) -> list[DateMatch]:
    """Days counted from another ("two days after", "three days earlier", "the following day"):
    from the last day the text gives before them, else from the report's day; a day after the
    report's own is no day the report can tell."""
    out: list[DateMatch] = []
    for d in found:
        m = _OFFSET.fullmatch(d.text) if d.relative and d.date is None else None
        if m is None:
            out.append(d)
            continue
        anchor = next((a for a in reversed(out) if a.date is not None and not a.after), None)
        if anchor is None and folded(m.group("dir") or "") == "after":
            anchor = _later_anchor(text, d, found)  # "Two days after X, Y was found on Friday"
        said = folded(m.group("n") or "one")
        days = int(said) if said.isdigit() else NUMBER_WORDS.get(said, 1)
        days *= 7 if folded(m.group("unit") or "").startswith("week") else 1
        word = folded(m.group("dir") or m.group("dir2") or m.group("dir3") or "")
        ahead = word in ("later", "following", "next") or (word == "after" and m.group("dir2") is not None)
        base = anchor.date if anchor is not None else reference
        when = (
            None
            if base is None or (ahead and anchor is None)
            else _plain(base + timedelta(days if ahead else -days))
        )
        precision = max(d.precision, anchor.precision if anchor is not None else 1)
        after = word == "after" and m.group("dir") is not None
        out.append(DateMatch(d.start, d.end, d.text, when, precision, True, after=after))
    return out


def _later_anchor(text: str, offset: DateMatch, found: list[DateMatch]) -> DateMatch | None:
    """The day a "two days after" that opens its clause counts back from: the next day its sentence
    gives, when no day comes before it."""
    later = next((a for a in found if a.start >= offset.end and a.date is not None), None)
    if later is None or re.search(r"[;:]|\.\s", text[offset.end : later.start]):
        return None
    return later


_OFFSET = re.compile(
    r"(?P<n>\w+)\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|earlier|later|previously)|"
    r"the\s+(?P<dir3>following|next|previous|preceding)\s+day|the\s+day\s+(?P<dir2>before|after)",
    re.I,
)


@lru_cache(maxsize=8)  # asked again for the same article by later steps
def dateline_date(text: str, *, reference: date | None = None) -> DateMatch | None:
    """The date of the text's dateline or publication line, if one opens the text."""
    head = text[:400]
    return next(
        (d for d in dates_from_text(head, reference=reference, dated=True) if d.dateline and d.date), None
    )


_OPENS = re.compile(
    r"\W*(?:(?:early|late)\s+)?(?:on|in|during|as\s+reported\s+on)?\s*(?:the\s+night\s+of\s+)?", re.I
)


def opening_date(text: str, *, reference: date | None) -> DateMatch | None:
    """The date a sentence opens with ("On 15 November 2021, ...", "On Monday, ...") or its heading
    ends in ("Daily brief 24 July: ..."): it dates every clause of the sentence and, in a coder's note,
    the sentences that follow it."""
    first = next(iter(dates_from_text(text[:80], reference=reference)), None)
    if first is None or first.date is None or first.dateline:
        return None
    if re.match(r"['’]?s\b", text[first.end :]):
        return None  # "Sunday's explosion came two days after ...": the subject's day, not the sentence's
    heading = _HEADING.fullmatch(text, 0, first.start) and _HEADING_END.match(text, first.end)
    return first if _OPENS.fullmatch(text, 0, first.start) or heading else None


# A roundup's heading that ends in its day: "Sudan daily brief 24 July: ...", "Gaza update, 3 May - ...".
_HEADING = re.compile(r"\W*(?:[A-Za-z][\w'’-]*,?\s+){1,5}")
_HEADING_END = re.compile(r"\s*(?:[:|–—]|-\s)")


def acled_time_precision(when: date | None, precision: int) -> int | None:
    """ACLED's time_precision (1-3 only): none without a date, a year-only date as 3 (the event is tagged)."""
    return None if when is None else min(3, max(1, precision))


# A report's verb just before its day: "officials said Tuesday", "the army said in a statement on Tuesday".
_REPORTED = re.compile(
    r"\b(?:said|says|told|announced|reported|added|stated|confirmed|claimed|declared|wrote)\s+"
    r"(?:(?:in|on)\s+(?:a|an|its|their|his|her|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|report|post|briefing|interview|communiqu[eé]|website|account|channel)\s+)?(?:\w+\s+)?$",
    re.I,
)


_CAUSE_AFTER = re.compile(
    rf"\b(?:{cause_words('after', 'since')}|{cause_words('reply')}\s+(?:to|for))\b", re.IGNORECASE
)


# Another act the words after the trigger tell the start of: "against the feud that broke out on Friday".
_ANOTHER_BEGAN = re.compile(
    r"\b(?:that|which)\s+(?:began|started|broke\s+out|erupted|flared(?:\s+up)?)\s+$", re.I
)
# The start of the trigger's own span told after it: "since launching an assault on", "since the offensive
# began on".
_SINCE_ITS_START = re.compile(
    r"\bsince\s+(?:(?:launching|starting|beginning|opening|mounting)\b(?!.*\bsince\b)|(?:the|its|their)\s+"
    r"(?:[\w'’-]+\s+){1,3}?(?:began|started|was\s+launched|opened)\s+$)",
    re.I,
)
_CAUSE_ONLY = re.compile(rf"\b{cause_words('since', 'reply')}\b", re.IGNORECASE)
_JUST_AFTER = re.compile(rf"\b{cause_words('after')}\b", re.IGNORECASE)  # a day just before the act's own


def _counted_after_the_trigger(text: str, found: DateMatch, trigger: tuple[int, int]) -> bool:
    """Whether a day told before the trigger is only the anchor of a day counted from it after the
    trigger ("on Monday ... the blast ... the day before"): the counted day is the trigger's own."""
    counted = _OFFSET.search(text, trigger[1])
    return bool(
        counted
        and folded(counted.group("dir") or "") != "after"  # "two days after gunmen struck": their day
        and not re.search(r"[;:]|\.\s", text[found.end : counted.start()])
        and not dates_from_text(text[found.end : counted.start()], reference=None)
    )


# What a date in the trigger's sentence dates: the act, its report, an act the trigger came after
# (the nearest day the text gives for it), neither.
ACT, REPORT, NEAR, NONE = 3, 2, 1, 0


def date_of_trigger(text: str, found: DateMatch, trigger: tuple[int, int]) -> bool:
    """Whether a date in the trigger's sentence dates the trigger's event (see ``date_role``)."""
    return date_role(text, found, trigger) == ACT


_TODAY = re.compile(r"(?:earlier\s+|later\s+)?today", re.I)


def date_role(text: str, found: DateMatch, trigger: tuple[int, int]) -> int:
    """What a date in the trigger's sentence dates (see ``_date_role``); "today" is the day of the
    report itself, so it dates the act only as its report's day does: a quote's or a caption's "today"
    is the day the speaker spoke, and the act's own day told elsewhere wins over it."""
    role = _date_role(text, found, trigger)
    return REPORT if role == ACT and _TODAY.fullmatch(found.text) else role


def _date_role(text: str, found: DateMatch, trigger: tuple[int, int]) -> int:
    """What a date in the trigger's sentence dates: the event (``ACT``), only its report
    (``REPORT``: "officials said on Tuesday"), an act the trigger followed (``NEAR``: "seized the
    town after fierce battles on 3 January", "fired on protesters after Friday prayers"), or
    neither (``NONE``): a span's end ("until Friday"), a span of weeks ("since May"), or another act
    the trigger is only the cause of ("mourners gathered on Monday for fighters killed in air strikes").

    The day of a report is the event's when the text gives no other: the act was told that day,
    as ACLED coders date it. A ``NEAR`` day is the act's when the text gives neither; the first day of
    a span ("clashes since Wednesday") is one.
    """
    before = text[: found.start]
    possessive = re.match(r"['’]s\b", text[found.end :])  # "said Sunday's strikes": the strikes' date
    # "As reported on 28 April 2020, ...": the coder's date of the event, not of the reporting.
    as_reported = re.search(r"\bas\s+(?:was\s+)?(?:first\s+)?reported\s+(?:on\s+)?$", before, re.I)
    if found.after:  # "two days after gunmen seized them": the day of the act told after it only
        ends = found.end <= trigger[0] and not re.search(r"[;:]|\.\s", text[found.end : trigger[0]])
        return ACT if ends else NONE
    if re.search(r"\b(?:until|by)\s+$", before, re.I):
        return NONE
    if (since := re.search(r"\bsince\s+$", before, re.I)) or found.text.lower().startswith("since"):
        # "fighting since Wednesday": the first day of the trigger's own span, not of an act it followed
        between = (
            text[found.end : trigger[0]]
            if found.end <= trigger[0]
            else text[trigger[1] : since.start() if since else found.start]
        )
        return NEAR if found.precision == 1 and not _CAUSE_AFTER.search(between) else NONE
    if _REPORTED.search(before) and not possessive and not as_reported:
        return REPORT if found.precision == 1 else NONE
    if found.end <= trigger[0]:
        if _counted_after_the_trigger(text, found, trigger):
            return NEAR  # "fears swept Cairo on Monday as police probed the blast of the day before"
        if before_is_the_triggers(text, (0, found.start, found.end), trigger[0], opener=OPENING_DATE):
            return ACT
        return NEAR if _JUST_AFTER.search(text[found.end : trigger[0]]) else NONE
    if found.start >= trigger[1]:
        if possessive:
            return NONE  # "arrested four suspects over last week's bombing": the bombing's day
        between = text[trigger[1] : found.start]
        if _SINCE_ITS_START.search(between) and not re.search(r"[;:]|\.\s", between):
            return NEAR  # "seized villages since launching an assault on Thursday": the span's first day
        if _ANOTHER_BEGAN.search(between):
            return NONE  # "protested against the feud that began on Friday": the feud's day
        if _CAUSE_AFTER.search(between):
            return NEAR if _JUST_AFTER.search(between) and not _CAUSE_ONLY.search(between) else NONE
    return ACT
