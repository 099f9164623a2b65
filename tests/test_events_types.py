"""Every ACLED sub-event type, the no-event classes, realis and text shapes, in wordings of our own.

ACLED coders' note style ("On 4 March 2021, ...") and news style, several per type. No gazetteer:
the rules are judged on the words alone (places only sharpen sites, tested elsewhere).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.extract import why_no_event
from geoevents.events.taxonomy import SUB_EVENT_TYPES
from geoevents.ingest.articles import article_from_text
from geoevents.records import Event, ZoneKind
from geoevents.settings import Settings

PUBLISHED = datetime(2021, 3, 20)


def _events(text: str, **options: bool) -> list[Event]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return events_from_article(article, [], settings=Settings(**options))


def _types(text: str) -> list[str]:
    return [e.sub_event_type for e in _events(text)]


TYPED = [
    (
        "Armed clash",
        "On 4 March 2021, Syrian regime forces clashed with rebel fighters near the "
        "village of Kafr Nabl in Idlib. Two fighters were killed.",
    ),
    (
        "Armed clash",
        "Fighting broke out between army troops and militants in the district on Tuesday, leaving five dead",
    ),
    (
        "Armed clash",
        "On 2 March 2021, an armed group ambushed a military patrol on "
        "the road to the town. 3 soldiers were killed.",
    ),
    ("Armed clash", "Government soldiers and rebels exchanged fire overnight near the border crossing"),
    (
        "Government regains territory",
        "On 10 March 2021, Syrian regime forces retook the town of Saraqib from opposition fighters.",
    ),
    (
        "Government regains territory",
        "Iraqi troops recaptured the village from Islamic State militants on Sunday after heavy fighting.",
    ),
    (
        "Government regains territory",
        "The army regained control of the district on Monday, the defence ministry said.",
    ),
    (
        "Non-state actor overtakes territory",
        "On 8 March 2021, Taliban militants captured the district centre after government forces fled.",
    ),
    (
        "Non-state actor overtakes territory",
        "Rebels seized control of the town on Thursday following two days of fighting.",
    ),
    (
        "Non-state actor overtakes territory",
        "Militants took over the village and raised their flag on Wednesday.",
    ),
    (
        "Air/drone strike",
        "On 12 March 2021, Russian warplanes carried out airstrikes on "
        "the town of Ariha. No fatalities reported.",
    ),
    ("Air/drone strike", "A drone strike killed two militants in a car on Saturday."),
    ("Air/drone strike", "Coalition aircraft bombed positions of the group west of the city on Friday."),
    (
        "Shelling/artillery/missile attack",
        "On 12 March 2021, Syrian regime forces shelled the town of "
        "Kansafra in Idlib. No fatalities reported.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Several rockets landed near the airport on Sunday, causing no casualties.",
    ),
    ("Shelling/artillery/missile attack", "Militants fired mortar rounds at a military base on Thursday."),
    (
        "Shelling/artillery/missile attack",
        "An artillery barrage hit residential areas of the town on Monday, killing four civilians.",
    ),
    (
        "Remote explosive/landmine/IED",
        "On 5 March 2021, a roadside bomb exploded near a military "
        "vehicle in the town, injuring two soldiers.",
    ),
    ("Remote explosive/landmine/IED", "A landmine explosion killed a shepherd near the village on Tuesday"),
    (
        "Remote explosive/landmine/IED",
        "An improvised explosive device detonated as a police patrol passed on Monday.",
    ),
    ("Suicide bomb", "A suicide bomber blew himself up at a checkpoint on Friday, killing six."),
    ("Suicide bomb", "On 9 March 2021, a suicide car bomb attack targeted a police station in the city."),
    ("Grenade", "Unidentified men threw a grenade at a shop on Sunday, wounding three people."),
    (
        "Grenade",
        "On 7 March 2021, a hand grenade was hurled into a house in the town. One person was injured.",
    ),
    ("Chemical weapon", "Government forces used chlorine gas against the town on Saturday, residents said."),
    ("Chemical weapon", "A suspected chemical attack on the village on Saturday killed dozens of people."),
    ("Attack", "On 6 March 2021, unidentified gunmen shot and killed a civilian in the town."),
    ("Attack", "A local council member was killed by unknown gunmen in front of his house on Wednesday."),
    (
        "Attack",
        "The bodies of three men were found bearing gunshot wounds on the outskirts of the town on Monday.",
    ),
    ("Attack", "Militants stormed a village and killed 12 civilians on Thursday."),
    ("Attack", "On 3 March 2021, a man was stabbed to death by members of an armed group in the town."),
    (
        "Abduction/forced disappearance",
        "On 2 March 2021, gunmen kidnapped two aid workers on the road near the town.",
    ),
    ("Abduction/forced disappearance", "Armed men abducted a teacher from his home on Saturday."),
    ("Sexual violence", "On 3 March 2021, soldiers raped a woman in the village."),
    ("Sexual violence", "A girl was sexually assaulted by militiamen at a checkpoint on Friday."),
    (
        "Peaceful protest",
        "On 5 March 2021, hundreds of people demonstrated in the city to demand the release of detainees.",
    ),
    (
        "Peaceful protest",
        "Protesters gathered outside the governor's office on Monday to denounce power cuts",
    ),
    ("Peaceful protest", "Teachers staged a sit-in in front of the ministry on Sunday over unpaid salaries."),
    ("Peaceful protest", "Residents held a rally in the town on Friday in support of the army."),
    ("Protest with intervention", "Police dispersed protesters with tear gas in the capital on Tuesday."),
    (
        "Protest with intervention",
        "On 9 March 2021, security forces broke up a demonstration in the city and arrested ten protesters.",
    ),
    (
        "Excessive force against protesters",
        "Security forces opened fire on protesters in the city on Friday, killing three.",
    ),
    (
        "Excessive force against protesters",
        "On 2 March 2021, police used live ammunition against demonstrators, killing one protester.",
    ),
    ("Violent demonstration", "Rioters clashed with police and burned tyres in the city on Saturday."),
    (
        "Violent demonstration",
        "Protesters threw stones at security forces and set fire to a police station on Monday.",
    ),
    (
        "Violent demonstration",
        "Demonstrators hurled Molotov cocktails at the police headquarters on Thursday night.",
    ),
    ("Mob violence", "A mob lynched a man accused of theft in the village on Sunday."),
    ("Mob violence", "On 4 March 2021, a group of villagers beat to death a suspected thief in the town."),
    ("Arrests", "On 8 March 2021, police arrested five members of the opposition party in the city."),
    ("Arrests", "Security forces raided homes in the town and detained 20 people on Wednesday."),
    ("Arrests", "Regime forces arrested a young man at a checkpoint in the town on Monday."),
    (
        "Looting/property destruction",
        "On 3 March 2021, militants looted shops and torched houses in the village.",
    ),
    ("Looting/property destruction", "Settlers burned olive trees in the village on Sunday."),
    ("Looting/property destruction", "The army demolished two homes in the town on Tuesday."),
    ("Disrupted weapons use", "Security forces defused a bomb planted near a school on Monday."),
    (
        "Disrupted weapons use",
        "On 6 March 2021, police seized a cache of weapons and ammunition in the town.",
    ),
    ("Disrupted weapons use", "Air defences intercepted two drones over the city on Saturday."),
    ("Agreement", "On 5 March 2021, the two sides agreed to a ceasefire in the province."),
    ("Agreement", "The government and the rebels signed a peace agreement on Friday."),
    ("Agreement", "The warring tribes reached a truce on Sunday after mediation by elders."),
    (
        "Headquarters or base established",
        "On 7 March 2021, Turkish forces established a new military base near the town.",
    ),
    (
        "Headquarters or base established",
        "The militia set up a checkpoint at the entrance of the village on Monday.",
    ),
    (
        "Non-violent transfer of territory",
        "On 3 March 2021, the rebels handed over the town to the army under a deal.",
    ),
    (
        "Non-violent transfer of territory",
        "Government forces withdrew from the town on Monday and the militia took control without fighting.",
    ),
    (
        "Change to group/activity",
        "On 6 March 2021, the army sent reinforcements to the front line in the province.",
    ),
    ("Change to group/activity", "Two armed groups announced their merger on Friday."),
    ("Change to group/activity", "Authorities imposed a curfew in the city on Wednesday."),
    ("Other", "On 4 March 2021, a mass grave with the remains of 20 people was found near the village."),
    (
        "Suicide bomb",
        "A bomber wearing an explosives vest blew himself up among "
        "worshippers at a mosque on Friday, killing 11.",
    ),
    (
        "Chemical weapon",
        "On 2 March 2021, regime helicopters dropped barrels containing chlorine "
        "gas on the village. Dozens suffered breathing problems.",
    ),
    ("Sexual violence", "On 6 March 2021, members of a militia raped two women in the village."),
    (
        "Headquarters or base established",
        "Rebel fighters established a new headquarters in the school building of the town on Wednesday.",
    ),
    (
        "Non-violent transfer of territory",
        "On 9 March 2021, the militia handed over control of the border "
        "crossing to government forces under an agreement.",
    ),
    (
        "Mob violence",
        "Angry residents stoned a man to death in the market on Monday after accusing him of blasphemy.",
    ),
    (
        "Grenade",
        "On 8 March 2021, an unknown person threw a hand grenade into a "
        "police station in the town, wounding two officers.",
    ),
    (
        "Excessive force against protesters",
        "Troops fired live rounds at demonstrators in the square on Sunday, killing four protesters.",
    ),
    (
        "Protest with intervention",
        "Riot police fired tear gas and water cannon to disperse "
        "hundreds of marchers in the capital on Saturday.",
    ),
    ("Other", "On 5 March 2021, the armed group released 12 hostages in the town."),
    ("Other", "Workers uncovered a mass grave containing dozens of bodies near the village on Tuesday."),
    (
        "Arrests",
        "On 2 March 2021, security forces detained a journalist at his "
        "home in the city for criticising the government.",
    ),
    (
        "Agreement",
        "On 7 March 2021, government and rebel negotiators agreed on a prisoner exchange in the capital.",
    ),
    (
        "Looting/property destruction",
        "Gunmen looted the village market and set fire to several shops on Thursday.",
    ),
    (
        "Disrupted weapons use",
        "On 3 March 2021, soldiers found and dismantled an IED planted on the road to the town.",
    ),
    ("Change to group/activity", "On 1 March 2021, the army deployed additional troops to the border area."),
    (
        "Government regains territory",
        "On 11 March 2021, Iraqi security forces regained control of the village from IS militants.",
    ),
    (
        "Non-state actor overtakes territory",
        "On 11 March 2021, al-Shabaab fighters overran a military base near the town and took control of it.",
    ),
    (
        "Armed clash",
        "On 9 March 2021, fighters of the two rival militias "
        "exchanged fire in the town. One fighter was killed.",
    ),
    ("Attack", "On 10 March 2021, militants killed a farmer in his field near the village."),
    (
        "Abduction/forced disappearance",
        "On 10 March 2021, unidentified gunmen kidnapped a local official from his car in the town.",
    ),
    (
        "Peaceful protest",
        "On 10 March 2021, dozens of women held a vigil in the city to demand news of missing relatives.",
    ),
    (
        "Violent demonstration",
        "On 10 March 2021, demonstrators stormed the municipal building in the town and set it on fire.",
    ),
    (
        "Remote explosive/landmine/IED",
        "On 10 March 2021, an IED exploded near a patrol on the highway, wounding three soldiers.",
    ),
    (
        "Air/drone strike",
        "On 10 March 2021, a drone targeted a car near the town, killing two members of the group.",
    ),
    (
        "Shelling/artillery/missile attack",
        "On 10 March 2021, rebels fired several rockets at the city. No casualties were reported.",
    ),
]


@pytest.mark.parametrize(("sub_event_type", "text"), TYPED)
def test_each_sub_event_type(sub_event_type: str, text: str) -> None:
    assert sub_event_type in _types(text)


def test_every_type_has_several_wordings() -> None:
    counts = Counter(sub for sub, _ in TYPED)
    assert set(counts) == set(SUB_EVENT_TYPES)
    assert min(counts.values()) >= 2


NO_EVENT = [
    "A man was arrested for stealing a car in the town on Monday.",
    "Two people died when a bus overturned on the highway on Sunday.",
    "Floods killed 12 people in the region on Tuesday.",
    "The foreign minister met his counterpart in the capital on Monday to discuss trade.",
    "The group claimed responsibility for the attack in a statement.",
    "The US is not taking part in the bombing campaign, officials said.",
    "The army denied that its troops had shelled the village.",
    "The militants threatened to attack the city if their demands were not met.",
    "The government will deploy troops to the region next week.",
    "Rebels have repeatedly attacked convoys on the road over the past year.",
    "In 1914 the archduke was assassinated in Sarajevo, an event that led to war.",
    "The outbreak of cholera has killed 30 people in the province since January.",
    "Minister to visit the capital next week for talks on trade",
    "Heavy rain is expected across the region on Friday [AFP]",
    "The rebels may attack the town again if talks fail.",
    "The army threatened to shell the district unless the fighters withdrew.",
    "Police denied that officers had beaten protesters.",
    "Insurgents routinely attack convoys on this road.",
    "Forty years ago, soldiers massacred villagers in the town, an event marked every year.",
    "Officials are investigating whether the blast at the factory was caused by a gas leak.",
    "The militant group claimed responsibility for the bombing in a statement posted online.",
]


@pytest.mark.parametrize("text", NO_EVENT)
def test_no_acled_event(text: str) -> None:
    """Crime, accidents, disasters, diplomacy, claims; negated, denied, threatened, hypothetical,
    future, habitual and background events."""
    assert _types(text) == []


SHAPES = [
    (
        "Armed clash",
        "Soldiers clashed with rebel fighters near the northern town "
        "of Kafr Hamra on Tuesday, leaving four dead",
    ),
    (
        "Shelling/artillery/missile attack",
        "BEIRUT, March 3 (Wire) - Government forces shelled the rebel-held district of "
        "Jobar on Sunday, killing two civilians, a monitor said. [AFP]",
    ),
    (
        "Attack",
        "Gunmen shot dead a village elder outside his home in the "
        "district on Friday, residents said [size=no report]",
    ),
    ("Air/drone strike", "Drone strike kills three militants in a vehicle near the border"),
    (
        "Arrests",
        "• Police arrested six members of the opposition party in the capital "
        "on Monday\n• The party said the arrests were political",
    ),
    (
        "Peaceful protest",
        "hundreds of students marched to the education ministry on thursday to demand lower fees",
    ),
    (
        "Abduction/forced disappearance",
        "Photo: Relatives gather outside the police station after "
        "gunmen abducted two engineers on Wednesday.",
    ),
    ("Government regains territory", "Army retakes key town from insurgents after week-long battle"),
    (
        "Violent demonstration",
        "Residents angry at power cuts burned tyres and threw stones at police "
        "in the city on Saturday; several officers were hurt",
    ),
]


@pytest.mark.parametrize(("sub_event_type", "text"), SHAPES)
def test_text_shapes(sub_event_type: str, text: str) -> None:
    """No final full stop, wire tags, headlines, bullets, lower-case starts, captions."""
    assert sub_event_type in _types(text)


def test_a_one_paragraph_feed_with_a_tag_is_its_story() -> None:
    article = article_from_text("Militants shelled the town on Sunday, killing two people [AFP]")
    assert [z.kind for z in article.zones] == [ZoneKind.BODY]


def test_a_title_above_a_story_is_still_a_title() -> None:
    article = article_from_text("Rebels shell the town\n\nMilitants shelled the town on Sunday, killing two.")
    assert article.zones[0].kind == ZoneKind.TITLE
    assert [e.sub_event_type for e in events_from_article(article, [])] == [
        "Shelling/artillery/missile attack"
    ]


def test_background_is_tagged_and_kept_only_on_request() -> None:
    text = "Rebels shelled the town on 3 March 2015, killing four civilians."
    assert _events(text) == []
    (kept,) = _events(text, keep_background=True)
    assert "background" in kept.tags and kept.sub_event_type == "Shelling/artillery/missile attack"


def test_recent_events_are_not_background() -> None:
    (event,) = _events("Rebels shelled the town on 3 March 2021, killing four civilians.")
    assert "background" not in event.tags


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The army said it would launch air strikes on the town if the fighters left.", "not-asserted"),
        ("A man was arrested for stealing cattle in the village on Monday.", "crime"),
        ("Floods killed nine people in the valley on Tuesday.", "disaster"),
        ("Two people were killed when their car overturned on the highway on Friday.", "accident"),
        ("The ministers discussed trade and tourism at their meeting.", "no-trigger"),
        ("The group claimed responsibility for the bombing.", "claim"),
    ],
)
def test_why_no_event(text: str, reason: str) -> None:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    assert events_from_article(article, []) == []
    assert why_no_event(article) == reason


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Rebels retook the village from government forces on Monday.",
            "Non-state actor overtakes territory",
        ),
        ("Government troops captured the town from the rebels on Monday.", "Government regains territory"),
        ("Militants detained two aid workers at a checkpoint on Monday.", "Abduction/forced disappearance"),
        ("Police arrested 30 protesters outside parliament on Monday.", "Protest with intervention"),
    ],
)
def test_the_actor_decides_between_sibling_types(text: str, sub_event_type: str) -> None:
    assert _types(text) == [sub_event_type]


def test_two_weapons_named_together_are_two_events() -> None:
    text = "Government air strikes and artillery fire hit the eastern districts of the town on Monday."
    assert sorted(_types(text)) == ["Air/drone strike", "Shelling/artillery/missile attack"]


def test_a_battle_going_on_during_a_strike_is_its_own_event() -> None:
    text = "Warplanes bombed rebel positions in the north of the town on Friday as fighting continued nearby."
    assert sorted(_types(text)) == ["Air/drone strike", "Armed clash"]


def test_a_shooting_in_local_news_is_crime() -> None:
    """No armed actor, no political side, no word of armed conflict: ordinary crime."""
    text = "Two men were hospitalized after being shot outside a liquor store on Sunday night."
    article = article_from_text(text, metadata={"published": PUBLISHED})
    assert events_from_article(article, []) == []
    assert why_no_event(article) == "crime"
    assert _types("Gunmen shot dead two men outside a shop in the town on Sunday night.") == ["Attack"]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Under the deal, rebel fighters withdrew from the town on Sunday and handed their heavy weapons "
            "to the army.",
            "Non-violent transfer of territory",
        ),
        (
            "Army troops on Tuesday seized a rebel-held neighbourhood on the edge of the city.",
            "Government regains territory",
        ),
    ],
)
def test_territory_by_deal_and_hyphenated_places(text: str, sub_event_type: str) -> None:
    assert _types(text) == [sub_event_type]


def test_a_toll_clause_is_the_toll_of_the_act_named_beside_it() -> None:
    text = (
        "On Thursday, 30 people were killed and 90 others were injured after a suicide bomber "
        "blew himself up "
        "at a wedding hall near the village."
    )
    (event,) = _events(text)
    assert event.sub_event_type == "Suicide bomb" and event.fatalities == 30


def test_a_town_retaken_with_air_support_is_two_events() -> None:
    text = "On Monday the army recaptured the town with support from Russian air strikes."
    assert sorted(_types(text)) == ["Air/drone strike", "Government regains territory"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Seven people have been arrested in connection with the bombing of the police station.",
            ["Arrests"],
        ),
        ("Attacks on army bases in the province have increased sharply.", []),
    ],
)
def test_present_perfect_reports_an_act_unless_it_tells_a_trend(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


def test_a_determiner_before_a_verb_trigger_is_no_reference() -> None:
    """ "The army shelled ..." reports a shelling of its own; it is not "the shelling" said before."""
    text = (
        "Government troops stormed a village in the north overnight, killing 12 people. "
        "The army shelled two districts of the capital on the same night."
    )
    assert "Shelling/artillery/missile attack" in _types(text)
    assert len(_events(text)) == 2
