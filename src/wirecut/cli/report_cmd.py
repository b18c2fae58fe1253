"""``wirecut report``: one self-contained HTML page to review a batch (its outputs, or texts to parse).

Contract:
    Reads INPUT... (``batch`` output made ``--with-text``, as JSON Lines or a mirrored directory of
    ``.json``; text files and directories of them; JSON Lines dumps with a ``--text-field``), parses
    the texts on ``-j`` worker processes, keeps the documents that ``--flag`` and ``--kind`` ask for,
    and writes the page of ``wirecut.report`` to ``-o FILE`` (``-`` for stdout) and, with ``--export``,
    the documents kept as JSON Lines of their sources. Progress and the closing line go to stderr.
    Exit statuses: 0 written (or the reader of ``-o -`` closed the pipe); 1 written, but some inputs
    failed (they are in the page, under "failures"); 2 usage error (no input, an output that cannot be
    written); 3 an input named is missing or cannot be read.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from wirecut.cli import ExitCode
from wirecut.cli.options import InputPath, reference_date_option

_EPILOG = """\b
Examples:
  wirecut batch crawl/ --with-text -o out.jsonl && wirecut report out.jsonl -o report.html
  wirecut report dump.jsonl.gz --text-field body -o report.html -j 4
  wirecut report out.jsonl --flag no-body --flag mojibake -o review.html --export todo.jsonl
  wirecut report out.jsonl --kind story -o stories.html
  wirecut report seeds/ -o - > review.html

\b
Quality flags: no-body, unknown-text (a fifth or more of the text is unknown
residue), many-warnings (3 or more), doubtful-language, mojibake; 'ok' is a
document with none. --flag and --kind keep the documents with any of those given.

\b
Exit codes: 0 written, 1 written but some inputs failed (listed in the page),
2 usage error (no input, an output that cannot be written), 3 an input named
is missing or cannot be read.
"""

_FLAG_CHOICES = ["no-body", "unknown-text", "many-warnings", "doubtful-language", "mojibake", "ok"]
_KIND_CHOICES = ["story", "digest", "listing", "gallery", "none"]


@click.command("report", epilog=_EPILOG)
@click.argument("inputs", nargs=-1, required=True, type=InputPath())
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write the HTML page ('-': stdout).")
@click.option("--title", default="wirecut report", show_default=True, help="The page's title.")
@click.option(
    "--text-field", default="text", show_default=True, help="JSON Lines dumps: the field with the text to parse."
)
@click.option("--id-field", default="id", show_default=True, help="JSON Lines dumps: the field that names a record.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes [default: every core].",
)
@click.option(
    "--flag",
    "flags",
    multiple=True,
    type=click.Choice(_FLAG_CHOICES, case_sensitive=False),
    help="Keep the documents with this quality flag (repeatable; 'ok': with none).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(_KIND_CHOICES, case_sensitive=False),
    help="Keep the documents of this kind (repeatable).",
)
@click.option(
    "--export",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="Also write the documents kept as JSON Lines: id (the source), text, headline, kind, language, flags.",
)
@reference_date_option
def report_command(
    inputs: tuple[str, ...],
    output: str,
    title: str,
    text_field: str,
    id_field: str,
    jobs: int | None,
    flags: tuple[str, ...],
    kinds: tuple[str, ...],
    export: str | None,
    reference_date: dt.date | None,
) -> None:
    """Write one HTML page to review the parts wirecut finds in INPUT... (batch outputs, files or directories)."""
    from rich.console import Console

    from wirecut.formats import dumps
    from wirecut.report import build_page, collect, document_record, export_record, select

    if output == "-" and export == "-":
        raise click.UsageError("-o - and --export - cannot both be standard output")
    err = Console(stderr=True, highlight=False, markup=False)
    with err.status("reading…") as status:

        def progress(done: int) -> None:
            status.update(f"parsing… {done:,} documents")

        records = [
            document_record(number, item)
            for number, item in enumerate(
                collect(
                    inputs,
                    reference_date=reference_date,
                    text_field=text_field,
                    id_field=id_field or None,
                    jobs=jobs,
                    on_progress=progress,
                )
            )
        ]
        failures = sum(1 for record in records if record["e"])
        kept = select(records, flags={f.lower() for f in flags}, kinds={k.lower() for k in kinds})
        status.update("writing…")
        page = build_page(kept, title=title)
    _write(output, page)
    if export is not None:
        _write(export, "".join(dumps(export_record(record)) + "\n" for record in kept))
    where = "standard output" if output == "-" else output
    chosen = f", {len(kept)} kept" if flags or kinds else ""
    click.echo(f"wirecut: wrote {where}: {len(records)} documents, {failures} failed{chosen}", err=True)
    if failures:
        sys.exit(ExitCode.SOME_FAILED)


def _write(target: str, data: str) -> None:
    try:
        if target == "-":
            sys.stdout.write(data)
            sys.stdout.flush()
        else:
            Path(target).write_text(data, encoding="utf-8")
    except BrokenPipeError:
        raise  # -o - | head: the command group ends quietly, as every command does
    except OSError as exc:
        click.echo(f"wirecut: error: cannot write {target}: {exc.strerror or exc}", err=True)
        sys.exit(ExitCode.USAGE)
