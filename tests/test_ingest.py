"""Ingest: each format, metadata, ids, discovery order, and every kind of bad input."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from geoevents.errors import InputError
from geoevents.ingest import article_from_text, article_id, articles_from_paths
from geoevents.ingest.decode import decode_bytes
from geoevents.records import Article, ZoneKind
from geoevents.settings import Settings

STORY = (
    "Flood waters cut the road between Mosul and Dohuk on Tuesday, stranding hundreds of trucks.\n\n"
    "Officials in Erbil said repairs would take at least a week.\n"
)


def _only(items: list[Article | InputError]) -> Article:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Article), item
    return item


def _zone_texts(article: Article, kind: ZoneKind) -> list[str]:
    return [article.text[z.start : z.end] for z in article.zones if z.kind is kind]


def _errors(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# ------------------------------------------------------------------ formats


def test_plain_text_keeps_input_as_given_and_finds_head(tmp_path: Path) -> None:
    page = "Floods cut northern road\n\nBy Leila Mansour\n\nMarch 4, 2021 09:15\n\n" + STORY
    path = tmp_path / "flood.txt"
    path.write_text(page, encoding="utf-8")
    article = _only(list(articles_from_paths([path])))
    assert article.text == page
    assert article.title == "Floods cut northern road"
    assert article.byline == "Leila Mansour"
    assert article.published == datetime(2021, 3, 4, 9, 15)
    assert article.path == str(path)
    assert _zone_texts(article, ZoneKind.TITLE) == ["Floods cut northern road"]
    assert _zone_texts(article, ZoneKind.DATELINE) == ["March 4, 2021 09:15"]
    assert article.zone_at(page.index("Mosul")) is ZoneKind.BODY


def test_ids_are_stable_content_hashes(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "sub" / "b.txt"
    b.parent.mkdir()
    a.write_text(STORY, encoding="utf-8")
    b.write_text(STORY, encoding="utf-8")
    first, second = (x for x in articles_from_paths([tmp_path]) if isinstance(x, Article))
    assert first.id == second.id == article_id(STORY)
    assert len(first.id) == 16
    assert article_from_text(STORY + "More.").id != first.id


def test_markdown_offsets_index_the_file_as_given(tmp_path: Path) -> None:
    page = (
        "---\ntitle: Front matter title\ndate: 2021-05-02\n---\n"
        "# Bridge reopens in Basra\n\n*By Sami Karim* · Published 2 May 2021\n\n"
        "![Workers on the bridge in Basra, May 1, 2021.](bridge.jpg)\n\n"
        "The **Shatt al-Arab** bridge in [Basra](https://example.org) reopened on Sunday after repairs.\n\n"
        "- [Another story](https://example.org/x)\n- [A third story](https://example.org/y)\n"
    )
    path = tmp_path / "bridge.md"
    path.write_text(page, encoding="utf-8")
    article = _only(list(articles_from_paths([path])))
    assert article.text == page
    assert article.title == "Front matter title"  # front matter wins over the heading
    assert article.byline == "Sami Karim"
    assert article.published == datetime(2021, 5, 2)
    assert article.zone_at(page.index("# Bridge")) is ZoneKind.TITLE
    assert article.zone_at(page.index("Workers")) is ZoneKind.CAPTION
    assert article.zone_at(page.index("Shatt")) is ZoneKind.BODY
    assert article.zone_at(page.index("Another story")) is ZoneKind.JUNK
    assert article.zone_at(page.index("title: Front")) is ZoneKind.META


def test_html_main_story_without_furniture(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>Dam talks resume | The Daily Example</title>
    <link rel="canonical" href="https://example.org/dam-talks">
    <meta property="article:published_time" content="2022-07-08T10:30:00Z">
    <script>alert("x")</script><style>p{color:red}</style></head><body>
    <nav><a href="/">Home</a><a href="/sport">Sport</a></nav>
    <div class="ad-slot">Buy cheap flights to Antalya now</div>
    <article><h1>Dam talks resume in Addis Ababa</h1><p class="byline">By Hana Bekele</p>
    <figure><figcaption>The dam on the Blue Nile near Guba, July 2022. (Photo: AFP)</figcaption></figure>
    <p>Negotiators from Egypt, Sudan and Ethiopia met in Addis Ababa on Friday to discuss the dam.</p>
    <p>Talks had stalled for a year after disagreements over <b>water releases</b> in dry years.</p>
    <div class="share-bar">Share on Facebook</div></article>
    <aside class="related"><ul><li><a href="/1">Ten beaches in Crete</a></li></ul></aside>
    <footer>© 2022 Example</footer></body></html>"""
    path = tmp_path / "dam.html"
    path.write_text(html, encoding="utf-8")
    article = _only(list(articles_from_paths([path])))
    assert "Negotiators from Egypt" in article.text and "water releases in dry years" in article.text
    for furniture in ("Home", "Antalya", "Crete", "Share on Facebook", "alert", "color:red", "©"):
        assert furniture not in article.text
    assert article.title == "Dam talks resume in Addis Ababa"
    assert article.byline == "Hana Bekele"
    assert article.url == "https://example.org/dam-talks"
    assert article.published is not None and article.published.date().isoformat() == "2022-07-08"
    assert article.zone_at(article.text.index("The dam on the Blue Nile")) is ZoneKind.CAPTION
    assert article.zone_at(article.text.index("Negotiators")) is ZoneKind.BODY
    assert article.metadata["captions"] == ["The dam on the Blue Nile near Guba, July 2022."]


def test_html_without_article_element_picks_densest_block() -> None:
    html = (
        "<html><body><div id='menu'><p>Home</p><p>World</p></div><div><div>"
        + "".join(
            f"<p>Paragraph {i} of the report about floods in the delta region this week.</p>"
            for i in range(5)
        )
        + "</div></div><div class='footer-links'><p>Contact us at any time for more</p></div></body></html>"
    )
    article = article_from_text(html, fmt="html")
    assert article.text.count("Paragraph") == 5
    assert "Contact us" not in article.text and "World" not in article.text


def test_html_nested_ten_thousand_deep_does_not_crash(tmp_path: Path) -> None:
    html = "<html><body>" + "<div>" * 10_000 + "<p>Deep story text about Mosul.</p>" + "</div>" * 10_000
    path = tmp_path / "deep.html"
    path.write_text(html + "</body></html>", encoding="utf-8")
    article = _only(list(articles_from_paths([path])))
    assert "Deep story text about Mosul." in article.text


def test_jsonl_lines_metadata_and_broken_line(tmp_path: Path) -> None:
    good = {
        "text": STORY,
        "title": "Floods",
        "url": "https://example.org/f",
        "published": "2021-03-04T09:00:00Z",
        "id": "src-1",
        "byline": "Desk",
    }
    lines = [
        json.dumps(good),
        "{broken json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(articles_from_paths([path]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = _errors(items)
    assert [a.text for a in articles] == [STORY, "Second."]
    first = articles[0]
    assert (first.title, first.url, first.byline) == ("Floods", "https://example.org/f", "Desk")
    assert first.published is not None and first.published.isoformat() == "2021-03-04T09:00:00+00:00"
    assert first.metadata["source_id"] == "src-1" and first.metadata["line"] == 1
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3"]
    assert "broken JSON line" in errors[0].reason
    assert "\n" not in str(errors[0])


def test_json_file_with_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(
        json.dumps([{"text": "One about Basra."}, {"text": "Two about Mosul."}]), encoding="utf-8"
    )
    texts = [a.text for a in articles_from_paths([path]) if isinstance(a, Article)]
    assert texts == ["One about Basra.", "Two about Mosul."]


def test_format_sniffed_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_bytes(b"<!DOCTYPE html><html><body><article><p>Sniffed story from Tikrit today.</p></article>")
    article = _only(list(articles_from_paths([path])))
    assert article.text == "Sniffed story from Tikrit today."
    assert article.metadata["format"] == "html"


# ------------------------------------------------------------------ decoding


def test_encodings_boms_and_nfc(tmp_path: Path) -> None:
    text = "Les habitants de Bagdad ont fêté la réouverture du marché près de l'église."
    (tmp_path / "latin1.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "nfd.txt").write_bytes(text.replace("ê", "e\u0302").encode("utf-8"))
    articles = [a for a in articles_from_paths([tmp_path]) if isinstance(a, Article)]
    assert len(articles) == 4
    assert all(a.text == text for a in articles)
    by_name = {Path(a.path or "").name: a for a in articles}
    assert by_name["bom.txt"].metadata["bom"] is True
    assert by_name["latin1.txt"].metadata.get("encoding_detected") is True


def test_invalid_utf8_replaced_only_as_last_resort_and_said_so() -> None:
    data = "Les réfugiés à Mossoul — été 2017".encode() + b" \xff\xfe broken " + "très".encode()
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced >= 1
    assert "réfugiés" in decoded.text and "très" in decoded.text


def test_invalid_utf8_file_reports_replacement_in_metadata(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("Les réfugiés arrivent à Mossoul.".encode() + b"\xc3\x28 fin.")
    article = _only(list(articles_from_paths([path])))
    assert article.metadata["replaced_characters"] >= 1
    assert "U+FFFD" in article.metadata["decode_note"]


# ------------------------------------------------------------------ bad input


def test_bad_inputs_each_give_one_line_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blank.txt").write_bytes(b" \n\n\t")
    (tmp_path / "d_image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "e_binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "f_pdf.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "z_good.md").write_text("# Title\n\n" + STORY, encoding="utf-8")
    items = list(articles_from_paths([tmp_path]))
    good = [Path(a.path or "").name for a in items if isinstance(a, Article)]
    assert good == ["a_good.txt", "z_good.md"]
    reasons = {Path(e.source).name: e.reason for e in _errors(items)}
    assert reasons["b_empty.txt"] == "empty file"
    assert "whitespace" in reasons["c_blank.txt"]
    assert "PNG" in reasons["d_image.png"]
    assert "binary" in reasons["e_binary.txt"]
    assert "PDF" in reasons["f_pdf.txt"]
    for error in _errors(items):
        assert "\n" not in str(error) and str(error).startswith(str(tmp_path))


def test_huge_file_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.seek(200 * 1024 * 1024 - 1)
        handle.write(b"a")
    items = list(articles_from_paths([path]))
    (error,) = _errors(items)
    assert error.source == str(path) and "too large" in error.reason and "52,428,800" in error.reason
    small_limit = Settings(max_input_bytes=10)
    (path2 := tmp_path / "small.txt").write_text(STORY, encoding="utf-8")
    (error2,) = _errors(list(articles_from_paths([path2], settings=small_limit)))
    assert "too large" in error2.reason
    assert _only(list(articles_from_paths([path2], settings=Settings(max_input_bytes=10_000))))


def test_missing_inputs_and_unmatched_globs(tmp_path: Path) -> None:
    items = list(articles_from_paths([tmp_path / "nope.txt", str(tmp_path / "*.none")]))
    assert [e.reason for e in _errors(items)] == ["no such file or directory", "no files match this pattern"]


def test_glob_and_folder_order_is_sorted_and_deduplicated(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", ".hidden.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"Story {name} about Hilla.", encoding="utf-8")
    items = list(articles_from_paths([tmp_path, str(tmp_path / "*.txt")]))
    names = [os.path.relpath(a.path or "", tmp_path) for a in items if isinstance(a, Article)]
    assert names == ["a.txt", "b.txt", os.path.join("sub", "c.txt")]


def test_file_vanishing_during_the_run(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(STORY, encoding="utf-8")
    second.write_text(STORY, encoding="utf-8")
    items = articles_from_paths([tmp_path])
    assert isinstance(next(items), Article)
    second.unlink()  # listed already, gone before it is read
    (error,) = list(items)
    assert isinstance(error, InputError) and error.source == str(second) and "vanished" in error.reason


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(STORY, encoding="utf-8")
    real_open = open

    def deny(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", deny)
    (error,) = _errors(list(articles_from_paths([path])))
    assert error.source == str(path) and "permission denied" in error.reason


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_and_folder_with_real_permissions(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "inner.txt").write_text(STORY, encoding="utf-8")
    closed.chmod(0)
    try:
        items = list(articles_from_paths([tmp_path]))
    finally:
        closed.chmod(0o755)
        locked.chmod(0o644)
    reasons = {Path(e.source).name: e.reason for e in _errors(items)}
    assert "permission denied" in reasons["locked.txt"] and "permission denied" in reasons["closed"]
    assert len([a for a in items if isinstance(a, Article)]) == 1


def test_unreadable_folder_entries_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path) == str(closed):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(articles_from_paths([tmp_path]))
    (error,) = _errors(items)
    assert error.source == str(closed) and "permission denied" in error.reason
    assert len([a for a in items if isinstance(a, Article)]) == 1


def test_article_from_text_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown article format"):
        article_from_text("x", fmt="pdf")


def test_jsonl_line_breaks_inside_json_strings_do_not_split_records(tmp_path: Path) -> None:
    from geoevents.ingest import articles_from_paths

    feed = tmp_path / "feed.jsonl"
    texts = ["Shelling hit Mosul\u2028on Monday.", "Protest in Basra\x85today."]
    feed.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n", encoding="utf-8")
    results = list(articles_from_paths([feed]))
    assert [type(r).__name__ for r in results] == ["Article", "Article"]


def test_jsonl_limit_applies_per_line_so_feeds_of_any_size_stream(tmp_path: Path) -> None:
    """A JSON-lines feed larger than the size limit is read article by article; only a line over the
    limit is refused, and the rest of the file goes on."""
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": f"Report {i}: shelling hit Kirkuk overnight.", "id": f"r{i}"}) for i in range(50)
    ]
    lines.insert(10, json.dumps({"text": "x" * 5000}))
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(max_input_bytes=1000)
    assert feed.stat().st_size > settings.max_input_bytes
    items = list(articles_from_paths([feed], settings=settings))
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 50
    assert len(errors) == 1 and f"{feed}:11" in str(errors[0]) and "too large" in str(errors[0])
    assert articles[0].metadata["line"] == 1 and articles[-1].metadata["line"] == 51


def test_jsonl_stream_and_whole_file_reading_agree(tmp_path: Path) -> None:
    """The streamed reader gives the same articles as reading the same lines from a file without the
    .jsonl suffix (sniffed and read whole)."""
    records = [{"text": "Clashes near Mosul on Monday.\u2028Second line.", "title": "A"}, {"text": "Sinjar."}]
    body = "\ufeff" + "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    streamed = tmp_path / "a.jsonl"
    whole = tmp_path / "a"
    streamed.write_text(body, encoding="utf-8")
    whole.write_text(body, encoding="utf-8")
    got = [a for a in articles_from_paths([streamed]) if isinstance(a, Article)]
    ref = [a for a in articles_from_paths([whole]) if isinstance(a, Article)]
    assert [a.text for a in got] == [a.text for a in ref] and len(got) == 2
    assert [a.id for a in got] == [a.id for a in ref]
    assert [a.metadata.get("line") for a in got] == [a.metadata.get("line") for a in ref]
