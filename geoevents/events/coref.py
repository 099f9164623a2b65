"""Coreference within an article: which drafts report the same event, and folding them together."""

from __future__ import annotations

import math
from datetime import date

from geoevents.events.coref_sides import actors_compatible, fill_sides, toll_of_a_fight
from geoevents.events.counts import whole_over_part
from geoevents.events.draft import Draft
from geoevents.events.sites import GRANULARITY, places_compatible
from geoevents.events.subtypes import refined
from geoevents.events.taxonomy import EXPLOSIONS, VIOLENT_TYPES
from geoevents.records import Place
from geoevents.settings import Settings


def same_kind(antecedent: Draft, reference: Draft) -> int:
    """2 when a reference names its antecedent's kind (same sub-type, or an untyped report of its family),
    1 for an untyped violent report, else 0.

    "The airstrikes" refers back to the bombing, not to a rocket attack or an
    untyped "attack" reported in between.
    """
    if reference.sub_event_type is None:
        return 1
    if antecedent.sub_event_type == reference.sub_event_type:
        return 2
    if antecedent.sub_event_type is None:
        return 2 if antecedent.family == reference.family else 1
    return 0


def same_type(a: Draft, b: Draft) -> bool:
    """Whether two drafts are of one sub-type as their sentences will type them: remote violence retyped by
    its weapon's words ("shells fell" in a sentence of a blister agent is the chemical attack the
    sentence's other clause names)."""
    if a.sub_event_type == b.sub_event_type:
        return True
    if a.sub_event_type is None or b.sub_event_type is None or not (a.family == b.family == EXPLOSIONS):
        return False  # the weapon's words retype remote violence; other kinds keep their trigger's type here
    text_a, text_b = (" ".join(s.text for s in d.spans) for d in (a, b))
    return refined(a.sub_event_type, text_a) == refined(b.sub_event_type, text_b)


def types_compatible(a: Draft, b: Draft) -> bool:
    if a.sub_event_type and b.sub_event_type:
        return same_type(a, b)
    fa, fb = a.family, b.family
    if fa is None and fb is None:
        return True
    if fa is None:
        return fb in VIOLENT_TYPES
    if fb is None:
        return fa in VIOLENT_TYPES
    return fa == fb


REPORT_LAG_DAYS = 2  # a report's day may follow its act's by this much ("said on Monday" of Sunday's raids)


def _dates_compatible(a: Draft, b: Draft) -> bool:
    if a.date is None or b.date is None:
        return True
    if a.precision == 1 and b.precision == 1:
        told, act = (a, b) if "date-of-report" in a.tags else (b, a)
        if "date-of-report" in told.tags and "date-of-report" not in act.tags and act.date_explicit:
            return 0 <= (told.date - act.date).days <= REPORT_LAG_DAYS  # type: ignore[operator]
        return a.date == b.date
    slack = {1: 0, 2: 6, 3: 31, 4: 366}
    return abs((a.date - b.date).days) <= max(slack[a.precision], slack[b.precision])


def drafts_compatible(a: Draft, b: Draft, max_km: float) -> bool:
    if not (types_compatible(a, b) and _dates_compatible(a, b)):
        return False
    if not (toll_of_a_fight(a, b) or toll_of_a_fight(b, a)) and not actors_compatible(a, b):
        return False
    return sites_agree(a, b, max_km)


SAME_SITE_KM = 25.0  # two towns further apart are two events of one article, as ACLED codes them


def _same_site(a: Place, b: Place, *, max_km: float) -> bool:
    """Whether two sites of one article may be one event's: the same place, towns or sites within
    ``SAME_SITE_KM``, or an area and a place it may hold (as ``places_compatible`` judges)."""
    if a.feature_id == b.feature_id:
        return True
    areas = GRANULARITY.get(a.feature_class, 2) >= 2 or GRANULARITY.get(b.feature_class, 2) >= 2
    if areas:
        return places_compatible(a, b, max_km=max_km)
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h))) <= min(max_km, SAME_SITE_KM)


def affinity(target: Draft, other: Draft) -> float:
    """How well ``other`` fits ``target`` when choosing what a reference or undated report belongs to."""
    score = 0.0
    if target.family and target.family == other.family:
        score += 2
    if target.date and other.date and target.date == other.date:
        score += 3
    if target.actor1 and target.actor1 == other.actor1:
        score += 1
    if target.actor2 and target.actor2 == other.actor2:
        score += 1
    if target.date_explicit:
        score += 0.5
    return score + 0.25 * min(4, len(target.spans))  # the article's main event is the likelier referent


def absorb(into: Draft, other: Draft) -> None:
    """Fold what ``other`` says into ``into`` (same event, another sentence)."""
    if other.sub_event_type and not into.sub_event_type:
        into.sub_event_type, into.generic = other.sub_event_type, None
    elif into.generic is None and into.sub_event_type is None:
        into.generic = other.generic
    if other.date is not None and (
        into.date is None or other.precision < into.precision or _better_dated(other, into)
    ):
        into.date, into.precision = other.date, other.precision
        into.date_explicit = into.date_explicit or other.date_explicit
        into.tags -= _DATED_BY_REPORT - other.tags
    fill_sides(into, other)
    into.assoc_actor_1 = into.assoc_actor_1 or other.assoc_actor_1
    into.fatalities = _part_or_conservative(into, other)
    into.injuries = _conservative(into.injuries, other.injuries)
    for rm in other.sites:
        if all(rm.place.feature_id != s.place.feature_id for s in into.sites):  # type: ignore[union-attr]
            into.sites.append(rm)
    into.mentioned += other.mentioned
    for span in other.spans:
        if all((span.start, span.end) != (s.start, s.end) for s in into.spans):
            into.spans.append(span)
    into.context += other.context
    into.subjects += other.subjects
    into.tags |= other.tags - {"date-assumed", FURTHER_TOLL}
    into.trigger_texts += other.trigger_texts


_DATED_BY_REPORT = frozenset({"date-of-report", "date-of-dateline"})


def _better_dated(other: Draft, into: Draft) -> bool:
    """Whether ``other``'s day is the better one for the event: its act's own day against the day it was
    reported, or a day the report says against the page's dateline."""

    def rank(d: Draft) -> int:
        return 0 if "date-of-dateline" in d.tags else 1 if "date-of-report" in d.tags else 2

    return other.date_explicit and other.precision <= into.precision and rank(other) > rank(into)


REPELLED = "repelled-it"  # an attack told as repelled by its target: the clash of that attack
FURTHER_TOLL = "further-toll"  # "two soldiers were also killed": dead besides those the act's toll counts


def _part_or_conservative(into: Draft, other: Draft) -> tuple[int, bool] | None:
    """The event's toll when two reports of it give one: a part ("three soldiers died") never
    replaces the whole it belongs to ("killed 12 people"); otherwise ACLED's conservative figure."""
    a, b = into.fatalities, other.fatalities
    if a and b and not a[1] and not b[1] and a[0] != b[0] and min(a[0], b[0]) > 0:
        (big, big_d), (small, small_d) = sorted(((a[0], into), (b[0], other)), key=lambda f: -f[0])
        texts = [(big, s.text) for s in big_d.spans], [(small, s.text) for s in small_d.spans]
        if any(whole_over_part(x, y) for x in texts[0] for y in texts[1]):
            return (big, False)
    return _conservative(a, b)


def _conservative(a: tuple[int, bool] | None, b: tuple[int, bool] | None) -> tuple[int, bool] | None:
    """An exact figure beats a vague one; between equals, the lower (ACLED's conservative rule).
    A sentence's "no casualties" never erases the toll another sentence of the event gives."""
    if a is None or b is None:
        return a or b
    if (a[0] == 0) != (b[0] == 0):
        return a if a[0] else b
    if a[1] != b[1]:
        return a if not a[1] else b
    return a if a[0] <= b[0] else b


def _lead_and_body(lead: Draft, body: Draft) -> bool:
    """The article's first report, placed nowhere ("An air raid has hit a village"), and the body's
    report of the same kind on the same day: the headline or lead telling the act the body tells,
    whatever sides each sentence's words seem to name."""
    return (
        lead.order == 0
        and not lead.sites
        and lead.sub_event_type is not None
        and lead.sub_event_type == body.sub_event_type
        and lead.date == body.date
        and lead.precision == body.precision
        and "another-event" not in body.tags
    )


TOLL_RETOLD_DAYS = 2  # "29 rebels dead" in the lead and "29 rebels were killed overnight": one fight


def _repelled(attack: Draft, reply: Draft, max_km: float) -> bool:
    """An untyped attack and the report right after it that its target repelled it: one clash, whose
    sides the two reports name in turn as doer and target."""
    return (
        REPELLED in reply.tags
        and attack.sub_event_type is None
        and attack.family is None
        and 0 < reply.order - attack.order <= 1
        and sites_agree(attack, reply, max_km)
    )


def sites_agree(a: Draft, b: Draft, max_km: float) -> bool:
    if not (a.sites and b.sites):
        return True
    return any(
        _same_site(x.place, y.place, max_km=max_km)  # type: ignore[arg-type]
        for x in a.sites
        for y in b.sites
    )


def _same_toll_folded(kept: list[Draft], settings: Settings) -> list[Draft]:
    """Two reports of one kind a day or two apart that give the same death toll are one event told
    twice (a lead dated by its publication and the body's "overnight"), where their places agree."""
    out: list[Draft] = []
    for d in kept:
        twin = next(
            (
                k
                for k in out
                if d.fatalities is not None
                and k.fatalities == d.fatalities
                and d.fatalities[0] > 0
                and k.sub_event_type is not None
                and k.sub_event_type == d.sub_event_type
                and k.date is not None
                and d.date is not None
                and abs((k.date - d.date).days) <= TOLL_RETOLD_DAYS
                and sites_agree(k, d, settings.merge_distance_km)
                and actors_compatible(k, d)
                and may_join(k, d)
            ),
            None,
        )
        if twin is None:
            twin = next((k for k in reversed(out) if _retold(k, d)), None)
        if twin is None:
            twin = next((k for k in out if _told_on_report_day(k, d, settings)), None)
        if twin is None:
            out.append(d)
            continue
        date_, precision = twin.date, twin.precision
        act_day = _act_day(twin, d)
        absorb(twin, d)
        if _retold(twin, d):
            twin.date, twin.precision = date_, precision  # the act's own day, not the quote's "today"
        if act_day is not None:
            twin.date, twin.precision = act_day.date, act_day.precision
            twin.tags.discard("date-of-report")
    return out


def _act_day(a: Draft, b: Draft) -> Draft | None:
    """Of two reports of one act, the one dated by the act itself when the other is dated only by
    the day it was reported ("a monitor said on Monday")."""
    report_a, report_b = "date-of-report" in a.tags, "date-of-report" in b.tags
    if report_a == report_b:
        return None
    return b if report_a else a


def _told_on_report_day(a: Draft, b: Draft, settings: Settings) -> bool:
    """A report dated only by the day it was told ("air strikes have killed dozens, a monitor said on
    Monday") and a report of the same kind dated by the act the day before, at a place that agrees:
    one act, as a headline and lead tell the act the body dates."""
    act = _act_day(a, b)
    told = b if act is a else a
    return (
        act is not None
        and a.sub_event_type is not None
        and a.sub_event_type == b.sub_event_type
        and act.date is not None
        and told.date is not None
        and (told.date - act.date).days == 1
        and sites_agree(a, b, settings.merge_distance_km)
        and actors_compatible(a, b)
        and may_join(a, b)
    )


def _retold(first: Draft, later: Draft) -> bool:
    """A later report of the same kind that adds no place or toll and is dated only by a relative word
    against the publication ("carried out four air strikes today", quoted), a day from the first
    report's day: the same act told again, as in a statement quoted after the lead."""
    return (
        not later.sites
        and later.fatalities is None
        and later.sub_event_type is not None
        and later.sub_event_type == first.sub_event_type
        and any(t.startswith("date-ref") for t in later.tags)
        and first.date is not None
        and later.date is not None
        and abs((later.date - first.date).days) <= 1
        and may_join(first, later)
    )


def may_join(into: Draft, other: Draft) -> bool:
    """Whether ``other`` may fold into ``into``: never a report that says it is another event
    ("in another strike", "a separate attack"), and never a typed report into a bare killing or
    attack, whose sub-type it would take over (the typed report is an event of its own)."""
    if "another-event" in other.tags:
        return False
    if "elsewhere" in other.tags and into.sites and other.sites:
        ours, theirs = towns(other), towns(into)
        if ours and theirs and not ours & theirs:
            return False  # "also in X": one more act, at a place of its own (the province both name aside)
    untyped = into.sub_event_type is None and into.family is None
    if untyped and REPELLED in other.tags:
        return True  # "militants attacked a base. Troops repelled the attack": the fight that attack began
    return not (untyped and (other.sub_event_type is not None or other.family is not None))


def towns(d: Draft) -> set[str]:
    """The feature ids of a draft's sites finer than a province (all of them when it has none finer)."""
    places = [rm.place for rm in d.sites if rm.place is not None]
    fine = {p.feature_id for p in places if GRANULARITY.get(p.feature_class, 2) < 3}
    return fine or {p.feature_id for p in places}


_PEACEFUL = "Peaceful protest"
_MET = frozenset({"Protest with intervention", "Excessive force against protesters"})


def _one_protest(a: Draft, b: Draft) -> str | None:
    """The sub-type of one protest that a sentence tells both as held and as met by force ("police
    dispersed the march; five protesters were hurt"): ACLED codes it once, as what was done to it."""
    kinds = {a.sub_event_type, b.sub_event_type}
    if _PEACEFUL not in kinds or not kinds - {_PEACEFUL} <= _MET or len(kinds) != 2:
        return None
    if not (a.spans and b.spans) or (a.spans[0].start, a.spans[0].end) != (b.spans[0].start, b.spans[0].end):
        return None
    return next(k for k in kinds if k != _PEACEFUL)


_EXCESSIVE = "Excessive force against protesters"
_CROWDS = frozenset({_PEACEFUL, "Protest with intervention", _EXCESSIVE, "Violent demonstration"})


def _force_on_protest(protest: Draft, force: Draft, max_km: float) -> str | None:
    """The sub-type of a protest and the untyped killing told right after it whose words are force on
    protesters ("police fired to disperse them, killing one"): ACLED codes one event, excessive force
    on a peaceful crowd, the violent demonstration itself when the crowd rioted."""
    if protest.sub_event_type not in _CROWDS or force.sub_event_type is not None or force.family is not None:
        return None
    if not (protest.spans and force.spans) or not _dates_compatible(protest, force):
        return None
    start = force.spans[0].start
    if not any(s.start == start or 0 <= start - s.end <= 3 for s in protest.spans):
        return None  # the force's sentence is the protest's own or the one right after it
    text = " ".join(s.text for s in force.spans)
    if refined("Attack", text) != _EXCESSIVE or not sites_agree(protest, force, max_km):
        return None
    crowd = refined(protest.sub_event_type, " ".join(s.text for s in protest.spans))
    return protest.sub_event_type if crowd == "Violent demonstration" else _EXCESSIVE


def _protest_kind(a: Draft, b: Draft, settings: Settings) -> str | None:
    """The one sub-type of a protest and what was done to it, told as two reports (else None)."""
    return _one_protest(a, b) or _force_on_protest(a, b, settings.merge_distance_km)


def _same_day_twins(k: Draft, d: Draft, settings: Settings) -> bool:
    """Whether two reports of one day are one event: compatible, or a lead and its body, or an attack
    and its repulse, and not of two sub-types."""
    joined = (
        drafts_compatible(k, d, settings.merge_distance_km)
        or _lead_and_body(k, d)
        or _repelled(k, d, settings.merge_distance_km)
    )
    return joined and (same_type(k, d) or not (k.sub_event_type and d.sub_event_type))


def consolidate(drafts: list[Draft], ref: date | None, settings: Settings) -> list[Draft]:
    """Undated reports join the compatible dated draft; same-day duplicates of one event fold together."""
    dated = [d for d in drafts if d.date is not None]
    undated = [d for d in drafts if d.date is None]
    kept: list[Draft] = []
    for d in dated:
        twin = next(
            (
                k
                for k in kept
                if k.date == d.date
                and k.precision == d.precision
                and (_same_day_twins(k, d, settings) or _protest_kind(k, d, settings) is not None)
            ),
            None,
        )
        if twin is not None and may_join(twin, d):
            kind = _protest_kind(twin, d, settings)
            absorb(twin, d)
            if kind:
                twin.sub_event_type = kind
        else:
            kept.append(d)
    kept = _same_toll_folded(kept, settings)
    # Soft-dated drafts (a caption's date) give way to an exactly dated report of the same event.
    for d in sorted(kept, key=lambda k: -k.precision):
        if "date-from-caption" not in d.tags:
            continue
        better = [
            k
            for k in kept
            if k is not d
            and k.precision < d.precision
            and drafts_compatible(k, d, settings.merge_distance_km)
        ]
        if better:
            absorb(max(better, key=lambda k: (affinity(k, d), -k.order)), d)
            kept.remove(d)
    for d in undated:
        crowd = next((k for k in kept if _force_on_protest(k, d, settings.merge_distance_km)), None)
        if crowd is not None:
            crowd.sub_event_type = _force_on_protest(crowd, d, settings.merge_distance_km)
            absorb(crowd, d)
            continue
        candidates = [
            k for k in kept if drafts_compatible(k, d, settings.merge_distance_km) and may_join(k, d)
        ]
        if not candidates and "toll-of-previous" in d.tags:
            # "Among the dead were ...": the event told just before, whatever place the victims' words name.
            earlier = [k for k in kept if k.order < d.order and types_compatible(k, d) and may_join(k, d)]
            candidates = [max(earlier, key=lambda k: k.order)] if earlier else []
        if not candidates and "toll-of-crew" in d.tags:
            # "Its two pilots were killed": the crew of the aircraft downed in the report just before.
            earlier = [k for k in kept if k.order < d.order]
            last = max(earlier, key=lambda k: k.order) if earlier else None
            if last is not None and last.sub_event_type == "Disrupted weapons use" and may_join(last, d):
                candidates = [last]
        if candidates:
            absorb(max(candidates, key=lambda k: (affinity(k, d), -abs(k.order - d.order))), d)
            continue
        if ref is not None:
            d.date, d.precision = ref, 2
            d.tags.add("date-assumed-publication")
        kept.append(d)
    return sorted(kept, key=lambda d: d.order)
