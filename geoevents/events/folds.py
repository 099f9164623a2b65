"""The clause acts of one sentence that are parts of another's event, set aside before drafting."""

from __future__ import annotations

from geoevents.events.protests import Found, with_crowd_acts
from geoevents.events.strategic import with_withdrawals_folded
from geoevents.events.text import Span


def sentence_folds(triggered: list[tuple[Span, Found]]) -> list[tuple[Span, Found]]:
    """``triggered`` with the detentions of a demonstration and the withdrawals behind a move folded."""
    return with_withdrawals_folded(with_crowd_acts(triggered))
