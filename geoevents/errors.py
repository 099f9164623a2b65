"""Errors that name the input and the reason in one line."""

from __future__ import annotations


class GeoeventsError(Exception):
    """Base class for every error geoevents raises on purpose."""


class InputError(GeoeventsError):
    """An input (file, line, query) that cannot be used, and why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class GazetteerError(GeoeventsError):
    """The gazetteer cannot answer: bad query, bad extra file, broken cache."""


class RunFailed(GeoeventsError):
    """The run itself cannot go on (output folder locked, disk full, an obstacle at an output path):
    nothing is published, the previous outputs stay whole; exit status 3."""


class GazetteerUnavailable(RunFailed):
    """The world gazetteer cannot be built or loaded (its cache folder unusable, its files unreadable):
    no fault of the inputs or options, so the run itself failed, exit status 3."""
