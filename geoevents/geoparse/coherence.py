"""How an article's names bear on each other beyond the features: lists, one reading per name, "Town,
State" lent to bare mentions, readings near each other, the first pass's anchor and majority."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from operator import attrgetter, itemgetter

from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.normalize import normalize_name
from geoevents.geoparse import features as F
from geoevents.geoparse.lookups import Lookups
from geoevents.geoparse.scoring import Around
from geoevents.records import Mention, MentionRole, Place

_END = itemgetter(0)
_START = attrgetter("start")

# What separates the members of a list of places: "Ohio, Utah and Washington", "France; Spain or Italy".
_LIST_GAP = re.compile(r"(?:\s*[,;]\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")
_LIST_GAP_MAX = 8  # the longest separator: ", and " with some spacing

_POINT_CLASSES = frozenset({"populated_place", "admin2", "base"})


# Readings under a third as likely as their name's best, or below its few likeliest, neither back others
# nor gain backing worth weighing.
_PAIR_MIN_LOG = math.log(1 / 3)


_PAIR_TOP = 6


def _pair_floor(static: list[float], best: float) -> float:
    """The lowest static score of a name's readings that take part in pairing."""
    top = sorted(static, reverse=True)[:_PAIR_TOP][-1]
    return max(top, best + _PAIR_MIN_LOG)


class Coherence(Lookups):
    """The passes and hints that read a story's names together."""

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

    def _surroundings(
        self,
        toponyms: Sequence[Mention],
        cand_lists: dict[int, list[Candidate]],
        list_hint: dict[int, tuple[str, str | None]],
        area_at: list[tuple[int, str, str | None]],
    ) -> dict[int, Around]:
        """Each mention's own surroundings, the same in both passes: the country or admin-1 area named last
        close before it (``area_at``: where each is named), whether it acts as a government, the kind of
        place its list is of."""
        area_at = sorted(area_at, key=_END)
        ends = [end for end, _, _ in area_at]
        reach = self.options.local_chars if self._use_local else -1
        out: dict[int, Around] = {}
        for m in toponyms:
            if len(cand_lists.get(id(m), ())) < 2:
                continue  # a direct place, or nothing to rank
            local = None
            x = bisect_right(ends, m.start) - 1
            if x >= 0 and m.start - ends[x] <= reach:
                while x > 0 and ends[x - 1] == ends[x]:  # the first named there
                    x -= 1
                local = area_at[x][1:]
            out[id(m)] = Around(local, m.role is MentionRole.METONYMIC, list_hint.get(id(m)))
        return out

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
