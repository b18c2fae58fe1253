"""``wirecut parse``: one or more texts to the ``wirecut/1`` JSON (or JSON Lines, or plain text).

Each FILE is parsed in turn; one that is missing or not readable text is ``wirecut: error: PATH:
reason`` on standard error, the others are still parsed, and the exit status is 3.
"""

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
  wirecut parse --format text a.txt b.txt   each story after a 'source: a.txt' line

\b
Exit codes: 0 parsed (or the reader closed the pipe), 2 usage error,
3 an input is missing or not readable text (the others are still parsed).
"""


@click.command("parse", epilog=_EPILOG)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text", "ninjs"], case_sensitive=False),
    default=None,
    help="json (default for one input), jsonl (default for several), text, or ninjs.",
)
@reference_date_option
@click.option("--pretty/--compact", default=None, help="Indent the JSON (default: on a terminal only).")
def parse_command(files: tuple[str, ...], fmt: str | None, reference_date: dt.date | None, pretty: bool | None) -> None:
    """Parse FILE (or standard input, '-') and print its parts as JSON."""
    from wirecut import InputError
    from wirecut.formats import render

    if sys.stdout is None:  # ``wirecut parse x >&-``: nowhere to print the stories
        from wirecut.cli.options import output_failed

        output_failed(None)
    inputs = files or ("-",)
    if fmt is None:
        fmt = "jsonl" if len(inputs) > 1 else "json"
    if pretty is None:
        pretty = fmt in ("json", "ninjs") and sys.stdout.isatty() and len(inputs) == 1
    if len(inputs) > 1 and fmt in ("json", "ninjs"):
        pretty = False
    failed = False
    out = sys.stdout
    # Plain text of several stories: each opens with the line "source: NAME", and a blank line parts
    # them, so that neither a reader nor a script runs one story into the next.
    separated = fmt == "text" and len(inputs) > 1
    written = 0
    for name in inputs:
        try:
            story = parse_input(name, "parse", reference_date, typed=bool(files))
        except InputError as exc:
            click.echo(f"wirecut: error: {exc}", err=True)
            failed = True
            continue
        for warning in story.warnings:
            click.echo(f"wirecut: warning: {story.source}: {warning}", err=True)
        if separated:
            out.write(f"\nsource: {story.source}\n" if written else f"source: {story.source}\n")
        out.write(render(story, fmt, pretty=pretty))
        out.write("\n")
        written += 1
    out.flush()
    if failed:
        sys.exit(ExitCode.BAD_INPUT)
