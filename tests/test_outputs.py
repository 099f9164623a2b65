"""Outputs read back with GDAL (pyogrio), geopandas and csv: types, order, RFC 7946 rules, styles."""

from __future__ import annotations

import csv
import itertools
import json
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon, shape

from geoevents.outputs import (
    areas_to_frame,
    borders_to_frame,
    events_to_frame,
    places_to_frame,
    write_acled_csv,
    write_geojson,
    write_geopackage,
    write_outputs,
)
from geoevents.outputs.acled import ACLED_COLUMNS, CSV_COLUMNS, country_fields
from geoevents.records import (
    Article,
    ArticleResult,
    Event,
    EventLocation,
    Evidence,
    Mention,
    MentionKind,
    MentionRole,
    Place,
    ResolvedMention,
)

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _place(fid: str, name: str, cls: str, lon: float, lat: float, geometry=None, cc: str = "IQ") -> Place:
    return Place(
        feature_id=fid,
        name=name,
        feature_class=cls,
        lat=lat,
        lon=lon,
        geometry=geometry if geometry is not None else Point(lon, lat),
        source="test",
        country_code=cc,
        admin1="Al Anbar" if lon < 43 else "Kirkuk",
    )


# A clockwise ring on purpose: the writers must turn it counter-clockwise.
ANBAR = Polygon([(39.0, 33.0), (41.0, 35.0), (44.0, 33.5), (42.0, 31.5), (39.0, 33.0)])
PLACES = {
    "qaim": _place("geonames:1", "Al-Qaim", "town", 41.0256, 34.3693),
    "k1": _place("curated:k1-air-base", "K-1 Air Base", "military_base", 44.2806, 35.5149),
    "baghdad": _place("geonames:2", "Baghdad", "city", 44.4009, 33.3406),
    "anbar": _place("ne:IQ-AN", "Al Anbar", "admin1", 41.5, 33.4, ANBAR),
    "border": _place(
        "border:IQ-SY",
        "Iraq–Syria border",
        "border",
        41.2,
        34.5,
        LineString([(38.8, 33.4), (41.0, 34.4), (42.3, 37.1)]),
    ),
}


def _evidence(article: str, sentence: str, source: str) -> Evidence:
    return Evidence(article_id=article, start=0, end=len(sentence), sentence=sentence, source=source)


# ACLED's disorder type follows from the event type for every type used here.
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def _event(
    event_id: str, kind: tuple[str, str], when: date | None, *locations: EventLocation, **fields: Any
) -> Event:
    """An event of ``kind`` (event type, sub-event type) dated to the day, or undated (no time precision)."""
    fields.setdefault("time_precision", 1 if when else None)
    event_type, sub_event_type = kind
    return Event(
        event_id=event_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        disorder_type=DISORDER[event_type],
        event_date=when,
        locations=locations,
        **fields,
    )


def sample_events() -> list[Event]:
    """Five events over three days, every precision, one area, one border and one hostile text."""
    return [
        _event(
            "ev-strike",
            ("Explosions/Remote violence", "Air/drone strike"),
            date(2019, 12, 29),
            EventLocation(PLACES["qaim"], 1),
            EventLocation(PLACES["anbar"], 3, role="mentioned"),
            actor1="Military Forces of the United States (2017-2021)",
            actor2="Kataib Hezbollah",
            fatalities=25,
            injuries=51,
            evidence=(
                _evidence(
                    "a1", "US jets struck five sites near Al-Qaim, killing 25.", "https://news.example/a1"
                ),
                _evidence("a2", "Airstrikes hit militia bases in Al-Qaim.", "https://wire.example/a2"),
            ),
            confidence=0.9,
        ),
        _event(
            "ev-k1",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
            date(2019, 12, 27),
            EventLocation(PLACES["k1"], 1),
            actor1="Unidentified Armed Group (Iraq)",
            fatalities=1,
            evidence=(_evidence("a1", "Rockets hit the K-1 base near Kirkuk.", "https://news.example/a1"),),
            confidence=0.8,
        ),
        _event(
            "ev-funeral",
            ("Protests", "Peaceful protest"),
            date(2019, 12, 31),
            EventLocation(PLACES["baghdad"], 2),
            actor1="Protesters (Iraq)",
            evidence=(_evidence("a3", "Mourners marched in Baghdad.", "file:///tmp/a3.html"),),
        ),
        _event(
            "ev-anbar",
            ("Battles", "Armed clash"),
            date(2019, 12, 30),
            EventLocation(PLACES["anbar"], 3),
            time_precision=2,
            actor1="Military Forces of Iraq (2018-2022)",
            actor2="Islamic State (Iraq)",
            fatalities=4,
            evidence=(_evidence("a2", "Clashes in western Anbar killed four.", "https://wire.example/a2"),),
        ),
        _event(
            "ev-hostile",
            ("Strategic developments", "Other"),
            None,
            EventLocation(PLACES["border"], 3),
            actor1=HOSTILE,
            evidence=(
                _evidence(
                    "a4",
                    f'=HYPERLINK("http://evil.example") Troops {HOSTILE} moved to the border.',
                    "javascript:alert(1)",
                ),
            ),
            notes='=HYPERLINK("http://evil.example")',
        ),
    ]


def sample_results() -> list[ArticleResult]:
    mentions = []
    for article, key, text, precision in [
        ("a1", "qaim", "Al-Qaim", 1),
        ("a1", "k1", "K-1", 1),
        ("a2", "qaim", "Qaim", 1),
        ("a2", "anbar", "Anbar", 3),
        ("a3", "baghdad", "Baghdad", 1),
        ("a4", "border", "the Syrian border", 3),
    ]:
        kind = MentionKind.BORDER if key == "border" else MentionKind.TOPONYM
        mention = Mention(article_id=article, start=0, end=len(text), text=text, kind=kind)
        mentions.append(ResolvedMention(mention, PLACES[key], 0.9, precision))
    unresolved = ResolvedMention(Mention("a1", 0, 4, "Mars"), None, 0.0, 3)
    not_place = ResolvedMention(
        Mention("a1", 0, 10, "Washington", role=MentionRole.NOT_PLACE), PLACES["baghdad"], 0.1, 1
    )
    results = []
    for article in ("a1", "a2", "a3", "a4"):
        own = tuple(m for m in mentions if m.mention.article_id == article)
        if article == "a1":
            own = (*own, unresolved, not_place)
        results.append(ArticleResult(Article(id=article, text="..."), own, ()))
    return results


def _resolved():
    return [m for r in sample_results() for m in r.mentions]


@pytest.fixture
def layers() -> dict[str, Any]:
    """The four layers of the sample, built from the records (not through write_outputs)."""
    from geoevents.outputs import event_mentions_to_frame

    resolved = _resolved()
    return {
        "events": events_to_frame(sample_events()),
        "event_mentions": event_mentions_to_frame(sample_events()),
        "places": places_to_frame(resolved),
        "areas": areas_to_frame(resolved),
        "borders": borders_to_frame(resolved),
    }


def _ring_area(ring) -> float:
    """Shoelace sum: positive for counter-clockwise rings."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def test_events_frame_has_a_point_per_site_and_refers_to_areas() -> None:
    frame = events_to_frame(sample_events())
    assert set(frame.geometry.geom_type) == {"Point"}
    assert len(frame) == 5  # one site each; the strike's mentioned region is not an event row
    assert frame["id"].is_unique and frame["is_primary"].all()
    anbar = frame[frame["event_id"] == "ev-anbar"].iloc[0]
    assert anbar["area_id"] == "ne:IQ-AN" and anbar["geo_precision"] == 3
    assert frame.loc[frame["event_id"] == "ev-k1", "area_id"].isna().all()
    assert set(frame["role"]) == {"site"}
    assert int(frame["fatalities"].sum()) == sum(e.fatalities or 0 for e in sample_events())
    # sorted by date, undated last
    assert list(dict.fromkeys(frame["event_id"])) == [
        "ev-k1",
        "ev-strike",
        "ev-anbar",
        "ev-funeral",
        "ev-hostile",
    ]


def test_mentioned_places_have_their_own_layer_without_figures() -> None:
    from geoevents.outputs import event_mentions_to_frame

    mentions = event_mentions_to_frame(sample_events())
    assert list(mentions["id"]) == ["ev-strike@ne:IQ-AN"]
    assert set(mentions["role"]) == {"mentioned"}
    assert "fatalities" not in mentions.columns and int(mentions["event_fatalities"].iloc[0]) == 25


def test_a_toll_over_several_sites_is_split_so_the_layer_sums_to_the_total() -> None:
    """Three sites, 25 dead and 7 hurt: ACLED's even split (first sites take the remainder)."""
    event = _event(
        "ev-three",
        ("Battles", "Armed clash"),
        date(2020, 1, 2),
        EventLocation(PLACES["qaim"], 1),
        EventLocation(PLACES["k1"], 1),
        EventLocation(PLACES["baghdad"], 1),
        EventLocation(PLACES["anbar"], 3, role="mentioned"),
        fatalities=25,
        injuries=7,
    )
    frame = events_to_frame([event, *sample_events()])
    rows = frame[frame["event_id"] == "ev-three"]
    assert list(rows["fatalities"]) == [9, 8, 8] and list(rows["injuries"]) == [3, 2, 2]
    assert set(rows["event_fatalities"]) == {25} and set(rows["sites"]) == {3}
    assert list(rows["is_primary"]) == [True, False, False]
    assert "split evenly between its 3 sites" in rows["caveats"].iloc[0]
    assert int(frame["fatalities"].sum()) == 25 + sum(e.fatalities or 0 for e in sample_events())


def test_an_event_with_no_site_is_drawn_at_the_first_place_it_names() -> None:
    """Otherwise the map and the layers would miss an event that the CSV and the report count."""
    from geoevents.outputs import event_mentions_to_frame
    from geoevents.outputs.acled import event_rows
    from geoevents.outputs.basemap import sited_events
    from geoevents.outputs.frames import NAMED_ONLY

    event = _event(
        "ev-named",
        ("Battles", "Armed clash"),
        date(2020, 1, 3),
        EventLocation(PLACES["baghdad"], 2, role="mentioned"),
        EventLocation(PLACES["anbar"], 3, role="mentioned"),
        fatalities=3,
        tags=("unlocated",),
    )
    frame = events_to_frame([event])
    assert list(frame["place_id"]) == ["geonames:2"] and list(frame["role"]) == [NAMED_ONLY]
    drawn = sited_events(frame)
    assert drawn is not None and len(drawn) == 1 == len(event_rows([event]))
    assert list(event_mentions_to_frame([event])["place_id"]) == ["ne:IQ-AN"]
    assert "no site is given" in frame["caveats"].iloc[0]
    nowhere = _event("ev-nowhere", ("Battles", "Armed clash"), date(2020, 1, 4), fatalities=2)
    assert len(events_to_frame([nowhere])) == 0 and len(event_mentions_to_frame([nowhere])) == 0


def test_place_frames_split_by_geometry_and_skip_non_places() -> None:
    resolved = _resolved()
    places = places_to_frame(resolved)
    assert list(places["id"]) == sorted(places["id"])
    assert "Washington" not in " ".join(places["names"].dropna())
    assert places.set_index("id").loc["geonames:1", "mentions"] == 2
    assert set(areas_to_frame(resolved).geometry.geom_type) == {"MultiPolygon"}
    assert set(borders_to_frame(resolved).geometry.geom_type) == {"MultiLineString"}


def test_geojson_follows_rfc7946_and_gdal_types_dates(tmp_path: Path, layers: dict[str, Any]) -> None:
    for name, frame in layers.items():
        path = tmp_path / f"{name}.geojson"
        write_geojson(frame, path, name=name)
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert "crs" not in doc
        kinds = {f["geometry"]["type"] for f in doc["features"]}
        assert len(kinds) == 1, kinds
        assert [f["id"] for f in doc["features"]] == list(frame["id"])
        for feature in doc["features"]:
            text = json.dumps(feature["geometry"]["coordinates"])
            decimals = [
                len(n.split(".")[1])
                for n in text.replace("[", " ").replace("]", " ").replace(",", " ").split()
                if "." in n
            ]
            assert max(decimals) <= 7
            geom = shape(feature["geometry"])
            assert geom.is_valid
            if geom.geom_type == "MultiPolygon":
                for poly in feature["geometry"]["coordinates"]:
                    assert _ring_area(poly[0]) > 0, "exterior ring must be counter-clockwise"
        info = pyogrio.read_info(path)
        assert info["crs"] == "EPSG:4326"
    info = pyogrio.read_info(tmp_path / "events.geojson")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate"
    assert types["fatalities"] in ("OFTInteger", "OFTInteger64")
    assert types["confidence"] == "OFTReal"
    back = pyogrio.read_dataframe(tmp_path / "events.geojson")
    assert len(back) == 5 and back["fatalities"].max() == 25


def test_acled_csv_columns_order_and_values(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    write_acled_csv(sample_events(), path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        assert CSV_COLUMNS[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
        rows = list(reader)
    assert rows[0]["event_id"] == "ev-k1"
    assert all(re.fullmatch(r"[A-Z]{3}1\d{15}", r["event_id_cnty"]) for r in rows)
    assert rows[0]["event_id_cnty"].startswith("IRQ")
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    # stable: the same event id gives the same ACLED id in a later run
    again = tmp_path / "again.csv"
    write_acled_csv(list(reversed(sample_events())), again)
    with again.open(encoding="utf-8-sig", newline="") as handle:
        assert {r["event_id"]: r["event_id_cnty"] for r in csv.DictReader(handle)} == {
            r["event_id"]: r["event_id_cnty"] for r in rows
        }
    strike = next(r for r in rows if r["event_id"] == "ev-strike")
    assert strike["iso"] == "368" and strike["region"] == "Middle East" and strike["country"] == "Iraq"
    assert strike["location"] == "Al Qaim" and strike["geo_precision"] == "1"  # ACLED's romanisation
    assert strike["fatalities"] == "25" and strike["injuries"] == "51" and strike["year"] == "2019"
    assert strike["article_ids"] == "a1 | a2"
    assert "killing 25" in strike["evidence"]
    hostile = next(r for r in rows if r["event_id"] == "ev-hostile")
    assert hostile["fatalities"] == "0" and hostile["event_date"] == ""  # ACLED: 0 when none is reported
    assert hostile["notes"].startswith("'="), "formula-looking cells are neutralised"
    protest = next(r for r in rows if r["event_id"] == "ev-funeral")
    assert protest["civilian_targeting"] == ""


def test_csv_opens_in_excel_with_diacritics_and_stacks_onto_acled(tmp_path: Path) -> None:
    """A UTF-8 byte order mark by default (Excel's cue for UTF-8); readers that stack CSVs skip it."""
    import pandas as pd

    place = _place("geonames:9", "Şırnak Köyü", "town", 42.46, 37.52, cc="TR")
    said = _evidence("a9", "Soldiers clashed with militants near Şırnak Köyü.", "https://news.example/tr")
    event = _event(
        "ev-tr", ("Battles", "Armed clash"), date(2020, 2, 1), EventLocation(place, 1), evidence=(said,)
    )
    path, plain = tmp_path / "events.csv", tmp_path / "plain.csv"
    write_acled_csv([event, *sample_events()], path)
    write_acled_csv([event, *sample_events()], plain, bom=False)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw[3:] == plain.read_bytes()
    frame = pd.read_csv(path, encoding="utf-8", dtype=str)
    row = frame[frame["event_id"] == "ev-tr"].iloc[0]
    # ACLED writes location names in ASCII; the text the reports give keeps its diacritics
    assert row["location"] == "Sirnak Koyu" and "Şırnak Köyü" in row["evidence"]
    assert frame.columns[0] == "event_id_cnty"
    back = pyogrio.read_dataframe(path, read_geometry=False)  # GDAL's CSV driver, as QGIS reads it
    assert back.columns[0] == "event_id_cnty" and len(back) == len(frame) == 6
    # stacking onto an ACLED export: the data lines carry no mark, only the header line does
    assert all(not line.startswith("\ufeff") for line in raw.decode("utf-8").splitlines()[1:])


def test_csv_cites_publishers_and_clean_links_never_paths(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    write_acled_csv(sample_events(), path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["event_id"]: r for r in csv.DictReader(handle)}
    assert rows["ev-strike"]["source"] == "news.example; wire.example"
    assert rows["ev-strike"]["sources"] == "https://news.example/a1 | https://wire.example/a2"
    assert "file:" not in rows["ev-funeral"]["sources"] and "/tmp" not in rows["ev-funeral"]["sources"]
    assert "javascript" not in rows["ev-hostile"]["sources"]
    assert "Caveats: date known to the week" in rows["ev-anbar"]["notes"]


def test_country_fields_use_acled_names() -> None:
    assert country_fields("SY") == ("760", "Middle East", "Syria")
    assert country_fields("CD")[2] == "Democratic Republic of Congo"
    assert country_fields("zz") == ("", "", "")
    assert country_fields(None) == ("", "", "")


def test_geopackage_layers_types_and_default_styles(tmp_path: Path, layers: dict[str, Any]) -> None:
    path = tmp_path / "geoevents.gpkg"
    write_geopackage(layers, path)
    kinds = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert kinds["events"] == "Point" and kinds["places"] == "Point"
    assert kinds["areas"] == "MultiPolygon" and kinds["borders"] == "MultiLineString"
    assert "layer_styles" in kinds
    info = pyogrio.read_info(path, layer="events")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    subtypes = dict(zip(info["fields"], info["ogr_subtypes"], strict=True))
    assert types["event_date"] == "OFTDate"
    assert subtypes["is_primary"] == "OFSTBoolean"
    assert info["geometry_name"] == "geom" and info["crs"] == "EPSG:4326"
    assert info["features"] == 5
    assert pyogrio.read_info(path, layer="event_mentions")["features"] == 1
    styles = pyogrio.read_dataframe(path, layer="layer_styles")
    assert sorted(styles["f_table_name"]) == ["areas", "borders", "event_mentions", "events", "places"]
    assert styles["useAsDefault"].all()
    assert set(styles["f_geometry_column"]) == {"geom"}
    assert set(styles["f_table_schema"]) == {""} and set(styles["f_table_catalog"]) == {""}
    events_qml = styles.set_index("f_table_name").loc["events", "styleQML"]
    assert 'type="categorizedSymbol"' in events_qml and 'attr="event_type"' in events_qml
    assert "fatalities" in events_qml and "geo_precision" in events_qml
    import xml.etree.ElementTree as ET

    for qml in styles["styleQML"]:
        ET.fromstring(qml.split("\n", 1)[1])  # well-formed after the DOCTYPE line
    with sqlite3.connect(path) as db:
        declared = {row[1]: row[2] for row in db.execute("PRAGMA table_info(layer_styles)")}
    assert declared["useAsDefault"].upper() == "BOOLEAN"


def test_write_outputs_writes_every_file_byte_identically(tmp_path: Path) -> None:
    first = write_outputs(sample_results(), sample_events(), tmp_path / "one")
    second = write_outputs(sample_results(), sample_events(), tmp_path / "two")
    layers = ("events", "event_mentions", "places", "areas", "borders")
    expected = {f"{layer}.geojson" for layer in layers}
    expected |= {"events.csv", "geoevents.gpkg", "geoevents.qgz", "map.html", "map.png", "map.svg"}
    expected |= {"report.html", "report.pdf", "events.kmz"}
    assert {p.name for p in first.values()} == expected
    for key, path in first.items():
        assert path.stat().st_size > 0, key
        assert path.read_bytes() == second[key].read_bytes(), f"{key} differs between identical runs"
    assert not list((tmp_path / "one").glob(".*.tmp")), "no temporary files left behind"


def test_write_outputs_with_nothing_found(tmp_path: Path) -> None:
    paths = write_outputs([], [], tmp_path)
    doc = json.loads(paths["events.geojson"].read_text(encoding="utf-8"))
    assert doc["features"] == []
    assert pyogrio.read_info(paths["geoevents.gpkg"], layer="events")["features"] == 0
    assert "No events" in paths["report.html"].read_text(encoding="utf-8")


def test_place_layers_come_from_one_pass_over_the_results() -> None:
    """The results of a large run are read from disk as a stream: the layers must not need a second pass."""
    from geoevents.outputs import place_layers_from_results

    passes = 0

    def once():
        nonlocal passes
        passes += 1
        yield from sample_results()

    layers = place_layers_from_results(once(), sample_events())
    assert passes == 1
    resolved = _resolved()
    builders = {"places": places_to_frame, "areas": areas_to_frame, "borders": borders_to_frame}
    for name, build in builders.items():
        expected = build(resolved, events=sample_events())
        assert layers[name].to_json() == expected.to_json(), name


def test_maps_read_event_rows_alike() -> None:
    """The web map, the images and the view share one reading of types, precision, dates and sites."""
    from geoevents.outputs.basemap import sited_events
    from geoevents.outputs.style import OTHER, as_date, geo_precision, type_counts

    counts = type_counts(["Riots", "Battles", "Looting", None, "Battles"])
    assert counts == {"Battles": 2, "Riots": 1, OTHER: 2} and list(counts) == ["Battles", "Riots", OTHER]
    assert [geo_precision(v) for v in (1, 2.0, None, float("nan"))] == [1, 2, 3, 3]
    assert as_date("2019-12-29T10:00:00Z") == date(2019, 12, 29) and as_date("not a date") is None
    frame = events_to_frame(sample_events())
    sited = sited_events(frame)
    assert sited is not None and len(sited) == len(frame)  # the events layer holds sites only
    assert sited_events(None) is None
