"""The briefing outputs read back by real libraries: report.pdf (pypdf), events.kmz (GDAL's KML driver),
geoevents.qgz (zip + XML), and the citations and caveats they share."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pyogrio
import pytest

from geoevents.outputs import events_to_frame, write_outputs
from geoevents.outputs.citations import caveats, clean_url, event_sources, publisher_of, source_ref
from geoevents.outputs.kml import kmz_bytes
from geoevents.outputs.qgis_project import project_xml
from geoevents.outputs.report import render_report, report_pdf, time_bins, timeline_svg
from geoevents.records import EventLocation
from tests.test_outputs import HOSTILE, PLACES, _event, _evidence, sample_events, sample_results


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_outputs(sample_results(), sample_events(), tmp_path_factory.mktemp("briefing"))


def test_links_lose_tracking_parameters_and_paths_are_never_cited() -> None:
    url = "https://www.News.example/world/x?id=7&utm_source=tw&fbclid=abc&gclid=1#comments"
    assert clean_url(url) == "https://www.news.example/world/x?id=7"
    assert publisher_of(url) == "news.example"
    for bad in ("file:///home/me/a.html", "/srv/data/a.txt", "javascript:alert(1)", "C:\\x\\a.html", ""):
        assert clean_url(bad) is None, bad
        ref = source_ref(url=bad, title=bad, article_id="0123456789abcdef")
        assert ref.url is None and "/" not in ref.title and "\\" not in ref.title, bad
        assert ref.title == "article 0123456789"
    titled = source_ref(url=None, title="Iraq: strikes near the border", article_id="x")
    assert titled.title == "Iraq: strikes near the border"


def test_a_publisher_named_by_the_events_stage_is_cited_by_that_name() -> None:
    """The same name in the CSV's source column, the report, the KMZ and the map (not the bare domain)."""
    evidence = dataclasses.replace(
        _evidence("a1", "Shells fell on the market.", "https://www.wire.example/x?utm_source=feed"),
        publisher="Wire Service",
    )
    event = _event("ev-p", ("Battles", "Armed clash"), date(2020, 1, 5), evidence=(evidence,))
    (ref,) = event_sources(event)
    assert ref.publisher == "Wire Service" and ref.url == "https://www.wire.example/x"
    assert (
        event_sources(dataclasses.replace(event, evidence=(_evidence("a1", "x", "https://wire.example/y"),)))[
            0
        ].publisher
        == "wire.example"
    )


def test_caveats_name_split_conflicting_and_caption_dated_figures() -> None:
    event = _event(
        "ev-c",
        ("Battles", "Armed clash"),
        date(2020, 1, 5),
        EventLocation(PLACES["qaim"], 1),
        fatalities=6,
        tags=("date-from-caption", "fatalities-split"),
        notes="12 fatalities reported for Iraq, Syria without a breakdown, split evenly: 6 coded here. "
        "fatalities reported differently: 6 per a; 9 per b; coded 6.",
    )
    said = " / ".join(caveats(event))
    assert "share of a total" in said and "6 coded here" in said
    assert "conflicting figures: fatalities: 2 reports give 6 to 9, 6 coded" in said
    assert "photo caption" in said


def test_timeline_axis_follows_the_span() -> None:
    assert time_bins(date(2020, 1, 1), date(2020, 1, 5))[0] == "day"
    unit, edges = time_bins(date(2020, 1, 3), date(2020, 3, 20))
    assert unit == "week" and all(d.weekday() == 0 for d in edges)
    unit, edges = time_bins(date(2020, 1, 20), date(2020, 12, 2))
    assert unit == "month" and edges[0] == date(2020, 1, 1) and edges[-1] == date(2021, 1, 1)
    assert time_bins(date(2015, 5, 1), date(2020, 1, 1))[0] == "year"
    # a month of events spreads across the axis instead of sitting in one column
    events = [
        _event(f"e{day}", ("Battles", "Armed clash"), date(2020, 1, day), EventLocation(PLACES["qaim"], 1))
        for day in (1, 15, 31)
    ]
    svg = timeline_svg(events)
    xs = sorted(float(part.split('"')[1]) for part in svg.split("<circle cx=")[1:])
    assert xs[1] - xs[0] > 150 and xs[2] - xs[1] > 150


def test_report_has_as_of_method_page_numbers_and_escaped_sources() -> None:
    page = render_report(sample_events(), sources=None)
    assert "As of 2019-12-31" in page
    assert "@page" in page and "counter(page)" in page and "counter(pages)" in page
    assert "Method and caveats" in page and "date known to the week" in page
    assert "<th>Injured</th>" in page and ">51<" in page and "ev-strike" in page
    # per type: the two explosions hold 26 of the 30 fatalities and all 51 injuries
    explosions = page.split("Explosions/Remote violence</td>", 1)[1].split("</tr>", 1)[0]
    assert explosions == "<td class='num'>2</td><td class='num'>26</td><td class='num'>51</td>"
    assert '<a href="https://news.example/a1"' in page and "<b>news.example</b>" in page
    assert "file:" not in page and "/tmp/a3" not in page and "javascript:" not in page
    assert HOSTILE not in page and "&lt;script&gt;" in page


def test_a_long_batch_lists_its_deadliest_events_in_the_pdf_and_counts_them_all() -> None:
    base = sample_events()
    many = [
        replace(base[i % len(base)], event_id=f"ev-{i:03d}", fatalities=i % 7, injuries=None)
        for i in range(40)
    ]
    page = render_report(many, sources=None, listed=10)
    shown = re.findall(r"<tr id='(ev-\d+)'>", page)
    assert len(shown) == 10
    assert all(int(i[3:]) % 7 >= 5 for i in shown)  # five and six killed: the ten deadliest
    assert "<b>40</b>events" in page and "the other 30 are in report.html and events.csv" in page
    whole = render_report(many, sources=None)
    assert len(re.findall(r"<tr id='ev-\d+'>", whole)) == 40 and "the other" not in whole


def test_report_pdf_reads_back_on_both_papers(outputs: dict[str, Path]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(outputs["report.pdf"])
    assert 1 <= len(reader.pages) <= 4
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Event briefing", "As of 2019-12-31", "Method and caveats", "ev-strike", "Al-Qaim"):
        assert expected in text, expected
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "<script>" in text  # the hostile text is shown as text, never run or dropped
    letter = PdfReader(io.BytesIO(report_pdf(outputs["report.html"].read_text("utf-8"), paper="Letter")))
    assert [round(float(v)) for v in letter.pages[0].mediabox[2:]] == [612, 792]


def test_kmz_reads_back_with_gdal(outputs: dict[str, Path]) -> None:
    path = outputs["events.kmz"]
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names[0] == "doc.kml" and any(n.startswith("files/type-") for n in names)
        doc = ET.fromstring(archive.read("doc.kml"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = doc.findall(".//k:Placemark", ns)
    assert len(marks) == 5  # one per event site
    hrefs = {h.text for h in doc.findall(".//k:Icon/k:href", ns)}
    assert hrefs <= set(names) and len(hrefs) == 4  # four event types, each its own icon
    # GDAL's LIBKML driver reads the KMZ itself: one layer per folder, ExtendedData as fields
    import pandas as pd

    back = pd.concat([pyogrio.read_dataframe(path, layer=name) for name, _ in pyogrio.list_layers(path)])
    assert len(back) == 5
    frame = events_to_frame(sample_events()).set_index("event_id")
    for row in back.itertuples():
        site = frame.loc[row.event_id]
        assert (row.Name, row.event_type) == (site["location"], site["event_type"])
        assert row.geometry.distance(site.geometry) < 1e-6
        fatalities = None if pd.isna(row.fatalities) else int(row.fatalities)
        assert fatalities == (None if pd.isna(site["fatalities"]) else int(site["fatalities"]))
        expected_day = site["event_date"].isoformat() if site["event_date"] else None
        assert (None if pd.isna(row.timestamp) else str(row.timestamp)[:10]) == expected_day
    strike = next(m for m in marks if m.get("id", "").startswith("ev-strike"))
    assert strike.findtext("k:TimeStamp/k:when", namespaces=ns) == "2019-12-29"
    description = strike.findtext("k:description", namespaces=ns) or ""
    assert "killing 25" in description and 'href="https://news.example/a1"' in description
    hostile = next(m for m in marks if m.get("id", "").startswith("ev-hostile"))
    text = hostile.findtext("k:description", namespaces=ns) or ""
    assert "<script>" not in text and "&lt;script&gt;" in text  # escaped once more as HTML inside XML
    assert kmz_bytes(sample_events()) == kmz_bytes(sample_events())
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", m.get("id", "")) for m in marks)  # xsd:ID


def test_qgis_project_refers_to_the_geopackage_relatively(outputs: dict[str, Path]) -> None:
    with zipfile.ZipFile(outputs["geoevents.qgz"]) as archive:
        assert archive.namelist() == ["geoevents.qgs"]
        root = ET.fromstring(archive.read("geoevents.qgs").decode("utf-8").split("\n", 1)[1])
    sources = [node.text for node in root.iter("datasource")]
    assert sources and all(s and s.startswith("./geoevents.gpkg|layername=") for s in sources)
    checked = {n.get("source", "").split("=")[-1]: n.get("checked") for n in root.iter("layer-tree-layer")}
    assert checked["events"] == "Qt::Checked" and checked["event_mentions"] == "Qt::Unchecked"
    temporal = next(
        layer.find("temporal")
        for layer in root.iter("maplayer")
        if layer.findtext("id") == "geoevents_events"
    )
    assert (
        temporal is not None and temporal.get("enabled") == "1" and temporal.get("startField") == "event_date"
    )
    assert root.findtext("ProjectTimeSettings/TemporalRange/start") == "2019-12-27T00:00:00Z"


def test_qgis_project_of_nothing_is_still_valid_xml() -> None:
    text = project_xml({})
    assert ET.fromstring(text.split("\n", 1)[1]).tag == "qgis"


def test_event_sources_keep_evidence_links_when_the_article_has_no_url() -> None:
    event = _event(
        "ev-s",
        ("Battles", "Armed clash"),
        date(2020, 1, 1),
        EventLocation(PLACES["qaim"], 1),
        evidence=(_evidence("a9", "Clashes.", "https://m.wire.example/a9?utm_medium=rss"),),
    )
    known = {"a9": source_ref(url=None, title="Clashes in the west", article_id="a9")}
    (ref,) = event_sources(event, known)
    assert (ref.publisher, ref.title, ref.url) == (
        "wire.example",
        "Clashes in the west",
        "https://m.wire.example/a9",
    )


def test_a_day_precise_date_is_not_called_year_only() -> None:
    """Merged reports keep every tag: once one of them gives the day, the year-only caveat is wrong."""
    where = EventLocation(PLACES["qaim"], 1)
    exact = _event("e1", ("Battles", "Armed clash"), date(2020, 3, 4), where, tags=("year-only-date",))
    vague = _event("e2", ("Battles", "Armed clash"), date(2020, 1, 1), where, tags=("year-only-date",))
    vague = replace(vague, time_precision=3)
    assert not any("year" in c for c in caveats(exact))
    assert "only the year is known" in caveats(vague)


def test_layers_cite_links_or_titles_never_paths_or_scripts() -> None:
    frame = events_to_frame(sample_events()).set_index("event_id")
    assert frame.loc["ev-strike", "sources"] == "https://news.example/a1 | https://wire.example/a2"
    assert frame.loc["ev-strike", "source_names"] == "news.example: article a1 | wire.example: article a2"
    for event_id in ("ev-funeral", "ev-hostile"):
        cited = f"{frame.loc[event_id, 'sources']} {frame.loc[event_id, 'source_names']}"
        assert "file:" not in cited and "/tmp" not in cited and "javascript" not in cited, cited


def test_without_pango_the_pdf_is_left_out_and_everything_else_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from geoevents.outputs import report

    def no_pango(document: str, *, paper: str = "A4") -> bytes:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(report, "report_pdf", no_pango)
    with caplog.at_level("WARNING"):
        paths = write_outputs(sample_results(), sample_events(), tmp_path)
    assert "report.pdf" not in paths and not (tmp_path / "report.pdf").exists()
    assert paths["report.html"].exists() and paths["events.kmz"].exists()
    assert any(
        "report.pdf not written" in r.getMessage() and "Pango" in r.getMessage() for r in caplog.records
    )
