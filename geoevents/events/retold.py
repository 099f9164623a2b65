"""Second folding of one article's reports: the same act told twice that the day-by-day folding keeps apart.

``consolidate`` folds reports of one day that agree on kind, actors and place. Three retellings escape
it, and each is folded here only where the place agrees and no report says it is another event:

- a report the text does not date (its day assumed from publication) of the kind of a report dated by
  the text within ``ASSUMED_SLACK_DAYS`` of it;
- a lead or headline and a body report giving the same toll, whichever sides each sentence's words
  seem to name (the headline's "kill 50 fighters" and the body's "most of the 50 fighters killed");
- remote violence worded only as "bombardment" or "bombing" and the air or shelling attack of that
  place and day;
- a later sentence that refers back to an act already reported ("the attack left one dead", "a monitor
  also reported the incident"), folded into an earlier report of a compatible kind, day and place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geoevents.events.coref import (
    absorb,
    actors_compatible,
    affinity,
    drafts_compatible,
    may_join,
    same_type,
    sites_agree,
    towns,
    types_compatible,
)
from geoevents.events.datafiles import data_rows
from geoevents.events.draft import Draft
from geoevents.events.taxonomy import EXPLOSIONS
from geoevents.settings import Settings

ASSUMED = "date-assumed-publication"
ASSUMED_SLACK_DAYS = 2  # a report undated by its text, told beside a report of the act's own day
_REMOTE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


@lru_cache(maxsize=1)
def _unspecified() -> re.Pattern[str]:
    rows = data_rows(None, "unspecified_weapons.tsv", ("pattern",))
    return re.compile("|".join(f"(?:{row['pattern']})" for _where, row in rows), re.IGNORECASE)


@lru_cache(maxsize=1)
def _retelling_cues() -> re.Pattern[str]:
    rows = data_rows(None, "retelling_cues.tsv", ("pattern",))
    return re.compile("|".join(f"(?:{row['pattern']})" for _where, row in rows), re.IGNORECASE)


def _restates(k: Draft, d: Draft) -> bool:
    """Whether the later report ``d`` refers back to the act ``k`` reports ("the attack, which killed
    ..."): a retelling cue opens its sentence, its kind fits, and its day is ``k``'s (or untold)."""
    if d.order <= k.order or not d.spans:
        return False
    if not _retelling_cues().search(d.spans[0].text):
        return False
    gap = abs((k.date - d.date).days)  # type: ignore[operator]
    return gap <= (ASSUMED_SLACK_DAYS if ASSUMED in d.tags else 0) and _same_actor1(k, d) and _same_hit(k, d)


def _same_hit(a: Draft, b: Draft) -> bool:
    """Two reports naming different sides hit are two acts ("Front A" and "Front B"), civilians aside;
    a retelling's clause may name the act's reply ("police shot the attacker"), so the doers may swap."""
    if not (a.actor2 and b.actor2) or a.actor2 == b.actor2:
        return True
    return "Civilians" in a.actor2 + b.actor2


def unspecified_weapon(d: Draft) -> bool:
    """Whether a draft's remote violence is told only by words that name no weapon ("bombardment")."""
    words = _unspecified()
    return bool(d.trigger_texts) and all(words.fullmatch(t.strip()) for t in d.trigger_texts)


def _kinds_agree(a: Draft, b: Draft) -> bool:
    if a.sub_event_type and b.sub_event_type and same_type(a, b):
        return True
    if not (a.sub_event_type and b.sub_event_type):
        return types_compatible(a, b)
    remote = {a.sub_event_type, b.sub_event_type} <= _REMOTE and a.family == b.family == EXPLOSIONS
    return remote and (unspecified_weapon(a) or unspecified_weapon(b))


def _toll_told(lead: Draft, body: Draft) -> bool:
    """Whether the body's toll is a figure the lead's own sentence gives ("kill 50" and "the 50 killed")."""
    if body.fatalities is None or body.fatalities[0] <= 0 or lead.order != 0:
        return False
    figure = re.compile(rf"(?<![\d.,]){body.fatalities[0]}(?![\d.,]\d)")
    return any(figure.search(s.text) for s in lead.spans)


def _same_actor1(a: Draft, b: Draft) -> bool:
    return not (a.actor1 and b.actor1 and a.actor1 != b.actor1)


def _places_apart(a: Draft, b: Draft) -> bool:
    """Two reports at towns of their own that share none: two events, however alike."""
    ours, theirs = towns(a), towns(b)
    return bool(ours and theirs and not ours & theirs)


def _fits(k: Draft, d: Draft, settings: Settings) -> tuple[bool, bool]:
    """Whether ``d`` folds into ``k``, and whether it does so by a toll the lead gives."""
    if k is d or k.date is None or d.date is None or not may_join(k, d) or "another-event" in k.tags:
        return False, False
    undated = (ASSUMED in d.tags) != (ASSUMED in k.tags)
    gap = abs((k.date - d.date).days)
    kin = _kinds_agree(k, d) or (k.family is not None and k.family == d.family)
    if _restates(k, d) and kin and sites_agree(k, d, settings.merge_distance_km):
        return not _places_apart(k, d), _toll_told(k, d)  # the lead's whole toll, told again in part
    if gap > (ASSUMED_SLACK_DAYS if undated else 0):
        return False, False
    if undated and ASSUMED in k.tags and not (k.sub_event_type and same_type(k, d)):
        return False, False  # an undated lead takes the day of a body report of its own kind only
    if not _kinds_agree(k, d) or not sites_agree(k, d, settings.merge_distance_km) or _places_apart(k, d):
        return False, False
    if not undated and not (unspecified_weapon(k) or unspecified_weapon(d)):
        return False, False  # same-day reports of one kind were weighed by ``consolidate`` already
    # one toll given twice outweighs the sides a passive "were killed" seems to name; a figure the lead
    # gives among others ("50 fighters and eight civilians") holds only where the doers agree
    by_toll = _toll_told(k, d) and (k.fatalities == d.fatalities or _same_actor1(k, d))
    return by_toll or actors_compatible(k, d), by_toll


def _month_retellings_folded(drafts: list[Draft], settings: Settings) -> list[Draft]:
    """A typed report dated only to a month or coarser ("a bomb that failed to go off in November") of the
    kind, sides and place of a report dated to a day of that month tells that act again: it folds into
    the day's report, whose day, toll and sites stand (the vaguer telling adds its words only)."""
    kept = list(drafts)
    for d in sorted(drafts, key=lambda k: -k.precision):
        if d.precision < 3 or d.sub_event_type is None or d.date is None:
            continue
        days = [k for k in kept if k is not d and k.precision == 1 and may_join(k, d)]
        days = [k for k in days if drafts_compatible(k, d, settings.merge_distance_km)]
        if days:
            into = max(days, key=lambda k: (affinity(k, d), -k.order))
            toll, sites = into.fatalities, list(into.sites)
            absorb(into, d)
            into.fatalities = toll if toll is not None else into.fatalities
            into.sites = sites or into.sites
            kept.remove(d)
    return kept


def retellings_folded(drafts: list[Draft], settings: Settings) -> list[Draft]:
    """The article's drafts with each retelling of an act folded into the report of it told first."""
    kept: list[Draft] = []
    for d in sorted(_month_retellings_folded(drafts, settings), key=lambda x: x.order):
        fits = [(k, by_toll) for k in kept for ok, by_toll in [_fits(k, d, settings)] if ok]
        if not fits:
            kept.append(d)
            continue
        into, by_toll = max(fits, key=lambda f: (affinity(f[0], d), -abs(f[0].order - d.order)))
        toll, date_, precision = into.fatalities, into.date, into.precision
        into_assumed = ASSUMED in into.tags
        weapon_named = unspecified_weapon(into) and not unspecified_weapon(d)
        absorb(into, d)
        if weapon_named and d.sub_event_type:
            into.sub_event_type = d.sub_event_type  # the report that names the weapon types the act
        if by_toll:
            into.fatalities = toll  # the lead's whole toll, of which the body tells a part
        if into_assumed and ASSUMED not in d.tags:
            into.date, into.precision = d.date, d.precision  # the text's day, not the publication's
        else:
            into.date, into.precision = date_, precision
        if not (into_assumed and ASSUMED in d.tags):
            into.tags.discard(ASSUMED)  # one of the two reports is dated by the text
    return [d for d in kept if not _second_source_only(d, kept)]


# "A monitor also reported the incident, putting the toll at 13": a second source on an act told before.
_ALSO_REPORTED = re.compile(
    r"\balso\s+(?:reported|confirmed|described)\s+the\s+(?:[a-z-]+\s+){0,2}incident\b", re.I
)


def _second_source_only(d: Draft, kept: list[Draft]) -> bool:
    """An untyped toll told only as a second source's account of "the incident", with no report of the
    act before it in the text (an excerpt that begins after the act was told): no act to code."""
    if d.sub_event_type is not None or d.family is not None or len(d.spans) != 1:
        return False
    earlier = any(k.order < d.order for k in kept)
    return not earlier and bool(_ALSO_REPORTED.search(d.spans[0].text))
