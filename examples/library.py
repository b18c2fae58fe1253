"""Using wirecut from a script: parse texts, read the parts, and teach the pipeline a new form.

Run it from the project's root: ``python examples/library.py``.
"""

from __future__ import annotations

import regex

import wirecut
from wirecut.spans import ParseState, Span
from wirecut.story import Residue

story = wirecut.parse_file("seeds/000_40fe124315517e90.txt")
print(
    "dateline:",
    story.dateline.text if story.dateline else None,
    "->",
    story.dateline.date_iso if story.dateline else None,
)
print("caption credit:", [c.credit for c in story.captions])
print("teasers:", [r.title for r in story.related])
print("body starts:", story.body[:60], "...")

# A newsroom's own slug line ("SLUG-1234") that wirecut does not know: one parser, added to a copy of
# the table before the dateline parser, claims it as residue. Nothing is forked.
SLUG_RE = regex.compile(r"^SLUG-\d+", regex.MULTILINE)


def claim_slugs(state: ParseState) -> None:
    for m in SLUG_RE.finditer(state.text):
        state.claim("residue", m.start(), m.end(), Residue("unknown", m.group(0), Span(m.start(), m.end())), "slug")


pipeline = wirecut.DEFAULT.copy().insert_before("dateline", "slug", claim_slugs)
mine = wirecut.parse("SLUG-1234\nCAIRO, May 2 (Xinhua) -- The talks resumed on Tuesday.", pipeline=pipeline)
print("slug claimed as:", [(r.kind, r.text) for r in mine.residue], "| body:", mine.body)
