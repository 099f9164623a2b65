"""Tolls read through the shapes a clause takes: an aside between the count and its verb, two acts
done to the same dead, a part told as "N of them", dead added to a toll told before."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.events.counts import casualties_from_text
from geoevents.records import Article

# Each with the toll a coder reads through the aside.
ASIDES = [
    ("Four paramedics - volunteers of a local charity - were killed when a shell hit their car.", 4),
    ("Seven guards (members of a private firm) were shot dead at the gate.", 7),
    ("The clashes left 12 villagers - among them two elders - and 5 policemen dead.", 17),
    ("The raid - which killed six traders - was blamed on the militia.", 6),
]


@pytest.mark.parametrize(("text", "expected"), ASIDES)
def test_an_aside_between_count_and_verb_is_read_past(text: str, expected: int) -> None:
    assert casualties_from_text(text).fatalities == expected


def test_two_acts_done_to_the_same_dead_count_them_once() -> None:
    found = casualties_from_text("Militants beheaded and crucified five shepherds in the village square.")
    assert found.fatalities == 5


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed eleven men, six of them farmers, near the well.",
        "Gunmen killed eleven men, among them six farmers, near the well.",
    ],
)
def test_a_part_told_after_the_whole_is_not_added(text: str) -> None:
    assert casualties_from_text(text).fatalities == 11


def test_dead_added_to_an_earlier_toll_do_not_lower_it() -> None:
    text = (
        "A drone strike on a wedding party killed 14 guests on Friday, a monitor said. "
        "The monitor had first given a toll of 11 for the strike; three more guests died of their wounds."
    )
    article = Article(id="c1", text=text, published=datetime(2021, 9, 4, 7, 0))
    assert [e.fatalities for e in events_from_article(article, [])] == [14]


def test_added_dead_alone_are_a_vague_count() -> None:
    found = casualties_from_text("Two more soldiers died in hospital overnight.")
    assert (found.fatalities, found.fatalities_vague) == (2, True)


def _tolls(text: str) -> dict[str, int | None]:
    article = Article(id="c2", text=text, published=datetime(2021, 9, 4, 7, 0))
    return {e.sub_event_type: e.fatalities for e in events_from_article(article, [])}


@pytest.mark.parametrize(
    ("text", "act"),
    [
        (
            "Hundreds of traders rallied outside the governor's office against the feud between two clans "
            "that broke out last month and left 30 dead.",
            "Peaceful protest",
        ),
        (
            "Police detained four suspects in the old town after gunmen killed a money changer there.",
            "Arrests",
        ),
        (
            "The air force carried out fresh strikes on the hills a day after shelling killed 17 villagers.",
            "Air/drone strike",
        ),
    ],
)
def test_a_toll_of_another_act_told_after_the_trigger_is_not_its(text: str, act: str) -> None:
    assert (_tolls(text).get(act) or 0) == 0


def test_a_toll_told_by_the_acts_own_relative_clause_stays() -> None:
    assert _tolls("A drone strike that killed six fighters hit a convoy near the border.") == {
        "Air/drone strike": 6
    }


def test_a_toll_told_before_as_of_the_dead_gives_way_to_the_clauses_own() -> None:
    found = casualties_from_text(
        "Of the 38 people killed, most died in the port, where shells claimed 21 lives."
    )
    assert found.fatalities == 21


def test_of_the_dead_alone_keeps_its_figure() -> None:
    assert casualties_from_text("Of the 38 people killed, 20 were women.").fatalities == 38
