"""Why an article gave no event is told by the worker that read it, as the article itself would tell it."""

from __future__ import annotations

import dataclasses
import json

from geoevents.events import events_from_article
from geoevents.events.extract import NO_TRIGGER, ArticleEvents, why_no_event
from geoevents.ingest import article_from_text
from geoevents.parallel import (
    NO_EVENT_REASON,
    Success,
    WorkerConfig,
    WorkerState,
    no_event_reason,
    process_article,
)
from geoevents.settings import DEFAULT
from tests import test_pipeline_fakes as fakes

QUIET = [
    "The council will meet on Tuesday to discuss the new bus routes through Elmwood.",
    "Police said the man arrested after the bank robbery in Dorchester was charged with theft.",
    "Rebels threatened to attack the town of Maridi if the army did not withdraw.",
]


def _state() -> WorkerState:
    return WorkerState(WorkerConfig(stages=fakes.FAKE_STAGES, settings=DEFAULT, gazetteer=fakes.PLACES))


def test_the_worker_stores_the_reason_the_article_gives() -> None:
    state = _state()
    for text in QUIET:
        article = article_from_text(text)
        reply = process_article(article, state)
        assert isinstance(reply, Success)
        stored = json.loads(reply.line)
        assert stored["events"] == []
        assert stored[NO_EVENT_REASON] == why_no_event(article) == no_event_reason(stored["article"])


def test_an_article_with_events_stores_no_reason() -> None:
    reply = process_article(article_from_text("An air strike hit Kirkuk on Friday."), _state())
    assert isinstance(reply, Success)
    stored = json.loads(reply.line)
    assert stored["events"] and NO_EVENT_REASON not in stored


def test_a_reason_that_cannot_be_found_is_unknown() -> None:
    assert no_event_reason({"text": 42}) == "unknown"


def test_the_events_stage_tells_its_reason_in_the_same_pass() -> None:
    """The reason comes with the events: the same one the article gives when asked again, with no
    second drafting of the article (a quiet article cost the worker two passes)."""
    for text in QUIET:
        article = article_from_text(text)
        found = events_from_article(article, [])
        assert found == [] and found.reason == why_no_event(article, [])
    assert events_from_article(article_from_text("Fish were sold at the harbour."), []).reason == NO_TRIGGER
    loud = events_from_article(
        article_from_text("An air strike hit a market on Friday, killing 4 people."), []
    )
    assert loud and loud.reason is None


def _told_events(article: object, resolved: object, *, settings: object) -> ArticleEvents:
    found = ArticleEvents()
    found.reason = "accident"
    return found


def test_the_worker_stores_the_reason_its_events_stage_tells() -> None:
    """The worker keeps the stage's own reason instead of drafting the article again for one."""
    stages = dataclasses.replace(fakes.FAKE_STAGES, extract_events=_told_events)
    state = WorkerState(WorkerConfig(stages=stages, settings=DEFAULT, gazetteer=fakes.PLACES))
    reply = process_article(article_from_text(QUIET[2]), state)
    assert isinstance(reply, Success)
    assert json.loads(reply.line)[NO_EVENT_REASON] == "accident" != why_no_event(article_from_text(QUIET[2]))
