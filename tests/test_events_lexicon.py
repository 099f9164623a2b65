"""The trigger lexicon and refinements are data: every row names a codebook definition and is checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoevents.errors import InputError
from geoevents.events.subtypes import load_refinements
from geoevents.events.taxonomy import SUB_EVENT_TYPES
from geoevents.events.triggers import best_trigger, definitions, load_triggers

HEADER = "sub_event_type\tdefinition\tnominal\tpattern\n"


def test_every_type_has_a_trigger_row_and_a_definition() -> None:
    rows = load_triggers()
    reached = {t.sub_event_type for t in rows if t.sub_event_type} | {r.target for r in load_refinements()}
    assert reached == set(SUB_EVENT_TYPES)
    known = definitions()
    assert all(t.definition in known for t in rows)
    assert all(known[r.definition] == r.target for r in load_refinements())


def test_specific_rows_beat_generic_ones() -> None:
    found = best_trigger("Gunmen attacked the convoy and kidnapped two drivers")
    assert found is not None and found.trigger.sub_event_type == "Abduction/forced disappearance"
    found = best_trigger("An explosion shook the market")
    assert found is not None and found.trigger.sub_event_type is None


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Attack\tvac/attack\tyes\n", "expected 4 columns"),
        ("Bombing\tvac/attack\tyes\t\\bbomb\\b\n", "unknown sub_event_type"),
        ("Attack\tno/such\tyes\t\\bhit\\b\n", "is not in definitions.tsv"),
        ("Attack\tsd/arrests\tyes\t\\bhit\\b\n", "defines 'Arrests'"),
        ("Attack\tvac/attack\tmaybe\t\\bhit\\b\n", "nominal must be yes or no"),
        ("Attack\tvac/attack\tyes\t(unclosed\n", "bad pattern"),
    ],
)
def test_bad_rows_are_named_with_file_and_line(tmp_path: Path, row: str, reason: str) -> None:
    path = tmp_path / "triggers.tsv"
    path.write_text("# a comment\n" + HEADER + row, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as caught:
        load_triggers(path)
    assert f"{path}:3" in str(caught.value)


def test_the_prefilter_never_hides_a_match() -> None:
    """Every match of a row contains one of the row's keys, so skipping rows without keys loses nothing."""
    from tests.test_events_types import NO_EVENT, SHAPES, TYPED

    texts = [t for _, t in TYPED] + NO_EVENT + [t for _, t in SHAPES]
    for trigger in load_triggers():
        for text in texts:
            for m in trigger.pattern.finditer(text):
                assert trigger.keys is None or any(k in m.group(0).lower() for k in trigger.keys), (
                    trigger.definition,
                    m.group(0),
                )
