"""What an article says about areas, shared by the resolver's stages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from geoevents.gazetteer.base import Candidate
from geoevents.records import Place

# For each ranked mention (by id), its candidates and every feature of each.
Trace = dict[int, tuple[list[Candidate], list[dict[str, float]]]]


# The countries and the (country, admin-1) areas a name's candidates lie in.
Areas = tuple[frozenset[str], frozenset[tuple[str | None, str | None]]]


@dataclass(frozen=True, slots=True)
class Context:
    """What an article says about countries and first-level areas: those it names outright, and how many
    of its distinct names have a candidate in each (``own``: each name's own countries and areas). The
    resolver builds it once per article; the filters and the scorer read it."""

    named_cc: Counter[str]
    named_a1: Counter[tuple[str | None, str]]
    support_cc: Counter[str]
    support_a1: Counter[tuple[str | None, str | None]]
    own: dict[str, Areas]
    counties: dict[tuple[str | None, str | None, str], set[str]]
    towns_in: dict[tuple[str | None, str | None, str], set[str]]

    def names_county_of(self, place: Place, key: str) -> bool:
        """Whether another name of the article may be the county (admin-2 area) the place lies in."""
        if not self.counties or not place.admin2:
            return False
        names = self.counties.get((place.country_code, place.admin1, place.admin2))
        return _names_other_than(names, key)

    def names_town_of(self, county: Place, key: str) -> bool:
        """Whether another name of the article may be a town inside this county."""
        names = self.towns_in.get((county.country_code, county.admin1, county.name))
        return _names_other_than(names, key)


# The areas of a name the article's context does not know: none (the default of ``Context.own``).
NO_SUPPORT: Areas = (frozenset(), frozenset())


def in_named_a1(place: Place, named_a1: Counter[tuple[str | None, str]]) -> bool:
    """Whether a place lies in an admin-1 area the article names."""
    return place.admin1 is not None and bool(named_a1.get((place.country_code, place.admin1)))


def _names_other_than(names: set[str] | None, key: str) -> bool:
    """Whether a set of the article's names holds one besides ``key`` and its "City" form (the area "Dublin
    City" is no independent witness for a town Dublin)."""
    if not names:
        return False
    return any(name != key and name != f"{key} city" for name in names)
