"""Fatalities and injuries from text, by ACLED's conventions.

The most conservative figure is taken: "at least 25" = 25, "more than 50" = 50, "between 10 and 15" = 10;
groups are summed ("24 civilians, 24 fighters and 25 militiamen" = 73); of two exact figures in one clause
the larger is the whole it reports.
Vague quantities follow ACLED's coding practice: "a few", "several", "some", "many" = 3; "tens of" = 10;
"a dozen"/"dozens" = 12; "scores" = 20; "hundreds" = 100; "thousands" = 1000. "killed a US contractor" = 1.
"No one was hurt" is a count of zero, not a negation of the event. Vague figures are marked so that merging
can prefer an exact figure from another report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from geoevents.events.numbers import (
    IN_NUMERIC_DATE,
    NOT_A_COUNT_AFTER,
    NUMBER,
    QUALIFIER,
    VAGUE_WORDS,
    WORD_NUM,
    number_from_phrase,
)
from geoevents.events.numbers import split_evenly as split_evenly  # where callers import it from
from geoevents.events.prefilter import Gate
from geoevents.events.tollforms import (
    A_BODY,
    ALONG_WITH,
    ANOTHER_AFTER,
    ANOTHER_BEFORE,
    ATTACKERS,
    BODIES,
    BURNED_ALIVE,
    DEATHS_OF,
    FIELD,
    INJURIES_TO,
    KILLING_HIM,
    NAMED_GROUP,
    OBJECT_TO_DEATH,
    ONE_BARE,
    ONE_MORE,
    ONE_NAMED,
    ONE_OF_THEM,
    SELF,
    SELF_AND,
    THE_ONE,
    all_aboard,
    group_of_them,
    is_part,
    is_year,
    refers_back,
    tally_spans,
    war_tolls,
    whole_of,
    without_asides,
    without_attacker,
    zero_of,
)

# Up to six words of who was hit: "US civilian contractor", "members of Kataib Hezbollah".
_WHO_WORD = (
    r"(?!\d|(?:but|while|killing|wounding|injuring|leaving|including)\b|(?:and|or)\s+(?:\d|an?\b|the\b|"
    rf"{WORD_NUM}\b|{VAGUE_WORDS}|{QUALIFIER}\s|\w+(?:ed|ing|en)\b|dead\b|hurt\b|left\b))[\w’'\-]+\s+"
)
# "70 regime and rebel fighters": one group; "three soldiers and a child": two, summed elsewhere; a longer
# group is told by its members' origin: "60 fighters from the former republics of the Caucasus were killed".
_WHO = rf"(?:{_WHO_WORD}){{0,6}}?(?:(?:from|of)\s+(?:{_WHO_WORD}){{1,8}}?)?"
_DEATH_WORDS = [
    "killed", "dead", "died", "slain", "murdered", "executed", "killing", "deaths", "fatalities", "fatality",
    "martyrs", "martyred",
]  # fmt: skip
# A killing told by how it was done: "hacked to death", "stoned to death", "lynched".
_TO_DEATH = (
    r"(?:hacked|stabbed|beaten|beat|stoned|burned|burnt|bludgeoned|clubbed|tortured|trampled)\s+to\s+death"
)
_DEATH = (
    "(?:"
    + "|".join([*_DEATH_WORDS, "bodies", "lives", "perished", r"shot\s+dead", _TO_DEATH, "lynched"])
    + ")"
)
_HURT = r"(?:wounded|injured|hurt|wounding|injuring|injuries|injury|casualties)"
# How the victim was hit before the verb that counts: "were shot and killed", "was stabbed and wounded".
_HOW = r"(?:(?:shot|stabbed|beaten|attacked|hit)\s+and\s+)?"

_AFTER_VERB = re.compile(
    rf"\b(?P<verb>{_TO_DEATH}|lynch(?:ed|es|ing)?|fatally\s+(?:shot|shooting|stabbed|stabbing|wounded|wounding)|shot\s+dead|shoots?\s+dead|gunned\s+down|shot\s+and\s+killed|killing|killed|kills|kill|executed|executing|executes|beheaded|murdered|massacred|slaughtered|assassinated|wounding|wounded|injuring|injured|left|leaving)(?:\s+and\s+(?:publicly\s+)?(?:crucified|beheaded|burned|burnt|hanged|mutilated|buried))?\s+(?:another\s+)?(?P<num>{NUMBER}|an?(?!\s+(?:total|number|dozen|handful|few|lot)\b))\b(?!\s*(?:%|km|kilomet|mile|metre|meter|hour|minute|day|week|month|year|time|rocket|missile|shell|mortar))",
    re.I,
)
_BEFORE_VERB = re.compile(
    rf"\b(?P<num>{NUMBER}|(?<=\band\s)an?(?!\s+(?:total|number|dozen|handful|few|lot)\b))\s+{_WHO}(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|been)\s+)?(?:reported\s+|confirmed\s+|also\s+)?{_HOW}(?P<verb>{_DEATH}|{_HURT})\b",
    re.I,
)
# One victim told in the singular: "a civilian was killed by gunmen", "an officer has been wounded".
_SINGULAR = re.compile(
    r"\b(?P<num>an?)\s+(?:(?!(?:said|says|told|which|that|and|or|but|while|had|have|were)\b)[\w’'\-]+\s+){1,5}?"
    r"(?:was|has\s+been)\s+(?:reportedly\s+|also\s+)?"
    rf"{_HOW}(?P<verb>{_DEATH}|{_HURT})\b",
    re.I,
)
# "claimed the lives of 30 militants", "cost the lives of 12 soldiers"
_LIVES = re.compile(
    rf"\b(?P<verb>claimed|cost|took)\s+the\s+lives\s+of\s+(?P<num>{NUMBER}|an?(?=\s+[a-z]))", re.I
)
_TOLL = re.compile(
    rf"\b(?P<verb>death\s+toll|toll)\s+(?:\w+\s+){{0,12}}?(?:to|at|of|was|is|reached|stood\s+at|rose\s+to|rises\s+to|climbed\s+to)\s+(?P<num>{NUMBER})",
    re.I,
)
_NONE = re.compile(
    r"\b(?:no\s+one|nobody|none|no\s+(?:one\s+)?(?:casualties|injuries|deaths|fatalities))\b(?:\s+(?:was|were|has\s+been|had\s+been))?\s*(?P<verb>killed|hurt|injured|wounded|harmed|reported)?",
    re.I,
)
# "25 people, including seven women and a child, were killed": the whole before its parts.
_INCLUDING = re.compile(
    rf"\b(?P<num>{NUMBER})\s+(?:[\w’'\-]+\s+){{0,3}}?[\w’'\-]+,?\s+(?:including|among\s+them)\s+[^.;:]{{1,80}}?,?\s+"
    rf"(?:were|was|have\s+been|had\s+been)\s+(?:reportedly\s+|also\s+)?(?P<verb>{_DEATH}|{_HURT})\b",
    re.I,
)
_ELLIPSIS = re.compile(
    rf"\band\s+(?P<num>{NUMBER})\s+(?:(?:others?|more|people)\s+)?(?P<verb>{_HURT}|{_DEATH})\b", re.I
)


@dataclass(frozen=True, slots=True)
class Casualties:
    fatalities: int | None = None
    injuries: int | None = None
    fatalities_vague: bool = False
    injuries_vague: bool = False

    @property
    def any(self) -> bool:
        return self.fatalities is not None or self.injuries is not None


_MORE = re.compile(
    rf"\s+{_WHO}[\w’'\-]+\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?P<num>{NUMBER}|an?(?=\s+[a-z]))"
    rf"(?!\s+(?:of|among)\s+(?:them|whom|those)\b)"  # "nine men, eight of them rebels": a part
    rf"(?=\s+(?!{_WHO}(?:were|was|said|says|told|reported|added|stated|according)\b))",
    re.I,
)
# A group listed before the one a verb counts: "24 civilians, 24 fighters and [25 militiamen were killed]".
_EARLIER = re.compile(
    rf"(?P<num>\b(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{WORD_NUM}))\s+(?:[\w’'\-]+\s+){{0,2}}?[a-z][\w’'\-]*"
    rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)$",
    re.I,
)


def _more_victims(tail: str) -> int:
    """Victims listed after the first group: "wounding four troops, two policemen and a child" adds 3;
    a vague group adds ACLED's figure for its word ("five officers and about a dozen militants": 17)."""
    total, at = 0, 0
    while m := _MORE.match(tail, at):
        parsed = number_from_phrase(m.group("num"))
        groups = tail[m.start() : m.start("num")]
        if not parsed or re.search(rf"\b(?:{_DEATH}|{_HURT})\b", groups, re.I):
            break  # "left four dead and ten wounded": another category, not more of the dead
        total, at = total + parsed[0], m.end()
    return total


def _earlier_victims(head: str) -> int:
    """Victims listed before the group a verb counts: "24 civilians, 24 fighters and 25 ..." adds 48."""
    total, end = 0, len(head)
    while m := _EARLIER.search(head, 0, end):
        parsed = number_from_phrase(m.group("num"))
        if (
            not parsed
            or parsed[1]
            or re.search(rf"\d|\b(?:{_DEATH}|{_HURT})\b", m.group(0)[len(m.group("num")) :], re.I)
            or NOT_A_COUNT_AFTER.match(head, m.end("num"))
            or re.match(rf"\s+(?:{_DEATH}|{_HURT})\b", head[m.end("num") :], re.I)  # "5 killed and 17 hurt"
        ):
            break
        total, end = total + parsed[0], m.start()
    return total


def _scan(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of a count pattern; after a date's year ("30 Sep 2014 eight people were killed") the scan
    goes on right after it, so the real figure is still read."""
    found, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        found.append(m)
        dated = (
            re.fullmatch(r"(?:19|20)\d\d|0\d+|\d+[-/.]\d+", m.group("num"))
            or NOT_A_COUNT_AFTER.match(text, m.end("num"))
            or IN_NUMERIC_DATE.search(text, max(0, m.start("num") - 6), m.end("num") + 6)
        )
        pos = m.end("num") if dated and m.end("num") < m.end() else m.end()
    return found


def _category(verb: str) -> str:
    return "injuries" if re.match(_HURT, verb.lower()) else "fatalities"


_LEFT_WHAT = re.compile(
    rf"\s*(?:(?!(?:without|with|in|at|on|of|from|after|homeless|behind)\b)[\w’'\-]+\s+){{0,10}}?"
    rf"(?P<what>{_DEATH}|{_HURT})\b",
    re.I,
)


def _figure_of(m: re.Match[str], text: str) -> tuple[str, int, bool] | None:
    """(category, value, vague) of one count match; None for a loose or unreadable one."""
    verb = (m.group("verb") or m.groupdict().get("died") or "").lower()
    if verb in ("left", "leaving"):
        # "left four dead", "left four policemen and about a dozen militants dead": the first word of
        # death or hurt after the groups says which the figure counts
        told = _LEFT_WHAT.match(text, m.end())
        if told is None:
            return None
        verb = "wounded" if re.fullmatch(_HURT, told.group("what"), re.I) else "dead"
    if "toll" in verb:
        verb = "dead"
    if verb == "casualties":
        return None  # "casualties" mixes dead and wounded: too loose to code
    them = m.group("num").lower() == "them"
    parsed = group_of_them(text, m.start("num")) if them else number_from_phrase(m.group("num"))
    at = m.start("num")
    if parsed is None or is_year(text, at, parsed[0]) or NOT_A_COUNT_AFTER.match(text, m.end("num")):
        return None
    near = IN_NUMERIC_DATE.search(text, max(0, m.start("num") - 6), m.end("num") + 6)
    if re.fullmatch(r"0\d+", m.group("num")) or (near and near.start() <= m.start("num") < near.end()):
        return None  # "0147": a clock time; "12-11-2019": a date
    if is_part(text, m):
        whole = whole_of(text, m)
        return (_category(verb), whole, False) if whole is not None else None
    if refers_back(text, m):
        return _category(verb), parsed[0], True  # a part of a toll given elsewhere: that toll wins
    return _category(verb), parsed[0], parsed[1]


# The count patterns, in the order their figures are read (an earlier figure's words are not read again).
_COUNTS = (
    FIELD,
    _INCLUDING,
    _BEFORE_VERB,
    _AFTER_VERB,
    _TOLL,
    _ELLIPSIS,
    _SINGULAR,
    _LIVES,
    OBJECT_TO_DEATH,
    BURNED_ALIVE,
    BODIES,
    A_BODY,
    ONE_NAMED,
    ONE_BARE,
    THE_ONE,
    SELF_AND,
    ANOTHER_AFTER,
    ANOTHER_BEFORE,
    KILLING_HIM,
    DEATHS_OF,
    INJURIES_TO,
)


@lru_cache(maxsize=1)
def _count_gate() -> Gate:
    """The count patterns' required words: a clause without "killed" or "dead" is not read for a toll."""
    return Gate(_COUNTS)


def _attackers_dead(text: str, m: re.Match[str], pattern: re.Pattern[str]) -> bool:
    """Whether a figure counts the attackers' dead told apart from their victims' ("killing 3 soldiers,
    officials say 4 attackers died"): not a list's next group, nor the attackers as a verb's subject
    ("two gunmen killed five people")."""
    if pattern not in (_BEFORE_VERB, _AFTER_VERB) or not ATTACKERS.match(text, m.end("num")):
        return False
    if re.search(r"(?:,|\band|\bor|\bwith)\s*(?:the\s+)?$", text[: m.start("num")], re.I):
        return False
    if pattern is _BEFORE_VERB:
        passive = re.search(r"\b(?:were|was|been)\s", m.group(0), re.I)
        return bool(passive) or m.group("verb").lower() in ("died", "dead", "perished")
    return True


def _listed_beside(text: str, m: re.Match[str], pattern: re.Pattern[str], exact: bool) -> int:
    """The victims a text lists beside a figure's own group, counted with it: the attacker of "killing
    himself and two guards", the groups after "killing four troops, two policemen and a child" or before
    "24 civilians, 24 fighters and 25 militiamen were killed", the one of "ten policemen and their driver"."""
    added = 1 if pattern is SELF_AND else 0  # the attacker, whom ACLED counts among the dead
    if pattern in (_AFTER_VERB, _LIVES, ONE_NAMED, SELF_AND, DEATHS_OF, INJURIES_TO) and exact:
        added += _more_victims(text[m.end() :])
    if pattern is _BEFORE_VERB and not re.match(r"a\s+total\s+of\b", m.group("num"), re.I):
        # "five officers and a dozen militants": 17, vague; "...and at least 20 militants": 25, each group's
        # lower bound summed; "a total of 25" is the whole, not one more group
        added += _earlier_victims(text[: m.start()])
    if pattern is _BEFORE_VERB and ONE_MORE.search(text, m.end("num"), m.start("verb")):
        added += 1  # one more, told in the singular
    if pattern is _BEFORE_VERB and exact and (along := ALONG_WITH.match(text, m.end())):
        parsed = number_from_phrase(along.group("num"))  # "29 rebels were killed along with six militants"
        added += parsed[0] if parsed and not parsed[1] else 0
    return added


def casualties_from_text(text: str) -> Casualties:
    """Fatalities and injuries stated in one clause or sentence (None where not stated)."""
    text = without_asides(text)  # "Three medics - volunteers of a charity - were killed": one clause
    if (rest_of := without_attacker(text)) is not None:
        # "left one officer dead before police killed the gunman": the victims' toll and the attacker
        rest = casualties_from_text(rest_of)
        if rest.fatalities is None:
            return replace(rest, fatalities=1, fatalities_vague=True)  # the attacker alone: a toll of one
        if not rest.fatalities_vague:
            return replace(rest, fatalities=rest.fatalities + 1)
    found: dict[str, tuple[int, bool]] = {}

    def keep(category: str, value: int, vague: bool) -> None:
        old = found.get(category)
        # Within one clause an exact figure beats a vague one, and the larger of two exact ones is the
        # whole the clause reports: the smaller counts a part or a side act ("shelling killed 31 people
        # after militants killed a captured pilot"); between vague words the smaller is the cautious one.
        larger = old is not None and (value > old[0] if not vague else value < old[0])
        if old is None or (old[1] and not vague) or (old[1] == vague and larger):
            found[category] = (value, vague)

    nones = list(_NONE.finditer(text))
    read: list[tuple[int, int]] = []
    attackers: list[tuple[int, int, bool]] = []  # the attackers' dead, told apart from their victims'
    victims: list[int] = []  # where the other figures of the dead start
    wars = war_tolls(text) + tally_spans(text)  # a war's toll so far, a tally past the act
    for m in nones:
        for category in zero_of(m):
            keep(category, 0, False)
    for pattern, possible in zip(_COUNTS, _count_gate().open(text), strict=True):
        if not possible:
            continue  # the clause lacks every word a match of the pattern needs
        for m in _scan(pattern, text):
            if (
                (pattern is not FIELD and any(n.start() <= m.start("num") < n.end() for n in nones))
                or any(s < m.start("num") < e for s, e in read)
                or any(s <= m.start("num") < e for s, e in wars)  # a war's toll so far, not the event's
            ):
                continue  # "no one was hurt": the "one" of a statement that none was; a range's bound
            read.append(m.span("num"))
            figure = _figure_of(m, text)
            if figure is None:
                continue
            category, value, vague = figure
            exact = not vague or refers_back(text, m)
            if category == "fatalities" and _attackers_dead(text, m, pattern):
                attackers.append((m.start("num"), value, vague))
                continue
            if category == "fatalities" and NAMED_GROUP.match(text, m.end("num")):
                victims.append(m.start("num"))  # "killing six" may count the attackers themselves
            if pattern in (ONE_NAMED, ONE_BARE, THE_ONE) or ONE_OF_THEM.match(m.group("num")):
                vague = True  # one person named, maybe one of a toll the text gives: that toll wins
            keep(category, value + _listed_beside(text, m, pattern, exact), vague)
            # "Several members ... were killed and wounded": the same vague figure for both; an exact one
            # ("49 fighters were killed and wounded") counts both together, too loose to code.
            if pattern is _BEFORE_VERB and re.match(rf"\s+and\s+{_HURT}", text[m.end() :], re.I):
                if not vague:
                    found.pop(category, None)
                    continue
                keep("injuries", value, vague)
    for at, value, vague in attackers:
        if any(v < at for v in victims) and "fatalities" in found and not vague:
            # "killing 3 soldiers, the army said 4 attackers died": the attackers' dead beside the
            # victims', a toll of both sides as ACLED counts it, not a rival figure for the same dead
            found["fatalities"] = (found["fatalities"][0] + value, found["fatalities"][1])
        else:
            keep("fatalities", value, vague)
    if "fatalities" not in found and (aboard := all_aboard(text)) is not None:
        found["fatalities"] = aboard
    if SELF.search(text) and not SELF_AND.search(text):
        value, vague = found.get("fatalities", (0, False))
        found["fatalities"] = (value + 1, vague)  # the bomber, whom ACLED counts among the dead
    f, i = found.get("fatalities"), found.get("injuries")
    return Casualties(
        fatalities=f[0] if f else None,
        injuries=i[0] if i else None,
        fatalities_vague=bool(f and f[1]),
        injuries_vague=bool(i and i[1]),
    )


def loose_toll(clauses: list[str]) -> Casualties | None:
    """The toll of a sentence's clauses that name no act ("...; at least 14 people were killed"), or None."""
    told = [found for text in clauses if (found := casualties_from_text(text)).any]
    return told[0] if len(told) == 1 else None


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """A figure the text gives for one place ("killing 15 in Mosul"), not for the whole event."""

    place: int  # index into the places searched
    category: str  # "fatalities" or "injuries"
    value: int
    vague: bool


_LOCATIVE = (
    r"(?:in|at|near|inside|outside|around)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|province|district|region|area|outskirts)\s+of\s+(?:the\s+)?)?"
)
# Between a figure and its place: a few words of who ("15 people", "two soldiers were"), then a locative.
_FIGURE_TO_PLACE = re.compile(
    rf"\s+(?:(?!(?:and|or|but|while|killing|wounding|injuring)\b)[\w’'\-]+\s+){{0,4}}?{_LOCATIVE}", re.I
)
# A place opening the text or a clause after ";", then a comma: "In Mosul, four people were killed".
_PLACE_OPENING = re.compile(rf"(?:^|[;:]\s*|\.\s+)\W*{_LOCATIVE}$", re.I)
# A further figure of the same kind after another: "... and 10 in Aleppo", ", including 10 in Aleppo".
_FURTHER = re.compile(
    rf"(?:,\s*|\s+and\s+|;\s*)(?:including\s+|among\s+them\s+|another\s+)?(?P<num>{NUMBER})\s+(?:(?:more|others?|people|[\w’'\-]+)\s+)?"
    rf"{_LOCATIVE}$",
    re.I,
)


def counts_at_places(text: str, places: list[tuple[int, int]]) -> list[PlaceCount]:
    """Figures that ``text`` ties to one of ``places`` (offsets into ``text``), left to right.

    "killing 15 in Mosul and 10 in Aleppo" gives 15 for Mosul and 10 for Aleppo;
    "15 people in Mosul were killed" and "In Mosul, 15 people were killed" give
    15 for Mosul. A toll after a list of places ("hit Mosul and Aleppo, killing
    25") belongs to no single place and gives nothing.
    """
    found: dict[tuple[int, str], PlaceCount] = {}
    figures: list[tuple[int, str]] = []  # (end, category) of every figure, located or not
    ordered = sorted(range(len(places)), key=lambda i: places[i][0])

    def tie(index: int, category: str, value: int, vague: bool) -> None:
        found.setdefault((index, category), PlaceCount(index, category, value, vague))

    for pattern in (_BEFORE_VERB, _AFTER_VERB):
        for m in pattern.finditer(text):
            figure = _figure_of(m, text)
            if figure is None:
                continue
            figures.append((m.end(), figure[0]))
            for i in ordered:
                start, end = places[i]
                after = _FIGURE_TO_PLACE.fullmatch(text, m.end(), start) if start >= m.end() else None
                inside = (
                    pattern is _BEFORE_VERB
                    and m.end("num") <= start < m.start("verb")
                    and _FIGURE_TO_PLACE.fullmatch(text, m.end("num"), start)
                )
                opening = (
                    pattern is _BEFORE_VERB
                    and end <= m.start()
                    and re.fullmatch(r"\s*,\s*", text[end : m.start()])
                    and _PLACE_OPENING.search(text[:start])
                )
                if after or inside or opening:
                    tie(i, *figure)
                    break
    # Figures without a verb of their own, chained after another: the same kind of figure.
    for i in ordered:
        further = _FURTHER.search(text, 0, places[i][0])
        if further is None:
            continue
        earlier = [f for f in figures if f[0] <= further.start()]
        parsed = number_from_phrase(further.group("num"))
        if earlier and parsed is not None:
            tie(i, max(earlier)[1], parsed[0], parsed[1])
            figures.append((further.end(), max(earlier)[1]))
    return sorted(found.values(), key=lambda c: (places[c.place][0], c.category))


# Who a toll counts when it counts everyone hit: "12 people", "30 persons" ("civilians" are a group).
_EVERYONE = re.compile(r"\b(?:people|persons|individuals|victims)\b", re.I)
# A figure of more dead beside the first, not a part of it: "six others were killed".
_BESIDE = re.compile(r"\b(?:others?|more|another|further)\b", re.I)


def whole_over_part(larger: tuple[int, str], smaller: tuple[int, str]) -> bool:
    """Whether of two exact tolls one article gives for one event, the smaller counts a part of the
    larger: the larger's sentence counts everyone hit ("killed 12 people") and the smaller's one group
    only ("three soldiers died"). Two counts of everyone are rival estimates: ACLED's lower one stands.
    Each is (value, the sentence that gives it)."""
    big, small = (_toll_noun(text, value) for value, text in (larger, smaller))
    if big is None or small is None or _BESIDE.match(small):
        return False
    return bool(_EVERYONE.match(big)) and not _EVERYONE.match(small)


def _toll_noun(text: str, value: int) -> str | None:
    """The word a figure of ``value`` in ``text`` counts ("soldiers" in "three Iraqi soldiers died")."""
    for pattern in (_BEFORE_VERB, _AFTER_VERB):
        for m in _scan(pattern, text):
            parsed = number_from_phrase(m.group("num"))
            if parsed is None or parsed[0] != value or parsed[1]:
                continue
            end = m.start("verb") if pattern is _BEFORE_VERB else m.end("num") + 40
            head = re.split(
                r"[,;.]|\b(?:in|at|on|near|and|of|from|by|were|was|have|has|had|been)\b",
                text[m.end("num") : end],
            )[0]
            words = re.findall(r"[A-Za-z][\w’'\-]*", head)[:3]
            return next((w for w in words if _EVERYONE.match(w)), words[-1] if words else "")
    return None
