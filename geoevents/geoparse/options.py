"""What the resolver is told: its options, the feature classes and their precisions."""

from __future__ import annotations

from dataclasses import dataclass

from geoevents.geoparse.ranker import Ranker

AREA_CLASSES = ("country", "admin1", "region", "admin2")


PRECISION_BY_CLASS = {
    "populated_place": 1,
    "base": 1,
    "admin2": 2,
    "physical": 2,
    "admin1": 3,
    "region": 3,
    "country": 3,
    "border": 3,
    "region_expression": 3,
}


@dataclass(frozen=True, slots=True)
class ResolverOptions:
    """How candidates are gathered and kept; their weights are the ranker's (``geoparse/ranker.py``)."""

    candidates: int = 12  # candidates considered per name
    ranker: Ranker | None = None  # None: the weights shipped in the package
    town_share_of_area: float = 0.1  # a city holding less than this share of its province's people yields
    pair_km: float = 50.0  # another name's likely reading within this distance backs a candidate ...
    pair_min_score: float = 0.5  # ... when that name was recognised at least this surely
    local_chars: int = 200  # the area named last, at most this many characters before a mention, counts
    one_sense: bool = True  # a bare name keeps one reading through a story
    min_score: float = 0.0  # a choice below this leaves the mention unresolved
    weak_population: int = 2000  # a lone, uncorroborated single-word village below this is dropped
    strong_population: int = 100_000  # what a weakly recognised name must reach to count
    loose_population: int = 100_000  # what an English word matching a place only loosely must reach ...
    loose_word_zipf: float = 2.5  # ... when it is at least this common in English ("Mallard": Malārd)
    large_area_population: int = 1_000_000  # an area this populous outranks its namesake hamlets
    frequent_word_zipf: float = 3.3  # a word this frequent in English (wordfreq's Zipf scale) ...
    frequent_word_population: int = 50_000  # ... needs a place this big, or its state named, to count


DEFAULT_OPTIONS = ResolverOptions()
