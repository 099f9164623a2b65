"""Which chosen places are too weakly supported to keep (a lone hamlet, a common word read as a town)."""

from __future__ import annotations

import re

from geoevents.gazetteer.normalize import normalize_name
from geoevents.geoparse.context import NO_SUPPORT, Context, in_named_a1
from geoevents.geoparse.lookups import Lookups
from geoevents.geoparse.word_lookups import LEXICON
from geoevents.lexicon import words
from geoevents.records import Mention, MentionRole, Place

_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")


def names_landform(text: str, m: Mention, place: Place) -> bool:
    """Whether a name read as a country opens a landform's name ("the Jordan Valley", "the Niger Delta"):
    the phrase names the valley or delta, not the country, so the country is no reading of it."""
    if place.feature_class != "country":
        return False
    nxt = _NEXT_WORD.match(text, m.end)
    return nxt is not None and nxt.group(1).casefold() in words("landform_words", folder=LEXICON)


class Filters(Lookups):
    """The checks run on each choice after the ranking."""

    def _too_weak(self, m: Mention, place: Place, context: Context, *, match: float = 1.0) -> bool:
        """A lone single word naming only a small village, with nothing in the article backing it; or a
        frequent English word ("Bureau", "Academy", "Liberal") or famous name ("Obama") whose reading is a
        small place that nothing in the article's own state or province backs."""
        if m.role is MentionRole.DEMONYM:
            return False
        single = " " not in m.text.strip()
        if (
            single
            and match < 0.9
            and place.feature_class not in ("country", "admin1", "region")
            and (place.population or 0) < self.options.loose_population
            and self._zipf(m.text) >= self.options.loose_word_zipf
        ):
            # An English word spelt like a small place but for a doubled letter ("Mallard": Malārd, "Chapel":
            # Chappell) is the word; transliterations ("Albukamal", "Qayyarah") are no English words.
            return True
        if (
            match < 0.99
            and single
            and place.feature_class not in ("country", "admin1", "region")
            and (place.population or 0) < self.options.large_area_population
            and self._frequent(m.text)
        ):
            # "Drug" is an old name of Durg, India: the English word is what a text means. A city of
            # millions keeps its old names ("Calcutta", "Mecca", "Bombay").
            return True
        if (
            match < 0.99
            and place.feature_class not in ("country", "admin1", "region")
            and (place.population or 0) < self.options.strong_population
            and context.named_cc
            and not self._near_named(place.country_code, context)
        ):
            # Reached by an old or alternate name only, in a country the article neither names nor borders
            # on ("al-Abbasiyya", a former name of a town in Israel, in a story about Cairo).
            return True
        if place.feature_class == "populated_place" and context.names_county_of(
            place, normalize_name(m.text)
        ):
            return False  # its own county is named: as strong a backing as a town can have
        if (
            " " not in m.text.strip()
            and place.feature_class in ("populated_place", "admin2", "physical")
            and (place.population or 0) < self.options.frequent_word_population
            and self._frequent(m.text)
        ):
            key = (place.country_code, place.admin1)
            if not in_named_a1(place, context.named_a1):
                _, a1s = context.own.get(normalize_name(m.text), NO_SUPPORT)
                if context.support_a1.get(key, 0) - (1 if key in a1s else 0) < 2:
                    return True
        if m.score < 0.5:
            # Weak evidence (a common word, a heading, "X said"): only a prominent place will do, or one
            # in the state or province the article names ("Commerce" beside "Georgia").
            return not (
                place.feature_class in ("country", "admin1", "region", "base")
                or (place.population or 0) >= self.options.strong_population
                or (m.role is MentionRole.LITERAL and in_named_a1(place, context.named_a1))
            )
        if place.feature_class != "populated_place" or " " in m.text.strip():
            return False
        if (place.population or 0) >= self.options.weak_population:
            return False
        cc = place.country_code
        if cc and context.named_cc.get(cc):
            return False
        ccs, _ = context.own.get(normalize_name(m.text), NO_SUPPORT)
        return not (cc and context.support_cc.get(cc, 0) - (1 if cc in ccs else 0) > 0)

    def _near_named(self, code: str | None, context: Context) -> bool:
        """Whether a country is one the article names, or a neighbour of one."""
        if not code:
            return False
        return bool(context.named_cc.get(code)) or any(
            code in self._neighbours.get(cc, ()) for cc in context.named_cc
        )
