"""Why an article gave no event is told by the worker that read it, as the article itself would tell it."""

from __future__ import annotations

import json

from geoevents.events.extract import why_no_event
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
