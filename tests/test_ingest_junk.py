"""Page structure and junk: the seed pages (read from ../shared) and junk-laden pages of our own."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from geoevents.ingest import article_from_text, articles_from_paths
from geoevents.records import Article, ZoneKind


def _seed(seeds_dir: Path, prefix: str) -> Article:
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    (article,) = list(articles_from_paths([path]))
    assert isinstance(article, Article)
    return article


def _kind_of_line(article: Article, needle: str) -> ZoneKind:
    return article.zone_at(article.text.index(needle))


def _assert_zones_sound(article: Article) -> None:
    previous_end = 0
    for zone in article.zones:
        assert previous_end <= zone.start < zone.end <= len(article.text)
        previous_end = zone.end


def test_seed_000_head_caption_and_source_url(seeds_dir: Path) -> None:
    article = _seed(seeds_dir, "000")
    _assert_zones_sound(article)
    assert article.text == (seeds_dir / Path(article.path or "").name).read_text(encoding="utf-8")
    assert article.title == _first_line(seeds_dir, article)
    assert article.byline == "SETH J. FRANTZMAN"
    assert article.published == datetime(2019, 12, 29, 20, 30)
    assert article.url is not None and article.url.startswith("https://www.jpost.com/Middle-East/")
    assert not article.url.endswith(".")
    assert _kind_of_line(article, "SETH J. FRANTZMAN") is ZoneKind.BYLINE
    assert _kind_of_line(article, "DECEMBER 29, 2019") is ZoneKind.DATELINE
    assert _kind_of_line(article, "(photo credit: REUTERS)") is ZoneKind.CAPTION
    assert _kind_of_line(article, "Content retrieved from") is ZoneKind.META
    assert _kind_of_line(article, "About The Author") is ZoneKind.META
    # the story is kept whole; the lead repeated above the byline is a teaser, read once
    byline_at = article.text.index("SETH J. FRANTZMAN")
    for sentence in ("a bomb struck near the city of Al-Qaim", "Albukamal was hit", "Camp Cropper"):
        for at in _all(article.text, sentence):
            assert article.zone_at(at) is (ZoneKind.META if at < byline_at else ZoneKind.BODY), sentence
    (teaser,) = [z for z in article.zones if z.kind is ZoneKind.META and z.end < byline_at]
    assert article.text[teaser.start : teaser.end] in article.text[byline_at:]
    (caption_line,) = [line for line in article.text.splitlines() if "(photo credit:" in line]
    caption = caption_line[: caption_line.index("(photo credit:")].strip()
    assert article.metadata["captions"] == [caption]


def _first_line(seeds_dir: Path, article: Article) -> str:
    """The page's first line that is not repeated (repeated photo captions may come first).

    Read from the seed file itself: its text is not ours to copy into the repository.
    """
    lines = [line.strip() for line in (seeds_dir / Path(article.path or "").name).read_text().splitlines()]
    return next(line for line in lines if line and lines.count(line) == 1)


def _all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start >= 0:
        found.append(start)
        start = text.find(needle, start + 1)
    assert found, needle
    return found


def test_seed_002_junk_after_the_story(seeds_dir: Path) -> None:
    article = _seed(seeds_dir, "002")
    _assert_zones_sound(article)
    assert article.title == _first_line(seeds_dir, article)
    assert article.byline == "Mina Aldroubi"
    assert article.published is None  # no dateline on the page ...
    assert article.metadata["fallback_date"] == "2019-12-30T00:00:00"  # ... but the caption carries one
    assert article.metadata["fallback_date_source"] == "caption"
    for at in _all(article.text, "A crater from a US air strike"):
        assert article.zone_at(at) is ZoneKind.CAPTION
    for junk in (
        "English",
        "Arabic",
        "Barcelona v Tottenham",
        "25%20Days%20to%20Aden",
        "%3Cp%3EAuthor",
        "FIGHT CARD",
        "(MAR)",
        "(SYR)",
        "Key findings",
        "Muslim Brotherhood",
        "Match info",
    ):
        for at in _all(article.text, junk):
            assert article.zone_at(at) is ZoneKind.JUNK, junk
    for story in (
        "Kirkuk",
        "northern Iraq",
        "representing Anbar",
        "London's Chatham House",
        "could no longer carry out operations",
        "much more severe",
    ):
        for at in _all(article.text, story):
            assert article.zone_at(at) is ZoneKind.BODY, story


OUR_PAGE = """Skip to content
Home | World | Business | Sport | Culture
Français • Español • Deutsch

Ceasefire holds along the river front

By Clara Ndiaye

Updated: 4 March 2021 09:15 GMT

Residents cross the repaired bridge at Tessit, Mali, on March 3, 2021. AFP/Getty Images

Fighting along the Niger eased on Wednesday as a ceasefire agreed in Bamako took hold, officials said.

Aid convoys reached Gao for the first time in a month, and the regional governor said markets had reopened.

Advertisement

Herders near Menaka reported no new raids, though several villages remain empty after last week's attacks.

Most read
  - Ten recipes for a quick winter soup
  - Celebrity chef opens new bistro
  - Markets rally as oil steadies

League results
Arsenal 2-1 Chelsea
Ajax v Feyenoord, 7.45pm

Undercard
Lightweight Ana Souza (BRA) v Kim Min-ji (KOR)
Heavyweight Joe Brown (USA) v Ivan Petrov (RUS)

Buy%20the%20book%3A%20River%20Wars%20%2D%20hardback%20%2420
Subscribe to our newsletter for the latest updates.
(Reporting by Clara Ndiaye; Editing by Tom Hale)
"""


def test_our_junk_page_plain_text() -> None:
    article = article_from_text(OUR_PAGE, path="river.txt")
    _assert_zones_sound(article)
    assert article.text == OUR_PAGE
    assert article.title == "Ceasefire holds along the river front"
    assert article.byline == "Clara Ndiaye"
    assert article.published is not None and (article.published.day, article.published.hour) == (4, 9)
    for junk in (
        "Skip to content",
        "Home | World",
        "Français",
        "Advertisement",
        "Ten recipes",
        "League results",
        "Arsenal 2-1",
        "Ajax v Feyenoord",
        "Undercard",
        "Ana Souza (BRA)",
        "Ivan Petrov (RUS)",
        "Buy%20the",
        "Subscribe to our newsletter",
    ):
        assert _kind_of_line(article, junk) is ZoneKind.JUNK, junk
    for story in ("Fighting along the Niger", "Aid convoys reached Gao", "Herders near Menaka"):
        assert _kind_of_line(article, story) is ZoneKind.BODY, story
    assert _kind_of_line(article, "Residents cross") is ZoneKind.CAPTION
    assert _kind_of_line(article, "(Reporting by") is ZoneKind.META
    assert article.metadata["captions"] == [
        "Residents cross the repaired bridge at Tessit, Mali, on March 3, 2021."
    ]
    assert "fallback_date" not in article.metadata  # a dateline exists, no fallback needed


def test_story_ending_in_a_list_keeps_the_list() -> None:
    page = (
        "Council approves new wells\n\n"
        "The council in Kassala approved three new wells on Monday after a dry summer.\n\n"
        "The wells will be dug in the following villages:\n"
        "- Wad Sharifey, east of the town\n"
        "- Girba, near the dam\n"
    )
    article = article_from_text(page)
    assert _kind_of_line(article, "Wad Sharifey") is ZoneKind.BODY
    assert _kind_of_line(article, "Girba") is ZoneKind.BODY


def test_wire_dateline_prefix_is_marked() -> None:
    page = "BAGHDAD (Reuters) - Rockets struck near the airport on Friday, police said.\n"
    article = article_from_text(page)
    assert article.zone_at(0) is ZoneKind.DATELINE
    assert article.zone_at(page.index("Rockets")) is ZoneKind.BODY


def test_fixture_rule_leaves_prose_alone() -> None:
    page = (
        "The court case of Smith v Jones was heard in Nairobi on Monday, lawyers said.\n\n"
        "Troops moved 5-10 km north of Goma overnight, the army said.\n"
    )
    article = article_from_text(page)
    assert {z.kind for z in article.zones} == {ZoneKind.BODY}


def test_html_page_junk_inside_the_story_container() -> None:
    html = (
        "<html><body><article><h1>Port reopens in Hodeidah</h1>"
        "<p>The port of Hodeidah reopened to fuel ships on Sunday, the United Nations said.</p>"
        "<p>Inspectors in Djibouti cleared four tankers last week.</p>"
        "<p>Fixtures</p><p>Al Ahly v Zamalek, 9pm</p><p>Wydad v Raja, 10pm</p>"
        "<p>Read%20more%3A%20our%20travel%20guide%20to%20Sanaa%20%2D%20now</p>"
        "</article></body></html>"
    )
    article = article_from_text(html, fmt="html")
    assert _kind_of_line(article, "The port of Hodeidah") is ZoneKind.BODY
    assert _kind_of_line(article, "Inspectors in Djibouti") is ZoneKind.BODY
    for junk in ("Al Ahly v Zamalek", "Wydad v Raja", "Read%20more"):
        assert _kind_of_line(article, junk) is ZoneKind.JUNK, junk
