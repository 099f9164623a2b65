"""The opt-in online geocoder wrapper, tested without the network through a geopy-shaped test double.

The double stands in for a geopy geocoder class (Nominatim, OpenCage ...): it records every request and the
(fake) time it arrived, and can be told to fail.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path
from typing import Any, ClassVar

import pytest
from geopy.exc import GeocoderAuthenticationFailure, GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from geoevents.errors import GazetteerError
from geoevents.gazetteer.online import CachedOnlineGeocoder, online_geocoder
from geoevents.settings import Settings

SECRET = "sk-test-0123456789abcdef"
geopy_log = logging.getLogger("geopy")


class FakeClock:
    """Time that moves only when somebody sleeps (or a request takes time)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class FakeProvider:
    """geopy-shaped geocoder double: answers from a table, logs its request URL like geopy does."""

    instances: ClassVar[list[FakeProvider]] = []
    clock: ClassVar[FakeClock | None] = None

    def __init__(self, *, user_agent: str | None = None, api_key: str | None = None) -> None:
        self.user_agent = user_agent
        self.api_key = api_key
        self.calls: list[tuple[str, Any, float]] = []
        self.fail_with: Exception | None = None
        FakeProvider.instances.append(self)

    def _request(self, kind: str, query: Any) -> None:
        now = self.clock.time() if self.clock else 0.0
        self.calls.append((kind, query, now))
        geopy_log.debug(
            "FakeProvider.%s: https://api.example.test/%s?q=%s&key=%s", kind, kind, query, self.api_key
        )
        if self.fail_with is not None:
            raise self.fail_with

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any) -> Any:
        self._request("geocode", query)
        raw = {"place_id": 7, "display_name": f"{query}, Somewhere", "request": f"key={self.api_key}"}
        found = [Location(f"{query}, Somewhere", (35.5, 44.3, 0.0), raw)]
        return found[0] if exactly_one else found

    def reverse(self, query: Any, *, exactly_one: bool = True, **kwargs: Any) -> Any:
        self._request("reverse", query)
        found = [Location("Kirkuk, Iraq", (35.47, 44.39, 0.0), {"place_id": 8})]
        return found[0] if exactly_one else found


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(RateLimiter, "_clock", lambda self: fake.time())
    monkeypatch.setattr(RateLimiter, "_sleep", lambda self, seconds: fake.sleep(seconds))
    monkeypatch.setattr(FakeProvider, "clock", fake)
    monkeypatch.setattr(FakeProvider, "instances", [])
    return fake


@pytest.fixture
def online(
    gazetteer, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> CachedOnlineGeocoder:
    monkeypatch.setenv("GEOEVENTS_FAKEPROVIDER_API_KEY", SECRET)
    return online_geocoder(
        "fakeprovider",
        fallback=gazetteer,
        settings=Settings(cache_dir=tmp_path),
        geocoder_class=FakeProvider,
        min_delay_seconds=1.0,
    )


def test_answers_are_cached_on_disk_and_reused(online, tmp_path) -> None:
    first = online.geocode("Kirkuk")
    assert first is not None and first.raw["place_id"] == 7
    assert first.raw["source"] == "fakeprovider"
    provider = FakeProvider.instances[-1]
    assert len(provider.calls) == 1
    second = online.geocode("Kirkuk")
    assert second is not None and (second.latitude, second.longitude) == (first.latitude, first.longitude)
    assert len(provider.calls) == 1  # served from disk
    cached = list((tmp_path / "online" / "fakeprovider").glob("*.json"))
    assert len(cached) == 1
    online.geocode("Erbil")
    assert len(provider.calls) == 2
    # A fresh wrapper (a new process) reads the same cache without asking the provider.
    again = online_geocoder(
        "fakeprovider",
        fallback=online.fallback,
        settings=Settings(cache_dir=tmp_path),
        geocoder_class=FakeProvider,
    )
    found = again.geocode("Erbil", exactly_one=False)
    assert isinstance(found, list) and found[0].raw["place_id"] == 7
    assert FakeProvider.instances[-1].calls == []


def test_requests_respect_the_minimum_delay(online, clock) -> None:
    for name in ["Mosul", "Tikrit", "Ramadi", "Mosul"]:
        online.geocode(name)
    online.reverse((35.47, 44.39))
    times = [t for _, _, t in FakeProvider.instances[-1].calls]
    assert len(times) == 4  # the repeated "Mosul" came from the cache
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= 1.0 for gap in gaps), gaps
    assert clock.sleeps  # the limiter waited rather than calling back to back


def test_reverse_is_cached_and_parses_points(online) -> None:
    found = online.reverse("35.47, 44.39")
    assert found is not None and found.address == "Kirkuk, Iraq"
    online.reverse((35.47, 44.39))
    assert len(FakeProvider.instances[-1].calls) == 1
    with pytest.raises(GazetteerError, match=r"not a \(latitude, longitude\) pair"):
        online.reverse("nowhere")


def test_provider_errors_are_clear_and_not_cached(online, tmp_path) -> None:
    provider = FakeProvider.instances[-1]
    provider.fail_with = GeocoderAuthenticationFailure(f"key {SECRET} was refused")
    with pytest.raises(GazetteerError) as info:
        online.geocode("Kirkuk")
    message = str(info.value)
    assert "fakeprovider" in message and "'Kirkuk'" in message and "GeocoderAuthenticationFailure" in message
    assert SECRET not in message
    assert not list((tmp_path / "online").rglob("*.json"))  # the failure is not remembered
    provider.fail_with = None
    assert online.geocode("Kirkuk") is not None


def test_service_errors_are_retried_once_after_a_pause(online, clock) -> None:
    provider = FakeProvider.instances[-1]
    provider.fail_with = GeocoderServiceError("502 bad gateway")
    with pytest.raises(GazetteerError, match="GeocoderServiceError"):
        online.geocode("Kirkuk")
    assert len(provider.calls) == 2  # one retry, then the error
    assert provider.calls[1][2] - provider.calls[0][2] >= 5.0


def test_api_key_reaches_the_provider_but_never_logs_or_cache(online, tmp_path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    provider = FakeProvider.instances[-1]
    assert provider.api_key == SECRET
    found = online.geocode("Kirkuk")
    assert found is not None
    assert any("api.example.test" in r.getMessage() for r in caplog.records)  # the request was logged ...
    assert all(SECRET not in r.getMessage() for r in caplog.records)  # ... without the key
    assert SECRET not in caplog.text
    assert SECRET not in str(found.raw)
    for path in (tmp_path / "online").rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8")


def test_bad_names_and_queries(gazetteer, tmp_path, online) -> None:
    with pytest.raises(GazetteerError, match="unknown online geocoder 'no such thing'"):
        online_geocoder("no such thing", fallback=gazetteer, settings=Settings(cache_dir=tmp_path))
    with pytest.raises(GazetteerError, match="unknown online geocoder 'nosuchservice'"):
        online_geocoder("nosuchservice", fallback=gazetteer, settings=Settings(cache_dir=tmp_path))
    with pytest.raises(GazetteerError, match="empty query"):
        online.geocode("   ")
    assert FakeProvider.instances[-1].calls == []


def test_everything_but_name_lookup_stays_offline(online, gazetteer) -> None:
    assert online.is_name("kirkuk")
    assert online.country("IQ").feature_id == gazetteer.country("IQ").feature_id
    assert online.candidates("Kirkuk", limit=1)[0].place.feature_class == "populated_place"
    assert FakeProvider.instances[-1].calls == []


def test_unconfigured_provider_names_the_key_variable(gazetteer, tmp_path, monkeypatch) -> None:
    class NeedsKey:
        def __init__(self, *, api_key: str) -> None:
            self.api_key = api_key

    monkeypatch.delenv("GEOEVENTS_NEEDSKEY_API_KEY", raising=False)
    with pytest.raises(GazetteerError, match="GEOEVENTS_NEEDSKEY_API_KEY"):
        online_geocoder(
            "needskey", fallback=gazetteer, settings=Settings(cache_dir=tmp_path), geocoder_class=NeedsKey
        )
