"""Typing by the weapon and the act a clause states: ground-launched missiles, a seized haul, a cause.

Wordings of our own. The codebook types remote violence by its delivery: missiles fired from the
ground are shelling/missile attacks even when aircraft took part. Weapons listed as seized are a
haul, not a weapon used. An earlier act a clause names as its cause ("angry over the shelling",
"in revenge for air strikes") is not the clause's act; a diplomat shot dead is a civilian attacked.
"""

from __future__ import annotations

from datetime import datetime

from geoevents.events import events_from_article
from geoevents.events.text import Span, clauses_from_sentence
from geoevents.events.triggers import best_trigger
from geoevents.ingest.articles import article_from_text
from geoevents.settings import Settings

PUBLISHED = datetime(2022, 5, 10)


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"published": PUBLISHED})
    return [e.sub_event_type for e in events_from_article(article, [], settings=Settings())]


def test_ground_launched_missiles_with_aircraft_are_shelling() -> None:
    text = (
        "Army units and warplanes pounded insurgent trenches near the river crossing with rockets and "
        "surface-to-surface missiles on Tuesday, a monitoring group said."
    )
    assert _types(text) == ["Shelling/artillery/missile attack"]


def test_aircraft_alone_stay_an_air_strike() -> None:
    assert _types("Warplanes bombed a crowded market in the valley on Tuesday, killing nine people.") == [
        "Air/drone strike"
    ]


def test_grenades_in_a_seized_haul_are_not_a_grenade_attack() -> None:
    clause = "after the firefight troops seized 20 rifles, four launchers, 11 hand grenades and 900 rounds"
    found = best_trigger(clause)
    assert found is None or found.trigger.sub_event_type != "Grenade"


def test_a_thrown_grenade_is_still_a_grenade() -> None:
    found = best_trigger("a militant threw a hand grenade at the police post, wounding two officers")
    assert found is not None and found.trigger.sub_event_type == "Grenade"


def test_act_before_its_cause_types_the_clause() -> None:
    found = best_trigger("gunmen attacked a checkpoint on Monday in revenge for air strikes on their camps")
    assert found is not None and found.trigger.sub_event_type is None  # the attack, typed by its actors


def test_a_role_in_a_bombardment_is_no_act() -> None:
    assert best_trigger("the army's role in the shelling of the old quarter") is None


def test_shooting_of_a_diplomat_is_an_attack() -> None:
    text = "A gunman fatally shot the visiting envoy outside a hotel in the capital on Monday, police said."
    assert _types(text) == ["Attack"]


def test_terms_of_a_deal_are_not_an_act() -> None:
    clause = (
        "elders had reached an agreement with officials that the fighters would leave the town "
        "in exchange for a halt to the shelling"
    )
    found = best_trigger(clause)
    assert found is not None and found.trigger.sub_event_type == "Agreement"


def test_support_from_the_air_is_still_told() -> None:
    found = best_trigger("militia fighters backed by air strikes took the hill on Friday")
    assert found is not None and found.trigger.sub_event_type is not None


def test_a_captive_killed_is_an_attack() -> None:
    text = "Insurgents said the downed pilot was detained and was later executed by a guard on Friday."
    assert _types(text) == ["Attack"]


def test_a_protest_kept_from_a_sealed_square_had_intervention() -> None:
    text = (
        "After police cordoned off the central square, about 900 protesters gathered in side streets "
        "in the capital on Saturday, chanting slogans against the fuel price rise."
    )
    assert _types(text) == ["Protest with intervention"]


def test_then_after_a_toll_opens_a_second_act() -> None:
    text = "Militants shot dead three herders on Monday, killing eight, then clashed with soldiers."
    assert sorted(_types(text)) == ["Armed clash", "Attack"]


def test_rebel_fire_in_an_air_war_story_is_shelling() -> None:
    text = (
        "Government warplanes carried out air strikes on rebel-held Douma on Tuesday, killing 12 people, "
        "a monitor said. Air raids also hit Harasta. In central Damascus one woman was killed on "
        "Wednesday by rebel fire from the outskirts, state media said."
    )
    assert sorted(_types(text)) == ["Air/drone strike", "Shelling/artillery/missile attack"]


def test_who_holds_the_place_entered_is_not_who_took_it() -> None:
    text = (
        "Islamic State militants entered Hasakah, where control is shared between Kurdish and "
        "government forces, on 9 May, seizing several southern districts."
    )
    assert _types(text) == ["Non-state actor overtakes territory"]


def test_words_for_the_doers_alone_are_no_act() -> None:
    assert best_trigger("officials had complained about the presence of gunmen in the hills") is None


def test_trading_fire_is_a_clash() -> None:
    found = best_trigger("gunmen and village guards traded fire for an hour outside the market")
    assert found is not None and found.trigger.sub_event_type == "Armed clash"


def test_as_before_a_named_force_opens_a_clause() -> None:
    sentence = "The twin bombings on Monday came as IS fighters pressed their assault on the besieged town."
    parts = [p.text for p in clauses_from_sentence(Span(0, len(sentence), sentence, None))]
    assert parts[0] == "The twin bombings on Monday came"
    assert parts[1].startswith("as IS fighters")
