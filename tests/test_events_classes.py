"""Classes of wording that real reports use for ACLED sub-event types, in wordings of our own.

Headlines in present tense, chemical agents named in a strike, territory handed over, changes to a
group, coups and releases: each case is one of several wordings of its class.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

PUBLISHED = datetime(2021, 3, 20)


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return [e.sub_event_type for e in events_from_article(article, [])]


CHEMICAL = [
    "Government helicopters dropped barrel bombs on the village on Friday, and doctors said "
    "several patients showed signs of chlorine exposure.",
    "Militants fire mustard gas shells at army positions near the river",
    "On 9 May 2021, an air raid using sarin hit the town, killing 30 civilians.",
    "Soldiers said enemy drones dropped grenades filled with chloropicrin on their trenches on 2 May 2021.",
    "Medics treated 12 fighters for exposure to a nerve agent after shells fell on the front line on Sunday.",
]


@pytest.mark.parametrize("text", CHEMICAL)
def test_a_named_chemical_agent_makes_the_attack_a_chemical_weapon(text: str) -> None:
    assert _types(text) == ["Chemical weapon"]


def test_chlorine_for_water_is_no_weapon() -> None:
    assert _types("Engineers added chlorine to the city's water on Monday after the outbreak.") == []


HEADLINES = [
    ("Non-state actor overtakes territory", "Rebels seize town of Kafr Halab after two days of fighting"),
    ("Non-state actor overtakes territory", "Insurgents capture district centre in northern province"),
    ("Shelling/artillery/missile attack", "Army shells rebel-held suburb, 4 killed"),
]


@pytest.mark.parametrize(("expected", "text"), HEADLINES)
def test_headlines_in_the_present_tense_are_events(expected: str, text: str) -> None:
    assert _types(text) == [expected]


STRATEGIC = [
    (
        "Non-violent transfer of territory",
        "On 12 March 2021, the militia withdrew from the port and handed it to army units.",
    ),
    (
        "Non-violent transfer of territory",
        "Rebel fighters moved into the village of Tal Amir on Friday, "
        "a day after government troops pulled out.",
    ),
    (
        "Non-violent transfer of territory",
        "Army troops re-entered the district centre on 14 March 2021 without a fight.",
    ),
    (
        "Non-violent transfer of territory",
        "Foreign troops hand over their last base in the north to national forces",
    ),
    ("Change to group/activity", "Army sends reinforcements to the northern border after a week of raids"),
    (
        "Change to group/activity",
        "On 15 March 2021, three armed factions in the hills announced "
        "they were merging under a single command.",
    ),
    (
        "Change to group/activity",
        "The militia named a new commander on 16 March 2021 after its leader was killed in March.",
    ),
    (
        "Change to group/activity",
        "On 17 March 2021, the group announced it was suspending military operations against the government.",
    ),
    (
        "Change to group/activity",
        "Tanks and troop carriers reached the city on Tuesday as reinforcements for the garrison.",
    ),
    (
        "Other",
        "On 13 March 2021, soldiers detained the president at his residence and said they had seized power.",
    ),
    ("Other", "Army officers topple president in overnight coup"),
    ("Other", "On 15 March 2021, the armed group freed two kidnapped aid workers near the border."),
    (
        "Agreement",
        "Two rival militias agreed a truce in the town on 16 March 2021 after mediation by elders.",
    ),
    ("Agreement", "On 17 March 2021, the army and the rebels agreed to end clashes around the dam."),
]


@pytest.mark.parametrize(("expected", "text"), STRATEGIC)
def test_strategic_developments_by_their_class_of_wording(expected: str, text: str) -> None:
    assert _types(text) == [expected]


def test_a_trade_deal_or_a_politician_defecting_is_no_event() -> None:
    assert _types("The two ministers reached a deal on grain exports on Monday.") == []


DETENTIONS = [
    ("Arrests", "On 11 March 2021, the group's security service detained three journalists in the city."),
    ("Arrests", "On 12 March 2021, police arrested the former interior minister at his home in the capital."),
    ("Arrests", "Five men were arrested on 13 March 2021 in connection with the blast at the market."),
    (
        "Abduction/forced disappearance",
        "On 14 March 2021, intelligence agents detained a lawyer at a checkpoint; "
        "his whereabouts remain unknown.",
    ),
    ("Abduction/forced disappearance", "Armed fighters detained a teacher at a roadblock on 15 March 2021."),
]


@pytest.mark.parametrize(("expected", "text"), DETENTIONS)
def test_political_detentions_are_arrests_and_disappearances_abductions(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested a 34-year-old man on Sunday after a car was stolen from a driveway.",
        "Officers detained two teenagers outside the shopping centre on 13 March 2021.",
        "A woman has been arrested over the incident at the supermarket, police said.",
    ],
)
def test_an_arrest_of_a_suspect_by_the_police_is_police_work(text: str) -> None:
    assert _types(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Unknown gunmen shot dead a retired army officer outside his shop on 14 March 2021, police said.",
        "On 15 March 2021, gunmen killed nine farmers in a night raid on the hamlet, police said.",
    ],
)
def test_killing_ex_combatants_or_civilians_is_an_attack_whoever_reports_it(text: str) -> None:
    assert _types(text) == ["Attack"]


@pytest.mark.parametrize(
    "text",
    [
        "The visitors' strikers bombarded the goal in the second half and retook the lead in the cup tie.",
        "Their attack tore the home defence apart in a 4-1 win on Saturday.",
        "On 12 March 2021, a man abducted his former wife's daughter after a custody dispute; "
        "police found her safe.",
        "The tactics used in the war have included the use of chemical weapons, the report said.",
    ],
)
def test_sport_family_crime_and_war_background_give_no_event(text: str) -> None:
    assert _types(text) == []


def test_a_named_weapon_near_a_stadium_is_still_an_attack() -> None:
    text = "Rebels attacked army positions near the stadium on 12 March 2021, killing four soldiers."
    assert _types(text) == ["Armed clash"]


def test_the_dead_of_either_side_of_a_clash_are_its_toll_not_an_attack() -> None:
    article = article_from_text(
        "On 12 March 2021, Syrian regime forces and Hayat Tahrir al Sham fighters clashed near the "
        "village in southern Idlib. Four HTS fighters were killed.",
        metadata={"published": PUBLISHED},
    )
    events = events_from_article(article, [])
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].fatalities == 4


PROTEST_HEADLINES = [
    ("Protest with intervention", "Police break up a sit-in by jobless graduates outside the ministry"),
    ("Excessive force against protesters", "Troops kill 12 protesters in the capital's northern district"),
    ("Violent demonstration", "Demonstrators throw stones at riot police outside the governor's office"),
    ("Violent demonstration", "Students set the college's gate on fire during the protest on 12 March."),
    (
        "Excessive force against protesters",
        "On 13 March 2021, police fired on demonstrators in the square, killing two, rights groups said.",
    ),
]


@pytest.mark.parametrize(("expected", "text"), PROTEST_HEADLINES)
def test_protests_told_in_the_present_tense_are_refined_by_what_happened(expected: str, text: str) -> None:
    assert _types(text) == [expected]


HQ = "Headquarters or base established"
DISRUPTED, LOOTING = "Disrupted weapons use", "Looting/property destruction"
WEAPONS_AND_PROPERTY = [
    (DISRUPTED, "Air defences down rebel drone over the airport"),
    (DISRUPTED, "The air force shot down 21 of 25 drones launched at the port on 12 March 2021."),
    (DISRUPTED, "Engineers inspect a roadside bomb dismantled near the bridge, 12 March 2021"),
    (LOOTING, "Troops demolish homes of two suspected attackers in the town"),
    (LOOTING, "On 12 March 2021, settlers uprooted 100 olive trees near the village."),
    (HQ, "On 12 March 2021, the army established a military point near the dam."),
    (HQ, "Guards at a checkpoint the militia set up outside the town on 12 March"),
]


@pytest.mark.parametrize(("expected", "text"), WEAPONS_AND_PROPERTY)
def test_air_defence_demolitions_and_new_posts_in_news_and_caption_wording(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "Government regains territory",
            "Troops recovered three hilltops from the insurgents on 12 March 2021",
        ),
        (
            "Government regains territory",
            "On 12 March 2021, the army announced the full recapture of the port from the rebels.",
        ),
    ],
)
def test_ground_recovered_or_recaptured_by_state_forces(expected: str, text: str) -> None:
    assert _types(text) == [expected]


def test_bodies_recovered_from_rubble_take_no_ground() -> None:
    assert _types("Rescuers recovered two bodies from the rubble on 12 March 2021.") == []


def test_a_party_or_a_company_choosing_a_leader_is_no_change_to_an_armed_group() -> None:
    assert _types("The opposition party appointed a new leader on 12 March 2021.") == []
