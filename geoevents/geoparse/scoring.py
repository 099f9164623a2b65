"""What the article adds to each candidate's static score, per pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.normalize import normalize_name
from geoevents.geoparse import features as F
from geoevents.geoparse.context import NO_SUPPORT, Context
from geoevents.geoparse.lookups import Lookups
from geoevents.geoparse.ranker import dot
from geoevents.records import Mention, Place


class Around(NamedTuple):
    """A mention's own surroundings: the area named just before it, whether it acts as a government,
    the kind of place its list is of (a tuple: one is made per mention, and is part of a memo key). The
    coherence pass makes it; the scorer reads it."""

    local: tuple[str, str | None] | None
    acting: bool
    hint: tuple[str, str | None] | None


@dataclass(frozen=True, slots=True)
class ToponymSequence:
    """An article's toponyms and what the resolver's passes over them share."""

    toponyms: Sequence[Mention]
    direct: dict[int, Place | None]
    cand_lists: dict[int, list[Candidate]]
    per_mention: dict[int, tuple[str, str | None, list[float]]]
    around: dict[int, Around]
    classes_of: dict[int, frozenset[str]]


class Scorer:
    """What the article adds to each candidate's static score, remembered per country, first-level area
    and name within a pass."""

    def __init__(
        self, resolver: Lookups, context: Context, facts: F.AreaFacts, pairs: dict[tuple[str, str], float]
    ) -> None:
        ranker = resolver.ranker
        self.resolver = resolver
        self.context, self.facts, self.pairs = context, facts, pairs
        self.anchor: F.Anchor | None = None
        self._w_fixed, self._w_country, self._w_admin1 = ranker.fixed, ranker.country, ranker.admin1
        self._w_distance, self._w_mention = ranker.distance, ranker.mention
        self._cc: dict[tuple[str, bool], float] = {}
        self._a1: dict[tuple[str | None, str, bool], float] = {}
        self._fixed: dict[tuple[str, str | None, int], list[float]] = {}
        self._weighed: dict[tuple[str, str | None, int], list[float]] = {}

    def new_pass(
        self,
        anchor: tuple[float, float] | None,
        dominant: dict[str, float],
        dominant_a1: dict[tuple[str | None, str], float],
    ) -> None:
        """Start the second pass: the first pass's anchor point and country and area shares now count."""
        self.anchor = F.anchor_at(anchor)
        self.facts.dominant = dominant
        self.facts.dominant_a1 = dominant_a1
        self.facts.renew_top()
        self._cc.clear()
        self._a1.clear()
        self._weighed.clear()

    def fixed_vector(self, p: Place, key: str, follow: str | None) -> tuple[float, ...]:
        """The ``FIXED`` features of one candidate of the name ``key``."""
        ctx = self.context
        county = p.feature_class == "populated_place" and bool(ctx.counties) and ctx.names_county_of(p, key)
        town = p.feature_class == "admin2" and ctx.names_town_of(p, key) and normalize_name(p.name) == key
        backed = self.pairs.get((key, p.feature_id), 0.0) if self.pairs else 0.0
        return F.state_after(p, follow), float(county), float(town), backed

    def _country_part(self, cc: str, own: bool) -> float:
        part = self._cc.get((cc, own))
        if part is None:
            part = self._cc[(cc, own)] = dot(self._w_country, F.country_vector(cc, own, self.facts))
        return part

    def _admin1_part(self, cc: str | None, admin1: str, own: bool) -> float:
        part = self._a1.get((cc, admin1, own))
        if part is None:
            vec = F.admin1_vector(cc, admin1, own, self.facts)
            part = self._a1[(cc, admin1, own)] = dot(self._w_admin1, vec)
        return part

    def in_article(
        self, key: str, follow: str | None, static: list[float], cands: list[Candidate]
    ) -> list[float]:
        """Each candidate's score from its name and the whole article (not the mention's surroundings)."""
        memo_key = (key, follow, id(static))
        found = self._weighed.get(memo_key)
        if found is not None:
            return found
        base = self._fixed.get(memo_key)
        if base is None:
            w = self._w_fixed
            base = [
                st + dot(w, self.fixed_vector(c.place, key, follow))
                for st, c in zip(static, cands, strict=True)
            ]
            self._fixed[memo_key] = base
        ccs, a1s = self.context.own.get(key, NO_SUPPORT)
        cc_parts, a1_parts, anchor = self._cc, self._a1, self.anchor
        out: list[float] = []
        for b, c in zip(base, cands, strict=True):
            p = c.place
            cc, admin1 = p.country_code, p.admin1
            s = b
            if cc:  # the remembered part first: a method call per candidate is what costs here
                own = cc in ccs
                part = cc_parts.get((cc, own))
                s += self._country_part(cc, own) if part is None else part
            if admin1:
                own = (cc, admin1) in a1s
                part = a1_parts.get((cc, admin1, own))
                s += self._admin1_part(cc, admin1, own) if part is None else part
            if anchor is not None:
                s += self._w_distance * F.near_article_places(p, anchor)
            out.append(s)
        self._weighed[memo_key] = out
        return out

    def scores(
        self, key: str, follow: str | None, static: list[float], cands: list[Candidate], around: Around
    ) -> list[float]:
        """Each candidate's whole score: the article's part and the mention's surroundings' (the
        ``MENTION`` features, worked out only where the mention has such surroundings)."""
        scores = self.in_article(key, follow, static, cands)
        local, acting, hint = around.local, around.acting, around.hint
        if local is None and not acting and hint is None:
            return scores
        w_local, w_actor, w_list = self._w_mention
        capitals = self.resolver.capitals
        out = list(scores)
        for x, c in enumerate(cands):
            p = c.place
            if local is not None and p.country_code == local[0]:  # (local_area's test, first)
                out[x] += w_local * F.local_area(p, local)
            if acting:
                out[x] += w_actor * F.capital_actor(p, acting, capitals)
            if hint is not None and p.feature_class == hint[0]:  # (list_kind's test, first)
                out[x] += w_list * F.list_kind(p, hint)
        return out

    def features(
        self,
        key: str,
        follow: str | None,
        cands: list[Candidate],
        area_classes: frozenset[str],
        around: Around,
    ) -> list[dict[str, float]]:
        """Every feature of each candidate, by name (for explanations and training; not on the fast path)."""
        resolver, facts = self.resolver, self.facts
        ccs, a1s = self.context.own.get(key, NO_SUPPORT)
        out = []
        for c, static in zip(cands, resolver.static_vectors(cands, area_classes=area_classes), strict=True):
            p = c.place
            cc, admin1 = p.country_code, p.admin1
            values = [
                *static,
                *self.fixed_vector(p, key, follow),
                *(F.country_vector(cc, cc in ccs, facts) if cc else (0.0,) * len(F.COUNTRY)),
                *(
                    F.admin1_vector(cc, admin1, (cc, admin1) in a1s, facts)
                    if admin1
                    else (0.0,) * len(F.ADMIN1)
                ),
                F.near_article_places(p, self.anchor),
                *F.mention_vector(
                    p, local=around.local, acting=around.acting, hint=around.hint, capitals=resolver.capitals
                ),
            ]
            out.append(dict(zip(F.FEATURES, values, strict=True)))
        return out
