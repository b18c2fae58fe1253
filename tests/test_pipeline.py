"""The parser table is data a caller edits without forking."""

from __future__ import annotations

import regex

import wirecut
from wirecut.spans import ParseState, Span
from wirecut.story import Residue

SLUG_RE = regex.compile(r"^SLUG-\d+\s*", regex.MULTILINE)


def claim_slugs(state: ParseState) -> None:
    """A newsroom's own transmission slug, claimed as residue before the story parsers see it."""
    for m in SLUG_RE.finditer(state.text):
        end = m.start() + len(m.group(0).rstrip())
        state.claim("residue", m.start(), end, Residue("unknown", m.group(0).strip(), Span(m.start(), end)), "slug")


def test_insert_remove_and_replace() -> None:
    pipeline = wirecut.DEFAULT.copy().insert_before("dateline", "slug", claim_slugs)
    assert pipeline.names().index("slug") == pipeline.names().index("dateline") - 1
    text = "SLUG-42\nCAIRO, May 2 (Xinhua) -- The talks resumed."
    story = wirecut.parse(text, pipeline=pipeline)
    assert [r.text for r in story.residue] == ["SLUG-42"] and story.body == "The talks resumed."
    assert [c.parser for c in story.trace if c.label == "residue"] == ["slug"]
    without_captions = wirecut.DEFAULT.copy().remove("caption")
    assert "caption" not in without_captions.names() and "caption" in wirecut.DEFAULT.names()


def test_a_parser_that_breaks_costs_a_warning_not_the_text() -> None:
    def broken(state: ParseState) -> None:
        raise RuntimeError("boom")

    pipeline = wirecut.DEFAULT.copy().insert_after("markup", "broken", broken)
    story = wirecut.parse("CAIRO, May 2 (Xinhua) -- The talks resumed.", pipeline=pipeline)
    assert story.body == "The talks resumed." and any("broken" in w for w in story.warnings)


def test_every_guarded_pattern_compiles() -> None:
    """Guarded patterns compile when first needed; this compiles each one now, so none fails late."""
    import gc

    from wirecut.text import Guarded

    guarded = [o for o in gc.get_objects() if isinstance(o, Guarded)]
    assert len(guarded) > 20
    for g in guarded:
        assert g.pattern.pattern


def test_a_parse_restores_the_callers_garbage_collector_state() -> None:
    import gc

    assert gc.isenabled()
    wirecut.parse("CAIRO, May 2 (Xinhua) -- The talks resumed.")
    assert gc.isenabled()
    gc.disable()
    try:
        wirecut.parse("CAIRO, May 2 (Xinhua) -- The talks resumed.")
        assert not gc.isenabled()
    finally:
        gc.enable()
