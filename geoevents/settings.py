"""Typed settings shared by the stages (one place for every tunable default)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def default_cache_dir() -> Path:
    """Where built indexes live: $GEOEVENTS_CACHE, else $XDG_CACHE_HOME/geoevents, else ~/.cache/geoevents."""
    env = os.environ.get("GEOEVENTS_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "geoevents"


@dataclass(frozen=True, slots=True)
class Settings:
    cache_dir: Path = field(default_factory=default_cache_dir)
    max_input_bytes: int = 50 * 1024 * 1024  # larger files are refused with a clear error
    max_html_depth: int = 2000  # deeper nesting is flattened, never recursed into
    max_query_chars: int = 300  # geocoder queries longer than this are refused
    merge_distance_km: float = 50.0  # events this close (or in one admin1) may be merged
    keep_background: bool = False  # keep events dated long before publication (tagged "background")
    jobs: int = 1
    log_level: str = "WARNING"


DEFAULT = Settings()
