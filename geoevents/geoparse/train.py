"""Fit the ranker's weights on the public corpora, and score them corpus by corpus held out.

    python -m geoevents.geoparse.train ../shared/corpora            # writes geoparse/ranker_weights.json

Each gold toponym the geoparser finds gives one candidate set: the features of each candidate the
resolver weighed for it (the same candidate code and features as at run time). The candidate nearest
the gold point, when within 161 km, is the right one; those beyond 161 km are wrong; a set with no
right candidate, or no wrong one, teaches nothing and is left out. The weights come from a logistic
regression on pairs (right minus wrong, each set weighing one in all), which fits what the resolver
does with them: pick the candidate of the highest score. Needs scikit-learn (the ``train`` extra);
the run time does not.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geoevents.evaluate import (
    ACC_KM,
    CORPORA,
    EvaluationReport,
    Prediction,
    corpus_articles_from_path,
    evaluate_corpus,
    haversine_km,
    match_toponyms,
)
from geoevents.geoparse.features import FEATURES
from geoevents.geoparse.ranker import WEIGHTS_FILE, Ranker, hand_weights
from geoevents.records import Article, Mention, MentionKind

C = 1.0  # inverse regularisation strength, chosen on the leave-one-corpus-out scores
# The resolver turns a lead of d into a confidence of 1/(1+exp(-2d)); halving the fitted weights makes
# that the pairwise probability the regression estimates, so the confidence thresholds keep their sense.
SCALE = 0.5


@dataclass(frozen=True, slots=True)
class CandidateSet:
    """The candidates weighed for one gold toponym: their features (in ``FEATURES`` order) and their
    distances to the gold point in km."""

    features: tuple[tuple[float, ...], ...]
    km: tuple[float, ...]

    def right(self) -> int | None:
        """The candidate taken as the right one: the nearest, when within 161 km."""
        best = min(range(len(self.km)), key=self.km.__getitem__)
        return best if self.km[best] < ACC_KM else None


def candidate_sets(
    name: str, path: Path | str, *, gazetteer: Any, ranker: Ranker, limit: int | None = None
) -> list[CandidateSet]:
    """The candidate sets of every gold toponym with coordinates that the geoparser finds in a corpus."""
    from geoevents.geoparse.parse import mentions_from_article
    from geoevents.resolve import Resolver, ResolverOptions, Trace

    resolver = Resolver(gazetteer, options=ResolverOptions(ranker=ranker))
    out: list[CandidateSet] = []
    for art in corpus_articles_from_path(name, path)[:limit]:
        article = Article(id=f"{name}:{art.id}", text=art.text)
        mentions = mentions_from_article(article, gazetteer=gazetteer)
        trace: Trace = {}
        resolver.resolve(article, mentions, trace=trace)
        ranked: dict[int, Mention] = {}
        predictions: list[Prediction] = []
        for m in mentions:
            if m.kind is MentionKind.TOPONYM and id(m) in trace:
                p = Prediction(m.start, m.end, m.text, None, None)
                ranked[id(p)] = m
                predictions.append(p)
        gold = [g for g in art.toponyms if g.lat is not None and g.lon is not None]
        for g, found in match_toponyms(gold, predictions):
            if found is None or g.lat is None or g.lon is None:
                continue
            cands, feats = trace[id(ranked[id(found)])]
            km = tuple(haversine_km(g.lat, g.lon, c.place.lat, c.place.lon) for c in cands)
            out.append(CandidateSet(tuple(tuple(f[n] for n in FEATURES) for f in feats), km))
    return out


def fit(sets: Sequence[CandidateSet], *, c: float = C) -> Ranker:
    """Weights from a pairwise logistic regression on the candidate sets."""
    try:
        import numpy as np
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise SystemExit("training needs scikit-learn: pip install 'geoevents[train]'") from exc
    rows: list[Any] = []
    labels: list[int] = []
    weights: list[float] = []
    for s in sets:
        right = s.right()
        wrong = [x for x, km in enumerate(s.km) if km >= ACC_KM]
        if right is None or not wrong:
            continue
        pos = np.asarray(s.features[right])
        for x in wrong:
            diff = pos - np.asarray(s.features[x])
            rows.extend((diff, -diff))
            labels.extend((1, 0))
            weights.extend((1.0 / len(wrong),) * 2)
    if not rows:
        raise ValueError("no candidate set with a right and a wrong candidate to learn from")
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(np.vstack(rows), np.asarray(labels), sample_weight=np.asarray(weights))
    coef = model.coef_[0] * SCALE
    return Ranker({n: round(float(w), 4) for n, w in zip(FEATURES, coef, strict=True)}, origin="trained")


def corpus_paths(folder: Path | str) -> dict[str, Path]:
    """The three public corpora in a folder laid out as ``../shared/corpora``."""
    return {name: Path(folder) for name in CORPORA}


def train(folder: Path | str, *, gazetteer: Any, names: Sequence[str] = CORPORA, c: float = C) -> Ranker:
    """Weights fitted on the named corpora (all three by default)."""
    base = hand_weights()
    sets = [s for name in names for s in candidate_sets(name, folder, gazetteer=gazetteer, ranker=base)]
    return fit(sets, c=c)


def cross_reports(
    folder: Path | str, *, gazetteer: Any, ranker: Ranker, c: float = C, limit: int | None = None
) -> list[tuple[EvaluationReport, EvaluationReport]]:
    """For each corpus: its scores with ``ranker`` (in-corpus), and with weights fitted on the other two."""
    base = hand_weights()
    sets = {n: candidate_sets(n, folder, gazetteer=gazetteer, ranker=base, limit=limit) for n in CORPORA}
    out = []
    for held in CORPORA:
        held_out = fit([s for n in CORPORA if n != held for s in sets[n]], c=c)
        inside = evaluate_corpus(held, folder, gazetteer=gazetteer, limit=limit, ranker=ranker)
        cross = evaluate_corpus(held, folder, gazetteer=gazetteer, limit=limit, ranker=held_out)
        out.append((inside, cross))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geoevents.geoparse.train", description=__doc__.split("\n")[0]
    )
    parser.add_argument("corpora", type=Path, help="the folder of the public corpora (../shared/corpora)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(WEIGHTS_FILE))
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    from geoevents.gazetteer import gazetteer_from_options

    ranker = train(args.corpora, gazetteer=gazetteer_from_options(), c=args.c)
    args.out.write_text(ranker.to_json(), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
