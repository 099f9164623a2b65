"""The offline gazetteer: names resolve to the right features, borders are derived, the geopy shape holds.

Expected coordinates come from published positions (airfield ICAO records, town coordinates), not from
reading the index back.
"""

from __future__ import annotations

import io
import json
import math
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import shapely
import shapely.geometry
import shapely.ops
from pyproj import Geod

from geoevents.errors import GazetteerError
from geoevents.gazetteer import Candidate, Gazetteer, normalize_name
from geoevents.gazetteer.normalize import loose_key

GEOD = Geod(ellps="WGS84")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


# name, expected feature class, (lat, lon) from published sources, tolerance km
NAMED = [
    ("K-1 Air Base", "base", (35.5125, 44.2842), 5),
    ("K1 base", "base", (35.5125, 44.2842), 5),
    ("Ain al-Asad", "base", (33.7856, 42.4411), 10),
    ("Al Asad Airbase", "base", (33.7856, 42.4411), 10),
    ("Balad Air Base", "base", (33.9403, 44.3617), 10),
    ("Camp Taji", "base", (33.52, 44.26), 10),
    ("Erbil air base", "base", (36.2375, 43.9632), 10),
    ("Camp Cropper", "base", (33.27, 44.24), 10),
    ("Al-Tanf", "base", (33.50, 38.62), 10),
    ("Kirkuk", "populated_place", (35.4681, 44.3922), 10),
    ("Erbil", "populated_place", (36.1912, 44.0092), 10),
    ("Mosul", "populated_place", (36.34, 43.13), 10),
    ("Albukamal", "populated_place", (34.4536, 40.9367), 10),
    ("Al-Bukamal", "populated_place", (34.4536, 40.9367), 10),
    ("Abu Kamal", "populated_place", (34.4536, 40.9367), 10),
    ("Al-Qaim", "populated_place", (34.39, 41.02), 10),
    ("Al Qa'im", "populated_place", (34.39, 41.02), 10),
    ("Qaim", "populated_place", (34.39, 41.02), 10),
    ("Husaybah", "populated_place", (34.39, 41.02), 10),
    ("Baghdad", "populated_place", (33.3152, 44.3661), 10),
]


@pytest.mark.parametrize(("name", "fclass", "expected", "tolerance"), NAMED)
def test_named_places_resolve_within_tolerance(gazetteer, name, fclass, expected, tolerance) -> None:
    best = gazetteer.candidates(name, limit=1)
    assert best, f"{name} not found"
    place = best[0].place
    assert place.feature_class == fclass
    assert km(place.lat, place.lon, *expected) <= tolerance


def test_geocoder_meets_the_protocol(gazetteer) -> None:
    assert isinstance(gazetteer, Gazetteer)
    found = gazetteer.candidates("Kirkuk")
    assert all(isinstance(c, Candidate) for c in found)
    assert found[0].match_score == 1.0
    assert gazetteer.max_name_words >= 3


def test_normalisation_survives_transliteration() -> None:
    assert normalize_name("Al-Qa'im") == normalize_name("al Qa‘im") == "al qaim"
    assert normalize_name("ERBĪL") == "erbil"
    assert loose_key("Al-Bukamal") == loose_key("Bukamal")
    assert loose_key("Al Qa'im") == loose_key("Qaim")
    assert loose_key("as-Sulaymaniyah") == loose_key("Sulaymaniyah")


def test_is_name_takes_normalised_keys(gazetteer) -> None:
    assert gazetteer.is_name("kirkuk")
    assert gazetteer.is_name("al bukamal")
    assert not gazetteer.is_name("zzqxv")


def test_fuzzy_only_when_asked_and_scored_lower(gazetteer) -> None:
    assert gazetteer.candidates("Kirkukh") == []
    fuzzy = gazetteer.candidates("Kirkukh", fuzzy=True, country_codes=["IQ"])
    assert fuzzy and fuzzy[0].place.name == "Kirkuk"
    assert fuzzy[0].match_score < 0.8


@pytest.mark.parametrize(
    ("typo", "name", "country"),
    [("Kirkukh", "Kirkuk", "IQ"), ("Baghdadh", "Baghdad", "IQ"), ("Nangahar", "Nangarhar", "AF")],
)
def test_fuzzy_finds_close_misspellings_and_says_what_matched(gazetteer, typo, name, country) -> None:
    found = gazetteer.geocode(typo, exactly_one=False)
    assert found, typo
    best = found[0]
    assert normalize_name(best.raw["name"]) == normalize_name(name) and best.raw["country_code"] == country
    assert 0 < best.raw["match_score"] < 0.8 and best.raw["matched_name"]


@pytest.mark.parametrize("word", ["Gorkha", "Everest", "Qzxwv", "Erbl"])
def test_fuzzy_never_answers_a_different_place(gazetteer, word) -> None:
    """A name English text uses in its own right, or one too short to guess at, has no fuzzy answer."""
    assert gazetteer.geocode(word, exactly_one=False) is None


def test_fuzzy_edits_grow_with_length_and_keep_the_initial(gazetteer) -> None:
    from geoevents.gazetteer.offline import fuzzy_edits

    assert [fuzzy_edits(k) for k in ("mosl", "mosull", "nangahar", "nangarharr", "abcdefghijklmn")] == [
        0,
        1,
        1,
        2,
        3,
    ]
    assert all(m[0] == "k" for m, _ in gazetteer._fuzzy("kirkukh"))
    assert gazetteer._fuzzy("xirkuk") == [] or all(m[0] == "x" for m, _ in gazetteer._fuzzy("xirkuk"))


def test_countries_are_polygons_and_country_lookup(gazetteer) -> None:
    iraq = gazetteer.country("IQ")
    assert iraq.feature_id == "ne:IRQ"
    assert iraq.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert iraq.geometry.contains(shapely.Point(44.3661, 33.3152))  # Baghdad
    with pytest.raises(GazetteerError, match="unknown country code"):
        gazetteer.country("QQ")


def test_kurdistan_region_is_the_union_of_its_governorates(gazetteer) -> None:
    region = gazetteer.candidates("Kurdistan Region of Iraq", feature_classes=["region"])[0].place
    assert region.geometry.geom_type in ("Polygon", "MultiPolygon")
    for lat, lon in [
        (36.1912, 44.0092),
        (35.5650, 45.4329),
        (36.8670, 42.9500),
    ]:  # Erbil, Sulaymaniyah, Duhok
        assert region.geometry.contains(shapely.Point(lon, lat))
    for lat, lon in [(33.3152, 44.3661), (36.34, 43.13)]:  # Baghdad, Mosul
        assert not region.geometry.contains(shapely.Point(lon, lat))


TRIPOINT = (37.14, 44.78)  # Iran-Iraq-Turkey tripoint


@pytest.mark.parametrize(
    "query", ["the Kurdistan–Iran border", "the border between the Kurdistan Region of Iraq and Iran"]
)
def test_kurdistan_iran_border_follows_the_iraq_iran_boundary(gazetteer, query) -> None:
    place = gazetteer.candidates(query, limit=1)[0].place
    assert place.feature_class == "border"
    line = place.geometry
    assert line.geom_type in ("LineString", "MultiLineString")
    length_km = GEOD.geometry_length(line) / 1000
    assert 350 <= length_km <= 650
    iraq, iran = gazetteer.country("IQ").geometry, gazetteer.country("IR").geometry
    boundary = shapely.intersection(iraq.boundary, iran.boundary.buffer(0.001))
    parts = list(getattr(line, "geoms", [line]))
    for part in parts:
        for lon, lat in part.coords:
            nearest = shapely.ops.nearest_points(boundary, shapely.Point(lon, lat))[0]
            assert km(lat, lon, nearest.y, nearest.x) <= 2.0
    ends = [c for part in parts for c in (part.coords[0], part.coords[-1])]
    assert min(km(lat, lon, *TRIPOINT) for lon, lat in ends) <= 15.0


def test_border_between_two_countries_is_derived(gazetteer) -> None:
    line = gazetteer.border(gazetteer.country("IQ"), gazetteer.country("SY"))
    assert line is not None and line.feature_class == "border"
    assert line.feature_id == "border:IRQ-SYR"
    assert 500 <= GEOD.geometry_length(line.geometry) / 1000 <= 700  # about 600 km
    assert gazetteer.border(gazetteer.country("IQ"), gazetteer.country("FR")) is None
    by_name = gazetteer.candidates("the Iraq-Syria border")[0].place
    assert by_name.feature_id == "border:IRQ-SYR"


def test_border_of_an_inland_county_and_its_country_is_none(gazetteer) -> None:
    """An inland county shares no edge with its country: no line and no error (the intersection used to
    yield an empty piece that could not be merged)."""
    county = next(
        c.place
        for c in gazetteer.candidates("Marshall County", limit=40)
        if c.place.admin1 == "Alabama" and c.place.feature_class == "admin2"
    )
    assert gazetteer.border(county, gazetteer.country("US")) is None


def test_region_expression_is_part_of_the_country(gazetteer) -> None:
    north = gazetteer.candidates("northern Iraq")[0].place
    iraq = gazetteer.country("IQ")
    assert north.feature_class == "region_expression"
    assert iraq.geometry.buffer(1e-6).contains(north.geometry)
    assert north.geometry.area < iraq.geometry.area * 0.8
    assert north.geometry.contains(shapely.Point(43.13, 36.34))  # Mosul
    assert not north.geometry.contains(shapely.Point(47.78, 30.51))  # Basra
    assert gazetteer.is_name("northern iraq") or gazetteer.candidates("southern Syria")


def test_euphrates_valley_covers_the_river_towns(gazetteer) -> None:
    valley = gazetteer.candidates("the Euphrates valley")[0].place
    assert valley.feature_class == "physical"
    for lat, lon in [
        (35.3359, 40.1408),
        (34.4536, 40.9367),
        (33.4206, 43.3078),
    ]:  # Deir ez-Zor, Abu Kamal, Ramadi
        assert valley.geometry.contains(shapely.Point(lon, lat))


def test_reverse_gives_admin1_and_country(gazetteer) -> None:
    found = gazetteer.reverse((35.4681, 44.3922), exactly_one=False)  # Kirkuk city
    classes = [loc.raw["feature_class"] for loc in found]
    assert classes == ["admin1", "country"]
    assert found[0].raw["admin1_code"] == "IQ.13"  # Kirkuk governorate
    assert found[1].raw["country_code"] == "IQ"
    assert gazetteer.reverse((0.0, -30.0)) is None  # mid-Atlantic


@pytest.mark.parametrize(
    ("query", "reason"), [("", "empty"), ("   ", "empty"), ("x" * 400, "limit"), ("---", "empty")]
)
def test_bad_queries_raise_clear_errors(gazetteer, query, reason) -> None:
    with pytest.raises(GazetteerError, match=reason):
        gazetteer.geocode(query)


def test_bad_country_code_and_point(gazetteer) -> None:
    with pytest.raises(GazetteerError, match="unknown country code 'ZZ'"):
        gazetteer.geocode("Kirkuk", country_codes=["ZZ"])
    with pytest.raises(GazetteerError, match="outside"):
        gazetteer.reverse((95.0, 10.0))
    with pytest.raises(GazetteerError, match="not a"):
        gazetteer.reverse("north pole")


def test_country_filter_and_limit(gazetteer) -> None:
    found = gazetteer.geocode("Paris", exactly_one=False, limit=3)
    assert len(found) == 3
    assert found[0].raw["country_code"] == "FR"
    us = gazetteer.geocode("Paris", country_codes="US")
    assert us.raw["country_code"] == "US"


def test_geopy_location_raw_fields(gazetteer) -> None:
    loc = gazetteer.geocode("K-1 Air Base")
    for key in ("feature_id", "source", "feature_class", "country_code", "admin1", "population", "geometry"):
        assert key in loc.raw
    assert loc.raw["feature_id"] == "curated:k1-air-base"
    assert loc.raw["geometry"]["type"] == "Point"
    json.dumps(loc.raw)


def test_geopandas_geocode_round_trip(gazetteer) -> None:
    import geopandas

    frame = geopandas.tools.geocode(["Kirkuk", "Ain al-Asad"], provider=lambda: gazetteer)
    assert list(frame.crs.to_epsg() for _ in [0]) == [4326]
    assert km(frame.geometry[0].y, frame.geometry[0].x, 35.4681, 44.3922) <= 10
    assert km(frame.geometry[1].y, frame.geometry[1].x, 33.7856, 42.4411) <= 10


def test_geopandas_accepts_the_class_as_provider(tmp_cache_env) -> None:
    import geopandas

    from geoevents.gazetteer import OfflineGeocoder

    frame = geopandas.tools.geocode(["Erbil"], provider=OfflineGeocoder)
    assert km(frame.geometry[0].y, frame.geometry[0].x, 36.1912, 44.0092) <= 10


def test_rate_limiter_round_trip(gazetteer) -> None:
    from geopy.extra.rate_limiter import RateLimiter

    geocode = RateLimiter(gazetteer.geocode, min_delay_seconds=0)
    loc = geocode("Balad Air Base")
    assert km(loc.latitude, loc.longitude, 33.9403, 44.3617) <= 10


def _cli_json(argv: list[str]) -> dict:
    from geoevents.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(argv) == 0
    return json.loads(out.getvalue())


def test_cli_geocode_prints_geojson(gazetteer) -> None:
    doc = _cli_json(["geocode", "Al Qa'im", "--country", "IQ", "--limit", "2"])
    assert doc["type"] == "FeatureCollection"
    first = doc["features"][0]
    lon, lat = first["geometry"]["coordinates"]
    assert km(lat, lon, 34.39, 41.02) <= 10
    assert first["properties"]["country_code"] == "IQ"


def test_cli_reverse_prints_country_and_admin1(gazetteer) -> None:
    doc = _cli_json(["reverse", "36.1912", "44.0092"])
    classes = [f["properties"]["feature_class"] for f in doc["features"]]
    assert classes == ["admin1", "country"]
    country = doc["features"][1]
    assert country["geometry"]["type"] == "Point" and country["id"] == country["properties"]["feature_id"]
    west, south, east, north = country["bbox"]
    assert west < 44.0092 < east and south < 36.1912 < north and east - west > 5
    assert len(json.dumps(doc)) < 4096  # by reference: no polygon unless asked
    full = _cli_json(["reverse", "36.1912", "44.0092", "--geometry", "full"])
    assert full["features"][1]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert full["features"][1]["bbox"] == country["bbox"]


def test_cli_geocode_without_an_answer_says_so_and_exits_1(gazetteer, capsys) -> None:
    from geoevents.cli import main

    assert main(["geocode", "Qzxwvbnm Junction"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["features"] == []
    assert "no place called 'Qzxwvbnm Junction'" in captured.err and captured.err.count("\n") == 1


def test_cli_bad_query_exits_with_usage_error(gazetteer, capsys) -> None:
    from geoevents.cli import main

    assert main(["geocode", "x" * 500]) == 2
    assert "limit" in capsys.readouterr().err


def test_world_countries_frame() -> None:
    from geoevents.gazetteer import world_countries

    frame = world_countries()
    assert list(frame.columns) == ["iso_a2", "iso_a3", "name", "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert "IQ" in set(frame["iso_a2"]) and len(frame) > 200
    assert frame.geometry.notna().all() and not math.isnan(frame.geometry.total_bounds[0])

    # Natural Earth's archive declares Latin-1 but holds UTF-8: read wrongly, "Côte d'Ivoire" became "CÃ´te".
    assert not any("Ã" in name for name in frame["name"])
    assert "Curaçao" in set(frame["name"])
    # NAME_EN is wrong for one feature ("Wake Island" on the Spratly Islands): the others' names win there.
    assert "Wake Island" not in set(frame["name"])


@pytest.mark.parametrize("name, code", [("China", "CN"), ("United States", "US"), ("Czechia", "CZ")])
def test_a_countrys_short_name_finds_the_country_first(gazetteer, name, code) -> None:
    """The everyday name of a country matches it exactly, ahead of any village of the same name (a
    Mexican "China" must not be what geocode("China") returns)."""
    best = gazetteer.geocode(name)
    assert best.raw["feature_class"] == "country" and best.raw["country_code"] == code
    assert best.raw["match_score"] == 1.0


@pytest.fixture
def tmp_cache_env(gazetteer, monkeypatch) -> Path:
    """The class-as-provider path builds a default instance: reuse the session cache folder."""
    monkeypatch.setenv("GEOEVENTS_CACHE", str(gazetteer.settings.cache_dir))
    return gazetteer.settings.cache_dir


# Continents and large regions derived from Natural Earth's grouping columns: points that must (not) lie in
# each, from well-known capitals.
WORLD_REGIONS = [
    ("Europe", [(48.8566, 2.3522), (52.52, 13.405)], [(33.3152, 44.3661)]),  # Paris, Berlin / Baghdad
    ("Africa", [(9.03, 38.74), (-1.2864, 36.8172)], [(48.8566, 2.3522)]),  # Addis Ababa, Nairobi / Paris
    ("Asia", [(35.6762, 139.6503), (33.3152, 44.3661)], [(-1.2864, 36.8172)]),  # Tokyo, Baghdad / Nairobi
    ("Latin America", [(19.4326, -99.1332), (-34.6037, -58.3816)], [(38.9072, -77.0369)]),  # Mexico City,
    # Buenos Aires / Washington
    ("Southeast Asia", [(13.7563, 100.5018), (-6.2088, 106.8456)], [(28.6139, 77.209)]),  # Bangkok, Jakarta
    # / New Delhi
    ("the Caribbean", [(18.4861, -69.9312), (18.0179, -76.8099)], [(19.4326, -99.1332)]),  # Santo Domingo,
    # Kingston / Mexico City
    ("East Africa", [(-1.2864, 36.8172), (9.03, 38.74)], [(14.7167, -17.4677)]),  # Nairobi, Addis / Dakar
]


@pytest.mark.parametrize(("query", "inside", "outside"), WORLD_REGIONS)
def test_continents_and_large_regions_are_polygons(gazetteer, query, inside, outside) -> None:
    best = gazetteer.candidates(query, limit=1)
    assert best, query
    place = best[0].place
    assert place.feature_class == "region"
    assert place.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert place.geometry.is_valid
    for lat, lon in inside:
        assert place.geometry.distance(shapely.Point(lon, lat)) < 0.05, (query, lat, lon)
    for lat, lon in outside:
        assert not place.geometry.contains(shapely.Point(lon, lat)), (query, lat, lon)
    assert place.raw["derived_from"].startswith("Natural Earth") or place.source == "curated"


def test_world_regions_do_not_shadow_countries_or_curated_regions(gazetteer) -> None:
    antarctica = gazetteer.candidates("Antarctica", limit=1)[0].place
    assert antarctica.feature_class == "country"
    central_asia = gazetteer.candidates("Central Asia", feature_classes=["region"])
    assert [c.place.source for c in central_asia] == ["curated"]  # one feature, not two of the same name


def test_region_outranks_a_small_place_of_the_same_name(gazetteer) -> None:
    found = gazetteer.candidates("Middle East")
    assert found[0].place.feature_class == "region"
    region = found[0].place
    hamlets = [c.place for c in found if c.place.feature_class == "populated_place"]
    # A region carries the population of its parts, so ranking by prominence or population agrees.
    assert region.population and all(region.population > (h.population or 0) for h in hamlets)
    assert all(region.raw["prominence"] > h.raw["prominence"] for h in hamlets)
    assert gazetteer.candidates("the Middle East", limit=1)[0].place.feature_id == region.feature_id


def test_kurdistan_iran_border_is_one_continuous_line(gazetteer) -> None:
    line = gazetteer.candidates("the Kurdistan–Iran border", limit=1)[0].place.geometry
    assert line.geom_type == "LineString"  # no detached stubs where the derived region's edge wavers


def test_short_gaps_are_bridged_only_for_approximate_areas() -> None:
    from geoevents.gazetteer.borders import BRIDGE_DEGREES, shared_boundary

    country = shapely.box(0, 0, 10, 10)
    # An area whose edge leaves the country's boundary briefly (y 4.0-4.05), as a derived area's edge can.
    wavering = shapely.box(-5, 1, 0, 8).difference(shapely.box(-0.5, 4.0, 0, 4.05))
    exact = shared_boundary(wavering, country)
    assert exact is not None and exact.geom_type == "MultiLineString"
    bridged = shared_boundary(wavering, country, bridge_degrees=BRIDGE_DEGREES)
    assert bridged is not None and bridged.geom_type == "LineString"
    assert bridged.length == pytest.approx(7.0, abs=0.01)  # ends carry the 200 m snap
    assert bridged.distance(shapely.Point(0, 4.02)) < 1e-9  # the gap follows the country's edge
    # A wide gap is a real interruption, never bridged.
    split = shapely.box(-5, 1, 0, 8).difference(shapely.box(-0.5, 4.0, 0, 6.0))
    wide = shared_boundary(split, country, bridge_degrees=BRIDGE_DEGREES)
    assert wide is not None and wide.geom_type == "MultiLineString"
    assert wide.length == pytest.approx(5.0, abs=0.01)


def test_continents_have_their_reference_points_inside_them(gazetteer) -> None:
    """A continent's point is where readers put it, not the centre of its countries' union (Europe's,
    with Russia, would fall in Siberia)."""
    for name, lon_range in (("Europe", (-10, 30)), ("Africa", (-10, 40)), ("South America", (-75, -40))):
        place = gazetteer.geocode(name)
        assert place is not None and place.raw["feature_class"] == "region", name
        area = shapely.geometry.shape(place.raw["geometry"]).buffer(0.5)
        assert area.contains(shapely.Point(place.longitude, place.latitude)), name
        assert lon_range[0] < place.longitude < lon_range[1], (name, place.longitude)


def test_other_country_names_point_to_the_country(gazetteer) -> None:
    for name, code in (("Burma", "MM"), ("Persia", "IR"), ("Ceylon", "LK"), ("America", "US")):
        best = gazetteer.candidates(name, limit=5)
        countries = [c for c in best if c.place.feature_class == "country"]
        assert countries and countries[0].place.country_code == code, name


def _physical_rows() -> list:
    from geoevents.gazetteer.curated import read_curated_csv
    from geoevents.gazetteer.index import CURATED_DIR

    return read_curated_csv(CURATED_DIR / "physical.csv", source="curated")


def test_seas_lie_at_sea_and_islands_on_their_land(gazetteer) -> None:
    """The approximate centres of the physical file are checked against Natural Earth's land: a sea's
    point must be off every country, an island's or region's point inside the country it belongs to."""
    from geoevents.gazetteer.sources import read_natural_earth_countries

    land = shapely.union_all(read_natural_earth_countries().geometry.values)
    water_words = ("Ocean", "Sea", "Gulf", "Bay", "Channel")
    checked = 0
    for row in _physical_rows():
        if row.lat is None or row.lon is None:
            continue
        point = shapely.Point(row.lon, row.lat)
        if row.name.split()[-1] in water_words or row.name.startswith(("Gulf", "Bay", "Sea of")):
            if row.name == "Dead Sea" or row.name == "Sea of Galilee":
                continue  # lakes inside countries
            assert not land.contains(point), f"{row.name} centre is on land"
            checked += 1
        elif row.country_code and row.feature_class == "region":
            country = gazetteer.country(row.country_code)
            assert country.geometry.buffer(0.05).contains(point), (
                f"{row.name} centre is outside {row.country_code}"
            )
            checked += 1
    assert checked >= 30


def test_physical_features_and_regions_resolve(gazetteer) -> None:
    for name, fclass in (("Red Sea", "region"), ("Strait of Hormuz", "physical"), ("Darfur", "region")):
        best = gazetteer.candidates(name, limit=1)
        assert best and best[0].place.feature_class == fclass, name
    darfur = gazetteer.candidates("Darfur", limit=1)[0].place
    assert darfur.geometry.contains(shapely.Point(25.35, 13.63))  # El Fasher
    assert not darfur.geometry.contains(shapely.Point(32.53, 15.59))  # Khartoum
