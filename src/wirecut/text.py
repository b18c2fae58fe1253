"""Small text helpers shared by the parsers: cleaning a raw slice, and trimming spans.

Every helper is a pure function of its arguments; none rewrites the input that spans index.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator

import regex

from wirecut.patterns import lazy

# Control characters (C0 and C1, but not white space) that scrapers leave behind, such as
# Reuters-21578's end-of-text mark U+0003: deleted by ``clean``.
CONTROL_CHARACTERS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]))

# White space of any script is what ``str.split`` splits on: it includes the ideographic space that
# Chinese pages indent with and the no-break space that web pages glue datelines with. The zero-width
# space and the byte-order mark count as white space too; the table turns them into spaces.
_CLEANING_TABLE = str.maketrans({**dict.fromkeys(CONTROL_CHARACTERS), "\u200b": " ", "\ufeff": " "})

# An HTML character reference: named (&amp;), decimal (&#8212;) or hexadecimal (&#x97;).
ENTITY_RE = lazy(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});")


def clean(raw: str) -> str:
    """The contract's cleaned text of a raw slice.

    >>> clean("  BEIJING,\\n  April 19 &amp; 20 ")
    'BEIJING, April 19 & 20'
    """
    if "&" in raw:
        raw = ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), raw)
    # A translation and a split are ten times faster than substituting the runs of white space with
    # a pattern; tests/test_invariants.py checks that both agree on every code point.
    return " ".join(raw.translate(_CLEANING_TABLE).split())


def is_space(char: str) -> bool:
    """True for the characters that the contract lets lie outside every span."""
    return char.isspace()


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it neither starts nor ends with white space.

    >>> trim("  ab  ", 0, 6)
    (2, 4)
    """
    while start < end and is_space(text[start]):
        start += 1
    while end > start and is_space(text[end - 1]):
        end -= 1
    return start, end


# Where one unit of a page ends and the next begins: a line break, or in flattened text (where a
# scraper joined the page's elements with spaces) a run of two or more spaces.
UNIT_BREAK_RE = lazy(r"[ \t\u00a0]*\n[\s]*|[ \t\u00a0\u3000]{2,}")


#: The white space of ``\\s`` in the patterns (Unicode's White_Space), all 25 of them:
#: tests/test_invariants.py checks the set against the pattern engine on every code point.
WHITE_SPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    map(chr, range(0x2000, 0x200B))
)
# The white space other than the space and the line break: most texts hold none of it.
_RARE_WHITE_SPACE = tuple(sorted(WHITE_SPACE - {" ", "\n"}))


def unit_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``UNIT_BREAK_RE``'s matches in ``text[start:end]``, found without scanning the prose.

    A break is all white space, so it lies inside a run of white space that holds a line break or is
    at least two characters long. Such runs are found with ``str.find`` (for the line break, the double
    space, and each rarer white space the text holds at all) and only they are given to the pattern:
    a pattern tries every position of a text, about 25 ns each, where ``str.find`` skips a story's prose
    in a few microseconds.

    >>> unit_breaks("Title \\n\\nBody one  Two three", 0, 24)
    [(5, 8), (16, 18)]
    """
    starts: list[int] = []
    # Looked for in the range only: the parsers ask for the units of many small ranges of a long text.
    needles = ["\n", "  ", *(c for c in _RARE_WHITE_SPACE if text.find(c, start, end) != -1)]
    for needle in needles:
        at = text.find(needle, start, end)
        while at != -1:
            starts.append(at)
            at = text.find(needle, at + 1, end)
    if len(starts) * 60 > end - start:
        # A break every few words (a list of short lines): the pattern's one scan is cheaper than a
        # step of this loop for each break.
        return [m.span() for m in UNIT_BREAK_RE.finditer(text, start, end)]
    found: list[tuple[int, int]] = []
    run_end = start
    for at in sorted(starts):
        if at < run_end:
            continue  # inside the run already given to the pattern
        run_start = at
        while run_start > start and text[run_start - 1] in WHITE_SPACE:
            run_start -= 1
        run_end = at + 1
        while run_end < end and text[run_end] in WHITE_SPACE:
            run_end += 1
        if run_end - run_start >= 2 or text[at] == "\n":
            found.extend(m.span() for m in UNIT_BREAK_RE.finditer(text, run_start, run_end))
    return found


def units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The inked units of ``text[start:end]``: lines, or double-space separated pieces, trimmed.

    >>> units("Title\\n\\nBody one  Two", 0, 20)
    [(0, 5), (7, 15), (17, 20)]
    """
    found: list[tuple[int, int]] = []
    pos = start
    for break_start, break_end in unit_breaks(text, start, end):
        piece = trim(text, pos, break_start)
        if piece[0] < piece[1]:
            found.append(piece)
        pos = break_end
    piece = trim(text, pos, end)
    if piece[0] < piece[1]:
        found.append(piece)
    return found


#: Below this many characters a pattern runs with no time limit: see ``time_limit``.
UNTIMED_CHARS = 10_000


def time_limit(length: int) -> float | None:
    """Seconds a pattern may run over ``length`` characters before it is stopped; None for no limit.

    The patterns are written not to backtrack; this is the second guard, against the long hostile
    text (a million repetitions of one mark). It grows with the text, so a long but honest text is
    never cut short: 2 s, plus 5 s for each million characters. A range of a news story's size gets
    none: a limit costs two reads of the clock a call, and a parse makes a hundred calls on short
    units, which no pattern of linear cost can keep busy for a second (a quadratic one, 0.1 s).

    The limit of a ``finditer`` is a deadline for the whole iteration, the caller's work between two
    matches included: a parser that does work per match lists the matches first.

    >>> time_limit(3_000) is None, time_limit(1_000_000)
    (True, 7.0)
    """
    if length < UNTIMED_CHARS:
        return None
    return 2.0 + length / 200_000


class Guarded:
    """A compiled pattern with the marks it cannot match without, checked before it scans a text.

    Most texts hold none of a rare form's marks (":" for a clock time, "ago", "/"), and a substring test
    costs far less than a pattern's scan: the guard keeps a parse to the patterns that can fire.
    ``needles`` are lower case and are looked for in the lower-cased text.

    With a ``reach = (before, after)``, the needles also anchor the scan, for a pattern that is costly to
    try at every position: every match holds a needle, starts at most ``before`` characters before it
    and ends at most ``after`` past it, so only those windows are scanned. Finding the needles with
    ``str.find`` costs a few microseconds where a scan of a pattern of alternatives costs a hundred.

    A pattern given as source is compiled when a text first holds one of its needles: most patterns
    of rare forms are never needed by a one-shot ``wirecut parse``, which then starts sooner.

    ``keep(text, needle, start)``, when given, says whether a mark found at ``start`` can be one that a
    match holds: a needle that is also a common word ("next", "last") marks a window only where the
    text round it has the form's shape, and the story's prose is not scanned for it.
    """

    __slots__ = ("_compiled", "_flags", "_source", "keep", "needles", "reach")

    def __init__(
        self,
        source: str | regex.Pattern[str],
        *needles: str,
        flags: int = 0,
        reach: tuple[int, int] | None = None,
        keep: Callable[[str, str, int], bool] | None = None,
    ) -> None:
        # A compiled or ``lazy`` pattern is kept as it is (a lazy one compiles on its first scan).
        self._compiled = None if isinstance(source, str) else source
        self._source = source if isinstance(source, str) else source.pattern
        self._flags = flags
        self.needles = tuple(n.lower() for n in needles)
        self.reach = reach
        self.keep = keep

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = regex.compile(self._source, self._flags)
        return self._compiled

    def may_match(self, lowered: str) -> bool:
        return not self.needles or any(n in lowered for n in self.needles)

    def finditer(self, text: str, lowered: str) -> list[regex.Match[str]]:
        if not self.may_match(lowered):
            return []
        limit = time_limit(len(text))
        marks = self._marks(lowered) if self.reach is not None and len(lowered) == len(text) else None
        if marks is None or self.reach is None:
            return list(self.pattern.finditer(text, timeout=limit))
        found: list[regex.Match[str]] = []
        for low, high in windows(marks, *self.reach, len(text)):
            found.extend(self.pattern.finditer(text, low, high, timeout=limit))
        return found

    def _marks(self, lowered: str) -> list[tuple[int, int]] | None:
        """Where the needles are, in order; None when they are so dense that windows would save nothing."""
        most = len(lowered) // 64 + 16
        marks: list[tuple[int, int]] = []
        keep = self.keep
        for needle in self.needles:
            at = lowered.find(needle)
            while at >= 0:
                if keep is None or keep(lowered, needle, at):
                    marks.append((at, at + len(needle)))
                    if len(marks) > most:
                        return None
                at = lowered.find(needle, at + 1)
        marks.sort()
        return marks


def windows(marks: list[tuple[int, int]], before: int, after: int, size: int) -> Iterator[tuple[int, int]]:
    """The disjoint ranges of a text of ``size`` within reach of the marks, in order.

    Each mark's range runs from ``before`` characters before it to ``after`` past it; ranges that
    touch or overlap are merged, so a scan of the ranges reads each character once.

    >>> list(windows([(10, 11), (20, 21), (90, 91)], 5, 10, 100))
    [(5, 31), (85, 100)]
    """
    low = high = -1
    for mark_start, mark_end in marks:
        window_low, window_high = max(0, mark_start - before), min(size, mark_end + after)
        if window_low > high:
            if high > low:
                yield low, high
            low = window_low
        high = max(high, window_high)
    if high > low:
        yield low, high
