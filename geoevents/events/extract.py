"""Events from one article: trigger, modality, date, actors, counts and places per clause.

Each clause with an event trigger that is asserted (not threatened, denied,
conditional, future, habitual or opinion) becomes a draft. Definite references
("the attack on K-1 on Friday", "the strikes") add what they say to the earlier
draft they refer to; undated drafts ("a bomb struck near Al-Qaim") join the
compatible dated draft of the article. Drafts then become one ``Event`` per
country of their sites, as ACLED codes multi-country events.
"""

from __future__ import annotations

from collections import Counter

from geoevents.events.actors import ActorLexicon, default_actors
from geoevents.events.draft import Draft
from geoevents.events.draft_dates import tag_background
from geoevents.events.drafting import drafts_from_article
from geoevents.events.event_rows import events_from_drafts
from geoevents.events.period_sums import tag_period_sums, without_told_sums
from geoevents.events.realis import earlier_month
from geoevents.events.reference import article_source, background_reference, reference_date
from geoevents.events.renamed import own_name_readings
from geoevents.events.row_folds import one_per_site_and_day
from geoevents.events.site_words import located_there
from geoevents.events.sites import article_country, places_compatible, site_context
from geoevents.events.subtypes import article_topic
from geoevents.events.withdrawal_rows import withdrawals_read
from geoevents.records import Article, Event, MentionRole, ResolvedMention, ZoneKind
from geoevents.settings import DEFAULT, Settings


class ArticleEvents(list[Event]):
    """The events of one article, and why it gave none (``reason``, None when it gave some): read in
    the same pass as the events, so a caller that reports the reason need not draft the article again."""

    reason: str | None = None


def events_from_article(
    article: Article,
    resolved: list[ResolvedMention],
    *,
    settings: Settings | None = None,
    actors: ActorLexicon | None = None,
) -> ArticleEvents:
    """The events an article reports, with dates, actors, counts, places and evidence.

    Events dated long before publication are tagged ``background`` and left out
    unless ``settings.keep_background`` is set.
    """
    settings = settings or DEFAULT
    lexicon = actors or default_actors()
    seen: Counter[str] = Counter()
    trace: list[str] = []
    resolved = own_name_readings(list(resolved))  # "Pokrovsk" of a text on Ukraine is not Engels, Russia
    drafts = drafts_from_article(article, list(resolved), lexicon, settings, trace, seen=seen)
    tag_background(drafts, background_reference(article) if drafts else None)
    tag_months_back(drafts, article)
    tag_period_sums(drafts)
    trace += ["background" for d in drafts if "background" in d.tags]
    if not settings.keep_background:
        drafts = [d for d in drafts if "background" not in d.tags]
    if not drafts:  # nothing to place: the article's country and site context are not needed
        empty = ArticleEvents()
        empty.reason = _commonest(trace)
        return empty
    unknown = [rm for rm in resolved if rm.place is None and rm.mention.role is MentionRole.LITERAL]
    context = [
        rm
        for rm in resolved
        if rm.place is not None
        and (
            rm.mention.role is MentionRole.LITERAL
            or (rm.mention.role is MentionRole.METONYMIC and located_there(article.text, rm))
        )
        and article.zone_at(rm.mention.start) not in (ZoneKind.JUNK, ZoneKind.META)
    ]
    home = article_country(resolved, lexicon.home_votes(article.text), article.text)
    found = ArticleEvents(
        one_per_site_and_day(
            withdrawals_read(
                without_told_sums(
                    events_from_drafts(
                        article,
                        drafts,
                        lexicon,
                        topic=article_topic(seen),
                        home=home,
                        unknown=unknown,
                        context=site_context(context, article.text, home, every=resolved),
                    )
                )
            )
        )
    )
    found.reason = None if found else _commonest(trace)
    return found


NO_TRIGGER = "no-trigger"  # nothing in the text is worded as an ACLED event


def why_no_event(
    article: Article, resolved: list[ResolvedMention] | None = None, *, settings: Settings | None = None
) -> str:
    """Why an article gives no event: the commonest reason its triggers were set aside.

    "not-asserted" (negated, threatened, future, hypothetical), "pattern" (habitual or
    generic), "background", "crime", "accident", "disaster", "unsupported" (no date,
    place or toll to anchor it), or "no-trigger".
    """
    settings = settings or DEFAULT
    trace: list[str] = []
    drafts = drafts_from_article(article, list(resolved or []), default_actors(), settings, trace)
    tag_background(drafts, background_reference(article) if drafts else None)
    trace += ["background" for d in drafts if "background" in d.tags]
    return _commonest(trace)


def tag_months_back(drafts: list[Draft], article: Article) -> None:
    """A report told only in a bare month two or more before publication ("broke into the city in
    June", told in October) is background, as a dated one of that age is: every sentence of it says so."""
    if article.published is None:
        return
    published = article.published.date()
    for d in drafts:
        told = [(s.text, s.text.find(t)) for s in d.spans for t in d.trigger_texts[:1] if t and t in s.text]
        if (
            told
            and len(told) == len(d.spans)
            and all(earlier_month(text, at, published) for text, at in told)
        ):
            d.tags.add("background")


def _commonest(trace: list[str]) -> str:
    """The reason given most often for setting a trigger aside, or ``NO_TRIGGER`` when none was."""
    return Counter(trace).most_common(1)[0][0] if trace else NO_TRIGGER


__all__ = [
    "NO_TRIGGER",
    "ArticleEvents",
    "article_source",
    "events_from_article",
    "places_compatible",
    "reference_date",
    "why_no_event",
]
