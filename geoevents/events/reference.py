"""The day an article speaks from (what relative dates count from) and its citation source."""

from __future__ import annotations

from datetime import date, datetime

from geoevents.events.dates import StoryDay, dateline_date, dates_from_text, opening_date
from geoevents.records import Article

# The article last dated and its reference date: asked again by later steps of the same article.
_LAST_DATED: list[tuple[Article, tuple[date | None, str | None]]] = []


def reference_date(article: Article) -> tuple[date | None, str | None]:
    """The date relative expressions count from, and a tag when it is not the publication date.

    The text's own dateline or publication line comes first: it is the day the report speaks from.
    """
    last = _LAST_DATED[-1] if _LAST_DATED else None
    if last is not None and last[0] is article:
        return last[1]
    found = _reference_date(article)
    _LAST_DATED[:] = [(article, found)]
    return found


def _reference_date(article: Article) -> tuple[date | None, str | None]:
    stated = dateline_date(article.text)
    published = article.published.date() if article.published else None
    if stated is not None and stated.updated and stated.date and published and published <= stated.date:
        stated = None  # updated after it was published: the publication day is the report's
    if stated is not None and stated.date is not None:
        same = article.published is not None and article.published.date() == stated.date
        return stated.date, None if same else "date-ref:dateline"
    if article.published is not None:
        return article.published.date(), None
    told = _first_full_date(article.text)
    if told is not None:
        return told, "date-ref:text"  # a note's own day ("As reported on 28 April 2020, on 26 April, ...")
    latest = max(
        (
            d.date
            for d in dates_from_text(article.text, reference=None, dated=True)
            if d.date and d.precision == 1
        ),
        default=None,
    )
    if latest is not None:
        return StoryDay.fromordinal(latest.toordinal()), "date-ref:text"  # a day told further on, a caption's
    for key in ("fallback_date", "caption_date"):
        value = article.metadata.get(key)
        if isinstance(value, datetime):
            return value.date(), f"date-ref:{article.metadata.get('fallback_date_source', 'caption')}"
        if isinstance(value, date):
            return value, f"date-ref:{article.metadata.get('fallback_date_source', 'caption')}"
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(
                    value
                ).date(), f"date-ref:{article.metadata.get('fallback_date_source', 'caption')}"
            except ValueError:
                continue
    return None, None


def _first_full_date(text: str) -> date | None:
    """The first day the opening of a text names in full, year and all: the day a note speaks from."""
    return next(
        (
            d.date
            for d in dates_from_text(text[:300], reference=None, dated=True)
            if d.date and d.precision <= 2
        ),
        None,
    )


def article_source(article: Article) -> str:
    """The article's source for citations: URL, else title, else path, else its id."""
    return article.url or article.title or article.path or article.id


def background_reference(article: Article) -> date | None:
    """The day an event must lie within 30 days of not to be background: the reference date, unless
    the text opens with an older day ("On 5 March 2020, ..."), as a coder's note or an archive's record
    of that day does when published or exported long after it; then that day. A year or a month that
    opens a text ("In 1914 ...") is history told, not a record's day."""
    reference = reference_date(article)[0]
    opening = opening_date(article.text.lstrip()[:120], reference=None)
    told = opening.date if opening is not None and opening.precision == 1 else None
    return told if told is not None and reference is not None and told < reference else reference
