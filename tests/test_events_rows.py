"""Rows an ACLED coder would sign: when, who and how many, on wordings of the project's own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from geoevents.events import default_actors, events_from_article
from geoevents.events.actors import in_country
from geoevents.events.counts import casualties_from_text
from geoevents.events.dates import dates_from_text
from geoevents.settings import Settings
from tests.test_events_tolls import _article

REF = date(2021, 3, 14)


def _only(text: str) -> object:
    article, resolved = _article(text)
    (event,) = events_from_article(article, resolved)
    return event


@pytest.mark.parametrize(
    ("text", "when", "precision"),
    [
        ("fighting between 3 and 5 March 2021 near the dam", date(2021, 3, 3), 2),
        ("clashes on March 3-5, 2021 in the hills", date(2021, 3, 3), 2),
        ("on the night of 9 March 2021", date(2021, 3, 9), 1),
        ("a march on 2 March 2021", date(2021, 3, 2), 1),
    ],
)
def test_explicit_dates_and_ranges(text: str, when: date, precision: int) -> None:
    found = [d for d in dates_from_text(text, reference=REF) if d.date is not None]
    assert (found[0].date, found[0].precision) == (when, precision)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed a shop in the March 8 quarter of the city.",
        "A crowd gathered at the 17 February Square.",
        "Police closed the 14 July Bridge.",
    ],
)
def test_a_date_inside_a_name_is_a_name(text: str) -> None:
    assert dates_from_text(text, reference=REF) == []


def test_as_reported_on_dates_the_event_not_the_publication() -> None:
    event = _only("As reported on 2 March 2021, gunmen shot dead a trader in Mosul.")
    assert (event.event_date, event.time_precision) == (date(2021, 3, 2), 1)


def test_a_wire_dateline_dates_the_event() -> None:
    event = _only("MOSUL, Iraq, March 9, 2021 - Gunmen shot dead a trader in the old city of Mosul.")
    assert event.event_date == date(2021, 3, 9)


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        ("Shelling killed 11 soldiers, 6 policemen and 2 farmers in the valley.", 19, None),
        ("9 soldiers, 4 guards and 3 drivers were killed in the ambush.", 16, None),
        ("Between 17 and 30 people died in the raid.", 17, None),
        ("The raid killed a dozen fighters.", 12, None),
        ("Scores of fighters were killed.", 20, None),
        ("A bomb killed one man, wounding three women and a boy.", 1, 4),
        ("A transport plane carrying 9 crew was downed, killing all on board.", 9, None),
        ("The drone came down, killing everyone aboard.", 1, None),
        ("No one was killed in the blast.", 0, None),
        ("Eleven people, including four boys and a nurse, were killed in the raid.", 11, None),
        ("Shelling killed 14 people including three medics.", 14, None),
        ("3 guards among 17 dead in the assault", 17, None),
        ("Wire Service Monday 4 Mar 2019 At least nine people were killed in the blast.", 9, None),
        ("Agency Friday 8 Nov 2019 forty-one fighters were killed in the assault.", 41, None),
        ("12-11-2019 0930 AM Army units killed 14 fighters in the hills.", 14, None),
        ("The death toll from the market bombing in the old city rose to 58.", 58, None),
        ("The militia executed five prisoners.", 5, None),
        ("Between 3-5 March, 7 people were killed in the hills.", 7, None),
    ],
)
def test_tolls_by_acled_rules(text: str, killed: int | None, hurt: int | None) -> None:
    found = casualties_from_text(text)
    assert (found.fatalities, found.injuries) == (killed, hurt)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Lebanese troops fired on a car.", "Military Forces of Lebanon"),
        ("Jordanian police detained two men.", "Police Forces of Jordan"),
        ("American jets bombed a depot.", "Military Forces of the United States"),
        ("The Saudi-led coalition bombed a bridge.", "Operation Restoring Hope"),
        ("Fighters of Hayat Tahrir al-Sham shelled a village.", "Hayat Tahrir al Sham"),
    ],
)
def test_actors_by_acled_names(text: str, actor: str) -> None:
    assert actor in [a.canonical for a in default_actors().find(text)]


def test_country_templates_take_the_events_country() -> None:
    (police,) = [a.canonical for a in default_actors().find("The police arrested a reporter.")]
    assert in_country(police, "IQ") == "Police Forces of Iraq"
    assert in_country(police, None) == "Police Forces"
    assert default_actors().inter("Police Forces of Iraq") == 1
    assert in_country("Islamic State ({country})", "SY") == "Islamic State (Syria)"


def test_regime_forces_are_the_state_of_the_site() -> None:
    event = _only("Regime forces shelled the town of Aleppo on Friday, killing two civilians.")
    assert event.actor1 == "Military Forces of Syria"
    assert event.fatalities == 2


def test_a_dateline_is_the_reference_for_relative_days() -> None:
    article, resolved = _article(
        "TIKRIT, Iraq, March 9, 2021 - Gunmen shot dead a trader in Tikrit on Monday."
    )
    article = replace(article, published=None)
    (event,) = events_from_article(article, resolved)
    assert event.event_date == date(2021, 3, 8)  # the Monday before the dateline's Tuesday
    assert "date-ref:dateline" in event.tags


def test_an_undated_event_has_no_time_precision_and_says_why() -> None:
    article, resolved = _article("Gunmen shot dead a trader in Tikrit.")
    (event,) = events_from_article(replace(article, published=None), resolved)
    assert (event.event_date, event.time_precision) == (None, None)
    assert any(tag.startswith("undated") for tag in event.tags)


def test_time_precision_stays_within_acled_codes() -> None:
    article, resolved = _article("Gunmen shot dead a trader in Tikrit in 2021.")
    (event,) = events_from_article(article, resolved, settings=Settings(keep_background=True))
    assert event.time_precision in (1, 2, 3) and "year-only-date" in event.tags


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Shops shut in Aden as the rial fell against the US dollar.", "US"),
        ("Youths hurled Molotov cocktails at a police station in Basra.", "Molotov"),
        ("Crowds blocked Salman street in Baghdad.", "Salman"),
    ],
)
def test_currencies_weapons_and_streets_are_never_the_site(
    text: str, surface: str, gazetteer: object
) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article
    from geoevents.records import Article

    resolved = resolved_mentions_from_article(Article(id="t", text=text), gazetteer=gazetteer)
    named = [rm for rm in resolved if rm.mention.text.startswith(surface)]
    assert named and all(rm.place is None for rm in named)
    assert any(rm.place is not None for rm in resolved)  # the real place of the sentence is still found


def _row(text: str, **article_fields: object) -> dict[str, str]:
    from geoevents.outputs.acled import event_rows

    article, resolved = _article(text)
    article = replace(article, **article_fields)  # type: ignore[arg-type]
    (row,) = event_rows(events_from_article(article, resolved))
    return row


def test_an_acled_row_is_complete() -> None:
    row = _row(
        "Islamic State fighters shot dead two shepherds near Tikrit on Friday.",
        url="https://www.reuters.com/world/x",
    )
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("2", "7", "27")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["source"], row["source_scale"]) == ("Reuters", "International")
    assert row["notes"].startswith("On 12 March 2021, ")
    assert row["location"].isascii() and row["fatalities"] == "2"


def test_the_source_is_never_a_local_path() -> None:
    row = _row("Gunmen stormed a shop in Mosul on Friday.", url=None, path="/home/me/feeds/item-7.txt")
    assert "/" not in row["source"]


def test_no_reported_death_is_coded_zero() -> None:
    assert _row("Protesters rallied in Mosul on Friday.")["fatalities"] == "0"


def test_a_sole_actor_interaction_is_its_code_times_ten() -> None:
    from geoevents.outputs.acled import interaction

    assert interaction(6, None) == "60" and interaction(7, 1) == "17" and interaction(None, None) == ""


def test_a_pages_publication_line_is_the_reference_day() -> None:
    text = "Checkpoint hit Wire Service Posted on 9 March 2021 Gunmen shot dead a guard in Tikrit on Sunday."
    article, resolved = _article(text)
    (event,) = events_from_article(article, resolved)
    assert event.event_date == date(2021, 3, 7)  # the Sunday before the page's Tuesday, not the metadata date


def _protest(i: int, lat: float | None, lon: float | None) -> object:
    from shapely.geometry import Point

    from geoevents.records import Event, EventLocation, Evidence, Place

    locations = ()
    if lat is not None and lon is not None:
        place = Place(f"test:{i}", f"Town {i}", "populated_place", lat, lon, Point(lon, lat), "test", "IQ")
        locations = (EventLocation(place, 1),)
    evidence = (Evidence(f"art-{i}", 0, 10, f"report {i}", f"https://example.org/{i}"),)
    return Event(f"e{i}", "Protests", "Peaceful protest", "Demonstrations", date(2021, 3, 12), 1,
                 actor1="Protesters (Iraq)", locations=locations, evidence=evidence)  # fmt: skip


def test_a_thousand_distinct_reports_of_one_day_stay_a_thousand_events() -> None:
    from geoevents.events import merge_events

    located = [_protest(i, 29.0 + (i // 30) * 0.6, 38.0 + (i % 30) * 0.6) for i in range(900)]
    unlocated = [_protest(900 + i, None, None) for i in range(100)]
    merged = merge_events(located + unlocated)  # type: ignore[arg-type]
    assert len(merged) == 1000


def test_two_reports_of_one_strike_become_one_row_with_both_sources() -> None:
    from geoevents.events import merge_events
    from geoevents.outputs.acled import event_rows

    a, ra = _article("Warplanes bombed a depot in Mosul on Friday, killing four guards.", ident="a")
    b, rb = _article("A depot in Mosul was bombed by warplanes on Friday; four guards died.", ident="b")
    a = replace(a, url="https://www.reuters.com/a")
    b = replace(b, url="https://apnews.com/b")
    (row,) = event_rows(merge_events(events_from_article(a, ra) + events_from_article(b, rb)))
    assert set(row["source"].split("; ")) == {"Reuters", "Associated Press"}
    assert row["fatalities"] == "4"


def test_reports_without_a_site_never_merge_across_articles() -> None:
    from geoevents.events import merge_events

    merged = merge_events([_protest(1, None, None), _protest(2, None, None)])  # type: ignore[list-item]
    assert len(merged) == 2


def test_an_unplaced_event_takes_the_articles_country_for_its_actors() -> None:
    text = "Army units retook a hill in Tikrit on Friday. Later, regime shelling killed a shepherd on Friday."
    article, resolved = _article(text)
    events = events_from_article(article, resolved)
    assert {e.actor1 for e in events} == {"Military Forces of Iraq"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Rebels shelled a checkpoint.", "Opposition Rebels ({country})"),
        ("Government air strikes hit a market.", "Military Forces of {country}"),
        ("Syrian government air strikes hit a market.", "Military Forces of Syria"),
        ("Fighters of the Nusra Front attacked a post.", "Al Nusra Front"),
    ],
)
def test_more_actors_by_acled_names(text: str, actor: str) -> None:
    assert actor in [a.canonical for a in default_actors().find(text)]


def _site_names(text: str) -> list[str]:
    article, resolved = _article(text)
    (event,) = events_from_article(article, resolved)
    return [loc.place.name for loc in event.locations if loc.role == "site"]


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Clashes rocked Aleppo on Friday, killing two fighters.", "Aleppo"),  # no locative: its place
        ("Rocket fire killed two boys in the old quarter of Mosul on Friday.", "Mosul"),
        ("Regime shelling of Aleppo killed four people on Friday.", "Aleppo"),
        ("Gunmen shot dead a trader in the March 8 neighbourhood of Tikrit on Friday.", "Tikrit"),
    ],
)
def test_the_site_of_the_act(text: str, site: str) -> None:
    assert _site_names(text) == [site]


def test_a_speaker_or_an_owner_is_never_the_fallback_site() -> None:
    assert _site_names("The embassy of Iraq said gunmen shot dead a guard on Friday.") == []


def test_a_name_inside_a_longer_place_name_is_part_of_it() -> None:
    from shapely.geometry import Point

    from geoevents.events.sites import places_in
    from geoevents.events.text import Span
    from geoevents.records import Mention, Place, ResolvedMention

    text = "Jets bombed Hays district on Friday."
    district = Place("g:1", "Hays", "admin2", 14.0, 43.5, Point(43.5, 14.0), "geonames", "YE")
    county = Place("g:2", "Hays County", "admin2", 30.0, -98.0, Point(-98.0, 30.0), "geonames", "US")
    outer = ResolvedMention(Mention("a", 12, 25, "Hays district"), district, 0.9, 2)
    inner = ResolvedMention(Mention("a", 12, 16, "Hays"), county, 0.5, 2)
    assert places_in(Span(0, len(text), text), [outer, inner]) == [outer]


def test_row_actors_by_acled_conventions() -> None:
    from geoevents.events.actors import row_actors

    lex = default_actors()
    police = "Police Forces of {country}"
    assert row_actors(lex, "Protests", "Protest with intervention", (police, None), country="IQ") == (
        "Protesters (Iraq)",
        "Police Forces of Iraq",
    )
    state = "Military Forces of Syria"
    assert row_actors(lex, "Explosions/Remote violence", "Air/drone strike", (None, state), country="SY") == (
        state,
        None,
    )
    strike = row_actors(lex, "Explosions/Remote violence", "Air/drone strike", (None, None), country="SY")
    assert strike == ("Unidentified Military Forces", None)
    named = row_actors(
        lex, "Explosions/Remote violence", "Air/drone strike", (None, None), country="SY", air_power=state
    )
    assert named == (state, None)


def test_the_articles_air_power_is_the_state_it_says_flies_the_strikes() -> None:
    from geoevents.events.actors import article_air_power

    text = "Russian warplanes pounded the hills. Later, strikes hit a bakery. Turkish diplomats protested."
    assert article_air_power(default_actors(), text) == "Military Forces of Russia"
    assert article_air_power(default_actors(), "Strikes hit a bakery.") is None


def test_a_json_lines_id_is_the_article_id_in_every_output(tmp_path: object) -> None:
    import json
    from pathlib import Path

    from geoevents.ingest import articles_from_paths
    from geoevents.outputs.acled import event_rows

    path = Path(str(tmp_path)) / "feed.jsonl"
    text = "Gunmen shot dead a trader in Mosul on Friday."
    path.write_text(json.dumps({"id": "case-0042", "text": text, "published": "2021-03-14"}) + "\n")
    (article,) = list(articles_from_paths([path]))
    assert article.id == "case-0042"  # type: ignore[union-attr]
    _, resolved = _article(text, ident="case-0042")
    (row,) = event_rows(events_from_article(article, resolved))  # type: ignore[arg-type]
    assert row["article_ids"] == "case-0042"


@pytest.mark.parametrize(
    ("text", "village", "precision"),
    [
        ("Gunmen shot dead two farmers in the village of Umm Jarab near Mosul on Friday.", "Umm Jarab", 2),
        ("Shelling hit Tal Sakhr village, south of Aleppo, on Friday, killing a boy.", "Tal Sakhr", 2),
    ],
)
def test_a_village_the_gazetteer_lacks_keeps_its_name_at_the_place_it_lies_in(
    text: str, village: str, precision: int
) -> None:
    from geoevents.outputs.acled import event_rows

    article, resolved = _article(text)
    (event,) = events_from_article(article, resolved)
    (site,) = [loc for loc in event.locations if loc.role == "site"]
    town = next(rm.place for rm in resolved if rm.place is not None)
    assert (site.place.name, site.precision) == (village, precision)
    assert (site.place.lat, site.place.lon, site.place.admin1) == (town.lat, town.lon, town.admin1)
    assert event_rows([event])[0]["location"] == village


def test_an_area_expression_holds_its_name() -> None:
    from shapely.geometry import Point

    from geoevents.events.sites import places_in
    from geoevents.events.text import Span
    from geoevents.records import Mention, MentionKind, Place, ResolvedMention

    text = "Jets bombed Hays district on Friday."
    district = Place("g:1", "Hays", "admin2", 14.0, 43.5, Point(43.5, 14.0), "geonames", "YE")
    county = Place("g:2", "Hays County", "admin2", 30.0, -98.0, Point(-98.0, 30.0), "geonames", "US")
    kind = MentionKind.REGION_EXPRESSION
    outer = ResolvedMention(Mention("a", 12, 25, "Hays district", kind=kind), district, 0.9, 2)
    inner = ResolvedMention(Mention("a", 12, 16, "Hays"), county, 0.5, 2)
    assert places_in(Span(0, len(text), text), [outer, inner]) == [outer]


def test_two_sides_named_together_are_actor1_and_actor2_in_order() -> None:
    event = _only("Clashes between Syrian troops and Hayat Tahrir al-Sham fighters near Aleppo on Friday.")
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", "Hayat Tahrir al Sham")
    event = _only("Islamic State fighters and Iraqi troops clashed near Mosul on Friday.")
    assert (event.actor1, event.actor2) == ("Islamic State (Iraq)", "Military Forces of Iraq")


def test_a_place_struck_by_the_trigger_is_its_site() -> None:
    assert _site_names("Air strikes pounded Aleppo on Friday, killing six people.") == ["Aleppo"]


def test_acled_style_governorate_in_brackets_places_an_unlisted_village() -> None:
    text = "On 12 March 2021, gunmen shot dead a shepherd in Umm Dalia village (Mosul)."
    assert _site_names(text) == ["Umm Dalia"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Military forces of Yemen shelled a village.", "Military Forces of Yemen"),
        ("Police Forces of Jordan detained a reporter.", "Police Forces of Jordan"),
        ("National Defence Forces fighters raided a farm.", "QDW: National Defense Forces"),
    ],
)
def test_acled_names_written_in_a_note_are_read(text: str, actor: str) -> None:
    assert actor in [a.canonical for a in default_actors().find(text)]


def test_a_weak_foreign_namesake_is_never_the_site() -> None:
    from shapely.geometry import Point

    from geoevents.events.sites import foreign_namesake
    from geoevents.records import Mention, Place, ResolvedMention

    abroad = Place("g:9", "Palmyra", "populated_place", 40.0, -75.0, Point(-75.0, 40.0), "geonames", "US")
    weak = ResolvedMention(Mention("a", 0, 7, "Palmyra"), abroad, 0.4, 1)
    strong = ResolvedMention(Mention("a", 0, 7, "Palmyra"), abroad, 0.9, 1)
    assert foreign_namesake(weak, "SY") and not foreign_namesake(strong, "SY")
    assert not foreign_namesake(weak, "US") and not foreign_namesake(weak, None)


def test_a_strike_on_civilians_names_them_actor2_and_targets_them() -> None:
    row = _row("Regime shelling killed three children in Aleppo on Friday.")
    assert (row["actor2"], row["interaction"], row["civilian_targeting"]) == (
        "Civilians (Syria)",
        "17",
        "Civilian targeting",
    )
    assert _row("Regime shelling killed three fighters in Aleppo on Friday.")["actor2"] != "Civilians (Syria)"


def test_notes_read_as_acled_writes_them() -> None:
    notes = _row("Regime forces shelled Aleppo on Friday.")["notes"]
    assert notes.startswith("On 12 March 2021, regime forces shelled Aleppo")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Tikrit was quiet for weeks. A car bomb exploded at the town's gate, killing four.", "Tikrit"),
        ("Aleppo braces for a siege. Heavy shelling pounded the eastern districts on Friday.", "Aleppo"),
    ],
)
def test_a_place_named_before_stands_for_an_event_sentence_without_one(text: str, where: str) -> None:
    article, resolved = _article(text)
    events = events_from_article(article, resolved)
    assert events and all(e.locations[0].place.name == where for e in events)
    assert any("site-from-context" in e.tags for e in events)


def test_a_place_abroad_never_stands_for_an_unplaced_event() -> None:
    text = "Mosul and Tikrit mourned. Talks in Mafraq failed. Mortar rounds fell on the market, killing two."
    article, resolved = _article(text)
    for event in events_from_article(article, resolved):
        assert all(loc.place.country_code == "IQ" for loc in event.locations if loc.role == "site")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Daesh militants stormed a checkpoint near Tikrit on Friday.", "Islamic State (Iraq)"),
        ("HTS rebels shelled a village outside Aleppo on Friday.", "Hayat Tahrir al Sham"),
        ("RSF fighters looted a market in Mosul on Friday.", "Rapid Support Forces"),
        (
            "Houthi fighters fired rockets at a camp near Tikrit on Friday.",
            "Military Forces of Yemen (2017-) Houthi",
        ),
    ],
)
def test_a_group_named_before_a_common_noun_is_the_actor(text: str, actor: str) -> None:
    article, resolved = _article(text)
    (event,) = events_from_article(article, resolved)
    assert event.actor1 == actor


def test_a_common_noun_after_a_verb_is_still_its_own_actor() -> None:
    found = [a.canonical for a in default_actors().find("US airstrikes hit militants in the hills.")]
    assert found == ["Military Forces of the United States", "Unidentified Armed Group"]


@pytest.mark.parametrize(
    "part",
    [
        "Medics said 12 of those killed were children.",
        "Four women and three boys were among the dead, the mayor said.",
        "Officials said 30 soldiers were identified among those killed.",
    ],
)
def test_a_part_of_a_toll_given_elsewhere_never_replaces_the_toll(part: str) -> None:
    article, resolved = _article(f"An air strike on a market in Mosul on Friday killed 40 people. {part}")
    (event,) = events_from_article(article, resolved)
    assert event.fatalities == 40


def test_a_part_of_the_dead_alone_still_counts_its_victims() -> None:
    found = casualties_from_text("Four women and three boys were among the dead.")
    assert (found.fatalities, found.fatalities_vague) == (7, True)


def test_a_country_wide_site_gives_way_to_the_town_the_sentence_names() -> None:
    from shapely.geometry import Point

    from geoevents.records import Mention, Place, ResolvedMention

    text = "Fighting raged across Iraq on Friday as jets bombed a Tikrit market, killing nine."
    article, resolved = _article(text)
    start = text.index("Iraq")
    iraq = Place("geonames:99237", "Iraq", "country", 33.0, 44.0, Point(44.0, 33.0), "geonames", "IQ")
    resolved.append(ResolvedMention(Mention("a1", start, start + 4, "Iraq"), iraq, 0.9, 3))
    (event,) = events_from_article(article, resolved)
    assert event.locations[0].place.name == "Tikrit"


@pytest.mark.parametrize(
    "text",
    [
        "A suicide bomber blew himself up at a police station in Mosul on Friday, killing six.",
        "A roadside bomb hit a police patrol near Tikrit on Friday, killing two officers.",
    ],
)
def test_a_force_named_by_the_place_hit_is_the_target_not_the_attacker(text: str) -> None:
    article, resolved = _article(text)
    (event,) = events_from_article(article, resolved)
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 == "Police Forces of Iraq"


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb hit a market in Mosul on Friday, killing five. Islamic State claimed responsibility.",
        "A car bomb exploded at a market in Mosul on Friday in an attack claimed by Daesh.",
    ],
)
def test_a_claimed_attack_is_the_claimants(text: str) -> None:
    article, resolved = _article(text)
    events = events_from_article(article, resolved)
    assert events and all(e.actor1 == "Islamic State (Iraq)" for e in events)


@pytest.mark.parametrize(
    "text", ["Gunmen killed a judge in Mosul on 9 May.", "On 9 May, gunmen killed a judge in Mosul."]
)
def test_a_may_date_after_on_is_a_date(text: str) -> None:
    (found,) = dates_from_text(text, reference=date(2021, 5, 12))
    assert found.date == date(2021, 5, 9)


def test_may_the_verb_is_no_date() -> None:
    assert dates_from_text("Talks on 3 may resume soon.", reference=date(2021, 5, 12)) == []
