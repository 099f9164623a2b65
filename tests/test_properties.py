"""Property tests on any Unicode: parse offsets stay inside the text and match it, coordinates are
valid, the geocoder never crashes, and the runner's record encoding loses nothing."""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoevents.ingest import article_from_text
from geoevents.parallel import decode_record, dumps, encode_record
from geoevents.records import Article, ArticleResult, Mention, ResolvedMention, Zone, ZoneKind
from tests.test_pipeline_fakes import PLACES

NEWSY = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(["Kirkuk", "Iraq", "Al-Qaim", "near ", "<div>", "</p>", "Syria", ". ", "\n", " "]),
    ),
    max_size=40,
).map("".join)
PROFILE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _valid(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


@PROFILE
@given(text=NEWSY, fmt=st.sampled_from(["text", "html", "markdown"]))
def test_geoparse_offsets_are_inside_the_text_and_match_it(gazetteer: Any, text: str, fmt: str) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = article_from_text(text, fmt=fmt)
    for resolved in resolved_mentions_from_article(article, gazetteer=gazetteer):
        mention = resolved.mention
        assert 0 <= mention.start < mention.end <= len(article.text)
        assert article.text[mention.start : mention.end] == mention.text
        assert 0.0 <= resolved.score <= 1.0
        if resolved.place is not None:
            assert _valid(resolved.place.lat, resolved.place.lon)


@PROFILE
@given(query=st.text(max_size=120))
def test_geocoder_never_crashes_and_gives_valid_coordinates(gazetteer: Any, query: str) -> None:
    from geoevents.errors import GazetteerError

    try:
        found = gazetteer.geocode(query, exactly_one=False, limit=5) or []
    except GazetteerError:
        return  # a refused query (too long, empty) is a clean error, not a crash
    for location in found:
        assert _valid(location.latitude, location.longitude)


@PROFILE
@given(
    lat=st.floats(min_value=-90, max_value=90, allow_nan=False),
    lon=st.floats(min_value=-180, max_value=180, allow_nan=False),
)
def test_reverse_geocoding_never_crashes(gazetteer: Any, lat: float, lon: float) -> None:
    for location in gazetteer.reverse((lat, lon), exactly_one=False) or []:
        assert _valid(location.latitude, location.longitude)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=200),
    title=st.none() | st.text(max_size=30),
    when=st.none() | st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    spans=st.lists(
        st.tuples(st.integers(0, 200), st.integers(0, 20), st.sampled_from(sorted(PLACES))), max_size=5
    ),
)
def test_stored_results_decode_to_the_same_records(
    text: str, title: str | None, when: datetime | None, spans: list[tuple[int, int, str]]
) -> None:
    article = Article(
        id="a1",
        text=text,
        path="in/a.txt",
        title=title,
        published=when,
        zones=(Zone(0, len(text), ZoneKind.BODY),),
        metadata={"format": "text", "line": 3},
    )
    mentions = tuple(
        ResolvedMention(
            Mention("a1", start, start + length, text[start : start + length]), PLACES[name], 0.5, 1
        )
        for start, length, name in spans
    )
    result = ArticleResult(article=article, mentions=mentions, events=())
    places: dict = {}
    line = dumps(encode_record(result, places))
    table = {fid: decode_record(type(p), encode_record(p)) for fid, p in places.items()}
    back = decode_record(ArticleResult, json.loads(line), table)
    assert back.article == article

    def summary(mentions: tuple[ResolvedMention, ...]) -> list[tuple[Mention, str, str]]:
        return [(m.mention, m.place.feature_id, m.place.geometry.wkt) for m in mentions if m.place]

    assert summary(back.mentions) == summary(mentions)
    assert len(back.mentions) == len(mentions)


COORDINATE = st.one_of(
    st.floats(min_value=-180, max_value=180, allow_nan=False),
    # values at and beside a rounding tie of the sixth decimal
    st.builds(
        lambda k, nudge: k / 1e6 + nudge,
        st.integers(-180_000_000, 180_000_000),
        st.sampled_from([5e-7, -5e-7, 4.999999e-7, 5.000001e-7, 0.0, -0.0]),
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(COORDINATE, COORDINATE), min_size=3, max_size=30))
def test_geojson_coordinates_round_exactly_like_round(points: list[tuple[float, float]]) -> None:
    """Outlines are rounded in bulk for speed: the bytes must be those of ``round(v, 6)`` per value."""
    from shapely.geometry import LineString, MultiPoint, MultiPolygon, Point, Polygon, mapping

    from geoevents.outputs.frames import oriented
    from geoevents.outputs.geojson import DECIMALS, geometry_to_geojson

    def by_round(coords: Any) -> Any:
        if isinstance(coords, float):
            value = round(coords, DECIMALS)
            return 0.0 if value == 0 else value
        return [by_round(c) for c in coords]

    square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    for geometry in (
        Point(points[0]),
        LineString(points),
        MultiPoint(points),
        MultiPolygon([Polygon(square, [[*points, points[0]]]), Polygon([*points, points[0]])]),
    ):
        expected = {
            "type": geometry.geom_type,
            "coordinates": by_round(mapping(oriented(geometry))["coordinates"]),
        }
        written = json.dumps(geometry_to_geojson(geometry))
        assert written == json.dumps(expected)
        assert "-0.0," not in written and "-0.0]" not in written


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9_ '-.,;:\n\tK1sS")), max_size=60))
def test_ascii_tokens_are_the_unicode_tokens(text: str) -> None:
    from geoevents.geoparse.tokens import TOKEN_SPLIT, TOKEN_SPLIT_ASCII

    assert TOKEN_SPLIT_ASCII.split(text) == TOKEN_SPLIT.split(text)
