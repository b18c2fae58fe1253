"""The text helpers that replace a pattern's scan with ``str.find`` give exactly the pattern's answer."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from wirecut.text import UNIT_BREAK_RE, WHITE_SPACE, Guarded, unit_breaks, units


def test_white_space_is_the_patterns_white_space_on_every_code_point() -> None:
    pattern = regex.compile(r"\s")
    engine = {chr(code) for code in range(0x110000) if pattern.match(chr(code))}
    assert engine == WHITE_SPACE


# Texts dense in every kind of white space: runs of spaces, tabs, no-break and ideographic spaces,
# line breaks with spaces round them, and the rare spaces of typeset pages.
_PIECES = st.sampled_from(["a", "Bc", ".", " ", "  ", "\t", "\n", " \n ", "\u00a0", "\u3000", "\u2009", "\r\n", "\x0b"])


@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(0, 10), st.integers(0, 10))
def test_unit_breaks_are_the_patterns_matches(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert unit_breaks(text, start, end) == [m.span() for m in UNIT_BREAK_RE.finditer(text, start, end)]


def test_units_of_a_flattened_story_and_of_lines() -> None:
    text = "HEADLINE  BEIJING, April 19 (Xinhua) -- Body.\u3000\u3000Next\n \n\tLast line \u00a0\u00a0end"
    assert [text[a:b] for a, b in units(text, 0, len(text))] == [
        "HEADLINE",
        "BEIJING, April 19 (Xinhua) -- Body.",
        "Next",
        "Last line",
        "end",
    ]


def test_a_guard_scans_only_around_the_marks_it_keeps() -> None:
    # Two marks; the guard keeps only the one after a number, so the other window is never scanned.
    text = "Go on >> " + "x" * 200 + " 1 2 3 >>"
    every = Guarded(r"\w+ >>", ">>", reach=(10, 2))
    kept = Guarded(r"\w+ >>", ">>", reach=(10, 2), keep=lambda lowered, needle, at: lowered[at - 2].isdigit())
    assert [m.group(0) for m in every.finditer(text, text.lower())] == ["on >>", "3 >>"]
    assert [m.group(0) for m in kept.finditer(text, text.lower())] == ["3 >>"]


def test_pagination_marks_are_kept_only_where_page_numbers_or_next_page_can_be() -> None:
    from wirecut.parsers.residue import _pagination_mark

    def kept(text: str, needle: str) -> bool:
        return _pagination_mark(text, needle, text.index(needle))

    assert not kept("talks resume next week", "next") and not kept("the last time", "last")
    assert kept("1 2 3 next", "next") and kept("588 589 ...  last", "last") and kept("1 2 3\n>>", ">>")
    assert kept("see the next  page", "next") and kept("prev 1 2", "prev")
