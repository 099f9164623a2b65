"""Realis: whether a trigger reports an event that happened, and one event rather than a pattern.

Triggers under a threat, denial, condition, future, opinion or habit are not
events; nor are labour strikes, accidental explosions or traffic accidents.
"""

from __future__ import annotations

import re

from geoevents.events.dates import DateMatch, has_year_range

# Words that put the trigger out of the real: threats, denials, conditions, futures, opinions.
_GOVERNING = re.compile(
    r"\b(?:threat(?:en|ens|ened|ening)?|warn(?:s|ed|ing)?|vow(?:s|ed)?|pledg\w*|promis\w*|den(?:y|ied|ies|ying)|"
    r"accus\w*|alleg\w*|reject\w*\s+(?:the\s+)?(?:reports?|claims?|allegations?|accounts?)|blam\w*|rumou?r\w*|unconfirmed|call(?:s|ed)?\s+for|urg(?:e|es|ed)|demand\w*|if|unless|"
    r"whether|in\s+case|lest|risk\s+of|fears?\s+(?:of|that)|feared|plan(?:s|ned)?\s+to|planned|plot\w*|"
    r"conspir\w*|encourag\w*|incit\w*|intend\w*|prepar\w*\s+to|charg\w*\s+with|convict\w*\s+of|guilty\s+(?:of|to)|"
    r"charges?\s+of|indict\w*|on\s+suspicion\s+of|"
    r"(?:imprisoned|jailed|sentenced|convicted|tried|prosecuted|punished|executed|hanged)\s+(?:[\w'’-]+\s+){0,10}?for|"
    r"aim(?:s|ed)?\s+to|seek\w*\s+to|tr(?:y|ied|ies)\s+to|attempt\w*\s+to|prevent\w*|deter\w*|avoid\w*|"
    r"believe\w*(?!\s+to\s+(?:be|have))|think\w*|thought|guess|suppose\w*|expect\w*|hope\w*|possible|potential|"
    r"hypothetical|any|future|must|should|committed\s+to|ready\s+to|capable\s+of|ability\s+to)\b",
    re.IGNORECASE,
)


_MODAL_NEAR = re.compile(
    r"\b(?:will|would|could|might|may|shall|can|cannot|won't|wouldn't|going\s+to|about\s+to|set\s+to|to\s+be|"
    r"to\s+(?:carry\s+out|conduct|launch|stage|commit|execute|mount|perpetrate))\s+"
    r"(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


_NEGATION_NEAR = re.compile(
    r"\b(?:not|never|no(?!\s+one\b)|nor|n't|without|neither|ruled\s+out)\s+(?:\w+\s+){0,3}$", re.IGNORECASE
)
# "is not taking part in the bombing campaign", "were never involved in the attack".
_NOT_PARTY = re.compile(
    r"\b(?:not|never|no\s+longer|n't)\s+(?:\w+\s+)?(?:taking|take|took|participat\w*|involved|engaged|join\w*|"
    r"part\s+of|carrying\s+out|carried\s+out|conducting|conducted|responsible|behind)\b(?:\s+[\w'’-]+){0,5}\s+$",
    re.IGNORECASE,
)


HABITUAL = re.compile(
    r"\b(?:for\s+(?:many\s+|several\s+)?(?:years|decades|months)|repeated(?:ly)?|regularly|routinely|frequently|"
    r"often|a\s+(?:campaign|history)\s+of|ha(?:s|ve)\s+long|rising|increasing(?:ly)?|"
    r"recently\s+increased|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|decades?)|in\s+the\s+past|"
    r"usually|sometimes|(?:many|several|numerous|countless)\s+times|time\s+and\s+again)\b",
    re.IGNORECASE,
)


# A trend told in the present perfect: "attacks on bases have increased", "raids have become routine".
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?(?:\w+ly\s+)?(?:increased|intensified|escalated|risen|grown|"
    r"continued|become|persisted|spread|multiplied|surged|declined|dropped|fallen|decreased|doubled|tripled|"
    r"been\s+(?:common|frequent|rare|routine|regular))\b",
    re.IGNORECASE,
)


# A past-tense verb right after the trigger, or after a short place phrase ("protesters in Basra burned").
PAST_VERB_AFTER = re.compile(
    r"^\s*(?:(?:in|at|near|outside|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:\w+ly\s+)?"
    r"(?:\w+ed|hit|struck|killed|left|fell|shot|burnt|threw|fought|stormed)\b",
    re.IGNORECASE,
)


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


# After the trigger: "a vigil was planned", "the march is scheduled for Friday".
_UNREALISED_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:was|were|is|are|has\s+been|have\s+been)\s+(?:being\s+)?(?:planned|scheduled|"
    r"expected|proposed|called\s+for|announced\s+for|due|set\s+to)\b",
    re.IGNORECASE,
)


# The trigger's noun phrase as the subject of a modal: "a drone strike on the camp would kill many".
_MODAL_AFTER = re.compile(
    r"^\s*(?:(?!(?:hit|struck|killed|shot|left|wounded|injured|destroyed|targeted|damaged|caused|"
    r"which|that|who|whom|where|when)\b)[\w'’-]+\s+){0,7}?(?:would|could|might)\s+\w+",
    re.IGNORECASE,
)


def asserted(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is reported as having happened."""
    before = clause[:start]
    after = clause[start:]
    word = re.match(r"\S+", after)
    if word and (_UNREALISED_AFTER.match(after[word.end() :]) or _MODAL_AFTER.match(after[word.end() :])):
        return False
    if _GOVERNING.search(before) or _MODAL_NEAR.search(before) or _NEGATION_NEAR.search(before):
        return False
    if _NOT_PARTY.search(before):
        return False
    if _purpose(before, after):
        return False
    return not re.match(r"\s*(?:will|would|could|might|may|must|should)\b", clause[start:])


# "to" before the trigger states a purpose or an intention ("planned ... and then to attack a patrol",
# "sent troops to retake the town"), unless the verb before says it was done ("managed to retake").
_INFINITIVE = re.compile(r"(?:\b([a-z]+)\s+)?\bto\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_DONE_BEFORE_TO = frozenset(
    {
        "managed",
        "succeeded",
        "continued",
        "continue",
        "continues",
        "continuing",
        "began",
        "begun",
        "started",
        "proceeded",
        "went",
        "able",
        "moved",
        "rushed",
        "came",
        "back",
        "order",
    }
)


# "to" as a preposition before a noun: "subjected to enforced disappearance", "led to air strikes".
_TO_PREPOSITION = frozenset(
    {
        "subjected",
        "exposed",
        "due",
        "according",
        "led",
        "leading",
        "prior",
        "response",
        "reaction",
        "contributed",
        "owing",
        "thanks",
        "related",
        "linked",
        "similar",
        "close",
        "next",
        "return",
        "way",
    }
)
_NOT_A_BASE_VERB = re.compile(
    r"\S*(?:ed|ing|ions?|ances?|ences?|ments?|ies)\b|(?:air|drone|rocket|mortar)\b", re.I
)


def _purpose(before: str, after: str) -> bool:
    """Whether ``to`` before the trigger makes it a purpose or intention (the trigger a bare verb)."""
    m = _INFINITIVE.search(before)
    if m is None or _NOT_A_BASE_VERB.match(after):
        return False
    verb = (m.group(1) or "").lower()
    return verb not in _DONE_BEFORE_TO and verb not in _TO_PREPOSITION


# A finite verb of the trigger's own report further on: "clashes between the two forces broke out".
_ACT_LATER = re.compile(
    r"\b(?:broke\s+out|erupted|raged|continued|intensified|flared|took\s+place|killed|left|wounded|injured|"
    r"hit|struck|targeted|destroyed|damaged|rocked|claimed\s+(?:\w+\s+)?lives)\b",
    re.IGNORECASE,
)
# "conducted strikes", "strikes against five facilities": one operation's strikes, not a pattern of events.
_SET_OF_STRIKES = re.compile(
    r"\b(?:conducted|carried\s+out|launched|staged|mounted|unleashed)\s+(?:[\w“”\"'’-]+\s+){0,3}$", re.I
)


_COUNTED_TARGETS = re.compile(
    r"^\s*(?:against|on|at|targeting|hit(?:ting)?)\s+(?:[\w-]+\s+){0,2}?(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|multiple)\b",
    re.IGNORECASE,
)


# Wordings that tell the plural as one occasion: "destroyed by Russian airstrikes", "there were
# artillery attacks", "drew protests from residents", "targeted civilians with mortar shells".
_ONE_ACT_BEFORE = re.compile(
    r"(?:\b(?:\w+ed|hit|struck|shot|killed|wounded|destroyed|damaged)\s+(?:[\w'’-]+\s+){0,4}?(?:by|with|in|from)|"
    r"\bthere\s+(?:were|was|had\s+been|have\s+been)|\b(?:drew|sparked|triggered|prompted|provoked)|"
    r"\bwith)\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# The plural's own verb in the progressive: "clashes were continuing", "protests are under way".
_ONGOING_AFTER = re.compile(
    r"^\s*(?:(?:in|at|near|around)\s+(?:[\w'’-]+\s+){1,3}?)?(?:were|was|are|is)\s+(?:still\s+)?"
    r"(?:continuing|raging|ongoing|under\s?way|going\s+on|taking\s+place)\b",
    re.IGNORECASE,
)
# A headline's present-tense verb right after its subject: "Demonstrators throw stones at police".
_PRESENT_VERB_AFTER = re.compile(
    r"^\s*(?:(?:in|at|near|outside|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:throw|hurl|storm|torch|burn|block|"
    r"clash|attack|kill|seize|capture|hit|strike|pelt|march|rally|stage|set|loot|fire|shell|bomb|shoot|ambush|"
    r"abduct|kidnap|detain|arrest|raid|land|fall|pound|target|rock|wound|injure)s?\b",
    re.IGNORECASE,
)


# A trigger that opens on a finite past verb ("fired rockets", "shelled villages") reports an act.
_VERB_FIRST = re.compile(
    r"(?:fired|launched|lobbed|shelled|bombed|bombarded|pounded|dropped|hurled|threw|planted|detonated|"
    r"targeted|struck|hit|shot|carried\s+out|conducted)\b",
    re.IGNORECASE,
)
# One occasion named though no date can be resolved from it (a snippet with no publication date).
OCCASION = re.compile(
    r"\b(?:on|late\s+on|early\s+on|last)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?!s)|\bovernight\b|"
    r"\blast\s+night\b|\byesterday\b|\bthis\s+morning\b|\bearlier\s+today\b",
    re.IGNORECASE,
)


def generic_plural(
    clause: str,
    trigger: re.Match[str],
    dates: list[DateMatch],
    has_count: bool,
    *,
    noun: bool = True,
    headline: bool = False,
) -> bool:
    """A pattern of events ("attacks on bases have increased"), not one event.

    ``noun``: the trigger is a noun, whose bare plural may stand for a pattern ("retakes" is a verb).
    ``headline``: the sentence is a headline, whose acts are told in the present tense.
    """
    if HABITUAL.search(clause) or has_year_range(clause):
        return True
    word = trigger.group(0).lower()
    plural = noun and word.endswith("s") and not word.endswith(("ss", "us", "gas"))
    # "fired rockets at ...", "launched missiles on Sunday": a finite verb and its occasion tell one act.
    plural = plural and not _VERB_FIRST.match(word) and not OCCASION.search(clause)
    # The trigger's own verb phrase: "attacks have increased", "has carried out strikes", not a relative
    # clause further on ("strikes targeted areas held by a group that has mounted an offensive").
    window = clause[max(0, trigger.start() - 40) : trigger.end() + 30]
    perfect = bool(_PERFECT.search(window)) and not dates
    if perfect and not has_count:
        return True
    if plural and not dates and not has_count:
        before = clause[: trigger.start()]
        determined = bool(
            re.search(
                r"\b(?:the|these|those|its|their|\d+|two|three|four|five|several|twin|double|triple|"
                r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?['’]?s?|yesterday['’]?s|today['’]?s)\s+(?:\w+\s+){0,2}$",
                before,
                re.I,
            )
        )
        rest = clause[trigger.end() :]
        told = bool(_ONE_ACT_BEFORE.search(before)) or bool(_ONGOING_AFTER.match(rest))
        followed = told or bool(
            PAST_VERB_AFTER.match(rest)
            or _ACT_LATER.search(rest[:90])
            or (headline and _PRESENT_VERB_AFTER.match(rest))
        )
        return not (
            determined
            or followed
            or _SET_OF_STRIKES.search(before)
            or _COUNTED_TARGETS.match(clause[trigger.end() :])
        )
    return False


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
    words = {m.group(0).lower() for m in _SPORT.finditer(sentence)}
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
    r"journalists?|politicians?|party|coup|spy|spying|espionage|armed\s+groups?|militia\w*|fighters?|regime|"
    r"sectarian|tribal|communal|ethnic|election\w*|candidates?|lawmakers?|parliament\w*|dissidents?|"
    r"separatists?|blasphemy|treason|sedition|belonging\s+to|army|military|soldiers|troops|marines|"
    r"assassinat\w*|ambassadors?|diplomats?)\b",
    re.IGNORECASE,
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
    if (generic and _SPORT.search(whole)) or _sport_report(whole):
        return "sport"
    if generic and _DISASTER.search(whole):
        return "disaster"
    if generic and _ACCIDENT.search(whole):
        return "accident"
    if _CRIME.search(clause) and not _POLITICAL.search(clause):
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
    return bool(_POLICING.search(text) or _CRIME.search(text)) and not _POLITICAL.search(text)


# Told as history or remembrance: "forty years ago", "the anniversary of the massacre".
_RECALLED = re.compile(
    r"\b(?:(?:\w+|\d+)\s+(?:years|decades)\s+ago|anniversary|commemorat\w*|in\s+memory\s+of|"
    r"marked\s+every\s+year|remembered|since\s+(?:early\s+|late\s+|mid-?)?(?:\w+\s+)?(?:19|20)\d\d|"
    r"(?:erupted|began|started|broke\s+out)\s+in\s+(?:early\s+|late\s+)?(?:\w+\s+)?(?:19|20)\d\d|"
    r"(?:back\s+)?in\s+(?:19|20)\d\d\s*,?\s+when|back\s+in\s+(?:19|20)\d\d|"
    r"last\s+(?:fall|autumn|spring|summer|winter)|originally)\b"
    # How a war began, told as its origin: "the war that began with protests", "protests evolved into war".
    r"|\b(?:war|conflict|uprising|revolt|revolution|crisis|insurgency|rebellion)\s+(?:that\s+|which\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:began|started|erupted|broke\s+out|was\s+sparked)\s+(?:in\s+\S+\s+(?:\d{4}\s+)?)?"
    r"(?:with|as|after|by|when)\b"
    r"|\b(?:evolved|escalated|spiral(?:l)?ed|turned|developed|grew|morphed)\s+into\s+(?:an?\s+|the\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:war|conflict|insurgency|uprising|rebellion)\b",
    re.IGNORECASE,
)
# A claim of responsibility names an event without reporting it.
_CLAIM_BEFORE = re.compile(
    r"\b(?:(?:claim(?:ed|s|ing)?|took|takes|admitted)\s+(?:\w+\s+)?responsibility\s+for|claim(?:ed|s|ing)?|"
    r"(?:it|they|he|she|we)\s+(?:was|were|is|are)\s+behind)\s+"
    r"(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)


# Later in the sentence, the other side denies the report: "..., a claim the army denied", "..., but
# officials reported no attack", "..., calling them fabricated" (denying a part in it is no denial).
_DENIED_AFTER = re.compile(
    r"[,;]\s*(?:(?:but|although|though|while|which|a\s+claim|claims?|reports?)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?:denied|rejected|dismissed|refuted)(?!\s+(?:any\s+|its\s+|their\s+|his\s+)?(?:involvement|responsibility|role|"
    r"part|links?|ties))|but\s+(?:[\w'’-]+\s+){0,3}?(?:reported|said|says)\s+(?:that\s+)?(?:there\s+(?:was|were)\s+)?no\b|"
    r"calling\s+(?:it|them|the\s+reports?|the\s+claims?)\s+(?:false|fabricated|baseless|lies|untrue))",
    re.IGNORECASE,
)


def denied_after(sentence: str, clause: str, end: int) -> bool:
    """Whether the sentence, after the trigger ending at ``end`` of the clause, tells that the report
    was denied or never happened."""
    at = sentence.find(clause)
    return at >= 0 and bool(_DENIED_AFTER.search(sentence[at + end :]))


# "marks one year since the attack", "two years since the massacre": the time since an event, told of it.
_TIME_SINCE = re.compile(
    r"\b(?:one|a|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|decades?)\s+since\b",
    re.IGNORECASE,
)


def recalled(clause: str, sentence: str | None = None) -> bool:
    """Whether the clause tells its event as history or remembrance (background, not news)."""
    return bool(_RECALLED.search(clause) or (sentence and _TIME_SINCE.search(sentence)))


_DETAILS = re.compile(r"\b(?:killed|killing|wounded|injured|dead|died|\d+)\b", re.IGNORECASE)


def claimed(clause: str, start: int) -> bool:
    """Whether the trigger at ``start`` is only the object of a claim of responsibility (a claim that
    reports the act's toll reports the act)."""
    return bool(_CLAIM_BEFORE.search(clause[:start])) and not _DETAILS.search(clause[start:])


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
    return not (_POLITICAL.search(sentence) or _CONFLICT.search(sentence) or _DETAINING_SIDE.search(sentence))


def quiet_story(text: str) -> bool:
    """Whether a text has neither a political side nor the words of armed conflict (local news)."""
    return not _POLITICAL.search(text) and not _CONFLICT.search(text)


# Damage done by a crash, a strike or nature: the act that did it is the event, not looting.
_COLLATERAL = re.compile(
    r"\b(?:crash(?:ed|es)?|air\s?strikes?|air\s+raids?|shell(?:ing|s|ed)|bombard\w*|bomb(?:s|ing|ed)?|blasts?|"
    r"explosions?|exploded|missiles?|rockets?|earthquakes?|quakes?|floods?|storms?|fire\s+broke\s+out)\b",
    re.IGNORECASE,
)


def collateral_damage(clause: str) -> bool:
    """Whether property destruction in ``clause`` is the damage of another act (crash, strike, blast)."""
    return bool(_COLLATERAL.search(clause))


# An act told in the present perfect as part of a campaign ("have captured wide areas", "has fought
# alongside the army", "has been driven out of", "having retaken"): with no date, toll or place of its
# own, it sums up a war rather than reporting one event.
_PERFECT_ACT = re.compile(
    r"\b(?:has|have|having)\s+(?:\w+ly\s+|also\s+|all\s+|since\s+|now\s+|already\s+){0,2}(?:been\s+)?"
    r"(?:\w+ed|fought|taken|retaken|driven|beaten|hit|struck|shot|seized|won|lost|overrun|under\s+(?:attack|fire))\b",
    re.IGNORECASE,
)


def campaign_summary(clause: str, trigger: re.Match[str]) -> bool:
    """Whether the trigger's own verb phrase is a present perfect of the campaign kind (see above);
    the caller checks that the clause gives no date, toll or place of its own."""
    window = clause[max(0, trigger.start() - 45) : trigger.end() + 25]
    return bool(_PERFECT_ACT.search(window)) and not _RECENT.search(clause)


# Words that make a present perfect news of the last days: "in recent days", "this week", "overnight".
_RECENT = re.compile(
    r"\b(?:in\s+(?:recent|the\s+(?:past|last))\s+(?:few\s+|two\s+|three\s+)?(?:days|hours)|this\s+week|"
    r"overnight|earlier\s+today|today|tonight|hours\s+ago|just\s+now)\b",
    re.IGNORECASE,
)
