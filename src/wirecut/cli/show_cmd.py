"""``wirecut show``: one text in the terminal with each part in its own colour, a legend and a table.

Contract:
    Reads FILE (or standard input, ``-``), parses it with the library and prints to stdout: a header
    (source, language, size), the legend, the marked text, the table of parts and warnings, and with
    ``--trace`` the claims in the order the parsers made them. Colour when stdout is a terminal and
    ``NO_COLOR`` is not set, or when ``FORCE_COLOR`` is (``--color``/``--no-color`` decide instead); otherwise plain
    ``[label: ...]`` marks that survive a pipe, a log file or a screen reader.
    Exit statuses: 0 shown (or the reader closed the pipe); 2 usage error; 3 the input is missing or
    not readable text.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING

import click

from wirecut.cli import ExitCode
from wirecut.cli.options import InputPath, colour_wanted, parse_input, reference_date_option

if TYPE_CHECKING:
    from rich.console import Console

    from wirecut.story import Story

_EPILOG = """\b
Examples:
  wirecut show seeds/000_40fe124315517e90.txt
  wirecut show --trace story.txt          which parser claimed which span, in order
  cat story.txt | wirecut show -          read standard input
  wirecut show story.txt | less           plain [part: ...] marks when piped
  NO_COLOR=1 wirecut show story.txt       plain marks on a terminal too

\b
Exit codes: 0 shown, 2 usage error, 3 the input is missing or not readable text.
"""


@click.command("show", epilog=_EPILOG)
@click.argument("file", required=False, default="-", type=InputPath(dir_okay=False, allow_dash=True))
@click.option("--trace", is_flag=True, help="Also list which parser claimed each span, in claim order.")
@click.option(
    "--color/--no-color",
    "--colour/--no-colour",
    "colour",
    default=None,
    help="Force colour on or off (default: on a terminal or with FORCE_COLOR, never with NO_COLOR).",
)
@reference_date_option
@click.option(
    "--width", type=click.IntRange(40, 400), default=None, help="Columns to draw in (default: the terminal's)."
)
def show_command(
    file: str, trace: bool, colour: bool | None, reference_date: dt.date | None, width: int | None
) -> None:
    """Show FILE (or standard input, '-') with each part in its own colour."""
    from wirecut import InputError
    from wirecut.cli.render import StdoutConsole

    try:
        story = parse_input(file, "show", reference_date)
    except InputError as exc:
        click.echo(f"wirecut: error: {exc}", err=True)
        sys.exit(ExitCode.BAD_INPUT)

    colour = colour_wanted(colour, is_terminal=sys.stdout.isatty(), environ=os.environ)
    console = StdoutConsole(
        force_terminal=True if colour else None,
        no_color=not colour,
        color_system="truecolor" if colour else None,
        highlight=False,
        emoji=False,
        markup=False,
        # A pipe has no width; 100 columns keep the table's text and fields readable in a log.
        width=width or (None if sys.stdout.isatty() else 100),
    )
    try:
        draw(console, story, colour=colour, trace=trace)
    except BrokenPipeError:
        # `wirecut show x | head`: the reader left. The console handles what it prints; the plain
        # text is written directly, so hand that case to it too.
        console.on_broken_pipe()


def draw(console: Console, story: Story, *, colour: bool, trace: bool) -> None:
    """Print everything ``show`` shows to ``console`` (the docs' screenshot is drawn with this too)."""
    from rich.text import Text

    from wirecut.cli.render import legend, marked_text, parts_table, trace_table

    header = Text(f"{story.source or '<text>'}", style="bold" if colour else "")
    header.append(f"  language {story.language}  {len(story.text)} characters  {len(story.trace)} parts")
    console.print(header)
    console.print(legend(story, colour=colour))
    console.print()
    body = marked_text(story, colour=colour, trace=trace)
    if isinstance(body, str):
        # Plain marks go out unwrapped, so the text keeps its own lines and stays greppable.
        console.file.write(body.rstrip("\n") + "\n")
    else:
        console.print(body)
    console.print()
    console.print(parts_table(story, colour=colour))
    if trace:
        console.print(Text("claims in the order the parsers made them", style="bold" if colour else ""))
        console.print(trace_table(story, colour=colour))
