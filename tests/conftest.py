"""Shared helpers of the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_40fe124315517e90.txt"
SHARED = ROOT.parent / "shared"


def covered_everywhere(story) -> list[int]:  # type: ignore[no-untyped-def]
    """Positions of non-space characters that no span covers (the 'nothing lost' invariant)."""
    covered = bytearray(len(story.text))
    for _label, span in story.spans():
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    return [i for i, ch in enumerate(story.text) if not ch.isspace() and not covered[i]]


def overlaps(story) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    spans = sorted(span for _label, span in story.spans())
    return [(a.end, b.start) for a, b in zip(spans, spans[1:]) if b.start < a.end]


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
