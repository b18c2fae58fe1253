"""The ordered table of parsers, and how a caller edits it.

Contract:
    A ``Pipeline`` is a list of ``(name, parser)`` rules run in order over one ``ParseState``; each
    parser claims spans of the untouched input and may leave facts for later ones. ``run`` folds the
    claims into a ``Story``. A caller teaches wirecut a new form without forking by editing a copy of
    the table: ``pipeline = DEFAULT.copy(); pipeline.insert_before("dateline", "mine", my_parser)``.

The order matters and says why: markup and page furniture first, since they bound everything else;
notes and captions next, since their forms are distinctive and a caption's dateline must not be taken
for the story's; teasers before the story dateline (a listing page is all teasers); then the story's
own parts; leftovers last, so that no character is lost.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from wirecut.dates import iso_date, read_date
from wirecut.language import detect_language
from wirecut.parsers import anpa, body, byline, caption, dateline, headline, leftover, markup, notes, related, residue
from wirecut.parsers.dateline import find_datelines
from wirecut.spans import ParseState
from wirecut.story import Dateline, Story

Parser = Callable[[ParseState], None]

DEFAULT_RULES: tuple[tuple[str, Parser], ...] = (
    ("markup", markup.parse),
    ("anpa", anpa.parse),
    ("residue", residue.parse),
    ("notes", notes.parse),
    ("caption", caption.parse),
    ("related", related.parse),
    ("dateline", dateline.parse),
    ("byline", byline.parse),
    ("headline", headline.parse),
    ("body", body.parse),
    ("leftover", leftover.parse),
)


@dataclass
class Pipeline:
    """An editable, ordered table of parsers."""

    rules: list[tuple[str, Parser]] = field(default_factory=lambda: list(DEFAULT_RULES))

    def names(self) -> list[str]:
        return [name for name, _ in self.rules]

    def copy(self) -> Pipeline:
        return Pipeline(list(self.rules))

    def _index(self, name: str) -> int:
        for index, (rule_name, _) in enumerate(self.rules):
            if rule_name == name:
                return index
        raise KeyError(f"no parser named {name!r}; the pipeline has {', '.join(self.names())}")

    def insert_before(self, anchor: str, name: str, parser: Parser) -> Pipeline:
        self.rules.insert(self._index(anchor), (name, parser))
        return self

    def insert_after(self, anchor: str, name: str, parser: Parser) -> Pipeline:
        self.rules.insert(self._index(anchor) + 1, (name, parser))
        return self

    def replace(self, name: str, parser: Parser) -> Pipeline:
        self.rules[self._index(name)] = (name, parser)
        return self

    def remove(self, name: str) -> Pipeline:
        del self.rules[self._index(name)]
        return self

    def run(
        self,
        text: str,
        *,
        source: str | None = None,
        reference_date: dt.date | None = None,
        warnings: Iterable[str] = (),
    ) -> Story:
        # A parse makes many small objects and no cycles among them; the cyclic collector's passes over
        # them grow with their number, which made a huge text cost more than linear time. It is paused
        # for the parse and restored after, as the caller had it.
        collecting = gc.isenabled()
        gc.disable()
        try:
            state = ParseState(text, reference_date=reference_date)
            state.warnings.extend(warnings)
            for name, parser in self.rules:
                try:
                    parser(state)
                except TimeoutError:
                    state.warnings.append(f"parser {name} gave up on this text (pattern time limit)")
                except Exception as exc:  # a parser's bug must not cost the user the whole text
                    state.warnings.append(f"parser {name} failed on this text: {type(exc).__name__}: {exc}")
            if self.rules and self.rules[-1][1] is not leftover.parse:
                leftover.parse(state)
            return assemble(state, source)
        finally:
            if collecting:
                gc.enable()


DEFAULT = Pipeline()


def assemble(state: ParseState, source: str | None) -> Story:
    """Fold the claims of a finished state into a Story."""
    by_label: dict[str, list[Any]] = {}
    for claim in sorted(state.claims, key=lambda c: c.span.start):
        by_label.setdefault(claim.label, []).append(claim.part)
    headline_parts = by_label.get("headline", [])
    dateline_parts = by_label.get("dateline", [])
    story_dateline = _with_year(state, dateline_parts[0]) if dateline_parts else None
    return Story(
        text=state.text,
        source=source,
        language=detect_language(state.text, story_dateline),
        headline=headline_parts[0] if headline_parts else None,
        dateline=story_dateline,
        bylines=tuple(by_label.get("byline", [])),
        captions=tuple(by_label.get("caption", [])),
        paragraphs=tuple(by_label.get("paragraph", [])),
        related=tuple(
            replace(r, dateline=_with_year(state, r.dateline)) if r.dateline else r for r in by_label.get("related", [])
        ),
        notes=tuple(by_label.get("note", [])),
        residue=tuple(by_label.get("residue", [])),
        warnings=tuple(state.warnings),
        trace=tuple(state.claims),
    )


def _with_year(state: ParseState, part: Dateline) -> Dateline:
    """Give a story dateline without a year the year of a dated caption or page stamp in the text.

    The contract's order: the dateline's own year, else a dated caption's, else a page stamp's, else the
    caller's reference date; each time the year that puts the date closest to that source's date.
    """
    if part.date is None or (part.date_iso and not part.date_iso.startswith("--")):
        return part
    parsed = read_date(part.date)
    if parsed is None or parsed[0] is not None:
        return part
    near = None
    caption_date = state.facts.get("caption_date")
    if caption_date:
        near = dt.date(caption_date[0], caption_date[1], caption_date[2])
    elif state.facts.get("page_date"):
        near = dt.date.fromisoformat(state.facts["page_date"])
    elif state.reference_date:
        near = state.reference_date
    if near is None:
        return part
    return replace(part, date_iso=iso_date(parsed, near))


__all__ = ["DEFAULT", "DEFAULT_RULES", "Parser", "Pipeline", "assemble", "find_datelines"]
