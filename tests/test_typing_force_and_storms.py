"""Force used on a crowd is part of its protest event; a storming its doer goes on to fight in is a
battle (our own wordings)."""

from __future__ import annotations

from geoevents.events import events_from_article
from geoevents.events.subtypes import refined
from geoevents.ingest.articles import article_from_text

EXCESSIVE = "Excessive force against protesters"


def _types(text: str) -> list[str]:
    article = article_from_text(text, metadata={"id": "t", "published": "2022-05-10"})
    return [e.sub_event_type for e in events_from_article(article, [])]


def test_killing_a_protester_is_excessive_force() -> None:
    assert refined("Attack", "Guards fired at the crowd, killing one protester.") == EXCESSIVE
    assert refined("Attack", "Troops opened fire on the sit-in, wounding four demonstrators.") == EXCESSIVE
    assert refined("Attack", "Gunmen fired on a market, killing one trader.") == "Attack"


def test_shots_on_a_peaceful_march_are_one_excessive_force_event() -> None:
    text = (
        "Hundreds of teachers marched through Nasiriyah on Sunday, demanding their unpaid wages. "
        "Police fired live ammunition to disperse them, killing one protester and wounding three."
    )
    assert _types(text) == [EXCESSIVE]


def test_force_on_rioters_stays_part_of_the_riot() -> None:
    text = (
        "Hundreds of protesters set tyres ablaze in Nasiriyah on Sunday and tried to storm the governor's "
        "office. Security forces fired live rounds to disperse them, killing one protester."
    )
    assert _types(text) == ["Violent demonstration"]


def test_a_killing_elsewhere_is_not_folded_into_the_march() -> None:
    text = (
        "Hundreds of teachers marched through Nasiriyah on Sunday. In Basra, gunmen shot dead a shopkeeper."
    )
    assert sorted(_types(text)) == ["Attack", "Peaceful protest"]


def test_a_storming_its_doer_goes_on_to_fight_is_one_clash() -> None:
    text = (
        "Militia fighters stormed the western districts of Nyala on Friday after a long siege "
        "and fought army troops in the streets, witnesses said."
    )
    assert _types(text) == ["Armed clash"]


def test_a_storming_of_villagers_stays_an_attack_beside_a_later_clash() -> None:
    text = (
        "Gunmen stormed a village near Kismayo on Monday, killing eight villagers, "
        "and then clashed with troops."
    )
    assert sorted(_types(text)) == ["Armed clash", "Attack"]


def test_the_clash_a_later_clause_names_keeps_the_attackers() -> None:
    text = "Militants attacked an army checkpoint near Kismayo on Friday; the clash left one militant dead."
    assert _types(text) == ["Armed clash"]
