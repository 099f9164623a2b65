"""Our own sample articles (data/articles) through real ingest, geoparse, gazetteer, events and merge."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from geoevents.events import events_from_article, merge_events
from geoevents.geoparse.parse import resolved_mentions_from_article
from geoevents.ingest import articles_from_paths
from geoevents.records import Article, Event, ZoneKind
from geoevents.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "articles"
US_FORCES = "Military Forces of the United States"
SampleRun = tuple[list[Article], list[Event], list[Event]]
KEEP_BACKGROUND = Settings(keep_background=True)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def sample_run(gazetteer: Any) -> SampleRun:
    if not SAMPLES.is_dir() or not any(SAMPLES.iterdir()):
        pytest.skip("no sample articles in data/articles")
    articles = [a for a in articles_from_paths([SAMPLES]) if isinstance(a, Article)]
    per_article = [
        e
        for a in articles
        for e in events_from_article(a, resolved_mentions_from_article(a, gazetteer=gazetteer))
    ]
    return articles, per_article, merge_events(per_article)


@pytest.fixture(scope="module")
def with_background(sample_run: SampleRun, gazetteer: Any) -> list[Event]:
    """The samples' events with background ones kept (an option; they are left out by default)."""
    articles = sample_run[0]
    return merge_events(
        [
            e
            for a in articles
            for e in events_from_article(
                a, resolved_mentions_from_article(a, gazetteer=gazetteer), settings=KEEP_BACKGROUND
            )
        ]
    )


def _site(event: Event) -> tuple[str, tuple[float, float]]:
    loc = next((loc for loc in event.locations if loc.role == "site"), None)
    if loc is None:
        return "", (math.nan, math.nan)
    return loc.place.country_code or "", (loc.place.lat, loc.place.lon)


def _find(events: list[Event], sub: str, when: date, country: str) -> list[Event]:
    return [e for e in events if e.sub_event_type == sub and e.event_date == when and _site(e)[0] == country]


def test_strikes_of_29_december_are_one_row_per_country(sample_run: SampleRun) -> None:
    _, _, merged = sample_run
    (iraq,) = _find(merged, "Air/drone strike", date(2019, 12, 29), "IQ")
    (syria,) = _find(merged, "Air/drone strike", date(2019, 12, 29), "SY")
    assert _km(_site(iraq)[1], (34.37, 41.09)) < 15  # Al-Qaim
    assert _km(_site(syria)[1], (34.45, 40.92)) < 15  # Albukamal
    for event in (iraq, syria):
        assert (event.actor1, event.actor2) == (US_FORCES, "Kataib Hezbollah")
        assert event.time_precision == 1 and len(event.article_ids) >= 2
    # 25 killed and 50 wounded over both countries without a breakdown: split evenly, the first-named first.
    assert (iraq.fatalities, iraq.injuries, syria.fatalities, syria.injuries) == (13, 25, 12, 25)
    assert all({"fatalities-split", "injuries-split"} <= set(e.tags) for e in (iraq, syria))


def test_rocket_attack_on_k1_merges_every_report(sample_run: SampleRun) -> None:
    _, _, merged = sample_run
    (attack,) = _find(merged, "Shelling/artillery/missile attack", date(2019, 12, 27), "IQ")
    assert _km(_site(attack)[1], (35.5125, 44.2842)) < 30  # K-1, northwest of Kirkuk
    assert attack.fatalities == 1 and attack.actor2 == "Civilians (United States)"
    assert len(attack.article_ids) >= 3
    assert "injuries reported differently" in attack.notes and attack.injuries == 4


def test_month_precision_strike_of_june_2018(sample_run: SampleRun, with_background: list[Event]) -> None:
    _, _, merged = sample_run
    assert not _find(merged, "Air/drone strike", date(2018, 6, 1), "SY")  # background: left out by default
    (strike,) = _find(with_background, "Air/drone strike", date(2018, 6, 1), "SY")
    assert strike.time_precision == 3 and strike.actor2 == "Kataib Hezbollah"
    assert "background" in strike.tags
    assert not [e for e in merged if _site(e)[0] == "US"]  # "blamed on Washington" is no site


def test_demonstrations(sample_run: SampleRun) -> None:
    _, _, merged = sample_run
    (embassy,) = [e for e in merged if e.sub_event_type == "Violent demonstration"]
    assert embassy.event_date == date(2019, 12, 31) and embassy.actor1 == "Rioters (Iraq)"
    assert _km(_site(embassy)[1], (33.34, 44.40)) < 20  # Baghdad
    (basra,) = [e for e in merged if e.event_type == "Protests"]
    assert basra.sub_event_type == "Peaceful protest" and basra.actor2 is None
    assert "date-assumed-publication" in basra.tags


def test_threats_and_conditionals_are_not_events(sample_run: SampleRun) -> None:
    articles, per_article, _ = sample_run
    by_id = {a.id: a for a in articles}
    for event in per_article:
        for ev in event.evidence:
            assert by_id[ev.article_id].zone_at(ev.start) in (ZoneKind.BODY, ZoneKind.CAPTION)
    said = " ".join(ev.sentence for e in per_article for ev in e.evidence)
    assert "threatened to attack" not in said and "would pay a heavy price" not in said
    assert {e.event_type for e in per_article} <= {
        "Explosions/Remote violence",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    # The one strategic development: a launch site found with unused rockets (disrupted weapons use).
    assert {e.sub_event_type for e in per_article if e.event_type == "Strategic developments"} <= {
        "Disrupted weapons use"
    }
