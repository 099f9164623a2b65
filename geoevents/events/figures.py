"""Fatalities and injuries per event: none for a non-violent development; split when one report covers
several countries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from geoevents.events.actors import country_name
from geoevents.events.counts import counts_at_places, split_evenly
from geoevents.events.draft import Draft
from geoevents.records import EventLocation

Figure = tuple[int, bool]  # (value, vague)


_FIGURES = ("fatalities", "injuries")


@dataclass
class _Share:
    """One country's part of a draft's figures, with the tags and notes that say how it was coded."""

    figures: dict[str, Figure | None]
    tags: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _located_figures(d: Draft) -> dict[tuple[str, str], Figure]:
    """Figures the draft's sentences give for the places of one country: {(country, category): figure}."""
    found: dict[tuple[str, str], Figure] = {}
    spans = {(s.start, s.end): s for s in d.spans}.values()
    for span in spans:
        named = [
            rm
            for rm in d.sites + d.mentioned
            if span.start <= rm.mention.start and rm.mention.end <= span.end and rm.place is not None
        ]
        named = list({rm.mention.start: rm for rm in named}.values())
        offsets = [(rm.mention.start - span.start, rm.mention.end - span.start) for rm in named]
        for count in counts_at_places(span.text, offsets):
            country = named[count.place].place.country_code or ""  # type: ignore[union-attr]
            key = (country, count.category)
            old = found.get(key)
            found[key] = (count.value + (old[0] if old else 0), count.vague or bool(old and old[1]))
    return found


# Non-violent developments ACLED codes without a toll: a death told beside them ("exchanged 30 bodies",
# "the clashes that followed killed 4") is another event's or none at all.
NO_TOLL = frozenset(
    {
        "Agreement",
        "Arrests",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
    }
)


def toll_for(sub_event_type: str | None, figure: Figure | None) -> Figure | None:
    """The figure a row of this sub-event type takes: zero for a non-violent development."""
    return (0, False) if sub_event_type in NO_TOLL else figure


def shares(d: Draft, groups: list[list[EventLocation]]) -> list[_Share]:
    """Each country's figures when one report covers several countries (one event each).

    A figure the text gives for a country's places is that event's. A total
    given for several without a breakdown is split as ACLED does: evenly, the
    first-named taking the remainder, noted on each event so a sum over events
    gives the reported total, not a multiple of it.
    """
    totals: dict[str, Figure | None] = {"fatalities": d.fatalities, "injuries": d.injuries}
    if len(groups) < 2:
        return [_Share(dict(totals)) for _ in groups]
    shares = [_Share(dict.fromkeys(_FIGURES)) for _ in groups]
    countries = [g[0].place.country_code or "" if g else "" for g in groups]
    first_named: dict[str, int] = {}
    for rm in sorted(d.sites, key=lambda rm: rm.mention.start):
        first_named.setdefault(rm.place.country_code or "", rm.mention.start)  # type: ignore[union-attr]
    order = sorted(range(len(groups)), key=lambda g: (first_named.get(countries[g], math.inf), g))
    located = _located_figures(d)
    for category in _FIGURES:
        given = {g: located[(countries[g], category)] for g in order if (countries[g], category) in located}
        for g, figure in given.items():
            shares[g].figures[category] = figure
        left = [g for g in order if g not in given]
        total = totals[category]
        rest = total[0] - sum(value for value, _ in given.values()) if total else 0
        if not left or total is None or rest <= 0:
            continue  # nothing left to share: the other countries' figure is not reported

        def named(gs: list[int]) -> str:
            return ", ".join(
                country_name(countries[g]) or (groups[g][0].place.name if groups[g] else "?") for g in gs
            )

        if not given:
            said = f"{rest} {category} reported for {named(left)} without a breakdown, split evenly:"
        else:
            said = f"{total[0]} {category} reported in total, {total[0] - rest} of them"
            said += f" for {named(list(given))};"
            said += f" the other {rest} split evenly over {named(left)}:" if len(left) > 1 else " the other"
        for g, part in zip(left, split_evenly(rest, len(left)), strict=True):
            shares[g].figures[category] = (part, total[1])
            shares[g].tags.add(f"{category}-split")
            shares[g].notes.append(f"{said[0].upper()}{said[1:]} {part} coded here.")
    return shares
