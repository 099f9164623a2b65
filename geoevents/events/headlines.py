"""Headlines run together with no sentence break ("Air strikes kill 12 in X ... Air strikes kill 11 in Y
... Air strikes killed at least 12 in X on Thursday, the monitor said"): one sentence repeats the act's
words, and the last time it does opens the report itself, so the sites are those named after it."""

from __future__ import annotations

import re

from geoevents.events.draft import Draft
from geoevents.records import ResolvedMention


def report_sites(d: Draft, sites: list[ResolvedMention]) -> list[ResolvedMention]:
    """The sites of the report's own clause when the draft's main sentence repeats its trigger words with
    towns between (see the module); ``sites`` unchanged otherwise."""
    if len(sites) < 2 or not d.spans or not d.trigger_texts or d.towns:
        return sites
    main = d.spans[0]
    words = r"\s+".join(re.escape(w) for w in d.trigger_texts[0].split())
    if not words:
        return sites
    said = [m.start() for m in re.finditer(rf"\b{words}", main.text, re.IGNORECASE)]
    if len(said) < 2:
        return sites
    last = main.start + said[-1]
    before = [rm for rm in sites if main.start <= rm.mention.start < last]
    if not before or not any(last <= rm.mention.start < main.end for rm in sites):
        return sites
    return [rm for rm in sites if not (main.start <= rm.mention.start < last)]


__all__ = ["report_sites"]
