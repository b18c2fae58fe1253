"""``wirecut parse``: one or more texts to the ``wirecut/1`` JSON (or JSON Lines, or plain text)."""

from __future__ import annotations

import datetime as dt
import sys

import click

from wirecut.cli import ExitCode
from wirecut.cli.options import parse_input, reference_date_option

_EPILOG = """\b
Examples:
  wirecut parse seeds/000_40fe124315517e90.txt
  curl -s https://example.org/story.txt | wirecut parse - --format text
  wirecut parse --reference-date 2024-01-02 *.txt > stories.jsonl
"""


@click.command("parse", epilog=_EPILOG)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text", "ninjs"]),
    default=None,
    help="json (default for one input), jsonl (default for several), text, or ninjs.",
)
@reference_date_option
@click.option("--pretty/--compact", default=None, help="Indent the JSON (default: on a terminal only).")
def parse_command(files: tuple[str, ...], fmt: str | None, reference_date: dt.date | None, pretty: bool | None) -> None:
    """Parse FILE (or standard input, '-') and print its parts as JSON."""
    from wirecut import InputError
    from wirecut.formats import render

    inputs = files or ("-",)
    if fmt is None:
        fmt = "jsonl" if len(inputs) > 1 else "json"
    if pretty is None:
        pretty = fmt in ("json", "ninjs") and sys.stdout.isatty() and len(inputs) == 1
    if len(inputs) > 1 and fmt in ("json", "ninjs"):
        pretty = False
    failed = False
    out = sys.stdout
    for name in inputs:
        try:
            story = parse_input(name, "parse", reference_date, typed=bool(files))
        except InputError as exc:
            click.echo(f"wirecut: error: {exc}", err=True)
            failed = True
            continue
        for warning in story.warnings:
            click.echo(f"wirecut: warning: {story.source}: {warning}", err=True)
        out.write(render(story, fmt, pretty=pretty))
        out.write("\n")
    out.flush()
    if failed:
        sys.exit(ExitCode.BAD_INPUT)
