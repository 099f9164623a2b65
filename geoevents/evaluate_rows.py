"""Row metrics on matched (gold, predicted) events: is the row an ACLED coder would sign right?

For each event found (a gold event matched by ``evaluate_events.matched_pairs``): the site within
25 km of the annotated point, the date exact (a gold "none in the text" is met by a row that says
its date is only the report's day, as the pipeline shows such rows), fatalities exact (ACLED's 0
when none is reported) and actor1 equal after normalisation (case, spacing, a leading "the",
ACLED's period suffix such as "(2014-)" and its acronym prefix such as "SDF: " are ignored). A gold
field left blank is not scored for that pair.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from geoevents.evaluate_events import Match
from geoevents.records import Event

SITE_KM = 25.0
# A row the text gives no date for is shown on its report's day, tagged so: it agrees with a gold "none".
ASSUMED_DATE = "date-assumed-publication"
_PERIOD = re.compile(r"\s*\((?:19|20)\d\d\s*-\s*(?:(?:19|20)\d\d)?\)")


@dataclass
class RowScore:
    """Hits over scored pairs for one field, with the misses kept for reading."""

    hits: int = 0
    scored: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)  # (item, gold, predicted)

    @property
    def rate(self) -> float:
        return self.hits / self.scored if self.scored else 0.0

    def add(self, item: str, ok: bool, gold: Any, predicted: Any) -> None:
        self.scored += 1
        if ok:
            self.hits += 1
        else:
            self.misses.append((item, gold, predicted))


def normal_actor(name: str | None) -> str:
    """An actor name for comparison: no period suffix, no leading "the", case and spacing ignored."""
    text = _PERIOD.sub("", name or "").casefold()
    text = re.sub(r"^[a-z0-9]{2,8}:\s+", "", text)  # ACLED's acronym prefix: "SDF: Syrian Democratic Forces"
    text = re.sub(r"\bthe\s+", "", text)
    return " ".join(text.replace("-", " ").split())


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _site(event: Event) -> tuple[float, float] | None:
    sites = [loc for loc in event.locations if loc.role == "site"]
    return (sites[0].place.lat, sites[0].place.lon) if sites else None


def row_scores(matches: Iterable[Match]) -> dict[str, RowScore]:
    """Site, date, fatalities and actor1 scores over the matched pairs."""
    scores = {name: RowScore() for name in ("site within 25 km", "date exact", "fatalities exact", "actor1")}
    for match in matches:
        gold, pred, item = match.gold.row, match.predicted, match.item.item
        if isinstance(gold.get("lat"), (int, float)) and isinstance(gold.get("lon"), (int, float)):
            site = _site(pred)
            km = _km(gold["lat"], gold["lon"], *site) if site else math.inf
            scores["site within 25 km"].add(item, km <= SITE_KM, gold.get("location"), round(km, 1))
        if "date" in gold:
            predicted = pred.event_date.isoformat() if pred.event_date else None
            ok = predicted == gold["date"] or (gold["date"] is None and ASSUMED_DATE in pred.tags)
            scores["date exact"].add(item, ok, gold["date"], predicted)
        if isinstance(gold.get("fatalities"), int):
            scores["fatalities exact"].add(
                item, (pred.fatalities or 0) == gold["fatalities"], gold["fatalities"], pred.fatalities
            )
        if gold.get("actor1"):
            ok = normal_actor(gold["actor1"]) == normal_actor(pred.actor1)
            scores["actor1"].add(item, ok, gold["actor1"], pred.actor1)
    return scores


def format_row_report(scores: dict[str, RowScore], *, misses: int = 0) -> str:
    """The row metrics as a small table, with up to ``misses`` misses per field."""
    lines = ["Rows of the events found:", f"  {'field':20} {'right':>7} {'scored':>7} {'rate':>6}"]
    for name, score in scores.items():
        lines.append(f"  {name:20} {score.hits:7d} {score.scored:7d} {score.rate:6.1%}")
        lines += [f"    miss {item}: gold {g!r}, got {p!r}" for item, g, p in score.misses[:misses]]
    return "\n".join(lines)


__all__ = ["RowScore", "format_row_report", "normal_actor", "row_scores"]
