"""ACLED's event taxonomy and the trigger lexicon that maps words to it.

A trigger is a regular expression over a clause. ``specific`` triggers name
the weapon or the act ("air strike", "rocket attack", "kidnapped"); generic
ones ("attack", "bombed", "struck", "strikes") take their sub-type from the
article's specific triggers or, failing that, from their target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
VIOLENT_TYPES = frozenset({BATTLES, EXPLOSIONS, VAC})

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DISORDER = "Strategic developments"

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": BATTLES,
    "Government regains territory": BATTLES,
    "Non-state actor overtakes territory": BATTLES,
    "Air/drone strike": EXPLOSIONS,
    "Shelling/artillery/missile attack": EXPLOSIONS,
    "Remote explosive/landmine/IED": EXPLOSIONS,
    "Suicide bomb": EXPLOSIONS,
    "Grenade": EXPLOSIONS,
    "Chemical weapon": EXPLOSIONS,
    "Attack": VAC,
    "Abduction/forced disappearance": VAC,
    "Sexual violence": VAC,
    "Peaceful protest": PROTESTS,
    "Protest with intervention": PROTESTS,
    "Excessive force against protesters": PROTESTS,
    "Violent demonstration": RIOTS,
    "Mob violence": RIOTS,
    "Arrests": STRATEGIC,
    "Looting/property destruction": STRATEGIC,
    "Disrupted weapons use": STRATEGIC,
    "Agreement": STRATEGIC,
    "Headquarters or base established": STRATEGIC,
    "Non-violent transfer of territory": STRATEGIC,
    "Change to group/activity": STRATEGIC,
    "Other": STRATEGIC,
}


def event_type_of(sub_event_type: str) -> str:
    return SUB_EVENT_TYPES[sub_event_type]


def disorder_type_of(event_type: str, sub_event_type: str) -> str:
    """ACLED disorder_type for a (type, sub-type) pair."""
    if sub_event_type == "Excessive force against protesters":
        return f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
    if sub_event_type == "Mob violence":
        return POLITICAL_VIOLENCE
    if event_type in (PROTESTS, RIOTS):
        return DEMONSTRATIONS
    if event_type == STRATEGIC:
        return STRATEGIC_DISORDER
    return POLITICAL_VIOLENCE


# Generic kinds a trigger can have before the article decides its sub-type.
GENERIC_EXPLOSION = "generic-explosion"  # bombed, blast, explosion, bomb struck
GENERIC_VIOLENCE = "generic-violence"  # attack, strikes, struck, killed


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: re.Pattern[str]
    sub_event_type: str | None  # None for a generic trigger
    generic: str | None = None
    nominal: bool = False  # a noun ("the attack"): may refer back to an earlier event
    plural_bare: bool = False  # matched a plural without a determiner (kept for the genericity test)


def _t(regex: str, sub: str | None, generic: str | None = None, *, nominal: bool = False) -> Trigger:
    return Trigger(re.compile(regex, re.IGNORECASE), sub, generic, nominal)


AIR = r"(?:air|drone|aerial|helicopter|gunship)"
TRIGGERS: tuple[Trigger, ...] = (
    _t(
        r"\bsuicide\s+(?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|car\s+bomb(?:s|ing)?|vests?|blasts?)\b",
        "Suicide bomb",
        nominal=True,
    ),
    _t(
        rf"\b{AIR}[\s-]?(?:strikes?|raids?|attacks?|bombardments?|bombing|campaign)\b|\bairstrikes?\b|\bairstrikes?\b|"
        r"\b(?:warplanes?|jets?|fighter\s+jets?|aircraft|drones?|helicopters?)\s+(?:\w+\s+)?(?:bombed|struck|hit|"
        r"targeted|pounded|fired\s+(?:a\s+)?missiles?|attacked)\b|\bbombing\s+raids?\b",
        "Air/drone strike",
        nominal=True,
    ),
    _t(
        r"\b(?:rocket|mortar|missile|artillery|shell(?:ing)?)\s+(?:attacks?|strikes?|fire|barrages?|rounds?)\b|"
        r"\brockets?\s+(?:\w+\s+)?(?:hit|struck|slammed|landed|fell|crashed|targeted|were\s+fired)\b|"
        r"\b(?:fired|launched|lobbed)\s+(?:\w+\s+){0,3}?(?:rockets?|mortars?|mortar\s+(?:rounds|shells)|missiles?|shells)\b|"
        r"\b(?:shelled|shelling|bombarded)\b|\bKatyusha\b",
        "Shelling/artillery/missile attack",
        nominal=True,
    ),
    _t(
        r"\b(?:roadside|car|truck|parked|magnetic|sticky|remote[\s-]controlled)\s+bombs?\b|\bIEDs?\b|"
        r"\bimprovised\s+explosive\s+devices?\b|\blandmines?\b|\bland\s+mines?\b|\bexplosive\s+devices?\b|"
        r"\bbooby[\s-]trap(?:ped)?\b|\bbomb\s+(?:exploded|went\s+off|detonated|blast)\b",
        "Remote explosive/landmine/IED",
        nominal=True,
    ),
    _t(r"\bgrenades?\b", "Grenade", nominal=True),
    _t(
        r"\bchemical\s+(?:attack|weapons?\s+attack)\b|\b(?:chlorine|sarin|mustard)\s+gas\b",
        "Chemical weapon",
        nominal=True,
    ),
    _t(
        r"\b(?:clash(?:ed|es)?|gunfights?|firefights?|gun\s+battles?|exchanged\s+(?:gun)?fire|battled|"
        r"fighting\s+(?:broke\s+out|erupted)|fought|ambush(?:ed|es)?|skirmish(?:ed|es)?)\b",
        "Armed clash",
        nominal=True,
    ),
    _t(
        r"\b(?:kidnapp(?:ed|ing)|abduct(?:ed|ion|ions|ing)|taken\s+hostage|held\s+hostage|seized\s+hostages|"
        r"forcibly\s+disappeared)\b",
        "Abduction/forced disappearance",
        nominal=True,
    ),
    _t(r"\b(?:raped|gang-raped|sexually\s+assaulted|sexual\s+assault)\b", "Sexual violence"),
    _t(
        r"\b(?:shot\s+dead|gunned\s+down|massacred?|massacres|stabbed|beheaded|executed|hacked\s+to\s+death|"
        r"lynched|opened\s+fire\s+on|assassinat(?:ed|ion))\b",
        "Attack",
        nominal=False,
    ),
    _t(
        r"\b(?:riot(?:s|ed|ing|ers)?|rioters)\b(?!\s+(?:police|squad|gear|control|shields?|act|officers?|units?|"
        r"troops|vans?))",
        "Violent demonstration",
        nominal=True,
    ),
    _t(r"\b(?:mob|mobs)\b\s+(?:\w+\s+)?(?:attacked|beat|lynched|torched|stormed|killed)\b", "Mob violence"),
    _t(
        r"\b(?:protest(?:ed|ers|ors|s|ing)?|demonstrat(?:ed|ion|ions|ors|ing)|rall(?:y|ied|ies)|marched|sit-ins?|"
        r"took\s+to\s+the\s+streets|picket(?:ed|s)?)\b",
        "Peaceful protest",
        nominal=True,
    ),
    _t(
        r"\b(?:arrested|detained|imprisoned|jailed|rounded\s+up|taken\s+into\s+custody|apprehended|"
        r"arrests?|detentions?)\b",
        "Arrests",
        nominal=True,
    ),
    _t(
        r"\b(?:looted|looting|ransacked|vandali[sz]ed|torched|set\s+(?:fire|ablaze)\s+(?:to\s+)?|burned\s+down|"
        r"demolished)\b",
        "Looting/property destruction",
        nominal=False,
    ),
    _t(
        r"\b(?:defused|dismantled\s+(?:an?\s+)?(?:bomb|explosive)|intercepted|shot\s+down|seized\s+(?:a\s+)?"
        r"(?:weapons|arms|cache|explosives)|weapons\s+cache|arms\s+cache|found\s+(?:a\s+)?(?:cache|launch\s+site))\b",
        "Disrupted weapons use",
        nominal=False,
    ),
    _t(
        r"\b(?:signed\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:ceasefire|cease-fire|truce|peace\s+(?:deal|agreement|accord)|"
        r"agreement|deal|accord)|agreed\s+(?:to\s+)?(?:an?\s+)?(?:ceasefire|cease-fire|truce)|prisoner\s+(?:exchange|swap))\b",
        "Agreement",
    ),
    _t(
        r"\b(?:bombed|bombing|bombings|bombs?\s+(?:struck|hit|exploded)|explosions?|blasts?|exploded|detonated)\b",
        None,
        GENERIC_EXPLOSION,
        nominal=True,
    ),
    _t(
        r"\b(?:attack(?:ed|s)?|strikes?|struck|targeted|raid(?:ed|s)?|assault(?:ed|s)?|stormed|hit|killings?\s+of)\b",
        None,
        GENERIC_VIOLENCE,
        nominal=True,
    ),
)

# Words that make a plural trigger stand for a pattern, not one event.
CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|villagers?|residents?|worshipp?ers?|students?|children|women|men|people|farmers?|"
    r"journalists?|teachers?|aid\s+workers?|shoppers?|passengers?|pilgrims?|contractors?|families|family|"
    r"patients?|doctors?|nurses?|traders?|herders?|fishermen|workers?|protesters?|demonstrators?|mourners?)\b",
    re.IGNORECASE,
)
ARMED_WORDS = re.compile(
    r"\b(?:soldiers?|troops?|forces?|militia(?:s|men)?|fighters?|militants?|rebels?|police(?:men|man)?|"
    r"officers?|guards?|army|military|base|bases|checkpoint|convoy|patrol|positions?|headquarters|facilities|"
    r"depots?|posts?|camp)\b",
    re.IGNORECASE,
)
