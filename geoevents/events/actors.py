"""Actors of an event row as ACLED names them: the lexicon (``actor_lexicon``), a clause's doer and
target (``actor_clauses``) and the names of the day (``actor_names``) meet here, where a row's actor1
and actor2 are settled from what its clauses named, its type, country and day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from geoevents.events.actor_clauses import (
    PASSIVE_BEFORE,
    actors_of_clause,
    phrase_end,
    resolve_anaphors,
)
from geoevents.events.actor_lexicon import (
    GENERIC,
    ActorLexicon,
    ActorMatch,
    default_actors,
)
from geoevents.events.actor_names import (
    ACLED_COUNTRY_NAMES,
    COALITION,
    COALITION_LEADS,
    COUNTRY,
    INTER_CIVILIANS,
    INTER_PROTESTERS,
    INTER_RIOTERS,
    INTER_STATE,
    SAUDI_COALITION,
    SECURITY,
    TERRORISTS,
    UNIDENTIFIED,
    UNIDENTIFIED_MILITARY,
    acled_name,
    civilians,
    country_name,
    in_country,
    is_unidentified_group,
    of_period,
    protesters,
    rioters,
    unidentified_group,
)
from geoevents.records import Place

_AIR_WORDS = re.compile(
    r"\b(?:air\s*strikes?|air\s+raids?|warplanes?|jets?|aircraft|helicopters?|air\s+force|bomb(?:ed|ing|ers)|drones?)\b",
    re.IGNORECASE,
)


def article_air_power(lexicon: ActorLexicon, text: str) -> str | None:
    """The state the article says flies its air strikes ("Syrian warplanes", "Russian air strikes"), if one
    is named most: an unattributed strike of the same article is most likely its."""
    counts: dict[str, int] = {}
    for found in lexicon.find(text):
        if (
            found.inter not in (INTER_STATE, 8)
            or COUNTRY in found.canonical
            or found.canonical in lexicon.home_by_name
        ):
            continue  # a local force's drones (the Houthis') are not the air power behind unnamed strikes
        near = text[max(0, found.start - 30) : found.end + 30]
        if _AIR_WORDS.search(near):
            counts[found.canonical] = counts.get(found.canonical, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


_CLAIM_AFTER = re.compile(
    r"\s*(?:,\s*which\s+|\s+(?:has|have|had)\s+|\s+later\s+)?(?:claimed|claims|claiming)\s+"
    r"(?:(?:responsibility|credit)\b|(?:the|an|a)\s+(?:\w+\s+){0,2}?(?:attack|bombing|blast|strike|assault|killing))",
    re.IGNORECASE,
)
_CLAIM_BEFORE = re.compile(
    r"\b(?:claimed|claimed\s+responsibility\s+for)\s+by\s+(?:the\s+)?$|"
    r"\bresponsibility\s+was\s+claimed\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "two fighters from ISIL had blown themselves up": the bombers' own group, named after the blast.
_BLEW_UP = re.compile(
    r"\s*,?\s+(?:who\s+)?(?:(?:had|have|has)\s+)?(?:blown|blew|blowing)\s+(?:themselves|himself|herself)\s+up\b",
    re.IGNORECASE,
)


# "the opposition blamed regime aircraft", "Kyiv accused Russian forces of the strike", "the blast was
# blamed on Al Shabaab": the one the text holds to account for an act it names no doer for.
_BLAME_BEFORE = re.compile(
    r"\b(?:(?:blamed|blames|blaming|accused|accuses|accusing)\s+(?:on\s+)?|"
    r"(?:believed|thought|suspected|understood)\s+to\s+(?:have\s+been|be)\s+(?:\w+\s+){1,2}?by\s+)(?:the\s+)?$",
    re.IGNORECASE,
)
_BLAME_AFTER = re.compile(r"\s+(?:was|were|is|are)\s+(?:widely\s+|also\s+)?blamed\b", re.IGNORECASE)


def claimant(lexicon: ActorLexicon, text: str) -> str | None:
    """The armed group a text says claimed the act ("IS claimed responsibility", "an attack claimed by
    Al Shabaab") or whose members it says blew themselves up: ACLED codes the act to that group; else
    the armed actor the text blames for it ("residents blamed army shelling")."""
    found = lexicon.find(text)
    for am in found:
        local_force = am.canonical in lexicon.home_by_name  # a de facto state's forces claim as a group does
        if (am.inter not in (2, 3, 4) and not local_force) or am.canonical in (UNIDENTIFIED, TERRORISTS):
            continue
        claimed = _CLAIM_AFTER.match(text, am.end) or _BLEW_UP.match(text, am.end)
        if claimed or _CLAIM_BEFORE.search(text, max(0, am.start - 40), am.start):
            return am.canonical
    for am in found:
        if am.inter not in (1, 2, 3, 4, 8) or am.canonical in (UNIDENTIFIED, TERRORISTS):
            continue
        if _BLAME_BEFORE.search(text, max(0, am.start - 60), am.start) or _BLAME_AFTER.match(text, am.end):
            return am.canonical
    return None


# Weapons of a hidden attacker: a state force named with them is taken for what they hit, not their user
# (states seldom plant bombs; "a mine left by Russian forces" is the rarer case this gets wrong).
_HIDDEN_WEAPONS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})


def row_actors(
    lexicon: ActorLexicon,
    event_type: str,
    sub_event_type: str,
    found: tuple[str | None, str | None],
    *,
    country: str | None,
    air_power: str | None = None,
    civilian_victims: bool = False,
    claimed_by: str | None = None,
    on: date | None = None,
    held_by: str | None = None,
    left_by: str | None = None,
    planted_by: str | None = None,
    drone: bool = True,
) -> tuple[str | None, str | None]:
    """actor1 and actor2 of an event as ACLED names them, from the actors its clause named.

    Demonstrators are actor1 and only who intervened is actor2 ("police dispersed the crowd"); an armed
    or state actor named only as the object of a violent act against unnamed victims is the perpetrator;
    an unattributed air strike is the article's air power when it names one; civilians are named after the
    country, and are actor2 of a strike or shelling whose only named victims are civilians
    (``civilian_victims``: see ``civilians_hit``). Unnamed shelling or bombing of an area the text says
    one side holds (``held_by``: see ``holder``) is the other side's. Ground handed over or left without
    a fight is the taker's (``left_by``: see ``leaver``); a state force is the doer of a hidden weapon
    only where the text says it laid it (``planted_by``: see ``planter``); a rebel or militia group is
    the doer of a strike from the air only by drone (``drone``: see ``by_drone``), as such groups fly no
    warplanes; a strategic move names its lone actor first, and an arrest by no one named is the police's.
    """
    actor1, actor2 = _strategic_sides(sub_event_type, found, left_by)
    if sub_event_type == "Disrupted weapons use":
        actor1, actor2 = _disrupted_sides(lexicon, actor1, actor2, planted_by)
    if event_type in ("Protests", "Riots") or sub_event_type == "Arrests":
        actor1, actor2 = (_as_police(a) for a in (actor1, actor2))
    if event_type in ("Protests", "Riots"):
        intervened = sub_event_type in ("Protest with intervention", "Excessive force against protesters")
        forces = [a for a in (actor2, actor1) if lexicon.inter(a) in (1, 2, 3, 4)]
        actor1 = protesters(country) if event_type == "Protests" else rioters(country)
        actor2 = forces[0] if intervened and forces else None
        if sub_event_type == "Excessive force against protesters" and actor2 is not None:
            actor1, actor2 = actor2, actor1  # ACLED codes the force that used it first
    elif event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        actor1, actor2 = _territory_sides(lexicon, sub_event_type, actor1, actor2)
        if claimed_by and (actor1 in (None, TERRORISTS) or is_unidentified_group(actor1)):
            actor1, actor2 = claimed_by, (None if actor2 == claimed_by else actor2)
        laid = claimed_by or (actor1 is not None and actor1 == planted_by)
        if sub_event_type in _HIDDEN_WEAPONS and lexicon.inter(actor1) == INTER_STATE and not laid:
            actor1, actor2 = None, actor2 or actor1  # "a roadside bomb hit an army patrol": the army was hit
        if sub_event_type == "Air/drone strike" and not drone and lexicon.inter(actor1) in _NON_STATE_SIDE:
            actor1, actor2 = None, actor2 or actor1  # "an air raid on a village held by IS": no IS aircraft
        if sub_event_type == "Air/drone strike" and actor1 in GENERIC:
            actor1, actor2 = (
                None,
                actor2 or actor1,
            )  # "air strikes hit rebels": an unnamed group has no aircraft
        struck = actor2 is not None and not actor2.startswith("Police Forces")  # police do not shell
        hidden = sub_event_type in _HIDDEN_WEAPONS or sub_event_type in ("Armed clash", "Grenade")
        if actor1 is None and struck and lexicon.inter(actor2) in (1, 8) and not hidden:
            actor1, actor2 = actor2, None  # "killed in regime air strikes": the state struck
        if actor1 is None and _lone_side(lexicon, sub_event_type, actor2, country, on, held_by):
            actor1, actor2 = actor2, None  # "clashes went on as opposition fighters pushed on": they fought
        if actor1 is None:
            facing = in_country(actor2, country)
            actor1 = _unnamed_doer(
                sub_event_type, country, on, air_power=air_power, held_by=held_by, facing=facing
            )
            if sub_event_type == "Armed clash" and held_by and actor2 in (None, actor1) and actor1 in _SIDES:
                actor2 = _SIDES[held_by != "rebels"]  # "fighting raged in rebel-held suburbs": they held them
    if actor1 == TERRORISTS and (
        sub_event_type in _HIDDEN_WEAPONS or event_type == "Violence against civilians"
    ):
        actor1 = UNIDENTIFIED  # a state's "terrorists" who plant bombs or kill civilians are not named by it
    violent = event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
    if actor2 is None and (event_type == "Violence against civilians" or (violent and civilian_victims)):
        actor2 = civilians(country)
    return of_period(in_country(actor1, country), on), of_period(in_country(actor2, country), on)


_STATE_SIDE = (INTER_STATE, 8)  # a state's own forces, or foreign ones
_NON_STATE_SIDE = (2, 3, 4)  # rebels, political and identity militias


def _territory_sides(
    lexicon: ActorLexicon, sub_event_type: str, actor1: str | None, actor2: str | None
) -> tuple[str | None, str | None]:
    """The sides of a change of hands as the sub-event type defines them (ACLED codebook): in "Government
    regains territory" the state's forces are actor1, the country's army when the text names none ("a day
    after the fall of the rebel stronghold"); in "Non-state actor overtakes territory" the group is."""
    first, second = lexicon.inter(actor1), lexicon.inter(actor2)
    pro_state = (actor1 or "").startswith("Pro-Government Militia")  # the state's own auxiliaries
    if sub_event_type == "Government regains territory" and first not in _STATE_SIDE and not pro_state:
        if second in _STATE_SIDE:
            return actor2, actor1
        return "Military Forces of {country}", actor1 or actor2
    overtaken = sub_event_type == "Non-state actor overtakes territory"
    if overtaken and first in _STATE_SIDE and second in _NON_STATE_SIDE:
        return actor2, actor1
    return actor1, actor2


_STATE_MOVES = frozenset(
    {"Agreement", "Change to group/activity", "Headquarters or base established", "Other"}
)
_TRANSFER = "Non-violent transfer of territory"


def _strategic_sides(
    sub_event_type: str, found: tuple[str | None, str | None], left_by: str | None
) -> tuple[str | None, str | None]:
    """A strategic development's actor1 and actor2 from its clause's: the side taking over ground left or
    handed to it is actor1 (ACLED codes the gain), a move's lone actor is actor1, and unnamed arrests are
    the police's."""
    actor1, actor2 = found
    if sub_event_type == _TRANSFER and left_by is not None and actor1 == left_by and actor2 is not None:
        return actor2, actor1
    if sub_event_type in _STATE_MOVES | {_TRANSFER} and actor1 is None:
        return actor2, None
    if sub_event_type == "Arrests" and actor1 is None:
        return "Police Forces of {country}", actor2
    return actor1, actor2


def _disrupted_sides(
    lexicon: ActorLexicon, actor1: str | None, actor2: str | None, planted_by: str | None
) -> tuple[str | None, str | None]:
    """Who disrupted a weapon, first (ACLED codes the defusing or intercepting force as actor1): a state
    force named as its object ("a device was found, the army said"); the country's army where the text
    names an armed group only as the weapon's planter; its police, the usual bomb squad, where it names
    no one."""
    if actor1 is None and lexicon.inter(actor2) in _STATE_SIDE:
        return actor2, None
    if actor1 is not None and actor1 == planted_by and lexicon.inter(actor1) in _NON_STATE_SIDE:
        return "Military Forces of {country}", actor1
    if actor1 is None and actor2 is None:
        return "Police Forces of {country}", None
    return actor1, actor2


_LEAVES = re.compile(
    r"(?:\s+(?:fighters|forces|troops|soldiers|units|militants|militiamen|peacekeepers|police))?"
    r"\s+(?:(?:had|have|has|were|was|finally|then|later|also|last|all)\s+)*"
    r"(?:withdr[ae]w\w*|pull(?:ed|s|ing)?\s+(?:out|back)|left|leav(?:e|es|ing)|retreated|evacuated|"
    r"abandoned|hand(?:ed|s|ing)?\s+(?:over|back)|surrendered|ceded|gave\s+up)\b",
    re.IGNORECASE,
)


def leaver(lexicon: ActorLexicon, text: str) -> str | None:
    """The side a text says withdrew, left or handed ground over ("the SDF withdrew from Manbij and
    handed the city to ...", "after Ethiopian troops pulled out"), if it names one."""
    for found in lexicon.find(text):
        if _LEAVES.match(text, found.end):
            return found.canonical
    return None


_PLANTED_BY = re.compile(
    r"\b(?:left(?:\s+behind)?|planted|laid|placed|set|buried|hidden|rigged)\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "militants planted a bomb", "Russian forces had laid mines": the actor laid it itself.
_PLANTED = re.compile(
    r"(?:\s+(?:fighters|militants|members|forces|troops|soldiers|units|gunmen|militiamen|operatives))?"
    r"\s+(?:(?:had|have|has|reportedly|allegedly)\s+)*(?:planted|laid|placed|buried|hid|rigged)\b",
    re.IGNORECASE,
)


def planter(lexicon: ActorLexicon, text: str) -> str | None:
    """The actor a text says laid a mine or bomb ("a mine left by Russian forces", "explosives planted by
    the army", "militants planted a bomb"): the one state forces are the doer of a hidden weapon for,
    not its target, and the one whose weapon a defusing force disrupted."""
    for found in lexicon.find(text):
        if _PLANTED_BY.search(text, max(0, found.start - 30), found.start) or _PLANTED.match(text, found.end):
            return found.canonical
    return None


# Fire from afar, whose unnamed doer is the side facing the area hit ("shells hit rebel-held Douma").
_STAND_OFF = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"})
_HELD_BY = re.compile(
    r"\b(?:(?P<rebels>rebel|opposition|insurgent|militant|jihadist|terrorist)s?|(?P<government>government|"
    r"regime|army|loyalist|state))[- ](?:held|controlled|run)\b",
    re.IGNORECASE,
)


def holder(text: str) -> str | None:
    """Who holds the area a text says was hit: "rebels" ("rebel-held districts"), "government"
    ("regime-controlled Homs"), or None when it says neither or both."""
    sides = {m.lastgroup for m in _HELD_BY.finditer(text)}
    return sides.pop() if len(sides) == 1 else None


_SIDES = ("Opposition Rebels ({country})", "Military Forces of {country}")  # [True]: the state's side
# Where one side fires nearly all of a war's strikes and shells: the doer of those the text leaves
# unnamed (country: first day, last day or None, the side).
_STRIKES_OF_WAR: dict[str, tuple[date, date | None, str]] = {
    "PS": (date(1994, 1, 1), None, "Military Forces of Israel"),
    "UA": (date(2022, 2, 24), None, "Military Forces of Russia"),
    "LB": (date(2023, 10, 8), None, "Military Forces of Israel"),
    "YE": (date(2015, 3, 26), date(2022, 4, 2), SAUDI_COALITION),
}
# Where one state alone flew a war's air strikes for a time: the doer of those the text leaves unnamed,
# unless they hit a group the US-led coalition bombed (Syria's regime, until Russia's first strikes).
_AIR_OF_WAR: dict[str, tuple[date, date | None, str]] = {
    "SY": (date(2012, 7, 1), date(2015, 9, 29), "Military Forces of Syria"),
}
_COALITION_TARGETS = ("Islamic State", "Al Nusra Front")
# Where one state's invasion makes nearly every battle its forces' against the country's own: an
# unnamed attacker in a clash there ("fighting raged around Avdiivka") is the invader.
_CLASHES_OF_WAR: dict[str, tuple[date, date | None, str]] = {
    "UA": (date(2022, 2, 24), None, "Military Forces of Russia"),
}


def _in_war(
    table: dict[str, tuple[date, date | None, str]], country: str | None, on: date | None
) -> str | None:
    war = table.get(country or "")
    return war[2] if war and on and war[0] <= on and (war[1] is None or on <= war[1]) else None


def _unnamed_doer(
    sub_event_type: str,
    country: str | None,
    on: date | None,
    *,
    air_power: str | None,
    held_by: str | None,
    facing: str | None = None,
) -> str:
    """Who fired what the text names no doer for: the article's air power for a strike, the side facing
    the area hit (``held_by``), the side of the war that fires nearly all such strikes or fights nearly
    all its battles against ``facing`` (the named side), or no one named."""
    air = sub_event_type == "Air/drone strike"
    if air and air_power:
        return air_power
    if held_by and (sub_event_type in _STAND_OFF or sub_event_type == "Armed clash"):
        return _SIDES[held_by == "rebels"]
    war = _in_war(_STRIKES_OF_WAR, country, on) if sub_event_type in _STAND_OFF else None
    if air and not war and not (facing or "").startswith(_COALITION_TARGETS):
        war = _in_war(_AIR_OF_WAR, country, on)
        war = None if war == facing else war
    if sub_event_type == "Armed clash":
        war = _in_war(_CLASHES_OF_WAR, country, on)
        war = None if war == facing else war  # "Russian troops repelled an assault": the other side attacked
    return war or (UNIDENTIFIED_MILITARY if air else UNIDENTIFIED)


def _lone_side(
    lexicon: ActorLexicon,
    sub_event_type: str,
    named: str | None,
    country: str | None,
    on: date | None,
    held_by: str | None,
) -> bool:
    """Whether a clash's only named side is a non-state group that fought it: ACLED codes that side
    first. A state force named alone may have been ambushed, and a war whose battles one side fights
    (see ``_CLASHES_OF_WAR``) or ground one side holds tells the attacker instead."""
    return (
        sub_event_type == "Armed clash"
        and lexicon.inter(named) in (2, 3)
        and not held_by
        and _in_war(_CLASHES_OF_WAR, country, on) is None
    )


def _as_police(name: str | None) -> str | None:
    """Security forces facing a crowd or making arrests are the police ("Police Forces of Iraq")."""
    return "Police Forces of " + name.removeprefix(SECURITY) if name and name.startswith(SECURITY) else name


def actors_country(sites: Sequence[Place], home: str | None, others: Sequence[Place] = ()) -> str | None:
    """The country an event's actors are named after: the site's where the text bears it out (the site
    is a country named outright, or another place of the event lies in it), else the article's
    (``home``: see ``article_country``), which a lone foreign namesake ("Palmyra" in Texas) cannot
    outweigh; the site's when the article's is unknown."""
    site = sites[0] if sites else None
    if site is None or site.country_code is None:
        return home
    borne_out = any(
        p.country_code == site.country_code and p.feature_id != site.feature_id for p in [*sites[1:], *others]
    )
    if home is None or site.feature_class == "country" or borne_out:
        return site.country_code
    return home


_DRONE = re.compile(r"\b(?:drones?|UAVs?|quadcopters?|unmanned)\b", re.IGNORECASE)


def by_drone(text: str) -> bool:
    """Whether a strike's text speaks of drones, the one air weapon armed groups fly."""
    return bool(_DRONE.search(text))


_CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians?|children|child|women|woman|residents?|villagers?|farmers?|shepherds?|worshippers|"
    r"students?|pupils|passers-?by|families|family|medics?|doctors?|nurses?|journalists?|teachers?|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:men|man|boys?|girls?|people|persons))\b",
    re.IGNORECASE,
)
_ARMED_VICTIMS = re.compile(
    r"\b(?:soldiers?|troops|fighters?|militants?|militiamen|gunmen|rebels?|jihadists?|policem[ae]n|officers?|"
    r"guards?|combatants?|members|personnel|commanders?|recruits|insurgents?)\b",
    re.IGNORECASE,
)


def civilians_hit(text: str) -> bool:
    """Whether the victims a clause names are civilians only ("killing two children"), not fighters."""
    return bool(_CIVILIAN_VICTIMS.search(text)) and not _ARMED_VICTIMS.search(text)


__all__ = [
    "ACLED_COUNTRY_NAMES",
    "COALITION",
    "COALITION_LEADS",
    "COUNTRY",
    "INTER_CIVILIANS",
    "INTER_PROTESTERS",
    "INTER_RIOTERS",
    "INTER_STATE",
    "PASSIVE_BEFORE",
    "SAUDI_COALITION",
    "SECURITY",
    "TERRORISTS",
    "UNIDENTIFIED",
    "UNIDENTIFIED_MILITARY",
    "ActorLexicon",
    "ActorMatch",
    "acled_name",
    "actors_country",
    "actors_of_clause",
    "article_air_power",
    "by_drone",
    "civilians",
    "civilians_hit",
    "claimant",
    "country_name",
    "default_actors",
    "holder",
    "in_country",
    "is_unidentified_group",
    "leaver",
    "of_period",
    "phrase_end",
    "planter",
    "protesters",
    "resolve_anaphors",
    "rioters",
    "row_actors",
    "unidentified_group",
]
