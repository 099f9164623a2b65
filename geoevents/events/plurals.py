"""Whether a trigger reports one event or a pattern ("attacks have increased", "regularly shelled").

A habit, a trend told in the present perfect, a bare plural with no date, count or verb of its own,
or an act summing up a campaign is not one ACLED event.
"""

from __future__ import annotations

import re

from geoevents.events.datepatterns import has_year_range
from geoevents.events.dates import DateMatch

HABITUAL = re.compile(
    r"\b(?:for\s+(?:many\s+|several\s+)?(?:years|decades|months)|repeated(?:ly)?|regularly|routinely|frequently|"
    r"often|a\s+(?:campaign|history)\s+of|ha(?:s|ve)\s+long|rising|increasing(?:ly)?|"
    r"recently\s+increased|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|decades?)|in\s+the\s+past|"
    r"usually|sometimes|(?:many|several|numerous|countless)\s+times|time\s+and\s+again)\b",
    re.IGNORECASE,
)


# A trend told in the present perfect: "attacks on bases have increased", "raids have become routine".
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?(?:\w+ly\s+)?(?:increased|intensified|escalated|risen|grown|"
    r"continued|become|persisted|spread|multiplied|surged|declined|dropped|fallen|decreased|doubled|tripled|"
    r"been\s+(?:common|frequent|rare|routine|regular))\b",
    re.IGNORECASE,
)


# A past-tense verb right after the trigger, or after a short place phrase ("protesters in Basra burned").
PAST_VERB_AFTER = re.compile(
    r"^\s*(?:(?:in|at|near|outside|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:\w+ly\s+)?"
    r"(?:\w+ed|hit|struck|killed|left|fell|shot|burnt|threw|fought|stormed)\b",
    re.IGNORECASE,
)


# A finite verb of the trigger's own report further on: "clashes between the two forces broke out".
_ACT_LATER = re.compile(
    r"\b(?:broke\s+out|erupted|raged|continued|intensified|flared|took\s+place|killed|left|wounded|injured|"
    r"hit|struck|targeted|destroyed|damaged|rocked|claimed\s+(?:\w+\s+)?lives)\b",
    re.IGNORECASE,
)
# "conducted strikes", "strikes against five facilities": one operation's strikes, not a pattern of events.
_SET_OF_STRIKES = re.compile(
    r"\b(?:conducted|carried\s+out|launched|staged|mounted|unleashed)\s+(?:[\w“”\"'’-]+\s+){0,3}$", re.I
)


_COUNTED_TARGETS = re.compile(
    r"^\s*(?:against|on|at|targeting|hit(?:ting)?)\s+(?:[\w-]+\s+){0,2}?(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|multiple)\b",
    re.IGNORECASE,
)


# Wordings that tell the plural as one occasion: "destroyed by Russian airstrikes", "there were
# artillery attacks", "drew protests from residents", "targeted civilians with mortar shells".
_ONE_ACT_BEFORE = re.compile(
    r"(?:\b(?:\w+ed|hit|struck|shot|killed|wounded|destroyed|damaged)\s+(?:[\w'’-]+\s+){0,4}?(?:by|with|in|from)|"
    r"\bthere\s+(?:were|was|had\s+been|have\s+been)|\b(?:drew|sparked|triggered|prompted|provoked)|"
    r"\bwith)\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# The plural's own verb in the progressive: "clashes were continuing", "protests are under way".
_ONGOING_AFTER = re.compile(
    r"^\s*(?:(?:in|at|near|around)\s+(?:[\w'’-]+\s+){1,3}?)?(?:were|was|are|is)\s+(?:still\s+)?"
    r"(?:continuing|raging|ongoing|under\s?way|going\s+on|taking\s+place)\b",
    re.IGNORECASE,
)
# A headline's present-tense verb right after its subject: "Demonstrators throw stones at police".
_PRESENT_VERB_AFTER = re.compile(
    r"^\s*(?:(?:in|at|near|outside|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:throw|hurl|storm|torch|burn|block|"
    r"clash|attack|kill|seize|capture|hit|strike|pelt|march|rally|stage|set|loot|fire|shell|bomb|shoot|ambush|"
    r"abduct|kidnap|detain|arrest|raid|land|fall|pound|target|rock|wound|injure)s?\b",
    re.IGNORECASE,
)


# A trigger that opens on a finite past verb ("fired rockets", "shelled villages") reports an act.
_VERB_FIRST = re.compile(
    r"(?:fired|launched|lobbed|shelled|bombed|bombarded|pounded|dropped|hurled|threw|planted|detonated|"
    r"targeted|struck|hit|shot|carried\s+out|conducted)\b",
    re.IGNORECASE,
)
# One occasion named though no date can be resolved from it (a snippet with no publication date).
OCCASION = re.compile(
    r"\b(?:on|late\s+on|early\s+on|last)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?!s)|\bovernight\b|"
    r"\blast\s+night\b|\byesterday\b|\bthis\s+morning\b|\bearlier\s+today\b",
    re.IGNORECASE,
)


def generic_plural(
    clause: str,
    trigger: re.Match[str],
    dates: list[DateMatch],
    has_count: bool,
    *,
    noun: bool = True,
    headline: bool = False,
) -> bool:
    """A pattern of events ("attacks on bases have increased"), not one event.

    ``noun``: the trigger is a noun, whose bare plural may stand for a pattern ("retakes" is a verb).
    ``headline``: the sentence is a headline, whose acts are told in the present tense.
    """
    if HABITUAL.search(clause) or has_year_range(clause):
        return True
    word = trigger.group(0).lower()
    plural = noun and word.endswith("s") and not word.endswith(("ss", "us", "gas"))
    # "fired rockets at ...", "launched missiles on Sunday": a finite verb and its occasion tell one act.
    plural = plural and not _VERB_FIRST.match(word) and not OCCASION.search(clause)
    # The trigger's own verb phrase: "attacks have increased", "has carried out strikes", not a relative
    # clause further on ("strikes targeted areas held by a group that has mounted an offensive").
    window = clause[max(0, trigger.start() - 40) : trigger.end() + 30]
    perfect = bool(_PERFECT.search(window)) and not dates
    if perfect and not has_count:
        return True
    if plural and not dates and not has_count:
        before = clause[: trigger.start()]
        determined = bool(
            re.search(
                r"\b(?:the|these|those|its|their|\d+|two|three|four|five|several|twin|double|triple|"
                r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?['’]?s?|yesterday['’]?s|today['’]?s)\s+(?:\w+\s+){0,2}$",
                before,
                re.I,
            )
        )
        rest = clause[trigger.end() :]
        told = bool(_ONE_ACT_BEFORE.search(before)) or bool(_ONGOING_AFTER.match(rest))
        followed = told or bool(
            PAST_VERB_AFTER.match(rest)
            or _ACT_LATER.search(rest[:90])
            or (headline and _PRESENT_VERB_AFTER.match(rest))
        )
        return not (
            determined
            or followed
            or _SET_OF_STRIKES.search(before)
            or _COUNTED_TARGETS.match(clause[trigger.end() :])
        )
    return False


# An act told in the present perfect as part of a campaign ("have captured wide areas", "has fought
# alongside the army", "has been driven out of", "having retaken"): with no date, toll or place of its
# own, it sums up a war rather than reporting one event.
_PERFECT_ACT = re.compile(
    r"\b(?:has|have|having)\s+(?:\w+ly\s+|also\s+|all\s+|since\s+|now\s+|already\s+){0,2}(?:been\s+)?"
    r"(?:\w+ed|fought|taken|retaken|driven|beaten|hit|struck|shot|seized|won|lost|overrun|under\s+(?:attack|fire))\b",
    re.IGNORECASE,
)


def campaign_summary(clause: str, trigger: re.Match[str]) -> bool:
    """Whether the trigger's own verb phrase is a present perfect of the campaign kind (see above);
    the caller checks that the clause gives no date, toll or place of its own."""
    window = clause[max(0, trigger.start() - 45) : trigger.end() + 25]
    return bool(_PERFECT_ACT.search(window)) and not _RECENT.search(clause)


# Words that make a present perfect news of the last days: "in recent days", "this week", "overnight".
_RECENT = re.compile(
    r"\b(?:in\s+(?:recent|the\s+(?:past|last))\s+(?:few\s+|two\s+|three\s+)?(?:days|hours)|this\s+week|"
    r"overnight|earlier\s+today|today|tonight|hours\s+ago|just\s+now)\b",
    re.IGNORECASE,
)
