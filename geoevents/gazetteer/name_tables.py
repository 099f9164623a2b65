"""Name tables while the index is built: each name's postings, ranked by prominence when frozen.

A posting is ``feature_index << 1 | is_alternate`` (see ``index``). This module decides which names are
indexed and under which keys (exact, loose, Arabic article variants); ``index.NameTable`` stores the result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from geoevents.gazetteer.normalize import (
    glued_article_variants,
    is_latin_or_arabic,
    loose_key_from_normalized,
    normalize_name,
)

if TYPE_CHECKING:
    from geoevents.gazetteer.index import NameTable

MAX_NAME_WORDS = 6
# Countries where Arabic names are written with the article glued on ("Albukamal").
ARABIC_COUNTRIES = frozenset(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
        "EH",
        "TD",
    ]
)


def name_is_usable(name: str) -> bool:
    """Alternate names worth indexing: Latin or Arabic script, not airport/ISO codes."""
    if len(name) < 2 or (name.isupper() and len(name) <= 4 and name.isascii()):
        return False
    if name.count(" ") >= MAX_NAME_WORDS:  # descriptive phrases, not names
        return False
    return is_latin_or_arabic(name)


class NameTables:
    """The exact and loose name tables while the index is built (by the index, the curated rows and the
    world regions): collects postings, then freezes them sorted by prominence into ``NameTable``s."""

    def __init__(self) -> None:
        self.exact: dict[str, dict[int, int]] = defaultdict(dict)
        self.loose: dict[str, dict[int, int]] = defaultdict(dict)
        self.max_words = 1

    def add(
        self,
        i: int,
        names: Iterable[str],
        *,
        primary: str,
        country: str | None,
        trusted: bool = False,
        also_exact: Iterable[str] = (),
    ) -> None:
        """Index a feature's names; ``trusted`` (curated/user) aliases skip the usability filter.

        ``also_exact``: other names that match as exactly as the primary one (a country's short name).
        """
        exact_keys = {normalize_name(primary), *(normalize_name(n) for n in also_exact if n)}
        arabic = country in ARABIC_COUNTRIES
        exact, loose = self.exact, self.loose
        seen: set[str] = set()
        # dict.fromkeys: alternate-name lists repeat themselves; each distinct spelling is handled once.
        for raw in dict.fromkeys((primary, *names)):
            if not raw or (raw != primary and not trusted and not name_is_usable(raw)):
                continue
            key = normalize_name(raw)
            if not key or key in seen:  # the same key always gets the same postings
                continue
            seen.add(key)
            alt = 0 if key in exact_keys else 1
            postings = exact[key]
            if postings.get(i, 1) >= alt:
                postings[i] = alt
            words = key.count(" ") + 1
            if words > self.max_words:
                self.max_words = words
            lk = loose_key_from_normalized(key)
            if len(lk) >= 3:
                loose[lk][i] = 1
            if arabic:
                for lk in glued_article_variants(key):
                    if len(lk) >= 3:
                        loose[lk][i] = 1

    def freeze_packed(self, prominence: list[float]) -> tuple[NameTable, NameTable]:
        """Ranked postings packed as ``NameTable``s (for the cached index)."""
        from geoevents.gazetteer.index import NameTable  # index imports this module

        exact = NameTable(RankedView(self.exact, prominence))
        loose = NameTable(RankedView(self.loose, prominence))
        return exact, loose

    def freeze(
        self, prominence: list[float]
    ) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        """Ranked postings as plain dicts; ``NameTable(...)`` packs them for the cache."""

        def order(postings: dict[int, int]) -> tuple[int, ...]:
            if len(postings) == 1:
                i, alt = next(iter(postings.items()))
                return (i << 1 | alt,)
            ranked = sorted(postings.items(), key=lambda kv: (kv[1], -prominence[kv[0]]))
            return tuple(i << 1 | alt for i, alt in ranked)

        exact = {k: order(v) for k, v in self.exact.items()}
        loose = {k: order(v) for k, v in self.loose.items()}
        return exact, loose


class RankedView(Mapping[str, tuple[int, ...]]):
    """Read-only postings of a table still being built, ranked like frozen ones (the index reads
    names through it before the tables are packed)."""

    def __init__(self, table: dict[str, dict[int, int]], prominence: list[float]) -> None:
        self._table, self._prominence = table, prominence

    def __getitem__(self, key: str) -> tuple[int, ...]:
        postings = self._table.get(key)
        if postings is None:
            raise KeyError(key)
        if len(postings) == 1:
            ((i, alt),) = postings.items()
            return (i << 1 | alt,)
        ranked = sorted(postings.items(), key=lambda kv: (kv[1], -self._prominence[kv[0]]))
        return tuple(i << 1 | alt for i, alt in ranked)

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def runs(self, keys: list[str]) -> list[tuple[int, ...]]:
        """``[self[k] for k in keys]``, without a method call per key (a million keys when packing)."""
        table, prominence = self._table, self._prominence
        out: list[tuple[int, ...]] = []
        append = out.append
        for key in keys:
            postings = table[key]
            if len(postings) == 1:
                for i, alt in postings.items():
                    append((i << 1 | alt,))
            else:
                ranked = sorted(postings.items(), key=lambda kv: (kv[1], -prominence[kv[0]]))
                append(tuple(i << 1 | alt for i, alt in ranked))
        return out

    def __len__(self) -> int:
        return len(self._table)
