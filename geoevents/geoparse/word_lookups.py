"""What recognition asks of the gazetteer and the word lists, in one place.

The same questions come back for every article (is "Monday" a name? does a name begin with "Barack"? what
are the readings of "Paris"?), so each is answered once per key and remembered in a bounded ``Memo``. Every
memo of the recogniser lives here; the other modules ask through a ``Lookups``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geoevents.errors import GeoeventsError
from geoevents.gazetteer.base import Candidate
from geoevents.gazetteer.normalize import normalize_name
from geoevents.lexicon import first_column, table, words, zipf_en
from geoevents.memo import Memo
from geoevents.records import MentionRole


@dataclass(frozen=True, slots=True)
class RecognizerOptions:
    """Tunable switches; the defaults are the one configuration used everywhere."""

    max_words: int = 7  # longest name tried, in words
    org_place_role: MentionRole = MentionRole.METONYMIC  # "Kirkuk" in "Kirkuk Police Department"
    keep_not_place: bool = True  # report NOT_PLACE mentions (the resolver gives them no place)
    speaker_population: int = 100_000  # a lone word that speaks is a person unless a place this big
    rare_word_zipf: float = 2.5  # rarer than this in English (wordfreq's Zipf scale): a surname, not a word
    # A word with a trailing "s" rarer than this in English may be a place's possessive that lost its
    # apostrophe ("Syrias"); one more common is a word or name of its own ("Falcons", "Browns", "Marys").
    bare_possessive_zipf: float = 2.0


DEFAULT_OPTIONS = RecognizerOptions()


# The recogniser's own word lists, beside its modules; the shared ones (demonyms, US states) stay in
# ``geoevents/lexicon/``.
LEXICON = Path(__file__).resolve().parent / "lexicon"


class Lexicon:
    """The word lists, loaded once."""

    def __init__(self) -> None:
        def own(name: str) -> frozenset[str]:
            return words(name, folder=LEXICON)

        self.titles = own("titles")
        self.first_names = own("first_names")
        self.org_suffixes = own("org_suffixes")
        self.place_words = own("place_words")
        self.common = own("common_words")
        self.function_words = own("function_words")
        self.generic = own("generic_words") | own("place_words")
        self.street = own("street_words")
        self.organisations = own("organisations")
        self.named_like_places = own("named_like_places")
        self.surnames = own("surnames")
        self.disease = own("disease_words")
        self.things = own("thing_words")
        self.calendar = own("calendar")
        self.speech = own("speech_verbs")
        self.abstract = own("abstract_nouns")
        states = table("us_states")
        self.state_abbreviations = {row[0]: name.title() for name, row in states.items() if "." in row[0]}
        self.demonyms = table("demonyms")
        self.abbreviations = table("abbreviations", folder=LEXICON)
        self.abbreviation_forms = set(first_column("abbreviations", folder=LEXICON))
        self.multiword_demonyms = {k for k in self.demonyms if " " in k}
        self.multiword_demonym_heads = {k.split(" ", 1)[0] for k in self.multiword_demonyms}


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    """The word lists (read on first use)."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon()
    return _LEXICON


def demonym_key(word: str, demonyms: dict[str, tuple[str, ...]]) -> str | None:
    """'Iraqi' -> 'iraqi'; 'Iraqis' -> 'iraqi'; 'Iranian-backed' -> 'iranian'; else None."""
    low = word.casefold()
    if low in demonyms:
        return low
    head = low.split("-", 1)[0]
    if head != low and head in demonyms:
        return head
    for plural in ("s", "es"):
        if low.endswith(plural) and low[: -len(plural)] in demonyms:
            return low[: -len(plural)]
    return None


class Lookups:
    """One gazetteer, the options and the word lists, with every remembered answer about them.

    The memos are called like functions (``look.is_name("Paris")``); an answer already known costs a
    dict lookup, which matters for the tens of thousands of questions an article asks."""

    def __init__(self, gazetteer: Any, options: RecognizerOptions) -> None:
        self.gazetteer = gazetteer
        self.options = options
        self.lex = lexicon()
        self.max_words = max(1, min(options.max_words, int(getattr(gazetteer, "max_name_words", 6) or 6)))
        self.is_name = Memo(self._is_name, limit=200_000)
        self.is_exact_name = Memo(self._exact_name, limit=200_000)
        self.name_goes_on = Memo(self._goes_on_as_name, limit=200_000)
        self.demonym_base = Memo(self._demonym_base, limit=200_000)
        self.lone_word_is_nothing = Memo(self._nothing_alone, limit=200_000)
        self.opens_nothing = Memo(self._nothing_opened, limit=200_000)
        self.top_candidates = Memo(self._best_candidates)
        self.zipf = Memo(zipf_en, limit=200_000)

    def _is_name(self, surface: str) -> bool:
        """Whether a surface form is a gazetteer name (``is_name``)."""
        key = normalize_name(surface)
        return bool(key) and self.gazetteer.is_name(key)

    def _exact_name(self, surface: str) -> bool:
        """Whether a surface form is a gazetteer name as written (``is_exact_name``)."""
        return bool(self.gazetteer.is_exact_name(normalize_name(surface)))

    def _goes_on_as_name(self, surface: str) -> bool:
        """Whether a longer name may begin with this surface form (``name_goes_on``); true when the
        gazetteer cannot tell."""
        goes_on = getattr(self.gazetteer, "name_goes_on", None)
        key = normalize_name(surface)
        return goes_on is None or not key or bool(goes_on(key))

    def _demonym_base(self, word: str) -> str | None:
        """The demonym lexicon's key for a word ("Iraqis" -> "iraqi"; ``demonym_base``)."""
        return demonym_key(word, self.lex.demonyms)

    def _nothing_alone(self, word: str) -> bool:
        """Whether a capitalised word standing alone can be no mention at all, whatever its context: not a
        name, demonym or abbreviation, and none of the forms the name matcher treats specially (hyphens,
        possessives, "St."). Most capitalised words ("The", "Monday") are (``lone_word_is_nothing``)."""
        lex = self.lex
        return not (
            "-" in word
            or "'" in word
            or "’" in word
            or word in lex.abbreviation_forms
            or f"{word}." in lex.abbreviation_forms
            or f"{word}." in lex.state_abbreviations
            or word.casefold() in ("st", "mt", "ft")
            or self.demonym_base(word) is not None
            or self.is_name(word)
            or self.bare_possessive(word) is not None
        )

    def _nothing_opened(self, word: str) -> bool:
        """Whether a capitalised word before another can open no mention: nothing alone, no multi-word
        demonym's first word, and no name begins with it ("Barack", "Senator") (``opens_nothing``)."""
        return (
            self.lone_word_is_nothing(word)
            and word.casefold() not in self.lex.multiword_demonym_heads
            and not self.name_goes_on(word)
        )

    def _best_candidates(self, surface: str) -> list[Candidate]:
        """The gazetteer's three best readings of a name (``top_candidates``)."""
        try:
            return list(self.gazetteer.candidates(surface, limit=3))
        except GeoeventsError:
            return []

    def bare_possessive(self, word: str) -> str | None:
        """The well-known place a word names with a possessive whose apostrophe the text lost ("Syrias
        Idlib province", "Aleppos western front"): the word is no name itself, its stem is."""
        if len(word) < 5 or word[-1] != "s" or not word[0].isupper() or word[-2] in "'’s":
            return None
        stem = word[:-1]
        if self.is_name(word) or not self.is_exact_name(stem) or not self.well_known(stem):
            return None
        if self.zipf(word.casefold()) >= self.options.bare_possessive_zipf:
            return None
        return stem

    def names_a_country(self, surface: str) -> bool:
        """Whether a name's best reading is a country ("Canada", "Sudan")."""
        cands = self.top_candidates(surface)
        return bool(cands) and cands[0].match_score >= 0.95 and cands[0].place.feature_class == "country"

    def well_known(self, surface: str) -> bool:
        """Whether a name's best reading is a place prominent enough to speak (a country, a first-level
        area, a region, a base or a city of 100,000)."""
        return any(
            c.match_score >= 0.95
            and (
                c.place.feature_class in ("country", "admin1", "region", "base")
                or (c.place.population or 0) >= self.options.speaker_population
            )
            for c in self.top_candidates(surface)
        )
