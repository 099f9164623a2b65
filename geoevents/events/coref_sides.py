"""The sides of two reports of one article: whether they may name one event's actors, and the actors a
folded report gives the event it joins."""

from __future__ import annotations

from geoevents.events.actor_names import COUNTRY
from geoevents.events.draft import Draft
from geoevents.events.taxonomy import EXPLOSIONS


def _as_named(name: str | None, others: tuple[str | None, ...]) -> str | None:
    """A force of an unnamed country ("the army", "soldiers") as the other report names it, where that
    report names that kind of force of one country ("the Mexican Army"): one force, told twice."""
    if name is None or COUNTRY not in name:
        return name
    head, tail = name.split(COUNTRY, 1)
    named = {o for o in others if o and COUNTRY not in o and o.startswith(head) and o.endswith(tail)}
    return named.pop() if len(named) == 1 else name


def _aligned(a: Draft, b: Draft) -> tuple[tuple[str | None, str | None], tuple[str | None, str | None]]:
    """Both reports' (actor1, actor2), each unnamed country's force named as the other report names it."""
    sides_a, sides_b = (a.actor1, a.actor2), (b.actor1, b.actor2)
    return (
        (_as_named(a.actor1, sides_b), _as_named(a.actor2, sides_b)),
        (_as_named(b.actor1, sides_a), _as_named(b.actor2, sides_a)),
    )


def toll_of_a_fight(fight: Draft, toll: Draft) -> bool:
    """An untyped casualty report naming only sides of a clash ("three of its fighters were killed"):
    in a battle both sides are actors, so the dead may be of either side. A clash told with one side
    unnamed ("a battle between the army and hitmen") takes a toll naming its side and one more."""
    fought, told = _aligned(fight, toll)
    named = {x for x in told if x}
    sides = {x for x in fought if x}
    clash = fight.sub_event_type == "Armed clash" and toll.sub_event_type is None
    return clash and bool(named) and (named <= sides or (len(sides) < 2 and sides <= named))


def actors_compatible(a: Draft, b: Draft) -> bool:
    if a.sub_event_type == b.sub_event_type == "Armed clash":
        return _sides_compatible(a, b)  # a clash has sides, not a doer and a target
    if a.actor1 and b.actor1 and a.actor1 != b.actor1:
        return False
    if a.actor2 and b.actor2 and a.actor2 != b.actor2 and not (a.actor2 + b.actor2).count("Civilians"):
        return False
    if a.family == b.family == EXPLOSIONS:
        return True  # one-sided: a report naming the striker as hit misreads "strikes by X", not a reprisal
    return not ((a.actor1 and a.actor1 == b.actor2) or (b.actor1 and b.actor1 == a.actor2))


def _sides_compatible(a: Draft, b: Draft) -> bool:
    """Whether two reports of a clash may name one fight. A report naming one side fits a report naming
    it among two; two reports naming both sides must agree on which was hit (actor2)."""
    sides_a = {x for x in (a.actor1, a.actor2) if x}
    sides_b = {x for x in (b.actor1, b.actor2) if x}
    if len(sides_a) == len(sides_b) == 2:
        return (a.actor1, a.actor2) == (b.actor1, b.actor2)
    return sides_a <= sides_b or sides_b <= sides_a


def fill_sides(into: Draft, other: Draft) -> None:
    """The actors ``into`` lacks, from ``other``; a clash with one side named takes the other report's
    second side, never its own side twice ("a battle with the army" and "soldiers and gunmen were killed")."""
    if (
        into.sub_event_type == "Armed clash"
        and other.sub_event_type is None
        and (into.actor1 is None) != (into.actor2 is None)
    ):
        known = into.actor1 or into.actor2
        new = [x for x in _aligned(into, other)[1] if x and x != known]
        if new:
            into.actor1, into.actor2 = (into.actor1, new[0]) if into.actor1 else (new[0], into.actor2)
            return
    into.actor1 = into.actor1 or other.actor1
    into.actor2 = into.actor2 or other.actor2
