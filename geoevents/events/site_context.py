"""The country an article is about, its foreign namesakes, and the places a coder falls back on when an
event's own sentences put it nowhere: its main sentence's places, the text around it, a finer place
than a country or region."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from shapely.geometry import Point

from geoevents.events.capitals import demonym_countries
from geoevents.events.datafiles import data_words
from geoevents.events.draft import Draft
from geoevents.events.site_words import (
    _ATTRIBUTION,
    _MOVED,
    _SPEAKS_AFTER,
    attribute_only,
    container_country,
    container_of,
    granularity,
    origin_of,
)
from geoevents.events.towns import (
    BY_TOWN,
    TOWN_LIKE,
    city_place,
    distance_km,
    home_namesake,
    larger_namesake,
    village_named,
)
from geoevents.records import MentionRole, Place, ResolvedMention, ZoneKind

_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")


def _sentence_places(d: Draft, text: str, home: str | None, *, moved: bool = False) -> list[ResolvedMention]:
    """With no site, the places the event's main sentence names ("Fighting shook Aleppo"), leaving out
    culprits ("blamed on Washington"), origins ("from Iraq") and places outside the article's country
    (``home``, when known): the best site a coder has. ``moved``: only the towns it reaches or leaves
    ("fired rockets from Gaza towards Ashkelon", "withdrew from Manbij"), the one reached first."""
    if not d.spans:
        return []
    main = d.spans[0]
    tiers: dict[int, list[ResolvedMention]] = {}
    placed = sorted((rm for rm in d.mentioned if rm.place is not None), key=lambda rm: rm.mention.start)
    # "deployed fighters to Afrin (Aleppo)": the province only says where the town lies
    containers = {id(c) for rm in placed if (c := container_of(rm, placed, text)) is not None}
    lead: dict[int, str] = {}  # the words before the first of a list ("to Manbij and Kobani")
    for prev, rm in itertools.pairwise(placed):
        if _LIST_JOIN.fullmatch(text, prev.mention.end, rm.mention.start):
            lead[id(rm)] = lead.get(
                id(prev), text[max(main.start, prev.mention.start - 40) : prev.mention.start]
            )
    for rm in d.mentioned:
        if not (main.start <= rm.mention.start < main.end) or rm.place is None or id(rm) in containers:
            continue
        if home and rm.place.country_code != home:  # abroad, or a region of no one country ("the Levant")
            continue
        before = lead.get(id(rm)) or text[max(main.start, rm.mention.start - 40) : rm.mention.start]
        speaker = _SPEAKS_AFTER.match(text, rm.mention.end)
        if _ATTRIBUTION.search(before) or speaker or attribute_only(text, rm):
            continue
        tier = 0
        if origin_of(before):  # not "fled from Saraqib": what drove them out happened there
            way = _MOVED.search(before)
            if way is None or granularity(text, rm) >= 4:
                continue
            tier = 1 if way.group("to") else 2
        if (tier > 0) == moved:
            tiers.setdefault(tier, []).append(rm)
    return tiers[min(tiers)] if tiers else []


NAMESAKE_SCORE = 0.5  # below this, a place abroad is more likely a namesake of one in the article's country
UNNAMED_COUNTRY_SCORE = 0.8  # below this, a town of a country the article never names is a namesake


def foreign_namesake(rm: ResolvedMention, home: str | None, named: frozenset[str] | None = None) -> bool:
    """A place outside the country the article is about that is more likely a namesake than the site: one
    weakly chosen ("Palmyra" read as the town in Pennsylvania in a report on Syria), or a town of a country
    the article never names (``named``: the countries it names or datelines) chosen with less than
    near certainty ("Bustan" read as a town in Tajikistan in a report from Aleppo)."""
    code = rm.place.country_code if rm.place else None
    if not (home and code and code != home):
        return False
    if rm.score < NAMESAKE_SCORE:
        return True
    unnamed = named is not None and code not in named and rm.place is not None
    return unnamed and rm.place.feature_class in TOWN_LIKE and rm.score < UNNAMED_COUNTRY_SCORE  # type: ignore[union-attr]


_ORIGIN_LIST = re.compile(
    r"\b(?:to|towards?|into|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
    r"\s*(?:,\s*(?:and\s+)?|and\s+)$"
)


def _usable_context(rm: ResolvedMention, text: str, home: str | None) -> bool:
    """A placed mention that may stand for an unplaced event's site: in the article's country, not a
    culprit, an origin or a speaker."""
    if rm.place is None or foreign_namesake(rm, home):
        return False
    if home and rm.place.country_code != home:  # abroad, or a region of no one country ("the Caucasus")
        return False
    before = text[max(0, rm.mention.start - 40) : rm.mention.start]
    speaker = _SPEAKS_AFTER.match(text, rm.mention.end) or attribute_only(text, rm)
    listed = _ORIGIN_LIST.search(before)  # "to Manbij and Kobani": Kobani is reached too
    return not (_ATTRIBUTION.search(before) or origin_of(before) or listed or speaker)


MISREAD_KM = 60.0  # a town read this far from the town the text puts it by is another town of that name


def misread_by_its_container(
    rm: ResolvedMention, placed: list[ResolvedMention], text: str
) -> ResolvedMention | None:
    """The place the text puts a town in when the town was read far from it ("Adra, east of Damascus"
    read as Dar'a by an old name of that town, 90 km south; "Adra in Rural Damascus" likewise): that
    container, else None. Only a town of the same country is judged, by the province's area or by
    ``MISREAD_KM`` from a town."""
    place = rm.place
    if place is None or place.feature_class != "populated_place":
        return None
    container = container_of(rm, placed, text)
    within = container.place if container is not None else None
    if within is None or within.country_code != place.country_code or within.feature_id == place.feature_id:
        return None
    if within.feature_class == "admin1" and within.geometry.geom_type != "Point":
        try:
            return None if within.geometry.covers(Point(place.lon, place.lat)) else container
        except Exception:  # malformed geometry: no judgement
            return None
    # "Palmyra (Homs)" or "Hawija, Kirkuk" may name the town's province: only a bearing ("east of", "near")
    # puts it by the town itself
    said = text[rm.mention.end : container.mention.start] + container.mention.text  # type: ignore[union-attr]
    by_town = BY_TOWN.match(said) is not None
    if (
        within.feature_class == "populated_place"
        and by_town
        and distance_km(place.lat, place.lon, within.lat, within.lon) > MISREAD_KM
    ):
        return container
    return None


def reading(rm: ResolvedMention) -> tuple[str, str]:
    """A mention's name (less a leading locative) and the place it was read as."""
    name = re.sub(r"^(?:(?:near|in|at|outside|around)\s+)?(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?", "",
                  rm.mention.text, flags=re.IGNORECASE)  # fmt: skip
    return name.casefold(), rm.place.feature_id if rm.place is not None else ""


@dataclass(frozen=True)
class SiteContext:
    """An article's placed mentions that may stand for an unplaced event's site, in text order, with
    their offsets for search (built once per article by ``site_context``)."""

    mentions: list[ResolvedMention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    countries: frozenset[str] | None = None  # the countries the article names or datelines, its own included
    containers: frozenset[int] = frozenset()  # ids of mentions that only say where another place lies
    home_towns: tuple[Place, ...] = ()  # the towns of the article's country it names, in any role
    misread: frozenset[tuple[str, str]] = frozenset()  # readings a container contradicts (see ``reading``)
    demonyms: Mapping[int, str] = field(default_factory=dict)  # demonym start -> country ("Syrian capital")

    def between(self, start: int, end: int) -> list[ResolvedMention]:
        return self.mentions[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]


def site_context(
    context: Iterable[ResolvedMention], text: str, home: str | None, every: Iterable[ResolvedMention] = ()
) -> SiteContext:
    """The ``SiteContext`` of an article's placed mentions (``every``: all its mentions, demonyms too)."""
    context = [home_namesake(rm, home) or rm for rm in context]
    placed = sorted((rm for rm in context if rm.place is not None), key=lambda rm: rm.mention.start)
    # "Adra, east of Damascus" read as Dar'a: every "Adra" of the article is that misreading
    wrong = {reading(rm) for rm in placed if misread_by_its_container(rm, placed, text) is not None}
    context = [rm for rm in context if reading(rm) not in wrong]
    usable = sorted(
        (rm for rm in context if _usable_context(rm, text, home)), key=lambda rm: rm.mention.start
    )
    named = {
        rm.place.country_code
        for rm in context
        if rm.place is not None
        and rm.place.country_code
        and (rm.place.feature_class == "country" or rm.mention.zone is ZoneKind.DATELINE)
    }
    placed = sorted((rm for rm in context if rm.place is not None), key=lambda rm: rm.mention.start)
    containers = {id(c) for rm in placed if (c := container_of(rm, placed, text)) is not None}
    starts = [rm.mention.start for rm in placed]
    for c in [rm for rm in placed if id(rm) in containers]:  # "Homs" of "in central Homs province" too
        lo, hi = bisect.bisect_left(starts, c.mention.start), bisect.bisect_left(starts, c.mention.end)
        containers |= {id(rm) for rm in placed[lo:hi] if rm.mention.end <= c.mention.end}
    towns = {
        rm.place.feature_id: rm.place
        for rm in placed
        if rm.place is not None and rm.place.country_code == home and rm.place.feature_class in TOWN_LIKE
    }
    return SiteContext(
        usable,
        [rm.mention.start for rm in usable],
        frozenset(named | ({home} if home else set())),
        frozenset(containers),
        tuple(towns.values()),
        frozenset(wrong),
        demonym_countries(every),
    )


def context_places(d: Draft, context: SiteContext, *, within_only: bool = False) -> list[ResolvedMention]:
    """With no place in the event's own sentences ("The town was shelled"), the place a coder reads
    from the text around it (``context``: see ``site_context``): a place of its evidence sentences that
    is not only another's container ("to Afrin (Aleppo)"), else (unless ``within_only``) the last place
    named before its main sentence (the town "the town" refers back to), else the first the article
    names (its headline or opening); a place named only as the container of another ("Qaryatayn in
    Homs province") is passed over for the one it contains."""
    if not d.spans or not context.mentions:
        return []
    for span in sorted(d.spans, key=lambda s: s.start):
        within = [rm for rm in context.between(span.start, span.end) if id(rm) not in context.containers]
        if within:
            return within[:1]
    if within_only:
        return []
    before = [rm for rm in context.between(0, d.spans[0].start) if rm.mention.end <= d.spans[0].start]
    # "the town" is Qaryatayn of "in Qaryatayn in central Homs province", not the province it lies in
    before = [rm for rm in before if id(rm) not in context.containers] or before
    return before[-1:] if before else context.mentions[:1]


_BROAD = frozenset({"country", "region_expression", "border"})  # a named region may be a quarter


_TOWARDS = re.compile(
    r"\b(?:towards?|into)\s+(?:the\s+)?(?:(?:city|town|village|district|area)\s+of\s+)?$", re.IGNORECASE
)


def _reached(rm: ResolvedMention, text: str, home: str | None) -> bool:
    """Whether the text names a place of the article's country as one reached ("rockets fired from Gaza
    towards Sderot"; not "loyal to Damascus"), and not as a culprit or a speaker."""
    if not _TOWARDS.search(text, max(0, rm.mention.start - 40), rm.mention.start):
        return False
    if rm.place is None or foreign_namesake(rm, home) or (home and rm.place.country_code != home):
        return False
    return not (_SPEAKS_AFTER.match(text, rm.mention.end) or attribute_only(text, rm))


def finer_than_broad(
    d: Draft,
    sites: list[ResolvedMention],
    text: str,
    home: str | None,
    context: SiteContext | None = None,
) -> list[ResolvedMention]:
    """For sites that are only a country, a part of one or a border ("fighting in northern Syria"), the town,
    district or province the event's sentences also name in that country: ACLED codes the finest place
    given. With none there, the town of that country the article names nearest before the event (or,
    with none before, after it): the town a coder reads "a rebel-held town in the north" as."""
    if not sites or any(rm.place is None or rm.place.feature_class not in _BROAD for rm in sites):
        return []
    countries = {rm.place.country_code for rm in sites if rm.place is not None} - {None} or {home}
    in_spans = [rm for sp in d.spans for rm in (context.between(sp.start, sp.end) if context else [])]

    parts = [
        rm.place.geometry
        for rm in sites
        if rm.place is not None and rm.place.feature_class == "region_expression"
    ]

    def finer(rm: ResolvedMention) -> bool:
        return (
            rm.place is not None
            and rm.place.country_code in countries
            and all(_covers(part, rm.place) for part in parts)
            and rm.place.feature_class not in _BROAD
            and granularity(text, rm) <= 3
            and (_usable_context(rm, text, home) or _reached(rm, text, home))
        )

    named = sorted((rm for rm in d.mentioned + in_spans if finer(rm)), key=lambda rm: granularity(text, rm))
    if named or context is None or not d.spans:
        return named[:1]
    start = d.spans[0].start
    around = [rm for rm in context.mentions if finer(rm) and granularity(text, rm) <= 2]
    before = [rm for rm in around if rm.mention.start < start]
    return before[-1:] if before else around[:1]


def _province_code(place: Place) -> str | None:
    """The GeoNames admin-1 code ("SY.12") of a province or of the place inside it."""
    code = place.raw.get("admin1_code") if place.raw else None
    return str(code) if code else None


def finer_than_province(
    d: Draft, sites: list[ResolvedMention], text: str, home: str | None, context: SiteContext | None = None
) -> list[ResolvedMention]:
    """For sites that are only provinces ("air strikes in Idlib province"), the town or district of that
    province the event's own sentences also name ("... the raids hit Kafr Nabl"): ACLED codes the finest
    place the report gives, and a town of another province is another event's."""
    provinces = {
        code
        for rm in sites
        if rm.place is not None and granularity(text, rm) == 3 and rm.place.feature_class not in _BROAD
        if (code := _province_code(rm.place))
    }
    if not provinces or len(provinces) < len(sites):
        return []
    in_spans = [rm for sp in d.spans for rm in (context.between(sp.start, sp.end) if context else [])]
    named = [
        rm
        for rm in d.mentioned + in_spans
        if rm.place is not None
        and rm.place.feature_class not in _BROAD
        and granularity(text, rm) <= 2
        and _province_code(rm.place) in provinces
        and _usable_context(rm, text, home)
        and (context is None or id(rm) not in context.containers)
    ]
    return sorted(named, key=lambda rm: (granularity(text, rm), rm.mention.start))[:1]


# A part's edge is drawn roughly: a town just beyond it (about 50 km) may still be in it.
_PART_SLACK_DEGREES = 0.5


def _covers(part: Any, place: Place) -> bool:
    """Whether a part of a country ("western Iraq") holds a place's point: a town in the east is not
    the finer site of "fighting in western Iraq"."""
    if part is None or part.geom_type == "Point":
        return True
    try:
        return bool(part.distance(Point(place.lon, place.lat)) <= _PART_SLACK_DEGREES)
    except (AttributeError, ValueError):  # no usable shape: nothing to say against the place
        return True


_PART_CLASSES = frozenset({"populated_place", "admin1", "admin2"})
PART_VOTE = 0.0  # a part of a name read in two countries says nothing of the article's country


_LOCATIVE_LEAD = re.compile(r"^(?:(?:near|in|at|outside|around|of)\s+)?(?:the\s+)?", re.IGNORECASE)


def split_name_parts(placed: Iterable[ResolvedMention], text: str) -> frozenset[int]:
    """Ids of the mentions that are parts of one name the gazetteer lacks, read as places of two
    countries ("Bustan al-Qasr" read as a town in Tajikistan and one in Jordan, "Tal Shamiram", "Ain
    Larouz"): two towns or areas of different countries written side by side are one place, not two."""
    ordered = sorted(
        (rm for rm in placed if rm.place is not None and rm.place.feature_class in _PART_CLASSES),
        key=lambda rm: rm.mention.start,
    )
    found: set[int] = set()
    for a, b in itertools.pairwise(ordered):
        gap = text[a.mention.end : b.mention.end - len(_LOCATIVE_LEAD.sub("", b.mention.text))]  # not "near"
        if len(gap) == 1 and gap in " -" and a.place.country_code != b.place.country_code:  # type: ignore[union-attr]
            found |= {id(a), id(b)}
    # "around Ain" read with its locative ends where the part "Ain" ends: the same part
    ends = {rm.mention.end for rm in ordered if id(rm) in found}
    return frozenset(found | {id(rm) for rm in ordered if rm.mention.end in ends})


_QUARTER = re.compile(r"(?:al|el|ad|ar|as|ash|an|at|az)-", re.IGNORECASE)  # the Arabic article of a quarter


def joined_split_names(
    placed: list[ResolvedMention], parts: frozenset[int], text: str, countries: Iterable[str]
) -> dict[int, ResolvedMention]:
    """The place a name split in two (see ``split_name_parts``) stands for, by the id of each part: the
    GeoNames town of the whole name in the first of ``countries`` (the article's own first) that has one
    ("Ain" and "Issa" read in two countries are the Syrian town Ain Issa); parts of no such name are left
    out."""
    countries = [c for c in countries if c]
    home = countries[0] if countries else None
    ordered = sorted((rm for rm in placed if id(rm) in parts), key=lambda rm: rm.mention.start)
    found: dict[int, ResolvedMention] = {}
    for a, b in itertools.pairwise(ordered):
        if b.mention.start <= a.mention.end or len(text[a.mention.end : b.mention.start]) != 1:
            continue
        start = a.mention.end - len(_LOCATIVE_LEAD.sub("", a.mention.text))
        name = text[start : b.mention.end]
        town = next((t for c in countries if (t := village_named(c, name))), None)
        if town is None:
            if _QUARTER.match(b.mention.text) and a.place is not None and a.place.country_code == home:
                found.update({id(a): a, id(b): a})  # "Daraa al-Balad": a quarter of the town at home
            continue
        whole = replace(a, mention=replace(a.mention, start=start, end=b.mention.end, text=name))
        joined = replace(whole, place=city_place(town), score=0.5, precision=a.precision)
        found.update({id(a): joined, id(b): joined})
    for rm in placed:  # "around Ain" beside the part "Ain" of "Ain Issa"
        if id(rm) in parts and id(rm) not in found:
            lo, hi = rm.mention.start, rm.mention.end
            over = [j for j in found.values() if lo < j.mention.end and j.mention.start < hi]
            if over:
                found[id(rm)] = over[0]
    return found


def _place_vote(rm: ResolvedMention) -> float:
    """A placed mention's vote for the article's country: a country or a likely namesake counts less."""
    if rm.place is not None and rm.place.feature_class == "country":
        return 1.0
    return 0.5 if rm.score < NAMESAKE_SCORE else 2.0


def _votes(rm: ResolvedMention, text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a placed mention votes: not a name inside a longer placed one ("Burri" of "Burri district"
    votes once), not a name that only qualifies a noun ("the US dollar", "tyres")."""
    start, end = rm.mention.start, rm.mention.end
    i = bisect.bisect_right(spans, (start, len(text) + 1))  # spans sorted: a container starts at or before
    if any(a <= start and end <= b and b - a > end - start for a, b in spans[max(0, i - 4) : i]):
        return False
    return not (text and attribute_only(text, rm))


_SPONSOR = re.compile(
    r"[\s-]*(?:" + "|".join(data_words("sponsor_words.txt")) + r")\b",
    re.IGNORECASE,
)


def article_country(
    resolved: Iterable[ResolvedMention], actor_votes: Mapping[str, int] | None = None, text: str = ""
) -> str | None:
    """The country an article is about: the one its places, demonyms and groups name most.

    A place in a country counts twice, a dateline twice more; a country named and a demonym once, as they
    often name an actor's country ("US beef", "Russian jets"), a region's people ("Kurdish", found in
    several countries) and a weakly chosen place (a likely namesake) half, a part of a name read in two
    countries (see ``split_name_parts``) not at all, so that a group that fights in one country
    outweighs it ("Houthis ... in Al Bayda");
    and a demonym not at all when it says where a source is based or who backs an actor ("a British-based
    monitor", "a Russian-brokered deal"; ``data/sponsor_words.txt``; in
    ``text``); each naming of a group that fights in one country counts twice (``actor_votes``: see
    ``ActorLexicon.home_votes``). It names the state, civilians or protesters of an event the text does
    not place, and tells foreign namesakes from the places of the story.
    """
    votes: dict[str, float] = dict(actor_votes or {})
    resolved = list(resolved)
    placed = sorted((rm for rm in resolved if rm.place is not None), key=lambda rm: rm.mention.start)
    spans = [(rm.mention.start, rm.mention.end) for rm in placed]
    parts = split_name_parts(placed, text) if text else frozenset()
    voters: dict[str, ResolvedMention] = {}  # the places that voted, by feature
    demonyms = False  # whether a demonym voted ("Syrian jets ... in Ariha": not that place alone)
    for rm in resolved:
        m = rm.mention
        code, weight = None, 1.0
        if m.role is MentionRole.DEMONYM:
            based = _SPONSOR.match(text, m.end, m.end + 14)
            code = None if based else m.country_code
            demonyms = demonyms or code is not None
            if rm.place is not None and rm.place.feature_class != "country":
                weight = 0.5  # a people of several countries' region ("Kurdish") hints at one
        elif m.role is MentionRole.LITERAL and rm.place is not None and _votes(rm, text, spans):
            # a place the text puts in a town of another country ("Bakara market, Mogadishu") votes for it
            code = (text and container_country(rm, placed, text)) or rm.place.country_code
            weight = PART_VOTE if id(rm) in parts else _place_vote(rm)
            voters[rm.place.feature_id] = rm
        if code and weight:
            votes[code] = votes.get(code, 0.0) + weight * (2 if m.zone is ZoneKind.DATELINE else 1)
    if not votes:
        return None
    lone = None if demonyms else _lone_namesake(voters, votes, actor_votes)
    return lone or sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _lone_namesake(
    voters: Mapping[str, ResolvedMention], votes: Mapping[str, float], actor_votes: Mapping[str, int] | None
) -> str | None:
    """When one place is all that names the article's country (no country, demonym, group or other
    place does) and it was read as a village or province while a large town elsewhere bears its name,
    that town's country ("Palmyra" alone is Syria's, not the Pennsylvania village; see
    ``larger_namesake``)."""
    if len(voters) != 1 or len(votes) != 1 or actor_votes:
        return None
    (rm,) = voters.values()
    if rm.place is None or rm.place.feature_class not in TOWN_LIKE | {"admin1"}:
        return None
    return larger_namesake(rm.place, rm.mention.text)
