"""One protest that a sentence tells both as held and as broken up is one event, typed by what was done
to it; two protests in two sentences stay two."""

from __future__ import annotations

from datetime import datetime

from shapely.geometry import Point

from geoevents.events import events_from_article
from geoevents.records import Article, Mention, Place, ResolvedMention

PUBLISHED = datetime(2022, 3, 14, 9, 0)
TOWN = ("geonames:990001", 36.34, 43.13, "IQ", "Nineveh")


def _events(text: str) -> list:
    article = Article(id="p1", text=text, published=PUBLISHED, url="https://example.org/p1")
    resolved = []
    start = text.find("Dorvan")
    while start >= 0:
        fid, lat, lon, cc, admin1 = TOWN
        place = Place(fid, "Dorvan", "populated_place", lat, lon, Point(lon, lat), "geonames", cc, admin1)
        resolved.append(ResolvedMention(Mention("p1", start, start + 6, "Dorvan"), place, 0.9, 1))
        start = text.find("Dorvan", start + 1)
    return list(events_from_article(article, resolved))


def test_a_dispersed_march_with_hurt_protesters_is_one_event() -> None:
    text = (
        "On 12 March 2022, riot police dispersed the teachers' march in Dorvan with tear gas; "
        "three protesters were lightly hurt."
    )
    events = _events(text)
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]


def test_two_protests_told_in_two_sentences_stay_apart() -> None:
    text = (
        "On 12 March 2022, riot police dispersed the teachers' march in Dorvan with tear gas. "
        "On 13 March 2022, nurses held a silent sit-in outside the hospital in Dorvan."
    )
    kinds = sorted(e.sub_event_type for e in _events(text))
    assert kinds == ["Peaceful protest", "Protest with intervention"]
