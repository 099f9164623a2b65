"""Continents and large regions (Natural Earth's country groups) as features of the index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geoevents.gazetteer import sources
from geoevents.gazetteer.areas import reference_point
from geoevents.gazetteer.normalize import normalize_name

if TYPE_CHECKING:
    from geoevents.gazetteer.index import IndexData
    from geoevents.gazetteer.name_tables import NameTables

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


def add_world_regions(index: IndexData, tables: NameTables, groups: dict[str, WorldRegion]) -> int:
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
        point = reference_point(geom, reference)
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
