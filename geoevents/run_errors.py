"""How a run reports what failed: one line per input or article, repeats of a reason counted, credentials
from the environment never printed.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections import Counter
from collections.abc import Sequence

from geoevents.records import Skipped

log = logging.getLogger("geoevents.pipeline")  # the run's own log, as before the split

RUN_JSON = "run.json"
SHOWN_PER_REASON = 3  # errors with the same reason printed before they are only counted


@dataclasses.dataclass(frozen=True, slots=True)
class RunError:
    """One input or article that could not be used, and why (one line)."""

    source: str
    reason: str
    stage: str = "ingest"

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)", re.IGNORECASE)


def _secrets() -> list[str]:
    """Values of environment variables that hold credentials (geocoder API keys and the like)."""
    return sorted(
        (v for k, v in os.environ.items() if _SECRET_NAME.search(k) and len(v) >= 6), key=len, reverse=True
    )


def redact(text: str) -> str:
    """``text`` with every credential from the environment replaced by ``***``."""
    for secret in _secrets():
        text = text.replace(secret, "***")
    return text


def _noun(stage: str, count: int) -> str:
    word = "input" if stage == "ingest" else "article"
    return word if count == 1 else word + "s"


def collapsed_error_lines(errors: Sequence[RunError], *, shown: int = SHOWN_PER_REASON) -> list[str]:
    """One line per error, except that only the first ``shown`` errors of each reason are listed,
    followed by one line counting the rest: a bug that fails every article of a batch of
    50,000 must not print 50,000 lines (run.json keeps them all)."""
    totals = Counter((e.stage, e.reason) for e in errors)
    seen: Counter[tuple[str, str]] = Counter()
    lines = []
    for error in errors:
        key = (error.stage, error.reason)
        seen[key] += 1
        if seen[key] <= shown:
            lines.append(str(error))
        if seen[key] == shown and totals[key] > shown:
            more = totals[key] - shown
            lines.append(
                f"... {more} more {_noun(error.stage, more)} failed with the same reason: {error.reason}"
            )
    return lines


class _ErrorLog:
    """Logs errors as they happen at INFO, each reason only ``shown`` times (then once that the rest are
    counted)."""

    def __init__(self, *, shown: int = SHOWN_PER_REASON) -> None:
        self.shown = shown
        self.seen: Counter[tuple[str, str]] = Counter()

    def __call__(self, error: RunError) -> None:
        key = (error.stage, error.reason)
        self.seen[key] += 1
        # INFO, not WARNING: the command line prints every error once at the end ("error: ..." lines);
        # these are for whoever wants to see them as they happen (--log-level INFO).
        if self.seen[key] <= self.shown:
            log.info("%s", error)
        elif self.seen[key] == self.shown + 1:
            log.info(
                "more %s fail with the same reason (%s); they are counted at the end and listed in %s",
                _noun(error.stage, 2),
                error.reason,
                RUN_JSON,
            )


def _note_skipped(entry: Skipped, seen: Counter[str]) -> None:
    """One note line per entry not read (a few per reason; run.json lists them all)."""
    seen[entry.reason] += 1
    if seen[entry.reason] <= SHOWN_PER_REASON:
        log.warning("skipped %s: %s", redact(entry.source), entry.reason)
    elif seen[entry.reason] == SHOWN_PER_REASON + 1:
        log.warning("more entries skipped for the same reason (%s); %s lists them", entry.reason, RUN_JSON)
