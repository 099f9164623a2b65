"""People and organisations named like places: "Paris Hilton", "Hadi al-Amiri", "Kirkuk Police Department",
"Harlan said". Decides the role of a gazetteer name from the capitalised run it stands in, and carries a
person found once ("Hadi al-Amiri") to the article's later bare mentions of the surname ("Amiri")."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from geoevents.records import Mention, MentionKind, MentionRole

from .roles import all_caps_context, as_not_place, role_after
from .tokens import ARABIC_PREFIX, CONNECTORS, PLAIN_GAPS, Tokens, capitalised_run, is_cap, strip_possessive

if TYPE_CHECKING:
    from .word_lookups import Lookups

# What ``classify`` answers: the role (None: no mention), the recognition score, and the tokens covered.
Reading = tuple[MentionRole | None, float, tuple[int, int]]

# Particles inside people's names ("Osama bin Laden", "Hassan el Tawil", "Rafael van der Vaart").
_NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "el", "van", "von"})
# Verbs that attribute a quotation to the name after them ("..., said Harlan").
_ATTRIBUTION = frozenset({"said", "says", "added", "explained", "recalled", "noted", "wrote", "continued"})
# A name after one of these is the place of the subject, not the subject ("residents of Manbij protested").
_PLACE_OF_SUBJECT = frozenset({"of", "in", "from", "near", "around", "outside"})
# Lower-case street words that can only make an address ("Raju street"); "the Kirkuk road" leads to a place.
_LOWER_STREET = frozenset({"street", "streets", "avenue", "lane", "alley", "boulevard"})


def classify(look: Lookups, toks: Tokens, i: int, k: int, surface: str, possessive: bool) -> Reading:
    """Role and recognition score of the name in tokens i..k, and the token span the mention covers (the
    whole capitalised run for a person or organisation name)."""
    lex = look.lex
    single = i == k
    reading = _part_of_a_thing(look, toks, i, k)
    if reading is not None:
        return reading
    initial = toks.sentence_initial(i)
    common_here = single and toks.used_lowercase(surface)
    if common_here and initial:
        return None, 0.0, (i, k)  # "Samples from the ducks..." beside "the samples"
    first = toks.words[i]
    caps_heading = first.isupper() and len(first) > 1 and all_caps_context(toks, i)
    low = surface.casefold()
    if single and (low in lex.calendar or low in lex.titles or low in lex.generic):
        return None, 0.0, (i, k)
    # A common word opening a sentence ("Mobile phones...", "Of the 30...") is not a name.
    if single and low in lex.common and (initial or caps_heading):
        return None, 0.0, (i, k)
    a, b = capitalised_run(toks, i, k)
    if a == i - 1 and toks.sentence_initial(a) and everyday_opening(look, toks.words[a]):
        a = i  # "Although Edmonton voted", "Former Ohio Gov.": only the sentence's first word
    reading = _in_a_longer_name(look, toks, i, k, (a, b), surface)
    if reading is not None:
        return reading
    role = role_after(lex, toks, k, possessive=possessive, hyphen_compound=False)
    if role is MentionRole.METONYMIC and not possessive and _place_of_subject(toks, i):
        role = MentionRole.LITERAL  # "residents of Manbij protested": the town of the protesters
    if (
        common_here
        or caps_heading
        or (single and (low in lex.common or low in lex.surnames or low in lex.first_names))
    ):
        score = 0.4
    elif single:
        score = 0.6 if initial else 0.8
    else:
        score = 0.9
    if role is MentionRole.METONYMIC and single:
        score = min(score, 0.45)  # "Henry said": a person unless the place is a capital or country
    return role, score, (i, k)


def _place_of_subject(toks: Tokens, i: int) -> bool:
    """Whether the name at token i follows a preposition, so that the verb after it is another's."""
    return i > 0 and toks.words[i - 1].casefold() in _PLACE_OF_SUBJECT and toks.gaps[i - 1] in PLAIN_GAPS


def _part_of_a_thing(look: Lookups, toks: Tokens, i: int, k: int) -> Reading | None:
    """A disease, currency, weapon or street named after the place: "Marburg virus", "the US dollar",
    "Molotov cocktails", "Raju street"."""
    lex = look.lex
    if k + 1 < toks.n and toks.words[k + 1].casefold() in lex.disease:
        return MentionRole.NOT_PLACE, 0.0, (i, k)
    if k + 1 < toks.n and toks.gaps[k] == " ":
        after = toks.words[k + 1]
        if after.casefold() in lex.things:
            return MentionRole.NOT_PLACE, 0.0, (i, k)
        if after.islower() and after in _LOWER_STREET:
            return MentionRole.NOT_PLACE, 0.0, (i, k + 1)  # an address, not the town
    return None


def _in_a_longer_name(
    look: Lookups, toks: Tokens, i: int, k: int, run: tuple[int, int], surface: str
) -> Reading | None:
    """The name read inside the capitalised run (a, b) around it: a person, an organisation, a club,
    a title; None when the run does not decide."""
    lex = look.lex
    a, b = run
    if a == i - 1 and look.bare_possessive(toks.words[a]):
        a = i  # "Syrias Aleppo": the run is the possessive's place and this one
    if a < i:
        prev = toks.words[i - 1].casefold()
        if prev in lex.titles or prev in lex.first_names:
            return MentionRole.NOT_PLACE, 0.0, (a, b)
        # "Nora Henry", "Barack Obama": the end of someone's name.
        before = [toks.words[x].casefold() for x in range(a, i)]
        if not all(w in lex.common or w in CONNECTORS for w in before) and not look.is_name(
            " ".join(toks.words[a:i])
        ):
            if b == k and look.names_a_country(surface):
                # "Burger Palace Canada", "Amnesty International Australia": the organisation's country.
                return look.options.org_place_role, 0.55, (i, k)
            return MentionRole.NOT_PLACE, 0.0, (a, b)
    if i > 0 and toks.words[i - 1].casefold() in lex.titles and toks.gaps[i - 1] in (" ", ". ", "\u00a0"):
        return MentionRole.NOT_PLACE, 0.0, (i, b)
    if i == k and in_patronymic(toks, i):
        return MentionRole.NOT_PLACE, 0.0, (i, b)  # "Salim bin Umri", "Hassan el Tawil"
    if b > k:
        return _before_capitals(look, toks, i, k, b, surface.casefold())
    return None


def _before_capitals(look: Lookups, toks: Tokens, i: int, k: int, b: int, low: str) -> Reading | None:
    """The name in tokens i..k followed by more capitalised words up to token b: a street ("Cairo Road"),
    an office or organisation of the place ("Kirkuk Police Department"), or a person ("Jordan Smith")."""
    lex = look.lex
    single = i == k
    nxt_base, _ = strip_possessive(toks.words[k + 1].casefold())
    if nxt_base in lex.street:
        return MentionRole.NOT_PLACE, 0.0, (i, k + 1)  # "Cairo Road", "Boston St."
    if nxt_base in lex.org_suffixes or nxt_base in lex.titles:
        if single and low in lex.common:
            return MentionRole.NOT_PLACE, 0.0, (i, b)
        return look.options.org_place_role, 0.55, (i, k)
    if single and (low in lex.first_names or low in lex.common):
        return MentionRole.NOT_PLACE, 0.0, (i, b)
    if nxt_base in lex.first_names or nxt_base in lex.surnames:
        return MentionRole.NOT_PLACE, 0.0, (i, b)  # "Jordan Smith", "Paris Hilton"
    if nxt_base not in lex.place_words and not look.is_name(toks.words[k + 1]):
        if reads_as_surnames(look, toks, k + 1, b):
            return MentionRole.NOT_PLACE, 0.0, (i, b)  # "Marek Wierzbowski"
        # "Kirkuk Police Department", "Marion County Clerk": the place whose organisation or office it is.
        return look.options.org_place_role, 0.55, (i, k)
    return None


def reads_as_surnames(look: Lookups, toks: Tokens, a: int, b: int) -> bool:
    """Whether tokens a..b, after a place-like first word, read as the rest of a person's name ("Marek
    Wierzbowski") rather than an organisation's ("Kirkuk Police Department"): at most two words, none of
    them an everyday or institutional word, one at least rare in English."""
    if b - a > 1:
        return False
    lex = look.lex
    rare = False
    for x in range(a, b + 1):
        word = strip_possessive(toks.words[x])[0]
        for piece in word.split("-"):
            low = piece.casefold()
            if low in lex.first_names or low in lex.surnames:
                continue
            if (
                low in lex.common
                or low in lex.org_suffixes
                or low in lex.generic
                or low in lex.street
                or low in lex.titles
                or not piece.isalpha()
                or look.is_name(piece)
            ):
                return False
            if look.zipf(low) < look.options.rare_word_zipf:
                rare = True
    return rare


def in_patronymic(toks: Tokens, i: int) -> bool:
    """Whether token i is joined to another capitalised word by a name particle ("bin", "el", "van"),
    as in people's names; place names built that way ("Sharm el-Sheikh") match whole before this."""
    words, gaps = toks.words, toks.gaps
    if (
        i >= 2
        and words[i - 1] in _NAME_PARTICLES
        and is_cap(words[i - 2])
        and gaps[i - 2] in PLAIN_GAPS
        and gaps[i - 1] in PLAIN_GAPS
    ):
        return True
    return (
        i + 2 < toks.n
        and words[i + 1] in _NAME_PARTICLES
        and is_cap(words[i + 2])
        and gaps[i] in PLAIN_GAPS
        and gaps[i + 1] in PLAIN_GAPS
    )


def everyday_opening(look: Lookups, word: str) -> bool:
    """Whether a sentence's first word is capitalised only for that: a function word or a frequent
    adverb ("Although", "Former", "Overall", "Eventually"), never part of a name that follows it."""
    low = word.casefold()
    if low in look.lex.function_words:
        return True
    return low.endswith("ly") and low not in look.lex.first_names and look.zipf(low) >= 3.0


def looks_like_a_person(look: Lookups, run: str) -> bool:
    """A not-a-place run that reads as someone's name ("Hadi al-Amiri"), not an organisation's
    ("First Baptist Church Greenfield", "Burger Palace Canada"): no institutional or common word in
    it, and unless a first name or a title vouches for the person, a last word that is no well-known
    place."""
    lex = look.lex
    words = run.split()
    vouched = False
    for word in words[:-1]:
        low = strip_possessive(word)[0].casefold().rstrip(".")
        if low in lex.titles or low in lex.first_names:
            vouched = True
            continue
        if low in lex.org_suffixes or low in lex.generic or low in lex.common or low in lex.street:
            return False
    return vouched or not look.well_known(strip_possessive(words[-1])[0])


def speaks(look: Lookups, toks: Tokens, m: Mention) -> bool:
    """Whether the one-word mention is the subject of a verb of speech ("Harlan said") or the speaker
    a quotation is attributed to ("... ," said Harlan)."""
    k = bisect_left(toks.starts, m.start)
    if k >= toks.n or toks.starts[k] != m.start:
        return False
    if (
        k > 0
        and toks.words[k - 1].casefold() in _ATTRIBUTION
        and toks.gaps[k - 1] in PLAIN_GAPS
        and not (k + 1 < toks.n and toks.gaps[k] in PLAIN_GAPS and is_cap(toks.words[k + 1]))
    ):
        return True  # "said Harlan", not "said Jonesboro Mayor Ann Clark"
    if _place_of_subject(toks, k):
        return False  # "people in Kobani said": the speakers' town
    return role_after(look.lex, toks, k, possessive=False, hyphen_compound=False) is (
        MentionRole.METONYMIC
    ) and not (k + 1 < toks.n and toks.words[k + 1].casefold() in look.lex.abstract)


def surname_key(word: str) -> str:
    """A surname as compared across the article ("al-Amiri" and "Amiri" alike)."""
    if "-" not in word[:4]:
        return word.casefold()
    return ARABIC_PREFIX.sub("", word).casefold()


def propagate_people(look: Lookups, found: list[Mention], toks: Tokens) -> list[Mention]:
    """Once "Hadi al-Amiri" is a person, a later bare "Amiri" is that person too; and a lone word that
    speaks ("Harlan said", "said Harlan") without being a well-known place is a person wherever it stands
    alone in the article (one sense per article)."""
    surnames = set()
    for m in found:
        if m.role is MentionRole.NOT_PLACE and " " in m.text:
            if looks_like_a_person(look, m.text):
                surnames.add(surname_key(m.text.rsplit(" ", 1)[1]))
        elif (
            m.role in (MentionRole.LITERAL, MentionRole.METONYMIC)
            and m.kind is MentionKind.TOPONYM
            and " " not in m.text
            and not m.parts
            and speaks(look, toks, m)
            and not look.well_known(m.text)
        ):
            surnames.add(surname_key(m.text))
    if not surnames:
        return found

    def surname(m: Mention) -> bool:
        if surname_key(m.text) in surnames:
            return True
        # A piece of a double surname ("Toledo" of "Toledo-Segovia"): the whole token decides.
        k = bisect_right(toks.starts, m.start) - 1
        return k >= 0 and toks.words[k] != m.text and surname_key(toks.words[k]) in surnames

    return [
        as_not_place(m)
        if m.role in (MentionRole.LITERAL, MentionRole.METONYMIC) and " " not in m.text and surname(m)
        else m
        for m in found
    ]
