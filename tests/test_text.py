"""The text helpers that replace a pattern's scan with ``str.find`` give exactly the pattern's answer."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from wirecut.text import UNIT_BREAK_RE, WHITE_SPACE, unit_breaks, units


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
