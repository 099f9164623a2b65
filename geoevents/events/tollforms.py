"""Ways a text tells a toll beyond "N were killed": the victim before "to death", the bodies found, one
person named, an attacker among the dead, a coder's field, everyone on board; and what is no event's
toll: the war's toll so far, a tally past the act, a count replaced, a date's year, a part of a toll
told elsewhere or in the same clause."""

from __future__ import annotations

import re

from geoevents.events.datafiles import data_words
from geoevents.events.numbers import NUMBER, WORD_NUM, number_from_phrase

# The victim between the verb and "to death": "beat a man to death", "stabbed two guards to death",
# "burned two men alive", "beat him to death"; or after "burned alive": "burned alive a farmer".
OBJECT_TO_DEATH = re.compile(
    r"\b(?:hacked|stabbed|beat|beaten|stoned|burned|burnt|bludgeoned|clubbed|tortured|trampled|kicked)\s+"
    rf"(?P<num>{NUMBER}|an?|him|her|them)\s+(?:[\w’'\-]+\s+){{0,4}}?(?P<verb>to\s+death|alive)\b",
    re.I,
)
BURNED_ALIVE = re.compile(rf"\b(?P<verb>(?:burned|burnt)\s+alive)\s+(?P<num>{NUMBER}|an?(?=\s+[a-z]))", re.I)
# The group a "them" stands for: "caught two suspected thieves and beat them to death" -> "two".
_GROUP_BEFORE = re.compile(rf"\b(?P<num>{NUMBER})\s+(?:[\w’'\-]+\s+){{0,3}}?[a-z][\w’'\-]*s\b", re.I)


def group_of_them(text: str, at: int) -> tuple[int, bool] | None:
    """The last plural group counted before a "them" in its sentence, as (value, vague), or None."""
    start = max(text.rfind(". ", 0, at), text.rfind(";", 0, at)) + 1
    last = None
    for m in _GROUP_BEFORE.finditer(text, start, at):
        last = m
    return number_from_phrase(last.group("num")) if last else None


# A coder's field: "Fatalities: 3", "injuries = 12", "Fatalities: none".
FIELD = re.compile(r"\b(?P<verb>fatalities|deaths|injuries)\s*[:=]\s*(?P<num>\d+|none|no|zero)\b", re.I)
# The dead found: "the bodies of two shepherds were found", "the body of a man was dumped".
BODIES = re.compile(
    rf"\b(?P<verb>bod(?:y|ies))\s+of\s+(?P<num>{NUMBER}|an?(?=\s+[a-z]))(?=[^.;]*?\b(?:found|discovered|"
    r"recovered|retrieved|dumped|pulled|lying|left)\b)",
    re.I,
)
# One body found, told without whose: "a body was found in the canal", "a headless body was dumped".
A_BODY = re.compile(
    r"\b(?P<num>an?)\s+(?:[\w-]+\s+)?(?P<verb>body)\s+(?:(?:was|has\s+been|had\s+been|is)\s+)(?:\w+\s+)?"
    r"(?:found|discovered|recovered|retrieved|dumped|pulled|left)\b",
    re.I,
)
# One person named in the singular: "killed the police chief", "shot dead his brother" (vocabulary below).
PERSONS = "|".join(data_words("persons.txt"))
ONE_NAMED = re.compile(
    r"\b(?P<verb>killed|killing|kills|murdered|assassinated|executed|beheaded|shot\s+dead|gunned\s+down|fatally\s+shot|"
    r"wounding|wounded|injuring|injured)\s+"
    rf"(?P<num>the|his|her|their|its)(?=\s+(?:[\w’'\-]+\s+){{0,3}}?(?:{PERSONS})\b(?![\w’'\-]))",
    re.I,
)
# One person a headline names without a determiner: "Gunmen shoot dead ex-soldier", "Militia kills
# village chief", "Policeman fatally shoots ambassador". The figure is the one person (an empty match).
ONE_BARE = re.compile(
    r"(?<!were\s)(?<!was\s)(?<!been\s)(?<!also\s)"  # "fighters were killed, said the head": no headline
    r"\b(?P<verb>kills?|killed|shoots?\s+dead|shot\s+dead|fatally\s+(?:shoots|shot|stabs|stabbed)|"
    r"behead(?:s|ed)?|execut(?:es|ed|e)|assassinat(?:es|ed|e)|murder(?:s|ed)?|lynch(?:es|ed)?)\s+"
    r"(?P<num>)(?!(?:the|his|her|their|its|an?)\s)(?=(?:(?!(?:in|at|on|near|by|and|as|after|said|says|told)\b)[\w’'\-]+\s+){0,2}?(?:ex-)?"
    rf"(?:{PERSONS})\b"
    r"(?![\w’'\-]))",
    re.I,
)
# One person told with "the" and a later death: "the pilot was arrested and later killed", "the
# woman succumbed to her wounds".
THE_ONE = re.compile(
    rf"\b(?P<num>the)\s+(?:[\w’'\-]+\s+){{0,2}}?(?:{PERSONS})\s+(?:(?:was|has\s+been|had\s+been)\s+"
    r"(?:(?!not\b|never\b)[\w’'\-]+\s+){0,6}?(?P<verb>killed|shot\s+dead|executed|murdered)|"
    r"(?:later\s+)?(?P<died>died|succumbed))\b",
    re.I,
)


# An attacker among the dead a text lists: "killing five soldiers and himself", "killing herself".
SELF = re.compile(r"\b(?:killing|killed|kills)\s+(?:himself|herself)\b|\band\s+(?:himself|herself)\b", re.I)
SELF_AND = re.compile(
    rf"\b(?P<verb>killing|killed|kills)\s+(?:himself|herself)\s+(?:and|as\s+well\s+as|along\s+with)\s+"
    rf"(?P<num>{NUMBER}|an?(?=\s+[a-z]))",
    re.I,
)

# The attacker killed beside the victims a clause counts: "before police shot and killed the gunman", "the
# assailant was shot dead". ACLED counts the attacker among the event's dead.
_ATTACKER = (
    r"(?:the|an?)\s+(?:lone\s+|suspected\s+|armed\s+)?(?:attacker|gunman|assailant|shooter|bomber|stabber)"
)
_ATTACKER_KILLED = re.compile(
    r"(?<!including\s)(?<!among\s)"
    rf"(?:\b(?:killed|killing|shot\s+dead|shooting\s+dead|shot\s+and\s+killed|gunned\s+down)\s+{_ATTACKER}\b"
    rf"|\b{_ATTACKER}\s+(?:was|had\s+been)\s+(?:also\s+|later\s+)?(?:killed|shot\s+dead|gunned\s+down)\b)",
    re.I,
)


def without_attacker(text: str) -> str | None:
    """The text with the attacker's killing blanked out, to read the victims' toll; None if none told."""
    m = _ATTACKER_KILLED.search(text)
    return None if m is None else text[: m.start()] + " " * len(m.group(0)) + text[m.end() :]


def attacker_killed_at(text: str) -> int | None:
    """Where ``text`` tells the attacker's killing ("police shot and killed the gunman"), else None."""
    m = _ATTACKER_KILLED.search(text)
    return None if m is None else m.start()


# One more victim named in the singular after a counted group: "and their driver", "along with his son".
ONE_MORE = re.compile(
    rf"\b(?:and|along\s+with|as\s+well\s+as)\s+(?:their|his|her|its)\s+(?:[\w’'\-]+\s+)?(?:{PERSONS})\b(?![\w’'\-])",
    re.I,
)
# A war's toll so far, not an event's: "over 250,000 people have died since the war began",
# "the war, which has killed 300,000". Read clause by clause (to the next full stop or semicolon).
_SO_FAR = re.compile(
    r"\b(?:ha(?:ve|s)\s+(?:now\s+|so\s+far\s+)?(?:been\s+killed|killed|died|claimed|cost)|so\s+far)\b", re.I
)
_WAR = re.compile(
    r"\b(?:conflict|war|uprising|revolution|insurgency|since\s+(?:it|the|its|(?:19|20)\d\d)|years\s+of)\b",
    re.I,
)


# "More than 200000 people have been killed": a figure no single event reaches, told in the perfect.
_TENS_OF_THOUSANDS = re.compile(r"\b\d{2,3},?\d{3}\b")


def war_tolls(text: str) -> list[tuple[int, int]]:
    """The clauses of ``text`` that give a war's toll so far."""
    spans, start = [], 0
    for piece in re.split(r"(?<=[.;])\s+", text):
        at = text.find(piece, start)
        if _SO_FAR.search(piece) and (_WAR.search(piece) or _TENS_OF_THOUSANDS.search(piece)):
            spans.append((at, at + len(piece)))
        start = at + len(piece)
    return spans


# An aside between dashes or brackets that counts no dead of its own ("Three medics - volunteers of a
# charity - were killed", "23 civilians - including nine children - and 16 fighters"): read past it.
_ASIDE = re.compile(r"(?<=\s)[-–—]\s[^-–—.;:()\d]{3,80}?\s[-–—](?=\s)|\([^().;:\d]{2,60}\)")
_ASIDE_COUNTS = re.compile(
    r"\b(?:killed|killing|dead|died|deaths?|wounded|wounding|injured|injuring|hurt|toll|lives)\b", re.I
)


def without_asides(text: str) -> str:
    """``text`` with its asides blanked out, same length: the offsets of what is left still hold."""
    return _ASIDE.sub(
        lambda m: m.group(0) if _ASIDE_COUNTS.search(m.group(0)) else " " * len(m.group(0)), text
    )


# A tally that is not the act's own toll: one that reaches past it ("bringing to 45 the number killed
# in 24 hours", "bringing the total to 45") or one that a later count replaced ("its earlier toll of 15",
# "up from an initial 5").
_TALLY = re.compile(
    r"\bbringing\s+(?:(?:the|its)\s+(?:[\w-]+\s+){0,3}?(?:toll|number|tally|total|count)\s+"
    r"(?:[\w-]+\s+){0,4}?)?to\s+(?:at\s+least\s+|more\s+than\s+|some\s+)?(?P<num>\d[\d,]*|[a-z]+)\b"
    r"|\b(?:earlier|initial|previous|preliminary|first|old)\s+(?:[\w-]+\s+){0,2}?(?:death\s+)?(?:toll|tally|figure|count)\s+"
    r"(?:of|at)\s+(?:at\s+least\s+)?(?P<num2>\d[\d,]*|[a-z]+)\b"
    r"|\bup\s+from\s+(?:an?\s+|the\s+)?(?:(?:earlier|initial|previous)\s+(?:death\s+)?"
    r"(?:toll|tally|figure)\s+of\s+)?(?P<num3>\d[\d,]*|[a-z]+)\b",
    re.I,
)


def tally_spans(text: str) -> list[tuple[int, int]]:
    """The figures of ``text`` that tally more than its act or were replaced: no toll of the act."""
    return [
        m.span(group)
        for m in _TALLY.finditer(text)
        for group in ("num", "num2", "num3")
        if m.group(group) and number_from_phrase(m.group(group))
    ]


# One more victim told as "another": "killing one soldier and injuring another", "a guard was killed and
# another was wounded".
ANOTHER_AFTER = re.compile(
    r"\b(?P<verb>injuring|wounding|killing)\s+(?P<num>another)(?=\s*[,.;)]|\s+(?:and|in|at|near|on|when|while|as)\b|\s*$)",
    re.I,
)
ANOTHER_BEFORE = re.compile(
    r"\band\s+(?P<num>another)\s+(?:[\w’'\-]+\s+)?(?:was\s+|were\s+)?(?:also\s+)?(?P<verb>injured|wounded|killed|hurt)\b",
    re.I,
)
# The one victim a sentence named before: "shot a farmer, killing him", "seized a guard and executed him",
# "shot her dead".
KILLING_HIM = re.compile(
    r"\b(?P<verb>(?:killing|killed|kills|executed|executing|executes|beheaded|murdered|assassinated|lynched|"
    r"wounding|wounded|injuring|injured)(?=\s+(?:him|her)\b)|(?:shot|shooting|stabbed|stabbing|beat|beating|"
    r"hacked)(?=\s+(?:him|her)\s+(?:dead|to\s+death)\b))\s+(?P<num>him|her)\b(?!\s*self)",
    re.I,
)
# The dead and hurt told as nouns: "resulting in the deaths of 3 civilians and injuries to 4 others".
DEATHS_OF = re.compile(rf"\b(?P<verb>deaths?)\s+of\s+(?P<num>{NUMBER}|an?(?=\s+[a-z]))", re.I)
INJURIES_TO = re.compile(rf"\b(?P<verb>injur(?:y|ies))\s+(?:to|of)\s+(?P<num>{NUMBER}|an?(?=\s+[a-z]))", re.I)


# Everyone aboard: "killing all 12 on board", "all those aboard died"; the figure is the people carried.
_ALL_ABOARD = re.compile(
    rf"\b(?:killing|killed|kills|kill)\s+(?:all|everyone|everybody)\s+(?:(?P<num>{NUMBER})\s+)?(?:(?:people|"
    rf"passengers|crew(?:\s+members)?|those|persons|soldiers|troops)\s+)?(?:on\s+board|aboard)\b|"
    rf"\b(?:all|everyone)\s+(?:(?P<num2>{NUMBER})\s+)?(?:\w+\s+)?(?:on\s+board|aboard)\s+(?:were\s+)?"
    rf"(?:killed|died|perished)\b",
    re.I,
)
_CARRYING = re.compile(
    rf"\b(?:carrying|with)\s+(?P<num>{NUMBER})\s+(?:people|passengers|persons|crew(?:\s+members)?|soldiers|"
    rf"troops|servicemen|personnel)\b|\b(?P<num2>{NUMBER})\s+(?:people|passengers|crew(?:\s+members)?|"
    rf"soldiers|servicemen)\s+(?:were\s+)?(?:on\s+board|aboard)\b",
    re.I,
)


def all_aboard(text: str) -> tuple[int, bool] | None:
    """ "killing all on board": the people the text says were carried; at least one when it does not say."""
    m = _ALL_ABOARD.search(text)
    if m is None:
        return None
    for said in (
        m.group("num") or m.group("num2"),
        *(c.group("num") or c.group("num2") for c in _CARRYING.finditer(text)),
    ):
        parsed = number_from_phrase(said) if said else None
        if parsed is not None:
            return parsed
    return 1, True


_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?$", re.I
)
_YEAR_BEFORE = re.compile(r"\b(?:in|since|during|of|by|until|before|after)\s+$", re.I)


def is_year(text: str, start: int, value: int) -> bool:
    """ "30 Sep 2014 At least eight people were killed", "said in 2016 the fighter had been killed":
    the figure at ``start`` is the year of a date, not a toll."""
    return 1900 <= value <= 2100 and bool(
        _MONTH_BEFORE.search(text, max(0, start - 16), start)
        or _YEAR_BEFORE.search(text, max(0, start - 8), start)
    )


def refers_back(text: str, m: re.Match[str]) -> bool:
    """Whether a figure counts a part of the dead a text counts elsewhere (see below)."""
    start = m.start("num")
    before = _REFERS_BACK_BEFORE.search(text, max(0, start - 40), start)
    return bool(_REFERS_BACK_AFTER.match(text, m.end("num")) or before)


# A figure for a part of the dead a text counts elsewhere: "10 of those killed were civilians", "three
# children were among the dead", "the dead included two medics", "two more died in hospital".
_REFERS_BACK_AFTER = re.compile(
    r"\s+(?:[\w’'\-]+\s+){0,5}?(?:of|among)\s+(?:the|those)\s+(?:(?:people|persons)\s+)?"
    r"(?:dead|killed|victims|wounded|injured|casualties)\b"
    r"|\s+more\b(?!\s+than)",  # "three more died": dead added to a toll told before
    re.I,
)
_REFERS_BACK_BEFORE = re.compile(
    r"\b(?:the\s+(?:dead|victims|casualties)|those\s+killed)\s+(?:included|include|were)\s+(?:at\s+least\s+)?$"
    r"|(?:^|[.;:]\s*)of\s+the\s+(?:at\s+least\s+)?$",  # "Of the 45 killed, 17 died in ...": told before
    re.I,
)


# A figure that is part of another: "15 people, including 3 children, were killed", "2 medics among 31 dead".
_PART_BEFORE = re.compile(
    r"\b(?:including|among\s+them|of\s+them|of\s+whom|among\s+whom|among\s+the\s+dead)\W*$", re.I
)
_PART_AFTER = re.compile(r"\s+(?:[\w’'\-]+\s+){0,2}?(?:among|of)\s+(?:the\s+)?(?:at\s+least\s+)?\d", re.I)


def is_part(text: str, m: re.Match[str]) -> bool:
    start = m.start("num")
    return bool(_PART_BEFORE.search(text, max(0, start - 30), start)) or bool(
        _PART_AFTER.match(text, m.end("num"))
    )


_WHOLE_BEFORE = re.compile(
    rf"(?P<num>\b(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{WORD_NUM}))\s+(?:[\w’'\-]+\s+){{0,3}}?(?:including|among\s+them)\W*$",
    re.I,
)
_WHOLE_AFTER = re.compile(
    r"\s+(?:[\w’'\-]+\s+){0,2}?(?:among|of)\s+(?:the\s+)?(?:at\s+least\s+)?(?P<num>\d+)", re.I
)


def whole_of(text: str, m: re.Match[str]) -> int | None:
    """The figure a part belongs to: "15 people including three children" -> 15."""
    start = m.start("num")
    found = _WHOLE_BEFORE.search(text, max(0, start - 80), start) or _WHOLE_AFTER.match(text, m.end("num"))
    parsed = number_from_phrase(found.group("num")) if found else None
    return parsed[0] if parsed and not parsed[1] else None


# A figure that counts the attackers' side: "4 attackers died", "killing two of the gunmen".
ATTACKERS = re.compile(
    r"\s+(?:of\s+the\s+)?(?:[\w’'\-]+\s+){0,2}?(?:attackers?|assailants?|gunm[ae]n|raiders|(?:suicide\s+)?bombers?)\b",
    re.I,
)


# A figure that names whom it counts: "5 officers", "two Kurdish fighters", "30 people".
NAMED_GROUP = re.compile(r"\s+(?:[\w’'\-]+\s+){0,2}?[a-z][\w’'\-]*(?:s|men|people)\b")


def zero_of(m: re.Match[str]) -> tuple[str, ...]:
    """What a statement that none was hurt counts as zero: "no one was killed" the dead, "no injuries"
    the wounded, "no one was hurt" and "no casualties" both."""
    verb = (m.group("verb") or "").lower()
    token = m.group(0).lower()
    if verb == "killed" or "deaths" in token or "fatalities" in token:
        return ("fatalities",)
    if verb in ("wounded", "injured") or "injuries" in token:
        return ("injuries",)
    if verb in ("hurt", "harmed") or "casualties" in token:
        return ("fatalities", "injuries")
    return ()


# The dead of another group the same verb counts, told after it: "were killed along with six militants".
ALONG_WITH = re.compile(
    rf",?\s+(?:along\s+with|together\s+with|as\s+well\s+as|alongside)\s+(?P<num>{NUMBER})"
    r"(?=\s+(?:[\w’'\-]+\s+){0,3}?[a-z][\w’'\-]*(?:s|men|people)\b)",
    re.I,
)
# "killing at least one teacher": a lone person counted with a floor, most often one of a toll told elsewhere.
ONE_OF_THEM = re.compile(r"(?:at\s+least|not\s+least)\s+(?:one|a|an)\b", re.I)
