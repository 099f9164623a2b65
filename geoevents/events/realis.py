"""Realis: whether a trigger reports an event that happened, and one event rather than a pattern.

Triggers under a threat, denial, condition, future, opinion or habit are not
events; nor are labour strikes, accidental explosions or traffic accidents.
"""

from __future__ import annotations

import re

from geoevents.events.dates import DateMatch, has_year_range

# Words that put the trigger out of the real: threats, denials, conditions, futures, opinions.
_GOVERNING = re.compile(
    r"\b(?:threat(?:en|ens|ened|ening)?|warn(?:s|ed|ing)?|vow(?:s|ed)?|pledg\w*|promis\w*|den(?:y|ied|ies|ying)|"
    r"accus\w*|alleg\w*|blam\w*|rumou?r\w*|unconfirmed|call(?:s|ed)?\s+for|urg(?:e|es|ed)|demand\w*|if|unless|"
    r"whether|in\s+case|lest|risk\s+of|fears?\s+(?:of|that)|feared|plan(?:s|ned)?\s+to|planned|plot\w*|"
    r"conspir\w*|encourag\w*|incit\w*|intend\w*|prepar\w*\s+to|charg\w*\s+with|convict\w*\s+of|guilty\s+(?:of|to)|"
    r"charges?\s+of|indict\w*|on\s+suspicion\s+of|"
    r"aim(?:s|ed)?\s+to|seek\w*\s+to|tr(?:y|ied|ies)\s+to|attempt\w*\s+to|prevent\w*|deter\w*|avoid\w*|"
    r"believe\w*|think\w*|thought|guess|suppose\w*|expect\w*|hope\w*|possible|potential|hypothetical|"
    r"any|future|further|additional|must|should|committed\s+to|ready\s+to|capable\s+of|ability\s+to)\b",
    re.IGNORECASE,
)


_MODAL_NEAR = re.compile(
    r"\b(?:will|would|could|might|may|shall|can|cannot|won't|wouldn't|going\s+to|about\s+to|set\s+to|to\s+be|"
    r"to\s+(?:carry\s+out|conduct|launch|stage|commit|execute|mount|perpetrate))\s+"
    r"(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


_NEGATION_NEAR = re.compile(
    r"\b(?:not|never|no(?!\s+one\b)|nor|n't|without|neither|ruled\s+out)\s+(?:\w+\s+){0,3}$", re.IGNORECASE
)


HABITUAL = re.compile(
    r"\b(?:for\s+(?:many\s+|several\s+)?(?:years|decades|months)|repeated(?:ly)?|regularly|routinely|frequently|"
    r"often|a\s+(?:series|string|wave|spate|campaign|history)\s+of|ha(?:s|ve)\s+long|rising|increasing(?:ly)?|"
    r"recently\s+increased|over\s+the\s+(?:past|last)|in\s+the\s+past|usually|sometimes)\b",
    re.IGNORECASE,
)


_PERFECT = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?(?:\w+ly\s+)?\w+(?:ed|en|ck|uck|ht)\b", re.I
)


# A past-tense verb right after the trigger, or after a short place phrase ("protesters in Basra burned").
PAST_VERB_AFTER = re.compile(
    r"^\s*(?:(?:in|at|near|outside|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:\w+ly\s+)?"
    r"(?:\w+ed|hit|struck|killed|left|fell|shot|burnt|threw|fought|stormed)\b",
    re.IGNORECASE,
)


# Strikes by workers, accidents and traffic: the words of violence without political violence.
_LABOUR_STRIKE = re.compile(
    r"\b(?:hunger|general|labou?r|workers['’]?|national|nationwide|teachers['’]?|doctors['’]?|nurses['’]?|rail|"
    r"transport|union|(?:\w+|\d+)-(?:hour|day|week))\s+$",
    re.IGNORECASE,
)


_LABOUR_AFTER = re.compile(
    r"^\s*(?:(?:by|at|of)\s+(?:\w+\s+){0,4}?(?:workers|staff|employees|unions?|airports?|factories|schools)|"
    r"(?:\w+\s+){0,8}?(?:called\s+by|over\s+(?:pay|wages|pensions|conditions)))\b",
    re.IGNORECASE,
)


_ACCIDENT_BEFORE = re.compile(
    r"\b(?:gas|boiler|cylinder|industrial|factory|mine|mining|firework|fireworks|pipeline|transformer|"
    r"accidental|kitchen|dust)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


_TRAFFIC_AFTER = re.compile(
    r"^\s*by\s+(?:a|an|the)\s+(?:\w+\s+)?(?:car|vehicle|truck|lorry|bus|train|tram|motorbike|motorcycle|van|"
    r"lightning|wave)\b",
    re.IGNORECASE,
)


def not_political(clause: str, trigger: re.Match[str]) -> bool:
    """A labour strike, an accidental explosion or a traffic accident, not political violence."""
    word = trigger.group(0).lower()
    before, after = clause[: trigger.start()], clause[trigger.end() :]
    if re.fullmatch(r"strikes?", word) and (_LABOUR_STRIKE.search(before) or _LABOUR_AFTER.match(after)):
        return True
    if re.search(r"explo|blast", word) and (
        _ACCIDENT_BEFORE.search(before) or re.search(r"gas\s+leak", after, re.I)
    ):
        return True
    if word == "executed" and re.match(
        r"\s*(?:an?|the)\s+(?:\w+\s+)?(?:warrant|order|plan|contract|deal|will)\b", after, re.I
    ):
        return True
    return word in ("hit", "struck") and bool(_TRAFFIC_AFTER.match(after))


def asserted(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is reported as having happened."""
    before = clause[:start]
    if _GOVERNING.search(before) or _MODAL_NEAR.search(before) or _NEGATION_NEAR.search(before):
        return False
    return not re.match(r"\s*(?:will|would|could|might|may|must|should)\b", clause[start:])


# "conducted strikes", "strikes against five facilities": one operation's strikes, not a pattern of events.
_SET_OF_STRIKES = re.compile(
    r"\b(?:conducted|carried\s+out|launched|staged|mounted|unleashed)\s+(?:[\w“”\"'’-]+\s+){0,3}$", re.I
)


_COUNTED_TARGETS = re.compile(
    r"^\s*(?:against|on|at|targeting|hit(?:ting)?)\s+(?:[\w-]+\s+){0,2}?(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|multiple)\b",
    re.IGNORECASE,
)


def generic_plural(clause: str, trigger: re.Match[str], dates: list[DateMatch], has_count: bool) -> bool:
    """A pattern of events ("attacks on bases have increased"), not one event."""
    if HABITUAL.search(clause) or has_year_range(clause):
        return True
    word = trigger.group(0).lower()
    plural = word.endswith("s") and not word.endswith(("ss", "us"))
    perfect = bool(_PERFECT.search(clause)) and not dates
    if perfect and not has_count:
        return True
    if plural and not dates and not has_count:
        before = clause[: trigger.start()]
        determined = bool(
            re.search(
                r"\b(?:the|these|those|its|their|\d+|two|three|four|five|several)\s+(?:\w+\s+){0,2}$",
                before,
                re.I,
            )
        )
        followed = bool(PAST_VERB_AFTER.match(clause[trigger.end() :]))
        return not (
            determined
            or followed
            or _SET_OF_STRIKES.search(before)
            or _COUNTED_TARGETS.match(clause[trigger.end() :])
        )
    return False
