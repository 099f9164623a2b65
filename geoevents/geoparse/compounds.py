"""Compound mentions: demonyms and abbreviations, borders from their sides, regional expressions from
their areas, and ACLED geo_precision."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from geoevents.errors import GeoeventsError
from geoevents.gazetteer.normalize import normalize_name
from geoevents.geoparse.lookups import Lookups
from geoevents.geoparse.options import AREA_CLASSES, PRECISION_BY_CLASS
from geoevents.records import Mention, Place

# "northern Syria": the compass point a regional expression's qualifier names.
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

# Qualifiers that place an expression beside its area ("near Mosul", "north of Aleppo"): precision 2.
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

# Words before a town that place it near, not at, the site: "near the town of Jenin" (precision 2).
_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\boutside|\boutskirts\s+of|\bclose\s+to|\baround|\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of)"
    r"\s+(?:the\s+(?:city|town|village)\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_NEAR_LAST = ("near", "outside", "of", "to", "around", "the")  # the words _NEAR_BEFORE can end in


def _last_word(text: str, end: int) -> str:
    """The lower-case word (run of non-spaces) that ends a few characters before ``end``."""
    words = text[max(0, end - 24) : end].split()
    return words[-1].casefold() if words else ""


class Compounds(Lookups):
    """Places for the mentions not ranked among candidates."""

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
