"""The country an event's actors are named after: a lone foreign namesake among the sites does not
outweigh the article's country; a country named outright, or a site another place of the event bears
out, does."""

from __future__ import annotations

from shapely.geometry import Point

from geoevents.events.actors import actors_country
from geoevents.records import Place


def _place(ident: str, country: str, kind: str = "town") -> Place:
    return Place(f"test:{ident}", ident, kind, 0.0, 0.0, Point(0.0, 0.0), "user", country_code=country)


def test_a_lone_foreign_namesake_gives_way_to_the_article_s_country() -> None:
    assert actors_country([_place("Springfield", "US")], "SY") == "SY"


def test_a_site_another_place_of_the_event_bears_out_is_kept() -> None:
    assert actors_country([_place("Ceylanpinar", "TR")], "SY", [_place("Akcakale", "TR")]) == "TR"


def test_a_country_named_outright_is_kept() -> None:
    assert actors_country([_place("Lebanon", "LB", "country")], "IL") == "LB"


def test_without_an_article_country_the_site_s_is_used() -> None:
    assert actors_country([_place("Gao", "ML")], None) == "ML"
    assert actors_country([], "NG") == "NG"
