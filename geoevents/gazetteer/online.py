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

from geopy.exc import GeopyError
from geopy.location import Location

from geoevents.errors import GazetteerError
from geoevents.gazetteer.answers import parse_point
from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.offline import OfflineGeocoder
from geoevents.records import Place
from geoevents.settings import Settings

log = logging.getLogger(__name__)
USER_AGENT = "geoevents (offline-first geoparser; https://pypi.org/project/geoevents)"
MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: at most one request a second
ERROR_WAIT_SECONDS = 5.0  # pause before the one retry of a failed request
REDACTED = "[redacted]"


class CachedOnlineGeocoder:
    """A geopy geocoder behind a disk cache and geopy's RateLimiter; offline answers for the rest.

    Provider failures raise ``GazetteerError`` (never cached, so a later run asks again); ``secrets``
    (API keys) are scrubbed from error messages, geopy's debug log lines and the cached ``raw`` answers.
    """

    def __init__(
        self,
        name: str,
        geocoder: Any,
        *,
        fallback: OfflineGeocoder,
        cache_dir: Path,
        min_delay_seconds: float = MIN_DELAY_SECONDS,
        secrets: Iterable[str] = (),
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.name = name
        self.fallback = fallback
        self.cache_dir = cache_dir / "online" / name
        self._secrets = tuple(s for s in secrets if s)
        if self._secrets:
            _install_log_redaction(self._secrets)
        options: dict[str, Any] = {
            "min_delay_seconds": min_delay_seconds,
            "max_retries": 1,
            "error_wait_seconds": max(ERROR_WAIT_SECONDS, min_delay_seconds),
            "swallow_exceptions": False,  # a swallowed error would be cached as "no answer"
        }
        # One limiter for both kinds of request: the provider's limit is per client, not per endpoint.
        self._limited = RateLimiter(_call, **options)
        self._geocoder = geocoder
        self.max_name_words = fallback.max_name_words

    def _redact(self, value: Any) -> Any:
        """``value`` with every secret replaced, walking into lists and dicts (for ``raw`` answers)."""
        if isinstance(value, str):
            for secret in self._secrets:
                value = value.replace(secret, REDACTED)
            return value
        if isinstance(value, dict):
            return {self._redact(k): self._redact(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._redact(v) for v in value]
        return value

    def _cached(self, kind: str, key: dict[str, Any], call: Callable[[], Any]) -> Any:
        digest = hashlib.sha256(json.dumps([kind, key], sort_keys=True).encode()).hexdigest()
        path = self.cache_dir / f"{digest}.json"
        if path.is_file():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):  # a damaged entry is asked again, never trusted
                stored = None
            if isinstance(stored, list):
                return stored
        try:
            answer = call()
        except (GeopyError, OSError, ValueError) as exc:
            raise GazetteerError(
                self._redact(
                    f"online geocoder {self.name}: {kind} {key.get('query', '')!r} failed "
                    f"({type(exc).__name__}: {exc})"
                )
            ) from None
        items = answer if isinstance(answer, list) else ([answer] if answer else [])
        stored = [
            {
                "address": self._redact(a.address),
                "point": [a.latitude, a.longitude],
                "raw": self._redact(a.raw),
            }
            for a in items
        ]
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.cache_dir, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(stored, handle)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
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
        self.fallback.check_query(query)
        kwargs: dict[str, Any] = {"exactly_one": False}
        if country_codes:
            kwargs["country_codes"] = country_codes
        key = {"query": query, **kwargs, "limit": limit}
        stored = self._cached("geocode", key, lambda: self._limited(self._geocoder.geocode, query, **kwargs))
        locations = [Location(s["address"], (*s["point"], 0.0), _raw(self.name, s)) for s in stored]
        if limit:
            locations = locations[:limit]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def reverse(self, query: Any, *, exactly_one: bool = True) -> Location | list[Location] | None:
        lat, lon = parse_point(query)
        key = {"query": f"{lat}, {lon}", "lat": lat, "lon": lon}
        stored = self._cached(
            "reverse", key, lambda: self._limited(self._geocoder.reverse, (lat, lon), exactly_one=False)
        )
        locations = [Location(s["address"], (*s["point"], 0.0), _raw(self.name, s)) for s in stored]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def candidates(self, name: str, **kwargs: Any) -> list[Candidate]:
        return self.fallback.candidates(name, **kwargs)

    def is_name(self, key: str) -> bool:
        return self.fallback.is_name(key)

    def is_exact_name(self, key: str) -> bool:
        return self.fallback.is_exact_name(key)

    @property
    def version(self) -> str:
        """The offline fallback's data, and the online service it asks first."""
        return f"{self.fallback.version}+{self.name}"

    def border(self, a: Place, b: Place) -> Place | None:
        return self.fallback.border(a, b)

    def country(self, code: str) -> Place | None:
        return self.fallback.country(code)


def _call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return function(*args, **kwargs)


def _raw(provider: str, stored: dict[str, Any]) -> dict[str, Any]:
    raw = dict(stored.get("raw") or {})
    raw.setdefault("source", provider)
    raw.setdefault("feature_class", "populated_place")
    return raw


def online_geocoder(
    name: str,
    *,
    fallback: OfflineGeocoder,
    settings: Settings | None = None,
    geocoder_class: type | None = None,
    min_delay_seconds: float = MIN_DELAY_SECONDS,
) -> CachedOnlineGeocoder:
    """A named geopy geocoder (``nominatim``, ``photon``, ``opencage`` ...), opted into explicitly.

    ``geocoder_class`` replaces geopy's class for ``name`` (another geopy-shaped geocoder); the API key,
    if any, comes from ``GEOEVENTS_<NAME>_API_KEY``.
    """
    from geopy.geocoders import get_geocoder_for_service

    settings = settings or Settings()
    service = name.strip().lower()
    if not service or not service.replace("_", "").isalnum():
        raise GazetteerError(f"unknown online geocoder {name!r} (geopy service names, e.g. nominatim)")
    if geocoder_class is not None:
        cls = geocoder_class
    else:
        try:
            cls = get_geocoder_for_service(service)
        except Exception:
            raise GazetteerError(
                f"unknown online geocoder {name!r} (geopy service names, e.g. nominatim)"
            ) from None
    key_variable = f"GEOEVENTS_{service.upper()}_API_KEY"
    kwargs: dict[str, Any] = {"user_agent": USER_AGENT}
    api_key = os.environ.get(key_variable, "").strip()
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
                f"an API key goes in {key_variable}"
            ) from None
    except Exception as exc:
        raise GazetteerError(
            f"online geocoder {name!r} cannot start ({type(exc).__name__}); an API key goes in {key_variable}"
        ) from None
    log.info("using the online geocoder %s (opt-in; cached in %s)", service, settings.cache_dir)
    return CachedOnlineGeocoder(
        service,
        geocoder,
        fallback=fallback,
        cache_dir=settings.cache_dir,
        min_delay_seconds=min_delay_seconds,
        secrets=[api_key] if api_key else [],
    )


class _RedactFilter(logging.Filter):
    """Scrubs API keys from geopy's log records (geopy logs request URLs, keys included, at debug level)."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, REDACTED)
            record.msg, record.args = message, None
        return True


_LOG_FILTER = _RedactFilter()


def _install_log_redaction(secrets: Iterable[str]) -> None:
    _LOG_FILTER.secrets.update(secrets)
    for logger_name in ("geopy", __name__):
        logger = logging.getLogger(logger_name)
        if _LOG_FILTER not in logger.filters:
            logger.addFilter(_LOG_FILTER)
