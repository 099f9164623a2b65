"""Every shape of text people feed in yields its event: snippets without a final stop, headlines,
captions, bullet and numbered lists, lower-case starts, bracketed tags, one-paragraph feeds and
live blogs. Wordings of our own; no gazetteer."""

from __future__ import annotations

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text


def _types(text: str) -> list[str]:
    return [e.sub_event_type for e in events_from_article(article_from_text(text, metadata={"id": "s"}), [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 6 March 2021, gunmen killed two shepherds near Tafas", ["Attack"]),
        ("Roadside bomb kills three soldiers in northern Mali", ["Remote explosive/landmine/IED"]),
        ("SUICIDE BOMBER KILLS 14 AT MOSQUE IN KUNDUZ", ["Suicide bomb"]),
        ("gunmen shot dead a teacher in kirkuk on monday, police said", ["Attack"]),
        ("Militants stormed an army post near Menaka on Sunday, killing 12 soldiers [AFP]", ["Armed clash"]),
        (
            "On 10 April 2023, an IED exploded near a patrol in Busra, wounding 2 [size=no report]",
            ["Remote explosive/landmine/IED"],
        ),
        (
            "[Reuters] Gunmen kidnapped 12 passengers on the Abuja-Kaduna highway on Sunday",
            ["Abduction/forced disappearance"],
        ),
        (
            "Smoke rises after an air strike on the village of Kfar Nabl on 3 March 2021. (Photo: AFP)",
            ["Air/drone strike"],
        ),
        (
            "Brief:\n- Rebels shelled Kafr Nabl, killing a child\n- Gunmen abducted a pharmacist in Jasim",
            ["Shelling/artillery/missile attack", "Abduction/forced disappearance"],
        ),
        (
            "1. Regime forces shelled Kafr Nabl.\n2. Unknown gunmen killed a man in Tafas.",
            ["Shelling/artillery/missile attack", "Attack"],
        ),
        (
            "Yemen, 4 May: Houthi forces shelled Taiz city; an IED killed 2 soldiers in Abyan",
            ["Shelling/artillery/missile attack", "Remote explosive/landmine/IED"],
        ),
    ],
)
def test_each_shape_yields_its_events(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


def test_a_live_blog_entry_opens_at_its_clock_time() -> None:
    """Each time-stamped entry of a live blog is its own report, though no full stop ends the last."""
    text = "09:40 jets struck Beit Lahia, killing 6 10:15 rockets fired towards Sderot, no injuries"
    assert _types(text) == ["Air/drone strike", "Shelling/artillery/missile attack"]


def test_a_time_of_day_inside_a_sentence_does_not_cut_it() -> None:
    text = "At 10:30 gunmen opened fire on a minibus near Kidal, killing four passengers."
    assert _types(text) == ["Attack"]
