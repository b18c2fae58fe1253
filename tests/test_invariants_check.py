"""wirecut.invariants.violations: the checker finds each break it promises to find."""

from __future__ import annotations

import dataclasses

import wirecut
from wirecut.invariants import violations
from wirecut.spans import Claim, Span
from wirecut.story import Paragraph, Residue

TEXT = "NAIROBI, May 3 (Xinhua) -- The bank kept its rate. Full story 1 2 3 >>"


def test_a_parsed_story_holds_both_invariants() -> None:
    assert violations(wirecut.parse(TEXT)) == []


def _with_trace(story: wirecut.Story, trace: tuple[Claim, ...], warnings: tuple[str, ...] = ()) -> wirecut.Story:
    return dataclasses.replace(story, trace=trace, warnings=warnings)


def test_overlap_loss_bounds_and_parser_failures_are_each_reported() -> None:
    story = wirecut.parse(TEXT)
    paragraph = Claim("paragraph", Span(0, 20), Paragraph(TEXT[:20], Span(0, 20)), "test")
    overlapping = Claim("residue", Span(10, 30), Residue("unknown", TEXT[10:30], Span(10, 30)), "test")
    outside = Claim("residue", Span(60, 500), Residue("unknown", "x", Span(60, 500)), "test")
    broken = _with_trace(story, (paragraph, overlapping, outside), ("parser body failed on this text: boom",))
    found = violations(broken)
    assert any("overlaps the paragraph" in m for m in found)
    assert any("outside the text" in m for m in found)
    assert any(m.startswith("parser body failed") for m in found)
    lost = [m for m in found if "characters in no span" in m]
    assert lost and lost[0].split()[0] == str(sum(1 for ch in TEXT[30:] if not ch.isspace()))
