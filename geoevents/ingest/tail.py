"""Where the story ends when the page furniture after it is written in full sentences.

Scraped pages often carry, after the story, blocks that read like prose: the key findings of
another report, a comment thread, an author's biography, teasers for other stories. The line rule
in ``text`` ("after the last prose line everything is furniture") cannot see those. Here the end of
the story is found from generic signals:

- a section cue ("Comments", "Related stories", "More from ...") standing as a line of its own;
- a heading-like line, a bullet block not introduced by the story (no colon before it) or a run
  of short menu-like lines, after which the rest of the page shares few content words with the
  story so far;
- a final paragraph or two that open like a biography ("Jane Doe is a fellow at ...") and
  share hardly any content words with the story.

A real story that changes subject under a sub-heading keeps its text, because the test looks at
*everything* after the candidate line: a story that goes back to its subject later is not cut.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from geoevents.records import ZoneKind

# Short function words and reporting verbs: they say nothing about what a block is about.
_STOP_WORDS = """about above after again against also among another around because been before being below
    between both but could does doing down during each else even ever every from further have having
    here hers herself himself into itself just least less many more most much must never none nor
    only other ought ours ourselves over own same should since some such than that their theirs them
    themselves then there these they this those though through thus under until upon very were what
    when where which while whom whose will with within without would your yours yourself yourselves
    said says told tell according added also year years week weeks month months today yesterday
    monday tuesday wednesday thursday friday saturday sunday people time like make made still once hope
    back next plan open along wait well take took come came went give gave know knew want need last
    first near away long soon part high good able keep kept want went call called says saying"""
_STOP = frozenset(_STOP_WORDS.split())
_STOP_STEMS = frozenset(word[:5] for word in _STOP)
_WORD = re.compile(r"[^\W\d_]+")
# A line that opens a section of page furniture.
_SECTION_CUE = re.compile(
    r"^(?:comments?|\d+\s+comments?|comments?\s*\(\d+\)|join\s+the\s+(?:discussion|conversation)|reader\s+comments"
    r"|leave\s+a\s+(?:comment|reply)|related(?:\s+(?:articles|stories|news|content|coverage|reading))?"
    r"|more\s+(?:from|on|in|stories)\b.*|most\s+(?:read|popular|viewed|shared)|recommended(?:\s+for\s+you)?"
    r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|trending(?:\s+now)?|read\s+(?:more|next)|up\s+next"
    r"|editor'?s\s+picks?|top\s+stories|latest\s+(?:news|stories|headlines)|popular\s+(?:now|stories))\s*:?$",
    re.IGNORECASE,
)
# "Jane Doe is a senior fellow ...", "Omar al-Haddad has reported from ...": how a biography opens.
_BIO_OPENING = re.compile(
    r"^(?:[A-Z][\w'’.-]+|al|el|bin|de|van|von)(?:\s+(?:[A-Z][\w'’.-]+|al|el|bin|de|van|von|[A-Z]\.)){1,4}"
    r"\s+(?:\([^()]{1,40}\)\s+)?(?:is|was|has\s+(?:been|worked|written|reported|covered)|writes|covers|reports)\b"
)
_SENTENCE_MARKS = frozenset(".!?…:;")
_CLOSERS = "\"'”’»)]"

_MIN_STORY_LINES = 2  # prose lines of story needed before an end can be judged
_MIN_STORY_STEMS = 20
# Largest share of the rest's content words already seen in the story that still marks a break.
_LIST_OVERLAP = 0.25  # a bullet block (with or without a heading): how summary boxes look
_SECTION_OVERLAP = 0.12  # a heading over prose: stories have sub-sections, so ask for much more
_BIO_OVERLAP = 0.12
_MAX_TAIL_PARAGRAPHS = 2


def _stems(words: Sequence[str]) -> set[str]:
    """Crude stems (first five letters) of the content words: 'strikes' and 'striking' meet."""
    stems = {word[:5] for word in words if len(word) > 3}
    return set(" ".join(stems).lower().split()) - _STOP_STEMS  # one lower() for the whole line


def is_section_cue(text: str) -> bool:
    """'Comments (12)', 'Related stories', 'More from World', 'You may also like'."""
    return len(text) <= 60 and _SECTION_CUE.match(text.strip().strip("#*_ ")) is not None


def _heading_like(text: str, count: int) -> bool:
    return 1 <= count <= 14 and text.rstrip(_CLOSERS)[-1:] not in _SENTENCE_MARKS


def story_end(
    lines: Sequence[str],
    kinds: Sequence[ZoneKind | None],
    *,
    words: Sequence[Sequence[str]],
    prose: Sequence[bool],
    bullets: Sequence[bool],
    blank_before: Sequence[bool],
    title: str | None = None,
) -> tuple[int, ZoneKind] | None:
    """Where the story ends when unrelated full-sentence blocks follow it: (first line after the
    story, what the rest is: JUNK, or META for an author's biography), else None.

    ``kinds`` holds what earlier rules decided (None for undecided lines); only undecided lines
    are read as story or tail. ``words`` are the words of each line, ``prose`` whether it is a
    sentence.
    """
    n = len(lines)
    story = [i for i in range(n) if kinds[i] is None and prose[i] and not bullets[i]]
    if len(story) < _MIN_STORY_LINES + 1:
        return None
    first = story[_MIN_STORY_LINES - 1]
    candidates = _break_candidates(lines, kinds, words, prose, bullets, blank_before, first)
    if not candidates:
        return None
    read = (None, ZoneKind.BODY, ZoneKind.TITLE, ZoneKind.CAPTION)
    line_stems = [_stems(words[i]) if kinds[i] in read else set() for i in range(n)]
    before = _story_before(candidates, line_stems, title)
    return _earliest_break(candidates, before, line_stems, kinds, bullets)


def _break_candidates(
    lines: Sequence[str],
    kinds: Sequence[ZoneKind | None],
    words: Sequence[Sequence[str]],
    prose: Sequence[bool],
    bullets: Sequence[bool],
    blank_before: Sequence[bool],
    first: int,
) -> list[tuple[int, str]]:
    """The lines after ``first`` where the story may end, each with why ("cue", "heading", "bullets",
    "paragraph"), kept only where undecided sentences follow and, for paragraphs, near the end."""
    n = len(lines)
    counts = [len(found) for found in words]
    candidates: list[tuple[int, str]] = []
    for i in range(first + 1, n):
        text = lines[i]
        if kinds[i] in (None, ZoneKind.JUNK) and not prose[i] and is_section_cue(text):
            candidates.append((i, "cue"))
        elif kinds[i] is not None:
            continue
        elif not bullets[i] and not prose[i] and _heading_like(text, counts[i]):
            candidates.append((i, "heading"))
        elif bullets[i] and not (bullets[i - 1] and kinds[i - 1] is None):
            if not _introduced(lines, kinds, i):
                candidates.append((i, "bullets"))
        elif prose[i] and blank_before[i] and not bullets[i] and _BIO_OPENING.match(text):
            candidates.append((i, "paragraph"))
    # Only a tail holding undecided sentences needs this test: after the last sentence the line
    # rule in ``text`` already treats everything as furniture.
    last_sentence = max((i for i in range(n) if kinds[i] is None and prose[i]), default=-1)
    candidates = [
        (i, why) for i, why in candidates if i < last_sentence or (why == "paragraph" and i == last_sentence)
    ]
    # Paragraph breaks are judged only near the end of the page (a biography, a sign-off).
    paragraphs = [i for i, why in candidates if why == "paragraph"]
    late = set(paragraphs[-_MAX_TAIL_PARAGRAPHS:])
    return [(i, why) for i, why in candidates if why != "paragraph" or i in late]


def _story_before(
    candidates: Sequence[tuple[int, str]], line_stems: Sequence[set[str]], title: str | None
) -> dict[int, set[str]]:
    """The story's vocabulary just before each candidate line (the title counts as story)."""
    before: dict[int, set[str]] = {}
    story_stems = _stems(_WORD.findall(title)) if title else set()
    wanted = {i for i, _ in candidates}
    for i in range(len(line_stems)):
        if i in wanted:
            before[i] = set(story_stems)
        story_stems |= line_stems[i]
    return before


def _earliest_break(
    candidates: Sequence[tuple[int, str]],
    before: Mapping[int, set[str]],
    line_stems: Sequence[set[str]],
    kinds: Sequence[ZoneKind | None],
    bullets: Sequence[bool],
) -> tuple[int, ZoneKind] | None:
    """The earliest candidate after which the rest of the page shares too few content words with the
    story before it (a section cue needs no such test), with what the rest is."""
    n = len(line_stems)
    found: tuple[int, ZoneKind] | None = None
    rest: set[str] = set()  # stems of the undecided lines from the candidate to the end
    j = n
    for i, why in reversed(candidates):  # from the end, so ``rest`` only grows
        while j > i:
            j -= 1
            if kinds[j] is None:
                rest |= line_stems[j]
        if len(before[i]) < _MIN_STORY_STEMS:
            continue
        if why == "cue":
            found = i, ZoneKind.JUNK
            continue
        if len(rest) < 6:
            continue
        overlap = len(rest & before[i]) / len(rest)
        limit = {"paragraph": _BIO_OVERLAP, "bullets": _LIST_OVERLAP}.get(why, _SECTION_OVERLAP)
        if why == "heading":
            after = next((j for j in range(i + 1, n) if kinds[j] is None), None)
            if after is not None and bullets[after]:
                limit = _LIST_OVERLAP
        if overlap < limit:
            found = i, ZoneKind.META if why == "paragraph" else ZoneKind.JUNK
    return found


def _introduced(lines: Sequence[str], kinds: Sequence[ZoneKind | None], i: int) -> bool:
    """A bullet block the story itself leads into: the line before it ends with a colon."""
    j = i - 1
    while j >= 0 and kinds[j] is not None and kinds[j] is not ZoneKind.BODY:
        j -= 1
    return j >= 0 and lines[j].rstrip("\"'”’»)] ").endswith(":")
