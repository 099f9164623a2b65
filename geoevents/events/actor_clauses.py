"""Who did what to whom in one clause: the doer and the target of a trigger from the actors named
around it, passive voice, "X and Y" sides, verbs of violence and anaphora included."""

from __future__ import annotations

import itertools
import re

from geoevents.events.actor_lexicon import GENERIC, ActorLexicon, ActorMatch
from geoevents.events.actor_names import INTER_STATE
from geoevents.events.draft import Draft
from geoevents.events.sites import ACT_AFTER, NEAR_WORDS, PHRASE_BREAK, PHRASE_WORDS
from geoevents.events.text import Span

# Case-sensitive, so that the group "IS" before a noun ("IS suicide bombers attacked") is not the verb.
# Up to two adverbs may stand between: "were also killed", "was reportedly then shot".
PASSIVE_BEFORE = re.compile(
    r"\b(?:[Ww]as|[Ww]ere|[Bb]een|[Bb]eing|[Ii]s|[Aa]re|WAS|WERE)\s+"
    r"(?:(?:\w+ly|also|all|both|later|then|just|since|being|not|never|each)\s+){0,2}$"
)


# "shot by suspected Shabaab gunmen": a hedge on the doer leaves the by-phrase naming it.
_HEDGE = r"(?:(?:suspected|alleged|presumed|purported|apparent|likely)\s+)?"
# "hit by warplanes of the Saudi-led coalition", "stormed by fighters loyal to the group": the by-phrase
# names the force through its men or arms.
_AGENT = re.compile(
    r"\b(?:by|from)\s+(?:the\s+|an?\s+)?" + _HEDGE + r"(?:(?:members|fighters|militants|elements|gunmen|"
    r"supporters|warplanes|jets|aircraft|planes|helicopters|drones|forces|troops|soldiers|units|artillery|"
    r"militiamen|men)\s+(?:of|from|belonging\s+to|loyal\s+to|linked\s+to|affiliated\s+(?:to|with)|"
    r"allied\s+(?:to|with))\s+(?:the\s+)?)?[\"'“‘]?$",
    re.IGNORECASE,
)
# "Syrian troops came under fire from rebels": the subject is the target, as in a passive.
_CAME_UNDER = re.compile(r"\b(?:came|come|comes|coming)\s+under\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# "shells fired from rebel positions": the force whose ground the fire came from is its doer.
_FIRED_FROM = re.compile(
    r"\b(?:fired|launched|shot|coming|came|shelling|fire)\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,1}?$",
    re.IGNORECASE,
)
# "Kurdish forces backed by regime shelling took the area": an ally in a by-phrase of support is neither
# side of the act (ACLED may name it an associated actor).
_SUPPORT_BY = re.compile(
    r"\b(?:backed|supported|assisted|aided|helped|covered|escorted|accompanied|reinforced)\s+by\s+"
    r"(?:the\s+|an?\s+|their\s+)?(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
_SUPPORT_ACT = re.compile(r"shell|strike|air|raid|bomb|fire|artillery|barrage|missile|rocket", re.IGNORECASE)
# "killed in a PKK attack", "during an Israeli raid": an actor naming the attack it modifies is its doer.
_DOER_OF_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|air\s*strikes?|air\s+raids?|raids?|shelling|bombing|bombardment|assault|"
    r"ambush|offensive|fire|barrage|operation)\b",
    re.IGNORECASE,
)
_BY_RIGHT_AFTER = re.compile(  # \s* as a trigger may end in its own space ("set alight ")
    r"\s*(?:(?:planted|laid|left(?:\s+behind)?|placed|buried|rigged|fired|launched|thrown|dropped|set|carried\s+out|"
    r"claimed)\s+)?(?:by|from)\s+"
    r"(?:the\s+|an?\s+)?" + _HEDGE + r"[\"'“‘]?",
    re.IGNORECASE,
)
# "a school in Djugu, set alight by militiamen": a participle of the act a few words after the trigger
# introduces its doer as a by-phrase does after "was".
_PARTICIPLE_BY = re.compile(
    r"(?:\s+[\w'’-]+){0,6}?,?\s+(?:set\s+(?:alight|ablaze|on\s+fire)|torched|burn(?:ed|t)|destroyed|looted|"
    r"fired|launched|planted|laid|thrown|dropped|detonated|triggered|carried\s+out|committed|perpetrated|"
    r"staged|claimed|ambushed|attacked|stormed|raided|shelled|bombed|targeted|seized|captured|abducted|"
    r"kidnapped)\s+(?:\w+ly\s+)?by\s+(?:the\s+|an?\s+)?" + _HEDGE + r"[\"'“‘]?",
    re.IGNORECASE,
)
_ENDS_WITH_BY = re.compile(r"\b(?:by|from)$", re.IGNORECASE)
_BEFORE_DOER = re.compile(r"\b(?:in|during|by|after|amid)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


# "a police spokesman said", "army sources told": a force's voice, not one of the sides.
_SPEAKER_AFTER = re.compile(
    r"\s+spokes(?:man|men|woman|women|person|people)\b",
    re.IGNORECASE,
)


# A force named as the owner of a place or thing hit ("police station", "army checkpoint", "military
# convoy"): the target of the act, never its perpetrator.
_FACILITY_AFTER = re.compile(
    r"\s+(?:station|stations|headquarters|HQ|post|posts|checkpoint|checkpoints|vehicle|vehicles|car|cars|"
    r"patrol|patrols|convoy|convoys|jeep|jeeps|truck|trucks|bus|buses|lines|building|buildings|compound|centre|center|barracks|academy|"
    r"camp|base|bases|outpost|outposts|position|positions)\b",
    re.IGNORECASE,
)


def actors_of_clause(
    lexicon: ActorLexicon, clause: str, trigger: re.Match[str]
) -> tuple[str | None, str | None, str | None]:
    """(actor1, actor2, victim kind) from the words around the trigger, passive voice included.

    Two sides joined by "and" ("clashes between X and Y", "X and Y clashed") are actor1 and actor2 in
    the order named.
    """
    found = lexicon.find(clause)
    sides = _pitted(found, clause) or _joined_sides(found, clause, trigger)
    sides = sides or _verb_and_object(found, clause, trigger)
    if sides is not None:
        return sides[0], sides[1], None
    actor1 = actor2 = None
    # "rebels were killed in clashes with regime troops": the subject is the victim, "with" the other side
    killed_in = _killed_in(clause, trigger)
    victims_before = killed_in is not None
    passive = victims_before or _passive(clause, trigger)
    subject: str | None = None
    subject_end: int | None = None
    for am in found:
        name = _civilians_of_state(am, clause)
        # "backed by regime shelling": the trigger is the ally's own act
        own_act = am.start <= trigger.start() < am.end or (
            not clause[am.end : trigger.start()].strip() and bool(_SUPPORT_ACT.match(trigger.group(0)))
        )
        if _SUPPORT_BY.search(clause, max(0, am.start - 40), am.start) and not own_act:
            continue
        if _member_of_previous(found, am, clause):
            continue  # "rebel forces including fighters of X seized it": the forces named first did
        if _SPEAKER_AFTER.match(clause, am.end):
            continue  # "..., a police spokesman said": who tells of the act is no party to it
        facility = _FACILITY_AFTER.match(clause, am.end) is not None
        if facility and _FIRED_FROM.search(clause, max(0, am.start - 30), am.start):
            actor1 = actor1 or name  # "rockets fired from Hamas positions": their owner fired them
            continue
        if facility and name != subject:
            actor2 = actor2 or name  # "a bomb hit a police station": the station's force is the target
            continue
        if killed_in is not None and killed_in.start() <= am.start <= trigger.start():
            actor1 = actor1 or name  # "civilians died in rebel shelling": the trigger's own modifier
        elif am.start <= trigger.start():
            if _AGENT.search(clause[: am.start]):
                actor1, passive = name, True  # "positions were hit by US air strikes"
            elif (
                subject is not None
                and subject_end is not None
                and _OBJECT_OF_VERB.fullmatch(clause, subject_end, am.start)
            ):
                actor2 = actor2 or name  # "regime planes killed 31 jihadists in a raid": the verb's object
            else:
                subject, subject_end = name, am.end  # the nearest before the trigger wins
        elif (
            (
                _AGENT.search(clause[: am.start])
                and (
                    passive
                    or _BY_RIGHT_AFTER.fullmatch(clause, trigger.end(), am.start)
                    or _PARTICIPLE_BY.fullmatch(clause, trigger.end(), am.start)
                    or _ENDS_WITH_BY.search(trigger.group(0))  # the trigger "shells fired by"
                )
            )
            or (
                _DOER_OF_NOUN.match(clause, am.end)
                and _BEFORE_DOER.search(clause, max(0, am.start - 12), am.start)
            )
            or (victims_before and _WITH.search(clause, max(0, am.start - 20), am.start))
        ):
            actor1 = actor1 or name
        elif name != subject:
            actor2 = actor2 or name
    if subject:
        if passive:
            actor2 = actor2 or subject
        else:
            actor1 = actor1 or subject
    if actor1 == actor2:
        actor2 = None
    return actor1, actor2, None


def _killed_in(clause: str, trigger: re.Match[str]) -> re.Match[str] | None:
    """ "rebels were killed in clashes with ...": the victims' verb before the act, also where the trigger
    itself opens with the preposition ("were killed" + "in fighting with")."""
    lead = re.match(r"(?:in|during|amid)\s+", trigger.group(0), re.IGNORECASE)
    return _KILLED_IN.search(clause[: trigger.start() + (lead.end() if lead else 0)])


# A trigger that holds its own auxiliary: "were shot (dead by ...)", "was stabbed (to death by ...)".
_PASSIVE_TRIGGER = re.compile(
    r"(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:\w+(?:ed|en|wn)|shot|hit|struck|slain|cut|burnt|caught|set)\b",
    re.IGNORECASE,
)
_BY_SOON = re.compile(r"\s*(?:[\w'’-]+\s+){0,3}?by\s", re.IGNORECASE)  # "dead by", "to death by"


def _passive(clause: str, trigger: re.Match[str]) -> bool:
    """Whether the trigger's subject is what it hit: "was attacked", "were shelled", "came under fire"."""
    before = clause[: trigger.start()]
    return (
        bool(PASSIVE_BEFORE.search(before))
        or bool(_PASSIVE_TRIGGER.match(trigger.group(0)) and _BY_SOON.match(clause, trigger.end()))
        or bool(re.match(r"[\s,]*(?:(?:that|which)\s+)?(?:was|were)\b", clause[trigger.end() :]))
        or bool(_CAME_UNDER.search(before))
    )


_CIVILIAN_AFTER = re.compile(r"\s*(?:civilian|contractor|journalist|aid\s+worker|national|citizen)s?\b", re.I)


def _civilians_of_state(am: ActorMatch, clause: str) -> str:
    """A state's demonym before civilians ("US contractors") names that country's civilians."""
    name = am.canonical
    if _CIVILIAN_AFTER.match(clause, am.end) and name.startswith("Military Forces of "):
        return f"Civilians ({name.removeprefix('Military Forces of ').removeprefix('the ')})"
    return name


# After one actor and before another: the second is named as one among the first.
_INCLUDING = re.compile(
    r"\s*,?\s+(?:including|among\s+them|such\s+as|notably)\s+(?:[\w'-]+\s+){0,6}?$", re.IGNORECASE
)


def _member_of_previous(found: list[ActorMatch], am: ActorMatch, clause: str) -> bool:
    """Whether ``am`` is named as a member of the actor just before it ("rebels including X fighters")."""
    before = [a for a in found if a.end <= am.start]
    return bool(before) and _INCLUDING.fullmatch(clause, before[-1].end, am.start) is not None


# Between a subject and a later actor: a verb of violence taking that actor as its object.
_OBJECT_OF_VERB = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:killed|attacked|ambushed|shot|struck|hit|targeted|bombed|shelled|pounded|"
    r"stormed|raided|executed|abducted|kidnapped|captured|arrested|detained|fighting|battling|besieging)"
    r"(?:\s+(?:at\s+least|more\s+than|dozens\s+of|scores\s+of|some|about|around|\d+|[a-z]+teen|[a-z]+ty))*"
    r"(?:\s+(?:the|an?|several|many|two|three|four|five|six|seven|eight|nine|ten))?\s+",
    re.IGNORECASE,
)
_KILLED_IN = re.compile(  # no object after the verb: "shot and injured a man during clashes" is active
    r"\b(?:killed|wounded|injured|died|dead|slain|captured)\s+(?!(?:an?|the|\d+|one|two|three|several)\s)"
    r"(?:\w+\s+){0,2}?(?:in|during|amid)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_WITH = re.compile(r"\b(?:with|against)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$", re.IGNORECASE)
# "Syrian troops killed 32 rebels in an ambush": a verb of violence between two actors named before a
# noun trigger makes the first its doer and the second its target.
_VERB_BETWEEN = re.compile(
    r"\s+(?:\w+ly\s+)?(?:killed|kill|kills|attacked|attack|attacks|ambushed|shot|struck|hit|targeted|bombed|"
    r"shelled|stormed|raided|executed|abducted|kidnapped|arrested|detained|drove|pushed|routed|repelled|"
    r"expelled)\s+(?:(?:at\s+least|more\s+than|some|about|around|dozens\s+of|scores\s+of|[\w-]+)\s+){0,3}?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_OBJECT_TO_TRIGGER = re.compile(
    r"(?:\s+(?:fighters|militants|members|forces|troops|soldiers|positions|terrorists|militiamen|gunmen))?"
    r"(?:\s+\w+){0,6}?\s+(?:in|during|with|using|by|on|near|out\s+of)\s+(?:an?\s+|the\s+|their\s+|two\s+|"
    r"several\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _verb_and_object(found: list[ActorMatch], clause: str, trigger: re.Match[str]) -> tuple[str, str] | None:
    """(doer, target) when the two actors named last before a noun trigger are the subject and the
    object of a verb of violence ("X killed Y in an ambush", "X attacked Y with car bombs")."""
    before = [a for a in found if a.end <= trigger.start()]
    if len(before) < 2:
        return None
    a, b = before[-2], before[-1]
    if a.canonical == b.canonical or not _VERB_BETWEEN.fullmatch(clause, a.end, b.start):
        return None
    if not _OBJECT_TO_TRIGGER.fullmatch(clause, b.end, trigger.start()):
        return None
    return a.canonical, b.canonical


_JOINED = re.compile(
    r"(?:\s+(?:fighters|militants|members|forces|troops|militiamen|units|gunmen|factions|cells?|elements|patrols?))?"
    r"\s*,?\s*(?:and|&)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)


def _joined_sides(
    found: list[ActorMatch], clause: str, trigger: re.Match[str]
) -> tuple[str, str | None] | None:
    """The two sides of a fight named together: "between X and Y", or "X and Y" right before the trigger;
    two states so named before a strike ("Russian and Syrian raids") struck together, the first its doer."""
    for a, b in itertools.pairwise(found):
        if a.canonical == b.canonical or not _JOINED.fullmatch(clause, a.end, b.start):
            continue
        between = _BETWEEN.search(clause, max(0, a.start - 20), a.start)
        if between and _others_fight(clause, trigger, a.start):
            continue  # "jets struck a town where fighting between X and Y raged": that fight's sides
        before_trigger = (
            b.start < trigger.start() and not clause[b.end : trigger.start()].strip(" ,").count(" ") > 3
        )
        if (
            before_trigger
            and not between
            and a.inter == b.inter == INTER_STATE
            and not _FIGHT.search(trigger.group(0))
        ):
            return a.canonical, None
        if between or before_trigger:
            return a.canonical, b.canonical
    return None


_FIGHT = re.compile(r"clash|fight|fought|battl|combat|skirmish|exchang", re.IGNORECASE)
# "the clashes pitted X against Y": the two sides, X first.
_PITTED = re.compile(r"\b(?:pitted|pitting|pits|pit)\b(?P<first>.*?)\bagainst\b", re.IGNORECASE | re.DOTALL)


def _pitted(found: list[ActorMatch], clause: str) -> tuple[str, str] | None:
    """The sides a fight "pitted" against each other: the last actor named before "against", the first
    after it."""
    m = _PITTED.search(clause)
    if m is None:
        return None
    first = [a for a in found if m.start("first") <= a.start and a.end <= m.end("first")]
    second = [a for a in found if a.start >= m.end()]
    if not first or not second or first[-1].canonical == second[0].canonical:
        return None
    return first[-1].canonical, second[0].canonical


def _others_fight(clause: str, trigger: re.Match[str], pair_start: int) -> bool:
    """Whether a "between" pair after a trigger that is no fight belongs to a fight named between them."""
    return (
        pair_start > trigger.end()
        and not _FIGHT.search(trigger.group(0))
        and bool(_FIGHT.search(clause, trigger.end(), pair_start))
    )


# "his group", "the militia", "the militants": a group named earlier acting again; "its bases", "those
# positions": its targets.
_GROUP_ANAPHOR = re.compile(
    r"\b(?:(?:his|her|its|their|the|this|that)\s+(?:group|militia|organi[sz]ation|movement|faction)|"
    r"(?:the|these|those)\s+(?:militants|jihadists|insurgents|extremists))\b(?!['’])",
    re.I,
)


_TARGET_ANAPHOR = re.compile(
    r"\b(?:its|their|his|her|those|these|the\s+group['’]s|the\s+militia['’]s)\s+(?:own\s+)?(?:bases?|positions?|"
    r"fighters?|members?|headquarters|facilities|depots?|camps?|offices?|outposts?|commanders?|leaders?)\b",
    re.I,
)


_PEOPLE = re.compile(r"\b(?:fighters?|members?|commanders?|leaders?)\b", re.I)
_ANAPHOR_WINDOW = 600  # characters before the clause where the antecedent group may be named


def resolve_anaphors(
    draft: Draft, lexicon: ActorLexicon, text: str, clause: Span, trigger: re.Match[str]
) -> None:
    """Actors named by anaphora ("His group attacked", "hit one of its bases"): the last group named;
    "the two sides" are the last two actors named; a clause that goes on from the sentence's first
    ("... after detonating a car bomb") shares its subject (see ``shared_subject``)."""
    if draft.actor1 is None:
        draft.actor1 = shared_subject(lexicon, text, clause, trigger)
        draft.actor2 = None if draft.actor2 == draft.actor1 else draft.actor2
    if _TWO_SIDES.search(clause.text) and (draft.actor1 is None or draft.actor1 in GENERIC):
        _two_sides(draft, lexicon, text[max(0, clause.start - _ANAPHOR_WINDOW) : clause.start])
        return
    group = _GROUP_ANAPHOR.search(clause.text)
    target = _TARGET_ANAPHOR.search(clause.text)
    first = group or target
    if first is None:
        return
    window = text[max(0, clause.start - _ANAPHOR_WINDOW) : clause.start + first.start()]
    named = [a for a in lexicon.find(window) if a.inter in (2, 3, 4)]
    if not named:
        return
    antecedent = named[-1].canonical
    passive = bool(PASSIVE_BEFORE.search(clause.text[: trigger.start()]))
    if target and target.start() < trigger.start() and not passive and _PEOPLE.search(target.group(0)):
        group, target = target, None  # "three of its fighters attacked": the group's own people acted
    if target and (
        target.start() < trigger.start() or len(clause.text[trigger.end() : target.start()].split()) <= 6
    ):
        if draft.actor1 != antecedent:
            draft.actor2 = antecedent
    elif group and group.start() < trigger.start() and (draft.actor1 is None or draft.actor1 in GENERIC):
        if passive:
            draft.actor2 = draft.actor2 or antecedent
        else:
            draft.actor1 = antecedent
    if draft.actor1 == draft.actor2:
        draft.actor2 = None


# A clause going on from the one before without a subject of its own: "after detonating a car bomb",
# "before setting fire to", "... and fought army troops".
_GOES_ON = re.compile(
    r"^\W*(?:(?:after|before|while|upon|on|by|then)\s+(?:\w+ly\s+)?\w+ing\b|\w+ing\b)|"
    r"(?:^|\s)(?:and|then|before|after)\s+(?:then\s+|later\s+|also\s+)?$",
    re.IGNORECASE,
)
_PASSIVE_VERB = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\b", re.I)
_OBJECT_BEFORE = re.compile(r"\b(?:by|with|against|of|from|on|at|in|to|near|and)\s+(?:the\s+)?$", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s+|\n")


def shared_subject(lexicon: ActorLexicon, text: str, clause: Span, trigger: re.Match[str]) -> str | None:
    """The doer a clause without one shares with the sentence's clause before it: "militants stormed a
    base after detonating a car bomb" and "fighters stormed the town and fought army troops" have one
    subject. Only an armed actor that opens that clause in the active voice is shared."""
    before_trigger = clause.text[: trigger.start()]
    if not _GOES_ON.search(before_trigger) or lexicon.find(before_trigger):
        return None
    ends = list(_SENTENCE_END.finditer(text, max(0, clause.start - 400), clause.start))
    start = ends[-1].end() if ends else max(0, clause.start - 400)
    earlier = text[start : clause.start]
    found = lexicon.find(earlier)
    if not found or _PASSIVE_VERB.search(earlier) or _OBJECT_BEFORE.search(earlier[: found[0].start]):
        return None
    first = found[0]
    opens = len(earlier[: first.start].split()) <= 3  # "On Monday, militants ..." opens it too
    return first.canonical if opens and first.inter in (1, 2, 3, 4, 8) else None


# "clashes between the two sides", "the two forces fought": the two actors the text named last.
_TWO_SIDES = re.compile(
    r"\b(?:the|both)\s+(?:two|rival|warring|opposing)\s+(?:sides|forces|groups|parties|factions|camps|armies)\b",
    re.IGNORECASE,
)


def _two_sides(draft: Draft, lexicon: ActorLexicon, before: str) -> None:
    """The draft's sides from the last two distinct armed actors named before the clause, in their order."""
    names: list[str] = []
    for found in reversed(lexicon.find(before)):
        if found.inter in (1, 2, 3, 4, 8) and found.canonical not in names:
            names.insert(0, found.canonical)
        if len(names) == 2:
            draft.actor1, draft.actor2 = names
            return


_HEDGED_BY = re.compile(r"\s*(?:by\s+)?(?:the\s+|an?\s+)?" + _HEDGE, re.IGNORECASE)


def phrase_end(clause: str, trigger_end: int) -> int:
    """Where a reference's own phrase ends: actors after it ("... US policy") are not its parties."""
    rest = clause[trigger_end:]
    if re.match(r"\s*,?\s*(?:(?:that|which)\s+)?(?:was|were|had\s+been)\s+(?:\w+\s+){0,3}?by\b", rest, re.I):
        return len(clause)  # "the attack was carried out by ..." names its perpetrator
    if re.match(r"\s*(?:\w+\s+){0,2}?(?:pitted|pitting)\b", rest, re.I):
        return len(clause)  # "the clashes pitted X against Y" names both sides
    hedge = _HEDGED_BY.match(rest)  # "shot by suspected militants": the hedge is no verb of its own
    cut = PHRASE_BREAK.search(rest, hedge.end() if hedge else 0)
    words = list(re.finditer(r"\S+", rest))
    limit = PHRASE_WORDS if ACT_AFTER.match(rest) else NEAR_WORDS
    end = len(rest) if len(words) <= limit else words[limit].start()
    return trigger_end + (min(end, cut.start()) if cut else end)
