"""Analyst overrides: CSV and YAML, every action, clear errors, re-applied on every run."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from shapely.geometry import Point

from geoevents.errors import InputError
from geoevents.events import apply_to_events, apply_to_resolved, events_from_article, load_overrides
from geoevents.records import Article, Event, Mention, MentionRole, Place, ResolvedMention

TEXT = (
    "Gunmen shot dead two teachers in Tikrit on Monday. "
    "Warplanes struck a militia camp near Mosul on Friday, killing five fighters."
)
TOWNS = {"Tikrit": ("geonames:99131", 34.61, 43.68), "Mosul": ("geonames:99072", 36.34, 43.13)}
HEADER = "action,target,id,field,value,note\n"


def _run(overrides_path: Path | None) -> tuple[list[ResolvedMention], list[Event]]:
    """One run of the events stage as the pipeline does it: place corrections, events, event corrections."""
    article = Article(id="art1", text=TEXT, published=datetime(2019, 12, 29, 12), url="https://example.org/1")
    resolved = []
    for name, (fid, lat, lon) in TOWNS.items():
        start = TEXT.index(name)
        place = Place(fid, name, "populated_place", lat, lon, Point(lon, lat), "geonames", "IQ", name)
        resolved.append(ResolvedMention(Mention("art1", start, start + len(name), name), place, 0.9, 1))
    overrides = load_overrides(overrides_path) if overrides_path else None
    if overrides is not None:
        resolved = apply_to_resolved(overrides, resolved, article=article)
    events = events_from_article(article, resolved)
    if overrides is not None:
        events = apply_to_events(overrides, events)
    return resolved, events


def _by_place(events: list[Event]) -> dict[str, Event]:
    return {e.locations[0].place.name: e for e in events if e.locations}


@pytest.fixture
def baseline() -> dict[str, Event]:
    return _by_place(_run(None)[1])


def test_baseline_has_both_events(baseline: dict[str, Event]) -> None:
    assert set(baseline) == {"Tikrit", "Mosul"}


def test_csv_remove_and_edit_survive_a_rerun(tmp_path: Path, baseline: dict[str, Event]) -> None:
    path = tmp_path / "fix.csv"
    path.write_text(
        HEADER
        + f"remove,event,{baseline['Tikrit'].event_id},,,duplicate of a wire report\n"
        + f"edit,event,{baseline['Mosul'].event_id},fatalities,4,hospital figure\n"
        + f"edit,event,{baseline['Mosul'].event_id},actor1,Military Forces of Iraq,\n",
        encoding="utf-8",
    )
    for _ in range(2):  # a second run from scratch gets the same corrections
        _, events = _run(path)
        assert [e.locations[0].place.name for e in events] == ["Mosul"]
        (mosul,) = events
        assert mosul.fatalities == 4 and mosul.actor1 == "Military Forces of Iraq"
        assert "analyst-edited" in mosul.tags and "hospital figure" in mosul.notes
        assert mosul.event_id == baseline["Mosul"].event_id


def test_yaml_add_event(tmp_path: Path) -> None:
    path = tmp_path / "fix.yaml"
    path.write_text(
        "overrides:\n"
        "  - {action: add, target: event, id: analyst-1, field: sub_event_type, value: Armed clash}\n"
        "  - {action: add, target: event, id: analyst-1, field: event_date, value: '2019-12-28'}\n"
        "  - {action: add, target: event, id: analyst-1, field: lat, value: 35.47}\n"
        "  - {action: add, target: event, id: analyst-1, field: lon, value: 44.39}\n"
        "  - {action: add, target: event, id: analyst-1, field: location, value: Kirkuk}\n"
        "  - {action: add, target: event, id: analyst-1, field: country_code, value: IQ}\n"
        "  - {action: add, target: event, id: analyst-1, field: fatalities, value: 2}\n",
        encoding="utf-8",
    )
    overrides = load_overrides(path)
    _, events = _run(path)
    added = [e for e in events if e.event_id == "analyst-1"]
    assert len(added) == 1 and len(events) == 3
    (event,) = added
    assert (event.event_type, event.event_date, event.fatalities) == ("Battles", date(2019, 12, 28), 2)
    assert (event.locations[0].place.lat, event.locations[0].place.lon) == (35.47, 44.39)
    assert event.locations[0].place.country_code == "IQ"
    assert apply_to_events(overrides, []) and not overrides.unused


@pytest.mark.parametrize(
    "ident", ["art1:Mosul", "*:mosul", f"art1:{TEXT.index('Mosul')}-{TEXT.index('Mosul') + 5}"]
)
def test_place_set_moves_the_event(tmp_path: Path, ident: str) -> None:
    path = tmp_path / "fix.csv"
    path.write_text(HEADER + f'set,place,{ident},latlon,"36.40,43.20",camp is north of the city\n')
    resolved, events = _run(path)
    mosul = next(rm for rm in resolved if rm.mention.text == "Mosul")
    assert mosul.place is not None and mosul.place.source == "user"
    assert (mosul.place.lat, mosul.place.lon) == (36.40, 43.20)
    assert any(e.locations[0].place.lat == 36.40 for e in events)


def test_place_remove_by_offsets_unlocates_the_event(tmp_path: Path) -> None:
    start = TEXT.index("Tikrit")
    path = tmp_path / "fix.csv"
    path.write_text(HEADER + f"remove,place,art1:{start}-{start + 6},,,a surname here\n")
    resolved, events = _run(path)
    tikrit = next(rm for rm in resolved if rm.mention.text == "Tikrit")
    assert tikrit.place is None and tikrit.mention.role == MentionRole.NOT_PLACE
    assert "Tikrit" not in _by_place(events)


def test_stale_override_is_reported_as_unused(tmp_path: Path) -> None:
    path = tmp_path / "fix.csv"
    path.write_text(HEADER + "remove,event,IQ-0000000000,,,\n")
    overrides = load_overrides(path)
    events = apply_to_events(overrides, _run(None)[1])
    assert len(events) == 2 and [r.id for r in overrides.unused] == ["IQ-0000000000"]


@pytest.mark.parametrize(
    ("rows", "row", "reason"),
    [
        ("edit,event,IQ-1,fatalities,many,\n", 2, "fatalities cannot be 'many'"),
        ("edit,event,IQ-1,colour,red,\n", 2, "field 'colour' cannot be edited"),
        ("remove,event,IQ-1,,,\nexplode,event,IQ-1,,,\n", 3, "action 'explode'"),
        ("edit,event,IQ-1,sub_event_type,Air raid,\n", 2, "not an ACLED sub-event type"),
        ("edit,event,IQ-1,event_date,29/12/2019,\n", 2, "event_date cannot be"),
        ("set,place,art1:Mosul,latlon,95.0,\n", 2, "latlon must be 'lat,lon'"),
        ('set,place,art1:Mosul,latlon,"95.0,43.0",\n', 2, "lat cannot be"),
        ("remove,place,Mosul,,,\n", 2, "ARTICLE_ID:START-END"),
        ("remove,person,x:y,,,\n", 2, "target must be event or place"),
        ("remove,event,,,,\n", 2, "id is empty"),
    ],
)
def test_bad_rows_name_file_row_and_reason(tmp_path: Path, rows: str, row: int, reason: str) -> None:
    path = tmp_path / "fix.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_overrides(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{row}: ") and reason in message and "\n" not in message


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("fix.csv", "what,ever\n1,2\n", "missing column(s) action, id, target"),
        ("fix.yaml", "overrides: [unclosed\n", "not valid YAML"),
        ("fix.yaml", "fixes: []\n", "a list under 'overrides:'"),
        ("fix.yml", "overrides:\n  - just a string\n", "each item is a mapping"),
    ],
)
def test_bad_files_get_one_line_errors(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_overrides(path)
    assert str(caught.value).startswith(str(path)) and reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_added_event_without_a_place_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fix.csv"
    path.write_text(HEADER + "add,event,analyst-2,sub_event_type,Arrests,\n")
    with pytest.raises(InputError, match=r"fix\.csv:2: added event analyst-2 lacks event_date, lat"):
        load_overrides(path)  # at load, before any article is processed


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read overrides"):
        load_overrides(tmp_path / "absent.csv")
    bad = tmp_path / "latin.csv"
    bad.write_bytes(HEADER.encode() + "edit,event,IQ-1,notes,caf\xe9,\n".encode("latin-1"))
    with pytest.raises(InputError, match="must be UTF-8"):
        load_overrides(bad)
