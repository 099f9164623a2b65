"""The evidence for a candidate reading of a place name, one small named function per signal.

Each feature is a number, mostly 0 to 1, that says one thing about one candidate; the ranker
(``geoparse/ranker.py``) weighs them with learned weights. They come in groups by what they depend
on, so that the resolver can work each group out once and reuse it:

- ``STATIC``: the name and the candidate alone (match quality, population, feature class, capitals,
  a city and the province named after it, "X province");
- ``FIXED``: the whole article, the same in both passes ("Town, State", a county and its town, a reading
  of another name nearby);
- ``COUNTRY`` and ``ADMIN1``: what the article says for the candidate's country and first-level area
  (named outright, beside a named neighbour, other names read there, the first pass's majority);
- ``DISTANCE``: closeness to the first pass's places;
- ``MENTION``: the mention's own surroundings (the area named just before it, "Washington said", a list).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.normalize import normalize_name
from geoevents.records import Place

AREA_CLASSES = ("country", "admin1", "region", "admin2")
CLASSES = ("country", "admin1", "region", "physical", "base", "admin2", "region_expression", "border")
BIG_TOWN = 10_000  # a town this big gives its name to the area named after it
_LOG_FAR = math.log1p(5000)

STATIC = (
    "match",
    "exact_match",
    "loose_match",
    "prominence",
    "town_prominence",
    "most_populous",
    "capital",
    "hamlet_by_big_area",
    *(f"class_{c}" for c in CLASSES),
    "big_city",
    "area_word",
    "named_for_town",
)
FIXED = ("state_after", "named_county", "county_of_named_town", "nearby_reading")
COUNTRY = ("named_country", "neighbour_country", "coherence_country", "dominant_country")
ADMIN1 = ("named_admin1", "coherence_admin1", "dominant_admin1")
DISTANCE = ("near_article_places",)
MENTION = ("local_area", "capital_actor", "list_kind")
FEATURES = (*STATIC, *FIXED, *COUNTRY, *ADMIN1, *DISTANCE, *MENTION)
# What each feature means for a candidate: +1 evidence for it, -1 against it, 0 (or absent) either way
# (feature classes, and sizes whose worth beside the others only the data can tell).
SIGNS = {
    **dict.fromkeys(
        (
            "match",
            "exact_match",
            "prominence",
            "capital",
            "area_word",
            *FIXED,
            *COUNTRY,
            *ADMIN1,
            *DISTANCE,
            *MENTION,
        ),
        1,
    ),
    "hamlet_by_big_area": -1,
    "named_for_town": -1,
    "loose_match": -1,
}


@dataclass(frozen=True, slots=True)
class NameFacts:
    """What a name's whole candidate list says, for the static features of each of its candidates."""

    towns: Mapping[tuple[str | None, str], int]  # (country, area name) -> the largest town of that name
    big_area: bool  # the name is also a large area's ("Georgia", "Middle East")
    names_country: bool  # the name is a country's ("Mexico", "Kuwait")
    area_classes: frozenset[str]  # the classes a word after the name asks for ("Kirkuk province")
    capitals: Mapping[str, str]  # country code -> feature id of its capital
    top_population: int = 0  # the largest population among the candidates
    town_share_of_area: float = 0.1
    large_area_population: int = 1_000_000


def name_facts(
    cands: Sequence[Candidate],
    *,
    area_classes: frozenset[str],
    capitals: Mapping[str, str],
    town_share_of_area: float = 0.1,
    large_area_population: int = 1_000_000,
) -> NameFacts:
    """The facts of a candidate list that its candidates' static features read."""
    towns: dict[tuple[str | None, str], int] = {}
    for c in cands:
        p = c.place
        # Only a town that bears the name itself: "Oklahoma City" (alias "Oklahoma") leaves the state be.
        if p.feature_class == "populated_place" and (p.population or 0) >= BIG_TOWN and c.match_score >= 0.99:
            for area_name in (p.admin1, p.admin2):
                if area_name:
                    key = (p.country_code, normalize_name(area_name))
                    towns[key] = max(towns.get(key, 0), p.population or 0)
    big_area = any(
        c.place.feature_class in AREA_CLASSES
        and c.match_score >= 0.95
        and (c.place.population or 0) >= large_area_population
        for c in cands
    )
    names_country = any(c.place.feature_class == "country" and c.match_score >= 0.95 for c in cands)
    top = max((c.place.population or 0 for c in cands), default=0)
    return NameFacts(
        towns, big_area, names_country, area_classes, capitals, top, town_share_of_area, large_area_population
    )


# --- static: the name and the candidate ---------------------------------------------------------


def match(c: Candidate) -> float:
    """How well the name matched: 1 exact, lower for an alias or a loose spelling."""
    return c.match_score


def exact_match(c: Candidate) -> float:
    """1 when the name is the candidate's own name as written (after normalisation), not an alias."""
    return float(c.match_score >= 0.99)


LOOSE_BELOW = 0.9  # a match score under this is a loose spelling, not a name or an alternate name


def loose_match(c: Candidate) -> float:
    """1 when only a looser spelling of the name matched (letters run together, a doubled letter or the
    article dropped, a close misspelling), not the candidate's name or one of its alternate names: a
    text that writes a place's own name rarely means a place spelt otherwise."""
    return float(c.match_score < LOOSE_BELOW)


def prominence(p: Place) -> float:
    """Population on a log scale, 0 (none) to 1 (ten million and more)."""
    return min(1.0, math.log10((p.population or 0) + 1) / 7.0)


def town_prominence(p: Place) -> float:
    """``prominence`` for towns only: how much a town's size counts may differ from an area's."""
    return prominence(p) if p.feature_class == "populated_place" else 0.0


def most_populous(p: Place, facts: NameFacts) -> float:
    """1 for the most populous of the name's candidates (a name most often means its largest bearer)."""
    return float(facts.top_population > 0 and (p.population or 0) == facts.top_population)


def is_capital(p: Place, capitals: Mapping[str, str]) -> bool:
    """Whether a candidate is its country's national capital (``capitals``: country code -> the
    capital's feature id; its namesakes elsewhere in the country are not)."""
    cc = p.country_code
    return cc is not None and capitals.get(cc) == p.feature_id


def capital(p: Place, facts: NameFacts) -> float:
    """1 for a national capital (named far more often than its population suggests), unless the name is
    also its country's ("Kuwait", "Mexico")."""
    return float(not facts.names_country and is_capital(p, facts.capitals))


def hamlet_by_big_area(p: Place, facts: NameFacts) -> float:
    """1 for a small town sharing its name with a large area ("Georgia"): it needs outside support."""
    return float(facts.big_area and p.feature_class == "populated_place" and (p.population or 0) < BIG_TOWN)


def feature_class(p: Place) -> tuple[float, ...]:
    """One-hot feature class (``CLASSES``; a town is all zeros): countries outrank villages of their name."""
    return tuple(float(p.feature_class == c) for c in CLASSES)


def big_city(p: Place) -> float:
    """0 at 100,000 people to 1 at ten million: a city of millions outranks its small namesakes."""
    if p.population and p.population > 100_000 and p.feature_class == "populated_place":
        return min(1.0, (math.log10(p.population) - 5.0) / 2.0)
    return 0.0


def area_word(p: Place, facts: NameFacts) -> float:
    """1 for an area of the kind a word after the name asks for ("Nyanza Province", "Washington state")."""
    return float(p.feature_class in facts.area_classes)


def named_for_town(p: Place, facts: NameFacts) -> float:
    """1 for a province or county named after a town that holds a fair share of its people ("Tehran",
    "Kirkuk": the city), unless a word after the name asks for the area; "Quebec" keeps the province."""
    if p.feature_class in facts.area_classes or p.feature_class not in ("admin1", "admin2"):
        return 0.0
    town = facts.towns.get((p.country_code, normalize_name(p.name)), 0)
    return float(town >= (p.population or 0) * facts.town_share_of_area)


def static_vector(c: Candidate, facts: NameFacts) -> tuple[float, ...]:
    """The ``STATIC`` features of one candidate."""
    p = c.place
    return (
        match(c),
        exact_match(c),
        loose_match(c),
        prominence(p),
        town_prominence(p),
        most_populous(p, facts),
        capital(p, facts),
        hamlet_by_big_area(p, facts),
        *feature_class(p),
        big_city(p),
        area_word(p, facts),
        named_for_town(p, facts),
    )


# --- fixed: the whole article -------------------------------------------------------------------


def state_after(p: Place, follow: str | None) -> float:
    """1 when the state or country written after the name ("Paris, Missouri") is the candidate's."""
    if follow is None:
        return 0.0
    return float(
        bool(
            (p.admin1 and normalize_name(p.admin1) == follow)
            or (p.country_code and p.country_code.casefold() == follow)
        )
    )


# --- country and admin-1 ------------------------------------------------------------------------


@dataclass(slots=True)
class AreaFacts:
    """What the article says about countries and first-level areas (``named_*``: named outright;
    ``support_*``: how many distinct names have a candidate there; ``dominant``: the first pass's share
    of each country)."""

    named_cc: Counter[str]
    named_a1: Counter[tuple[str | None, str]]
    support_cc: Counter[str]
    support_a1: Counter[tuple[str | None, str | None]]
    neighbours: Mapping[str, tuple[str, ...]]
    dominant: Mapping[str, float]
    dominant_a1: Mapping[tuple[str | None, str], float] = field(default_factory=dict)
    top_named: int = 1

    def renew_top(self) -> None:
        """Remember how often the most named country is named (after ``named_cc`` grows)."""
        self.top_named = max(1, max(self.named_cc.values(), default=1))


def named_country(cc: str, facts: AreaFacts) -> float:
    """How often the article names the candidate's country, beside its most named one (0 to 1)."""
    return min(1.0, facts.named_cc.get(cc, 0) / facts.top_named)


def neighbour_country(cc: str, facts: AreaFacts) -> float:
    """For a country the article does not name: how often it names its most named land neighbour."""
    if not facts.named_cc or facts.named_cc.get(cc, 0):
        return 0.0
    near = max((facts.named_cc.get(n, 0) for n in facts.neighbours.get(cc, ())), default=0)
    return min(1.0, near / facts.top_named)


def coherence_country(cc: str, own: bool, facts: AreaFacts) -> float:
    """How many of the article's other names may lie in the same country (0, 1/3, 2/3, 1 for three or
    more); ``own``: the name weighed has a candidate there itself, which is no witness."""
    return min(facts.support_cc.get(cc, 0) - own, 3) / 3


def dominant_country(cc: str, facts: AreaFacts) -> float:
    """The share of the first pass's places that lie in the candidate's country (what the story is about)."""
    return facts.dominant.get(cc, 0.0)


def country_vector(cc: str, own: bool, facts: AreaFacts) -> tuple[float, ...]:
    """The ``COUNTRY`` features of a candidate in country ``cc``."""
    return (
        named_country(cc, facts),
        neighbour_country(cc, facts),
        coherence_country(cc, own, facts),
        dominant_country(cc, facts),
    )


def named_admin1(cc: str | None, admin1: str, facts: AreaFacts) -> float:
    """1 when the article names the candidate's first-level area (state, province)."""
    return float(bool(facts.named_a1.get((cc, admin1))))


def coherence_admin1(cc: str | None, admin1: str, own: bool, facts: AreaFacts) -> float:
    """How many of the article's other names may lie in the same first-level area (0 to 1 at three)."""
    return min(facts.support_a1.get((cc, admin1), 0) - own, 3) / 3


def dominant_admin1(cc: str | None, admin1: str, facts: AreaFacts) -> float:
    """The share of the first pass's places that lie in the candidate's first-level area (a local story's
    state)."""
    return facts.dominant_a1.get((cc, admin1), 0.0)


def admin1_vector(cc: str | None, admin1: str, own: bool, facts: AreaFacts) -> tuple[float, ...]:
    """The ``ADMIN1`` features of a candidate in that first-level area."""
    return (
        named_admin1(cc, admin1, facts),
        coherence_admin1(cc, admin1, own, facts),
        dominant_admin1(cc, admin1, facts),
    )


# --- distance -----------------------------------------------------------------------------------


class Anchor(NamedTuple):
    """The first pass's median point, with the trigonometry of its latitude done once."""

    lat: float
    lon: float
    lat_rad: float
    cos_lat: float


def anchor_at(point: tuple[float, float] | None) -> Anchor | None:
    """The ``Anchor`` of a (lat, lon) point."""
    if point is None:
        return None
    rad = math.radians(point[0])
    return Anchor(point[0], point[1], rad, math.cos(rad))


def near_article_places(p: Place, anchor: Anchor | None) -> float:
    """Closeness to the median of the first pass's confident places: 1 there, 0 at 5,000 km and beyond."""
    if anchor is None or p.feature_class == "country":
        return 0.0
    p1 = math.radians(p.lat)
    h = (
        math.sin((anchor.lat_rad - p1) / 2) ** 2
        + math.cos(p1) * anchor.cos_lat * math.sin(math.radians(anchor.lon - p.lon) / 2) ** 2
    )
    d = 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
    return max(0.0, 1.0 - math.log1p(d) / _LOG_FAR)


# --- the mention's surroundings -----------------------------------------------------------------


def local_area(p: Place, local: tuple[str, str | None] | None) -> float:
    """1 for a candidate in the country or state named last, a few sentences before the mention."""
    return float(local is not None and p.country_code == local[0] and local[1] in (None, p.admin1))


def capital_actor(p: Place, acting: bool, capitals: Mapping[str, str]) -> float:
    """1 for a capital when the name acts as a government ("Washington said")."""
    return float(acting and is_capital(p, capitals))


def list_kind(p: Place, hint: tuple[str, str | None] | None) -> float:
    """1 for a candidate of the kind (and country) the clear members of its list are ("Ohio, Utah and
    Washington" are states)."""
    return float(hint is not None and p.feature_class == hint[0] and hint[1] in (None, p.country_code))


def mention_vector(
    p: Place,
    *,
    local: tuple[str, str | None] | None,
    acting: bool,
    hint: tuple[str, str | None] | None,
    capitals: Mapping[str, str],
) -> tuple[float, ...]:
    """The ``MENTION`` features of one candidate."""
    return local_area(p, local), capital_actor(p, acting, capitals), list_kind(p, hint)
