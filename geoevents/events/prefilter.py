"""Cheap tests that spare the regular-expression engine work it would do in vain.

- ``required_strings``: literal strings one of which every match of a pattern contains, read from the
  pattern's source with a small parser of its own (the standard library's parser is private), so a
  lexicon row is tried only on a clause that holds one of them.
- ``dispatched``: a long alternation of names regrouped by first letter, so the engine tries only
  the names that start with the letter in front of it instead of all of them at every word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A quantifier after an atom, and whether it lets the atom occur zero times.
_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,(\d*))?\}")
_ZERO_OR_MORE = {"?", "*"}
# Escapes that match one character of a class, or nothing at all (assertions): neither is a literal.
_CLASS_OR_ASSERTION = set("bBAZdDsSwW")
_LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}

Options = set[str] | None  # strings one of which every match holds; None: nothing is known


class _Unsupported(Exception):
    """Syntax the parser does not read (backreferences, conditionals, verbose mode): no prefilter."""


class _Parser:
    """Recursive descent over a pattern's source, collecting required literal strings."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0

    def peek(self) -> str:
        return self.source[self.at] if self.at < len(self.source) else ""

    def alternation(self) -> Options:
        """Branches up to a closing parenthesis or the end: each must hold one of the options."""
        branches = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            branches.append(self.sequence())
        if not all(branches):
            return None
        return set().union(*branches)  # type: ignore[arg-type]

    def sequence(self) -> Options:
        """The best requirement of one branch: its longest runs of literals and required groups."""
        found = self.requirements()
        return max(found, key=lambda o: (min(map(len, o)), -len(o))) if found else None

    def requirements(self) -> list[set[str]]:
        """Every requirement of one branch (a match holds one string of each)."""
        found: list[set[str]] = []
        run: list[str] = []
        while self.peek() not in ("", "|", ")"):
            atom, literal = self.atom()
            quantifier = _QUANTIFIER.match(self.source, self.at)
            if quantifier:
                self.at = quantifier.end()
                if self.peek() in ("?", "+"):  # lazy or possessive
                    self.at += 1
                optional = quantifier.group(0) in _ZERO_OR_MORE or quantifier.group(1) in ("", "0")
                atom = None if optional else ({literal} if literal is not None else atom)
                literal = None
            if literal is not None:
                run.append(literal)
                continue
            if run:
                found.append({"".join(run)})
                run = []
            if atom:
                found.append(atom)
        if run:
            found.append({"".join(run)})
        return [option for option in found if all(option)]

    def atom(self) -> tuple[Options, str | None]:
        """(requirement, the literal character itself when the atom is one)."""
        char = self.peek()
        self.at += 1
        if char == "\\":
            return self.escape()
        if char == "[":
            self.char_class()
            return None, None
        if char == "(":
            return self.group(), None
        if char in ".^$":
            return None, None
        return None, char.lower()

    def escape(self) -> tuple[Options, str | None]:
        char = self.peek()
        self.at += 1
        if char in _CLASS_OR_ASSERTION:
            return None, None
        if char in _LITERAL_ESCAPES:
            return None, _LITERAL_ESCAPES[char]
        if char.isalnum() or not char:  # \1 backreferences, \x41, \u2019, \N{...}: not read here
            raise _Unsupported(char)
        return None, char.lower()

    def char_class(self) -> None:
        if self.peek() == "^":
            self.at += 1
        if self.peek() == "]":  # a leading ] is a member
            self.at += 1
        while self.peek() not in ("", "]"):
            self.at += 2 if self.peek() == "\\" else 1
        if not self.peek():
            raise _Unsupported("[")
        self.at += 1

    def group(self) -> Options:
        lookaround = False
        if self.peek() == "?":
            self.at += 1
            head = self.peek()
            if head == ":":
                self.at += 1
            elif head in "=!":  # lookahead: zero width
                self.at += 1
                lookaround = True
            elif self.source.startswith(("<=", "<!"), self.at):
                self.at += 2
                lookaround = True
            elif self.source.startswith(("P<", "<"), self.at):
                self.at = self.source.index(">", self.at) + 1
            elif head == "#":
                self.at = self.source.index(")", self.at) + 1
                return None
            else:  # inline flags: (?i) for the whole pattern, or (?-i:...) for a group
                flags = re.compile(r"[aiLmsux]*(?:-[imsx]+)?").match(self.source, self.at)
                assert flags is not None
                self.at = flags.end()
                if self.peek() == ")":
                    self.at += 1
                    return None
                if self.peek() != ":":
                    raise _Unsupported("(?")
                self.at += 1
        inner = self.alternation()
        if self.peek() != ")":
            raise _Unsupported("(")
        self.at += 1
        return None if lookaround else inner


def required_strings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which any match of ``pattern`` must contain (a sound prefilter), or None.

    Sound: a text (lower-cased) holding none of them cannot match. None when no such strings exist or
    the pattern uses syntax the parser leaves alone."""
    if pattern.flags & re.VERBOSE:
        return None
    parser = _Parser(pattern.pattern)
    try:
        found = parser.alternation()
    except (_Unsupported, ValueError):
        return None
    if parser.at != len(parser.source):  # an unbalanced ")": the pattern would not compile anyway
        return None
    return tuple(sorted(found)) if found else None


def dispatched(alternatives: Iterable[tuple[str, str]]) -> str:
    """``(?:a1|a2|...)`` for (name, its regular expression) pairs, regrouped by the name's first letter and
    then its second behind lookaheads, in the same order within each group, so it matches exactly what the
    flat alternation matches while the engine tries only the few names that start as the text does. Every
    expression must begin by matching the name's first two characters, in either case (the pattern is
    compiled with IGNORECASE), a space as any white space; names of one letter must follow the longer
    names of their letter (a lexicon listed longest first)."""
    groups: dict[str, tuple[str, dict[str, tuple[str, list[str]]]]] = {}
    for name, expression in alternatives:
        first = groups.setdefault(name[:1].casefold(), (name[:1], {}))[1]
        first.setdefault(name[1:2].casefold(), (name[1:2], []))[1].append(expression)
    return "(?:" + "|".join(f"(?={re.escape(c)}){_by_second(rest)}" for c, rest in groups.values()) + ")"


def _by_second(groups: dict[str, tuple[str, list[str]]]) -> str:
    """The alternatives of one first letter, grouped by the second behind a lookahead past the first."""
    parts = []
    for key, (char, expressions) in groups.items():
        if key:
            second = r"\s" if char == " " else re.escape(char)
            parts.append(f"(?=.{second})(?:{'|'.join(expressions)})")
    if "" in groups:  # one-letter names: after the longer ones, as in the flat alternation
        parts.append("|".join(groups[""][1]))
    return "(?:" + "|".join(parts) + ")"


# Characters that IGNORECASE matches to an ASCII letter while their lower case is another (Turkish dotless
# and dotted i, the long s): read as that letter, so a folded text never misses a required string.
_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0307": None})


def folded(text: str) -> str:
    """``text`` lower-cased the way ``required_strings`` lower-cases a pattern's literals."""
    lowered = text.lower()
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


class Gate:
    """Which of a list of patterns can match a text, from their required strings: one substring test per
    distinct set of strings (many date patterns share the month names), instead of a scan per pattern."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.keys = [required_strings(p) for p in patterns]
        self._sets = list(dict.fromkeys(k for k in self.keys if k is not None))  # each set tested once
        self._slots = [None if k is None else self._sets.index(k) for k in self.keys]
        # A text holds one of a set's strings exactly when it holds one that contains no other
        # ("jan", not "january"): only those are looked for.
        self._shortest = [
            tuple(k for k in keys if not any(o != k and o in k for o in keys)) for keys in self._sets
        ]

    def open(self, text: str) -> list[bool]:
        """For each pattern, whether it may match ``text`` (False: it cannot)."""
        lowered = folded(text)
        hits = [any(k in lowered for k in keys) for keys in self._shortest]
        return [True if slot is None else hits[slot] for slot in self._slots]
