"""Shared helpers of the test suite."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import wirecut
from wirecut.lexicon import DEFAULT_LEXICON

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


@pytest.fixture(autouse=True)
def default_config_restored() -> Iterator[None]:
    """Every test starts from the shipped configuration, whatever the one before it registered.

    ``lexicon.register_*`` edit the default lexicon in place and ``wirecut.DEFAULT`` is an editable
    table; a test that edits either must not change what the tests after it parse. The lexicon's data
    are compared as bytes (cheap) and put back only when they changed, so its compiled patterns are
    kept for the next test in the common case.
    """
    lexicon_before = pickle.dumps(DEFAULT_LEXICON.__getstate__())
    rules_before = list(wirecut.DEFAULT.rules)
    yield
    if pickle.dumps(DEFAULT_LEXICON.__getstate__()) != lexicon_before:
        DEFAULT_LEXICON.__setstate__(pickle.loads(lexicon_before))
    if wirecut.DEFAULT.rules != rules_before:
        wirecut.DEFAULT.rules[:] = rules_before
