"""Untrusted article text: no network without an online geocoder, nothing from a page runs, no key leaks."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest

from geoevents.pipeline import RunOptions, run

pytest.importorskip("geoevents.geoparse.parse", reason="the geoparse stage is not in this tree")

HOSTILE = """<html><head><title>Strike near Kirkuk <script>window.__xss_title=1</script></title></head>
<body><h1>Rockets hit the K-1 base near Kirkuk <img src=x onerror="window.__xss_img=1"></h1>
<p>Rockets struck the K-1 air base near Kirkuk on 27 December 2019, killing a US contractor
<script>window.__xss_body=1</script>. <a href="javascript:window.__xss_link=1">Read more</a></p>
<p>A US drone strike hit a Kataib Hezbollah depot near Al-Qaim "><svg onload=window.__xss_svg=1>.</p>
</body></html>
"""
INJECTIONS = (
    "window.__xss_title",
    "window.__xss_img",
    "window.__xss_body",
    "window.__xss_link",
    "window.__xss_svg",
)


class SocketUsed(AssertionError):
    pass


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise SocketUsed(f"the pipeline tried to use the network: {args!r}")


def test_whole_pipeline_runs_with_every_socket_blocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stricter than conftest: not even loopback, not even a name lookup."""
    from geoevents.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()  # built (or loaded from the cache) before the sockets go
    page = tmp_path / "page.html"
    page.write_text(HOSTILE, encoding="utf-8")
    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    summary = run([str(page)], tmp_path / "out", options=RunOptions(progress=False), gazetteer=gazetteer)
    assert summary.errors == ()
    assert summary.articles == 1
    assert (tmp_path / "out" / "map.html").is_file()


def test_article_markup_is_escaped_in_html_outputs(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "out"
    run([str(page)], out, options=RunOptions(progress=False))
    for name in ("map.html", "report.html"):
        path = out / name
        if not path.exists():
            continue
        html = path.read_text(encoding="utf-8")
        for marker in INJECTIONS:
            # The page's text may appear, but only as inert text: never inside a live tag or handler.
            for hit in re.finditer(re.escape(marker), html):
                before = html[max(0, hit.start() - 200) : hit.start()]
                assert not re.search(r"<script[^>]*>[^<]*$", before, re.IGNORECASE), (name, marker)
                assert not re.search(r"\bon\w+\s*=\s*[\"']?[^<>\"']*$", before, re.IGNORECASE), (name, marker)
                assert not re.search(r"javascript:[^<>\"']*$", before, re.IGNORECASE), (name, marker)


def test_api_keys_from_the_environment_never_reach_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "geo-key-5f1c0e9d7a2b4c68"
    monkeypatch.setenv("GEOEVENTS_GEOCODER_API_KEY", secret)
    page = tmp_path / "page.html"
    page.write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    summary = run([str(tmp_path)], out, options=RunOptions(progress=False))
    assert summary.errors  # the empty file
    assert secret not in summary.describe()
    for path in out.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert secret not in json.dumps(info)


def test_template_syntax_in_article_text_is_kept_as_text(tmp_path: Path) -> None:
    """The map is built with Jinja templates: text that looks like template code must neither run
    (server-side template injection) nor break the map for the whole batch."""
    article = tmp_path / "in" / "k1.txt"
    article.parent.mkdir()
    article.write_text(
        "Rockets struck the K-1 air base near Kirkuk on Friday, killing a US contractor "
        '{{ 7*7 }} {{ range(3)|list }} {% if true %}yes{% endif %} {# hidden #} {{ "x\\"" }}.\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    summary = run([str(article)], out, options=RunOptions(progress=False))
    assert summary.events >= 1 and not summary.errors
    page = (out / "map.html").read_text(encoding="utf-8")
    quoted = [json.loads(s) for s in re.findall(r'"html":("(?:[^"\\]|\\.)*")', page)]
    evidence = [q for q in quoted if "K-1 air base" in q]
    assert evidence, "the event's evidence is in a popup"
    for popup in evidence:
        assert "{{ 7*7 }} {{ range(3)|list }} {% if true %}yes{% endif %} {# hidden #}" in popup
        assert "49" not in popup and "[0, 1, 2]" not in popup
