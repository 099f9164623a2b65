"""Realis: whether a trigger reports an event that happened, rather than one threatened, denied,
hypothetical, claimed or recalled as history.

Whether an event is a pattern rather than one occasion is judged in ``plurals``; whether its cause is
political at all, in ``nonpolitical``.
"""

from __future__ import annotations

import re
from datetime import date

from geoevents.events.datepatterns import MONTHS

# Re-exported for callers that import them from here.
from geoevents.events.plurals import OCCASION, PAST_VERB_AFTER, campaign_summary, generic_plural
from geoevents.events.summaries import cue, kinded_cues

__all__ = [
    "OCCASION",
    "PAST_VERB_AFTER",
    "asserted",
    "campaign_summary",
    "claimed",
    "defined",
    "denied_after",
    "earlier_year",
    "future_time",
    "generic_plural",
    "named_by_act",
    "ongoing",
    "recalled",
    "remembered",
]


def _governing() -> re.Pattern[str]:
    """Words that put the trigger after them out of the real: threats, denials, conditions, futures,
    opinions (``data/realis.tsv``)."""
    return kinded_cues("realis.tsv", _REALIS_KINDS)["governing"]


_REALIS_KINDS = ("governing", "person")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|its|their|his|her)\s+$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"[a-z]+ed|slain", re.IGNORECASE)


def named_by_act(clause: str, m: re.Match[str]) -> bool:
    """Whether a participle trigger names the people of an act told elsewhere ("the executed man had been
    convicted of ...", "the abducted girls were freed"): a reference, not a report of the act."""
    if not (_PARTICIPLE.fullmatch(m.group(0)) and _DETERMINER_BEFORE.search(clause[: m.start()])):
        return False
    person = kinded_cues("realis.tsv", _REALIS_KINDS)["person"]
    return (
        person.match(clause, m.end() + (len(clause[m.end() :]) - len(clause[m.end() :].lstrip()))) is not None
    )


_MODAL_NEAR = re.compile(
    r"\b(?:will|would|could|might|may|shall|can|cannot|won't|wouldn't|going\s+to|about\s+to|set\s+to|to\s+be|"
    r"to\s+(?:carry\s+out|conduct|launch|stage|commit|execute|mount|perpetrate))\s+"
    r"(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
# "unions called a nationwide sit-in", "calling a three-day strike": a call for an act, not the act.
_CALLED_NEAR = re.compile(r"\bcall(?:s|ed|ing)?\s+(?:a|an)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


_NEGATION_NEAR = re.compile(
    r"\b(?:not|never|no(?!\s+one\b)|nor|n't|without|neither|ruled\s+out)\s+(?:\w+\s+){0,3}$", re.IGNORECASE
)
# A negative quantifier as the subject of the trigger's passive: "no one was arrested", "nobody has been
# detained", "none of the protesters were hurt". ("No one was hurt in the attack" leaves the attack asserted:
# only the participle right after the auxiliary is negated.)
_NONE_PASSIVE = re.compile(
    r"\b(?:no\s+one|nobody|no-one|none(?:\s+of\s+(?:the\s+|them\b\s*)?(?:[\w'’-]+\s+)?)?)\s*"
    r"(?:was|were|has\s+been|have\s+been|had\s+been|got|is|are|being)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
# A time clause inside a future or conditional: "the army would move in after the government takes the
# city", "talks will resume once the rebels withdraw". The present-tense verb there is not yet realised.
_FUTURE_TIME = re.compile(
    r"\b(?:will|would|'ll|shall|going\s+to)\b[^.;:]*?\b(?:after|once|when|until|till|before|as\s+soon\s+as)\s+"
    r"(?:[\w'’-]+\s+){0,5}?$",
    re.IGNORECASE,
)
_PRESENT_VERB = re.compile(
    r"[a-z]+(?<!s)s\b|(?:take|seize|capture|attack|enter|retake|fall|withdraw)\b", re.I
)


# "is not taking part in the bombing campaign", "were never involved in the attack".
_NOT_PARTY = re.compile(
    r"\b(?:not|never|no\s+longer|n't)\s+(?:\w+\s+)?(?:taking|take|took|participat\w*|involved|engaged|join\w*|"
    r"part\s+of|carrying\s+out|carried\s+out|conducting|conducted|responsible|behind)\b(?:\s+[\w'’-]+){0,5}\s+$",
    re.IGNORECASE,
)


# After the trigger: "a vigil was planned", "the march is scheduled for Friday".
_UNREALISED_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:was|were|is|are|has\s+been|have\s+been)\s+(?:being\s+)?(?:planned|scheduled|"
    r"expected|proposed|called\s+for|announced\s+for|due|set\s+to)\b",
    re.IGNORECASE,
)


# The trigger's noun phrase as the subject of a modal: "a drone strike on the camp would kill many".
_MODAL_AFTER = re.compile(
    r"^\s*(?:(?!(?:hit|struck|killed|shot|left|wounded|injured|destroyed|targeted|damaged|caused|"
    r"which|that|who|whom|where|when)\b)[\w'’-]+\s+){0,7}?(?:would|could|might)\s+\w+",
    re.IGNORECASE,
)


# A day still to come after the trigger: "a sit-in for next Thursday", "a march tomorrow".
_FUTURE_DAY_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,4}?(?:(?:for|on)\s+)?(?:tomorrow|(?:(?<!the\s)next|(?:this|the)\s+coming)\s+"
    r"(?:week|month|weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b",
    re.IGNORECASE,
)


def future_time(text: str, start: int) -> bool:
    """Whether the trigger at ``start`` is a present-tense act in a time clause under a future or
    conditional ("would ... after the government takes the city"): not yet happened."""
    return bool(_FUTURE_TIME.search(text[:start]) and _PRESENT_VERB.match(text[start:]))


def asserted(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is reported as having happened."""
    before = clause[:start]
    after = clause[start:]
    word = re.match(r"\S+", after)
    rest = after[word.end() :] if word else ""
    if _UNREALISED_AFTER.match(rest) or _MODAL_AFTER.match(rest) or _FUTURE_DAY_AFTER.match(rest):
        return False
    if _governing().search(before) or _MODAL_NEAR.search(before) or _NEGATION_NEAR.search(before):
        return False
    if _NOT_PARTY.search(before) or _CALLED_NEAR.search(before) or _NONE_PASSIVE.search(before):
        return False
    if future_time(clause, start):
        return False
    if _purpose(before, after):
        return False
    return not re.match(r"\s*(?:will|would|could|might|may|must|should)\b", clause[start:])


# "to" before the trigger states a purpose or an intention ("planned ... and then to attack a patrol",
# "sent troops to retake the town"), unless the verb before says it was done ("managed to retake").
_INFINITIVE = re.compile(r"(?:\b([a-z]+)\s+)?\bto\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_DONE_BEFORE_TO = frozenset(
    {
        "managed",
        "succeeded",
        "continued",
        "continue",
        "continues",
        "continuing",
        "began",
        "begun",
        "started",
        "proceeded",
        "went",
        "able",
        "moved",
        "rushed",
        "came",
        "back",
        "order",
    }
)


# "to" as a preposition before a noun: "subjected to enforced disappearance", "led to air strikes".
_TO_PREPOSITION = frozenset(
    {
        "subjected",
        "exposed",
        "due",
        "according",
        "led",
        "leading",
        "prior",
        "response",
        "reaction",
        "contributed",
        "owing",
        "thanks",
        "related",
        "linked",
        "similar",
        "close",
        "next",
        "return",
        "way",
    }
)
_NOT_A_BASE_VERB = re.compile(
    r"\S*(?:ed|ing|ions?|ances?|ences?|ments?|ies)\b|(?:air|drone|rocket|mortar)\b", re.I
)


def _purpose(before: str, after: str) -> bool:
    """Whether ``to`` before the trigger makes it a purpose or intention (the trigger a bare verb)."""
    m = _INFINITIVE.search(before)
    if m is None or _NOT_A_BASE_VERB.match(after):
        return False
    verb = (m.group(1) or "").lower()
    return verb not in _DONE_BEFORE_TO and verb not in _TO_PREPOSITION


# Told as history or remembrance: "forty years ago", "the anniversary of the massacre".
_RECALLED = re.compile(
    r"\b(?:(?:\w+|\d+)\s+(?:years|decades)\s+ago|anniversary|commemorat\w*|in\s+memory\s+of|"
    r"marked\s+every\s+year|remembered|since\s+(?:early\s+|late\s+|mid-?)?(?:\w+\s+)?(?:19|20)\d\d|"
    r"(?:erupted|began|started|broke\s+out)\s+in\s+(?:early\s+|late\s+)?(?:\w+\s+)?(?:19|20)\d\d|"
    r"(?:back\s+)?in\s+(?:19|20)\d\d\s*,?\s+when|back\s+in\s+(?:19|20)\d\d|"
    r"last\s+(?:fall|autumn|spring|summer|winter)|originally)\b"
    # How a war began, told as its origin: "the war that began with protests", "protests evolved into war".
    r"|\b(?:war|conflict|uprising|revolt|revolution|crisis|insurgency|rebellion)\s+(?:that\s+|which\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:began|started|erupted|broke\s+out|was\s+sparked)\s+(?:in\s+\S+\s+(?:\d{4}\s+)?)?"
    r"(?:with|as|after|by|when)\b"
    r"|\b(?:evolved|escalated|spiral(?:l)?ed|turned|developed|grew|morphed)\s+into\s+(?:an?\s+|the\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:war|conflict|insurgency|uprising|rebellion)\b",
    re.IGNORECASE,
)
# An entry of a chronology: a line opening with a bare year ("2011: in June ...", "* 2014 - troops ...").
_CHRONOLOGY = re.compile(r"^\W*(?:19|20)\d\d(?:\s*[:–—]|\s*-(?!\d))", re.IGNORECASE)
# A tactic defined in the timeless present: "this happens when a jet strikes twice", "a practice in which"...
_DEFINITION = re.compile(
    r"\b(?:(?:this|that|it)\s+(?:occurs|happens|is\s+(?:done|used|called))\s+when|"
    r"(?:tactic|practice|technique|method|strategy)\s+(?:in\s+which|whereby))\b",
    re.IGNORECASE,
)


def ongoing(clause: str, start: int) -> bool:
    """Whether the act at ``start`` is told as going on over a stretch of time ("strikes have continued
    since then", "the suburb has endured shelling this week"): a trend, each day's act reported apart."""
    near = re.match(r"\S+(?:\s+\S+){0,8}", clause[start:])  # the act's own phrase and verb, not a later one's
    return bool((near and cue("ongoing").search(near.group(0))) or cue("endured").search(clause))


# A year the act is told in: "in 2008", "in early 2014", "in March 2015".
_IN_YEAR = re.compile(
    r"\bin\s+(?:(?:early|late|mid-?)\s*)?((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
    r"((?:19|20)\d\d)\b(?!\s*[-–/]\d)",
    re.IGNORECASE,
)


_RECENT_DAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|overnight|(?:this|last)\s+week|"
    r"on\s+\d{1,2}\b)",
    re.IGNORECASE,
)


# Between the act and a year: the year is another act's ("attacked the town, which fell in 2014").
_OTHER_ACT = re.compile(r"\b(?:which|who|whom|that|where|when|since|after|before|until|while)\b", re.I)


def earlier_year(clause: str, start: int, published: int) -> bool:
    """Whether the act at ``start`` is told in a year before publication: a bare year earlier than the
    publication's ("fought them again in 2008", told in 2017), or a month of a year at least two before (a
    month of last year may be recent news). Only a year after the act, in its own words, dates it."""
    if _RECENT_DAY.search(clause):
        return False  # "captured in 2014, the town was shelled on Monday": the act has a day of its own
    after = clause[start:]
    for m in _IN_YEAR.finditer(after):
        other = _OTHER_ACT.search(after[: m.start()])
        if other and other.group(0).lower() != "before":
            return False  # "before" an act of a past year puts this act earlier still
        year = int(m.group(2))
        if year < published - 1 or (year < published and not m.group(1)):
            return True
    return False


# A bare month the act is told in, with no day and no year: "in June", "in mid-August", "a mid-May raid".
_IN_MONTH = re.compile(
    r"\b(?:in\s+(?:(?:early|late)\s+|mid-?\s*)?|mid-)(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|"
    r"july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?!\.?\s*\d)",
    re.IGNORECASE,
)


def earlier_month(clause: str, start: int, published: date) -> bool:
    """Whether the act at ``start`` is told in a bare month (no day, no year) two or more months before
    the publication's ("broke into the city in June", told in October; "a mid-August bombing", told in
    October): history, not the news. A month of the year before counts back across January."""
    if _RECENT_DAY.search(clause):
        return False
    for m in _IN_MONTH.finditer(clause):
        between = clause[m.end() : start] if m.start() < start else clause[start : m.start()]
        if _OTHER_ACT.search(between):
            continue  # the month is another act's ("the town, which fell in June")
        back = (published.month - MONTHS[m.group(1).lower()[:3]]) % 12
        if back >= 2:
            return True
    return False


def defined(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is part of a definition of a tactic, not a report of one act."""
    return bool(_DEFINITION.search(clause[:start]))


# A claim of responsibility names an event without reporting it.
_CLAIM_BEFORE = re.compile(
    r"\b(?:(?:claim(?:ed|s|ing)?|took|takes|admitted)\s+(?:\w+\s+)?responsibility\s+for|claim(?:ed|s|ing)?|"
    r"(?:it|they|he|she|we)\s+(?:was|were|is|are)\s+behind)\s+"
    r"(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)


# Later in the sentence, the other side denies the report: "..., a claim the army denied", "..., but
# officials reported no attack", "..., calling them fabricated" (denying a part in it is no denial).
_DENIED_AFTER = re.compile(
    r"[,;]\s*(?:(?:but|although|though|while|which|a\s+claim|claims?|reports?)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?:denied|rejected|dismissed|refuted)(?!\s+(?:any\s+|its\s+|their\s+|his\s+)?(?:involvement|responsibility|role|"
    r"part|links?|ties))|but\s+(?:[\w'’-]+\s+){0,3}?(?:reported|said|says)\s+(?:that\s+)?(?:there\s+(?:was|were)\s+)?no\b|"
    r"calling\s+(?:it|them|the\s+reports?|the\s+claims?)\s+(?:false|fabricated|baseless|lies|untrue))",
    re.IGNORECASE,
)


def denied_after(sentence: str, clause: str, end: int) -> bool:
    """Whether the sentence, after the trigger ending at ``end`` of the clause, tells that the report
    was denied or never happened."""
    at = sentence.find(clause)
    return at >= 0 and bool(_DENIED_AFTER.search(sentence[at + end :]))


# "marks one year since the attack", "two years since the massacre": the time since an event, told of it.
_TIME_SINCE = re.compile(
    r"\b(?:one|a|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|decades?)\s+since\b",
    re.IGNORECASE,
)


# The act itself named as what time is counted from: "two years since the chemical attack".
_SINCE_THE_ACT = re.compile(
    _TIME_SINCE.pattern + r"\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE
)


def remembered(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is the act a span of time is counted from (history, even when
    the clause tells of a gathering held now to mark it)."""
    return bool(_SINCE_THE_ACT.search(clause[:start]))


def recalled(clause: str, sentence: str | None = None) -> bool:
    """Whether the clause tells its event as history or remembrance (background, not news)."""
    return bool(
        _RECALLED.search(clause)
        or _CHRONOLOGY.match(clause)
        or (sentence and (_TIME_SINCE.search(sentence) or _CHRONOLOGY.match(sentence)))
    )


_DETAILS = re.compile(r"\b(?:killed|killing|wounded|injured|dead|died|\d+)\b", re.IGNORECASE)


def claimed(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is only the object of a claim of responsibility (a claim that
    reports the act's toll reports the act)."""
    return bool(_CLAIM_BEFORE.search(clause[:start])) and not _DETAILS.search(clause[start:])
