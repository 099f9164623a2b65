"""ACLED's event taxonomy and the trigger lexicon that maps words to it.

The trigger lexicon itself is data (``data/triggers.tsv``, read by
``events.triggers``); here are the types, the disorder types and the word
classes that judge a target (civilians or armed).
"""

from __future__ import annotations

import re

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


# Words that make a plural trigger stand for a pattern, not one event.
CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|villagers?|residents?|worshipp?ers?|students?|children|women|men|people|farmers?|"
    r"journalists?|teachers?|aid\s+workers?|shoppers?|passengers?|pilgrims?|contractors?|families|family|"
    r"patients?|doctors?|nurses?|traders?|herders?|fishermen|workers?|protesters?|demonstrators?|mourners?|"
    r"man|woman|boy|girl|child|shepherds?|drivers?|businessm[ae]n|engineers?|lawyers?|judges?|clerics?|imams?|"
    r"priests?|elders?|council\s+members?|councill?ors?|activists?|candidates?|politicians?|teachers?|"
    r"shopkeepers?|vendors?|pharmacists?|bakers?|labou?rers?|villagers?|tenants?|pedestrians?|bystanders?|"
    r"ambassadors?|diplomats?|envoys?|consuls?|mayors?|governors?|ministers?)\b",
    re.IGNORECASE,
)
ARMED_WORDS = re.compile(
    r"\b(?:soldiers?|troops?|forces?|militia(?:s|men)?|fighters?|militants?|rebels?|police(?:men|man)?|"
    r"officers?|guards?|army|military|base|bases|checkpoint|convoy|patrol|positions?|headquarters|facilities|"
    r"depots?|posts?|camp)\b",
    re.IGNORECASE,
)
