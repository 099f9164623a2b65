"""The gate between a trigger and a draft: whether a clause's act is an ACLED event at all.

An act is set aside when it is not asserted (negated, threatened, future, hypothetical), is a
claim of responsibility or a recalled one, or has an ordinary, non-political cause (crime, an
arrest for a crime, collateral damage, one side's plan rather than an agreement).
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from geoevents.events.causes import cause_words
from geoevents.events.clause_triggers import weak_verb
from geoevents.events.nonpolitical import (
    CRIME_LOOKALIKES,
    collateral_damage,
    crime_story,
    mourning_only,
    no_event_reason,
    ordinary_arrest,
    quiet_story,
    release_sought,
    unarmed,
)
from geoevents.events.protests import commemoration
from geoevents.events.realis import (
    asserted,
    claimed,
    defined,
    denied_after,
    earlier_year,
    future_time,
    named_by_act,
    ongoing,
    recalled,
    remembered,
)
from geoevents.events.summaries import cue, reaction, running_toll
from geoevents.events.triggers import Trigger


class Story:
    """An article's text, judged on first need (most articles never ask): crime story, local news;
    and its year of publication, against which a year the text names is history."""

    def __init__(self, text: str, year: int | None = None) -> None:
        self.text = text
        self.year = year  # the year of publication, when known

    @cached_property
    def crime(self) -> bool:
        return crime_story(self.text)

    @cached_property
    def quiet(self) -> bool:
        return quiet_story(self.text)


# "X and Y agreed to ..." or "X agreed with Y to ...": two parties, which an agreement needs.
_PARTIES_JOINED = re.compile(r"\w\s+(?:and|&)\s+(?:the\s+)?\w", re.IGNORECASE)


def _two_parties(clause: str, m: re.Match[str]) -> bool:
    return bool(re.search(r"(?i)\bwith\b", m.group(0)) or _PARTIES_JOINED.search(clause[: m.start()]))


# A device named as what an act destroyed, not as its means (a vehicle that struck a mine is the blast).
_DEVICES = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})
_DEVICE_TAKEN = re.compile(
    r"\bdestroy(?:ed|ing)\s+(?:[\w'’,-]+\s+){0,8}?(?:and\s+)?(?:an?\s+|\d+\s+|two\s+|three\s+|"
    r"several\s+)?(?:[\w'’-]+\s+)?$",
    re.IGNORECASE,
)
# A device listed among arms seized or found ("seized an arsenal of rifles, ... 13 hand grenades"): the
# haul, not the weapon's use; no verb of use stands between.
_ARMS_HAUL = re.compile(
    r"\b(?:seiz(?:ed|ing|ure)|confiscat(?:ed|ing|ion)|recover(?:ed|ing)|discover(?:ed|ing)|arsenal|cache|"
    r"stockpile|haul)\b(?![^.;]*\b(?:threw|thrown|hurled|lobbed|detonat\w*|explod\w*|blew|set\s+off)\b)[^.;]*$",
    re.IGNORECASE,
)
# An agreement named as what someone joined or acted under, not one made in the report.
_UNDER_AGREEMENT = re.compile(
    r"\b(?:joined|signed\s+up\s+to|part\s+of|terms\s+of|members?\s+of)\s+"
    r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _defined_in_sentence(sentence: str, m: re.Match[str], at: int) -> bool:
    """Whether the sentence, up to the trigger at ``at``, is a definition of a tactic its earlier clause
    opened (the trigger's clause not the sentence's first)."""
    return at - m.start() > 0 and defined(sentence, at)


def _in_sentence(sentence: str | None, clause: str, m: re.Match[str]) -> int | None:
    """Where the trigger ``m`` of ``clause`` stands in its sentence, when the sentence holds the clause."""
    at = sentence.find(clause) if sentence is not None else -1
    return None if at < 0 else at + m.start()


def _after_clause(sentence: str, clause: str, m: re.Match[str], at: int) -> str:
    """The sentence after the clause whose trigger ``m`` stands at ``at`` of it."""
    return sentence[at - m.start() + len(clause) :]


def _told_in_earlier_year(
    clause: str, m: re.Match[str], year: int, sentence: str | None, at: int | None
) -> bool:
    """Whether the act is told in a year before publication, in its own clause or as what came "before"
    an act the next clause dates to such a year ("fought them before joining the army in 2006")."""
    if earlier_year(clause, m.start(), year):
        return True
    if at is None or sentence is None:
        return False
    tail = _after_clause(sentence, clause, m, at)
    return bool(re.match(r"\W*before\b", tail, re.I)) and earlier_year(sentence, at, year)


# The next clause opens on a past year the act is counted from: "... killed in its strikes | since 2014".
_SINCE_YEAR = re.compile(r"\W*since\s+(?:early\s+|late\s+|mid-?)?(?:[a-z]+\s+)?(?:19|20)\d\d\b", re.I)


def _summed_since_year(clause: str, m: re.Match[str], sentence: str | None, at: int | None) -> bool:
    """Whether the clause's act is a sum over the years since one the next clause names."""
    if at is None or sentence is None:
        return False
    return bool(_SINCE_YEAR.match(_after_clause(sentence, clause, m, at)))


@lru_cache(maxsize=1)
def _spell_before() -> re.Pattern[str]:
    """The stretch of time a trigger ending the text fills: "weeks of fighting", "months of shelling"."""
    return re.compile(rf"(?:{cue('spell').pattern})\s+of\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+$", re.IGNORECASE)


def rejection(
    clause: str,
    trigger: Trigger,
    m: re.Match[str],
    *,
    story: Story | None = None,
    sentence: str | None = None,
) -> str | None:
    """Why a clause's trigger is not an event (realis or an ordinary, non-political cause), or None.

    ``story``: the article's text, judged once whether it reads as ordinary crime or local news.
    """
    if weak_verb(clause, m):
        return "weak-verb"
    if not asserted(clause, m.start()):
        return "not-asserted"
    at = _in_sentence(sentence, clause, m)  # where the trigger stands in its sentence, found once
    if sentence is not None and at is not None and future_time(sentence, at):
        return "not-asserted"  # "would ... | after the government takes the city", split into clauses
    if claimed(clause, m.start()):
        return "claim"
    if named_by_act(clause, m):
        return "background"  # "the executed man had been convicted of ...": the act is told elsewhere
    if defined(clause, m.start()) or (
        sentence is not None and at is not None and _defined_in_sentence(sentence, m, at)
    ):
        return "background"
    if story and story.year and _told_in_earlier_year(clause, m, story.year, sentence, at):
        return "background"  # "fought them again in 2008", told in a later year's news
    if sentence is not None and denied_after(sentence, clause, m.end()):
        return "not-asserted"
    if reaction(clause, m.start()):
        return "claim"  # "condemned the attack": a reaction to an event told elsewhere
    summed = running_toll(clause, sentence)
    if summed and not (summed == "since" and trigger.sub_event_type == "Armed clash"):
        # "since Tuesday, strikes have killed 66" sums many strikes; a battle fought since Tuesday is one
        return "pattern"
    if ongoing(clause, m.start()) or _summed_since_year(clause, m, sentence, at):
        return "pattern"
    if _spell_before().search(clause[: m.end()]):
        return "pattern"  # "after weeks of intense fighting": many days of acts, none of them told
    if recalled(clause, sentence) and not commemoration(trigger, clause, m):
        return "background"
    if remembered(clause, m.start()) or (at is not None and remembered(sentence or "", at)):
        return "background"  # "a vigil two years since the attack": the vigil may be news, the attack is not
    if story is not None and trigger.sub_event_type in CRIME_LOOKALIKES and story.crime:
        return "crime"
    if trigger.sub_event_type == "Arrests" and ordinary_arrest(sentence or clause):
        return "crime"
    if trigger.sub_event_type in _DETENTIONS and _release_asked(clause, m, sentence, at):
        return "background"  # "ordered those arrested last week to be freed": the order is the news
    if trigger.sub_event_type == "Looting/property destruction":
        if collateral_damage(clause):
            return "collateral"
        if story is not None and story.crime and unarmed(clause):
            return "crime"  # "teenagers vandalised shops" in a story of youth crime
    if trigger.sub_event_type in _DEVICES and (
        _DEVICE_TAKEN.search(clause[: m.start()]) or _ARMS_HAUL.search(clause[: m.start()])
    ):
        return "object"  # "destroyed 13 positions and two car bombs": the device is what the act hit
    if trigger.sub_event_type == "Agreement" and _UNDER_AGREEMENT.search(clause[: m.start()]):
        return "background"  # "a fighter who had joined the reconciliation agreement": no new agreement
    if trigger.sub_event_type == "Agreement" and not trigger.nominal and not _two_parties(clause, m):
        return "not-asserted"  # "the government agreed to deploy troops": one side's plan, not an agreement
    if trigger.sub_event_type == "Peaceful protest" and mourning_only(sentence or clause, m.group(0)):
        return "background"  # "residents marked two years since the attack with a vigil": remembrance
    if trigger.sub_event_type == "Mob violence":
        return None  # a crowd punishing an alleged crime is mob violence, not the crime
    loose = trigger.generic is not None or trigger.sub_event_type == "Armed clash"
    reason = no_event_reason(clause, loose, m, sentence=sentence)
    if reason is None and story is not None and trigger.generic is not None and story.quiet:
        return "crime"  # a killing or shooting told with no armed actor or political side at all
    return reason


_DETENTIONS = frozenset({"Arrests", "Abduction/forced disappearance"})
# A detention with an occasion of its own ("when it stormed the headquarters", "a week ago") is news.
_OCCASION_TOLD = re.compile(r"\b(?:ago|when|during)\b", re.IGNORECASE)


def _release_asked(clause: str, m: re.Match[str], sentence: str | None, at: int | None) -> bool:
    """Whether a detention, with no day or occasion of its own, names the people whose release is sought."""
    if _DATED.search(clause) or _OCCASION_TOLD.search(clause[m.end() :]):
        return False
    if sentence is None or at is None:
        return release_sought(clause, m.start(), m.end())
    return release_sought(sentence, at, at + len(m.group(0)))


# A clause told as what led to the sentence's act: "..., after the killing of a protester", "..., after a
# youth was stabbed". The cause is reported for context; where it is news, the article tells it apart.
_AFTER_CAUSE = re.compile(rf"\W*{cause_words('after')}\s", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?$", re.I)
# "agreed a truce, ending three days of clashes": the fighting a settlement ended, told as its spell.
_SPELL_ENDED = re.compile(
    r"\b(?:end(?:ing|ed|s)?|halt(?:ing|ed)?|end\s+to)\s+(?:the\s+)?(?:\w+|\d+)\s+(?:days?|weeks?|months?|years?)"
    r"\s+of\s+(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)


def opens_on_cause(clause: str) -> bool:
    """Whether a clause opens on "after" or "following": what it tells led to the sentence's act."""
    return bool(_AFTER_CAUSE.match(clause))


def told_as_cause(clause: str, trigger: Trigger, m: re.Match[str], first_kind: str | None) -> bool:
    """Whether a later clause's act is the background of the sentence's first, typed act: a nominal or
    passive act after "after" (no doer, no day of its own), or the spell of fighting an act ended."""
    if first_kind is None:
        return False
    if _SPELL_ENDED.search(clause[: m.start()]):
        return True
    if not opens_on_cause(clause) or _DATED.search(clause):
        return False
    return trigger.nominal or bool(_PASSIVE_BEFORE.search(clause[: m.start()]))


_DATED = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|overnight|\d{1,2}\s+[a-z]{3,9}|"
    r"[a-z]{3,9}\s+\d{1,2}\b)",
    re.IGNORECASE,
)
