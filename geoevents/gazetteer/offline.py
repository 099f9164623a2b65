"""``OfflineGeocoder``: the world gazetteer behind a geopy-shaped interface.

``geocode``/``reverse`` return geopy ``Location`` objects (so geopandas and geopy's ``RateLimiter`` work
unchanged); the pipeline uses ``candidates``/``is_name``/``border``/``country``, which return ``Place``.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geoevents.errors import GazetteerError
from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.borders import BRIDGE_DEGREES, border_feature_id, shared_boundary
from geoevents.gazetteer.curated import FEATURE_CLASSES, add_curated_rows, read_curated_csv
from geoevents.gazetteer.index import IndexData, NameTable, WkbStore, _NameTables, load_or_build
from geoevents.gazetteer.normalize import (
    ARABIC_ARTICLES,
    assimilated_article_variant,
    glued_article_variants,
    loose_key_from_normalized,
    normalize_name,
)
from geoevents.records import Place
from geoevents.settings import Settings

if TYPE_CHECKING:  # geopy (and the HTTP stack it imports) loads only when a geopy-style answer is asked for
    from geopy.location import Location

EXACT_SCORE, ALIAS_SCORE, LOOSE_SCORE, GLUED_SCORE = 1.0, 0.95, 0.85, 0.8
FUZZY_MAX_SCORE = 0.7  # fuzzy matches always rank below exact, alias and loose ones
FUZZY_MIN_CHARS = 5  # shorter names differ by one letter from too many others to guess at
# A query English text uses this often (wordfreq Zipf) is a word or name in its own right ("Everest",
# "Gorkha"), not a misspelling of a different place; true misspellings score about 0.
FUZZY_MAX_QUERY_ZIPF = 1.5
AREA_CLASSES = frozenset({"country", "admin1", "admin2", "region"})
# "northern Iraq": compass words and the part of the area's extent they select (fractions of the bbox).
DIRECTIONS: dict[str, tuple[float, float, float, float]] = {
    "northern": (0.0, 0.5, 1.0, 1.0),
    "southern": (0.0, 0.0, 1.0, 0.5),
    "eastern": (0.5, 0.0, 1.0, 1.0),
    "western": (0.0, 0.0, 0.5, 1.0),
    "central": (0.25, 0.25, 0.75, 0.75),
    "northeastern": (0.5, 0.5, 1.0, 1.0),
    "northwestern": (0.0, 0.5, 0.5, 1.0),
    "southeastern": (0.5, 0.0, 1.0, 0.5),
    "southwestern": (0.0, 0.0, 0.5, 0.5),
    "north": (0.0, 0.5, 1.0, 1.0),
    "south": (0.0, 0.0, 1.0, 0.5),
    "east": (0.5, 0.0, 1.0, 1.0),
    "west": (0.0, 0.0, 0.5, 1.0),
    "northeast": (0.5, 0.5, 1.0, 1.0),
    "northwest": (0.0, 0.5, 0.5, 1.0),
    "southeast": (0.5, 0.0, 1.0, 0.5),
    "southwest": (0.0, 0.0, 0.5, 0.5),
}
for _word, _box in list(DIRECTIONS.items()):
    if _word.endswith("ern"):
        DIRECTIONS[_word.replace("northern", "north").replace("southern", "south")[:-3] + "ern"] = _box
_DIRECTION_PREFIX = re.compile(
    r"^(?:the )?(" + "|".join(sorted(DIRECTIONS, key=len, reverse=True)) + r") (.+)$"
)
_BORDER_BETWEEN = re.compile(r"^(?:the )?(?:border|frontier|boundary) between (.+?) and (.+)$")
_BORDER_SUFFIX = re.compile(r"^(?:the )?(.+) (?:border|frontier|boundary)(?: area| region)?$")


def _as_codes(value: str | Sequence[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    return frozenset(c.strip().upper() for c in items if c and c.strip()) or None


# Features made from others on demand (a border, "northern Iraq"): not rows of the index.
DERIVED_PREFIXES = ("border:", "region_expression:")


class OfflineGeocoder:
    """Offline world gazetteer (GeoNames + Natural Earth + curated data) shaped like a geopy geocoder."""

    def __init__(
        self,
        *,
        extra_files: Iterable[Path | str] = (),
        settings: Settings | None = None,
        index: IndexData | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._index = index if index is not None else load_or_build(self.settings.cache_dir)
        self._places: dict[int, Place] = {}
        self._rows: dict[str, int] = {}  # feature id -> index, for the places built so far
        self._geoms: dict[int, BaseGeometry] = {}
        self._derived: dict[str, Place] = {}
        self._admin1_tree: Any = None
        self._fuzzy_keys: dict[tuple[str, int], list[str]] | None = None
        self._overlay_exact: dict[str, tuple[int, ...]] = {}
        self._overlay_loose: dict[str, tuple[int, ...]] = {}
        self._sorted_keys: dict[int, list[str]] = {}
        self._overlay_start = len(self._index)
        self.extra_files = tuple(Path(p) for p in extra_files)
        self._extra_digest = ""
        if self.extra_files:
            self._add_extra_files(self.extra_files)
            data = b"".join(p.read_bytes() for p in self.extra_files)
            self._extra_digest = "+" + hashlib.sha256(data).hexdigest()[:8]

    # ----------------------------------------------------------------- user files
    def _add_extra_files(self, paths: Sequence[Path]) -> None:
        """User rows live in a private copy of the index columns; the shared cached index is never touched."""
        base = self._index
        overlay = IndexData(**{name: _copy(getattr(base, name)) for name in IndexData.__slots__})
        tables = _NameTables()
        for path in paths:
            add_curated_rows(overlay, tables, read_curated_csv(path, source="user"), source="user")
        exact, loose = tables.freeze(overlay.prominence)
        self._overlay_exact, self._overlay_loose = exact, loose
        overlay.max_name_words = max(base.max_name_words, tables.max_words)
        self._index = overlay

    # ----------------------------------------------------------------- features
    @property
    def max_name_words(self) -> int:
        """Longest indexed name, in words: how far ahead a recogniser needs to look."""
        return self._index.max_name_words

    @property
    def version(self) -> str:
        """The index's data key (packaged data, curated files, index format), plus the user files read."""
        return self._index.version + self._extra_digest

    def __len__(self) -> int:
        return len(self._index)

    def _geometry(self, i: int) -> BaseGeometry:
        geom = self._geoms.get(i)
        if geom is None:
            wkb = self._index.geoms.get(i)
            geom = shapely.from_wkb(wkb) if wkb is not None else Point(self._index.lon[i], self._index.lat[i])
            self._geoms[i] = geom
        return geom

    def place(self, i: int) -> Place:
        """The ``Place`` record of feature ``i`` (built on first use, then reused)."""
        place = self._places.get(i)
        if place is None:
            ix = self._index
            geom = self._geometry(i)
            raw: dict[str, Any] = {
                "feature_id": ix.fid[i],
                "source": ix.source[i],
                "feature_class": ix.fclass[i],
                "country_code": ix.cc[i],
                "admin1": ix.admin1[i],
                "admin1_code": ix.admin1_code[i],
                "admin2": ix.admin2[i],
                "population": ix.population[i],
                "prominence": round(ix.prominence[i], 3),
                "name": ix.name[i],
            }
            raw.update(ix.extra.get(i, {}))  # the shape is not repeated here: place_to_location adds it
            place = Place(
                feature_id=ix.fid[i],
                name=ix.name[i],
                feature_class=ix.fclass[i],
                lat=ix.lat[i],
                lon=ix.lon[i],
                geometry=geom,
                source=ix.source[i],
                country_code=ix.cc[i],
                admin1=ix.admin1[i],
                admin2=ix.admin2[i],
                population=ix.population[i],
                raw=raw,
            )
            self._places[i] = place
            self._rows[place.feature_id] = i
        return place

    def feature(self, feature_id: str) -> Place | None:
        """A place by its feature id (``geonames:99072``, ``ne:IRQ``, ``curated:k1-air-base`` ...)."""
        if feature_id.startswith(DERIVED_PREFIXES):
            return self._derived.get(feature_id)
        i = self._rows.get(feature_id)
        if i is None:
            i = self._index.index_of(feature_id)
        return self.place(i) if i is not None else None

    # ----------------------------------------------------------------- names
    def is_exact_name(self, key: str) -> bool:
        """Whether a normalised key is a name or alias of a feature as written (no loose matching)."""
        return key in self._index.exact or key in self._overlay_exact

    def is_name(self, key: str) -> bool:
        """Whether a normalised key names any feature (exact or transliteration-loose match)."""
        ix = self._index
        if key in ix.exact or key in self._overlay_exact:
            return True
        for lk in (loose_key_from_normalized(key), assimilated_article_variant(key)):
            if lk and len(lk) >= 4 and (lk in ix.loose or lk in self._overlay_loose):
                return True
        return False

    def name_goes_on(self, key: str) -> bool:
        """Whether a longer name may begin with the words of a normalised key: some name as written does,
        or some loose key begins with this one's. A recogniser walking a run of capitalised words stops
        where none does ("Barack Obama"); a false yes costs a few lookups, never a name."""
        ix = self._index
        if self._has_prefix(ix.exact, key + " ") or self._has_prefix(self._overlay_exact, key + " "):
            return True
        if key.rsplit(" ", 1)[-1] in ARABIC_ARTICLES:
            return True  # a loose key drops a trailing article only once a word follows it
        lk = loose_key_from_normalized(key)
        return self._has_prefix(ix.loose, lk) or self._has_prefix(self._overlay_loose, lk)

    def _has_prefix(self, table: Mapping[str, tuple[int, ...]], prefix: str) -> bool:
        """Whether some key of a name table starts with ``prefix`` (a trie answers at once; a table still
        in memory, from a first build or a user file, through its keys sorted once)."""
        if not table:
            return False
        if isinstance(table, NameTable):
            return table.has_prefix(prefix)
        keys = self._sorted_keys.get(id(table))
        if keys is None:
            keys = self._sorted_keys[id(table)] = sorted(table)
        at = bisect_left(keys, prefix)
        return at < len(keys) and keys[at].startswith(prefix)

    def _postings(
        self, table: Mapping[str, tuple[int, ...]], overlay: Mapping[str, tuple[int, ...]], key: str
    ) -> tuple[int, ...]:
        found = table.get(key, ())
        extra = overlay.get(key)
        return found + extra if extra else found

    def candidates(
        self,
        name: str,
        *,
        country_codes: Sequence[str] | None = None,
        feature_classes: Iterable[str] | None = None,
        limit: int | None = None,
        fuzzy: bool = False,
    ) -> list[Candidate]:
        """Places ``name`` may refer to, best first: exact, alias, loose, then (if asked) fuzzy matches.

        Besides indexed names this understands borders ("the Iraq-Syria border", "the border between
        A and B") and compass parts of areas ("northern Iraq").
        """
        key = self._check_query(name)
        codes = _as_codes(country_codes)
        classes = self._check_classes(feature_classes)
        ix = self._index
        seen: set[int] = set()
        out: list[Candidate] = []
        limit = limit if limit and limit > 0 else None

        def take(postings: Iterable[int], score_exact: float, score_alt: float, matched: str) -> None:
            for posting in postings:
                i = posting >> 1
                if i in seen:
                    continue
                if codes is not None and ix.cc[i] not in codes:
                    continue
                if classes is not None and ix.fclass[i] not in classes:
                    continue
                seen.add(i)
                out.append(Candidate(self.place(i), score_alt if posting & 1 else score_exact, matched))

        take(self._postings(ix.exact, self._overlay_exact, key), EXACT_SCORE, ALIAS_SCORE, key)
        if key.startswith("the ") and not out:  # "the Euphrates valley", "the Kurdistan Region"
            key = key[4:]
            take(self._postings(ix.exact, self._overlay_exact, key), EXACT_SCORE, ALIAS_SCORE, key)
        lk = loose_key_from_normalized(key)
        take(self._postings(ix.loose, self._overlay_loose, lk), LOOSE_SCORE, LOOSE_SCORE, lk)
        for variant in (*glued_article_variants(key), assimilated_article_variant(key)):
            if variant:
                take(
                    self._postings(ix.loose, self._overlay_loose, variant), GLUED_SCORE, GLUED_SCORE, variant
                )
        if not out:
            out.extend(self._derived_candidates(key, codes, classes))
        if not out and fuzzy:
            for match, fuzzy_score in self._fuzzy(key):
                take(self._postings(ix.exact, self._overlay_exact, match), fuzzy_score, fuzzy_score, match)
        out.sort(key=lambda c: (-c.match_score, -self._prominence(c.place)))
        return out[:limit] if limit else out

    def _prominence(self, place: Place) -> float:
        # The places ranked were built here: their row is known without the index of every feature id
        # (building that costs a tenth of a second and 20 MB, for the first query of a process).
        i = self._rows.get(place.feature_id)
        if i is None and not place.feature_id.startswith(DERIVED_PREFIXES):
            i = self._index.index_of(place.feature_id)
        return self._index.prominence[i] if i is not None else 5.0

    def _fuzzy(self, key: str) -> list[tuple[str, float]]:
        """Close spellings of the same name, with their scores (below every exact or loose match): names
        with the same initial letter at most ``fuzzy_edits`` edits away, and only for a query that is
        no word of its own (see ``FUZZY_MAX_QUERY_ZIPF``)."""
        from rapidfuzz import process
        from rapidfuzz.distance import DamerauLevenshtein

        from geoevents.lexicon import zipf_en

        edits = fuzzy_edits(key)
        if not edits or any(zipf_en(word) >= FUZZY_MAX_QUERY_ZIPF for word in key.split(" ")):
            return []
        keys = self._fuzzy_buckets()
        found = []
        for length in range(len(key) - edits, len(key) + edits + 1):
            for match, distance, _ in process.extract(
                key,
                keys.get((key[0], length), ()),
                scorer=DamerauLevenshtein.distance,
                score_cutoff=edits,
                limit=10,
            ):
                if match[0] == key[0]:
                    similarity = 1.0 - distance / len(key)  # equal edits tie: prominence decides
                    found.append((match, round(FUZZY_MAX_SCORE * similarity**2, 4)))
        found.sort(key=lambda m: -m[1])
        return found[:10]

    def _fuzzy_buckets(self) -> dict[tuple[str, int], list[str]]:
        """Every name as written, by (initial letter, length): a fuzzy query reads only its neighbours."""
        if self._fuzzy_keys is None:
            buckets: dict[tuple[str, int], list[str]] = {}
            for name in (*self._index.exact, *self._overlay_exact):
                if name:
                    buckets.setdefault((name[0], len(name)), []).append(name)
            self._fuzzy_keys = buckets
        return self._fuzzy_keys

    def _areas(self, key: str, codes: Any = None) -> list[Place]:
        key = key.removeprefix("the ")
        found = []
        for posting in self._postings(self._index.exact, self._overlay_exact, key):
            i = posting >> 1
            if self._index.fclass[i] in AREA_CLASSES and (codes is None or self._index.cc[i] in codes):
                found.append(self.place(i))
        if not found:
            lk = loose_key_from_normalized(key)
            for posting in self._postings(self._index.loose, self._overlay_loose, lk):
                i = posting >> 1
                if self._index.fclass[i] in AREA_CLASSES:
                    found.append(self.place(i))
        return sorted(found, key=lambda p: -self._prominence(p))

    def _derived_candidates(self, key: str, codes: Any, classes: Any) -> list[Candidate]:
        """Borders and compass parts of areas, composed from indexed areas."""
        out: list[Candidate] = []
        m = _DIRECTION_PREFIX.match(key)
        if m and (classes is None or "region_expression" in classes):
            for area in self._areas(m.group(2), codes)[:1]:
                part = self.region_part(area, m.group(1))
                if part is not None:
                    out.append(Candidate(part, ALIAS_SCORE, part.name))
        if classes is None or "border" in classes:
            pairs: list[tuple[str, str]] = []
            m = _BORDER_BETWEEN.match(key)
            if m:
                pairs.append((m.group(1), m.group(2)))
            else:
                m = _BORDER_SUFFIX.match(key)
                if m:
                    words = m.group(1).split(" ")
                    pairs.extend((" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words)))
            for left, right in pairs:
                a, b = self._areas(left), self._areas(right)
                if a and b:
                    line = self.border(a[0], b[0])
                    if line is not None and (codes is None or {a[0].country_code, b[0].country_code} & codes):
                        out.append(Candidate(line, ALIAS_SCORE, line.name))
                        break
        return out

    # ----------------------------------------------------------------- geometry helpers
    def region_part(self, area: Place, direction: str) -> Place | None:
        """ "northern Iraq": the part of an area's polygon in that compass sector of its extent."""
        box = DIRECTIONS.get(direction.lower())
        if box is None or area.geometry.geom_type not in ("Polygon", "MultiPolygon"):
            return None
        word = direction.lower()
        fid = f"region_expression:{word}-{area.feature_id}"
        if fid in self._derived:
            return self._derived[fid]
        minx, miny, maxx, maxy = area.geometry.bounds
        w, h = maxx - minx, maxy - miny
        clip = shapely.box(minx + box[0] * w, miny + box[1] * h, minx + box[2] * w, miny + box[3] * h)
        geom = shapely.intersection(area.geometry, clip)
        if geom.is_empty:
            return None
        point = geom.centroid if geom.contains(geom.centroid) else geom.point_on_surface()
        return self._remember_derived(
            fid,
            f"{word} {area.name}",
            "region_expression",
            point,
            geom,
            country_code=area.country_code,
            admin1=area.admin1,
            extra={"part_of": area.feature_id, "direction": word},
        )

    def border(self, a: Place, b: Place) -> Place | None:
        """The shared boundary of two areas as a line ``Place`` (None when they do not touch)."""
        if a.feature_id == b.feature_id:
            return None
        fid = border_feature_id(a.feature_id, b.feature_id)
        if fid in self._derived:
            return self._derived[fid]
        curated = self._index.index_of(fid)
        if curated is not None:
            return self.place(curated)
        if not all(p.geometry.geom_type in ("Polygon", "MultiPolygon") for p in (a, b)):
            return None
        approximate = a.source != "naturalearth" or b.source != "naturalearth"
        line = shared_boundary(a.geometry, b.geometry, bridge_degrees=BRIDGE_DEGREES if approximate else 0.0)
        if line is None:
            return None
        mid = line.interpolate(0.5, normalized=True)
        first, second = sorted((a, b), key=lambda p: p.feature_id)
        codes = sorted({c for c in (a.country_code, b.country_code) if c})
        return self._remember_derived(
            fid,
            f"{first.name}–{second.name} border",
            "border",
            mid,
            line,
            country_code=codes[0] if len(codes) == 1 else None,
            admin1=None,
            extra={"countries": codes, "sides": [first.feature_id, second.feature_id]},
        )

    def _remember_derived(
        self,
        fid: str,
        name: str,
        feature_class: str,
        point: Point,
        geom: BaseGeometry,
        *,
        country_code: str | None,
        admin1: str | None,
        extra: dict[str, Any],
    ) -> Place:
        """A place derived from others (a border, "northern Iraq"), built once and kept for later asks."""
        raw: dict[str, Any] = {
            "feature_id": fid,
            "source": "derived",
            "feature_class": feature_class,
            "country_code": country_code,
            "admin1": admin1,
            "population": None,
            "name": name,
            **extra,
        }
        place = Place(
            feature_id=fid,
            name=name,
            feature_class=feature_class,
            lat=point.y,
            lon=point.x,
            geometry=geom,
            source="derived",
            country_code=country_code,
            admin1=admin1,
            raw=raw,
        )
        self._derived[fid] = place
        return place

    def populated_places(self) -> list[tuple[str, float, float, int, str | None]]:
        """Every populated place as (name, lat, lon, population, country code): the map's town labels."""
        ix = self._index
        return [
            (ix.name[i], ix.lat[i], ix.lon[i], ix.population[i] or 0, ix.cc[i])
            for i, fclass in enumerate(ix.fclass)
            if fclass == "populated_place"
        ]

    def admin1_shapes(self, country_codes: Iterable[str]) -> list[tuple[str, str | None, BaseGeometry]]:
        """(name, country code, shape) of the first-level divisions of these countries (derived ones
        approximate), for the map's province lines."""
        ix, codes = self._index, set(country_codes)
        return [
            (ix.name[i], ix.cc[i], shapely.from_wkb(wkb))
            for i, wkb in ix.geoms.items()
            if ix.fclass[i] == "admin1" and ix.cc[i] in codes
        ]

    def country(self, code: str) -> Place | None:
        """The country polygon for an ISO 3166-1 alpha-2 (or alpha-3) code; unknown codes raise."""
        text = (code or "").strip().upper()
        table = self._index.country_by_iso2 if len(text) == 2 else self._index.country_by_iso3
        i = table.get(text)
        if i is None:
            raise GazetteerError(f"unknown country code {code!r} (expected ISO 3166-1 alpha-2, e.g. IQ)")
        return self.place(i)

    # ----------------------------------------------------------------- geopy interface
    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        feature_classes: Iterable[str] | None = None,
        limit: int | None = None,
        fuzzy: bool = True,
    ) -> Location | list[Location] | None:
        """geopy-style lookup: the best ``Location`` (or a list, best first); None when nothing matches."""
        found = self.lookup(
            query,
            country_codes=country_codes,
            feature_classes=feature_classes,
            limit=1 if exactly_one else limit,
            fuzzy=fuzzy,
        )
        locations = [answer.location() for answer in found]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def lookup(
        self,
        query: str,
        *,
        country_codes: str | Sequence[str] | None = None,
        feature_classes: Iterable[str] | None = None,
        limit: int | None = None,
        fuzzy: bool = True,
    ) -> list[Answer]:
        """What ``geocode`` answers, best first, as ``Answer``s: the same fields without geopy."""
        codes = _as_codes(country_codes)
        if codes is not None:
            for code in codes:
                if code not in self._index.country_by_iso2:
                    raise GazetteerError(
                        f"unknown country code {code!r} (expected ISO 3166-1 alpha-2, e.g. IQ)"
                    )
        found = self.candidates(
            query,
            country_codes=sorted(codes) if codes else None,
            feature_classes=feature_classes,
            limit=limit,
            fuzzy=fuzzy,
        )
        return [place_answer(c.place, match_score=c.match_score, matched_name=c.matched_name) for c in found]

    def reverse(self, query: Any, *, exactly_one: bool = True) -> Location | list[Location] | None:
        """The admin-1 area (and its country) at a point: ``(lat, lon)``, ``"lat, lon"`` or a geopy Point."""
        lat, lon = _parse_point(query)
        point = Point(lon, lat)
        found: list[Place] = []
        admin1 = self._admin1_at(point)
        country = None
        if admin1 is not None and admin1.country_code in self._index.country_by_iso2:
            country = self.place(self._index.country_by_iso2[admin1.country_code])
            if not country.geometry.covers(point):
                country = None
        if country is None:
            country = self._country_at(point)
        if admin1 is not None and (country is None or admin1.country_code == country.country_code):
            found.append(admin1)
        if country is not None:
            found.append(country)
        locations = [place_to_location(p, match_score=1.0) for p in found]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def _ensure_tree(self) -> None:
        if self._admin1_tree is None:
            ix = self._index
            ids = [i for i in ix.geoms if ix.fclass[i] in ("admin1", "country")]
            geoms = [self._geometry(i) for i in ids]
            self._admin1_tree = (shapely.STRtree(geoms), ids, geoms)

    def _areas_at(self, point: Point, fclass: str) -> list[Place]:
        self._ensure_tree()
        tree, ids, _ = self._admin1_tree
        hits = tree.query(point, predicate="intersects")
        return [self.place(ids[h]) for h in hits if self._index.fclass[ids[h]] == fclass]

    def _admin1_at(self, point: Point) -> Place | None:
        hits = self._areas_at(point, "admin1")
        return hits[0] if hits else None

    def _country_at(self, point: Point) -> Place | None:
        hits = self._areas_at(point, "country")
        return hits[0] if hits else None

    # ----------------------------------------------------------------- validation
    def _check_query(self, query: Any) -> str:
        if not isinstance(query, str):
            raise GazetteerError(f"query must be text, not {type(query).__name__}")
        if len(query) > self.settings.max_query_chars:
            raise GazetteerError(
                f"query is {len(query)} characters long; the limit is {self.settings.max_query_chars}"
            )
        key = normalize_name(query)
        if not key:
            raise GazetteerError("empty query: give a place name")
        return key

    @staticmethod
    def _check_classes(feature_classes: Iterable[str] | None) -> frozenset[str] | None:
        if feature_classes is None:
            return None
        classes = frozenset([feature_classes] if isinstance(feature_classes, str) else feature_classes)
        unknown = classes - FEATURE_CLASSES
        if unknown:
            raise GazetteerError(
                f"unknown feature class {sorted(unknown)[0]!r} (one of {', '.join(sorted(FEATURE_CLASSES))})"
            )
        return classes


def fuzzy_edits(key: str) -> int:
    """How many edits (a letter added, dropped, changed or two swapped) a fuzzy match of a normalised
    name may be away: none under five letters, one up to eight, two up to twelve, then three."""
    letters = len(key.replace(" ", ""))
    if letters < FUZZY_MIN_CHARS:
        return 0
    return 1 if letters <= 8 else 2 if letters <= 12 else 3


def _copy(value: Any) -> Any:
    if isinstance(value, (list, dict, WkbStore)):
        return value.copy()
    return value


def _parse_point(query: Any) -> tuple[float, float]:
    try:
        if isinstance(query, str):
            lat_s, lon_s = query.replace(";", ",").split(",")
            lat, lon = float(lat_s), float(lon_s)
        elif hasattr(query, "latitude") and hasattr(query, "longitude"):
            lat, lon = float(query.latitude), float(query.longitude)
        else:
            lat, lon = float(query[0]), float(query[1])
    except (TypeError, ValueError, IndexError):
        raise GazetteerError(f"point {query!r} is not a (latitude, longitude) pair") from None
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        raise GazetteerError(f"point ({lat}, {lon}) is outside latitude -90..90 / longitude -180..180")
    return lat, lon


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer of the offline gazetteer: what a geopy ``Location`` holds (``address``, ``latitude``,
    ``longitude``, ``raw``), without importing geopy and the HTTP stack it loads (a sixth of a second
    of a command's start-up). ``location()`` gives the geopy object."""

    address: str
    latitude: float
    longitude: float
    raw: dict[str, Any]

    def location(self) -> Location:
        from geopy.location import Location

        return Location(self.address, (self.latitude, self.longitude, 0.0), self.raw)


def place_answer(place: Place, *, match_score: float = 1.0, matched_name: str | None = None) -> Answer:
    """An ``Answer`` whose ``raw`` carries the feature (id, source, class, codes, geometry), the match
    score and the name (as normalised) that matched: an alternate name, or a fuzzy match's."""
    raw = {**place.raw, "match_score": match_score}
    if matched_name is not None:
        raw["matched_name"] = matched_name
    if "geometry" not in raw:
        raw["geometry"] = shapely.geometry.mapping(place.geometry)
    address = ", ".join(
        dict.fromkeys(
            x
            for x in (place.name, place.admin1 if place.admin1 != place.name else None, place.country_code)
            if x
        )
    )
    return Answer(address, place.lat, place.lon, raw)


def place_to_location(place: Place, *, match_score: float = 1.0, matched_name: str | None = None) -> Location:
    """A geopy ``Location`` of ``place`` (see ``place_answer``)."""
    return place_answer(place, match_score=match_score, matched_name=matched_name).location()
