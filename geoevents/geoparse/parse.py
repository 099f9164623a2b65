"""Geoparsing: recognition then resolution, the one call the pipeline makes, and ``geoevents parse``."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from geoevents.errors import GeoeventsError, InputError
from geoevents.recognize import mentions_from_article
from geoevents.records import Article, ResolvedMention
from geoevents.resolve import resolved_mentions_from_mentions

GEOMETRY_KEY = "geometry"


def resolved_mentions_from_article(article: Article, *, gazetteer: Any) -> list[ResolvedMention]:
    """Every place mention of ``article`` with the place chosen for it (None for NOT_PLACE and unknowns)."""
    if not isinstance(article, Article):
        raise InputError(repr(article)[:60], "not an Article")
    read = article
    if _lower_case(article.text):
        read = replace(article, text=_WORD.sub(_capitalised, article.text))
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
    words = len(re.findall(r"(?<![\w'’])[^\W\d_]", head))
    named = len(re.findall(r"(?<![.!?:\s]\s)(?<![\w'’])(?<!^)[A-Z][a-z]", head))
    opens_lower = re.search(r"(?:^|[.!?:]\s+)[a-z]", head) is not None
    return opens_lower and words >= LOWER_CASE_WORDS and named <= LOWER_CASE_SHARE * words


def _capitalised(word: re.Match[str]) -> str:
    """A word of a lower-case text as a name would be written when it is rare in English or a demonym
    ("quetta", "turkish"): capitals mark names, and the text's own offsets hold (same length)."""
    from geoevents.geoparse.word_lookups import demonym_key, lexicon
    from geoevents.lexicon import zipf_en

    text = word.group(0)
    if zipf_en(text) < RARE_WORD_ZIPF or demonym_key(text, lexicon().demonyms) is not None:
        return text[0].upper() + text[1:]
    return text


def mention_record(article: Article, rm: ResolvedMention, *, geometry: str = "point") -> dict[str, Any]:
    """The JSON-ready dict ``geoevents parse`` prints for one mention.

    A place is given by reference (point, ``bbox``, ``feature_id``); ``geometry="full"`` adds its shape
    as a placeholder that ``gazetteer.geojson.dumps_with_geometry`` fills with the shape's cached text.
    """
    from geoevents.gazetteer.geojson import bbox_of, shape_slot

    m = rm.mention
    record: dict[str, Any] = {
        "file": article.path,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "role": m.role.value,
        "kind": m.kind.value,
    }
    if m.parts:
        record["parts"] = list(m.parts)
    if m.qualifier:
        record["qualifier"] = m.qualifier
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


def mention_records_from_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    gazetteer: Any,
    geometry: str = "point",
    explain: bool = False,
    ranker: Any = None,
) -> Iterator[dict[str, Any]]:
    """One dict per mention of every article in ``paths``; a bad input yields ``{"error": "<one line>"}``.

    ``explain`` adds to each mention ranked among candidates why (``geoparse/explain.py``); ``ranker``:
    weights other than the default ones."""
    from geoevents.geoparse.explain import explained_mentions
    from geoevents.ingest import articles_from_paths

    for item in articles_from_paths(list(paths)):
        if isinstance(item, InputError):
            yield {"error": str(item)}
            continue
        why: dict[int, dict[str, Any]] = {}
        try:
            if explain or ranker is not None:
                resolved, why = explained_mentions(item, gazetteer=gazetteer, ranker=ranker)
            else:
                resolved = resolved_mentions_from_article(item, gazetteer=gazetteer)
        except GeoeventsError as exc:
            yield {"error": f"{item.path or item.id}: {exc}"}
            continue
        for rm in resolved:
            record = mention_record(item, rm, geometry=geometry)
            if explain and id(rm.mention) in why:
                record["explain"] = why[id(rm.mention)]
            yield record
