"""Count words and figures as ACLED codes them: "at least 25" = 25, "between 10 and 15" = 10, "a dozen" = 12.

Vague quantities follow ACLED's coding practice: "a few", "several", "some", "many" = 3; "tens of" = 10;
"a dozen"/"dozens" = 12; "scores" = 20; "hundreds" = 100; "thousands" = 1000.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
VAGUE = {
    "a few": 3, "a handful of": 3, "several": 3, "some": 3, "many": 3, "multiple": 3, "a number of": 3,
    "numerous": 3, "a dozen": 12, "dozens of": 12, "dozens": 12, "scores of": 20, "scores": 20, "tens of": 10,
    "hundreds of": 100, "hundreds": 100, "thousands of": 1000, "thousands": 1000,
}  # fmt: skip

WORD_NUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)(?:\s+hundred)?"
)
VAGUE_WORDS = (
    r"a\s+few|a\s+handful\s+of|several|some|many|multiple|a\s+number\s+of|numerous|a\s+dozen|dozens(?:\s+of)?|"
    r"scores(?:\s+of)?|tens\s+of|hundreds(?:\s+of)?|thousands(?:\s+of)?"
)
QUALIFIER = (
    r"(?:at\s+least|more\s+than|over|up\s+to|as\s+many\s+as|about|around|nearly|almost|some|roughly|"
    r"approximately|an\s+estimated|a\s+total\s+of|at\s+most|fewer\s+than|less\s+than|between)"
)
NUMBER = (
    rf"(?:(?:{QUALIFIER}\s+)?(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{WORD_NUM})"
    rf"(?:\s*(?:-|–|or|to|and)\s*(?:\d+|{WORD_NUM}))?|(?:{QUALIFIER}\s+(?=an?\s+dozen|dozens|scores|hundreds))?(?:{VAGUE_WORDS}))"
)


# A number that is a day of a date or a clock time: "7 Aug 2013 ...", "0147 PM".
NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|[ap]\.?m\b|gmt\b|hrs\b|local\s+time)",
    re.I,
)


# "12-11-2019", "11/2019", and a day glued to its year after its month ("Jul 172015", "Oct. 082017").
IN_NUMERIC_DATE = re.compile(
    r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}[-/.](?:19|20)\d\d\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:19|20)\d\d\b",
    re.I,
)


def number_from_phrase(phrase: str) -> tuple[int, bool] | None:
    """The conservative integer a count phrase stands for, and whether it was vague."""
    p = re.sub(r"\s+", " ", phrase.strip().lower())
    # "about a dozen", "more than dozens": the qualifier leaves the vague word's conservative figure
    p = re.sub(rf"^{QUALIFIER}\s+(?=an?\s+dozen|dozens|scores|hundreds)", "", p)
    if p in ("the", "his", "her", "their", "its", "another", "him", ""):
        return 1, False  # one person named: "killed the police chief", a headline's "kills ex-soldier"
    if p == "none":
        return 0, False
    for vague, value in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        if p == vague or (p.startswith(vague + " ") and not re.search(r"\d", p)):
            if vague == "some" and len(p) > 4:
                break  # "some 40": a qualifier, handled below
            return value, True
    p = re.sub(rf"^{QUALIFIER}\s+", "", p)
    first = re.split(r"\s*(?:–|\bor\b|\bto\b|\band\b)\s*|(?<=\d)\s*-\s*", p)[0]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", first):
        return int(first.replace(",", "")), False
    words = _words_to_int(first)
    return (words, False) if words is not None else None


def _words_to_int(words: str) -> int | None:
    total = 0
    hundred = False
    for word in re.split(r"[\s-]+", words):
        if word in UNITS:
            total += UNITS[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
            hundred = True
        else:
            return None
    return total if total or words in ("zero", "no") or hundred else (0 if words == "zero" else None)


def split_evenly(total: int, parts: int) -> list[int]:
    """ACLED's split of a figure reported for several events without a breakdown.

    Equal shares; what does not divide goes one each to the first events
    ("25 over 3 locations" = 9, 8, 8), so the shares always add up to the total.
    """
    if parts < 1:
        raise ValueError(f"cannot split a figure over {parts} events")
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]
