"""Opt-in online geocoders from geopy: only when named, rate-limited, answers cached on disk.

API keys come from the environment only (``GEOEVENTS_<NAME>_API_KEY``, e.g. GEOEVENTS_OPENCAGE_API_KEY)
and are never logged or written to the cache. Everything that is not a name lookup (borders, country
polygons, ``is_name``) is answered by the offline gazetteer given as ``fallback``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from geopy.location import Location

from geoevents.errors import GazetteerError
from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.offline import OfflineGeocoder
from geoevents.records import Place
from geoevents.settings import Settings

log = logging.getLogger(__name__)
USER_AGENT = "geoevents (offline-first geoparser; https://pypi.org/project/geoevents)"
MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: at most one request a second


class CachedOnlineGeocoder:
    """A geopy geocoder behind a disk cache and geopy's RateLimiter; offline answers for the rest."""

    def __init__(
        self,
        name: str,
        geocoder: Any,
        *,
        fallback: OfflineGeocoder,
        cache_dir: Path,
        min_delay_seconds: float = MIN_DELAY_SECONDS,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.name = name
        self.fallback = fallback
        self.cache_dir = cache_dir / "online" / name
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1)
        self._reverse = RateLimiter(geocoder.reverse, min_delay_seconds=min_delay_seconds, max_retries=1)
        self.max_name_words = fallback.max_name_words

    def _cached(self, kind: str, key: dict[str, Any], call: Callable[[], Any]) -> Any:
        digest = hashlib.sha256(json.dumps([kind, key], sort_keys=True).encode()).hexdigest()
        path = self.cache_dir / f"{digest}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        answer = call()
        items = answer if isinstance(answer, list) else ([answer] if answer else [])
        stored = [{"address": a.address, "point": [a.latitude, a.longitude], "raw": a.raw} for a in items]
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.cache_dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(stored, handle)
        os.replace(tmp, path)
        return stored

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        feature_classes: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        self.fallback._check_query(query)
        kwargs: dict[str, Any] = {"exactly_one": False}
        if country_codes:
            kwargs["country_codes"] = country_codes
        key = {"query": query, **kwargs, "limit": limit}
        stored = self._cached("geocode", key, lambda: self._geocode(query, **kwargs))
        locations = [Location(s["address"], (*s["point"], 0.0), _raw(self.name, s)) for s in stored]
        if limit:
            locations = locations[:limit]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def reverse(self, query: Any, *, exactly_one: bool = True) -> Location | list[Location] | None:
        from geoevents.gazetteer.offline import _parse_point

        lat, lon = _parse_point(query)
        stored = self._cached("reverse", {"lat": lat, "lon": lon}, lambda: self._reverse((lat, lon)))
        locations = [Location(s["address"], (*s["point"], 0.0), _raw(self.name, s)) for s in stored]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def candidates(self, name: str, **kwargs: Any) -> list[Candidate]:
        return self.fallback.candidates(name, **kwargs)

    def is_name(self, key: str) -> bool:
        return self.fallback.is_name(key)

    def border(self, a: Place, b: Place) -> Place | None:
        return self.fallback.border(a, b)

    def country(self, code: str) -> Place | None:
        return self.fallback.country(code)


def _raw(provider: str, stored: dict[str, Any]) -> dict[str, Any]:
    raw = dict(stored.get("raw") or {})
    raw.setdefault("source", provider)
    raw.setdefault("feature_class", "populated_place")
    return raw


def online_geocoder(
    name: str, *, fallback: OfflineGeocoder, settings: Settings | None = None
) -> CachedOnlineGeocoder:
    """A named geopy geocoder (``nominatim``, ``photon``, ``opencage`` ...), opted into explicitly."""
    from geopy.geocoders import get_geocoder_for_service

    settings = settings or Settings()
    service = name.strip().lower()
    try:
        cls = get_geocoder_for_service(service)
    except Exception:
        raise GazetteerError(
            f"unknown online geocoder {name!r} (geopy service names, e.g. nominatim)"
        ) from None
    kwargs: dict[str, Any] = {"user_agent": USER_AGENT}
    api_key = os.environ.get(f"GEOEVENTS_{service.upper()}_API_KEY")
    if api_key:
        kwargs["api_key"] = api_key
    try:
        geocoder = cls(**kwargs)
    except TypeError:
        kwargs.pop("user_agent", None)
        try:
            geocoder = cls(**kwargs)
        except Exception as exc:
            raise GazetteerError(
                f"online geocoder {name!r} needs settings ({type(exc).__name__}); "
                f"an API key goes in GEOEVENTS_{service.upper()}_API_KEY"
            ) from None
    except Exception as exc:
        raise GazetteerError(
            f"online geocoder {name!r} cannot start ({type(exc).__name__}); "
            f"an API key goes in GEOEVENTS_{service.upper()}_API_KEY"
        ) from None
    log.info("using the online geocoder %s (opt-in; cached in %s)", service, settings.cache_dir)
    return CachedOnlineGeocoder(service, geocoder, fallback=fallback, cache_dir=settings.cache_dir)
