"""Acts in the words of violence with no political or communal side: labour strikes, accidents,
disasters, sport, ordinary crime and police work, and damage done by another act.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geoevents.events.summaries import kinded_cues

_KINDS = (
    "release",
    "released",
    "old_arms",
    "handled",
    "sport",
    "motive",
    "mourning",
    "remembrance",
    "demand",
    "searched",
)


def _cue(kind: str) -> re.Pattern[str]:
    """The compiled wordings of one kind of cue (see ``data/nonpolitical.tsv``)."""
    return kinded_cues("nonpolitical.tsv", _KINDS)[kind]


# Strikes by workers, accidents and traffic: the words of violence without political violence.
_LABOUR_STRIKE = re.compile(
    r"\b(?:hunger|general|labou?r|workers['’]?|national|nationwide|teachers['’]?|doctors['’]?|nurses['’]?|rail|"
    r"transport|union|(?:\w+|\d+)-(?:hour|day|week))\s+$",
    re.IGNORECASE,
)


_LABOUR_AFTER = re.compile(
    r"^\s*(?:(?:by|at|of)\s+(?:\w+\s+){0,4}?(?:workers|staff|employees|unions?|airports?|factories|schools)|"
    r"(?:\w+\s+){0,8}?(?:called\s+by|over\s+(?:pay|wages|pensions|conditions)))\b",
    re.IGNORECASE,
)


_ACCIDENT_BEFORE = re.compile(
    r"\b(?:gas|boiler|cylinder|industrial|factory|mine|mining|firework|fireworks|pipeline|transformer|"
    r"accidental|kitchen|dust)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


_TRAFFIC_AFTER = re.compile(
    r"^\s*by\s+(?:a|an|the)\s+(?:\w+\s+)?(?:car|vehicle|truck|lorry|bus|train|tram|motorbike|motorcycle|van|"
    r"lightning|wave)\b",
    re.IGNORECASE,
)


def not_political(clause: str, trigger: re.Match[str]) -> bool:
    """A labour strike, an accidental explosion or a traffic accident, not political violence."""
    word = trigger.group(0).lower()
    before, after = clause[: trigger.start()], clause[trigger.end() :]
    if re.fullmatch(r"strikes?", word) and (_LABOUR_STRIKE.search(before) or _LABOUR_AFTER.match(after)):
        return True
    if re.search(r"explo|blast", word) and (
        _ACCIDENT_BEFORE.search(before) or re.search(r"gas\s+leak", after, re.I)
    ):
        return True
    if word == "executed" and re.match(
        r"\s*(?:an?|the)\s+(?:\w+\s+)?(?:warrant|order|plan|contract|deal|will)\b", after, re.I
    ):
        return True
    return word in ("hit", "struck") and bool(_TRAFFIC_AFTER.match(after))


# Harm by nature, illness or accident: "floods killed 12", "died when a bus overturned".
_DISASTER = re.compile(
    r"\b(?:floods?|flooding|flash\s+floods?|earthquakes?|quakes?|landslides?|mudslides?|storms?|cyclones?|"
    r"hurricanes?|typhoons?|tornado(?:es)?|tsunamis?|droughts?|avalanches?|heat\s?waves?|wildfires?|bushfires?|"
    r"forest\s+fires?|lightning|volcan\w*|outbreaks?|epidemics?|pandemics?|cholera|ebola|measles|malaria|"
    r"virus(?:es)?|coronavirus|covid|diseases?|infections?|infected|famine|starvation|HIV|contagious|"
    r"patients|hospitali[sz]ed\s+with|symptoms|firefighters|flames)\b",
    re.IGNORECASE,
)
_ACCIDENT = re.compile(
    r"\b(?:crash(?:ed|es|ing)?|collisions?|collided|colliding|accidents?|accidental(?:ly)?|overturn(?:ed|ing)|"
    r"derailed|drown(?:ed|ing)|electrocuted|stampedes?|capsized|sank|(?:gas|monoxide|chemical)\s+leak|leaks?|"
    r"short\s+circuit|fire\s+broke\s+out|blaze|caught\s+fire|legal\s+battles?|(?:gas|carbon\s+monoxide)\s+poisoning|"
    r"building\s+collapsed?|mine\s+collapse|plane\s+went\s+down)\b",
    re.IGNORECASE,
)
# Sport: "a 90th-minute strike", "the striker's shot", "attacked down the left".
_SPORT = re.compile(
    r"\b(?:goals?|minutes?|scored|scorer|striker|penalty|league|cup|match|matches|brace|kick-?off|half-time|"
    r"season|coach|playoffs?|tournament|championship|innings|touchdown|quarterback|stadium\s+crowd|fans|"
    r"strikers|midfield\w*|defenders|goalkeeper|referee)\b",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\s+(?:win|victory|defeat|draw|loss|lead|home|away)\b", re.IGNORECASE)


def _sport_report(sentence: str) -> bool:
    """A sentence in the words of sport (a score, or two words of the game): no trigger in it is violence."""
    words = {m.group(0).lower() for p in (_SPORT, _cue("sport")) for m in p.finditer(sentence)}
    return len(words) >= 2 or bool(_SCORE.search(sentence))


# Ordinary crime: a motive or an offence with no political or communal side.
_CRIME = re.compile(
    r"\b(?:theft|thefts|thie(?:f|ves)|stealing|stole|stolen|robber(?:y|ies|s)?|robbed|armed\s+robbery|burglar\w*|"
    r"drugs?|narcotics?|cocaine|heroin|cannabis|marijuana|methamphetamine|fraud\w*|embezzl\w*|brib\w*|"
    r"shoplift\w*|drunk(?:en)?|domestic|custody\s+(?:dispute|battle)|(?:his|her)\s+(?:former\s+|ex-?)?(?:wife|husband|girlfriend|boyfriend|partner|mother|father|"
    r"son|daughter|neighbou?r)|family\s+(?:dispute|feud|quarrel)|personal\s+(?:dispute|feud)|love\s+affair|"
    r"carjack\w*|poach\w*|traffick\w*|gang(?:s|ster|sters)?|cartel|speeding|gambling|prostitut\w*|"
    r"counterfeit\w*|extort\w*|burgl\w*|vandal\s+gang|murder(?:ed|ing)?\s+(?:his|her)|sex\s+offen\w*|"
    r"child\s+abuse|paedophil\w*|pedophil\w*|hit-and-run)\b",
    re.IGNORECASE,
)
_POLITICAL = re.compile(
    r"\b(?:terror\w*|militan\w*|insurg\w*|rebels?|jihad\w*|extremis\w*|Islamic\s+State|(?-i:IS)|ISIS|ISIL|Daesh|"
    r"Qaeda|Taliban|Shabaab|Boko|Houthis?|Hezbollah|PKK|opposition|activists?|protest\w*|demonstrat\w*|"
    r"journalists?|politicians?|coup|spy|spying|espionage|armed\s+groups?|militia\w*|fighters?|regime|"
    r"sectarian|tribal|communal|ethnic|election\w*|candidates?|lawmakers?|parliament\w*|dissidents?|"
    r"separatists?|blasphemy|treason|sedition|belonging\s+to|army|military|soldiers|troops|marines|"
    r"assassinat\w*|ambassadors?|diplomats?)\b",
    re.IGNORECASE,
)


# A party named as a celebration ("a fight at a party", "a birthday party", "partygoers"), not a side.
_CELEBRATION_BEFORE = re.compile(
    r"\b(?:(?:at|after|during|left|attended|threw|hosted|crashed)\s+(?:(?:a|an|the|his|her|their)\s+)?"
    r"(?:(?!(?:ruling|opposition|political|governing|rival|communist|socialist|nationalist|islamist)\b)[\w'’-]+\s+){0,2}|(?:birthday|house|dinner|wedding|block|pool|garden|christmas|holiday|graduation|"
    r"office|private|drinking|dance|street|costume|halloween|college|fraternity|sorority|tea)\s+)$",
    re.IGNORECASE,
)
_PARTY = re.compile(r"\bpart(?:y|ies)\b(?!\s*(?:goers|guests))", re.IGNORECASE)


def _political(text: str) -> bool:
    """Whether a text names a political side: a word of one, or a party that is no celebration."""
    if _POLITICAL.search(text):
        return True
    return any(
        not _CELEBRATION_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
        for m in _PARTY.finditer(text)
    )


def no_event_reason(
    clause: str, generic: bool, trigger: re.Match[str], *, sentence: str | None = None
) -> str | None:
    """Why a clause with a trigger reports no ACLED event ("disaster", "accident", "crime"), or None.

    Nature and accidents are judged, over the whole ``sentence``, only for generic
    triggers ("killed", "explosion") and fighting words ("battled", "fought"):
    a named weapon ("air strike", "roadside bomb") is violence whatever else the clause
    says. Crime is judged for every trigger: an arrest for theft or a killing in a
    robbery is not political unless the clause names a political side.
    """
    if not_political(clause, trigger):
        return "accident"
    whole = sentence or clause
    if generic and _searched(clause, trigger):
        return "crime"  # "offices at the city hall were raided": a search in an inquiry, not an attack
    if _cue("old_arms").search(whole) and _cue("handled").search(whole):
        return "accident"  # "an old shell dug up by a plough exploded": a relic handled, not an attack
    if (generic and _SPORT.search(whole)) or _sport_report(whole):
        return "sport"
    if generic and _DISASTER.search(whole):
        return "disaster"
    if generic and _ACCIDENT.search(whole):
        return "accident"
    if _CRIME.search(clause) and not _political(clause):
        return "crime"
    return None


# The vocabulary of policing and courts: a story told in it, with no political side, is a crime story.
_POLICING = re.compile(
    r"\b(?:sheriff\w*|deputies|homicides?|warrants?|DUI|manslaughter|bail|bond|parole\w*|probation|felon\w*|"
    r"misdemeanou?r|pleaded\s+(?:guilty|not\s+guilty)|jury|grand\s+jury|coroner|medical\s+examiner|"
    r"charged\s+with|(?:first|second)-degree|murder\s+charges?|police\s+said\s+the\s+suspect|crime\s+scene|"
    r"detectives?|burglar\w*|robber(?:y|ies)|shoplift\w*|drug\s+deal\w*|gang\s+(?:member|violence|related))\b",
    re.IGNORECASE,
)
# The sub-event types an ordinary crime story can be mistaken for.
CRIME_LOOKALIKES = frozenset(
    {"Attack", "Armed clash", "Arrests", "Abduction/forced disappearance", "Sexual violence", None}
)


def crime_story(text: str) -> bool:
    """Whether a text reads as ordinary crime: policing or crime words, and no political or communal side."""
    crime = _POLICING.search(text) or _CRIME.search(text) or _cue("motive").search(text)
    return bool(crime) and not _political(text)


# Words of armed conflict: with none of them (nor a political side), a bare killing is not political.
_CONFLICT = re.compile(
    r"\b(?:civilians?|gunm[ae]n|armed\s+(?:men|man|group|persons?)|attackers?|assailants?|settlers|insurgen\w*|war|conflict|forces|"
    r"airstrikes?|shelling|bomb\w*|checkpoints?|villagers|tribes?\w*|clans?|sectarian|killings|attacks?|"
    r"rockets?|missiles?|mortars?|soldiers?|ministry|snipers?|border\s+guards?|coast\s?guards?|tortur\w*|"
    r"gendarm\w*|refugees?|"
    r"(?:displacement|refugee|IDP|displaced|detention)\s+camps?|(?:unidentified|unknown)\s+(?:persons?|individuals?|"
    r"assailants?|attackers?|armed\s+\w+))\b",
    re.IGNORECASE,
)


# Who detains, or whom or for what, in a political arrest: an arrest naming none of them, of no political
# side, is police work.
_DETAINING_SIDE = re.compile(
    r"\b(?:security\s+(?:forces|services|agents)|intelligence|regime|forces|troops|soldiers|army|military|"
    r"gendarm\w*|authorities|junta|government|raids?|blasts?|explosions?|shootings?|assassinat\w*|"
    r"(?:prime\s+)?ministers?|president|governors?|mayors?|leaders?|commanders?|officials?|senators?|MPs?)\b",
    re.IGNORECASE,
)


def ordinary_arrest(sentence: str) -> bool:
    """Whether an arrest is ordinary police work, not ACLED's arrest of a significant or political detainee
    (an arrest by the police of a suspect, with no political side nor words of armed conflict)."""
    return not (_political(sentence) or _CONFLICT.search(sentence) or _DETAINING_SIDE.search(sentence))


def unarmed(clause: str) -> bool:
    """Whether a clause names no armed doer nor any word of armed conflict ("youths vandalised shops", not
    "gunmen set fire to shops"): damage done in a crime story by such hands is crime."""
    return not _CONFLICT.search(clause)


def quiet_story(text: str) -> bool:
    """Whether a text has neither a political side nor the words of armed conflict (local news)."""
    return not _political(text) and not _CONFLICT.search(text)


# Damage done by a crash, a strike or nature: the act that did it is the event, not looting.
_COLLATERAL = re.compile(
    r"\b(?:crash(?:ed|es)?|air\s?strikes?|air\s+raids?|shell(?:ing|s|ed)|bombard\w*|bomb(?:s|ing|ed)?|blasts?|"
    r"explosions?|exploded|missiles?|rockets?|earthquakes?|quakes?|floods?|storms?|fire\s+broke\s+out)\b",
    re.IGNORECASE,
)


def collateral_damage(clause: str) -> bool:
    """Whether property destruction in ``clause`` is the damage of another act (crash, strike, blast)."""
    return bool(_COLLATERAL.search(clause))


@lru_cache(maxsize=1)
def _release_near() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = re.compile(rf"(?:{_cue('release').pattern})\s+(?:[\w'’,-]+\s+){{0,7}}$", re.IGNORECASE)
    after = re.compile(rf"^\s*(?:[\w'’,-]+\s+){{0,7}}?(?:{_cue('released').pattern})", re.IGNORECASE)
    return before, after


def release_sought(sentence: str, start: int, end: int) -> bool:
    """Whether the detention told at ``start:end`` of the sentence names the people whose release is
    sought or ordered ("ordered the activists arrested last week to be freed", "demanded the release of
    the fighters taken hostage"): the demand or the order is the news, not a new detention."""
    before, after = _release_near()
    return bool(before.search(sentence[:start]) or after.match(sentence[end:]))


def mourning_only(clause: str, word: str) -> bool:
    """Whether a gathering worded ``word`` ("a vigil") only mourns or remembers ("mark two years since the
    attack with a vigil"), with no demand or side against: a commemoration, not a protest."""
    if not _cue("mourning").fullmatch(word.strip()):
        return False
    return bool(_cue("remembrance").search(clause)) and not _cue("demand").search(clause)


@lru_cache(maxsize=1)
def _searched_before() -> re.Pattern[str]:
    return re.compile(rf"(?:{_cue('searched').pattern})\s+$", re.IGNORECASE)


def _searched(clause: str, trigger: re.Match[str]) -> bool:
    """Whether a bare raid is a building's search told in the passive, with no armed doer in the clause."""
    if not re.fullmatch(r"raided|searched", trigger.group(0), re.IGNORECASE):
        return False
    return bool(_searched_before().search(clause[: trigger.start()])) and unarmed(clause)
