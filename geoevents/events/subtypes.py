"""Typing: the ACLED sub-event type of a finished draft.

A draft starts with its trigger's type. The article then refines it by the
codebook: a protest whose participants threw stones is a violent
demonstration, one dispersed with tear gas a protest with intervention; an
attack that fired on protesters is excessive force; territory taken by state
forces is regained by the government, by anyone else overtaken by a
non-state actor, and taken without a fight it is a non-violent transfer.
Refinements by wording are rows of ``data/refinements.tsv``; refinements by
actor are the few rules below. Generic triggers ("attack", "explosion",
"killed") are typed by their actors and targets.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from geoevents.errors import InputError
from geoevents.events.actors import COUNTRY, ActorLexicon, is_unidentified_group
from geoevents.events.authorities import governing_group
from geoevents.events.datafiles import data_rows
from geoevents.events.draft import Draft
from geoevents.events.taxonomy import ARMED_WORDS, CIVILIAN_WORDS, GENERIC_EXPLOSION, SUB_EVENT_TYPES
from geoevents.events.triggers import TERRITORY, definitions

_COLUMNS = ("from", "to", "definition", "pattern")
STATE = 1  # ACLED inter code of state forces
NON_STATE = frozenset({2, 3, 4})  # rebels, political and identity militias
_PROPERTY = re.compile(
    r"\b(?:houses?|homes?|shops?|stores?|cars?|vehicles?|offices?|buildings?|property|premises|mosques?|churches?|"
    r"schools?|headquarters|warehouses?|trucks?)\b",
    re.IGNORECASE,
)
# Forces that strike from the air when a report says only "strikes" or "raids".
_AIR_SIDE = re.compile(
    r"\b(?:coalition|US-led|Russian|Russia|regime|air\s+force|warplanes?|jets?|aircraft|drones?|helicopters?)\b",
    re.IGNORECASE,
)
# Sites held by a force: an attack on one is on the force (the codebook's Attack is on civilians only).
_MILITARY_SITE = re.compile(
    r"\b(?:(?:military|army|air)\s+)?(?:bases?|barracks|checkpoints?|outposts?|garrisons?)\b|"
    r"\bmilitary\s+(?:compounds?|posts?|positions?|installations?|facilit(?:y|ies))\b",
    re.IGNORECASE,
)
# What civilians ride in or live in, named as the target ("fired on a civilian car at a checkpoint").
_CIVILIAN_THING = re.compile(
    r"\bcivilian\s+(?:cars?|vehicles?|bus(?:es)?|minibus(?:es)?|houses?|homes?)\b", re.I
)
# A target told only as having come under fire or attack, with no word for who fired.
_UNDER_FIRE = re.compile(r"\bcame\s+under\b", re.IGNORECASE)
# An attack the clause says was met with fighting ("attacked the town, sparking clashes").
_MET_WITH_FIGHTING = re.compile(
    r"\b(?:sparking|sparked|triggering|triggered|igniting|prompting|setting\s+off|leading\s+to)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:fighting|clashes|gun\s*battles?|gunfights?|firefights?|battles?|"
    r"exchanges?\s+of\s+fire)\b",
    re.IGNORECASE,
)
_ARSON = re.compile(r"molotov|petrol\s+bomb|fire\s*bomb|incendiary", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Refinement:
    source: str
    target: str
    definition: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=2)
def load_refinements() -> tuple[Refinement, ...]:
    """The packaged refinement rows, each checked against the taxonomy and the definitions."""
    known = definitions()
    out = []
    for where, row in data_rows(None, "refinements.tsv", _COLUMNS):
        for key in ("from", "to"):
            if row[key] not in SUB_EVENT_TYPES:
                raise InputError(where, f"unknown sub_event_type {row[key]!r}")
        if known.get(row["definition"]) != row["to"]:
            raise InputError(where, f"definition {row['definition']!r} does not define {row['to']!r}")
        out.append(Refinement(row["from"], row["to"], row["definition"], re.compile(row["pattern"], re.I)))
    return tuple(out)


# A sentence of three or more reports joined by semicolons ("X shelled A; in B soldiers looted shops;
# in C women marched"): a brief's list, each of whose parts is typed by its own words.
_LIST_PART = re.compile(r"\s*;\s*(?:and\s+)?")


def _own_parts(sentence: str, triggers: list[str]) -> str:
    """The parts of a semicolon list that hold one of the draft's trigger words (the whole sentence
    when it is no such list, or when no single part holds them)."""
    parts = _LIST_PART.split(sentence)
    if len(parts) < 3:
        return sentence
    own = [part for part in parts if any(t and t in part for t in triggers)]
    return "; ".join(own) if own else sentence


def _refinement_text(d: Draft) -> str:
    """The words a draft's refinements read: its sentences, each cut to its own part of a list."""
    return " ".join(_own_parts(s.text, d.trigger_texts) for s in d.spans)


def refined(sub_event_type: str, text: str) -> str:
    """``sub_event_type`` after the refinement rows that match ``text`` (a chain of at most three)."""
    for _ in range(3):
        row = next(
            (r for r in load_refinements() if r.source == sub_event_type and r.pattern.search(text)), None
        )
        if row is None:
            break
        sub_event_type = row.target
    return sub_event_type


# Who acted, by the words for them nearest the trigger on the agent side.
STATE_WORDS = re.compile(
    r"\b(?:government|regime|army|armies|troops|soldiers|military|security\s+forces|police|"
    r"pro-government|pro-regime|loyalist|national\s+guard|gendarmes?|air\s+force)\b",
    re.IGNORECASE,
)
NON_STATE_WORDS = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|jihadists?|fighters|militias?|militiamen|opposition|terrorists?|"
    r"guerrillas?|tribesmen|gunmen|(?-i:IS|ISIS|ISIL|YPG|SDF|PKK|HTS)|Daesh|Islamic\s+State|Nusra|Qaeda|"
    r"Taliban|Shabaab|Boko\s+Haram|Houthis?|Hezbollah|Kurdish\s+forces|Free\s+Syrian\s+Army)\b",
    re.IGNORECASE,
)


# The organs of a group that governs where it holds ground: its detentions are arrests (the codebook's
# "actors exercising de facto control").
_AUTHORITY = re.compile(
    r"\b(?:authorities|intelligence|police|security\s+(?:forces|services|service|apparatus)|courts?|judiciary|"
    r"administration|ministry|government|Hisbah|Asayish|General\s+Security)\b",
    re.IGNORECASE,
)


def _arresting_authority(d: Draft) -> bool:
    """Whether the group that detained governs where it acts: its organs (police, courts) or a group
    of ``data/authorities.tsv`` (the codebook's "actors exercising de facto control")."""
    subject = d.subjects[0] if d.subjects else ""
    return bool(_AUTHORITY.search(subject)) or governing_group(d.actor1, subject, on=d.date)


# Support named beside the actor ("Kurdish forces backed by government shelling") is not the actor.
_SUPPORT = re.compile(
    r"\b(?:backed|supported|aided|assisted|helped|covered|accompanied)\s+by\b[^,;]*|"
    r"\bwith\s+(?:the\s+)?(?:support|help|backing|cover)\s+(?:of|from)\b[^,;]*",
    re.IGNORECASE,
)
# State forces fighting alongside allies ("troops and allied fighters"): the codebook counts the
# state's affiliates with it, so the government regains the place.
_WITH_ALLIES = re.compile(
    r"\b(?:and|alongside|along\s+with|together\s+with)\s+(?:their\s+|its\s+|the\s+)?(?:[\w'’-]+\s+)?"
    r"(?:allied|pro-government|pro-regime|loyalist|Hezbollah|paramilitar\w*|militias?|militiamen|"
    r"Popular\s+Mobili[sz]ation|National\s+Defen[cs]e\s+Forces|tribal\s+fighters)\b",
    re.IGNORECASE,
)


# A relative clause describing a place the actor entered: who holds the place is not who acted.
_PLACE_RELATIVE = re.compile(r"\b(?:where|whose|which\s+(?:is|was|has|had))\b", re.IGNORECASE)


def _side(d: Draft) -> int | None:
    """1 when state forces acted, 2 when a non-state group did, by the words nearest the trigger
    (what supported them set aside; state forces joined by their allies count as the state)."""
    text = _SUPPORT.sub(" ", d.subjects[0] if d.subjects else "")
    rel = _PLACE_RELATIVE.search(text)
    if rel is not None and (
        STATE_WORDS.search(text, 0, rel.start()) or NON_STATE_WORDS.search(text, 0, rel.start())
    ):
        text = text[
            : rel.start()
        ]  # "IS entered the city, where Kurdish and regime forces share control, ..."
    state = [m.end() for m in STATE_WORDS.finditer(text)]
    other = [m.end() for m in NON_STATE_WORDS.finditer(text)]
    if not state and not other:
        return None
    if state and other and min(state) < min(other) and _WITH_ALLIES.search(text):
        return STATE
    return STATE if max(state, default=-1) > max(other, default=-1) else 2


# "The fall of X to government troops": the side it fell to took it; "the fall of X, a key opposition
# bastion": the side that held it lost it, so the other side took it.
_FALL_TO = re.compile(r"\bfall\s+of\b[^.;]*?\bto\s+(?P<taker>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)", re.IGNORECASE)
_FALL_OF_HELD = re.compile(
    r"\bfall\s+of\s+[^,;]{1,40}?,?\s+(?:an?|the|its)\s+(?:[\w'’-]+\s+){0,2}?(?P<loser>[\w'’-]+)[\s-]+"
    r"(?:bastion|stronghold|enclave|held|redoubt)\b",
    re.IGNORECASE,
)


def _side_of_a_fall(d: Draft) -> int | None:
    """Who took a place told as its fall ("the fall of X to Y", "the fall of X, a rebel stronghold")."""
    text = " ".join(d.context)
    if (m := _FALL_TO.search(text)) is not None:
        taker = m.group("taker")
        if STATE_WORDS.search(taker):
            return STATE
        if NON_STATE_WORDS.search(taker):
            return 2
    if (m := _FALL_OF_HELD.search(text)) is not None:
        loser = m.group("loser")
        if STATE_WORDS.search(loser):
            return 2
        if NON_STATE_WORDS.search(loser):
            return STATE
    return None


def _by_actor(sub: str, d: Draft, lexicon: ActorLexicon) -> str:
    """Territory and detention typed by who acted: the codebook ties these sub-types to the actor."""
    proper = d.actor1 and not is_unidentified_group(d.actor1) and COUNTRY not in d.actor1
    named = lexicon.inter(d.actor1) if proper else None
    # A group the lexicon names as non-state ("the Arakan Army") is one, whatever words its name holds.
    inter = named if named in NON_STATE else (_side(d) or lexicon.inter(d.actor1))
    if sub in TERRITORY:
        inter = _side_of_a_fall(d) or inter
    if sub == "Government regains territory" and inter in NON_STATE:
        return "Non-state actor overtakes territory"
    if sub == "Non-state actor overtakes territory" and inter == STATE:
        return "Government regains territory"
    if sub == "Arrests" and inter in NON_STATE and not _arresting_authority(d):
        return "Abduction/forced disappearance"  # only states and de facto authorities arrest; others abduct
    return sub


# "..., police said": who reports the act is not its target.
_ATTRIBUTION = re.compile(
    r",?\s+(?:according\s+to\b|(?:[\w'’-]+\s+){0,4}?(?:said|says|say|reported|told|confirmed)\b).*$",
    re.IGNORECASE,
)
# A former soldier or an off-duty officer is a civilian when attacked.
_NO_LONGER_ARMED = re.compile(
    r"\b(?:former|retired|off-duty|ex-?)[\s-]*(?:[\w'’-]+\s+)?(?:soldiers?|officers?|fighters?|policem[ae]n|police\s+officers?|"
    r"militants?|rebels?|guards?|commanders?)\b",
    re.IGNORECASE,
)


# A trigger that is itself a passive ("were also killed", "came under fire"): its target is the subject
# before it.
_AUXILIARY_FIRST = re.compile(r"(?:was|were|been|being|got|came\s+under)\b", re.IGNORECASE)


def _target_text(d: Draft, first: bool = False) -> str:
    """Whom a generic trigger harmed: its words without the attribution, ex-combatants as civilians
    (``first``: only the words of the draft's own sentence, not of the reports folded into it)."""
    parts = [
        subject if i < len(d.trigger_texts) and _AUXILIARY_FIRST.match(d.trigger_texts[i]) else context
        for i, (context, subject) in enumerate(zip(d.context, d.subjects, strict=False))
    ]
    target = " ".join(_ATTRIBUTION.sub("", c) for c in parts[: 1 if first else None])
    return _NO_LONGER_ARMED.sub("civilian", target)


def _generic(d: Draft, lexicon: ActorLexicon) -> str:
    """The sub-type of a draft with only generic triggers, from its actors and target."""
    d.tags.add("type-from-generic-trigger")
    state = lexicon.inter(d.actor1) == STATE
    words = " ".join(d.trigger_texts).lower()
    aerial = state or lexicon.inter(d.actor1) == 8 or bool(_AIR_SIDE.search(" ".join(d.subjects)))
    if d.generic == GENERIC_EXPLOSION:
        bombing = aerial and re.search(r"bomb|strike|struck", words)
        return "Air/drone strike" if bombing else "Remote explosive/landmine/IED"
    if aerial and re.search(r"strike|struck|bomb|raid", words):
        return "Air/drone strike"
    if re.search(r"\bstrikes?\b", words) and _side(d) != 2:
        return "Air/drone strike"  # "strikes" that no armed group on the ground made are from the air
    target = _target_text(d)
    if _ARSON.search(words) and _PROPERTY.search(target) and not CIVILIAN_WORDS.search(target):
        return "Looting/property destruction"
    own = _target_text(d, first=True)
    if ARMED_WORDS.search(own) and not CIVILIAN_WORDS.search(own):
        return "Armed clash"  # the act's own target is armed: civilians a later report counts died in it
    if ARMED_WORDS.search(target) and not CIVILIAN_WORDS.search(target):
        return "Armed clash"  # fighters or soldiers killed: a fight, whoever the actor step guessed
    if _MILITARY_SITE.search(target) and not _CIVILIAN_THING.search(own):
        return "Armed clash"  # an attack on a base or checkpoint targets its force, whoever else died
    if _MET_WITH_FIGHTING.search(target):
        return "Armed clash"  # "attacked the town, sparking fighting": both sides fought
    if _UNDER_FIRE.search(words) and not CIVILIAN_WORDS.search(own) and not _CIVILIAN_THING.search(own):
        return "Armed clash"  # "came under fire" with no side named: the codebook's exchange of fire
    if (d.actor2 or "").startswith("Civilians") or CIVILIAN_WORDS.search(target):
        return "Attack"
    named_party = lexicon.inter(d.actor2) in (1, 2, 3, 4, 8) and not is_unidentified_group(d.actor2)
    if ARMED_WORDS.search(target) or named_party:
        return "Armed clash"
    return "Attack"


# Remote violence an article can be about, so that its bare casualty reports are of that kind.
TOPICS = ("Air/drone strike", "Shelling/artillery/missile attack")
# Wording of close violence: a report in these words is not the article's remote violence.
_CLOSE_VIOLENCE = re.compile(
    r"\b(?:gunmen|gunfire|shot|shooting|stabbed|knife|executed|execution|beheaded|crucified|kidnapped|abducted|"
    r"clash\w*|fighting|fought|battles?|ambush\w*|stormed|raided|tortured|beaten|massacred?|suicide|bombs?|"
    r"explosions?|blasts?|mines?|IEDs?)\b",
    re.IGNORECASE,
)


_CASUALTY = re.compile(r"kill|dead|death|bodies|body|corpse", re.IGNORECASE)
# Fire of a group with no aircraft, named without its weapon: "killed by rebel fire from the outskirts".
_FIRE = re.compile(r"\b(?:fire|rockets?|shells?|shelling|mortars?|projectiles?)\b", re.IGNORECASE)
# Untyped raids and strikes: in an article about air strikes, the article's own kind.
_RAIDS = re.compile(r"raids?|strikes?|raided", re.IGNORECASE)


# Explosives used at close range: an article that names one of them only is about that device.
CLOSE_EXPLOSIVES = ("Suicide bomb", "Grenade", "Remote explosive/landmine/IED")


class Topic(NamedTuple):
    """What an article's triggers name: the remote violence it is about and its one close explosive."""

    remote: str | None
    explosive: str | None = None


def article_topic(seen: Counter[str]) -> Topic:
    """The remote violence an article is about (the commonest of ``TOPICS`` its triggers name), and the
    close explosive it names: a suicide bombing, else the one kind it names (a grenade, never an IED too)."""
    counts = [(seen[t], t) for t in TOPICS if seen[t]]
    explosives = [t for t in CLOSE_EXPLOSIVES if seen[t]]
    one = explosives[0] if len(explosives) == 1 or "Suicide bomb" in explosives else None
    return Topic(max(counts)[1] if counts else None, one)


def _explosive_of_article(d: Draft, topic: Topic | str | None) -> str | None:
    """The close explosive a blast told in bare words ("the blast killed 15", typed as a planted device
    by default) was, when the article names it and no strike or shelling: "the blast" of a suicide
    bomber's attack is the suicide bombing (a suicide attacker's grenades are part of it)."""
    if not isinstance(topic, Topic) or topic.explosive is None or topic.remote is not None:
        return None
    return topic.explosive if d.sub_event_type is None and d.generic == GENERIC_EXPLOSION else None


def final_type(d: Draft, lexicon: ActorLexicon, *, topic: Topic | str | None = None) -> str:
    """The ACLED sub-event type of a draft: its trigger's, refined by its sentences and actors.

    A bare casualty report ("40 fighters were killed around the town") in an article
    about air strikes or shelling (``topic``) is of that kind, unless its own words are
    those of close violence (gunmen, clashes, bombs). A blast told in bare words in an
    article that names one close explosive only (a suicide bomber) is that explosive.
    """
    remote = topic.remote if isinstance(topic, Topic) else topic
    bare = d.sub_event_type is None and all(_CASUALTY.search(t) for t in d.trigger_texts)
    words = " ".join(s.text for s in d.spans)
    if bare and remote == "Air/drone strike" and lexicon.inter(d.actor1) in NON_STATE:
        # a rebel group has no aircraft: "killed by rebel fire" is shelling, a death it caused otherwise is
        # typed by its own words; the group's own fighters killed may have died in the air strikes
        ground = "Shelling/artillery/missile attack" if _FIRE.search(words) else None
        remote = remote if ground is None and ARMED_WORDS.search(_target_text(d)) else ground
    if bare and remote is not None and not _CLOSE_VIOLENCE.search(words):
        d.tags.add("type-from-article")
        return remote
    raids = d.sub_event_type is None and all(_RAIDS.fullmatch(t) for t in d.trigger_texts)
    if raids and remote == "Air/drone strike":
        d.tags.add("type-from-article")
        return remote  # "several overnight raids hit the village" in an article about air strikes
    sub = refined(d.sub_event_type or _generic(d, lexicon), _refinement_text(d))
    explosive = _explosive_of_article(d, topic)
    if sub == "Remote explosive/landmine/IED" and explosive is not None:
        d.tags.add("type-from-article")
        sub = refined(explosive, _refinement_text(d))
    return _by_actor(sub, d, lexicon)
