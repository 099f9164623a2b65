"""The offline world gazetteer: names to points, areas and lines, with a geopy-shaped geocoder.

``default_gazetteer()`` gives the process-wide instance (index built once into the cache folder);
``gazetteer_from_options()`` is what the CLI uses (user files, or an opt-in online geocoder).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geoevents.gazetteer.base import Candidate, Gazetteer
from geoevents.gazetteer.curated import FEATURE_CLASSES
from geoevents.gazetteer.normalize import loose_key, normalize_name
from geoevents.gazetteer.offline import OfflineGeocoder, place_to_location
from geoevents.settings import Settings

__all__ = [
    "FEATURE_CLASSES",
    "Candidate",
    "Gazetteer",
    "OfflineGeocoder",
    "default_gazetteer",
    "gazetteer_from_options",
    "loose_key",
    "normalize_name",
    "place_to_location",
    "world_countries",
]

_LOCK = threading.Lock()
_INSTANCES: dict[tuple[Any, ...], OfflineGeocoder] = {}


def default_gazetteer(
    *, extra_files: Iterable[Path | str] = (), settings: Settings | None = None
) -> OfflineGeocoder:
    """The offline gazetteer for this configuration, built or loaded once per process and then shared."""
    settings = settings or Settings()
    files = tuple(Path(p).resolve() for p in extra_files)
    stamps = tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in files)
    key = (str(settings.cache_dir), settings.max_query_chars, stamps)
    with _LOCK:
        geocoder = _INSTANCES.get(key)
        if geocoder is None:
            base = _INSTANCES.get((str(settings.cache_dir), settings.max_query_chars, ()))
            index = base.index if base is not None and files else None  # share the loaded world index
            geocoder = OfflineGeocoder(extra_files=files, settings=settings, index=index)
            _INSTANCES[key] = geocoder
        return geocoder


def gazetteer_from_options(*, extra_files: Iterable[Path | str] = (), online: str | None = None) -> Any:
    """The gazetteer the CLI options ask for: offline by default; online geopy only if named."""
    if online:
        from geoevents.gazetteer.online import online_geocoder

        return online_geocoder(online, fallback=default_gazetteer(extra_files=extra_files))
    return default_gazetteer(extra_files=extra_files)


def world_countries() -> Any:
    """Natural Earth admin-0 polygons as a GeoDataFrame: iso_a2, iso_a3, name, geometry (EPSG:4326)."""
    from geoevents.gazetteer.sources import read_natural_earth_countries

    frame = read_natural_earth_countries()
    frame["name"] = frame["english_name"]
    frame["iso_a2"] = frame["iso_a2"].where(frame["iso_a2"] != "-99", None)
    return frame[["iso_a2", "iso_a3", "name", "geometry"]].reset_index(drop=True)
