"""Score event detection and typing on the development set (``data/devset/*.jsonl``).

The development set holds annotations only (see ``data/devset/README.md``): each
item names a text of ``../shared`` (a corpus document, or a span of one) and the
ACLED events it reports, with the sentences that report them. The texts are read
from the shared folder (an item of our own wording carries its ``text`` and
``published`` date instead), given to the pipeline's geoparse and events stages as
articles, and the predicted events are matched to the gold ones by the overlap of
their evidence with the gold sentences: each gold event is matched at most once,
preferring a prediction of the same sub-event type. Only gold events with
realis ``asserted`` are to be found; a prediction that matches a non-asserted
event, or nothing, is a false positive.

The items are loaded by ``devset`` and their texts read by ``devset_texts``; this module runs, matches
and scores them. ``matched_pairs(run)`` gives the (gold, predicted) pairs so that row metrics
(site, date, fatalities, actors) can be scored on the same matching.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geoevents.devset import (
    NONE,
    DevItem,
    GoldEvent,
    Offsets,
    dev_item_from_json,
    dev_items_from_folder,
    report_error,
)
from geoevents.devset_texts import Document, Documents, article_for, feed_date, stated_publication
from geoevents.errors import InputError
from geoevents.events.taxonomy import SUB_EVENT_TYPES
from geoevents.records import Article, Event, ResolvedMention

MISSED = "missed"  # the confusion table's column for asserted events no prediction matches


@dataclass(frozen=True, slots=True)
class ItemResult:
    item: DevItem
    article: Article
    predicted: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Match:
    item: DevItem
    gold: GoldEvent
    predicted: Event


# -- running and matching -----------------------------------------------------------------------------

Geoparse = Callable[[Article], Sequence[ResolvedMention]]
ExtractEvents = Callable[[Article, Sequence[ResolvedMention]], Sequence[Event]]


def _default_extract(article: Article, resolved: Sequence[ResolvedMention]) -> Sequence[Event]:
    from geoevents.events import events_from_article

    return events_from_article(article, list(resolved))


def run_items(
    items: Iterable[DevItem],
    documents: Documents,
    *,
    geoparse: Geoparse,
    extract: ExtractEvents = _default_extract,
    errors: list[InputError] | None = None,
) -> list[ItemResult]:
    """Each item's article through geoparse and events; an item whose text is missing is reported."""
    results: list[ItemResult] = []
    for item in items:
        try:
            article = article_for(item, documents)
        except InputError as exc:
            report_error(errors, exc)
            continue
        predicted = tuple(extract(article, geoparse(article)))
        results.append(ItemResult(item, article, predicted))
    return results


def _overlap(a: Offsets, b: Offsets) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _evidence(event: Event, offset: int) -> list[Offsets]:
    return [(e.start + offset, e.end + offset) for e in event.evidence]


def _fit(gold: GoldEvent, predicted: Event, offset: int) -> tuple[int, int, int] | None:
    """(same type, overlaps the main sentence, characters of overlap) of a prediction; None if apart."""
    spans = _evidence(predicted, offset)
    total = sum(_overlap(s, g) for s in spans for g in gold.sentences)
    if total == 0:
        return None
    main = sum(_overlap(s, gold.sentences[0]) for s in spans)
    return (int(predicted.sub_event_type == gold.sub_event_type), int(main > 0), total)


def _item_matches(result: ItemResult) -> list[tuple[GoldEvent, Event]]:
    """Greedy one-to-one matching of one item's predictions to its gold events, best fit first."""
    offset = result.item.offset
    scored = []
    for gi, gold in enumerate(result.item.events):
        for pi, pred in enumerate(result.predicted):
            fit = _fit(gold, pred, offset)
            if fit is not None:
                scored.append((gold.asserted, fit, -gi, -pi, gi, pi))
    scored.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[GoldEvent, Event]] = []
    for *_, gi, pi in scored:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((result.item.events[gi], result.predicted[pi]))
    return pairs


def matched_pairs(results: Iterable[ItemResult]) -> list[Match]:
    """The predictions matched to asserted gold events, one per gold event, in item order."""
    return [Match(r.item, gold, pred) for r in results for gold, pred in _item_matches(r) if gold.asserted]


# -- scores ---------------------------------------------------------------------------------------------


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EventsReport:
    """What ``format_events_report`` prints; the counts behind every figure are kept."""

    items: int = 0
    gold: int = 0  # asserted gold events
    predicted: int = 0
    matched: int = 0
    no_event_items: int = 0
    no_event_silent: int = 0  # no-event items that gave no event
    by_type: dict[str, TypeScore] = field(default_factory=lambda: {t: TypeScore() for t in SUB_EVENT_TYPES})
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def event_recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def event_precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def weighted_f1(self) -> float:
        support = sum(s.support for s in self.by_type.values())
        return sum(s.f1 * s.support for s in self.by_type.values()) / support if support else 0.0

    @property
    def no_event_share(self) -> float:
        return self.no_event_silent / self.no_event_items if self.no_event_items else 0.0


def _gold_type(gold: GoldEvent) -> str:
    return gold.sub_event_type or NONE


def _score_item(report: EventsReport, result: ItemResult) -> None:
    pairs = {id(pred): gold for gold, pred in _item_matches(result)}
    asserted = [g for g in result.item.events if g.asserted]
    report.items += 1
    report.gold += len(asserted)
    report.predicted += len(result.predicted)
    if not result.item.has_event:
        report.no_event_items += 1
        report.no_event_silent += not result.predicted
    found: set[int] = set()
    for pred in result.predicted:
        gold = pairs.get(id(pred))
        typed = report.by_type.get(pred.sub_event_type)
        if gold is None or not gold.asserted:
            report.confusion[(NONE, pred.sub_event_type)] += 1
            if typed is not None:
                typed.fp += 1
            continue
        report.matched += 1
        found.add(id(gold))
        report.confusion[(_gold_type(gold), pred.sub_event_type)] += 1
        if pred.sub_event_type == gold.sub_event_type and typed is not None:
            typed.tp += 1
            continue
        if typed is not None:
            typed.fp += 1
        if gold.sub_event_type in report.by_type:
            report.by_type[gold.sub_event_type].fn += 1
    for gold in asserted:
        if id(gold) not in found:
            report.confusion[(_gold_type(gold), MISSED)] += 1
            if gold.sub_event_type in report.by_type:
                report.by_type[gold.sub_event_type].fn += 1


def score_results(results: Iterable[ItemResult]) -> EventsReport:
    report = EventsReport()
    for result in results:
        _score_item(report, result)
    return report


_SHORT = {
    "Shelling/artillery/missile attack": "Shelling",
    "Remote explosive/landmine/IED": "IED",
    "Abduction/forced disappearance": "Abduction",
    "Excessive force against protesters": "Excessive force",
    "Headquarters or base established": "HQ established",
    "Non-state actor overtakes territory": "NSA overtakes",
    "Government regains territory": "Gov regains",
    "Non-violent transfer of territory": "Transfer territory",
    "Looting/property destruction": "Looting",
    "Protest with intervention": "Protest w/ interv.",
    "Change to group/activity": "Change to group",
}


def _short(name: str) -> str:
    return _SHORT.get(name, name)[:18]


def format_events_report(report: EventsReport) -> str:
    """Per-type P/R/F1 and support, the summary figures and the confusion table, as plain text."""
    lines = [f"{'sub-event type':36} {'P':>5} {'R':>5} {'F1':>5} {'support':>7} {'predicted':>9}"]
    for name, s in report.by_type.items():
        if s.support or s.fp:
            lines.append(
                f"{name:36} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} {s.support:7d} {s.tp + s.fp:9d}"
            )
    silent = f"{report.no_event_silent}/{report.no_event_items}"
    lines += [
        "",
        f"items {report.items}; asserted gold events {report.gold}; predicted events {report.predicted}",
        f"weighted F1 over the 25 types: {report.weighted_f1:.3f}",
        f"event recall {report.event_recall:.3f} ({report.matched}/{report.gold}), "
        f"event precision {report.event_precision:.3f} ({report.matched}/{report.predicted}) (type ignored)",
        f"no-event items that give no event: {report.no_event_share:.3f} ({silent})",
        "",
        "confusion (gold row -> predicted column, count):",
    ]
    for (gold, pred), n in sorted(report.confusion.items(), key=lambda kv: (kv[0][0], -kv[1])):
        lines.append(f"  {_short(gold):18} -> {_short(pred):18} {n:5d}")
    return "\n".join(lines)


def default_folders(devset: Path | None, shared: Path | None) -> tuple[Path, Path]:
    """The development-set folder (the repository's ``data/devset``) and the shared folder (``../shared``)."""
    root = Path(__file__).resolve().parent.parent
    return devset or root / "data" / "devset", shared or root.parent / "shared"


def evaluate_devset(
    devset: Path,
    shared: Path,
    *,
    geoparse: Geoparse,
    extract: ExtractEvents = _default_extract,
    errors: list[InputError] | None = None,
) -> tuple[EventsReport, list[ItemResult]]:
    """Load the development set, run it and score it; problems with single items go to ``errors``."""
    items = dev_items_from_folder(devset, errors=errors)
    results = run_items(items, Documents(shared), geoparse=geoparse, extract=extract, errors=errors)
    return score_results(results), results


__all__ = [
    "MISSED",
    "NONE",
    "DevItem",
    "Document",
    "Documents",
    "EventsReport",
    "GoldEvent",
    "ItemResult",
    "Match",
    "article_for",
    "default_folders",
    "dev_item_from_json",
    "dev_items_from_folder",
    "evaluate_devset",
    "feed_date",
    "format_events_report",
    "matched_pairs",
    "run_items",
    "score_results",
    "stated_publication",
]
