"""Toponym resolution: choose a gazetteer place for every mention, with a score and a geo_precision.

mention -> candidates -> features -> ranking -> choice. This module runs the stage; its parts live in
``geoevents/geoparse/``:

- ``lookups.py``: the gazetteer's candidates for a name, areas and countries, remembered;
- ``features.py`` and ``ranker.py``: each candidate's named features and their weighted sum;
- ``context.py`` and ``scoring.py``: what the article says about areas, and the article's part of each
  score, worked out once per pass (a second pass adds the first pass's places: distance, majority);
- ``coherence.py``: lists, one reading per name, "Paris, Missouri" lent to the bare "Paris", readings
  of two names near each other;
- ``filters.py``: choices too weakly supported to keep;
- ``compounds.py``: demonyms, borders, regional expressions and ACLED geo_precision.

``NOT_PLACE`` mentions get no place.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import chain
from typing import Any

from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.normalize import normalize_name
from geoevents.geoparse import features as F
from geoevents.geoparse.coherence import Coherence
from geoevents.geoparse.compounds import Compounds
from geoevents.geoparse.context import Areas, Context, Trace, in_named_a1
from geoevents.geoparse.filters import Filters, names_landform
from geoevents.geoparse.options import DEFAULT_OPTIONS, ResolverOptions
from geoevents.geoparse.scoring import Scorer, ToponymSequence
from geoevents.memo import stage_for
from geoevents.records import Article, Mention, MentionKind, MentionRole, Place, ResolvedMention

# The word of its own kind after a name ("Kirkuk province", "Ohio Gov."), and the classes it asks for.
_AREA_WORD_AFTER = re.compile(
    r"\s+([Pp]rovince|[Gg]overnorate|[Ss]tate|[Cc]ounty|[Rr]egion|[Dd]istrict|[Pp]arish"
    r"|(?:[Ll]t\.\s+)?[Gg]ov\.|(?:[Ll]ieutenant\s+)?[Gg]overnor|[Ll]egislature)(?!\w)"
)
_AREA_CLASSES = frozenset({"admin1", "admin2", "region"})  # what any other such word asks for
# "the Houston region" is the city's surroundings, not Houston County: a region is never a county.
_CLASSES_BY_AREA_WORD = {"region": frozenset({"admin1", "region"})}
# "New York Gov. Kathy Hochul", "the Washington Legislature": a governor or a legislature is a state's.
_ADMIN1_ONLY = frozenset({"admin1"})
_CLASSES_BY_AREA_WORD.update(
    {w: _ADMIN1_ONLY for w in ("gov.", "lt. gov.", "governor", "lieutenant governor", "legislature")}
)
_NO_CLASSES: frozenset[str] = frozenset()


def _top_two(scores: list[float]) -> tuple[int, float]:
    """The index of the highest of two or more scores (the first, on a tie) and the score that comes next."""
    best, best_s, runner_up = 0, scores[0], -math.inf
    for x in range(1, len(scores)):
        s = scores[x]
        if s > best_s:
            best, best_s, runner_up = x, s, best_s
        elif s > runner_up:
            runner_up = s
    return best, runner_up


class Resolver(Compounds, Coherence, Filters):
    """Resolves mentions against one gazetteer; reuse one instance (it caches candidate lists)."""

    def resolve(
        self,
        article: Article,
        mentions: Sequence[Mention],
        *,
        trace: Trace | None = None,
    ) -> list[ResolvedMention]:
        """A place (or None), a confidence and a geo_precision for every mention, in input order.

        ``trace``, when given, receives for each ranked mention (by ``id``) every feature of each of its
        candidates in the last pass, beside the candidates."""
        text = article.text
        opts = self.options
        toponyms = [
            m for m in mentions if m.kind is MentionKind.TOPONYM and m.role is not MentionRole.NOT_PLACE
        ]
        # Direct places: demonyms and abbreviations point to a known country.
        direct: dict[int, Place | None] = {}
        for m in toponyms:
            if m.role is MentionRole.DEMONYM or (m.parts and m.country_code):
                direct[id(m)] = self._direct(m)
        lookup = {id(m): self._lookup_name(text, m) for m in toponyms if id(m) not in direct}
        cand_lists = {key: self.candidates(name) for key, name in lookup.items()}

        named_cc, named_a1, area_at = self._named_areas(toponyms, direct, cand_lists)
        # A name with more namesakes than are weighed ("Monroe County": seventeen in the US) may have left
        # out the one in the state the article names: weigh that one too.
        if named_a1:
            for key_id, cands in cand_lists.items():
                if len(cands) >= opts.candidates:
                    extra = self._in_named_areas(lookup[key_id], cands, named_a1)
                    if extra:
                        cand_lists[key_id] = cands + extra
        context = self._context(toponyms, cand_lists, named_cc, named_a1)
        facts = F.AreaFacts(named_cc, named_a1, context.support_cc, context.support_a1, self._neighbours, {})
        facts.renew_top()
        per_mention, worded, classes_of = self._name_scores(text, toponyms, direct, lookup, cand_lists)
        list_hint = self._list_hints(text, toponyms, direct, cand_lists, per_mention)
        pairs = self._pair_support(toponyms, per_mention, cand_lists) if self._use_pairs else {}
        scorer = Scorer(self, context, facts, pairs)
        chosen: dict[int, tuple[Place | None, float]] = {}
        match: dict[int, float] = {}  # how well the chosen place's name matches (< 0.99: an alternate name)
        around = self._surroundings(toponyms, cand_lists, list_hint, area_at)
        sequence = ToponymSequence(toponyms, direct, cand_lists, per_mention, around, classes_of)
        for anchor_pass in (False, True):
            if anchor_pass and not self._second_pass(scorer, sequence, chosen):
                break
            self._rank(scorer, sequence, chosen, match, trace)

        if opts.one_sense:
            self._one_sense(toponyms, per_mention, chosen, match, cand_lists, worded)
        self._spread_qualified(toponyms, per_mention, chosen, match, cand_lists)
        return self._outputs(text, mentions, toponyms, chosen, match, context)

    def _named_areas(
        self,
        toponyms: Sequence[Mention],
        direct: dict[int, Place | None],
        cand_lists: dict[int, list[Candidate]],
    ) -> tuple[Counter[str], Counter[tuple[str | None, str]], list[tuple[int, str, str | None]]]:
        """The countries and admin-1 areas the article names outright, and where each is named."""
        named_cc: Counter[str] = Counter()
        named_a1: Counter[tuple[str | None, str]] = Counter()
        area_at: list[tuple[int, str, str | None]] = []
        for m in toponyms:
            place = direct.get(id(m))
            if place is None and id(m) in cand_lists and cand_lists[id(m)]:
                place = self._named_area(cand_lists[id(m)])
            if place is None:
                continue
            if place.feature_class in ("country", "admin1") and place.country_code:
                state = place.name if place.feature_class == "admin1" else None
                area_at.append((m.end, place.country_code, state))
            if place.country_code and place.feature_class == "country":
                named_cc[place.country_code] += 1
            elif place.feature_class == "admin1":
                named_a1[(place.country_code, place.name)] += 1
                if place.country_code:
                    named_cc[place.country_code] += 1
        return named_cc, named_a1, area_at

    def _context(
        self,
        toponyms: Sequence[Mention],
        cand_lists: dict[int, list[Candidate]],
        named_cc: Counter[str],
        named_a1: Counter[tuple[str | None, str]],
    ) -> Context:
        """What the article says about areas: those it names, those its names' candidates lie in, and the
        counties and towns among its names."""
        # Coherence: how many distinct names have a candidate in each country / admin-1.
        support_cc: Counter[str] = Counter()
        support_a1: Counter[tuple[str | None, str | None]] = Counter()
        name_keys: dict[str, list[Candidate]] = {}
        for m in toponyms:
            if id(m) in cand_lists:
                name_keys.setdefault(normalize_name(m.text), cand_lists[id(m)])
        own: dict[str, Areas] = {}
        # Second-level areas the article's names may be ("Henry County"), with the names that may be them.
        counties: dict[tuple[str | None, str | None, str], set[str]] = {}
        towns_in: dict[tuple[str | None, str | None, str], set[str]] = {}
        for key, cands in name_keys.items():
            # "Monroe County" in a story about Missouri is that state's, not the one in Illinois.
            in_named = bool(named_a1) and any(
                c.place.feature_class == "admin2" and in_named_a1(c.place, named_a1) for c in cands
            )
            for c in cands:
                p = c.place
                if c.match_score < 0.99:  # "Texas County" itself, not "Texas" as its alias
                    continue
                if p.feature_class == "admin2":
                    if in_named and not in_named_a1(p, named_a1):
                        continue
                    counties.setdefault((p.country_code, p.admin1, p.name), set()).add(key)
                elif p.feature_class == "populated_place" and p.admin2:
                    towns_in.setdefault((p.country_code, p.admin1, p.admin2), set()).add(key)
        for key, cands in name_keys.items():
            own[key] = self._areas_of(cands)
        support_cc.update(chain.from_iterable(ccs for ccs, _ in own.values()))
        support_a1.update(chain.from_iterable(a1s for _, a1s in own.values()))

        return Context(named_cc, named_a1, support_cc, support_a1, own, counties, towns_in)

    def _outputs(
        self,
        text: str,
        mentions: Sequence[Mention],
        toponyms: Sequence[Mention],
        chosen: dict[int, tuple[Place | None, float]],
        match: dict[int, float],
        context: Context,
    ) -> list[ResolvedMention]:
        """Every mention's resolution, in input order: uncorroborated weak choices dropped, then borders and
        regional expressions composed from the places chosen."""
        out: list[ResolvedMention] = []
        resolved_by_text: dict[str, Place] = {}
        for m in toponyms:
            place, conf = chosen.get(id(m), (None, 0.0))
            if place is None:
                continue
            if (
                conf < self.options.min_score
                or self._too_weak(m, place, context, match=match.get(id(m), 1.0))
                or names_landform(text, m, place)
            ):
                chosen[id(m)] = (None, 0.0)
            else:
                resolved_by_text.setdefault(normalize_name(m.text), place)
        for m in mentions:
            if m.role is MentionRole.NOT_PLACE:
                out.append(ResolvedMention(m, None, 0.0, 3))
                continue
            if m.kind is MentionKind.TOPONYM:
                place, conf = chosen.get(id(m), (None, 0.0))
                precision = self._precision(place, text=text, start=m.start)
                out.append(ResolvedMention(m, place, round(conf, 4), precision))
            elif m.kind is MentionKind.BORDER:
                place = self._border(m, resolved_by_text, context.named_cc, chosen, toponyms)
                out.append(ResolvedMention(m, place, 0.8 if place else 0.0, 3))
            else:
                place, precision = self._region(m, resolved_by_text)
                out.append(ResolvedMention(m, place, 0.75 if place else 0.0, precision))
        return out

    def _name_scores(
        self,
        text: str,
        toponyms: Sequence[Mention],
        direct: dict[int, Place | None],
        lookup: dict[int, str],
        cand_lists: dict[int, list[Candidate]],
    ) -> tuple[dict[int, tuple[str, str | None, list[float]]], set[int], dict[int, frozenset[str]]]:
        """Each looked-up mention's (name key, the state written after it, static scores); the mentions
        with a word of their own kind ("Kirkuk province", "Ohio Gov."); the classes that word asks for."""
        per_mention: dict[int, tuple[str, str | None, list[float]]] = {}
        worded: set[int] = set()
        classes_of: dict[int, frozenset[str]] = {}
        prev: Mention | None = None
        for m in toponyms:
            if id(m) not in direct:
                key = normalize_name(lookup[id(m)])
                word = _AREA_WORD_AFTER.match(text, m.end)
                area_classes = (
                    _CLASSES_BY_AREA_WORD.get(" ".join(word.group(1).casefold().split()), _AREA_CLASSES)
                    if word
                    else _NO_CLASSES
                )
                if (
                    not word
                    and prev is not None
                    and prev.end == m.start - 2
                    and text[prev.end : m.start] == ", "
                    and self._qualifies(
                        per_mention.get(id(prev)), cand_lists.get(id(prev)), cand_lists[id(m)]
                    )
                ):
                    area_classes = _ADMIN1_ONLY  # "Yonkers, New York": the state the place before lies in
                static = self._static_scores(key, cand_lists[id(m)], area_classes=area_classes)
                per_mention[id(m)] = (key, self._following_area(text, m.end), static)
                classes_of[id(m)] = area_classes
                if area_classes:
                    worded.add(id(m))
            prev = m
        return per_mention, worded, classes_of

    def _second_pass(
        self, scorer: Scorer, seq: ToponymSequence, chosen: dict[int, tuple[Place | None, float]]
    ) -> bool:
        """Set up the second pass from the first's choices (where they lie, which country most of them
        are in, what an ambiguous area name was read as); False when the first pass gives nothing to use."""
        anchor = self._anchor(chosen)
        dominant = self._dominant(chosen)
        if anchor is None and not dominant:
            return False
        facts = scorer.facts
        # An ambiguous area name ("Georgia") names what the first pass read it as.
        for m in seq.toponyms:
            if id(m) in seq.direct or id(m) not in seq.cand_lists:
                continue
            place, conf = chosen.get(id(m), (None, 0.0))
            if place is None or conf < 0.5 or self._named_area(seq.cand_lists[id(m)]) is not None:
                continue
            if place.feature_class == "admin1":
                facts.named_a1[(place.country_code, place.name)] += 1
            if place.feature_class in ("country", "admin1") and place.country_code:
                facts.named_cc[place.country_code] += 1
        scorer.new_pass(anchor, dominant, self._dominant_admin1(chosen))
        return True

    def _rank(
        self,
        scorer: Scorer,
        seq: ToponymSequence,
        chosen: dict[int, tuple[Place | None, float]],
        match: dict[int, float],
        trace: Trace | None,
    ) -> None:
        """One pass: each mention's best candidate and the confidence its lead over the next one gives."""
        # Repeated names ("Russia" ten times) with the same neighbours score the same: rank once.
        ranked: dict[tuple[Hashable, ...], tuple[int, float]] = {}
        for m in seq.toponyms:
            if id(m) in seq.direct:
                chosen[id(m)] = (seq.direct[id(m)], 0.9 if seq.direct[id(m)] else 0.0)
                continue
            cands = seq.cand_lists[id(m)]
            if not cands:
                chosen[id(m)] = (None, 0.0)
                continue
            if len(cands) == 1:  # nothing to weigh: the confidence of a lone candidate is fixed
                chosen[id(m)] = (cands[0].place, 0.95 * m.score)
                match[id(m)] = cands[0].match_score
                continue
            key, follow, static = seq.per_mention[id(m)]
            around = seq.around[id(m)]
            memo_key = (key, follow, id(static), around)  # static: the name, "X province"
            memo = ranked.get(memo_key)
            if memo is None:
                scores = scorer.scores(key, follow, static, cands, around)
                best, runner_up = _top_two(scores)
                memo = (best, 1.0 / (1.0 + math.exp(-2.0 * (scores[best] - runner_up))))
                ranked[memo_key] = memo
            if trace is not None:
                trace[id(m)] = (cands, scorer.features(key, follow, cands, seq.classes_of[id(m)], around))
            chosen[id(m)] = (cands[memo[0]].place, memo[1] * m.score)
            match[id(m)] = cands[memo[0]].match_score


_RESOLVERS: dict[tuple[int, Hashable], Resolver] = {}


def resolver_for(gazetteer: Any, *, options: ResolverOptions = DEFAULT_OPTIONS) -> Resolver:
    """One cached resolver per gazetteer and options."""
    return stage_for(_RESOLVERS, lambda g, o: Resolver(g, options=o), gazetteer, options)


def resolved_mentions_from_mentions(
    article: Article,
    mentions: Sequence[Mention],
    *,
    gazetteer: Any,
    options: ResolverOptions = DEFAULT_OPTIONS,
) -> list[ResolvedMention]:
    """A place (or None), a confidence and an ACLED geo_precision for every mention, in input order."""
    return resolver_for(gazetteer, options=options).resolve(article, mentions)
