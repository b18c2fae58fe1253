"""Leftover: what no parser recognised.

Contract:
    Claims: every free run that still holds a character other than white space, as residue of kind
    ``unknown``. Runs last, so the output's second invariant (nothing lost) holds for any input.
"""

from __future__ import annotations

from wirecut.spans import ParseState, Span
from wirecut.story import Residue
from wirecut.text import clean, trim, units


def parse(state: ParseState) -> None:
    """Claim every inked free unit as unknown residue."""
    text = state.text
    for run in list(state.free_runs()):
        for a, b in units(text, run.start, run.end):
            a, b = trim(text, a, b)
            if a < b:
                state.claim("residue", a, b, Residue("unknown", clean(text[a:b]), Span(a, b)), "leftover")
