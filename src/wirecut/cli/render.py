"""Drawing a parsed story in the terminal for ``wirecut show`` (rich; only the CLI imports this).

Contract:
    Consumes: a ``Story`` and whether colour is wanted.
    Produces: ``marked_text`` (the input with each part in its colour, or in ``[label: ...]`` marks when
    there is no colour), ``legend``, ``parts_table`` and ``trace_table``: rich renderables or plain
    strings that ``show_cmd`` prints. Never draws input text as rich markup: a scraped ``[bold]`` or
    an escape sequence is shown as the characters it is, never obeyed.

Why bold colours without backgrounds: a background that reads well on a dark terminal glares or
vanishes on a light one, while the mid-luminance hues of ``wirecut.review.PALETTE`` in bold stay
legible on both. Nested datelines (inside a caption or teaser) are underlined as well, so they stay
distinct from the part around them even where colours are mapped down to 16.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from wirecut.review import LABEL_ORDER, PALETTE, Mark, describe, marks, part_counts, segments
from wirecut.story import Story

#: C0 controls and DEL, but not tab and newline: an ESC from a scraped page must not reach the
#: terminal as a command. Each becomes one visible character, so what follows keeps its place.
_CONTROL_TRANSLATION: dict[int, str | None] = {
    code: "\N{REPLACEMENT CHARACTER}" for code in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]
}
_CONTROL_TRANSLATION[0x0D] = None  # a CR of CRLF line ends would only return the cursor
_CONTROL_TRANSLATION[0x0C] = "\n"  # form feeds separate pages in some wire archives

TEXT_CELL_WIDTH = 72


class StdoutConsole(Console):
    """A console for a command's data on standard output: a reader that closes the pipe (``| head``)
    ends the command quietly with exit 0, as in every command (rich's own choice is exit 1)."""

    def on_broken_pipe(self) -> None:
        from wirecut.cli.options import closed_pipe

        closed_pipe()


def printable(text: str) -> str:
    """``text`` safe to write to a terminal: control characters shown, not executed.

    >>> printable("a\\x1b[2Jb\\r\\n")
    'a�[2Jb\\n'
    """
    return text.translate(_CONTROL_TRANSLATION)


def style_of(label: str, *, nested: bool = False) -> Style:
    """The terminal style of a part: its colour in bold (residue in italic grey, body plain)."""
    colour = PALETTE.get(label, (label, None))[1]
    if label == "paragraph" or colour is None:
        return Style()
    if label == "residue":
        return Style(color=colour, italic=True)
    return Style(color=colour, bold=True, underline=nested or label == "headline")


def legend_name(label: str) -> str:
    return PALETTE.get(label, (label, None))[0]


def marked_text(story: Story, *, colour: bool, trace: bool = False) -> Text | str:
    """The input text with its parts marked: styled when ``colour``, bracketed when not.

    In plain marks, ``[dateline: BEIJING, April 19 (Xinhua) --]``; a nested dateline sits inside its
    caption's brackets. With ``trace`` each part starts with its claim order, ``[3 dateline: ...]``
    in plain marks, a dim ``[3]`` before the coloured part.
    """
    text = story.text
    found = marks(story)
    pieces = segments(text, found)
    if colour:
        out = Text()
        for start, end, covering in pieces:
            for mark in covering:
                if mark.span.start == start and trace and not mark.nested:
                    out.append(f"[{mark.order}]", style=Style(dim=True))
            style = Style()
            for mark in covering:
                style = style + style_of(mark.label, nested=mark.nested)
            out.append(printable(text[start:end]), style=style)
        return out
    return _bracketed(text, found, trace=trace)


def _bracketed(text: str, found: list[Mark], *, trace: bool) -> str:
    """Plain marks: ``[label: ...]`` around each part, for pipes and NO_COLOR."""
    events: list[tuple[int, int, str]] = []  # (position, 0 close / 1 open, mark text)
    for mark in found:
        opening = f"[{mark.order} {legend_name(mark.label)}: " if trace and not mark.nested else None
        events.append((mark.span.start, 1, opening or f"[{legend_name(mark.label)}: "))
        events.append((mark.span.end, 0, "]"))
    # At one position, closes come before opens; opens keep the outer-first order of ``found``.
    events.sort(key=lambda e: (e[0], e[1]))
    pieces: list[str] = []
    pos = 0
    for where, _, mark_text in events:
        pieces.append(printable(text[pos:where]))
        pieces.append(mark_text)
        pos = where
    pieces.append(printable(text[pos:]))
    return "".join(pieces)


def legend(story: Story, *, colour: bool) -> Text:
    """One line naming every part in its own style, with how many the story has."""
    counts = part_counts(story)
    line = Text("parts: " if colour else "parts, marked [part: ...]: ")
    for number, label in enumerate(LABEL_ORDER):
        if number:
            line.append("  ")
        count = counts.get(label, 0)
        line.append(
            f"{legend_name(label)} {count}", style=style_of(label) if colour and count else Style(dim=not count)
        )
    return line


def _cell(text: str, width: int = TEXT_CELL_WIDTH) -> Text:
    """A table cell of input-derived text: never markup, controls shown, long text cut with an ellipsis."""
    flat = " ".join(printable(text).split())
    return Text(flat if len(flat) <= width else flat[: width - 1] + "…")


def parts_table(story: Story, *, colour: bool) -> Table:
    """The parts found with their fields, then the warnings: what a reviewer checks."""
    table = Table(box=box.SIMPLE_HEAD if colour else box.ASCII, show_lines=False, expand=False, title=None)
    table.add_column("part", no_wrap=True)
    table.add_column("span", no_wrap=True, justify="right")
    table.add_column("text", overflow="fold")
    table.add_column("fields", overflow="fold")
    for row in describe(story):
        fields = Text(printable("\n".join(f"{name}: {value}" for name, value in row.fields)))
        name = Text(legend_name(row.label), style=style_of(row.label) if colour else Style())
        table.add_row(name, f"{row.span.start}-{row.span.end}", _cell(row.text), fields)
    for warning in story.warnings:
        table.add_row(
            Text("warning", style=Style(color="#e03131", bold=True) if colour else Style()), "", _cell(warning), ""
        )
    return table


def trace_table(story: Story, *, colour: bool) -> Table:
    """Which parser claimed each span, in the order they claimed them."""
    table = Table(box=box.SIMPLE_HEAD if colour else box.ASCII, title=None)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("parser", no_wrap=True)
    table.add_column("part", no_wrap=True)
    table.add_column("span", justify="right", no_wrap=True)
    table.add_column("text", overflow="fold")
    for order, claim in enumerate(story.trace, 1):
        name = Text(legend_name(claim.label), style=style_of(claim.label) if colour else Style())
        table.add_row(
            str(order),
            Text(claim.parser),
            name,
            f"{claim.span.start}-{claim.span.end}",
            _cell(claim.span.slice(story.text), 56),
        )
    return table
