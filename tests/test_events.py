"""Events from our own short articles: each type, date form and negation case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from geoevents.events import events_from_article, merge_events
from geoevents.events.counts import casualties_from_text
from geoevents.events.dates import dates_from_text
from geoevents.records import Article, Mention, Place, ResolvedMention, Zone, ZoneKind
from geoevents.settings import Settings

PUBLISHED = datetime(2019, 12, 29, 20, 30)  # a Sunday
TOWNS = {
    "Mosul": ("geonames:99072", 36.34, 43.13, "IQ", "Nineveh"),
    "Tikrit": ("geonames:99131", 34.61, 43.68, "IQ", "Salah ad Din"),
    "Ramadi": ("geonames:91000", 33.42, 43.30, "IQ", "Anbar"),
    "Basra": ("geonames:99532", 30.51, 47.78, "IQ", "Basra"),
    "Aleppo": ("geonames:170063", 36.20, 37.16, "SY", "Aleppo"),
}


def _article(text: str, published: datetime | None = PUBLISHED, ident: str = "a1") -> tuple[Article, list]:
    article = Article(id=ident, text=text, published=published, url=f"https://example.org/{ident}")
    resolved = []
    for name, (fid, lat, lon, cc, admin1) in TOWNS.items():
        start = text.find(name)
        while start >= 0:
            place = Place(fid, name, "populated_place", lat, lon, Point(lon, lat), "geonames", cc, admin1)
            mention = Mention(ident, start, start + len(name), name)
            resolved.append(ResolvedMention(mention, place, 0.9, 1))
            start = text.find(name, start + 1)
    return article, resolved


def _events(text: str, **kw):
    article, resolved = _article(text, **kw)
    return events_from_article(article, resolved)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Warplanes struck a militia camp near Mosul on Friday, killing five fighters.", "Air/drone strike"),
        ("Three rockets slammed into a base in Tikrit on Saturday.", "Shelling/artillery/missile attack"),
        (
            "A roadside bomb exploded next to a patrol in Ramadi yesterday, wounding two soldiers.",
            "Remote explosive/landmine/IED",
        ),
        (
            "A suicide bomber blew himself up at a market in Basra on Thursday, killing 12 people.",
            "Suicide bomb",
        ),
        ("Militants clashed with army troops outside Mosul on Wednesday.", "Armed clash"),
        ("Gunmen shot dead two teachers in Tikrit on Monday.", "Attack"),
        ("Unknown men kidnapped a journalist in Basra on Friday.", "Abduction/forced disappearance"),
        (
            "Hundreds of students protested peacefully in Basra on Saturday against power cuts.",
            "Peaceful protest",
        ),
        ("Police fired tear gas to disperse protesters in Basra on Friday.", "Protest with intervention"),
        ("Rioters torched a government building in Basra on Saturday.", "Violent demonstration"),
        ("Security forces arrested eight suspects in Ramadi on Tuesday.", "Arrests"),
    ],
)
def test_each_event_type(text: str, sub_event_type: str) -> None:
    events = _events(text)
    assert [e.sub_event_type for e in events] == [sub_event_type]
    assert events[0].locations and events[0].locations[0].role == "site"


@pytest.mark.parametrize(
    "text",
    [
        "The minister warned that any attacks on the base in Mosul will be met with a response.",
        "The president threatened to resign over the bombing campaign.",
        "The group denied carrying out the attack in Tikrit on Friday.",
        "If militants attack Ramadi, the army would respond.",
        "Rebels will attack Mosul next week, officials fear.",
        "Militias have attacked bases for many years.",
        "No air strike hit Aleppo on Friday, the ministry said.",
        "Workers at three airports began a 48-hour strike in Basra on Monday over pay.",
        "Teachers in Mosul held a one-day strike on Saturday.",
        "A gas explosion at a restaurant in Mosul on Friday killed two people.",
        "A boy was hit by a car in Tikrit on Sunday and died in hospital.",
        "Riot police were deployed in Basra on Friday.",
        "The recruiter encouraged him to conduct an attack in Mosul last year.",
        "Two men were charged on Friday with plotting a bombing in Ramadi.",
        "Both men were charged with felonious assault in Tikrit on Monday.",
        "Agents executed a search warrant at a house in Mosul on Friday.",
    ],
)
def test_not_events(text: str) -> None:
    assert _events(text) == []


def test_no_one_hurt_is_a_count_not_a_negation() -> None:
    events = _events("A bomb exploded near a checkpoint in Tikrit on Saturday; no one was hurt.")
    assert len(events) == 1
    assert events[0].fatalities == 0 and events[0].injuries == 0


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("on Friday", date(2019, 12, 27), 1),
        ("late on Sunday", date(2019, 12, 29), 1),
        ("yesterday", date(2019, 12, 28), 1),
        ("in June 2018", date(2018, 6, 1), 3),
        ("earlier this month", date(2019, 12, 1), 3),
        ("last week", date(2019, 12, 22), 2),
        ("in 2007", date(2007, 1, 1), 4),
        ("December 27", date(2019, 12, 27), 1),
        ("27 December 2019", date(2019, 12, 27), 1),
        ("on March 3", date(2019, 3, 3), 1),
    ],
)
def test_date_forms(expression: str, expected: date, precision: int) -> None:
    found = dates_from_text(f"It happened {expression}.", reference=PUBLISHED.date())
    assert [(d.date, d.precision) for d in found] == [(expected, precision)]


def test_year_only_is_flagged() -> None:
    article, resolved = _article("Soldiers arrested a militia leader in Basra in 2019.")
    events = events_from_article(article, resolved, settings=Settings(keep_background=True))
    assert events[0].time_precision == 3 and "year-only-date" in events[0].tags  # ACLED codes 1-3 only


@pytest.mark.parametrize(
    ("text", "fatalities", "injuries"),
    [
        ("The raids left at least 25 fighters dead and more than 50 hurt, officials said.", 25, 50),
        ("The mortar round killed a French engineer and wounded four guards.", 1, 4),
        ("Dozens of civilians were killed.", 12, None),
        ("Several fighters were killed.", 3, None),
        ("The blast killed twenty-two people.", 22, None),
        ("Between 10 and 15 people died.", 10, None),
    ],
)
def test_acled_counts(text: str, fatalities: int | None, injuries: int | None) -> None:
    found = casualties_from_text(text)
    assert (found.fatalities, found.injuries) == (fatalities, injuries)


def test_actors_and_passive_voice() -> None:
    events = _events("Kataib Hezbollah positions near Mosul were hit by US air strikes on Sunday.")
    assert events[0].actor1 == "Military Forces of the United States"
    assert events[0].actor2 == "Kataib Hezbollah"


def test_reference_back_attaches_counts_and_place() -> None:
    text = (
        "Rockets hit a base in Tikrit on Friday evening. "
        "The attack killed a contractor and wounded three soldiers, officials said."
    )
    events = _events(text)
    assert len(events) == 1
    assert (events[0].fatalities, events[0].injuries) == (1, 3)
    assert len(events[0].evidence) == 2


def test_two_countries_become_two_events() -> None:
    events = _events("Warplanes bombed militia depots in Mosul and in Aleppo on Saturday.")
    assert sorted(e.locations[0].place.country_code for e in events) == ["IQ", "SY"]
    assert len({e.event_id for e in events}) == 2


def test_event_ids_are_stable() -> None:
    text = "Gunmen shot dead two teachers in Tikrit on Monday."
    assert [e.event_id for e in _events(text)] == [e.event_id for e in _events(text)]


def test_merge_across_articles_keeps_conservative_figure() -> None:
    a, ra = _article("Warplanes struck a camp near Mosul on Friday, killing at least 9 fighters.", ident="a")
    b, rb = _article("Air strikes hit a camp in Mosul on Friday; 14 fighters were killed.", ident="b")
    merged = merge_events(events_from_article(a, ra) + events_from_article(b, rb))
    assert len(merged) == 1
    assert merged[0].fatalities == 9 and set(merged[0].article_ids) == {"a", "b"}
    assert "fatalities reported differently" in merged[0].notes


def test_merge_keeps_different_days_apart() -> None:
    a, ra = _article("Warplanes struck a camp near Mosul on Friday.", ident="a")
    b, rb = _article("Warplanes struck a camp near Mosul on Saturday.", ident="b")
    assert len(merge_events(events_from_article(a, ra) + events_from_article(b, rb))) == 2


def test_reference_of_one_kind_does_not_retype_another_event() -> None:
    text = (
        "Warplanes bombed a militia depot in Mosul on Sunday. "
        "The strike came after an attack that killed a contractor in Tikrit on Friday. "
        "The air strikes mark a shift in the government's policy toward the militias in Basra."
    )
    events = {e.event_date: e for e in _events(text)}
    assert events[date(2019, 12, 27)].sub_event_type != "Air/drone strike"
    assert events[date(2019, 12, 27)].locations[0].place.name == "Tikrit"
    strike = events[date(2019, 12, 29)]
    assert strike.sub_event_type == "Air/drone strike"
    assert [loc.place.name for loc in strike.locations if loc.role == "site"] == ["Mosul"]
    assert "Basra" in [loc.place.name for loc in strike.locations if loc.role == "mentioned"]


def test_reference_phrase_places_are_sites_but_places_after_its_verb_are_not() -> None:
    text = (
        "Rockets struck a base on Friday, killing one soldier. "
        "The attack on the base near Tikrit was condemned by officials visiting Ramadi."
    )
    (event,) = _events(text)
    assert [loc.place.name for loc in event.locations if loc.role == "site"] == ["Tikrit"]
    assert event.locations[0].precision == 2


def test_killing_of_names_the_site_of_an_earlier_report() -> None:
    text = (
        "Officials said a rocket attack killed a civilian contractor at a compound on Friday. "
        "Residents mourned the killing of the contractor in Tikrit."
    )
    (event,) = _events(text)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.locations[0].place.name == "Tikrit" and event.fatalities == 1


def test_reference_actors_stop_at_its_verb() -> None:
    text = (
        "Warplanes bombed militia positions near Mosul on Sunday. "
        "The air strikes angered Kataib Hezbollah leaders."
    )
    (event,) = _events(text)
    assert event.actor2 is None or event.actor2 != event.actor1


def test_unlocated_report_stays_apart_from_a_located_one_even_when_details_agree() -> None:
    a, ra = _article("Gunmen shot dead a teacher in Tikrit on Friday.", ident="a")
    iraq = Place("ne:IRQ", "Iraq", "country", 33.0, 43.7, Point(43.7, 33.0).buffer(5), "naturalearth", "IQ")
    text_b = "The interior ministry of Iraq said an attack on Friday killed a teacher."
    b = Article(id="b", text=text_b, published=PUBLISHED, url="https://example.org/b")
    start = text_b.index("Iraq")
    rb = [ResolvedMention(Mention("b", start, start + 4, "Iraq"), iraq, 0.9, 3)]
    events_b = events_from_article(b, rb)
    assert [loc.role for loc in events_b[0].locations] == ["mentioned"]
    merged = merge_events(events_from_article(a, ra) + events_b)
    assert len(merged) == 2  # an event with no site never merges across articles
    assert merged[0].locations[0].place.name == "Tikrit"


def test_unlocated_report_on_another_day_stays_apart() -> None:
    a, ra = _article("Gunmen shot dead a teacher in Tikrit on Friday.", ident="a")
    b, rb = _article("An attack on Thursday killed a teacher, officials said.", ident="b")
    assert len(merge_events(events_from_article(a, ra) + events_from_article(b, rb))) == 2


def test_compass_direction_of_a_town_is_a_site_near_it() -> None:
    (event,) = _events("Rockets hit an army base northwest of Tikrit on Friday.")
    assert event.locations[0].place.name == "Tikrit" and event.locations[0].role == "site"
    assert event.locations[0].precision == 2


def test_day_of_the_report_dates_an_event_the_text_gives_no_other_day() -> None:
    (event,) = _events("Officials said on Saturday that gunmen shot dead two teachers in Tikrit.")
    assert event.event_date is not None and event.event_date.weekday() == 5
    assert event.time_precision == 1 and "date-of-report" in event.tags
    assert "date-assumed-publication" not in event.tags


def test_day_of_the_act_beats_the_day_of_its_report() -> None:
    (event,) = _events("Gunmen shot dead two teachers in Tikrit on Thursday, officials said on Saturday.")
    assert event.event_date is not None and event.event_date.weekday() == 3
    assert "date-of-report" not in event.tags


def test_possessive_date_after_said_dates_the_event() -> None:
    (event,) = _events("The army said Thursday's air strikes hit depots near Mosul.")
    assert (event.event_date, event.time_precision) == (date(2019, 12, 26), 1)


def test_place_and_date_of_another_act_are_not_the_trigger_s() -> None:
    text = (
        "Hundreds of mourners gathered in Basra on Saturday for the funerals of fighters "
        "killed in air strikes near Mosul on Thursday."
    )
    (event,) = _events(text)
    assert event.sub_event_type == "Air/drone strike" and event.event_date == date(2019, 12, 26)
    assert [loc.place.name for loc in event.locations if loc.role == "site"] == ["Mosul"]


def test_trailing_and_in_place_belongs_to_the_clause_before() -> None:
    text = "Warplanes bombed militia depots near Mosul on Saturday, and in Aleppo across the border."
    events = _events(text)
    assert sorted(e.locations[0].place.name for e in events) == ["Aleppo", "Mosul"]
    assert {e.event_date for e in events} == {date(2019, 12, 28)}


def test_retaliation_clause_is_its_own_event() -> None:
    text = (
        "Officials said Saturday's air strikes, which hit depots in Mosul, were retaliation "
        "for a rocket attack on a base in Tikrit on Friday."
    )
    found = {(e.sub_event_type, e.event_date, e.locations[0].place.name) for e in _events(text)}
    assert found == {
        ("Air/drone strike", date(2019, 12, 28), "Mosul"),
        ("Shelling/artillery/missile attack", date(2019, 12, 27), "Tikrit"),
    }


def test_group_anaphor_names_the_group_from_before() -> None:
    text = (
        "Kataib Hezbollah fighters withdrew from the area last year. "
        "Its bases near Mosul were hit in an air strike on Friday."
    )
    (event,) = _events(text)
    assert event.actor2 == "Kataib Hezbollah"
    text = (
        "Officials blamed Asaib Ahl al-Haq for the unrest. "
        "His group attacked a checkpoint in Tikrit on Friday."
    )
    (event,) = _events(text)
    assert event.actor1 == "Asaib Ahl al-Haq"


def test_anaphor_without_a_group_named_before_adds_no_actor() -> None:
    (event,) = _events("Its bases near Mosul were hit in an air strike on Friday.")
    assert event.actor2 is None


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Supporters of Kataib Hezbollah stormed the provincial council in Basra on Friday, "
            "in protest against the air strikes.",
            "Violent demonstration",
        ),
        ("Students marched through Mosul on Saturday in protest at the fuel price rise.", "Peaceful protest"),
        ("Protesters in Basra burned flags outside a government building on Friday.", "Peaceful protest"),
    ],
)
def test_crowd_acts_in_protest_are_demonstrations(text: str, sub_event_type: str) -> None:
    events = [e for e in _events(text) if e.event_type in ("Protests", "Riots")]
    assert [e.sub_event_type for e in events] == [sub_event_type]
    assert events[0].actor2 is None and events[0].actor1.endswith("(Iraq)")


def test_reference_to_strikes_never_retypes_an_untyped_attack() -> None:
    text = (
        "US warplanes bombed militia depots near Mosul on Sunday after an attack that killed a contractor "
        "in Tikrit on Friday. The air strikes angered US allies in the region."
    )
    kinds = {e.event_date: e.sub_event_type for e in _events(text)}
    assert kinds[date(2019, 12, 27)] != "Air/drone strike"


def test_undated_plural_strikes_on_counted_targets_join_the_dated_strike() -> None:
    text = (
        "Warplanes bombed a militia depot near Mosul on Sunday. "
        "The ministry said the air force conducted strikes against three militia camps in Mosul and Aleppo."
    )
    events = _events(text)
    assert sorted(e.locations[0].place.name for e in events) == ["Aleppo", "Mosul"]
    assert {e.event_date for e in events} == {date(2019, 12, 29)}
    assert all(len(e.evidence) == 2 for e in events)


def test_plural_attacks_without_a_count_stay_a_pattern() -> None:
    assert _events("The ministry said militias carry out attacks on bases near Mosul.") == []


def test_page_junk_gives_no_event_and_no_place() -> None:
    story = "Gunmen shot dead two teachers in Tikrit on Monday."
    junk = " Related: Warplanes struck a militia camp near Mosul on Friday, killing five fighters."
    article, resolved = _article(story + junk)
    article = replace(
        article,
        zones=(Zone(0, len(story), ZoneKind.BODY), Zone(len(story), len(story + junk), ZoneKind.JUNK)),
    )
    events = events_from_article(article, resolved)
    assert [e.locations[0].place.name for e in events] == ["Tikrit"]
    assert all(loc.place.name != "Mosul" for e in events for loc in e.locations)


def test_opening_date_dates_the_sentence_despite_a_parenthesis() -> None:
    (event,) = _events("On Friday, after weeks of tension, militants attacked an army base in Mosul.")
    assert (event.event_date, event.time_precision) == (date(2019, 12, 27), 1)


def test_opening_place_locates_the_sentence_despite_a_parenthesis() -> None:
    (event,) = _events("In Mosul, after weeks of tension, militants attacked an army base on Friday.")
    assert event.locations[0].place.name == "Mosul" and event.locations[0].role == "site"


_WORDS = tuple(
    " ".join(
        [
            "on Friday, in Mosul near Tikrit the attack air strikes rockets hit killed 3 wounded protesters",
            "stormed his group its bases was were said that after for in protest against and in Aleppo,",
            "conducted strikes against five depots the weekend's last June 2018 no not will threatened",
            "charged with 's : ; “ ” .",
        ]
    ).split()
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60))
def test_any_word_salad_gives_well_formed_events(words: list[str]) -> None:
    text = " ".join(words)
    article, resolved = _article(text)
    for event in events_from_article(article, resolved):
        assert event.event_id and event.event_type and 0 < event.confidence < 1
        for ev in event.evidence:
            assert article.text[ev.start : ev.end] == ev.sentence
        assert all(loc.role in ("site", "mentioned") for loc in event.locations)
