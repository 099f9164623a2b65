"""A toll reported for events in several countries: one row each, the total split as ACLED does."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point

from geoevents.events import events_from_article, merge_events
from geoevents.events.counts import counts_at_places, split_evenly
from geoevents.records import Article, Event, Mention, Place, ResolvedMention

PUBLISHED = datetime(2021, 3, 14, 18, 0)
TOWNS = {
    "Mosul": ("geonames:99072", 36.34, 43.13, "IQ", "Nineveh"),
    "Tikrit": ("geonames:99131", 34.61, 43.68, "IQ", "Salah ad Din"),
    "Aleppo": ("geonames:170063", 36.20, 37.16, "SY", "Aleppo"),
    "Mafraq": ("geonames:250258", 32.34, 36.21, "JO", "Mafraq"),
}


def _article(text: str, ident: str = "a1") -> tuple[Article, list[ResolvedMention]]:
    article = Article(id=ident, text=text, published=PUBLISHED, url=f"https://example.org/{ident}")
    resolved = []
    for name, (fid, lat, lon, cc, admin1) in TOWNS.items():
        for m in re.finditer(name, text):
            place = Place(fid, name, "populated_place", lat, lon, Point(lon, lat), "geonames", cc, admin1)
            resolved.append(ResolvedMention(Mention(ident, m.start(), m.end(), name), place, 0.9, 1))
    return article, resolved


def _by_country(text: str, ident: str = "a1") -> dict[str, Event]:
    article, resolved = _article(text, ident)
    events = events_from_article(article, resolved)
    by_country = {e.locations[0].place.country_code or "": e for e in events}
    assert len(by_country) == len(events)
    return by_country


@pytest.mark.parametrize(
    ("total", "parts", "shares"),
    [(25, 2, [13, 12]), (25, 3, [9, 8, 8]), (26, 3, [9, 9, 8]), (1, 2, [1, 0]), (12, 4, [3, 3, 3, 3])],
)
def test_split_evenly_gives_the_remainder_to_the_first_events(
    total: int, parts: int, shares: list[int]
) -> None:
    assert split_evenly(total, parts) == shares


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=50))
def test_split_evenly_keeps_the_total(total: int, parts: int) -> None:
    shares = split_evenly(total, parts)
    assert sum(shares) == total and max(shares) - min(shares) <= 1 and shares == sorted(shares, reverse=True)


def test_split_over_no_event_is_refused() -> None:
    with pytest.raises(ValueError, match="0 events"):
        split_evenly(5, 0)


def test_total_for_two_countries_is_split_not_repeated() -> None:
    events = _by_country("Warplanes struck sites in Mosul and Aleppo on Friday, killing 25 people.")
    assert set(events) == {"IQ", "SY"}
    assert (events["IQ"].fatalities, events["SY"].fatalities) == (13, 12)  # Mosul is named first
    for event in events.values():
        assert "fatalities-split" in event.tags
        assert "25 fatalities reported for Iraq, Syria without a breakdown" in event.notes
    assert "13 coded here" in events["IQ"].notes and "12 coded here" in events["SY"].notes


def test_first_named_country_takes_the_remainder() -> None:
    events = _by_country("Warplanes struck sites in Aleppo and Mosul on Friday, killing 25 people.")
    assert (events["SY"].fatalities, events["IQ"].fatalities) == (13, 12)


def test_three_countries_share_a_total_that_does_not_divide() -> None:
    events = _by_country(
        "Warplanes struck sites in Mosul, in Aleppo and in Mafraq on Friday, killing 25 people."
    )
    assert {cc: e.fatalities for cc, e in events.items()} == {"IQ": 9, "SY": 8, "JO": 8}
    assert "reported for Iraq, Syria, Jordan without a breakdown" in events["JO"].notes


def test_injuries_and_vague_totals_are_split_too() -> None:
    events = _by_country(
        "Rockets hit army posts in Mosul and Aleppo on Friday, killing dozens and wounding 9."
    )
    assert sum(e.fatalities or 0 for e in events.values()) == 12  # "dozens" is coded 12
    assert sorted(e.injuries or 0 for e in events.values()) == [4, 5]
    for event in events.values():
        assert {"fatalities-split", "fatalities-vague", "injuries-split"} <= set(event.tags)


def test_figures_given_per_place_are_kept() -> None:
    events = _by_country(
        "Warplanes struck sites in Mosul and Aleppo on Friday, killing 15 people in Mosul and 10 in Aleppo."
    )
    assert (events["IQ"].fatalities, events["SY"].fatalities) == (15, 10)
    assert not any("fatalities-split" in e.tags or e.notes for e in events.values())


def test_the_rest_of_a_total_goes_to_the_places_without_a_figure() -> None:
    events = _by_country(
        "Warplanes struck sites in Mosul and Aleppo on Friday, killing 25, including 10 in Aleppo."
    )
    assert (events["IQ"].fatalities, events["SY"].fatalities) == (15, 10)
    assert "fatalities-split" in events["IQ"].tags and "fatalities-split" not in events["SY"].tags
    assert "10 of them for Syria" in events["IQ"].notes


def test_one_country_keeps_its_whole_toll() -> None:
    (event,) = _by_country(
        "Warplanes struck sites in Mosul and Tikrit on Friday, killing 25 people."
    ).values()
    assert event.fatalities == 25 and "fatalities-split" not in event.tags and not event.notes


def test_merged_reports_keep_the_split_share() -> None:
    a, ra = _article("Warplanes struck sites in Mosul and Aleppo on Friday, killing 25 people.", ident="a")
    b, rb = _article("Friday's air strikes near Mosul killed 25 people, officials said.", ident="b")
    merged = merge_events(events_from_article(a, ra) + events_from_article(b, rb))
    by_country = {e.locations[0].place.country_code: e for e in merged}
    assert set(by_country) == {"IQ", "SY"}
    iraq = by_country["IQ"]
    assert set(iraq.article_ids) == {"a", "b"}
    assert iraq.fatalities == 13 and "fatalities-split" in iraq.tags
    assert "split evenly" in iraq.notes and "(share of a total)" in iraq.notes
    assert sum(e.fatalities or 0 for e in merged) == 25


def _places(text: str, *names: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for name in names for m in re.finditer(name, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling killed 15 people in Mosul and 10 in Aleppo.", [("Mosul", 15), ("Aleppo", 10)]),
        ("In Mosul, four people were killed when rockets hit Mosul and Aleppo.", [("Mosul", 4)]),
        ("Eight people in Aleppo were killed as rockets hit Mosul and Aleppo.", [("Aleppo", 8)]),
        ("Rockets hit Mosul and Aleppo, killing 25, including 10 in Aleppo.", [("Aleppo", 10)]),
        ("Rockets hit Mosul and Aleppo, killing 25.", []),
        ("Rockets hit targets in Mosul and in Aleppo, killing 25 people.", []),
    ],
)
def test_counts_tied_to_a_place(text: str, expected: list[tuple[str, int]]) -> None:
    places = _places(text, "Mosul", "Aleppo")
    found = counts_at_places(text, places)
    assert [(text[places[c.place][0] : places[c.place][1]], c.value) for c in found] == expected
    assert all(c.category == "fatalities" and not c.vague for c in found)


def test_injuries_tied_to_a_place_keep_their_kind() -> None:
    text = "Air strikes killed 15 fighters in Mosul and wounded four in Aleppo."
    found = counts_at_places(text, _places(text, "Mosul", "Aleppo"))
    assert [(c.category, c.value) for c in found] == [("fatalities", 15), ("injuries", 4)]
