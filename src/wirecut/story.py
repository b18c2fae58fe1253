"""The Story record and its ``wirecut/1`` form.

Contract:
    ``Story.to_dict()`` returns exactly the object that ``../spec/output.md`` describes: every key always
    present, a missing part ``null`` or ``[]``, spans as ``[start, end]`` lists of code points into the
    decoded input. ``Story.to_json()`` is its JSON text. The records are frozen: a parser builds them,
    nothing edits them afterwards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from wirecut.spans import Claim, Span

SCHEMA = "wirecut/1"

#: What a page is (the contract's ``kind``): one story, a digest of several, a listing of teasers, a
#: photo gallery, or no news content at all. Only a story or a digest has a body.
KINDS = ("story", "digest", "listing", "gallery", "none")


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline that opens a story: ``BEIJING, April 19 (Xinhua) --``, its place, date and agency."""

    text: str
    location: str | None
    date: str | None
    date_iso: str | None
    agency: str | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "location": self.location,
            "date": self.date,
            "date_iso": self.date_iso,
            "agency": self.agency,
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class Headline:
    """The story's headline."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": self.span.as_list()}


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline: its names and the role after them (``By JANE DOE, AP Business Writer``)."""

    text: str
    names: tuple[str, ...]
    role: str | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "names": list(self.names), "role": self.role, "span": self.span.as_list()}


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption with its credit, the credit's agency and photographers, and its own dateline."""

    text: str
    credit: str | None
    agency: str | None
    photographers: tuple[str, ...]
    dateline: Dateline | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "credit": self.credit,
            "agency": self.agency,
            "photographers": list(self.photographers),
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the story text."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": self.span.as_list()}


@dataclass(frozen=True, slots=True)
class Related:
    """A teaser for another story ("Related: ... Full story"): its title, dateline, summary and marker."""

    title: str | None
    dateline: Dateline | None
    summary: str | None
    marker: str | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "summary": self.summary,
            "marker": self.marker,
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class Note:
    """A line about the story by its editors or agency (``kind``: editor, reporting, signoff, ...)."""

    kind: str
    text: str
    names: tuple[str, ...]
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "names": list(self.names), "span": self.span.as_list()}


@dataclass(frozen=True, slots=True)
class Residue:
    """Page furniture. ``iso`` is set on timestamps whose date could be read (a documented extra key)."""

    kind: str
    text: str
    span: Span
    iso: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "span": self.span.as_list()}
        if self.iso is not None:
            out["iso"] = self.iso
        return out


@dataclass(frozen=True, slots=True)
class Story:
    """One parsed text. ``text`` is the decoded input that every span indexes."""

    text: str
    source: str | None = None
    language: str = "und"
    kind: str = "story"
    headline: Headline | None = None
    dateline: Dateline | None = None
    bylines: tuple[Byline, ...] = ()
    captions: tuple[Caption, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    related: tuple[Related, ...] = ()
    notes: tuple[Note, ...] = ()
    residue: tuple[Residue, ...] = ()
    warnings: tuple[str, ...] = ()
    trace: tuple[Claim, ...] = field(default=(), compare=False, repr=False)

    @property
    def body(self) -> str:
        """The story text: its paragraphs joined by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "language": self.language,
            "kind": self.kind,
            "headline": self.headline.to_dict() if self.headline else None,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "bylines": [b.to_dict() for b in self.bylines],
            "captions": [c.to_dict() for c in self.captions],
            "body": {"text": self.body, "paragraphs": [p.to_dict() for p in self.paragraphs]},
            "related": [r.to_dict() for r in self.related],
            "notes": [n.to_dict() for n in self.notes],
            "residue": [r.to_dict() for r in self.residue],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def spans(self) -> list[tuple[str, Span]]:
        """Every top-level part's label and span, in input order (what the invariants are about)."""
        return sorted(((c.label, c.span) for c in self.trace), key=lambda item: item[1].start)
