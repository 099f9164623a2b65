"""One name the gazetteer lacks, read as two places of two countries side by side ("Bustan al-Qasr" as a
town in Tajikistan and one in Jordan): neither is the site, and neither tells the article's country
(wordings of our own)."""

from __future__ import annotations

from shapely.geometry import Point

from geoevents.events.draft import Draft
from geoevents.events.site_context import split_name_parts
from geoevents.events.sites import article_country, location_groups
from geoevents.events.text import Span
from geoevents.records import Mention, Place, ResolvedMention


def _town(name: str, cc: str, lat: float = 10.0, lon: float = 10.0) -> Place:
    return Place(f"g:{name}", name, "populated_place", lat, lon, Point(lon, lat), "geonames", cc)


def _placed(text: str, name: str, place: Place, score: float = 0.8) -> ResolvedMention:
    start = text.index(name)
    return ResolvedMention(Mention("a", start, start + len(name), name), place, score, 1)


TEXT = "Gunmen in the Bab Sharqi quarter of Halab fired a rocket at a school, a source said."


def _mentions() -> list[ResolvedMention]:
    return [
        _placed(TEXT, "Bab", _town("Bab", "TJ", 40.0, 69.0)),
        _placed(TEXT, "Sharqi", _town("Sharqi", "JO", 31.0, 35.0)),
        _placed(TEXT, "Halab", _town("Halab", "SY", 36.2, 37.2), score=0.45),
    ]


def test_two_towns_of_two_countries_side_by_side_are_parts_of_one_name() -> None:
    bab, sharqi, halab = _mentions()
    assert split_name_parts([bab, sharqi, halab], TEXT) == frozenset({id(bab), id(sharqi)})


def test_towns_of_one_country_or_apart_are_no_parts() -> None:
    text = "Shelling hit Homs and Hama, then Tartus Baniyas."
    homs = _placed(text, "Homs", _town("Homs", "SY"))
    hama = _placed(text, "Hama", _town("Hama", "SY"))
    tartus = _placed(text, "Tartus", _town("Tartus", "SY"))
    baniyas = _placed(text, "Baniyas", _town("Baniyas", "SY"))
    assert split_name_parts([homs, hama, tartus, baniyas], text) == frozenset()


def test_the_parts_of_one_name_neither_vote_for_the_country_nor_stand_as_sites() -> None:
    mentions = _mentions()
    home = article_country(mentions, None, TEXT)
    assert home == "SY"
    draft = Draft(order=0, sub_event_type="Attack", generic=False, zone=None)  # type: ignore[arg-type]
    draft.spans.append(Span(0, len(TEXT), TEXT))
    draft.sites.extend(mentions)
    groups = location_groups(draft, TEXT, home=home)
    sites = [loc.place.country_code for group in groups for loc in group if loc.role == "site"]
    points = [(loc.place.lat, loc.place.lon) for group in groups for loc in group if loc.role == "site"]
    assert set(sites) == {"SY"} and set(points) == {(36.2, 37.2)}, points  # at Halab, not Al Bab


def _groups(text: str, mentions: list[ResolvedMention], home: str | None) -> list[tuple[str, float, float]]:
    draft = Draft(order=0, sub_event_type="Attack", generic=False, zone=None)  # type: ignore[arg-type]
    draft.spans.append(Span(0, len(text), text))
    draft.sites.extend(mentions)
    groups = location_groups(draft, text, home=home)
    return [(loc.place.name, loc.place.lat, loc.place.lon) for g in groups for loc in g if loc.role == "site"]


def test_a_name_split_in_two_countries_is_the_town_of_the_whole_name_at_home() -> None:
    text = "Jets bombed farms around Deir Hafer at dawn, a monitor said."
    around = _placed(text, "around Deir", _town("Deir", "IN", 23.0, 75.0))
    deir = _placed(text, "Deir", _town("Deir", "IN", 23.0, 75.0))
    hafer = _placed(text, "Hafer", _town("Hafer", "NO", 60.0, 10.0))
    assert split_name_parts([around, deir, hafer], text) == frozenset({id(around), id(deir), id(hafer)})
    ((name, lat, lon),) = _groups(text, [around, hafer], "SY")
    assert abs(lat - 36.16) < 0.1 and abs(lon - 37.71) < 0.1, name  # the Syrian town, GeoNames' spelling


def test_a_town_then_a_quarter_of_it_read_abroad_is_the_town() -> None:
    text = "Talks between elders and officers in Halab al-Jadida ended on Monday, a source said."
    halab = _placed(text, "Halab", _town("Halab", "SY", 36.2, 37.2))
    quarter = _placed(text, "al-Jadida", _town("Jadida", "MA", 33.2, -8.5))
    assert _groups(text, [halab, quarter], "SY") == [("Halab", 36.2, 37.2)]


def test_a_town_near_another_is_no_part_of_its_name() -> None:
    text = "Troops found rifles in a hideout near Kadir on Sunday."
    hideout = _placed(text, "hideout", _town("Hideout", "US", 40.6, -111.4))
    kadir = _placed(text, "near Kadir", _town("Kadir", "NG", 11.5, 13.7))
    assert split_name_parts([hideout, kadir], text) == frozenset()


def test_a_demonym_that_names_a_sponsor_gives_no_vote() -> None:
    text = "Elders in Daraa signed a Russian-brokered deal; a Saudi-led force stood by."
    from geoevents.records import MentionRole

    daraa = _placed(text, "Daraa", _town("Daraa", "SY", 32.6, 36.1), score=0.45)
    votes = [daraa]
    for name, cc in (("Russian", "RU"), ("Saudi", "SA")):
        start = text.index(name)
        demonym = Mention("a", start, start + len(name), name, role=MentionRole.DEMONYM, country_code=cc)
        votes.append(ResolvedMention(demonym, None, 0.9, 4))
    assert article_country(votes, None, text) == "SY"
