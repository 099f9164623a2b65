"""Why a mention got its place: the features that weighed most for the chosen candidate and for the
runner-up (``geoevents parse --explain``)."""

from __future__ import annotations

from typing import Any

from geoevents.gazetteer.base import Candidate
from geoevents.geoparse.ranker import Ranker
from geoevents.records import Article, ResolvedMention

TOP = 3  # features shown per candidate


def explained_mentions(
    article: Article, *, gazetteer: Any, ranker: Ranker | None = None
) -> tuple[list[ResolvedMention], dict[int, dict[str, Any]]]:
    """Every mention resolved as ``parse`` does, and for each mention ranked among two or more candidates
    (by ``id`` of the mention) its explanation."""
    from geoevents.geoparse.parse import mentions_from_article
    from geoevents.resolve import ResolverOptions, Trace, resolver_for

    resolver = resolver_for(gazetteer, options=ResolverOptions(ranker=ranker))
    trace: Trace = {}
    resolved = resolver.resolve(article, mentions_from_article(article, gazetteer=gazetteer), trace=trace)
    out = {}
    for rm in resolved:
        found = trace.get(id(rm.mention))
        if found is not None:
            out[id(rm.mention)] = explanation(rm, *found, ranker=resolver.ranker)
    return resolved, out


def explanation(
    rm: ResolvedMention, cands: list[Candidate], features: list[dict[str, float]], *, ranker: Ranker
) -> dict[str, Any]:
    """The chosen candidate (the resolver's final choice, or the best scored when it left the mention
    unresolved) and the best other one: each with its score and its weightiest features."""
    scores = [ranker.score(f) for f in features]
    by_score = sorted(range(len(cands)), key=lambda x: -scores[x])
    chosen = by_score[0]
    if rm.place is not None:
        chosen = next((x for x in by_score if cands[x].place.feature_id == rm.place.feature_id), chosen)
    runner_up = next((x for x in by_score if x != chosen), None)
    out: dict[str, Any] = {"chosen": _candidate(cands[chosen], scores[chosen], features[chosen], ranker)}
    if runner_up is not None:
        out["runner_up"] = _candidate(cands[runner_up], scores[runner_up], features[runner_up], ranker)
    return out


def _candidate(c: Candidate, score: float, features: dict[str, float], ranker: Ranker) -> dict[str, Any]:
    p = c.place
    return {
        "name": p.name,
        "feature_id": p.feature_id,
        "country_code": p.country_code,
        "admin1": p.admin1,
        "score": round(score, 3),
        "features": dict(ranker.explain(features, top=TOP)),
    }
