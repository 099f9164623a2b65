"""Name keys that survive transliteration: case, diacritics, punctuation, spacing, Arabic article.

Two keys per name:

* ``normalize_name`` - the *exact* key: case-folded, diacritics and apostrophes dropped, hyphens and
  other punctuation turned into single spaces. ``"Al-Qa'im"`` and ``"al qaim"`` share it.
* ``loose_key`` - the *loose* key: the exact key with the Arabic article removed from every word
  (al-, el-, ad-, as-, ash- ...), no spaces, and doubled letters collapsed, so ``"Al-Bukamal"``,
  ``"Albu Kamal"`` and ``"Bukamal"`` meet. Loose matches score lower than exact ones.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Marks transliterations use for ayn/hamza and apostrophes: dropped, never turned into spaces.
_DROP = dict.fromkeys(map(ord, "'`´‘’ʻʼʽʾʿˈ′\u02bf\u02be\u0060\u00b4"), None)
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
# Forms of the Arabic definite article, including the assimilated "sun letter" forms.
ARABIC_ARTICLES = (
    "al",
    "el",
    "ad",
    "ed",
    "an",
    "en",
    "ar",
    "er",
    "as",
    "es",
    "ash",
    "esh",
    "at",
    "et",
    "az",
    "ez",
    "adh",
    "ath",
    "ul",
    "il",
)
_ARTICLE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(ARABIC_ARTICLES, key=len, reverse=True)) + r") (?=\w{3})"
)
_DOUBLED = re.compile(r"(\w)\1+")


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The exact lookup key of a name: ``"Al-Qa'im"`` -> ``"al qaim"``; ``"Erbīl"`` -> ``"erbil"``."""
    if name.isascii():  # most names: nothing to decompose
        return _SEPARATORS.sub(" ", name.translate(_DROP).lower()).strip()
    text = unicodedata.normalize("NFKD", name.translate(_DROP))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    return _SEPARATORS.sub(" ", text).strip()


def loose_key_from_normalized(key: str) -> str:
    """The loose key of an already normalised key (see module docstring)."""
    stripped = _ARTICLE_WORD.sub("", key)
    return _DOUBLED.sub(_first_letter, stripped.replace(" ", ""))


def _first_letter(match: re.Match[str]) -> str:
    return match.group(1)  # a callable replacement: re.sub re-parses a "\\1" template on every call


def loose_key(name: str) -> str:
    """``"Al-Bukamal"``, ``"Albu Kamal"`` -> ``"bukamal"``; ``"Al Qa'im"``, ``"Qaim"`` -> ``"qaim"``."""
    return loose_key_from_normalized(normalize_name(name))


def glued_article_variants(key: str) -> tuple[str, ...]:
    """Loose keys for a single-word name with the article glued on ("Albukamal" -> "bukamal")."""
    out = []
    for article in ("al", "el", "ash", "as", "ad", "ar", "at", "az", "an"):
        if key.startswith(article) and len(key) - len(article) >= 4 and " " not in key:
            out.append(loose_key_from_normalized(key[len(article) :]))
    return tuple(out)


_GLUED_SUN_ARTICLE = re.compile(r"(?<= )[ae]([dnrstz])(?=\1\w{2})")


def assimilated_article_variant(key: str) -> str | None:
    """The loose key of a name whose later word has the assimilated article glued on ("deir ezzor" ->
    "deirzor", as "Deir ez-Zor"; "tell assukhna"); None when no word has one. For queries only: the
    names indexed keep their keys."""
    stripped = _GLUED_SUN_ARTICLE.sub("", key)
    return loose_key_from_normalized(stripped) if stripped != key else None


def is_latin_or_arabic(name: str) -> bool:
    """Whether a name is written in Latin or Arabic script (what the news we read uses)."""
    return name.isascii() or all(_latin_or_arabic_char(ch) for ch in name)


@lru_cache(maxsize=8192)
def _latin_or_arabic_char(ch: str) -> bool:
    if not ch.isalpha():
        return True
    script = unicodedata.name(ch, "")
    return "LATIN" in script or "ARABIC" in script
