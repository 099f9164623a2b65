"""Events from articles: what, when, where, who and how many, merged across reports.

- ``events_from_article(article, resolved)``: one article's events.
- ``merge_events(events)``: the same event from several articles joined into one.
- ``load_overrides(path)``, ``apply_to_resolved``, ``apply_to_events``: analyst corrections.
"""

from geoevents.events.actors import ActorLexicon, default_actors
from geoevents.events.extract import article_source, events_from_article, reference_date
from geoevents.events.merge import merge_events
from geoevents.events.overrides import Overrides, apply_to_events, apply_to_resolved, load_overrides

__all__ = [
    "ActorLexicon",
    "Overrides",
    "apply_to_events",
    "apply_to_resolved",
    "article_source",
    "default_actors",
    "events_from_article",
    "load_overrides",
    "merge_events",
    "reference_date",
]
