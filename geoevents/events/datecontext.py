"""Days a text gives a report only through the reports around it."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

from geoevents.events.datafiles import data_words
from geoevents.events.dates import dates_from_text
from geoevents.events.draft import Draft
from geoevents.events.text import Span

CONTEXT_SENTENCES = 3  # how far back a dated report dates the undated reports after it (a wire story
# often tells a casualty or a quote between the dated report and the next act of that day)
REPORT_LAG = timedelta(days=7)  # how long before its report a neighbour's day may still be the act's
# An undated report that stands apart from the one before it: a fight still going on or days later, a
# roundup's entry ("Herat: ...").
_ONGOING = re.compile(
    r"\b(?:continu(?:e|es|ed|ing)|raged?|raging|ongoing|still|(?:days|weeks|months|years)\s+later)\b", re.I
)
# A source of the report by the word that names it, then its verb: "the defence ministry in Moscow said".
_SPEAKER = "|".join(data_words("speakers.txt"))
_TOLD_BY = re.compile(
    rf"\b(?P<who>{_SPEAKER})\b(?:\s+[\w'’-]+){{0,3}}?\s+(?:said|says|reported|added|announced|stated)\b", re.I
)
# The day the source spoke: "said on Saturday", "said Sunday", "said yesterday".
_ON_DAY = re.compile(
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b", re.I
)
_ENTRY = re.compile(r"\W*[A-Z][\w'’ .-]{1,40}:\s")
# A roundup's next entry inside one sentence ("... no casualties beledweyne: militia retook ..."): a word
# and a colon, not a speaker's ("the army said: ...").
_NEXT_ENTRY = re.compile(
    r"(?<![\w'’])(?!(?:said|says|say|told|added|stated|reported|announced|wrote|declared)\b)[A-Za-z][\w'’.-]{2,30}:\s"
)


def _counted_before(d: Draft, sentence: str, ref: date | None) -> tuple[date, int] | None:
    """The day a sentence counts right before the draft's act ("found on Friday, two days after gunmen
    seized them": the Wednesday), when the act's own clause left that count out."""
    for found in dates_from_text(sentence, reference=ref):
        if not found.after or found.date is None:
            continue
        for trigger in d.trigger_texts:
            at = sentence.find(trigger, found.end)
            if 0 <= at - found.end <= 60 and not re.search(r"[;:]|\.\s", sentence[found.end : at]):
                return found.date, found.precision
    return None


def _told_day(d: Draft) -> bool:
    """Whether the draft's day is only the day a speaker told of it ("police said on Tuesday")."""
    return "date-of-report" in d.tags and "date-of-dateline" not in d.tags


def _own_day_over_report(placed: list[tuple[int, Draft]], first: dict[int, int]) -> None:
    """An act dated only by its report ("after gunmen seized him, ..., police said on Tuesday") took place
    on the day the nearest other act of its sentence gives as its own ("clashes late on Sunday"): a
    report's day is when it was said, only an upper bound of the act's; a neighbour's day after it or
    long before it is another act's."""
    for at, d in placed:
        if not _told_day(d) or d.date is None:
            continue
        told = d.date
        days = [
            (abs(first[id(k)] - first[id(d)]), k)
            for i, k in placed
            if i == at
            and k is not d
            and k.date_explicit
            and k.precision == 1
            and not k.tags & {"date-of-report", "date-of-dateline"}
            and k.date is not None
            and told - REPORT_LAG <= k.date <= told
        ]
        if days:
            k = min(days, key=lambda found: found[0])[1]
            d.date, d.precision = k.date, k.precision
            d.tags.discard("date-of-report")
            d.tags.add("date-from-context")


def _trigger_at(text: str, d: Draft, first: dict[int, int]) -> int:
    """Where the draft's trigger is told, from the start of its first span."""
    at = text.find(d.trigger_texts[0], first[id(d)]) if d.trigger_texts else -1
    return at if at >= 0 else first[id(d)]


def _apart_in_roundup(text: str, k: Draft, d: Draft, first: dict[int, int]) -> bool:
    """Whether two acts are told in different entries of a roundup run together in one sentence."""
    ends = sorted((_trigger_at(text, k, first), _trigger_at(text, d, first)))
    return bool(_NEXT_ENTRY.search(text, ends[0], ends[1]))


def _days_of_speakers(text: str, ref: date | None) -> dict[str, date]:
    """The day each source of the text spoke, when the text gives it one day only."""
    days: dict[str, set[date]] = {}
    for m in _TOLD_BY.finditer(text):
        told = _ON_DAY.match(text, m.end())
        found = dates_from_text(told.group(0), reference=ref) if told else []
        day = found[0].date if found else None
        if day is not None and ref is not None and ref - REPORT_LAG <= day <= ref:
            days.setdefault(m.group("who").lower(), set()).add(day)
    return {who: next(iter(said)) for who, said in days.items() if len(said) == 1}


def _speakers_day(sentence: str, days: dict[str, date]) -> date | None:
    """The day the sentence's source spoke, as the text gives it elsewhere ("the ministry said")."""
    m = _TOLD_BY.search(sentence)
    return days.get(m.group("who").lower()) if m else None


def _days_told_before(
    d: Draft, at: int, drafts: list[Draft], starts: list[int], first: dict[int, int], text: str
) -> list[tuple[int, int, Draft]]:
    """The acts told with a day of their own in the sentences just before the draft's sentence ``at``
    (or in it), each at its sentence nearest the draft: an act told again further on ("... killed 29
    on Sunday. Another 14 were killed ...") is as near as that later telling."""
    found = []
    for k in drafts:
        if k is d or not k.spans or not k.date_explicit or k.precision != 1 or k.date is None:
            continue  # a day, not a month or year the neighbour only places itself in
        for span in k.spans:
            i = bisect_right(starts, span.start) - 1
            if (
                at - CONTEXT_SENTENCES <= i <= at
                and (span.start < first[id(d)] or i == at)  # its own sentence's other act too
                and "\n" not in text[min(span.start, first[id(d)]) : first[id(d)]]
                and not _apart_in_roundup(text, k, d, first)
            ):
                found.append((i, span.start, k))
    return found


def dated_by_context(drafts: list[Draft], sentences: list[Span], text: str, ref: date | None = None) -> None:
    """A report the text gives no day for, told in the same paragraph within two sentences after a
    dated report ("Gunmen stormed the base on Monday ... The militants held the town for hours."),
    happened that day, as a coder reading the story dates it; otherwise the report's day stays."""
    starts = [s.start for s in sentences]
    first = {id(k): min(s.start for s in k.spans) for k in drafts if k.spans}
    placed = [(bisect_right(starts, first[id(k)]) - 1, k) for k in drafts if k.spans]
    _own_day_over_report(placed, first)
    speakers = _days_of_speakers(text, ref)
    for at, d in placed:
        own = sentences[at].text if at >= 0 else ""
        if "date-assumed-publication" not in d.tags:
            continue
        if (counted := _counted_before(d, own, ref)) is not None:
            d.date, d.precision = counted
            d.tags.discard("date-assumed-publication")
            d.tags.add("date-from-context")
            continue
        if _ONGOING.search(own) or _ENTRY.match(own):
            continue
        earlier = _days_told_before(d, at, drafts, starts, first, text)
        spoke = _speakers_day(own, speakers)
        if spoke is not None:  # its own source's day beats a neighbour's that is only another's report day
            earlier = [found for found in earlier if "date-of-report" not in found[2].tags]
        if earlier:
            *_, k = max(earlier, key=lambda found: found[:2])
            d.date, d.precision = k.date, k.precision
            d.tags.discard("date-assumed-publication")
            d.tags.add("date-from-context")
        elif spoke is not None:
            # An undated act its source tells on a day the text gives ("the ministry said on Saturday"),
            # with no act of its own day told just before it: the report's day, as ACLED dates an event
            # told without one.
            d.date, d.precision = spoke, 2
            d.tags.discard("date-assumed-publication")
            d.tags.add("date-from-context")
