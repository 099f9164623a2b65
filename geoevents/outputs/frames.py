"""Records to GeoDataFrames: the one place where pipeline records become geographic output.

Every frame is in WGS84 (EPSG:4326), sorted by a stable key, with an ``id`` column
that stays the same across runs for the same inputs. Four layers:

- ``events``: one point per event site (an event placed on a region or a border
  keeps its representative point, and ``area_id`` names the area feature). An
  event with several sites has its toll split evenly between them, as ACLED
  splits a total over locations, so a sum over the layer is the reported total;
  ``event_fatalities`` keeps the event's whole figure;
- ``event_mentions``: the places an event's evidence only names (not its site),
  one point per event and place, without figures;
- ``places``: one point per resolved gazetteer feature;
- ``areas``: the polygons of resolved regions and countries;
- ``borders``: the lines of resolved borders.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geoevents.events.counts import split_evenly
from geoevents.outputs.citations import SourceRef, caveats, event_sources
from geoevents.records import ArticleResult, Event, EventLocation, MentionRole, Place, ResolvedMention

CRS = "EPSG:4326"

EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "event_id",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "fatalities",
    "injuries",
    "event_fatalities",
    "event_injuries",
    "sites",
    "location",
    "place_id",
    "area_id",
    "feature_class",
    "country_code",
    "admin1",
    "admin2",
    "geo_precision",
    "role",
    "is_primary",
    "confidence",
    "notes",
    "tags",
    "caveats",
    "evidence",
    "sources",
    "source_names",
    "article_ids",
)
MENTION_COLUMNS: tuple[str, ...] = tuple(
    c for c in EVENT_COLUMNS if c not in ("fatalities", "injuries", "sites", "is_primary", "caveats")
)

PLACE_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "feature_class",
    "source",
    "country_code",
    "admin1",
    "admin2",
    "population",
    "geo_precision",
    "mentions",
    "names",
    "article_ids",
)

SEPARATOR = " | "

_INT_COLUMNS = (
    "year",
    "time_precision",
    "fatalities",
    "injuries",
    "event_fatalities",
    "event_injuries",
    "sites",
    "geo_precision",
    "population",
    "mentions",
)
# The role of the row that stands for an event whose text names places but gives no site.
NAMED_ONLY = "named"


def is_areal(geometry: BaseGeometry) -> bool:
    return geometry.geom_type in ("Polygon", "MultiPolygon")


def is_linear(geometry: BaseGeometry) -> bool:
    return geometry.geom_type in ("LineString", "MultiLineString")


def event_sites(event: Event) -> list[EventLocation]:
    """Where an event is drawn: its sites (one per place); with none, the first place its text names.

    The stand-in keeps its precision and takes the role ``NAMED_ONLY``, so a reader can
    tell it from a real site, but the event is still on every map and in every count.
    """
    sites = list({loc.place.feature_id: loc for loc in event.locations if loc.role == "site"}.values())
    if not sites and event.locations:
        first = event.locations[0]
        sites = [EventLocation(first.place, first.precision, role=NAMED_ONLY)]
    return sites


def event_mentions(event: Event) -> list[EventLocation]:
    """The places an event's evidence names that are not where it is drawn, one per place."""
    drawn = {loc.place.feature_id for loc in event_sites(event)}
    named = {loc.place.feature_id: loc for loc in event.locations if loc.place.feature_id not in drawn}
    return list(named.values())


def primary_location(event: Event) -> EventLocation | None:
    """Where an event is put in one-row-per-event tables: its first site, else its first location."""
    for location in event.locations:
        if location.role == "site":
            return location
    return event.locations[0] if event.locations else None


def event_sort_key(event: Event) -> tuple[str, str]:
    return (event.event_date.isoformat() if event.event_date else "9999-99-99", event.event_id)


def _join(values: Iterable[str]) -> str | None:
    items = [v for v in dict.fromkeys(values) if v]
    return SEPARATOR.join(items) if items else None


def evidence_text(event: Event) -> str | None:
    """The evidence sentences of an event, de-duplicated, in the order they were reported."""
    return _join(" ".join(e.sentence.split()) for e in event.evidence)


def _typed(frame: pd.DataFrame, columns: Iterable[str], geometries: list[BaseGeometry]) -> gpd.GeoDataFrame:
    frame = frame.reindex(columns=list(columns))
    for column in _INT_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    if "confidence" in frame.columns:
        frame["confidence"] = frame["confidence"].astype("float64")
    if "is_primary" in frame.columns:
        frame["is_primary"] = frame["is_primary"].astype("bool")
    for column in frame.columns:
        if frame[column].dtype == object and column != "event_date":
            values = [
                None if v is None or (isinstance(v, float) and v != v) else str(v) for v in frame[column]
            ]
            frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometries, crs=CRS), crs=CRS)


def _event_fields(event: Event, refs: Mapping[str, SourceRef] | None) -> dict[str, object]:
    """The columns an event's rows share, whatever place they stand at."""
    cited = event_sources(event, refs)
    return {
        "event_id": event.event_id,
        "event_date": event.event_date,
        "year": event.event_date.year if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "event_fatalities": event.fatalities,
        "event_injuries": event.injuries,
        "confidence": float(event.confidence),
        "notes": event.notes or None,
        "tags": _join(event.tags),
        "evidence": evidence_text(event),
        "sources": _join(ref.url or ref.text for ref in cited),  # a link, else the citation (never a path)
        "source_names": _join(ref.text for ref in cited),
        "article_ids": _join(event.article_ids),
    }


def _place_fields(event: Event, location: EventLocation) -> dict[str, object]:
    place = location.place
    return {
        "id": f"{event.event_id}@{place.feature_id}",
        "location": place.name,
        "place_id": place.feature_id,
        "area_id": place.feature_id if not isinstance(place.geometry, Point) else None,
        "feature_class": place.feature_class,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "geo_precision": location.precision,
        "role": location.role,
    }


def _shares(total: int | None, parts: int) -> list[int | None]:
    """``total`` split over ``parts`` sites (nothing for an event with no place at all)."""
    if total is None or parts == 0:
        return [None] * parts
    return list[int | None](split_evenly(total, parts))


def events_to_frame(
    events: Iterable[Event], *, sources: Mapping[str, SourceRef] | None = None
) -> gpd.GeoDataFrame:
    """One point per event site; ``event_date`` holds ``datetime.date`` values.

    ``fatalities`` and ``injuries`` are each site's share of the event's figures
    (the whole figure when it has one site), so summing the layer gives the total.
    ``sources`` maps article ids to their citations (see ``citations.refs_from_results``).
    """
    rows: list[dict[str, object]] = []
    geometries: list[BaseGeometry] = []
    for event in sorted(events, key=event_sort_key):
        shared = _event_fields(event, sources)
        sites = event_sites(event)
        notes = SEPARATOR.join(caveats(event, sites=len(sites))) or None
        deaths, hurt = _shares(event.fatalities, len(sites)), _shares(event.injuries, len(sites))
        for index, location in enumerate(sites):
            row = {**shared, **_place_fields(event, location), "caveats": notes, "sites": len(sites)}
            row |= {"fatalities": deaths[index], "injuries": hurt[index], "is_primary": index == 0}
            rows.append(row)
            geometries.append(Point(location.place.lon, location.place.lat))
    return _typed(pd.DataFrame(rows), EVENT_COLUMNS, geometries)


def event_mentions_to_frame(
    events: Iterable[Event], *, sources: Mapping[str, SourceRef] | None = None
) -> gpd.GeoDataFrame:
    """One point per event and place its evidence only names: context, never counted as the event."""
    rows: list[dict[str, object]] = []
    geometries: list[BaseGeometry] = []
    for event in sorted(events, key=event_sort_key):
        shared = _event_fields(event, sources)
        for location in event_mentions(event):
            rows.append({**shared, **_place_fields(event, location)})
            geometries.append(Point(location.place.lon, location.place.lat))
    return _typed(pd.DataFrame(rows), MENTION_COLUMNS, geometries)


@dataclass
class _PlaceTally:
    place: Place
    precision: int
    mentions: int = 0
    names: set[str] = field(default_factory=set)
    article_ids: set[str] = field(default_factory=set)


def place_layers_from_results(
    results: Iterable[ArticleResult], events: Iterable[Event] = ()
) -> dict[str, gpd.GeoDataFrame]:
    """The places, areas and borders layers in one streaming pass over the results: memory follows the
    number of distinct places, not the number of articles or mentions."""
    tallies = _tally((mention for result in results for mention in result.mentions), events)
    return {
        "places": _places_frame(tallies),
        "areas": _areas_frame(tallies),
        "borders": _borders_frame(tallies),
    }


def _tally(resolved: Iterable[ResolvedMention], events: Iterable[Event] = ()) -> list[_PlaceTally]:
    tallies: dict[str, _PlaceTally] = {}
    for item in resolved:
        if item.place is None or item.mention.role == MentionRole.NOT_PLACE:
            continue
        tally = tallies.get(item.place.feature_id)
        if tally is None:
            tally = tallies[item.place.feature_id] = _PlaceTally(item.place, item.precision)
        tally.precision = min(tally.precision, item.precision)
        tally.mentions += 1
        tally.names.add(" ".join(item.mention.text.split()))
        tally.article_ids.add(item.mention.article_id)
    # Places that only an event refers to (e.g. a border found by the events stage) still get drawn.
    for event in events:
        for location in event.locations:
            if location.place.feature_id not in tallies:
                tallies[location.place.feature_id] = _PlaceTally(location.place, location.precision)
            tallies[location.place.feature_id].article_ids.update(event.article_ids)
    return [tallies[key] for key in sorted(tallies)]


def _place_row(tally: _PlaceTally) -> dict[str, object]:
    place = tally.place
    return {
        "id": place.feature_id,
        "name": place.name,
        "feature_class": place.feature_class,
        "source": place.source,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "population": place.population,
        "geo_precision": tally.precision,
        "mentions": tally.mentions,
        "names": _join(sorted(tally.names)),
        "article_ids": _join(sorted(tally.article_ids)),
    }


def places_to_frame(resolved: Iterable[ResolvedMention], *, events: Iterable[Event] = ()) -> gpd.GeoDataFrame:
    """One point per gazetteer feature the articles name (its representative point)."""
    return _places_frame(_tally(resolved, events))


def _places_frame(tallies: list[_PlaceTally]) -> gpd.GeoDataFrame:
    geometries: list[BaseGeometry] = [Point(t.place.lon, t.place.lat) for t in tallies]
    return _typed(pd.DataFrame([_place_row(t) for t in tallies]), PLACE_COLUMNS, geometries)


def oriented(geometry: BaseGeometry) -> BaseGeometry:
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 right-hand rule)."""
    if isinstance(geometry, Polygon):
        return orient(geometry, sign=1.0)
    if isinstance(geometry, MultiPolygon):
        return MultiPolygon([orient(part, sign=1.0) for part in geometry.geoms])
    return geometry


def _as_multi(geometry: BaseGeometry) -> BaseGeometry:
    """One geometry type per layer: polygons become MultiPolygons, lines MultiLineStrings."""
    from shapely.geometry import LineString, MultiLineString

    if isinstance(geometry, Polygon):
        return MultiPolygon([geometry])
    if isinstance(geometry, LineString):
        return MultiLineString([geometry])
    return geometry


def areas_to_frame(resolved: Iterable[ResolvedMention], *, events: Iterable[Event] = ()) -> gpd.GeoDataFrame:
    """The polygons (as MultiPolygons) of every region or country the articles name."""
    return _areas_frame(_tally(resolved, events))


def _areas_frame(tallies: list[_PlaceTally]) -> gpd.GeoDataFrame:
    tallies = [t for t in tallies if is_areal(t.place.geometry)]
    geometries = [oriented(_as_multi(t.place.geometry)) for t in tallies]
    return _typed(pd.DataFrame([_place_row(t) for t in tallies]), PLACE_COLUMNS, geometries)


def borders_to_frame(
    resolved: Iterable[ResolvedMention], *, events: Iterable[Event] = ()
) -> gpd.GeoDataFrame:
    """The lines (as MultiLineStrings) of every border the articles name."""
    return _borders_frame(_tally(resolved, events))


def _borders_frame(tallies: list[_PlaceTally]) -> gpd.GeoDataFrame:
    tallies = [t for t in tallies if is_linear(t.place.geometry)]
    geometries = [_as_multi(t.place.geometry) for t in tallies]
    return _typed(pd.DataFrame([_place_row(t) for t in tallies]), PLACE_COLUMNS, geometries)


def event_dates(frame: gpd.GeoDataFrame) -> list[date]:
    """The distinct event dates in an events frame, in order."""
    return sorted({d for d in frame["event_date"] if isinstance(d, date)}) if len(frame) else []
