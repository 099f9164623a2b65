"""Battles, remote violence and violence against civilians in plain wordings: coder-note and news
shapes of our own, their realis, and the typing the codebook's definitions give. No gazetteer."""

from __future__ import annotations

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

ATTACK = "Attack"
CLASH = "Armed clash"
IED = "Remote explosive/landmine/IED"
SHELLING = "Shelling/artillery/missile attack"


def _types(text: str) -> list[str]:
    """The sub-event types found in ``text`` given with no publication date, as a bare note is."""
    return [e.sub_event_type for e in events_from_article(article_from_text(text, metadata={"id": "t"}), [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A killing in the words of conflict (snipers, border guards, unidentified assailants, camps of
        # the displaced) is not local crime news.
        (
            "On 4 May 2021, a man was stabbed to death by an unidentified person in a displacement camp.",
            ATTACK,
        ),
        (
            "On 9 August 2021, border guards shot dead a young shepherd near the frontier village of Kalat.",
            ATTACK,
        ),
        ("A woman was killed by a sniper in the old quarter of Taiz on Tuesday, medics said.", ATTACK),
        # Bodies found with the marks of violence.
        (
            "On 2 March 2021, four bodies were found near Tabqa (Raqqa), bearing signs of torture.",
            ATTACK,
        ),
        ("A body was found in a canal outside Baqubah on Monday with bullet wounds to the chest.", ATTACK),
        ("Residents found two bullet-riddled bodies near Kirkuk on Friday.", ATTACK),
        # A vehicle bomb is a planted device unless its driver dies in it; a mine is a planted device.
        ("On 3 June 2021, a VBIED exploded near a market in Azaz, killing 5 people.", IED),
        ("An SVBIED rammed the gate of an army post near Tadmur on Monday.", "Suicide bomb"),
        ("Two boys were killed by an old mine while herding goats near Kandahar on Saturday.", IED),
        ("On 12 May 2021, a farmer was wounded when he stepped on a mine in Jubb al-Jarrah.", IED),
        # A finite verb and its occasion make a plural one act, with no publication date to resolve the day.
        ("Houthi fighters fired rockets at the port of Jizan on Sunday.", SHELLING),
        ("Militants launched mortars at the district office overnight, wounding two guards.", SHELLING),
        ("Mortar shells land near the presidential compound in Mogadishu", SHELLING),
        # The codebook's Attack is violence on the unarmed: an ambush on civilians, a beating.
        (
            "Three aid workers were killed in an ambush on their vehicle near Bunia, the charity said.",
            ATTACK,
        ),
        ("Gunmen ambushed a bus carrying traders on the road to Kaura on Tuesday, killing nine.", ATTACK),
        ("Insurgents ambushed an army patrol near Diffa on Sunday, killing four soldiers.", CLASH),
        ("Settlers beat a Palestinian shepherd near Hebron on Saturday, injuring him.", ATTACK),
        ("On 6 May 2021, a journalist was beaten by militiamen at a checkpoint in Sirte.", ATTACK),
        # Fire exchanged, fighting that took place, artillery fired, a drone named as the weapon.
        ("On 2 April 2021, army units and rebels exchanged heavy machine gun fire near Kafr Tal.", CLASH),
        ("On 3 April 2021, fighting took place between tribal fighters and the army in Wadi Abida.", CLASH),
        ("On 4 April 2021, the army fired artillery shells at rebel positions near Jabal Zawiya.", SHELLING),
        (
            "On 5 April 2021, the militia targeted a market in Saada with a drone, killing 3.",
            "Air/drone strike",
        ),
        ("On 6 April 2021, an armed man shot at a grocer in Busra, wounding him.", ATTACK),
        # An advance repelled, a person shot with live fire, an explosive drone launched at a place.
        ("On 7 April 2021, rebels attempted to advance on army posts near Kabani, and were repelled.", CLASH),
        (
            "On 8 April 2021, the gendarmerie shot and killed a refugee crossing the border near Atmeh.",
            ATTACK,
        ),
        (
            "On 9 April 2021, soldiers shot a teenager with live ammunition near Beit Fajjar, injuring him.",
            ATTACK,
        ),
        (
            "On 10 April 2021, the rebels launched an explosive drone towards Jizan airport.",
            "Air/drone strike",
        ),
        # Where the act happened (a checkpoint) is not its target (a civilian car).
        (
            "On 11 April 2021, militiamen fired on a civilian car at a checkpoint in Rada, killing a woman.",
            ATTACK,
        ),
        # The agreement a victim had joined is no new agreement: the killing is the event.
        (
            "On 12 April 2021, gunmen killed a man who had joined the reconciliation agreement in Nawa.",
            ATTACK,
        ),
        # A device named as what strikes destroyed is not the means of the act.
        (
            "On 4 May 2021, jets conducted 9 strikes near Hajin and destroyed 4 posts and a car bomb.",
            "Air/drone strike",
        ),
        ("A car bomb struck a checkpoint in Azaz on Monday, wounding two guards.", IED),
        ("On 7 June 2021, an army truck struck an IED near Damboa, killing 4 soldiers.", IED),
        ("The wreckage of a bus hit by a roadside bomb near Djibo, 5 September 2021", IED),
    ],
)
def test_plain_wordings_give_their_event(text: str, expected: str) -> None:
    assert _types(text) == [expected]


def test_a_part_in_it_denied_leaves_the_event() -> None:
    text = "On 3 May 2021, a drone hit a depot in Hit, an attack blamed on Israel, which denied involvement."
    assert _types(text) == ["Air/drone strike"]


@pytest.mark.parametrize(
    "text",
    [
        "A man was stabbed to death during a quarrel with his neighbour in Leeds on Sunday.",
        # What would happen is not an event.
        "Aid agencies warned that a drone strike on the crowded camp would kill many civilians.",
        "A ground assault on the town could leave hundreds dead, the UN envoy said.",
        "The visitors beat the home side 2-1 in Mosul on Friday.",
        "The deputy minister was found dead of carbon monoxide poisoning at his flat in Tbilisi on Friday.",
        # A reference to a past massacre is no new event, whatever day the text names.
        "Relatives gathered in the town on Monday to bury 30 newly found victims of the 1993 massacre.",
        # Claims of responsibility, reports the other side denies, anniversaries.
        "The Baloch Liberation Army said in an email that it was behind the attack and warned of more.",
        "The rebels said they had seized the airport at Kindu, a claim the army denied.",
        "The militia said its drones had hit a refinery at Ras Tanura, but officials reported no attack.",
        "The army rejected reports that its troops had shot villagers near Minbya, calling them fabricated.",
        "The group said its rockets had hit a base near Erbil, but officials said no rockets landed.",
        "The town marks two years since the Tarhuna massacre",
        "A ground assault on the camp near Tawila would be a disaster for the displaced, aid groups said",
        # Habitual: told as happening many times.
        "Rebels have shelled the border villages many times since the truce.",
    ],
)
def test_no_event(text: str) -> None:
    assert _types(text) == []


@pytest.mark.parametrize(
    ("clause", "word", "expected"),
    [
        ("A drone strike on the crowded camp near the town would kill many", "strike", False),
        (
            "The sides reached a settlement under which local fighters would hand over their weapons",
            "settlement",
            True,
        ),
        ("An attack that killed six would be investigated", "attack", True),
    ],
)
def test_a_modal_of_the_trigger_s_own_phrase_not_of_a_relative_clause(
    clause: str, word: str, expected: bool
) -> None:
    from geoevents.events.realis import asserted

    assert asserted(clause, clause.index(word)) is expected
