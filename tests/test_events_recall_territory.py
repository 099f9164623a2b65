"""Who took a place told as its fall: the side it fell to, or the other side than the one that held it.
Wordings of our own; no gazetteer."""

from __future__ import annotations

import pytest

from geoevents.events import events_from_article
from geoevents.ingest.articles import article_from_text

REGAIN = "Government regains territory"
OVERTAKE = "Non-state actor overtakes territory"


def _territory(text: str) -> list[str]:
    article = article_from_text(text, metadata={"id": "t", "published": "2014-03-20"})
    return [
        e.sub_event_type for e in events_from_article(article, []) if e.sub_event_type in (REGAIN, OVERTAKE)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Convoys left the valley a day after the fall of Qusayr, a main rebel stronghold, on Sunday.",
            REGAIN,
        ),
        (
            "Convoys left the valley a day after the fall of Qusayr a key opposition bastion on Sunday.",
            REGAIN,
        ),
        ("Shelling resumed a day after the fall of Tal Rifaat to Kurdish fighters on Sunday.", OVERTAKE),
        ("Refugees fled a day after the fall of Sinjar, a government stronghold, on Sunday.", OVERTAKE),
    ],
)
def test_the_fall_of_a_place_is_typed_by_who_took_it(text: str, expected: str) -> None:
    assert _territory(text) == [expected]
