"""What ``wirecut show`` and ``wirecut report`` draw: the parts of a story as marks on its text.

Contract:
    Consumes: a ``Story`` (its ``text`` and ``trace``), or a ``wirecut/1`` record as ``batch`` wrote it.
    Produces: ``marks(story)``: every part as a ``Mark`` (label, span, claim order, parser), plus the
    datelines nested inside captions and related teasers; ``segments(text, marks)``: the text cut
    into runs that each carry the labels covering them (innermost last); ``describe_record(record)``
    (and ``describe(story)``, through its ``to_dict()``): one ``PartRow`` per part with the structured
    fields a reviewer checks (dateline fields, names, credits, kinds); ``nested_datelines(record)``.
    ``PALETTE`` is the one colour per part that both drawings use.
    Reads: nothing else; stdlib only, so the library can offer it without click or rich.

The colours are mid-luminance hues without backgrounds, so each keeps about 3:1 contrast or better
on both a black and a white background: a reviewer's terminal or browser may be either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from wirecut.spans import Span
from wirecut.story import Dateline, Story

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


def _span(value: object) -> Span | None:
    """A record's ``[start, end]`` as a Span; None for anything else (a record from elsewhere may be odd)."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(type(v) is int for v in value):
        start, end = value
        if 0 <= start <= end:
            return Span(start, end)
    return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _names(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _dateline_fields(dateline: Mapping[str, Any]) -> list[tuple[str, str]]:
    fields = [(name, _text(dateline.get(name))) for name in ("location", "date", "date_iso", "agency")]
    return [(name, value) for name, value in fields if value]


def _nested_dateline(dateline: Mapping[str, Any]) -> tuple[str, str]:
    """A caption's or teaser's own dateline as one field: ``BEIJING · April 19, 2016 (2016-04-19) · Xinhua``."""
    date, iso = _text(dateline.get("date")), _text(dateline.get("date_iso"))
    if iso:
        date = f"{date} ({iso})".strip()
    pieces = (_text(dateline.get("location")), date, _text(dateline.get("agency")))
    return ("dateline", " · ".join(piece for piece in pieces if piece))


def _row(label: str, part: Mapping[str, Any]) -> PartRow | None:
    """The row of one part of a ``wirecut/1`` record; None when it has no span to show it at."""
    span = _span(part.get("span"))
    if span is None:
        return None
    fields: list[tuple[str, str]] = []
    text = _text(part.get("text"))
    if label == "dateline":
        fields.extend(_dateline_fields(part))
    elif label == "byline":
        if names := _names(part.get("names")):
            fields.append(("names", _joined(names)))
        if role := _text(part.get("role")):
            fields.append(("role", role))
    elif label == "caption":
        fields.extend((name, _text(part.get(name))) for name in ("credit", "agency") if _text(part.get(name)))
        if names := _names(part.get("photographers")):
            fields.append(("photographers", _joined(names)))
        if isinstance(part.get("dateline"), dict):
            fields.append(_nested_dateline(part["dateline"]))
    elif label == "paragraph":
        fields.append(("words", str(len(text.split()))))
    elif label == "related":
        title, summary = _text(part.get("title")), _text(part.get("summary"))
        if title:
            fields.append(("title", title))
        if isinstance(part.get("dateline"), dict):
            fields.append(_nested_dateline(part["dateline"]))
        if marker := _text(part.get("marker")):
            fields.append(("marker", marker))
        text = summary or title
    elif label in ("note", "residue"):
        fields.append(("kind", _text(part.get("kind"))))
        if label == "note" and (names := _names(part.get("names"))):
            fields.append(("names", _joined(names)))
        if label == "residue" and (iso := _text(part.get("iso"))):
            fields.append(("iso", iso))
    return PartRow(label, span, text, tuple(fields))


def record_parts(record: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Every top-level part of a ``wirecut/1`` record as ``(label, part)``, in text order.

    A record, not a Story: ``wirecut report`` reviews what ``batch`` wrote, and a Story is drawn
    through its ``to_dict()``, so there is one description of a part, the contract's. Parts that are
    not objects with a span (a damaged or foreign record) are left out rather than guessed at.
    """
    parts: list[tuple[str, Mapping[str, Any]]] = []
    for label, key in (("headline", "headline"), ("dateline", "dateline")):
        if isinstance(record.get(key), dict):
            parts.append((label, record[key]))
    body = record.get("body")
    paragraphs = body.get("paragraphs") if isinstance(body, dict) else None
    for label, values in (
        ("byline", record.get("bylines")),
        ("caption", record.get("captions")),
        ("paragraph", paragraphs),
        ("related", record.get("related")),
        ("note", record.get("notes")),
        ("residue", record.get("residue")),
    ):
        if isinstance(values, list):
            parts.extend((label, part) for part in values if isinstance(part, dict))
    parts.sort(key=lambda item: (_span(item[1].get("span")) or Span(0, 0)).start)
    return parts


def describe_record(record: Mapping[str, Any]) -> list[PartRow]:
    """Every part of a ``wirecut/1`` record with its fields, in text order."""
    rows = []
    for label, part in record_parts(record):
        row = _row(label, part)
        if row is not None:
            rows.append(row)
    return rows


def nested_datelines(record: Mapping[str, Any]) -> list[Span]:
    """The datelines inside captions and teasers of a record (fields of their parent, drawn inside it)."""
    found = []
    for key in ("captions", "related"):
        values = record.get(key)
        for part in values if isinstance(values, list) else ():
            inner = part.get("dateline") if isinstance(part, dict) else None
            outer, span = _span(part.get("span")) if isinstance(part, dict) else None, None
            if isinstance(inner, dict):
                span = _span(inner.get("span"))
            if outer and span and outer.start <= span.start < span.end <= outer.end:
                found.append(span)
    return found


def describe(story: Story) -> list[PartRow]:
    """Every part of the story with its fields, in text order (read from ``to_dict()``, not ``trace``:
    the trace keeps each claim as its parser made it, before assembly filled in what later parsers
    learned, such as a dateline's year from a caption)."""
    return describe_record(story.to_dict())


def part_counts(story: Story) -> dict[str, int]:
    """How many parts of each label the story has, in ``LABEL_ORDER`` (labels with none left out)."""
    counts = {label: 0 for label in LABEL_ORDER}
    for claim in story.trace:
        counts[claim.label] = counts.get(claim.label, 0) + 1
    return {label: n for label, n in counts.items() if n}
