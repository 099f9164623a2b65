"""Strategic developments and the territorial battles: detection and typing in wordings of our own
(wire copy, headlines, coder notes), and the no-event boundary. No gazetteer: words alone decide."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

PUBLISHED = datetime(2022, 6, 20)


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return [e.sub_event_type for e in events_from_article(article, [])]


TYPED = [
    # sd/arrests: state forces, or a group that governs where it acts, detain people for political reasons.
    (
        "Arrests",
        "Security forces detained a journalist who had reported on the insurgency, his family said.",
    ),
    ("Arrests", "Police Arrest Opposition Leader Ahead of Rally"),
    (
        "Arrests",
        "On 12 June 2022, soldiers rounded up dozens of young men suspected of links to the rebels in Dogo.",
    ),
    (
        "Arrests",
        "Authorities in the capital took an activist into custody on Friday over a post on the army.",
    ),
    ("Arrests", "Intelligence agents picked up two students accused of organising the sit-in on 14 June."),
    ("Arrests", "Three suspected Shabaab militants were arrested in Mogadishu on Saturday, the police said."),
    (
        "Arrests",
        "The army said on Thursday it had detained a senior commander of the armed group near the border.",
    ),
    ("Arrests", "Border guards detain 12 smugglers' accomplices of the rebel militia in overnight raids"),
    ("Arrests", "On 16 June 2022, Houthi forces arrested a tribal sheikh at a checkpoint in Sanaa."),
    ("Arrests", "On 10 June 2022, HTS arrested two media activists in Idlib city."),
    ("Arrests", "On 14 June 2022, the SDF detained nine suspected IS members in raids near Al-Hasakeh."),
    (
        "Arrests",
        "On 11 June 2022, the intelligence agency captured a senior PKK commander in a raid.",
    ),
    # sd/agreement: parties to the conflict agree (ceasefire, truce, swap, local deal).
    (
        "Agreement",
        "A ceasefire was agreed between the army and the rebels on 14 June 2022 after mediation by elders.",
    ),
    ("Agreement", "Government and rebels sign peace deal in Juba"),
    (
        "Agreement",
        "The two militias agreed on Friday to exchange prisoners held since the fighting last month.",
    ),
    (
        "Agreement",
        "Rebels and government forces swapped 20 prisoners on Saturday under a deal mediated by elders.",
    ),
    (
        "Agreement",
        "On 13 June 2022, the two clans reached a deal under which their fighters would withdraw.",
    ),
    (
        "Agreement",
        "The SDF and the government struck an agreement on Sunday to let troops deploy along the border.",
    ),
    (
        "Agreement",
        "On 12 June 2022, the rebels handed over the bodies of six soldiers at a crossing.",
    ),
    (
        "Agreement",
        "Rebel leaders signed a peace accord with the governor on Monday and freed 20 hostages under it.",
    ),
    # sd/change: forces sent, moved, formed, merged, defecting; curfews.
    ("Change to group/activity", "On 14 June 2022, the army sent reinforcements to the town of Kidal."),
    (
        "Change to group/activity",
        "Reinforcements were sent to the front line near the city on Saturday, a military source said.",
    ),
    ("Change to group/activity", "Turkey deploys more troops to northern Syria"),
    ("Change to group/activity", "Dozens of soldiers defected to the rebels on Thursday, the group said."),
    ("Change to group/activity", "Authorities imposed a curfew on the city on Sunday after the unrest."),
    ("Change to group/activity", "The militia withdrew from its positions around the airport on Friday."),
    # sd/disrupted: an attack prevented, weapons seized, drones downed.
    (
        "Disrupted weapons use",
        "On 15 June 2022, police seized a cache of weapons and ammunition in a raid on a house in Garissa.",
    ),
    ("Disrupted weapons use", "Weapons seized at checkpoint near border"),
    (
        "Disrupted weapons use",
        "On 17 June 2022, soldiers seized two pick-up trucks, 20 rifles and a grenade launcher from a farm.",
    ),
    (
        "Disrupted weapons use",
        "The troops said machine guns and rocket-propelled grenades were confiscated in the raid on Friday.",
    ),
    ("Disrupted weapons use", "Army engineers defused a roadside bomb on the main road on Sunday."),
    (
        "Disrupted weapons use",
        "On 14 June 2022, the coalition destroyed a boat laden with explosives off the coast.",
    ),
    (
        "Disrupted weapons use",
        "Two militants were killed on Tuesday when the bomb they were assembling went off prematurely.",
    ),
    (
        "Disrupted weapons use",
        "An army unit shot down two radio-controlled aircraft of the rebels east of the town on Sunday.",
    ),
    # sd/headquarters: a base, post or office set up.
    (
        "Headquarters or base established",
        "On 13 June 2022, Turkish forces established a new military base near Kafr.",
    ),
    ("Headquarters or base established", "Rebels open new headquarters in captured town"),
    (
        "Headquarters or base established",
        "On 12 June 2022, the rebels installed an administration office in the town centre.",
    ),
    # sd/looting: property looted or destroyed outside a battle or riot.
    (
        "Looting/property destruction",
        "On 14 June 2022, militiamen looted and burned houses in the village of Tora.",
    ),
    (
        "Looting/property destruction",
        "On 15 June 2022, the fighters raided the town and burned the police station; no casualties.",
    ),
    (
        "Looting/property destruction",
        "Soldiers blew up the homes of two suspected militants in the village on Thursday.",
    ),
    # sd/transfer: ground changes hands without a fight.
    (
        "Non-violent transfer of territory",
        "On 14 June 2022, the rebels handed over the town to the army under a deal.",
    ),
    (
        "Non-violent transfer of territory",
        "The militia took control of the area on Saturday after government troops pulled out.",
    ),
    ("Non-violent transfer of territory", "Army takes over town after rebels withdraw"),
    (
        "Non-violent transfer of territory",
        "On 16 June 2022, the Kurdish forces handed control of the villages to the army.",
    ),
    # sd/other: coups, mass graves, releases.
    ("Other", "On 15 June 2022, a mass grave containing 20 bodies was found near the town."),
    ("Other", "Soldiers seized power in a coup on 14 June 2022 and dissolved the government."),
    # battles/government-regains and battles/nsa-overtakes: by who took the place.
    (
        "Government regains territory",
        "The army retook the town of Kani on Saturday after fierce fighting with the militants.",
    ),
    (
        "Government regains territory",
        "On 12 June 2022, government troops recaptured the village from the rebels.",
    ),
    (
        "Government regains territory",
        "Security forces drove the militants out of the district on 16 June 2022.",
    ),
    (
        "Government regains territory",
        "On Thursday, troops and allied militiamen wrested control of the farms north of the city.",
    ),
    (
        "Non-state actor overtakes territory",
        "Houthi forces took control of the district on 14 June 2022 after clashes with troops.",
    ),
    ("Non-state actor overtakes territory", "Rebels seize town in the east"),
    (
        "Non-state actor overtakes territory",
        "Jihadists overran an army base in the north on Saturday, killing 10 soldiers.",
    ),
    (
        "Non-state actor overtakes territory",
        "The town fell to the insurgents on Friday after a two-day siege.",
    ),
]


@pytest.mark.parametrize(("expected", "text"), TYPED)
def test_each_wording_gives_its_type(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # Ordinary crime: an arrest with no political side.
        "Police arrested a man suspected of stealing a car in the city centre on Tuesday.",
        # Diplomacy and statements: no agreement between conflict actors.
        "The foreign ministers of the two countries agreed on Tuesday to reopen embassies within two months.",
        "The president called for a ceasefire during a speech on Monday.",
        # A defection told of a person's past, a child pulled out of rubble, civilians evacuated.
        "A former officer who had defected from the army years ago died in hospital on Monday.",
        "Rescuers pulled a girl out of the rubble of her home on Sunday.",
        # A metaphor: an outbreak "arrested".
        "Doctors said on Friday that they had arrested the spread of cholera in the district.",
    ],
)
def test_no_strategic_development(text: str) -> None:
    assert _types(text) == []


def test_a_detention_by_an_armed_group_that_does_not_govern_is_an_abduction() -> None:
    assert _types("On 12 June 2022, IS militants detained five shepherds near the desert town.") == [
        "Abduction/forced disappearance"
    ]


def test_a_coup_named_as_the_cause_of_a_protest_is_not_a_new_coup() -> None:
    text = "On 14 June 2022, troops opened live fire on protesters rejecting the military coup, killing 7."
    assert _types(text) == ["Excessive force against protesters"]


def test_the_taliban_arrest_once_they_govern_and_abduct_before() -> None:
    assert _types("On 12 June 2022, the Taliban arrested a university lecturer in Kabul.") == ["Arrests"]
    # a note that opens with its own day is that day's record, however long after it was published
    assert _types("On 12 June 2019, Taliban militants detained two teachers in Ghazni.") == [
        "Abduction/forced disappearance"
    ]
    old = article_from_text(
        "On 12 June 2019, Taliban militants detained two teachers in Ghazni.",
        metadata={"published": datetime(2019, 6, 14)},
    )
    assert [e.sub_event_type for e in events_from_article(old, [])] == ["Abduction/forced disappearance"]


def test_a_withdrawal_told_as_the_reason_for_a_move_is_not_a_second_event() -> None:
    text = (
        "Government troops entered the town on Tuesday after the rebel coalition pulled out of it overnight."
    )
    assert _types(text) == ["Non-violent transfer of territory"]


def test_a_withdrawal_of_its_own_is_an_event() -> None:
    assert _types("On 14 June 2022, the rebel coalition pulled out of the town.") == [
        "Change to group/activity"
    ]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "Arrests",
            "Police arrested more than 200 supporters of the premier after violent protests on Tuesday.",
        ),
        ("Arrests", "Egypt detains blogger over posts critical of government"),
        ("Agreement", "The two sides agreed on Thursday to extend the truce by two days, mediators said."),
        (
            "Agreement",
            "Under the deal, which took effect on Friday, rebels are handing over their heavy weapons.",
        ),
        (
            "Change to group/activity",
            "The army has called up 300,000 reservists, a spokesman said on Monday.",
        ),
        (
            "Change to group/activity",
            "Troops crossed into the neighbouring province on Tuesday in a new operation.",
        ),
        ("Disrupted weapons use", "A car bomb was intercepted at a checkpoint outside the city on Saturday."),
        (
            "Non-state actor overtakes territory",
            "The insurgents seized control of the capital on Friday after troops retreated.",
        ),
    ],
)
def test_more_wordings_of_news(expected: str, text: str) -> None:
    assert _types(text) == [expected]


def test_arrests_as_a_noun_stay_arrests_of_their_own_kind() -> None:
    assert _types("The arrests of three activists on Friday drew condemnation from rights groups.") == [
        "Arrests"
    ]
