"""``wirecut report``: parse a batch of texts and write one self-contained HTML page to review it.

Contract:
    Reads INPUT... (text files, directories of ``*.txt``/``*.jsonl``, JSON Lines of ``{"id", "text"}``
    objects as the corpus and ``batch`` use), parses each with the library, and writes the page of
    ``wirecut.report`` to ``-o FILE`` (``-`` for stdout). Progress and the closing line go to stderr.
    Exit statuses: 0 written; 1 written, but some inputs failed (they are in the page, under
    "failures"); 2 usage error (no input, an output that cannot be written).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wirecut.cli import ExitCode
from wirecut.cli.options import reference_date_option

if TYPE_CHECKING:
    from rich.status import Status

    from wirecut.report import ReportInput

_EPILOG = """\b
Examples:
  wirecut report seeds/ -o report.html
  wirecut report ../shared/corpus/dev/*.jsonl -o corpus.html --title "dev corpus"
  wirecut report a.txt b.txt -o - > review.html

\b
Exit codes: 0 written, 1 written but some inputs failed (listed in the page),
2 usage error (no input, a missing path, an output that cannot be written).
"""


@click.command("report", epilog=_EPILOG)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write the HTML page ('-': stdout).")
@click.option("--title", default="wirecut report", show_default=True, help="The page's title.")
@reference_date_option
def report_command(inputs: tuple[str, ...], output: str, title: str, reference_date: dt.date | None) -> None:
    """Write one HTML page to review the parts wirecut finds in INPUT... (files or directories)."""
    from rich.console import Console

    from wirecut.report import build_report, collect

    err = Console(stderr=True, highlight=False, markup=False)
    counts = {"documents": 0, "failures": 0}

    def counted(items: Iterator[ReportInput], status: Status) -> Iterator[ReportInput]:
        # A generator, so each Story is dropped once the page has its record: 5,000 parsed stories
        # need not sit in memory together.
        for item in items:
            counts["documents"] += 1
            counts["failures"] += item.error is not None
            if counts["documents"] % 100 == 0:
                status.update(f"parsing… {counts['documents']} documents")
            yield item

    with err.status("parsing…") as status:
        page = build_report(counted(collect(inputs, reference_date=reference_date), status), title=title)
    documents, failures = counts["documents"], counts["failures"]
    try:
        if output == "-":
            sys.stdout.write(page)
            sys.stdout.flush()
        else:
            Path(output).write_text(page, encoding="utf-8")
    except OSError as exc:
        click.echo(f"wirecut: error: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(ExitCode.USAGE)
    where = "standard output" if output == "-" else output
    click.echo(f"wirecut: wrote {where}: {documents} documents, {failures} failed", err=True)
    if failures:
        sys.exit(ExitCode.SOME_FAILED)
