"""The ranker: weighs a candidate's features (``geoparse/features.py``) with shipped weights.

The weights are a small JSON file in the package (``ranker_weights.json``), fitted by
``python -m geoevents.geoparse.train`` on the public corpora; scoring is a dot product, so the run
time needs nothing beyond the standard library. ``hand_weights()`` are the weights set by hand
before the ranker was trained (``--weights hand`` or ``trained`` on ``geoevents parse`` and
``evaluate``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import mul
from pathlib import Path

from geoevents.errors import InputError
from geoevents.geoparse.features import ADMIN1, CLASSES, COUNTRY, DISTANCE, FEATURES, FIXED, MENTION, STATIC

WEIGHTS_FILE = "ranker_weights.json"
# The trained weights score a little below the hand weights in-corpus on LGL's acc@161 (README,
# "Ranking candidates"): the hand weights stay the default until the trained ones match them.
DEFAULT_WEIGHTS = "hand"
WEIGHT_CHOICES = ("hand", "trained")
# The weights set by hand (one setting for every corpus) before the ranker was trained.
_CLASS_PRIOR = {
    "country": 1.6,
    "admin1": 0.55,
    "region": 0.5,
    "physical": 0.4,
    "base": 0.45,
    "admin2": 0.2,
    "region_expression": 0.3,
    "border": 0.3,
}
_HAND = {
    "match": 1.0,
    "prominence": 0.5,
    "capital": 0.4,
    "hamlet_by_big_area": -0.8,
    **{f"class_{c}": 0.6 * _CLASS_PRIOR[c] for c in CLASSES},
    "big_city": 0.5,
    "area_word": 0.8,
    "named_for_town": -0.8,
    "state_after": 1.5,
    "named_county": 1.0,
    "county_of_named_town": 0.5,
    "nearby_reading": 0.5,
    "named_country": 0.5,
    "neighbour_country": 0.25,
    "coherence_country": 0.35,
    "dominant_country": 0.5,
    "named_admin1": 0.6,
    "coherence_admin1": 0.45,
    "near_article_places": 0.8,
    "local_area": 0.3,
    "capital_actor": 1.2,
    "list_kind": 1.0,
}


def dot(weights: Sequence[float], values: Sequence[float]) -> float:
    """The weighted sum of one group of features (of equal lengths)."""
    return sum(map(mul, weights, values))


@dataclass(frozen=True, slots=True, eq=False)
class Ranker:
    """Feature weights, held per group in the order of ``features.FEATURES`` (hashed by identity, so
    resolver options can hold one)."""

    weights: Mapping[str, float]
    origin: str = "hand"

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(FEATURES)
        if unknown:
            raise InputError(self.origin, f"unknown ranker features: {', '.join(sorted(unknown))}")

    def group(self, names: Sequence[str]) -> tuple[float, ...]:
        """The weights of one group of features (0 for a feature the weights leave out)."""
        return tuple(self.weights.get(n, 0.0) for n in names)

    @property
    def static(self) -> tuple[float, ...]:
        return self.group(STATIC)

    @property
    def fixed(self) -> tuple[float, ...]:
        return self.group(FIXED)

    @property
    def country(self) -> tuple[float, ...]:
        return self.group(COUNTRY)

    @property
    def admin1(self) -> tuple[float, ...]:
        return self.group(ADMIN1)

    @property
    def distance(self) -> float:
        return self.group(DISTANCE)[0]

    @property
    def mention(self) -> tuple[float, ...]:
        return self.group(MENTION)

    def score(self, values: Mapping[str, float]) -> float:
        """A candidate's score from all its features."""
        return sum(self.weights.get(n, 0.0) * v for n, v in values.items())

    def explain(self, values: Mapping[str, float], *, top: int = 3) -> list[tuple[str, float]]:
        """The features that weigh most (by absolute contribution) in a candidate's score, largest first."""
        parts = [(n, self.weights.get(n, 0.0) * v) for n, v in values.items() if v]
        parts.sort(key=lambda nv: -abs(nv[1]))
        return [(n, round(c, 3)) for n, c in parts[:top] if c]

    def to_json(self) -> str:
        return json.dumps({"features": dict(self.weights)}, indent=1, sort_keys=True) + "\n"


def hand_weights() -> Ranker:
    """The weights set by hand before the ranker was trained."""
    return Ranker(dict(_HAND), origin="hand")


def ranker_from_path(path: Path | str) -> Ranker:
    """Weights from a JSON file ``{"features": {name: weight}}``; a clear error names a bad file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            str(path), f"cannot read the ranker weights ({exc.strerror or exc.__class__.__name__})"
        ) from exc
    try:
        data = json.loads(text)
        weights = {str(k): float(v) for k, v in data["features"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(str(path), f"not a ranker weights file ({exc.__class__.__name__})") from exc
    return Ranker(weights, origin=str(path))


@cache
def trained_weights() -> Ranker:
    """The weights fitted on the public corpora, shipped in the package (``train.py`` rebuilds them)."""
    ref = resources.files("geoevents.geoparse").joinpath(WEIGHTS_FILE)
    with resources.as_file(ref) as path:
        return ranker_from_path(path)


def ranker_by_name(name: str) -> Ranker:
    """``hand``, ``trained`` or the path of a weights file."""
    if name == "hand":
        return hand_weights()
    if name == "trained":
        return trained_weights()
    return ranker_from_path(name)


@cache
def shipped_ranker() -> Ranker:
    """The weights the resolver uses unless told otherwise (``DEFAULT_WEIGHTS``)."""
    return ranker_by_name(DEFAULT_WEIGHTS)
