"""The result store's places: decoded once when read, and taken as they are when this process made them."""

from __future__ import annotations

import json
from pathlib import Path

from geoevents.codec import decode_record, dumps, encode_record
from geoevents.ingest.articles import article_from_text
from geoevents.parallel import LocalRunner, Success, WorkerConfig
from geoevents.records import ArticleResult
from geoevents.result_store import LazyPlaces, ResultStore
from geoevents.settings import DEFAULT
from tests import test_pipeline_fakes as fakes


def test_a_place_is_decoded_once_and_only_when_read() -> None:
    gamma = fakes.PLACES["Gamma"]
    places = LazyPlaces()
    places.add(gamma.feature_id, dumps(encode_record(gamma)))
    assert gamma.feature_id in places and len(places) == 1
    first = places[gamma.feature_id]
    assert first == gamma and places[gamma.feature_id] is first


def test_the_places_of_an_in_process_run_are_the_workers_own(tmp_path: Path) -> None:
    runner = LocalRunner(WorkerConfig(stages=fakes.FAKE_STAGES, settings=DEFAULT, gazetteer=fakes.PLACES))
    store = ResultStore(tmp_path / "cache", "fingerprint", reuse=False)
    store.places.known = runner.local_places()
    article = article_from_text("A strike near Gamma and Alpha at night.")
    try:
        for _, reply in runner.replies([article]):
            assert isinstance(reply, Success)
            store.add(reply)
        with open(store.results_path, "rb") as handle:
            result = store.read(article.id, handle)
    finally:
        store.close()
    assert isinstance(result, ArticleResult)
    assert [m.place for m in result.mentions if m.place] == [fakes.PLACES["Gamma"], fakes.PLACES["Alpha"]]
    # the very objects the worker had: no geometry rebuilt from its stored line
    gamma = next(m.place for m in result.mentions if m.place and m.place.feature_id == "test:gamma")
    assert gamma is runner.local_places()["test:gamma"]
    # and the stored line decodes to the same place, for a run that resumes from it
    line = (tmp_path / "cache" / "places.jsonl").read_text(encoding="utf-8").splitlines()[0]
    fid, encoded = line.split("\t", 1)
    assert decode_record(type(fakes.PLACES["Gamma"]), json.loads(encoded)) == runner.local_places()[fid]
