"""Battles, remote violence and violence against civilians: detection, typing and coreference, in
wordings of our own. No gazetteer: the rules are judged on the words alone."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text
from geoevents.records import Event

PUBLISHED = datetime(2022, 6, 20)


def _events(text: str) -> list[Event]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return events_from_article(article, [])


def _types(text: str) -> list[str]:
    return [e.sub_event_type for e in _events(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 14 June 2022, rebels seized the town of Marwa after three days of fighting with the army.",
            "Non-state actor overtakes territory",
        ),
        (
            "Troops recaptured the hill outpost on Friday following fierce clashes with insurgents.",
            "Government regains territory",
        ),
        (
            "Militants overran the border post on Sunday after an exchange of fire with guards, police said.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_the_fight_a_capture_came_after_is_the_capture(text: str, expected: str) -> None:
    """A battle in which a place changes hands is coded as the territorial event alone."""
    assert _types(text) == [expected]


def test_a_clash_told_apart_from_a_capture_stays_a_clash() -> None:
    text = (
        "On 14 June 2022, rebel fighters seized the town of Marwa. "
        "Fighting between the army and the rebels continued on 15 June near the airport."
    )
    assert sorted(_types(text)) == ["Armed clash", "Non-state actor overtakes territory"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hand-thrown explosive or incendiary is a grenade attack (explosions/grenade).
        ("A man threw a pipe bomb at a police patrol in the market on 18 June 2022 and ran off.", "Grenade"),
        ("On 17 June 2022, unknown men hurled a Molotov cocktail at a militia leader's home.", "Grenade"),
        # Thrown by demonstrators it is their violent demonstration (riots/violent-demonstration).
        ("Youths threw petrol bombs at riot police during the protest on 18 June.", "Violent demonstration"),
        # Ground-launched missiles and rockets, however the sentence names them (explosions/shelling).
        (
            "On 18 June 2022, Russian forces hit the city with cruise missiles, wounding four people.",
            "Shelling/artillery/missile attack",
        ),
        (
            "A rocket fired by the militants struck a school on 18 June 2022, killing a teacher.",
            "Shelling/artillery/missile attack",
        ),
        # Munitions from the air (explosions/air).
        ("On 18 June 2022, guided aerial bombs hit a village, killing two.", "Air/drone strike"),
        (
            "On 18 June 2022, the army attacked the port with loitering munitions, killing three.",
            "Air/drone strike",
        ),
        # A device set off from afar (explosions/ied) and one worn by its bomber (explosions/suicide).
        (
            "On 18 June 2022, militants remotely detonated a parked motorcycle in the market, wounding 5.",
            "Remote explosive/landmine/IED",
        ),
        (
            "On 18 June 2022, a man in an explosive vest detonated it at a checkpoint, killing 4 soldiers.",
            "Suicide bomb",
        ),
        # Civilians carried off by an armed group (vac/abduction).
        ("Gunmen seize 15 passengers from a bus on the highway", "Abduction/forced disappearance"),
        (
            "On 18 June 2022, armed men took three farmers from their fields near the village.",
            "Abduction/forced disappearance",
        ),
    ],
)
def test_plain_wordings_of_remote_violence_and_attacks(text: str, expected: str) -> None:
    assert _types(text) == [expected]


def test_a_headline_in_the_present_shoots_dead() -> None:
    events = _events("Militia fighters shoot dead two aid workers near Kidal")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_a_strike_told_twice_with_its_striker_read_as_hit_is_one_event() -> None:
    """ "Raids by Russian warplanes" names the striker after "by"; it is the strike the lead told."""
    text = (
        "Rebel fighters shelled an army post on 17 June 2022. "
        "On 18 June 2022, Russian air strikes killed nine people in the town of Kafr Halab. "
        "A pair of raids by Russian warplanes on the same town also left 30 people wounded."
    )
    assert _types(text) == ["Shelling/artillery/missile attack", "Air/drone strike"]


def _placed_types(text: str, gazetteer) -> list[str]:  # type: ignore[no-untyped-def]
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = article_from_text(text, metadata={"published": PUBLISHED})
    resolved = resolved_mentions_from_article(article, gazetteer=gazetteer)
    return [e.sub_event_type for e in events_from_article(article, resolved)]


@pytest.mark.parametrize(
    "text",
    [
        "The coalition has carried out more than 300 air strikes around Raqqa since the offensive began.",
        "Government forces have captured wide areas of Homs province from the militants.",
    ],
)
def test_a_campaign_told_in_the_present_perfect_is_no_event_even_with_a_place(
    text: str,
    gazetteer,  # type: ignore[no-untyped-def]
) -> None:
    assert _placed_types(text, gazetteer) == []


def test_one_act_told_in_the_present_perfect_is_news(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Two suicide bombers have carried out an attack near a police station in Damascus."
    assert _placed_types(text, gazetteer) == ["Suicide bomb"]


def test_a_report_dated_by_its_telling_is_the_act_of_the_day_before() -> None:
    """'A monitor said on Monday' dates the telling; the strike the body dates on Sunday is that act."""
    text = (
        "Rebel fighters shelled an army post on 17 June 2022. "
        "Air strikes have killed dozens of people in the town of Kafr Nabl, a monitor said on Monday. "
        "Warplanes struck the market of Kafr Nabl on Sunday, killing 14 people, residents said."
    )
    events = _events(text)
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack", "Air/drone strike"]
    assert str(events[1].event_date) == "2022-06-19"


def test_an_attack_on_a_patrol_is_a_clash_though_a_bystander_died_in_it() -> None:
    """The act's own target decides: a civilian a later sentence counts among its dead does not make the
    fight an attack on civilians."""
    text = (
        "Militants opened fire on a police patrol in the city centre on 18 June 2022, killing an officer. "
        "A woman walking nearby was also killed in the shooting."
    )
    assert _types(text) == ["Armed clash"]


def test_a_lone_gunman_is_an_armed_actor() -> None:
    assert _types(
        "On 18 June 2022, a gunman shot dead a local council member outside his home in the town."
    ) == ["Attack"]


def test_a_camp_targeted_by_war_planes_is_an_air_strike() -> None:
    assert _types("A refugee camp east of the town was targeted by regime war planes on 18 June 2022.") == [
        "Air/drone strike"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Settlers are an organised side (an identity militia), not a quiet local story.
        (
            "On 18 June 2022, settlers attacked shepherds grazing sheep near the village, injuring two.",
            "Attack",
        ),
        # A launched rocket told in the passive (explosions/shelling).
        (
            "On 18 June 2022, a rocket-propelled grenade was fired at a police station in the city.",
            "Shelling/artillery/missile attack",
        ),
        # Ordnance left from earlier fighting that goes off (explosions/ied).
        (
            "On 18 June 2022, a boy was wounded when a leftover shell exploded near his home.",
            "Remote explosive/landmine/IED",
        ),
        # Travellers seized on a road are abducted, not a road taken (vac/abduction).
        ("Bandits seized 15 travellers on the highway on 18 June 2022.", "Abduction/forced disappearance"),
        # A bomber setting off the explosives he carries (explosions/suicide).
        (
            "On 18 June 2022, the bomber detonated his explosives among worshippers leaving a mosque.",
            "Suicide bomb",
        ),
    ],
)
def test_more_plain_wordings(text: str, expected: str) -> None:
    assert _types(text) == [expected]


def test_warplanes_named_well_before_their_verb_still_strike() -> None:
    text = "On 18 June 2022, warplanes thought to belong to the government struck a market, killing five."
    assert _types(text) == ["Air/drone strike"]


def test_untyped_raids_in_an_article_about_air_strikes_are_air_strikes() -> None:
    """Raids on a place held by fighters are not a clash when the article's strikes come from the air."""
    text = (
        "Russian air strikes hit the town of Kafr Halab on 17 June 2022, killing four. "
        "Several overnight raids hit a nearby village held by rebel fighters on 18 June 2022."
    )
    assert _types(text) == ["Air/drone strike", "Air/drone strike"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two civilians were killed on 18 June 2022 when a shell landed on their house in the city.",
            "Shelling/artillery/missile attack",
        ),
        (
            "A journalist has been missing since he was taken by armed men on 18 June 2022.",
            "Abduction/forced disappearance",
        ),
        ("On 18 June 2022, militants behead four farmers in a village, residents said.", "Attack"),
    ],
)
def test_shells_landing_people_taken_and_beheadings(text: str, expected: str) -> None:
    assert _types(text) == [expected]


def test_shells_carrying_a_chemical_agent_are_one_chemical_attack() -> None:
    """The clause of the victims and the clause of the shells tell one act, which the agent types."""
    text = (
        "Medics said nine people were treated for exposure to a blister agent after "
        "militant shells fell on a neighbourhood of the city on 17 June 2022."
    )
    assert _types(text) == ["Chemical weapon"]


def test_a_named_armed_group_whose_name_says_army_overtakes_territory() -> None:
    """The lexicon knows the Arakan Army as a rebel group: its capture is a non-state actor's."""
    text = "On 18 June 2022, the Arakan Army said it had captured a junta outpost near the border town."
    assert _types(text) == ["Non-state actor overtakes territory"]


def test_state_control_restored_is_territory_regained() -> None:
    text = "On 18 June 2022, troops cleared the district of militants and restored state control over it."
    assert _types(text) == ["Government regains territory"]
