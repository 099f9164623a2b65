"""Classes of wording fixed against the codebook definitions, each in several wordings of our own.

Aircraft shot down (crewed: a clash; uncrewed: disrupted weapons use), attacks stopped before they
struck, ground taken by driving its holders out, state forces fighting with their allies, the dead of
armed sides, killings told as "fatally shot" or by a sniper, aircraft verbs, and the two classes of
words that are no event: the origin of a war told in passing, and damage done by a crash or a blast.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.coref import consolidate
from geoevents.events.draft import Draft
from geoevents.ingest.articles import article_from_text
from geoevents.records import ZoneKind
from geoevents.settings import DEFAULT

PUBLISHED = datetime(2021, 3, 20)


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return [e.sub_event_type for e in events_from_article(article, [])]


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents shot down an army helicopter over the valley on Thursday, killing its two pilots.",
        "A government warplane was shot down by militia fighters near the river on 18 March 2021.",
        "Rebels said they downed a fighter jet north of the city on Friday.",
    ],
)
def test_a_crewed_aircraft_shot_down_is_an_armed_clash(text: str) -> None:
    assert _types(text) == ["Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "Air defence units shot down two drones over the airbase on Thursday.",
        "Soldiers destroyed a truck rigged with explosives before it reached the checkpoint on Friday.",
        "Police said the parcel bomb left at the ministry on Friday did not go off.",
        "A device was found under a bridge on Thursday and army engineers defused it.",
    ],
)
def test_an_attack_stopped_before_it_strikes_is_disrupted_weapons_use(text: str) -> None:
    assert _types(text) == ["Disrupted weapons use"]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "Non-state actor overtakes territory",
            "On Friday the militants drove the army out of the border post.",
        ),
        (
            "Non-state actor overtakes territory",
            "Rebel fighters chased pro-government militias out of Qaryat on 18 March.",
        ),
        (
            "Government regains territory",
            "Troops and allied militiamen regained control of the hill on Friday.",
        ),
        (
            "Government regains territory",
            "The army, backed by militia fighters, retook the village on Friday.",
        ),
        (
            "Non-state actor overtakes territory",
            "Kurdish fighters backed by government artillery took the town on Friday.",
        ),
    ],
)
def test_who_takes_ground_is_the_actor_not_its_support(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Three soldiers and eleven gunmen were killed in the battle near the mine on Friday.",
        "Fighters of the rebel brigade were also killed in the fighting near Tarin on Friday.",
    ],
)
def test_the_dead_of_armed_sides_are_a_clash(text: str) -> None:
    assert _types(text) == ["Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "Militants fatally shot a local councillor outside his office in the town on Friday.",
        "A farmer was wounded by army sniper fire in the village of Kfar on Thursday.",
    ],
)
def test_fatal_shootings_and_sniper_fire_at_civilians_are_attacks(text: str) -> None:
    assert _types(text) == ["Attack"]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("Air/drone strike", "Government jets bombarded the market town of Sarmin on Friday."),
        ("Air/drone strike", "Bombs were dropped on the eastern district on Friday, killing four."),
        (
            "Shelling/artillery/missile attack",
            "Troops pounded rebel trenches east of the airport with rockets on Friday.",
        ),
    ],
)
def test_aircraft_and_rocket_wordings(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2011 with peaceful protests against the government.",
        "The uprising, which started as student demonstrations, later grew into a civil war.",
        "What began as a protest movement evolved into a long insurgency.",
        "A cargo plane crashed at the edge of the town on Friday, destroying four houses.",
        "An explosion at the depot on Friday destroyed several shops nearby.",
    ],
)
def test_a_war_origin_and_damage_done_by_a_crash_or_blast_are_no_new_event(text: str) -> None:
    assert "Peaceful protest" not in _types(text)
    assert "Looting/property destruction" not in _types(text)


def test_houses_torched_by_a_militia_are_still_property_destruction() -> None:
    assert _types("Militiamen torched houses in the village of Kuda on Friday.") == [
        "Looting/property destruction"
    ]


def test_a_clause_whose_first_trigger_is_set_aside_is_read_for_its_next_act() -> None:
    text = "Defying a house arrest order in the capital on Friday, his supporters threw stones at police."
    assert _types(text) == ["Violent demonstration"]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "Air/drone strike",
            "On Friday four children were killed by bombs dropped from army helicopters on Kafr Nabl.",
        ),
        (
            "Remote explosive/landmine/IED",
            "Two guards were killed by a bomb hidden in a cart at the market on Friday.",
        ),
    ],
)
def test_a_killing_by_a_bomb_is_typed_by_the_bomb(expected: str, text: str) -> None:
    assert _types(text) == [expected]


def test_one_more_act_at_another_place_is_another_event(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = (
        "Government jets struck the town of Saraqib on Friday, killing five people. "
        "Also in Idlib province, jets struck the town of Maarat al-Numan on Friday, killing two."
    )
    article = article_from_text(text, metadata={"published": PUBLISHED})
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert [e.sub_event_type for e in events] == ["Air/drone strike", "Air/drone strike"]


@pytest.mark.parametrize(
    "text",
    [
        "The mosque in the old quarter was also destroyed by Russian airstrikes.",
        "Separatists said there were army artillery attacks on the village of Ergneti on Friday.",
        "Clashes were continuing around the airport of Taftanaz on Friday as rebels pressed their assault.",
    ],
)
def test_a_plural_told_as_one_occasion_is_an_event(text: str) -> None:
    assert len(_types(text)) == 1


def test_an_ambassador_shot_dead_is_political_violence() -> None:
    text = (
        "An off-duty officer fatally shot the ambassador at a gallery in the capital on Monday. "
        "His father and sister were detained by police later that day."
    )
    assert "Attack" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Kurdish-led alliance has captured wide areas from the extremists.",
        "The militia has fought alongside government forces against the rebels.",
        "The group has also been under attack in the neighbouring country.",
    ],
)
def test_a_campaign_told_in_the_present_perfect_is_no_event(text: str) -> None:
    assert _types(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "In recent days rebel fighters have captured several villages in the north of the district.",
        "Seven people have been arrested by the security forces in connection with the bombing.",
    ],
)
def test_news_of_the_last_days_and_detentions_in_the_present_perfect_are_events(text: str) -> None:
    assert len(_types(text)) == 1


def test_shells_carrying_gas_that_choke_are_a_chemical_weapon() -> None:
    text = "Militants fired shells containing gas at the district on Tuesday, causing cases of suffocation."
    assert _types(text) == ["Chemical weapon"]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("Air/drone strike", "New strikes kill at least 25 civilians in the east of the city on Saturday."),
        ("Armed clash", "Militants launched strikes on army posts near the border on Friday."),
    ],
)
def test_strikes_no_ground_group_made_are_from_the_air(expected: str, text: str) -> None:
    assert _types(text) == [expected]


def test_those_who_came_under_fire_are_its_target() -> None:
    text = "Government soldiers came under fire from insurgents outside the village of Kuda on Friday."
    assert _types(text) == ["Armed clash"]


def test_an_act_named_as_the_reason_for_a_sentence_is_no_new_event() -> None:
    text = "The militia leader was imprisoned by foreign troops at a camp near Basra in 2007 for attacks."
    assert _types(text) == []


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "Armed clash",
            "An attack on the army base killed a contractor and wounded four soldiers on Friday.",
        ),
        ("Attack", "Gunmen attacked a refugee camp near the city on Friday, killing three women."),
    ],
)
def test_an_attack_on_a_base_is_on_its_force_and_on_a_refugee_camp_on_civilians(
    expected: str, text: str
) -> None:
    assert _types(text) == [expected]


def test_fighters_continuing_to_battle_are_a_clash() -> None:
    text = (
        "On Friday the rebels were continuing to battle the militants on two fronts for control of the town."
    )
    assert _types(text) == ["Armed clash"]


def test_among_the_dead_are_the_victims_of_the_event_just_told(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = (
        "Government jets struck the market town of Saraqib on Friday, killing twelve civilians. "
        "Among the dead were four people killed as they queued for bread in Latakia."
    )
    article = article_from_text(text, metadata={"published": PUBLISHED})
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


@pytest.mark.parametrize("who", ["A shopkeeper", "A street vendor", "A bystander"])
def test_a_trader_or_bystander_killed_by_army_fire_is_an_attack_on_a_civilian(who: str) -> None:
    text = f"{who} was killed by army sniper fire in the old quarter of the city on 3 March 2021."
    assert _types(text) == ["Attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors said he planned to buy rifles and then to attack a police station in the capital.",
        "The cell had gathered explosives in order to bomb the bridge on Friday.",
        "Thousands of townspeople protested against the mine last fall.",
        "The pastor was originally detained in the coastal town in 2016.",
    ],
)
def test_purposes_plans_and_acts_of_past_seasons_are_no_event(text: str) -> None:
    assert _types(text) == []


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("Government regains territory", "Troops managed to retake the town of Kafr Nabl on Friday."),
        ("Armed clash", "On Friday the rebels began to attack army posts east of the town of Kafr Nabl."),
    ],
)
def test_acts_done_after_managed_to_or_began_to_are_events(expected: str, text: str) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("Air/drone strike", "The town was bombarded by government helicopters on Friday, killing four."),
        ("Shelling/artillery/missile attack", "Army artillery bombarded the town on Friday, killing four."),
    ],
)
def test_a_bombardment_from_aircraft_is_an_air_strike_and_from_guns_shelling(
    expected: str, text: str
) -> None:
    assert _types(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents shot down an army helicopter near the dam on 4 March 2021. Its two pilots were killed.",
        "On 6 March 2021 militia fighters shot down a government warplane. The pilot was killed.",
        "Rebels downed an air force jet over the hills on Tuesday. Their three crewmen were killed.",
    ],
)
def test_the_crew_killed_after_an_aircraft_is_downed_is_the_same_event(text: str) -> None:
    assert _types(text) == ["Armed clash"]


def test_soldiers_killed_apart_from_a_downed_drone_stay_an_event_of_their_own() -> None:
    text = "Rebels shot down an army drone near the town on Monday. Two soldiers died in a separate ambush."
    assert len(_types(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "On 9 March 2021, the government and the rebel council agreed to reopen the road to the port.",
        "The army agreed with the militia to pull back its tanks from the bridge on 9 March 2021.",
        "Officials said on Tuesday the regional government and the army had agreed to redeploy troops.",
    ],
)
def test_two_parties_agreeing_to_an_act_is_an_agreement(text: str) -> None:
    assert _types(text) == ["Agreement"]


@pytest.mark.parametrize(
    "text",
    [
        "The government agreed on 9 March 2021 to deploy more troops to the province.",
        "The army and the rebels are expected to agree to reopen the road next week.",
        "The army and the rebels said they would agree to resume the exchange talks.",
        "If the army and the rebels agreed to reopen the road, trade would resume.",
    ],
)
def test_one_side_s_plan_or_a_future_agreement_is_no_event(text: str) -> None:
    assert _types(text) == []


def test_a_lead_placed_nowhere_and_the_body_telling_the_same_strike_are_one_event() -> None:
    text = (
        "Date of publication 20 March 2021 Warplanes have struck a hamlet under Islamic State control "
        "killing civilians among them two women. Tags Syria Islamic State Group Two women were among at "
        "least eleven civilians who died when jets bombed a hamlet the Islamic State group holds on "
        "Saturday, rebels said."
    )
    assert _types(text) == ["Air/drone strike"]


def test_a_second_strike_the_body_calls_another_stays_an_event_of_its_own() -> None:
    text = (
        "An air strike hit a market on 18 March 2021, killing shoppers. "
        "In another air strike on 18 March 2021, a school was hit."
    )
    assert _types(text) == ["Air/drone strike", "Air/drone strike"]


@pytest.mark.parametrize(
    "text",
    [
        "Sunday 21 March 2021: Thirty rebels dead in fighting for the hill road. Thirty rebels were killed "
        "in clashes with army troops overnight near the hill road, a monitor said on Sunday.",
        "Nine soldiers were killed on 19 March 2021 in clashes with insurgents in the hills. The fighting, "
        "which went on into 20 March 2021, left nine soldiers dead.",
    ],
)
def test_one_fight_whose_toll_is_told_again_a_day_apart_is_one_event(text: str) -> None:
    assert _types(text) == ["Armed clash"]


def test_fights_a_day_apart_whose_dead_are_of_other_sides_stay_two_events() -> None:
    text = (
        "Thirty rebels were killed in clashes with army troops near the dam on 18 March 2021. "
        "On 19 March 2021, thirty soldiers were killed in clashes with rebels near the dam."
    )
    assert _types(text) == ["Armed clash", "Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed a police post near the town on 18 March 2021. Two policemen were among those killed.",
        "Gunmen raided a checkpoint on the highway on 18 March 2021. A guard was among the dead.",
    ],
)
def test_victims_told_as_among_those_killed_are_the_event_just_told(text: str) -> None:
    assert len(_types(text)) == 1


def _strike_draft(order: int, day: int, **kw: object) -> Draft:
    d = Draft(order=order, sub_event_type="Air/drone strike", generic=None, zone=ZoneKind.BODY)
    d.date, d.precision = date(2021, 3, day), 1
    for key, value in kw.items():
        setattr(d, key, value)
    return d


def test_a_quoted_strike_dated_only_by_today_is_the_act_the_lead_told_the_day_before() -> None:
    # "40 fighters were killed on Saturday in air strikes" ... "carried out six air strikes today" (Sunday)
    lead = _strike_draft(0, 20, fatalities=(40, False), actor1="Military Forces of Syria")
    quote = _strike_draft(1, 21, tags={"date-ref:dateline"}, actor1="Military Forces of Russia")
    kept = consolidate([lead, quote], None, DEFAULT)
    assert [(d.order, d.date.day if d.date else None) for d in kept] == [(0, 20)]


def test_a_strike_told_with_its_own_toll_the_next_day_stays_an_event_of_its_own() -> None:
    first = _strike_draft(0, 20, fatalities=(40, False))
    second = _strike_draft(1, 21, tags={"date-ref:dateline"}, fatalities=(3, False))
    assert len(consolidate([first, second], None, DEFAULT)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Bombs and missiles hit the crowded market on Wednesday, killing four shoppers.",
        "Barrel bombs and rockets rained on the northern quarter on Wednesday, medics said.",
        "Army helicopters fired rockets at the hill farms on Wednesday, killing two shepherds.",
        "An air raid with guided missiles struck the depot on Wednesday, the monitor said.",
    ],
)
def test_bombs_beside_missiles_or_rockets_fired_from_aircraft_are_an_air_strike(text: str) -> None:
    # The codebook's aerial bombardment (barrel bombs included); artillery fires no bombs.
    assert _types(text) == ["Air/drone strike"]


def test_rockets_fired_from_the_ground_stay_shelling() -> None:
    text = "Rebels fired rockets at the garrison town on Wednesday, killing two soldiers."
    assert _types(text) == ["Shelling/artillery/missile attack"]
