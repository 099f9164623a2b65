"""Acts in the words of violence or detention that are no new event: a relic of an old war set off by
the person handling it, a march of fans to a match, and detainees named only as those to be freed."""

import re

from geoevents.events.gate import rejection
from geoevents.events.nonpolitical import no_event_reason, release_sought
from geoevents.events.triggers import Trigger


def _trigger(clause: str, word: str) -> re.Match[str]:
    found = re.search(re.escape(word), clause)
    assert found is not None
    return found


def _release(sentence: str, word: str) -> bool:
    at = sentence.index(word)
    return release_sought(sentence, at, at + len(word))


def test_a_relic_of_an_old_war_handled_by_a_finder_is_an_accident() -> None:
    clause = (
        "a rusty mortar round turned up by a digger exploded while the worker was lifting it, hurting him"
    )
    assert no_event_reason(clause, True, _trigger(clause, "exploded")) == "accident"
    clause = "a Second World War bomb unearthed at a building site blew up on Tuesday"
    assert no_event_reason(clause, True, _trigger(clause, "blew up")) == "accident"


def test_a_mine_left_by_a_recent_war_is_still_an_event() -> None:
    clause = "a landmine left behind by the fighting exploded under a shepherd near the front, killing him"
    assert no_event_reason(clause, True, _trigger(clause, "exploded")) is None


def test_fans_marching_to_a_match_are_no_demonstration() -> None:
    clause = "thousands of fans marched through the old town before the derby, chanting club songs"
    assert no_event_reason(clause, False, _trigger(clause, "marched")) == "sport"
    clause = "thousands marched through the old town on Friday against the new tax"
    assert no_event_reason(clause, False, _trigger(clause, "marched")) is None


def test_detainees_named_as_those_to_be_freed_are_no_new_arrest() -> None:
    assert _release(
        "The court ordered the students detained during the past month to be released at once.", "detained"
    )
    assert _release("The tribe called for the release of the elders kidnapped by the gang.", "kidnapped")


def test_an_arrest_told_in_its_own_right_is_not_a_release() -> None:
    assert not _release("Police detained nine students outside the university on Monday.", "detained")
    assert not _release("Police detained nine students, who were later released on bail.", "detained")


def test_the_gate_sets_aside_a_detention_named_only_for_its_release() -> None:
    trigger = Trigger(pattern=re.compile("detained"), sub_event_type="Arrests")
    sentence = "The governor ordered all the union leaders detained over the past fortnight to be set free."
    assert rejection(sentence, trigger, _trigger(sentence, "detained"), sentence=sentence) == "background"
    sentence = "Troops detained the leaders when they stormed the office, and a judge ordered them freed."
    assert rejection(sentence, trigger, _trigger(sentence, "detained"), sentence=sentence) != "background"


def test_a_cause_is_read_by_one_word_of_time() -> None:
    from geoevents.events.gate import opens_on_cause

    assert opens_on_cause(", after the shooting of a driver at the gate")
    assert opens_on_cause("following a raid on the market")
    assert not opens_on_cause("afterwards the troops left the town")


def test_a_stabbing_by_a_man_with_a_mental_illness_is_a_crime_story() -> None:
    from geoevents.events.nonpolitical import crime_story

    text = (
        "A man stabbed three shoppers at a supermarket on Sunday. His relatives told reporters he suffered "
        "from a mental illness and had stopped his treatment."
    )
    assert crime_story(text)
    assert not crime_story(text + " The rebels said the man was one of their fighters.")


def test_vandalism_by_unarmed_youths_in_a_crime_story_is_crime() -> None:
    from geoevents.events.gate import Story

    text = (
        "Detectives said a gang of teenagers broke into homes and stole cars all summer. "
        "They smashed the windows of a dozen shops on the high street."
    )
    clause = "They smashed the windows of a dozen shops on the high street."
    trigger = Trigger(pattern=re.compile("smashed"), sub_event_type="Looting/property destruction")
    m = _trigger(clause, "smashed")
    assert rejection(clause, trigger, m, story=Story(text), sentence=clause) == "crime"
    armed = "Gunmen smashed the windows of a dozen shops on the high street."
    m = _trigger(armed, "smashed")
    assert rejection(armed, trigger, m, story=Story(text), sentence=armed) != "crime"


def test_weeks_of_fighting_are_many_days_of_acts() -> None:
    clause = "the last families left the district after surviving months of heavy shelling"
    trigger = Trigger(pattern=re.compile("shelling"), sub_event_type="Shelling/artillery/missile attack")
    assert rejection(clause, trigger, _trigger(clause, "shelling"), sentence=clause) == "pattern"
    clause = "rebels shelled the district on Friday after months of talks"
    trigger = Trigger(pattern=re.compile("shelled"), sub_event_type="Shelling/artillery/missile attack")
    assert rejection(clause, trigger, _trigger(clause, "shelled"), sentence=clause) is None


def test_a_vigil_that_only_remembers_is_no_protest() -> None:
    from geoevents.events.nonpolitical import mourning_only

    assert mourning_only("villagers held a vigil to mark a year since the bombing of the market", "vigil")
    assert not mourning_only(
        "villagers held a vigil to mark a year since the bombing, demanding a trial", "vigil"
    )
    assert not mourning_only("students held a vigil outside parliament against the new law", "vigil")
    assert not mourning_only("villagers marched to mark a year since the bombing of the market", "marched")


def test_an_act_someone_wants_is_not_asserted() -> None:
    from geoevents.events.realis import asserted

    clause = "the ministry wanted the handover of the border post to its troops"
    assert not asserted(clause, clause.index("handover"))
    clause = "police arrested a wanted smuggler near the port"
    assert asserted(clause, clause.index("arrested"))


def test_the_people_an_act_names_are_no_report_of_it() -> None:
    from geoevents.events.realis import named_by_act

    clause = "officials said the kidnapped students had been held in a forest camp"
    assert named_by_act(clause, _trigger(clause, "kidnapped"))
    clause = "gunmen kidnapped the students from their dormitory on Friday"
    assert not named_by_act(clause, _trigger(clause, "kidnapped"))
    clause = "those detained were taken to the capital"
    assert not named_by_act(clause, _trigger(clause, "detained"))


def test_a_grenade_in_a_haul_of_seized_arms_is_no_grenade_attack() -> None:
    trigger = Trigger(pattern=re.compile("grenades"), sub_event_type="Grenade")
    clause = "troops seized a cache of forty rifles, two mortars, nine hand grenades and a truck"
    assert rejection(clause, trigger, _trigger(clause, "grenades"), sentence=clause) == "object"
    clause = "the men seized the checkpoint and threw hand grenades at the guards"
    assert rejection(clause, trigger, _trigger(clause, "grenades"), sentence=clause) is None


def test_a_building_searched_in_the_passive_is_no_attack() -> None:
    clause = "the charity's offices in the old town were also searched on Tuesday"
    assert no_event_reason(clause, True, _trigger(clause, "searched")) == "crime"
    clause = "the homes of two families were raided by armed men overnight"
    assert no_event_reason(clause, True, _trigger(clause, "raided")) is None
