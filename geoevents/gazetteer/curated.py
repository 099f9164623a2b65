"""Curated and user gazetteer files: CSV rows with aliases, a feature class, a geometry and a source.

Columns (header required; see data/gazetteer/README.md):
``id, name, aliases, feature_class, lat, lon, country_code, geometry, source``.

``geometry`` is empty (a point at lat/lon), WKT, or a derivation from features already in the index:
``union:IQ.08|IQ.11`` (union of admin-1 areas by GeoNames code), ``via:Raqqa@SY|Mayadin@SY;buffer_km=10``
(a corridor through named places), ``border:<feature id>|<feature id>`` (shared boundary of two areas).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely import wkt
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geoevents.errors import GazetteerError

if TYPE_CHECKING:
    from geoevents.gazetteer.index import IndexData
    from geoevents.gazetteer.name_tables import NameTables

FEATURE_CLASSES = frozenset(
    {
        "country",
        "admin1",
        "admin2",
        "populated_place",
        "base",
        "region",
        "region_expression",
        "border",
        "physical",
    }
)
COLUMNS = ("id", "name", "aliases", "feature_class", "lat", "lon", "country_code", "geometry", "source")
REQUIRED = ("id", "name", "feature_class", "source")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CuratedRow:
    slug: str
    name: str
    aliases: tuple[str, ...]
    feature_class: str
    lat: float | None
    lon: float | None
    country_code: str | None
    geometry: str
    source_note: str
    origin: str  # "file:line" for error messages


def _fail(path: Path, line: int, reason: str) -> GazetteerError:
    return GazetteerError(f"{path}: line {line}: {reason}")


def _coordinate(path: Path, line: int, value: str, name: str, bound: float) -> float | None:
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        raise _fail(path, line, f"{name} {value!r} is not a number") from None
    if not math.isfinite(number) or abs(number) > bound:
        raise _fail(path, line, f"{name} {value!r} is outside -{bound:g}..{bound:g}")
    return number


MAX_BUFFER_KM = 500.0


def _check_geometry(path: Path, line: int, spec: str) -> None:
    """A geometry column that will derive or parse: finite, in range, well formed (checked at load)."""
    kind, _, body = spec.partition(":")
    if kind == "union":
        if not [r for r in body.split("|") if r.strip()]:
            raise _fail(path, line, "a union: geometry names no area")
        return
    if kind == "border":
        refs = [r.strip() for r in body.split("|") if r.strip()]
        if len(refs) != 2 or refs[0] == refs[1]:
            raise _fail(path, line, "a border: geometry needs exactly two different areas")
        return
    if kind == "via":
        names, _, option = body.partition(";")
        if len([n for n in names.split("|") if n.strip()]) < 2:
            raise _fail(path, line, "a via: geometry needs two places or more")
        key, _, value = option.partition("=")
        if option and key.strip() != "buffer_km":
            raise _fail(path, line, f"unknown via: option {option!r} (only buffer_km=N)")
        try:
            km = float(value) if option else 0.0
        except ValueError:
            km = math.nan
        if not (math.isfinite(km) and 0 <= km <= MAX_BUFFER_KM):
            raise _fail(path, line, f"buffer_km {value!r} must be a number from 0 to {MAX_BUFFER_KM:g}")
        return
    try:
        shape = wkt.loads(spec)
    except Exception:
        raise _fail(path, line, "geometry is neither WKT nor union:/via:/border:") from None
    coords = shapely.get_coordinates(shape)
    if shape.is_empty or not len(coords):
        raise _fail(path, line, "geometry is empty")
    if not np.isfinite(coords).all():
        raise _fail(path, line, "geometry has a coordinate that is not a finite number")
    if (np.abs(coords[:, 0]) > 180).any() or (np.abs(coords[:, 1]) > 90).any():
        raise _fail(path, line, "geometry has a coordinate outside lon -180..180, lat -90..90")


def read_curated_csv(path: Path | str, *, source: str = "user") -> list[CuratedRow]:
    """Read and validate a gazetteer CSV; a problem raises ``GazetteerError`` naming file, line and reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read the gazetteer file ({exc.strerror or exc})") from None
    if size > MAX_FILE_BYTES:
        raise GazetteerError(f"{path}: gazetteer file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    reader = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), strict=True)
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise _fail(path, 1, f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")
    rows: list[CuratedRow] = []
    seen: set[str] = set()
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if not line.startswith("#")]
    for pos, record in enumerate(_records(reader, path, lines), start=1):
        line = lines[pos] if pos < len(lines) else pos + 1
        if None in record:
            raise _fail(path, line, "more fields than columns (quote values that contain commas)")
        if None in record.values():
            raise _fail(path, line, f"fewer fields than the {len(header)} columns")
        values = {k: (v or "").strip() for k, v in record.items()}
        if not any(values.values()):
            continue
        slug = values["id"]
        if not _SLUG.match(slug):
            raise _fail(path, line, f"id {slug!r} must be lower-case letters, digits and hyphens")
        if slug in seen:
            raise _fail(path, line, f"id {slug!r} appears twice")
        seen.add(slug)
        if not values["name"]:
            raise _fail(path, line, "name is empty")
        fclass = values["feature_class"]
        if fclass not in FEATURE_CLASSES:
            raise _fail(
                path, line, f"feature_class {fclass!r} is not one of {', '.join(sorted(FEATURE_CLASSES))}"
            )
        if not values["source"]:
            raise _fail(path, line, "source is empty: say where the row comes from")
        lat = _coordinate(path, line, values.get("lat", ""), "lat", 90)
        lon = _coordinate(path, line, values.get("lon", ""), "lon", 180)
        geometry = values.get("geometry", "")
        if (lat is None) != (lon is None):
            raise _fail(path, line, "give both lat and lon, or neither")
        if lat is None and not geometry:
            raise _fail(path, line, "no location: give lat and lon, or a geometry")
        if geometry:
            _check_geometry(path, line, geometry)
        cc = values.get("country_code", "").upper() or None
        if cc is not None and not re.fullmatch(r"[A-Z]{2}", cc):
            raise _fail(path, line, f"country_code {cc!r} is not an ISO 3166-1 alpha-2 code")
        aliases = tuple(a.strip() for a in values.get("aliases", "").split("|") if a.strip())
        rows.append(
            CuratedRow(
                slug,
                values["name"],
                aliases,
                fclass,
                lat,
                lon,
                cc,
                geometry,
                values["source"],
                f"{path}:{line}",
            )
        )
    return rows


def _records(reader: csv.DictReader[str], path: Path, lines: list[int]) -> Iterator[dict[str, Any]]:
    """The reader's records; a CSV syntax error (a quote never closed) names its line."""
    done = 0
    while True:
        try:
            record = next(reader, None)
        except csv.Error as exc:  # the row after the last good one (header: lines[0])
            line = lines[done + 1] if done + 1 < len(lines) else done + 2
            raise _fail(path, line, f"bad CSV ({exc})") from None
        if record is None:
            return
        done += 1
        yield record


def _resolve_place_name(index: IndexData, spec: str, origin: str) -> Point:
    from geoevents.gazetteer.normalize import normalize_name

    name, _, cc = spec.partition("@")
    for posting in index.exact.get(normalize_name(name), ()):
        i = posting >> 1
        if index.fclass[i] == "populated_place" and (not cc or index.cc[i] == cc.upper()):
            return Point(index.lon[i], index.lat[i])
    raise GazetteerError(f"{origin}: place {spec!r} in the geometry is not in the gazetteer")


def _area_index(index: IndexData, ref: str, origin: str) -> int:
    i = index.index_of(ref)
    if i is None:
        i = index.admin1_by_code.get(ref)
    if i is None and len(ref) == 2:
        i = index.country_by_iso2.get(ref.upper())
    if i is None or i not in index.geoms:
        raise GazetteerError(f"{origin}: area {ref!r} in the geometry is not in the gazetteer")
    return i


def _area(index: IndexData, ref: str, origin: str) -> BaseGeometry:
    return shapely.from_wkb(index.geoms[_area_index(index, ref, origin)])


def derive_geometry(index: IndexData, row: CuratedRow) -> BaseGeometry:
    """The geometry a row describes (point, WKT, or a derivation from indexed features)."""
    from geoevents.gazetteer.borders import BRIDGE_DEGREES, shared_boundary

    spec = row.geometry
    if not spec:
        assert row.lat is not None and row.lon is not None
        return Point(row.lon, row.lat)
    kind, _, body = spec.partition(":")
    if kind == "union":
        parts = [_area(index, ref, row.origin) for ref in body.split("|") if ref]
        return shapely.make_valid(shapely.union_all(parts))
    if kind == "via":
        names, _, option = body.partition(";")
        points = [_resolve_place_name(index, n, row.origin) for n in names.split("|") if n]
        if len(points) < 2:
            raise GazetteerError(f"{row.origin}: a via: geometry needs two places or more")
        buffer_km = float(option.partition("=")[2] or 0) if option else 0.0
        line = LineString(points)
        return line.buffer(buffer_km / 111.0) if buffer_km else line
    if kind == "border":
        refs = [r for r in body.split("|") if r]
        if len(refs) != 2:
            raise GazetteerError(f"{row.origin}: a border: geometry needs exactly two areas")
        sides = [_area_index(index, ref, row.origin) for ref in refs]
        approximate = any(index.source[i] != "naturalearth" for i in sides)
        line = shared_boundary(
            shapely.from_wkb(index.geoms[sides[0]]),
            shapely.from_wkb(index.geoms[sides[1]]),
            bridge_degrees=BRIDGE_DEGREES if approximate else 0.0,
        )
        if line is None:
            raise GazetteerError(f"{row.origin}: {refs[0]} and {refs[1]} do not touch")
        return line
    return wkt.loads(spec)


def _union_population(index: IndexData, row: CuratedRow) -> int | None:
    """A union's population is its parts' (so a region outranks a hamlet of the same name everywhere)."""
    refs = [r for r in row.geometry[len("union:") :].split("|") if r]
    total = sum(index.population[_area_index(index, r, row.origin)] or 0 for r in refs)
    return total or None


def add_curated_rows(
    index: IndexData, tables: NameTables, rows: list[CuratedRow], *, source: str
) -> list[int]:
    """Add rows (already validated) to the index under ``curated:``/``user:`` ids; returns their indexes."""
    from geoevents.gazetteer.areas import representative

    added = []
    for row in rows:
        geom = derive_geometry(index, row)
        if row.lat is not None and row.lon is not None:
            lat, lon = row.lat, row.lon
        else:
            point = (
                representative(geom)
                if geom.geom_type.endswith("Polygon")
                else geom.interpolate(0.5, normalized=True)
            )
            lat, lon = point.y, point.x
        fid = f"{source}:{row.slug}"
        population = _union_population(index, row) if row.geometry.startswith("union:") else None
        if row.geometry.startswith("border:"):
            from geoevents.gazetteer.borders import border_feature_id

            a, b = (index.fid[_area_index(index, r, row.origin)] for r in row.geometry[7:].split("|"))
            fid = border_feature_id(a, b)
        i = index.add(
            fid=fid,
            name=row.name,
            fclass=row.feature_class,
            lat=lat,
            lon=lon,
            source=source,
            cc=row.country_code,
            population=population,
            geometry=geom,
            extra={"aliases": list(row.aliases), "source_note": row.source_note, "slug": row.slug},
        )
        tables.add(i, row.aliases, primary=row.name, country=row.country_code, trusted=True)
        added.append(i)
    return added
