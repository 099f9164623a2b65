"""Fit the ranker's weights on the public corpora, and score them corpus by corpus held out.

    python -m geoevents.geoparse.train ../shared/corpora            # writes geoparse/ranker_weights.json

Each gold toponym the geoparser finds gives one candidate set: the features of each candidate the
resolver weighed for it (the same candidate code and features as at run time). The candidate nearest
the gold point, when within 161 km, is the right one; those beyond 161 km are wrong; a set with no
right candidate, or no wrong one, teaches nothing and is left out. The weights come from a logistic
regression on pairs (right minus wrong, each set weighing one in all), which fits what the resolver
does with them: pick the candidate of the highest score; it is drawn toward the hand weights, not
toward zero, so a weight moves from its hand setting only as far as all the corpora agree. Needs SciPy
(the ``train`` extra); the run time does not.
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
from geoevents.geoparse.features import FEATURES, SIGNS
from geoevents.geoparse.ranker import WEIGHTS_FILE, Ranker, hand_weights
from geoevents.records import Article, Mention, MentionKind

C = 0.001  # how far the data may draw the weights from the hand weights, chosen held out (README)
ROUNDS = 3  # fits, each weighing a set's wrong candidates by the last fit's likelihoods


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


def fit(corpora: Sequence[Sequence[CandidateSet]], *, c: float = C, rounds: int = ROUNDS) -> Ranker:
    """Weights from a pairwise logistic regression on the candidate sets of some corpora, drawn toward
    the hand weights.

    Each corpus weighs the same in all, whatever its size, and each candidate set the same within its
    corpus; each wrong candidate of a set weighs by how likely the weights so far (the hand weights in
    the first round) make it, so that the close rivals the resolver must tell apart, not the far-fetched
    namesakes, shape the weights (the listwise loss, approached by pairs). The weights are the hand
    weights at a free scale plus a change that the L2 penalty keeps small: they depart from the hand
    weights only where the data say so, and are returned at the hand weights' scale, which the
    resolver's confidence thresholds are set at."""
    try:
        import numpy as np
        import scipy  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise SystemExit("training needs SciPy: pip install 'geoevents[train]'") from exc
    hand = np.asarray([hand_weights().weights.get(n, 0.0) for n in FEATURES])
    weights = hand
    for _ in range(rounds):
        diffs, sample = _pairs(corpora, weights, np)
        weights = _signed_fit(diffs, sample, hand, c=c)
    return Ranker({n: round(float(w), 4) for n, w in zip(FEATURES, weights, strict=True)}, origin="trained")


def _pairs(corpora: Sequence[Sequence[CandidateSet]], weights: Any, np: Any) -> tuple[Any, Any]:
    """(right minus wrong feature rows, their weights) of every set with a right and a wrong candidate."""
    rows: list[Any] = []
    sample: list[Any] = []
    for sets in corpora:
        share = 1000.0 / max(1, len(sets))
        for s in sets:
            right = s.right()
            wrong = [x for x, km in enumerate(s.km) if km >= ACC_KM]
            if right is None or not wrong:
                continue
            feats = np.asarray(s.features)
            z = 2.0 * (feats[wrong] @ weights)
            likely = np.exp(z - z.max())
            rows.append(feats[right] - feats[wrong])
            sample.append(share * likely / likely.sum())
    if not rows:
        raise ValueError("no candidate set with a right and a wrong candidate to learn from")
    return np.vstack(rows), np.concatenate(sample)


def _signed_fit(diffs: Any, sample: Any, hand: Any, *, c: float) -> Any:
    """Weights ``a * hand + d`` (``a`` free, ``d`` under an L2 penalty of strength ``1/c``) minimising the
    pairs' logistic loss, returned as ``hand + d / a``. A feature fitted against what it means
    (``SIGNS``; a collinear one compensating another) is left out and the rest refitted, so that no
    weight learned on two corpora reverses on the third."""
    import numpy as np
    from scipy.optimize import minimize

    signs = np.asarray([SIGNS.get(n, 0) for n in FEATURES])
    active = np.ones(len(FEATURES), dtype=bool)
    while True:
        x, centre = diffs * active, hand * active
        along = x @ centre

        def loss(v: Any, x: Any = x, along: Any = along) -> tuple[float, Any]:
            margin = v[0] * along + x @ v[1:]
            grad = -2.0 * c * sample / (1.0 + np.exp(margin))
            value = 2.0 * c * float(sample @ np.logaddexp(0.0, -margin)) + 0.5 * float(v[1:] @ v[1:])
            return value, np.concatenate(([grad @ along], grad @ x + v[1:]))

        start = np.concatenate(([1.0], np.zeros(len(FEATURES))))
        bounds = [(1e-3, None)] + [(None, None)] * len(FEATURES)  # a scale, never a flip of the hand weights
        v = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000}).x
        weights = (centre + v[1:] / v[0]) * active
        against = active & (weights * signs < 0)
        if not against.any():
            return weights
        active &= ~against


def corpus_paths(folder: Path | str) -> dict[str, Path]:
    """The three public corpora in a folder laid out as ``../shared/corpora``."""
    return {name: Path(folder) for name in CORPORA}


def train(folder: Path | str, *, gazetteer: Any, names: Sequence[str] = CORPORA, c: float = C) -> Ranker:
    """Weights fitted on the named corpora (all three by default)."""
    base = hand_weights()
    return fit([candidate_sets(name, folder, gazetteer=gazetteer, ranker=base) for name in names], c=c)


def cross_reports(
    folder: Path | str, *, gazetteer: Any, c: float = C, limit: int | None = None
) -> list[tuple[str, str, EvaluationReport]]:
    """Each corpus scored three ways, as (corpus, weights, report): with the hand weights, with weights
    trained on all three corpora (in-corpus), and with weights trained on the other two (held out)."""
    base = hand_weights()
    sets = {n: candidate_sets(n, folder, gazetteer=gazetteer, ranker=base, limit=limit) for n in CORPORA}
    everything = fit([sets[n] for n in CORPORA], c=c)
    out = []
    for held in CORPORA:
        held_out = fit([sets[n] for n in CORPORA if n != held], c=c)
        for label, ranker in (
            ("hand", base),
            ("trained, in-corpus", everything),
            ("trained, held out", held_out),
        ):
            out.append(
                (held, label, evaluate_corpus(held, folder, gazetteer=gazetteer, limit=limit, ranker=ranker))
            )
    return out


def format_cross(rows: Sequence[tuple[str, str, EvaluationReport]]) -> str:
    """The leave-one-corpus-out table: each corpus's scores by the weights used."""
    header = f"{'corpus':<9} {'weights':<19} {'P':>5} {'R':>5} {'F1':>5} {'acc@161':>7} {'AUC':>5}"
    lines = [header, "-" * len(header)]
    for corpus, label, r in rows:
        scores = f"{r.precision:>5.3f} {r.recall:>5.3f} {r.f1:>5.3f} {r.acc161:>7.3f} {r.auc:>5.3f}"
        lines.append(f"{corpus:<9} {label:<19} {scores}")
    return "\n".join(lines)


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
