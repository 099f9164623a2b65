"""Towns the gazetteer leaves unplaced or the recogniser passes over (wordings of our own): GeoNames'
smaller places read them in the article's country, then in a bordering one, and never read a common
English word or a speaker as a town."""

from __future__ import annotations

from geoevents.events.text import Span
from geoevents.events.unplaced import unplaced_towns
from geoevents.records import Mention, ResolvedMention


def _unplaced(text: str, name: str, nth: int = 0) -> ResolvedMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return ResolvedMention(Mention("a", start, start + len(name), name), None, 0.0, 1)


def _whole(text: str) -> list[Span]:
    return [Span(0, len(text), text)]


def test_a_rare_name_after_near_that_no_mention_covers_is_read_in_the_articles_country() -> None:
    text = "Gunmen fired mortars at a checkpoint near Hawija before dawn."
    (found,) = unplaced_towns(_whole(text), [], text, ["IQ"])
    assert found.place is not None and found.place.country_code == "IQ"
    assert abs(found.place.lat - 35.33) < 0.2 and abs(found.place.lon - 43.77) < 0.2


def test_common_words_after_a_locative_are_no_towns() -> None:
    text = "Gunmen fired on a convoy in March near Israeli lines."
    assert unplaced_towns(_whole(text), [], text, ["IQ", "IL", "GB"]) == []


def test_a_name_a_mention_already_covers_is_left_to_the_gazetteer() -> None:
    text = "Gunmen fired mortars at a checkpoint near Hawija before dawn."
    placed = ResolvedMention(Mention("a", 42, 48, "Hawija"), None, 0.0, 1)
    assert unplaced_towns(_whole(text), [], text, ["IQ"], [placed]) == []


def test_a_town_across_the_border_is_read_only_when_asked_for_nearby_countries() -> None:
    text = "Soldiers fired tear gas at mourners near Bethlehem on Friday."
    unknown = [_unplaced(text, "Bethlehem")]
    assert all(
        rm.place is None or rm.place.country_code == "IL"
        for rm in unplaced_towns(_whole(text), unknown, text, ["IL"])
    )
    (found,) = unplaced_towns(_whole(text), unknown, text, ["IL"], nearby=True)
    assert found.place is not None and found.place.country_code == "PS"


def test_a_town_the_article_called_one_is_the_site_of_a_later_sentence_naming_it_bare() -> None:
    text = "Insurgents overran Gajiram town on Friday. Soldiers retook Gajiram a day later."
    second = Span(text.index("Soldiers"), len(text), text[text.index("Soldiers") :])
    unknown = [_unplaced(text, "Gajiram"), _unplaced(text, "Gajiram", 1)]
    (found,) = unplaced_towns([second], unknown, text, ["NG"])
    assert found.place is not None and found.place.country_code == "NG"
    assert found.mention.start == unknown[1].mention.start


def test_a_town_named_again_as_a_speaker_is_no_site() -> None:
    text = "Insurgents overran Gajiram town on Friday. Gajiram said the raid had failed."
    second = Span(text.index("Gajiram said"), len(text), text[text.index("Gajiram said") :])
    unknown = [_unplaced(text, "Gajiram"), _unplaced(text, "Gajiram", 1)]
    assert unplaced_towns([second], unknown, text, ["NG"]) == []


def test_a_town_the_article_called_one_is_found_again_where_no_mention_covers_it() -> None:
    text = (
        "Jihadists attacked army posts south of the town of Tabaqa on Monday. "
        "Days before, they moved fighters into Tabaqa."
    )
    second = Span(text.index("Days"), len(text), text[text.index("Days") :])
    (found,) = unplaced_towns([second], [], text, ["SY"])
    assert found.place is not None and found.place.country_code == "SY"
    assert found.mention.start == text.rindex("Tabaqa")


def test_a_village_no_table_lists_is_placed_at_the_town_its_brackets_name() -> None:
    text = "Artillery shells fell on the outskirts of Kfar Zibdine (Marjayoun) overnight."
    (found,) = unplaced_towns(_whole(text), [], text, ["IL"], nearby=True)
    assert found.place is not None and found.place.name == "Kfar Zibdine"
    assert found.place.country_code == "LB" and found.precision == 2
    assert abs(found.place.lat - 33.36) < 0.1 and abs(found.place.lon - 35.59) < 0.1
