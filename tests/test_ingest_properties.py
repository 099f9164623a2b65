"""Property tests: any Unicode text (or bytes) is ingested without crashing, with sound zones."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoevents.errors import InputError
from geoevents.ingest import article_from_text, articles_from_paths
from geoevents.records import Article

# Text made of page-like pieces as well as arbitrary Unicode, so the structure rules get exercised.
_pieces = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        " v ",
        "(MAR)",
        "%20",
        "• ",
        "- ",
        "By ",
        "December 29, 2019 20:30",
        "Reuters",
        "(photo credit: AFP)",
        "Content retrieved from: https://example.org/x",
        "# ",
        "![a](b)",
        "---\n",
        ". ",
        "BAGHDAD (Reuters) - ",
        "<p>",
        "</div>",
        "&amp;",
        "Iraq",
        "Al-Qaim",
        "ǅ",
        "e\u0301",
        "\u200f",
        "\x00",
    ]
)
_texts = st.lists(
    st.one_of(st.text(max_size=40), _pieces, st.text(alphabet=string.ascii_letters + " .,", max_size=60)),
    max_size=40,
).map("".join)


def _check(article: Article) -> None:
    previous_end = 0
    for zone in article.zones:
        assert previous_end <= zone.start < zone.end <= len(article.text)
        previous_end = zone.end
    assert len(article.id) == 16
    assert article.text.strip() or not article.zones


@settings(max_examples=300, deadline=None)
@given(text=_texts, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_any_text_never_crashes_and_zones_are_sound(text: str, fmt: str) -> None:
    article = article_from_text(text, fmt=fmt)
    _check(article)
    if fmt != "html":
        import unicodedata

        assert article.text == unicodedata.normalize("NFC", text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".md", ".jsonl", ".json", ""]))
def test_any_bytes_give_articles_or_one_line_errors(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in articles_from_paths([path]):
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith(str(path))
        else:
            _check(item)
