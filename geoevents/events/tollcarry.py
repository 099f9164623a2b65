"""Tolls told apart from their act: a sentence that only counts the dead ("Police said nine people
died in the exchange."), right after the act it follows, is that act's toll, not a lost figure; dead
"also killed" add to the toll of the act they follow."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from geoevents.events.coref import FURTHER_TOLL, absorb
from geoevents.events.counts import Casualties, casualties_from_text
from geoevents.events.dates import dates_from_text
from geoevents.events.draft import Draft
from geoevents.events.numbers import NUMBER, number_from_phrase
from geoevents.events.sites import places_in
from geoevents.events.text import Span
from geoevents.events.tollforms import ATTACKERS, attacker_killed_at
from geoevents.records import ResolvedMention

# A tally over time or a war ("have died since", "so far"), another event, or a toll not told as fact.
_NO_TOLL_OF_IT = re.compile(
    r"\b(?:ha(?:s|ve)\s+(?:now\s+)?(?:been\s+)?(?:killed|died)|since|so\s+far|to\s+date|this\s+(?:year|month|week)"
    r"|in\s+total|overall|another|separate|similar|elsewhere|meanwhile|earlier|previous|last\s+(?:year|month|week)"
    r"|would|could|may|might|feared|if|not|nor|never)\b",
    re.IGNORECASE,
)
NEXT_TO = 2  # characters between the act's sentence and the toll's: the very next sentence


def tolls_carried(drafts: list[Draft], sentences: list[Span], usable: list[ResolvedMention]) -> None:
    """Give each toll-only sentence's figure to the act of the sentence just before it, when that act
    has no toll yet and the sentence names no place, day or other event of its own."""
    told = {(s.start, s.end) for d in drafts for s in d.spans}
    for before, sentence in pairwise(sentences):
        if (sentence.start, sentence.end) in told or not 0 < sentence.start - before.end <= NEXT_TO:
            continue
        act = _act_of(drafts, before, tolled=_RIVAL_TOLL.search(sentence.text) is not None)
        if act is None or _NO_TOLL_OF_IT.search(sentence.text):
            continue
        toll = casualties_from_text(sentence.text)
        if toll.fatalities is None or dates_from_text(sentence.text, reference=None):
            continue
        own = {rm.place.feature_id for rm in places_in(sentence, usable) if rm.place}
        if not own <= {rm.place.feature_id for rm in act.sites if rm.place}:
            continue
        if act.fatalities is not None:  # another source's toll of the act: ACLED keeps the lower
            if not (act.fatalities[1] or toll.fatalities_vague) and toll.fatalities < act.fatalities[0]:
                act.fatalities = (toll.fatalities, False)
            continue
        act.fatalities = (toll.fatalities, toll.fatalities_vague)
        if act.injuries is None and toll.injuries is not None:
            act.injuries = (toll.injuries, toll.injuries_vague)
        act.spans.append(sentence)
        told.add((sentence.start, sentence.end))


# Another source's toll of the same act: "the agency gave a toll of 12", "officials put the toll at 12".
_RIVAL_TOLL = re.compile(
    r"\b(?:gave|gives|put|puts|reported)\s+(?:a|the|its|their)\s+(?:death\s+)?toll\b", re.I
)


def _act_of(drafts: list[Draft], sentence: Span, *, tolled: bool = False) -> Draft | None:
    """The one untolled act the sentence reports (one with a toll, if ``tolled``), else None (two acts
    leave the toll unassigned)."""
    acts = [d for d in drafts if any((s.start, s.end) == (sentence.start, sentence.end) for s in d.spans)]
    if len(acts) != 1 or (acts[0].fatalities is not None and not tolled):
        return None
    act = acts[0]
    return act if act.sub_event_type is not None or act.generic is not None else None


# A toll told in the past of the act ("were killed", "died"); "have been killed" sums up a war.
_BARE_TOLL = re.compile(
    r"(?:(?:were|was)\s+(?:also\s+)?)?(?:killed|died|wounded|injured|hurt)", re.IGNORECASE
)


def bare_tolls_folded(drafts: list[Draft]) -> list[Draft]:
    """A sentence that only counts the dead, right after the act of its day and place ("IS ambushed
    a patrol near Arish. Three soldiers and five militants were killed."), is that act's toll: the
    first act the sentence before it reports."""
    kept: list[Draft] = []
    for d in drafts:
        bare = d.sub_event_type is None and all(_BARE_TOLL.fullmatch(t) for t in d.trigger_texts)
        own = {rm.place.feature_id for rm in d.sites if rm.place}
        acts = [
            k
            for k in kept
            if bare
            and (k.sub_event_type is not None or k.generic is not None)  # "attacked a checkpoint" too
            and (k.date == d.date or (d.date is None and _gives_the_toll(k, d)))  # an undated toll: the act's
            and d.spans
            and k.spans
            and (0 < d.spans[0].start - k.spans[-1].end <= 2 or _further_in_its_sentence(d, k))
            and own <= {rm.place.feature_id for rm in k.sites if rm.place}  # no site of its own
        ]
        if acts:
            # Further dead belong to the act whose toll they add to: their own sentence's, if it has one.
            acts = [k for k in acts if _further_in_its_sentence(d, k)] or acts
            act = min(acts, key=lambda k: k.order)
            further = _further_dead(act, d)
            absorb(act, d)
            act.fatalities = further or act.fatalities
            continue
        kept.append(d)
    return kept


def _further_in_its_sentence(toll: Draft, act: Draft) -> bool:
    """ "killing 11 militants; two soldiers were also killed": further dead of the act of its sentence."""
    return FURTHER_TOLL in toll.tags and toll.spans[0].start == act.spans[-1].start


def _further_dead(act: Draft, toll: Draft) -> tuple[int, bool] | None:
    """The act's toll with the further dead added ("killing 11 militants; two soldiers were also
    killed" is 13: ACLED counts the dead of every side), or None when the toll tells no further dead.
    The attackers' dead the next sentence counts ("Troops killed dozens of the raiders") are further
    dead too, a vague figure coded by its rule ("dozens" 12) as the codebook codes one."""
    a, b = act.fatalities, toll.fatalities
    if not (a and b) or a[1] or min(a[0], b[0]) <= 0:
        return None
    if FURTHER_TOLL in toll.tags and not b[1]:
        return (a[0] + b[0], False)
    if _other_side(toll):
        return (a[0] + b[0], b[1])
    return None


def _gives_the_toll(act: Draft, toll: Draft) -> bool:
    """Whether an undated toll-only sentence right after the act is its toll: the other side's dead, or
    an exact count of the dead the act told only vaguely ("fighting that left dozens dead. At least 29
    rebels were killed along with six militants")."""
    exact = toll.fatalities is not None and not toll.fatalities[1]
    return _other_side(toll) or (exact and act.fatalities is not None and act.fatalities[1])


def _other_side(toll: Draft) -> bool:
    """Whether a toll-only sentence counts the act's attackers killed by its target: "troops killed
    dozens of attackers", "the police shot dead three of the gunmen"."""
    return any(
        (m := _KILLED_THEM.search(s.text)) is not None and ATTACKERS.match(s.text, m.end("num"))
        for s in toll.spans
    )


# "killed dozens of", "shot dead at least three": the figure of whom the verb killed.
_KILLED_THEM = re.compile(
    rf"\b(?:killed|shot\s+dead|killing)\s+(?:at\s+least\s+|some\s+|about\s+|around\s+)?(?P<num>{NUMBER})"
    r"(?:\s+of)?",
    re.I,
)


# A toll raised after the act's first report: "the monitor later raised the toll to 14", "the toll has
# risen to 14", "updated to 14 its toll", "bringing the death toll to 14".
_UPDATE = re.compile(
    r"\b(?:(?:raised|revised|updated|increased|put)\s+(?:its|the|their|his|her)\s+(?:[\w-]+\s+){0,2}?toll\s+"
    r"(?:[\w-]+\s+){0,5}?to|toll\s+(?:[\w-]+\s+){0,5}?(?:(?:has|had)\s+)?(?:risen|rose|climbed|jumped|"
    r"increased|grew)\s+to|bringing\s+the\s+(?:death\s+)?toll\s+(?:[\w-]+\s+){0,4}?to|updated\s+to(?=\s+"
    rf"(?:at\s+least\s+)?\S+\s+(?:its|the|their)\s+(?:death\s+)?toll\b))\s+(?:at\s+least\s+)?(?P<num>{NUMBER})",
    re.IGNORECASE,
)
# A toll over a span or a war, not the act's: "the toll since the offensive began rose to 300".
_TOLL_OF_MORE = re.compile(
    r"\b(?:since|so\s+far|to\s+date|this\s+(?:year|month|week)|in\s+total|overall|war|conflict|offensive|"
    r"campaign|fighting|days|weeks|months)\b",
    re.IGNORECASE,
)
UPDATE_AFTER = 2  # how many sentences after the act's report its toll may be raised


def tolls_updated(drafts: list[Draft], sentences: list[Span]) -> None:
    """A toll raised in a sentence after its act ("The toll later rose to 14.") replaces the act's first
    figure: a report's latest count of one event is its count, and the act is the one just before."""
    for at, sentence in enumerate(sentences):
        m = _UPDATE.search(sentence.text)
        if m is None or _TOLL_OF_MORE.search(sentence.text):
            continue
        parsed = number_from_phrase(m.group("num"))
        if parsed is None or parsed[1]:
            continue
        first = sentences[max(0, at - UPDATE_AFTER)].start
        acts = [
            d
            for d in drafts
            if (d.sub_event_type is not None or d.generic is not None)
            and any(first <= s.start < sentence.end for s in d.spans)
        ]
        own = [d for d in acts if any(sentence.start <= s.start < sentence.end for s in d.spans)]
        if len(own or acts) != 1:
            continue  # two acts before it: whose toll was raised is not told
        act = (own or acts)[0]
        if act.fatalities is None or act.fatalities[1] or parsed[0] > act.fatalities[0]:
            act.fatalities = (parsed[0], False)


# After the act, another act told with its own toll: "a day after bombardments killed 24", "after gunmen
# killed a guard", "the infighting that began on Friday and left dozens dead".
_OTHER_ACTS_TOLL = re.compile(
    r"\b(?:after|following)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:killed|left|claimed)\b"
    r"|\b(?:that|which)\s+(?:began|started|broke\s+out|erupted|flared)\b[^.;]*?\b(?:and|,)\s+(?:left|killed|claimed)\b",
    re.IGNORECASE,
)


def casualties_of_act(
    text: str,
    trigger_end: int,
    *,
    trigger_start: int = -1,
    earlier_acts: tuple[int, ...] = (),
    then: str = "",
) -> Casualties:
    """The toll ``text`` gives the act whose trigger ends at ``trigger_end``: a toll told after it of an
    earlier or other act (see above) is that act's, so only what comes before that act counts. The
    second of two acts that share one toll ("air strikes and artillery fire killed 16") has none: a
    figure for a whole bombardment is its main event's, the first named. ``then`` is the rest of the
    sentence after the act's clause, where the attacker's end may be told."""
    if _second_of_a_pair(text, trigger_start, earlier_acts):
        return Casualties(None, None, False, False)
    other = _OTHER_ACTS_TOLL.search(text, trigger_end)
    return _with_the_attacker(casualties_from_text(text if other is None else text[: other.start()]), then)


# Two acts named as one subject or object, the first in a few words: "air strikes and artillery fire".
_PAIRED = re.compile(
    r"[\w-]+(?:\s+[\w-]+){0,2}?\s+(?:and|as\s+well\s+as|along\s+with)\s+(?:[\w-]+\s+)?", re.I
)


def _second_of_a_pair(text: str, start: int, earlier: tuple[int, ...]) -> bool:
    """Whether the act at ``start`` is named right after another of its clause, joined to it by "and"."""
    return start >= 0 and any(start - s > 0 and _PAIRED.fullmatch(text, s, start) for s in earlier)


# The clause that tells the attacker's end right after the victims' toll: "before police shot the gunman".
_THEN_CLAUSE = re.compile(r"\W*(?:before|after|until|when|as|and|then)\b", re.I)


def _with_the_attacker(toll: Casualties, then: str) -> Casualties:
    """A clause's exact toll with the attacker killed in the sentence's next clause ("The attack left
    one officer dead before police shot and killed the attacker": 2, as ACLED counts the attacker)."""
    at = attacker_killed_at(then)
    if toll.fatalities is None or toll.fatalities_vague or at is None or not _THEN_CLAUSE.match(then):
        return toll
    return replace(toll, fatalities=toll.fatalities + 1) if len(then[:at].split()) <= 4 else toll
