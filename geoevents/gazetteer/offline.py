"""``OfflineGeocoder``: the world gazetteer behind a geopy-shaped interface.

``geocode``/``reverse`` return geopy ``Location`` objects (so geopandas and geopy's ``RateLimiter`` work
unchanged); the pipeline uses ``candidates``/``is_name``/``border``/``country``, which return ``Place``.
The pieces it composes have their own modules: ``places`` (the records), ``derived`` (border and compass
phrases), ``fuzzy`` (close spellings), ``queries`` (checks at the door) and ``answers`` (geopy's shape).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geoevents.errors import GazetteerError
from geoevents.gazetteer.answers import Answer, parse_point, place_answer, place_to_location
from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.borders import BRIDGE_DEGREES, border_feature_id, shared_boundary
from geoevents.gazetteer.curated import add_curated_rows, read_curated_csv
from geoevents.gazetteer.derived import (
    DERIVED_PREFIXES,
    DIRECTION_PREFIX,
    DIRECTIONS,
    border_sides,
    compass_part,
)
from geoevents.gazetteer.fuzzy import fuzzy_buckets, fuzzy_edits, fuzzy_matches
from geoevents.gazetteer.index import IndexData, NameTable, WkbStore, load_or_build
from geoevents.gazetteer.name_tables import NameTables
from geoevents.gazetteer.normalize import (
    ARABIC_ARTICLES,
    assimilated_article_variant,
    glued_article_variants,
    loose_key_from_normalized,
)
from geoevents.gazetteer.places import derived_place, place_from_row
from geoevents.gazetteer.queries import as_codes, check_classes, check_country_codes, check_query
from geoevents.records import Place
from geoevents.settings import Settings

if TYPE_CHECKING:  # geopy (and the HTTP stack it imports) loads only when a geopy-style answer is asked for
    from geopy.location import Location

__all__ = ["Answer", "OfflineGeocoder", "fuzzy_edits", "place_answer", "place_to_location"]

EXACT_SCORE, ALIAS_SCORE, LOOSE_SCORE, GLUED_SCORE = 1.0, 0.95, 0.85, 0.8
AREA_CLASSES = frozenset({"country", "admin1", "admin2", "region"})


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
        self._border_rows: dict[str, int] | None = None  # curated borders by id, once one is asked
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
        tables = NameTables()
        for path in paths:
            add_curated_rows(overlay, tables, read_curated_csv(path, source="user"), source="user")
        exact, loose = tables.freeze(overlay.prominence)
        self._overlay_exact, self._overlay_loose = exact, loose
        overlay.max_name_words = max(base.max_name_words, tables.max_words)
        self._index = overlay

    # ----------------------------------------------------------------- features
    @property
    def index(self) -> IndexData:
        """The index it answers from; another gazetteer over the same world data may share it."""
        return self._index

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
            place = place_from_row(self._index, i, self._geometry(i))
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
        key = self.check_query(name)
        codes = as_codes(country_codes)
        classes = check_classes(feature_classes)
        ix = self._index
        seen: set[int] = set()
        hits: list[tuple[int, float, str]] = []  # (row, match score, name matched): Places built for the kept
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
                hits.append((i, score_alt if posting & 1 else score_exact, matched))

        take(self._postings(ix.exact, self._overlay_exact, key), EXACT_SCORE, ALIAS_SCORE, key)
        if key.startswith("the ") and not hits:  # "the Euphrates valley", "the Kurdistan Region"
            key = key[4:]
            take(self._postings(ix.exact, self._overlay_exact, key), EXACT_SCORE, ALIAS_SCORE, key)
        lk = loose_key_from_normalized(key)
        take(self._postings(ix.loose, self._overlay_loose, lk), LOOSE_SCORE, LOOSE_SCORE, lk)
        for variant in (*glued_article_variants(key), assimilated_article_variant(key)):
            if variant:
                take(
                    self._postings(ix.loose, self._overlay_loose, variant), GLUED_SCORE, GLUED_SCORE, variant
                )
        if not hits:
            derived = self._derived_candidates(key, codes, classes)
            if derived or not fuzzy:
                derived.sort(key=lambda c: (-c.match_score, -self._prominence(c.place)))
                return derived[:limit] if limit else derived
            for match, fuzzy_score in self._fuzzy(key):
                take(self._postings(ix.exact, self._overlay_exact, match), fuzzy_score, fuzzy_score, match)
        prominence = ix.prominence
        hits.sort(key=lambda h: (-h[1], -prominence[h[0]]))
        return [Candidate(self.place(i), score, matched) for i, score, matched in hits[:limit]]

    def _prominence(self, place: Place) -> float:
        # The places ranked were built here: their row is known without the index of every feature id
        # (building that costs a tenth of a second and 20 MB, for the first query of a process).
        i = self._rows.get(place.feature_id)
        if i is None and not place.feature_id.startswith(DERIVED_PREFIXES):
            i = self._index.index_of(place.feature_id)
        return self._index.prominence[i] if i is not None else 5.0

    def _fuzzy(self, key: str) -> list[tuple[str, float]]:
        """Close spellings of ``key`` among the names as written, with their scores (see ``fuzzy``)."""
        return fuzzy_matches(key, self._fuzzy_buckets)

    def _fuzzy_buckets(self) -> dict[tuple[str, int], list[str]]:
        """The names bucketed for fuzzy queries, built on the first one."""
        if self._fuzzy_keys is None:
            self._fuzzy_keys = fuzzy_buckets((*self._index.exact, *self._overlay_exact))
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
        m = DIRECTION_PREFIX.match(key)
        if m and (classes is None or "region_expression" in classes):
            for area in self._areas(m.group(2), codes)[:1]:
                part = self.region_part(area, m.group(1))
                if part is not None:
                    out.append(Candidate(part, ALIAS_SCORE, part.name))
        if classes is None or "border" in classes:
            for left, right in border_sides(key):
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
        part = compass_part(area.geometry, box)
        if part is None:
            return None
        geom, point = part
        return self._remember_derived(
            derived_place(
                fid,
                f"{word} {area.name}",
                "region_expression",
                point,
                geom,
                country_code=area.country_code,
                admin1=area.admin1,
                extra={"part_of": area.feature_id, "direction": word},
            )
        )

    def border(self, a: Place, b: Place) -> Place | None:
        """The shared boundary of two areas as a line ``Place`` (None when they do not touch)."""
        if a.feature_id == b.feature_id:
            return None
        fid = border_feature_id(a.feature_id, b.feature_id)
        if fid in self._derived:
            return self._derived[fid]
        curated = self._curated_border(fid)
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
            derived_place(
                fid,
                f"{first.name}–{second.name} border",
                "border",
                mid,
                line,
                country_code=codes[0] if len(codes) == 1 else None,
                admin1=None,
                extra={"countries": codes, "sides": [first.feature_id, second.feature_id]},
            )
        )

    def _curated_border(self, fid: str) -> int | None:
        """The row of a border given in the curated data, by its id: the rows of border ids are found by
        one pass over the ids, a third of the cost of the table of every id ``index_of`` builds."""
        if self._index.fids_indexed == len(self._index):
            return self._index.index_of(fid)
        if self._border_rows is None:
            ids = self._index.fid
            rows = compress(range(len(ids)), map(str.startswith, ids, repeat("border:")))
            self._border_rows = {ids[i]: i for i in rows}
        return self._border_rows.get(fid)

    def _remember_derived(self, place: Place) -> Place:
        """A place derived from others (a border, "northern Iraq"), built once and kept for later asks."""
        self._derived[place.feature_id] = place
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
        codes = check_country_codes(as_codes(country_codes), self._index.country_by_iso2)
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
        lat, lon = parse_point(query)
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

    def check_query(self, query: Any) -> str:
        """The normalised key of a query; a bad query raises (``queries.check_query``, with this
        gazetteer's length limit; the online gazetteer checks its queries here too)."""
        return check_query(query, self.settings.max_query_chars)


def _copy(value: Any) -> Any:
    if isinstance(value, (list, dict, WkbStore)):
        return value.copy()
    return value
