"""A capital named only by its country's demonym ("the Afghan capital") is the site when the sentence
names no town of its own; wordings of our own."""

from __future__ import annotations

from datetime import datetime

import pytest

from geoevents.events import events_from_article
from geoevents.records import Article

CAPITALS = [
    ("Mortar rounds struck a market in the Syrian capital on Monday, wounding four.", "Damascus", 1),
    ("Gunmen ambushed a police patrol east of the Iraqi capital on Monday, killing two.", "Baghdad", 2),
    ("A roadside bomb went off in the Somali capital on Monday, killing a soldier.", "Mogadishu", 1),
]


@pytest.mark.parametrize(("text", "city", "precision"), CAPITALS)
def test_a_capital_named_by_its_demonym_is_the_site(
    text: str, city: str, precision: int, gazetteer: object
) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="c", text=text, published=datetime(2024, 4, 9))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert events, text
    sites = [(loc.place.name, loc.precision) for loc in events[0].locations if loc.role == "site"]
    assert sites[:1] == [(city, precision)], (sites, events[0].tags)


def test_a_town_of_the_sentence_still_comes_first(gazetteer: object) -> None:
    """ "in Douma, north-east of the Syrian capital": the town is the site."""
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = "Rebels and troops clashed in Douma, north-east of the Syrian capital, on Monday."
    article = Article(id="c", text=text, published=datetime(2024, 4, 9))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert [loc.place.name for loc in events[0].locations if loc.role == "site"][:1] == ["Dūmā"]


def test_a_countrys_capital_is_finer_than_the_country(gazetteer: object) -> None:
    """ "in Yemen's capital": the capital, not the whole country."""
    test_a_capital_named_by_its_demonym_is_the_site(
        "Air strikes hit a fuel depot in Yemen's capital on Monday, killing three.", "Sanaa", 1, gazetteer
    )


def test_a_capital_named_in_apposition_is_the_town_named(gazetteer: object) -> None:
    """ "the group's self-styled Syrian capital Raqqa": a group's seat, named; not Damascus."""
    from geoevents.geoparse.parse import resolved_mentions_from_article

    text = "Jets bombed the jihadists' self-styled Syrian capital Raqqa on Monday, killing nine."
    article = Article(id="c", text=text, published=datetime(2024, 4, 9))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert "Damascus" not in [loc.place.name for loc in events[0].locations]


def _first_site(text: str, gazetteer: object) -> tuple[str, str | None]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="n", text=text, published=datetime(2024, 4, 9))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    assert events, text
    site = next(loc.place for loc in events[0].locations if loc.role == "site")
    return site.name, site.country_code


def test_a_small_namesake_of_a_named_countrys_capital_is_the_capital(gazetteer: object) -> None:
    """A local paper's dateline puts the story in Kentucky, but it names France: "Paris" is the capital."""
    text = (
        "LEXINGTON, Ky. (WXYZ) - A family from the county is stuck in France after their holiday. "
        "A gunman opened fire on police near Paris' Arc de Triomphe on Thursday night."
    )
    assert _first_site(text, gazetteer) == ("Paris", "FR")


def test_a_namesake_stays_home_when_the_capitals_country_goes_unnamed(gazetteer: object) -> None:
    text = "LEXINGTON, Ky. (WXYZ) - A gunman opened fire on police in Paris, Kentucky, on Thursday night."
    assert _first_site(text, gazetteer)[1] == "US"
