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

``matched_pairs(run)`` gives the (gold, predicted) pairs so that row metrics
(site, date, fatalities, actors) can be scored on the same matching.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.events.taxonomy import SUB_EVENT_TYPES
from geoevents.records import Article, Event, ResolvedMention

ASSERTED = "asserted"
NONE = "none"  # the confusion table's row for predictions that match no asserted event
MISSED = "missed"  # its column for asserted events no prediction matches
CORPORA = ("fakes", "lgl", "trnews", "geovirus", "seeds")
Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event; ``sentences`` are absolute offsets into the document, the first the main one."""

    sentences: tuple[Offsets, ...]
    sub_event_type: str | None
    realis: str = ASSERTED
    row: dict[str, Any] = field(default_factory=dict)  # date, actors, site, fatalities ... as annotated

    @property
    def asserted(self) -> bool:
        return self.realis == ASSERTED


@dataclass(frozen=True, slots=True)
class DevItem:
    """One text given to the pipeline as an article, with its gold events."""

    item: str
    corpus: str
    doc: str
    span: Offsets | None
    shape: str
    none_reason: str | None
    events: tuple[GoldEvent, ...]
    text: str | None = None  # an item that carries its own text (our own wordings) names no shared document
    published: datetime | None = None

    @property
    def offset(self) -> int:
        """Where the item's text starts in its document (predictions are shifted by it)."""
        return self.span[0] if self.span else 0

    @property
    def has_event(self) -> bool:
        return any(g.asserted for g in self.events)


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


# -- loading the annotations ---------------------------------------------------------------------------


def _offsets(value: Any, where: str) -> Offsets:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise InputError(where, f"expected [start, end] offsets, got {value!r}")
    start, end = value
    if not 0 <= start < end:
        raise InputError(where, f"offsets {value!r} are not a span")
    return start, end


def _gold_event(obj: Any, where: str) -> GoldEvent:
    if not isinstance(obj, dict):
        raise InputError(where, "an event must be a JSON object")
    sentences = obj.get("sentences") or []
    sub = obj.get("sub_event_type")
    if sub not in SUB_EVENT_TYPES and sub not in (None, NONE):
        raise InputError(where, f"unknown sub_event_type {sub!r}")
    row = {k: v for k, v in obj.items() if k not in ("sentences", "sub_event_type", "realis")}
    return GoldEvent(
        sentences=tuple(_offsets(s, where) for s in sentences),
        sub_event_type=None if sub == NONE else sub,
        realis=str(obj.get("realis") or ASSERTED),
        row=row,
    )


def dev_item_from_json(obj: Any, where: str) -> DevItem:
    """One item from its JSON object; ``where`` names it (file:line) in errors."""
    if not isinstance(obj, dict):
        raise InputError(where, "an item must be a JSON object")
    corpus = obj.get("corpus")
    text, published = _inline_text(obj, where)
    if text is None and corpus not in CORPORA:
        raise InputError(where, f"unknown corpus {corpus!r} (one of {', '.join(CORPORA)}, or give a text)")
    if not corpus or not isinstance(corpus, str):
        raise InputError(where, "no corpus")
    if obj.get("doc") in (None, ""):
        raise InputError(where, "no doc")
    span = None if obj.get("span") is None else _offsets(obj["span"], where)
    if text is not None and span is not None and span[1] > len(text):
        raise InputError(where, f"span {list(span)} runs past the end of the item's text")
    return DevItem(
        item=str(obj.get("item") or f"{corpus}:{obj['doc']}"),
        corpus=corpus,
        doc=str(obj["doc"]),
        span=span,
        shape=str(obj.get("shape") or "article"),
        none_reason=obj.get("none_reason"),
        events=tuple(_gold_event(e, where) for e in obj.get("events") or []),
        text=text,
        published=published,
    )


def _inline_text(obj: dict[str, Any], where: str) -> tuple[str | None, datetime | None]:
    """The item's own ``text`` and ``published`` date (ISO), when it carries them."""
    text = obj.get("text")
    if text is None:
        return None, None
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "text must be a non-empty string")
    published = obj.get("published")
    if published is None:
        return text, None
    date = _iso_date(published) if isinstance(published, str) else None
    if date is None:
        raise InputError(where, f"published {published!r} is not an ISO date")
    return text, date


def dev_items_from_folder(folder: Path, *, errors: list[InputError] | None = None) -> list[DevItem]:
    """Every item of every ``*.jsonl`` file of ``folder``; a bad line is reported and skipped."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise InputError(str(folder), "no development-set files (*.jsonl) there")
    items: list[DevItem] = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                items.append(dev_item_from_json(json.loads(line), where))
            except json.JSONDecodeError as exc:
                _report(errors, InputError(where, f"not JSON ({exc.msg})"))
            except InputError as exc:
                _report(errors, exc)
    return items


def _report(errors: list[InputError] | None, error: InputError) -> None:
    if errors is None:
        raise error
    errors.append(error)


# -- the texts the annotations refer to --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    published: datetime | None = None


def _xml_text(el: ET.Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _fakes_documents(shared: Path) -> dict[str, Document]:
    path = shared / "corpora" / "FA-KES" / "FA-KES-Dataset.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return {
            row["unit_id"]: Document(row["article_content"], _us_date(row.get("date") or ""))
            for row in csv.DictReader(handle)
        }


def _us_date(value: str) -> datetime | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y")
    except ValueError:
        return None


def _iso_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _feed_date(value: str) -> datetime | None:
    """A corpus's download time as feeds write it ("2016-12-17 10:00", "17 December 2016", "Dec 17, 2016")."""
    from geoevents.ingest.metadata import parse_date

    if not value.strip():
        return None
    found = _iso_date(value) or parse_date(value)
    return found.replace(tzinfo=None) if found else None


def _lgl_schema_documents(path: Path) -> dict[str, Document]:
    root = ET.parse(path).getroot()
    return {
        str(art.get("docid") or i): Document(
            _xml_text(art.find("text")), _feed_date(_xml_text(art.find("dltime")))
        )
        for i, art in enumerate(root.iter("article"))
    }


def _geovirus_documents(shared: Path) -> dict[str, Document]:
    root = ET.parse(shared / "corpora" / "GeoVirus" / "GeoVirus.xml").getroot()
    return {str(i): Document(_xml_text(art.find("text"))) for i, art in enumerate(root.iter("article"))}


def _seed_documents(shared: Path) -> dict[str, Document]:
    folder = shared / "seeds"
    return {p.name: Document(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*")) if p.is_file()}


_READERS: dict[str, Callable[[Path], dict[str, Document]]] = {
    "fakes": _fakes_documents,
    "lgl": lambda shared: _lgl_schema_documents(shared / "corpora" / "LGL" / "lgl.xml"),
    "trnews": lambda shared: _lgl_schema_documents(shared / "corpora" / "TR-News" / "TR-News.xml"),
    "geovirus": _geovirus_documents,
    "seeds": _seed_documents,
}


class Documents:
    """The shared folder's documents, each corpus read once, on first use."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self._by_corpus: dict[str, dict[str, Document]] = {}

    def get(self, corpus: str, doc: str) -> Document:
        if corpus not in self._by_corpus:
            try:
                self._by_corpus[corpus] = _READERS[corpus](self.shared)
            except (OSError, ET.ParseError, csv.Error) as exc:
                raise InputError(str(self.shared), f"cannot read corpus {corpus} ({exc})") from exc
        found = self._by_corpus[corpus].get(doc)
        if found is None:
            raise InputError(f"{corpus}:{doc}", "no such document in the shared corpora")
        return found


def article_for(item: DevItem, documents: Documents) -> Article:
    """The article the pipeline is given for an item: its text (a span of it) and publication date."""
    from geoevents.ingest.articles import article_from_text

    inline = item.text is not None
    doc = Document(item.text or "", item.published) if inline else documents.get(item.corpus, item.doc)
    text = doc.text[item.span[0] : item.span[1]] if item.span else doc.text
    meta: dict[str, Any] = {"id": item.item}
    published = _stated_publication(doc) if item.span else doc.published
    if published is not None:
        meta["published"] = published
    return article_from_text(text, metadata=meta)


def _stated_publication(doc: Document) -> datetime | None:
    """A snippet's publication day: the dateline its whole document opens with, else the corpus's date.

    A feed gives a snippet the day its report was published; the FA-KES table's own ``date`` sometimes
    disagrees with the article's dateline, and the pipeline itself trusts the dateline of a whole text.
    """
    from geoevents.events.dates import dateline_date

    stated = dateline_date(doc.text)
    if stated is not None and stated.date is not None:
        return datetime(stated.date.year, stated.date.month, stated.date.day)
    return doc.published


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
            _report(errors, exc)
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
    "DevItem",
    "Documents",
    "EventsReport",
    "GoldEvent",
    "ItemResult",
    "Match",
    "article_for",
    "default_folders",
    "dev_items_from_folder",
    "evaluate_devset",
    "format_events_report",
    "matched_pairs",
    "run_items",
    "score_results",
]
