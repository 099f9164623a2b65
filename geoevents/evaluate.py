"""Score geoparsing on the public corpora with the EUPEG rules (Wang & Hu et al. 2019).

Readers for the three corpus formats (LGL and TR-News share one XML schema;
GeoVirus has its own), each corpus's offset quirks, the EUPEG matching rule
(equal surface string ignoring case, span midpoints < 10 characters apart,
one prediction per gold toponym), and the metrics: P, R, F1 on toponyms, and
on matched toponyms acc@161 km, mean and median error and the AUC of the
error curve. ``format_report`` prints our row beside the published rows.

Which predictions count: toponyms, that is names of places used literally or
metonymically ("Washington said"). Demonyms and adjectives ("Turkish", "Iraqi")
are not names of places: LGL and TR-News annotate many of them, GeoVirus none, so
they are scored in a second row for comparison, never in the main one. Compound
mentions (borders, "northern Iraq") are left out: the corpora annotate the place
names inside them, which are mentions of their own.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geoevents.errors import InputError
from geoevents.records import Article, MentionKind, MentionRole, ResolvedMention

CORPORA = ("lgl", "trnews", "geovirus")
_FILES = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}
MATCH_WINDOW = 10  # characters between span midpoints (EUPEG)
ACC_KM = 161.0
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
SCORED_ROLES = frozenset({MentionRole.LITERAL, MentionRole.METONYMIC})
WITH_DEMONYMS = SCORED_ROLES | {MentionRole.DEMONYM}


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated span; ``lat``/``lon`` are None when the annotators gave no coordinates."""

    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class PublishedRow:
    system: str
    precision: float
    recall: float
    f1: float
    acc161: float
    auc: float


# Wang & Hu et al. 2019, "Are We There Yet?", tables 1, 5 and 7 (end-to-end, EUPEG rules).
PUBLISHED: dict[str, tuple[PublishedRow, ...]] = {
    "lgl": (
        PublishedRow("DBpedia Spotlight (best F1)", 0.813, 0.635, 0.713, 0.643, 0.361),
        PublishedRow("Edinburgh Geoparser (best acc@161)", 0.723, 0.383, 0.501, 0.819, 0.172),
        PublishedRow("spaCy NER + population", 0.493, 0.371, 0.423, 0.561, 0.381),
    ),
    "trnews": (
        PublishedRow("Stanford NER + population (best F1)", 0.890, 0.731, 0.803, 0.711, 0.261),
        PublishedRow("Edinburgh Geoparser (best acc@161)", 0.709, 0.538, 0.612, 0.850, 0.127),
        PublishedRow("spaCy NER + population", 0.659, 0.402, 0.500, 0.739, 0.239),
    ),
    "geovirus": (
        PublishedRow("DM_NLP (best F1)", 0.917, 0.916, 0.917, 0.655, 0.378),
        PublishedRow("Edinburgh Geoparser (best acc@161)", 0.860, 0.559, 0.678, 0.807, 0.319),
        PublishedRow("spaCy NER + population", 0.721, 0.382, 0.499, 0.698, 0.367),
    ),
}


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    corpus: str
    articles: int
    gold: int  # gold toponyms with coordinates
    predicted: int  # predictions scored (those matching a gold span without coordinates are left out)
    true_positives: int
    errors_km: tuple[float, ...]  # one per matched toponym with a predicted point
    seconds: float = 0.0
    published: tuple[PublishedRow, ...] = field(default=())
    system: str = "geoevents"
    variants: tuple[EvaluationReport, ...] = ()  # the same run scored another way, shown below our row

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def acc161(self) -> float:
        """Share of matched toponyms placed within 161 km (an unplaced match counts as wrong)."""
        if not self.true_positives:
            return 0.0
        return sum(1 for e in self.errors_km if e < ACC_KM) / self.true_positives

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else math.nan

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else math.nan

    @property
    def auc(self) -> float:
        return error_auc(self.errors_km)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def error_auc(errors_km: Sequence[float]) -> float:
    """EUPEG AUC: sort errors, scale each to ln(1+km)/ln(20039), trapezoid mean over the curve."""
    if not errors_km:
        return math.nan
    scaled = [math.log1p(e) / math.log(EARTH_HALF_CIRCUMFERENCE_KM) for e in sorted(errors_km)]
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(scaled))
    return area / (len(scaled) - 1)


def match_toponyms(
    gold: Sequence[GoldToponym], predicted: Sequence[Prediction]
) -> list[tuple[GoldToponym, Prediction | None]]:
    """Pair every gold toponym with at most one prediction (EUPEG rule), nearest midpoint first."""
    used: set[int] = set()
    pairs: list[tuple[GoldToponym, Prediction | None]] = []
    for g in gold:
        phrase = g.phrase.casefold()
        mid = (g.start + g.end) / 2
        best: int | None = None
        best_gap = float(MATCH_WINDOW)
        for i, p in enumerate(predicted):
            if i in used or p.text.casefold() != phrase:
                continue
            gap = abs((p.start + p.end) / 2 - mid)
            if gap < best_gap:
                best, best_gap = i, gap
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
        else:
            pairs.append((g, None))
    return pairs


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    predicted: int = 0
    true_positives: int = 0
    errors_km: list[float] = field(default_factory=list)

    def add(self, gold: Sequence[GoldToponym], predicted: Sequence[Prediction]) -> None:
        pairs = match_toponyms(gold, predicted)
        unscored = {id(p) for g, p in pairs if p is not None and g.lat is None}
        self.predicted += sum(1 for p in predicted if id(p) not in unscored)
        for g, p in pairs:
            if g.lat is None or g.lon is None:
                continue
            self.gold += 1
            if p is None:
                continue
            self.true_positives += 1
            if p.lat is None or p.lon is None:
                self.errors_km.append(EARTH_HALF_CIRCUMFERENCE_KM)
            else:
                self.errors_km.append(haversine_km(g.lat, g.lon, p.lat, p.lon))


def score_predictions(
    corpus: str,
    pairs: Iterable[tuple[Sequence[GoldToponym], Sequence[Prediction]]],
    *,
    seconds: float = 0.0,
    system: str = "geoevents",
) -> EvaluationReport:
    """Tally (gold, predictions) per article into a report; gold spans without coordinates are left out
    of both recall and precision (a prediction matching one is neither right nor wrong)."""
    tally = _Tally()
    articles = 0
    for gold, predicted in pairs:
        tally.add(gold, predicted)
        articles += 1
    return EvaluationReport(
        corpus=corpus,
        articles=articles,
        gold=tally.gold,
        predicted=tally.predicted,
        true_positives=tally.true_positives,
        errors_km=tuple(tally.errors_km),
        seconds=seconds,
        published=PUBLISHED.get(corpus, ()),
        system=system,
    )


# --- corpus readers -----------------------------------------------------------------------------


def _corpus_file(name: str, path: Path | str) -> Path:
    if name not in CORPORA:
        raise InputError(name, f"unknown corpus (choose one of {', '.join(CORPORA)})")
    p = Path(path)
    if p.is_dir():
        candidates = [p / _FILES[name], *p.glob(f"*/{_FILES[name]}")]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise InputError(str(p), f"no {_FILES[name]} in this folder")
        return found
    if not p.is_file():
        raise InputError(str(p), "no such file or folder")
    return p


def _text(el: ET.Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _float(el: ET.Element | None) -> float | None:
    raw = _text(el).strip()
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def _realign(text: str, start: int, end: int, phrase: str, *, window: int = 12) -> tuple[int, int]:
    """The occurrence of ``phrase`` nearest to ``start`` (TR-News offsets drift by a few characters)."""
    if text[start:end] == phrase:
        return start, end
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    best: int | None = None
    pos = text.find(phrase, lo, hi)
    while pos != -1:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(phrase, pos + 1, hi)
    if best is None:
        return start, end
    return best, best + len(phrase)


def _corpus_root(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(str(path), f"not valid corpus XML ({exc})") from None


def _read_lgl_schema(path: Path, *, realign: bool) -> list[CorpusArticle]:
    root = _corpus_root(path)
    articles = []
    for i, art in enumerate(root.iter("article")):
        text = _text(art.find("text"))
        toponyms = []
        for top in art.iter("toponym"):
            try:
                start, end = int(_text(top.find("start"))), int(_text(top.find("end")))
            except ValueError:
                continue
            phrase = _text(top.find("phrase"))
            if realign:
                start, end = _realign(text, start, end, phrase)
            tag = top.find("gaztag")
            lat = _float(tag.find("lat")) if tag is not None else None
            lon = _float(tag.find("lon")) if tag is not None else None
            toponyms.append(GoldToponym(start, end, phrase, lat, lon))
        articles.append(CorpusArticle(art.get("docid") or str(i), text, tuple(toponyms)))
    return articles


def _read_geovirus(path: Path) -> list[CorpusArticle]:
    root = _corpus_root(path)  # the commented-out template articles never reach the tree
    articles = []
    for i, art in enumerate(root.iter("article")):
        text = _text(art.find("text"))
        toponyms = []
        for loc in art.iter("location"):
            try:
                start, end = int(_text(loc.find("start"))) - 1, int(_text(loc.find("end"))) - 1
            except ValueError:
                continue
            toponyms.append(
                GoldToponym(
                    start, end, _text(loc.find("name")), _float(loc.find("lat")), _float(loc.find("lon"))
                )
            )
        articles.append(CorpusArticle(_text(art.find("source")) or str(i), text, tuple(toponyms)))
    return articles


def corpus_articles_from_path(name: str, path: Path | str) -> list[CorpusArticle]:
    """Read a corpus (the file or its folder), with gold offsets corrected to index ``text`` exactly."""
    file = _corpus_file(name, path)
    if name == "geovirus":
        return _read_geovirus(file)
    return _read_lgl_schema(file, realign=name == "trnews")


# --- running the geoparser ----------------------------------------------------------------------


def predictions_from_resolved(
    resolved: Iterable[ResolvedMention], *, roles: frozenset[MentionRole] = SCORED_ROLES
) -> list[Prediction]:
    """The scored toponyms: every plain toponym mention with a place whose role is one of ``roles``."""
    out = []
    for rm in resolved:
        if rm.mention.role not in roles or rm.mention.kind is not MentionKind.TOPONYM or rm.place is None:
            continue
        m = rm.mention
        out.append(Prediction(m.start, m.end, m.text, rm.place.lat, rm.place.lon))
    return out


def evaluate_corpus(
    name: str, path: Path | str, *, gazetteer: Any, limit: int | None = None, ranker: Any = None
) -> EvaluationReport:
    """Geoparse every article of a corpus and score it with the EUPEG rules (``ranker``: weights other
    than the shipped ones, a ``geoparse.ranker.Ranker``)."""
    from geoevents.geoparse.parse import resolved_mentions_from_article

    if ranker is not None:
        resolved_mentions_from_article = _with_ranker(ranker)
    if limit is not None and limit < 1:
        raise InputError("--limit", "must be a positive number of articles")
    articles = corpus_articles_from_path(name, path)[:limit]
    pairs, with_demonyms = [], []
    started = time.perf_counter()
    for art in articles:
        article = Article(id=f"{name}:{art.id}", text=art.text)
        resolved = resolved_mentions_from_article(article, gazetteer=gazetteer)
        pairs.append((art.toponyms, predictions_from_resolved(resolved)))
        with_demonyms.append((art.toponyms, predictions_from_resolved(resolved, roles=WITH_DEMONYMS)))
    seconds = time.perf_counter() - started
    variant = score_predictions(name, with_demonyms, system="geoevents, demonyms counted")
    return dataclasses.replace(score_predictions(name, pairs, seconds=seconds), variants=(variant,))


def _with_ranker(ranker: Any) -> Any:
    """The geoparsing call with a resolver of these weights."""
    from geoevents.geoparse.parse import mentions_from_article
    from geoevents.resolve import ResolverOptions, resolver_for

    options = ResolverOptions(ranker=ranker)

    def resolved(article: Article, *, gazetteer: Any) -> list[ResolvedMention]:
        mentions = mentions_from_article(article, gazetteer=gazetteer)
        return resolver_for(gazetteer, options=options).resolve(article, mentions)

    return resolved


def format_report(report: EvaluationReport) -> str:
    """Our row beside the published rows of the same corpus, as a plain-text table."""
    title = {"lgl": "LGL", "trnews": "TR-News", "geovirus": "GeoVirus"}.get(report.corpus, report.corpus)
    columns = ("P", 5), ("R", 5), ("F1", 5), ("acc@161", 7), ("mean km", 8), ("median km", 9), ("AUC", 5)
    header = f"{'system':<38} " + " ".join(f"{name:>{width}}" for name, width in columns)
    lines = [
        f"{title}: {report.articles} articles, {report.gold} gold toponyms with coordinates, "
        f"{report.predicted} predicted, {report.true_positives} matched"
        + (f", {report.articles / report.seconds:.0f} articles/s" if report.seconds > 0 else ""),
        header,
        "-" * len(header),
    ]
    for ours in (report, *report.variants):
        lines.append(
            f"{ours.system:<38} {ours.precision:>5.3f} {ours.recall:>5.3f} {ours.f1:>5.3f} "
            f"{ours.acc161:>7.3f} {ours.mean_km:>8.0f} {ours.median_km:>9.1f} {ours.auc:>5.3f}"
        )
    for row in report.published:
        lines.append(
            f"{row.system:<38} {row.precision:>5.3f} {row.recall:>5.3f} {row.f1:>5.3f} "
            f"{row.acc161:>7.3f} {'':>8} {'':>9} {row.auc:>5.3f}"
        )
    return "\n".join(lines)
