"""What ``wirecut show`` and ``wirecut report`` draw: the parts of a story as marks on its text.

Contract:
    Consumes: a ``Story`` (its ``text`` and ``trace``).
    Produces: ``marks(story)``: every part as a ``Mark`` (label, span, claim order, parser), plus the
    datelines nested inside captions and related teasers; ``segments(text, marks)``: the text cut
    into runs that each carry the labels covering them (innermost last); ``describe(story)``: one
    ``PartRow`` per part with the structured fields a reviewer checks (dateline fields, names,
    credits, kinds). ``PALETTE`` is the one colour per part that both drawings use.
    Reads: nothing else; stdlib only, so the library can offer it without click or rich.

The colours are mid-luminance hues without backgrounds, so each keeps about 3:1 contrast or better
on both a black and a white background: a reviewer's terminal or browser may be either.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from wirecut.spans import Span
from wirecut.story import Byline, Caption, Dateline, Headline, Note, Paragraph, Related, Residue, Story

#: Part label -> (what the legend calls it, colour). Body paragraphs keep the default text colour:
#: they are most of the text, and everything else stands out against them.
PALETTE: dict[str, tuple[str, str | None]] = {
    "headline": ("headline", "#d6336c"),
    "dateline": ("dateline", "#e8590c"),
    "byline": ("byline", "#2f9e44"),
    "caption": ("caption", "#1c7ed6"),
    "paragraph": ("body", None),
    "related": ("related", "#ae3ec9"),
    "note": ("note", "#0c8599"),
    "residue": ("residue", "#868e96"),
}

#: The order parts are listed in a legend and a table: the order a wire story reads in.
LABEL_ORDER = tuple(PALETTE)


@dataclass(frozen=True, slots=True)
class Mark:
    """One marked range of the text. ``order`` is the claim's position in the trace (1-based); a
    dateline nested in a caption or teaser has ``order`` 0 and ``nested`` True: no parser claimed it
    on its own, it is a field of its parent."""

    label: str
    span: Span
    order: int
    parser: str
    nested: bool = False


@dataclass(frozen=True, slots=True)
class PartRow:
    """One part as a reviewer reads it: what it is, where, its clean text, and its fields."""

    label: str
    span: Span
    text: str
    fields: tuple[tuple[str, str], ...]


def marks(story: Story) -> list[Mark]:
    """The story's parts in text order, each with the order and the parser that claimed it."""
    found: list[Mark] = []
    for order, claim in enumerate(story.trace, 1):
        found.append(Mark(claim.label, claim.span, order, claim.parser))
        inner = getattr(claim.part, "dateline", None)
        if isinstance(inner, Dateline) and claim.span.start <= inner.span.start < inner.span.end <= claim.span.end:
            found.append(Mark("dateline", inner.span, 0, claim.parser, nested=True))
    # Parents sort before the parts nested in them: same start, longer first.
    found.sort(key=lambda m: (m.span.start, -m.span.end))
    return found


def segments(text: str, found: Sequence[Mark]) -> list[tuple[int, int, tuple[Mark, ...]]]:
    """Cut ``text`` into ``(start, end, covering marks)`` runs, outermost mark first.

    Marks either nest or are disjoint (claims never overlap, a nested dateline lies inside its
    parent), so a stack is enough.

    >>> m = [Mark("caption", Span(0, 10), 1, "caption"), Mark("dateline", Span(2, 4), 0, "caption", True)]
    >>> [(s, e, [x.label for x in ms]) for s, e, ms in segments("0123456789xx", m)]
    [(0, 2, ['caption']), (2, 4, ['caption', 'dateline']), (4, 10, ['caption']), (10, 12, [])]
    """
    # Boundaries: every start and end, with the marks that open at each start.
    cuts = sorted({0, len(text)} | {m.span.start for m in found} | {m.span.end for m in found})
    opening: dict[int, list[Mark]] = {}
    for mark in found:
        opening.setdefault(mark.span.start, []).append(mark)
    out: list[tuple[int, int, tuple[Mark, ...]]] = []
    stack: list[Mark] = []
    for start, end in pairwise(cuts):
        stack = [m for m in stack if m.span.end > start]
        stack.extend(opening.get(start, ()))
        if start < end:
            out.append((start, end, tuple(stack)))
    return out


def _joined(values: Iterable[str]) -> str:
    return ", ".join(values)


def _dateline_fields(dateline: Dateline) -> list[tuple[str, str]]:
    fields = [
        ("location", dateline.location),
        ("date", dateline.date),
        ("date_iso", dateline.date_iso),
        ("agency", dateline.agency),
    ]
    return [(name, value) for name, value in fields if value]


def _nested_dateline(dateline: Dateline) -> tuple[str, str]:
    """A caption's or teaser's own dateline as one field: ``BEIJING · April 19, 2016 (2016-04-19) · Xinhua``."""
    date = dateline.date or ""
    if dateline.date_iso:
        date = f"{date} ({dateline.date_iso})".strip()
    return ("dateline", " · ".join(piece for piece in (dateline.location, date, dateline.agency) if piece))


def _row(label: str, part: object) -> PartRow | None:
    """The row of one claimed part; None for a part type wirecut does not know (a plugin's)."""
    fields: list[tuple[str, str]] = []
    if isinstance(part, Headline):
        return PartRow(label, part.span, part.text, ())
    if isinstance(part, Dateline):
        return PartRow(label, part.span, part.text, tuple(_dateline_fields(part)))
    if isinstance(part, Byline):
        if part.names:
            fields.append(("names", _joined(part.names)))
        if part.role:
            fields.append(("role", part.role))
        return PartRow(label, part.span, part.text, tuple(fields))
    if isinstance(part, Caption):
        fields.extend((name, value) for name, value in (("credit", part.credit), ("agency", part.agency)) if value)
        if part.photographers:
            fields.append(("photographers", _joined(part.photographers)))
        if part.dateline:
            fields.append(_nested_dateline(part.dateline))
        return PartRow(label, part.span, part.text, tuple(fields))
    if isinstance(part, Paragraph):
        return PartRow(label, part.span, part.text, (("words", str(len(part.text.split()))),))
    if isinstance(part, Related):
        if part.title:
            fields.append(("title", part.title))
        if part.dateline:
            fields.append(_nested_dateline(part.dateline))
        if part.marker:
            fields.append(("marker", part.marker))
        return PartRow(label, part.span, part.summary or part.title or "", tuple(fields))
    if isinstance(part, Note):
        fields.append(("kind", part.kind))
        if part.names:
            fields.append(("names", _joined(part.names)))
        return PartRow(label, part.span, part.text, tuple(fields))
    if isinstance(part, Residue):
        fields.append(("kind", part.kind))
        if part.iso:
            fields.append(("iso", part.iso))
        return PartRow(label, part.span, part.text, tuple(fields))
    return None


def story_parts(story: Story) -> list[tuple[str, object]]:
    """Every top-level part of the story as ``(label, record)``, in text order.

    Read from the story's fields, not from ``trace``: the trace keeps each claim as its parser made
    it, before assembly filled in what later parsers learned (a dateline's year from a caption).
    """
    parts: list[tuple[str, object]] = []
    if story.headline:
        parts.append(("headline", story.headline))
    if story.dateline:
        parts.append(("dateline", story.dateline))
    parts.extend(("byline", part) for part in story.bylines)
    parts.extend(("caption", part) for part in story.captions)
    parts.extend(("paragraph", part) for part in story.paragraphs)
    parts.extend(("related", part) for part in story.related)
    parts.extend(("note", part) for part in story.notes)
    parts.extend(("residue", part) for part in story.residue)
    parts.sort(key=lambda item: getattr(item[1], "span", Span(0, 0)).start)
    return parts


def describe(story: Story) -> list[PartRow]:
    """Every part of the story with its fields, in text order."""
    rows = []
    for label, part in story_parts(story):
        row = _row(label, part)
        if row is not None:
            rows.append(row)
    return rows


def part_counts(story: Story) -> dict[str, int]:
    """How many parts of each label the story has, in ``LABEL_ORDER`` (labels with none left out)."""
    counts = {label: 0 for label in LABEL_ORDER}
    for claim in story.trace:
        counts[claim.label] = counts.get(claim.label, 0) + 1
    return {label: n for label, n in counts.items() if n}
