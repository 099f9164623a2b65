"""Headlines run together with the report that follows them, with no sentence break between, read end to
end in wordings of our own: the act's words recur, and the last time they do opens the report itself,
whose town is the site, not the town of a related headline named first."""

from __future__ import annotations

from datetime import datetime

from geoevents.events import events_from_article
from geoevents.events.draft import Draft
from geoevents.events.headlines import report_sites
from geoevents.events.text import Span
from geoevents.records import Article, Mention, ResolvedMention, ZoneKind

_RUN_ON = (
    "Air strikes kill 9 in rebel-held parts of Syrias Hama Monitor Reuters Monday 4 Mar 2019 "
    "Air strikes kill 6 in Syrias Idlib activists say "
    "Air strikes killed at least nine civilians in two rebel-held districts of Syrias Hama city on Monday "
    "the monitor said."
)


def test_the_report_after_the_headlines_gives_the_site(gazetteer: object) -> None:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    article = Article(id="n", text=_RUN_ON, published=datetime(2019, 3, 5))
    events = events_from_article(article, resolved_mentions_from_article(article, gazetteer=gazetteer))
    sites = [loc.place for e in events for loc in e.locations if loc.role == "site"]
    assert sites, [e.tags for e in events]
    assert abs(sites[0].lat - 35.13) < 0.2 and abs(sites[0].lon - 36.75) < 0.2  # Hama, not Idlib


def _at(text: str, name: str) -> ResolvedMention:
    start = text.index(name)
    return ResolvedMention(Mention("n", start, start + len(name), name), None, 0.9, 1)


def test_words_said_once_leave_the_sites_alone() -> None:
    text = "Air strikes hit Hama and later Idlib on Monday."
    d = Draft(order=0, sub_event_type=None, generic=None, zone=ZoneKind.BODY)
    d.spans = [Span(0, len(text), text)]
    d.trigger_texts = ["Air strikes"]
    sites = [_at(text, "Hama"), _at(text, "Idlib")]
    assert report_sites(d, sites) == sites
