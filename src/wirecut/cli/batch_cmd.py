"""``wirecut batch``: whole directories and JSON Lines dumps, in parallel, resumable (``docs/batch.md``).

Contract:
    A thin layer over ``wirecut.batch.run_batch``: turns options into a ``BatchJob``, draws a rich
    progress bar on standard error only when it is a terminal, prints a summary table at the end, and
    maps the outcome to an ``ExitCode``. Data goes to the output (or standard output), everything else
    to standard error. Never shows a traceback (``WIRECUT_DEBUG=1`` does, for a bug report).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
import threading
import time
from typing import Any

import click

from wirecut.cli import ExitCode
from wirecut.cli.options import reference_date_option

#: Exit status of a batch stopped by Ctrl-C or SIGTERM (the shell's 128 + SIGINT).
INTERRUPTED = 130
#: Failures printed on standard error when there is no --errors file; the rest are counted.
MAX_PRINTED_FAILURES = 20

_EPILOG = """\b
Examples:
  wirecut batch crawl/ -o clean/                    one .json per input, mirroring crawl/
  wirecut batch crawl/ --glob '*.txt' -o all.jsonl  one JSON Lines file, in input order
  wirecut batch dump.jsonl.gz --text-field body --id-field url -o out.jsonl
  wirecut batch dump.parquet --text-field body --date-field published -o out.jsonl
  zstd -dc dump.jsonl.zst | wirecut batch - -o out.jsonl   JSON Lines on stdin
  wirecut batch s3://bucket/crawl/ -o clean/        needs wirecut[remote] and s3fs
  find crawl -name '*.html.txt' | wirecut batch - -o clean/
  wirecut batch crawl/ -o - | gzip > all.jsonl.gz
  wirecut batch dump.jsonl -o stories.parquet       flat columns; also .csv, .tsv
  wirecut batch crawl/ -o clean/ --engine dask --scheduler tcp://10.0.0.5:8786

\b
Running the same command again skips what is done (--force redoes it).
Exit codes: 0 all inputs parsed (or the reader of -o - closed the pipe),
1 some inputs failed (see --errors), 2 usage error or an output that
cannot be written (a full disk), 3 an input named is missing,
130 interrupted (run again to resume).
"""


def _format(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from wirecut.formats import FORMATS  # read at run time: other modules may add formats
    from wirecut.tabular import TABLE_FORMATS

    known = (*FORMATS, *TABLE_FORMATS)
    value = value.lower() if value is not None else None  # --format JSON is json, as in every command
    if value is not None and value not in known:
        raise click.BadParameter(f"{value!r} is not one of {', '.join(known)}")
    return value


@click.command("batch", epilog=_EPILOG)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT",
    help="DIR/ (one file per input, mirroring the inputs), FILE.jsonl (one line per input, in order), "
    "FILE.csv, FILE.tsv or FILE.parquet (one row per input, flat columns) or - (stdout).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes [default: every core].",
)
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help="Only files whose name matches, in directories (repeatable; with a / it matches the path) [default: *].",
)
@click.option(
    "--text-field",
    default="text",
    show_default=True,
    help="Dumps (JSON Lines, CSV, TSV, Parquet): the field with the text.",
)
@click.option("--id-field", default="id", show_default=True, help="Dumps: the field that names a record.")
@click.option(
    "--date-field",
    metavar="FIELD",
    help="Dumps: the field with each record's publication date (ISO 8601, RFC 2822, YYYYMMDD or epoch "
    "seconds); it gives a year to datelines that have none, as --reference-date does for all.",
)
@click.option(
    "--stdin",
    "stdin_format",
    type=click.Choice(["auto", "paths", "jsonl"], case_sensitive=False),
    default="auto",
    show_default=True,
    help="What - reads: paths (one a line), jsonl (records), or auto (jsonl when it starts with '{').",
)
@click.option(
    "--format",
    "fmt",
    callback=_format,
    default=None,
    metavar="FORMAT",
    help="json (default for DIR/), jsonl (default), text, ninjs; csv, tsv, parquet (flat columns, one table).",
)
@click.option(
    "--with-text",
    is_flag=True,
    help="Keep each input's text in its record (input_text), for wirecut report and review.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["story", "digest", "listing", "gallery", "none"], case_sensitive=False),
    help="Write only the documents of this kind (repeatable); the others are counted as left out.",
)
@click.option("--errors", type=click.Path(dir_okay=False), help="Write each failed input and its reason here (JSONL).")
@click.option("--force", is_flag=True, help="Redo everything, even outputs that are done.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@reference_date_option
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default=None,
    help="local (a process pool) or dask (a Dask cluster; needs wirecut[dask]) [default: local].",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786 (implies --engine dask).")
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="CPU seconds a document may take per MB of text (at least this many); past it the parts found "
    "so far are kept, with a warning. 0: no budget [default: 30].",
)
def batch_command(
    inputs: tuple[str, ...],
    output: str,
    jobs: int | None,
    globs: tuple[str, ...],
    text_field: str,
    id_field: str,
    date_field: str | None,
    stdin_format: str,
    fmt: str | None,
    with_text: bool,
    kinds: tuple[str, ...],
    errors: str | None,
    force: bool,
    quiet: bool,
    reference_date: dt.date | None,
    engine: str | None,
    scheduler: str | None,
    time_budget: float | None,
) -> None:
    """Parse every INPUT into OUT: files, directories, dumps (JSON Lines, CSV, TSV, Parquet), gzip, bz2,
    xz or zstd of them, remote URLs (s3://, hf://, ...); - reads paths or JSON Lines from stdin."""
    from wirecut.batch import BatchJob, printable
    from wirecut.batch.streams import is_remote

    if inputs.count("-") > 1:
        raise click.UsageError("'-' (standard input) can be given once")
    missing = [name for name in inputs if name != "-" and not is_remote(name) and not os.path.lexists(name)]
    if missing:
        from wirecut.cli.options import UnreadableInput

        raise UnreadableInput(missing[0], "no such file" + (f" (and {len(missing) - 1} more)" * (len(missing) > 1)))
    remote = [name for name in inputs if is_remote(name)]
    if remote:
        try:
            import fsspec  # noqa: F401
        except ImportError:
            raise click.UsageError(
                f"{printable(remote[0])}: remote paths need fsspec: pip install 'wirecut[remote]'"
            ) from None
    if "-" in inputs and sys.stdin.isatty():
        raise click.UsageError(
            "'-' reads standard input: pipe paths or JSON Lines into it, e.g. find crawl -name '*.txt' |"
        )
    if engine == "local" and scheduler:
        raise click.UsageError("--scheduler is for --engine dask")
    job = BatchJob(
        inputs=inputs,
        output=output,
        globs=globs or ("*",),
        text_field=text_field,
        id_field=id_field or None,
        date_field=date_field or None,
        stdin_format=stdin_format.lower(),
        fmt=fmt,
        with_text=with_text,
        kinds=tuple(sorted({kind.lower() for kind in kinds})),
        reference_date=reference_date,
        errors=errors,
        force=force,
    )
    if time_budget is not None:
        job.time_budget = time_budget or None
    try:
        status = _run(job, jobs, quiet, "dask" if scheduler else (engine or "local"), scheduler)
    except KeyboardInterrupt:
        click.echo("wirecut: interrupted; run the same command again to resume", err=True)
        status = INTERRUPTED
    except click.ClickException:
        raise
    except BrokenPipeError:  # -o - | head: the reader has all it wants
        _quiet_stdout()
        status = ExitCode.OK
    except Exception as exc:
        if os.environ.get("WIRECUT_DEBUG"):
            raise
        from wirecut.batch.outputs import OutputError
        from wirecut.errors import WirecutError

        if isinstance(exc, OutputError):
            if job.output == "-":
                _quiet_stdout()
            if exc.closed_pipe:  # -o - | head -1: the reader has all it wants, and says so by closing
                sys.exit(ExitCode.OK)
            click.echo(f"wirecut: error: {printable(str(exc))}", err=True)
            sys.exit(ExitCode.USAGE)

        if isinstance(exc, WirecutError):
            raise click.UsageError(printable(str(exc))) from None
        what = printable(f"{type(exc).__name__}: {exc}")
        click.echo(f"wirecut: internal error: {what} (WIRECUT_DEBUG=1 shows where)", err=True)
        status = ExitCode.SOME_FAILED
    sys.exit(status)


def _quiet_stdout() -> None:
    """Standard output cannot be written: point it at /dev/null, so that the exit flushes nothing into it."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


#: Said on the first Ctrl-C (or SIGTERM), before the workers finish the documents they are on.
STOPPING = (
    "wirecut: stopping: the documents in progress are finished first (Ctrl-C again stops at once);"
    " run the same command again to resume"
)


def _interrupts() -> None:
    """Ctrl-C and SIGTERM: say so at once, then stop cleanly; a second one stops at once.

    Stopping at once is what a SIGKILL does, which every output survives: a directory's files are
    renamed into place whole, and a JSON Lines output is cut back to its checkpoint by the next run.
    """
    stopping = False

    def interrupt(signum: int, frame: Any) -> None:
        nonlocal stopping
        if stopping:
            with contextlib.suppress(OSError):
                os.write(2, b"wirecut: stopped at once; run the same command again to resume\n")
            os._exit(INTERRUPTED)
        stopping = True
        with contextlib.suppress(OSError):
            os.write(2, (STOPPING + "\n").encode())
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, interrupt)
        signal.signal(signal.SIGTERM, interrupt)


def _run(job: Any, jobs: int | None, quiet: bool, engine_name: str, scheduler: str | None) -> int:
    from wirecut.batch import BatchSummary, LocalEngine, printable, run_batch

    _interrupts()
    engine: Any
    if engine_name == "dask":
        try:
            from wirecut.dask import DaskEngine
        except ImportError as exc:
            raise click.UsageError(f"--engine dask needs the dask extra: pip install 'wirecut[dask]' ({exc})") from None
        engine = DaskEngine(scheduler, workers=jobs)
    else:
        engine = LocalEngine(jobs)

    summary = BatchSummary()
    printed = 0
    show_bar = not quiet and sys.stderr.isatty()
    stdin = sys.stdin.buffer if "-" in job.inputs else None
    failure_lines: list[str] = []

    def on_failure(record: dict[str, Any]) -> None:
        nonlocal printed
        if job.errors:
            return
        printed += 1
        if printed <= MAX_PRINTED_FAILURES:
            failure_lines.append(f"wirecut: failed: {printable(record['source'])}: {printable(record['reason'])}")

    try:
        if show_bar:
            _run_with_bar(job, engine, summary, stdin, on_failure, failure_lines)
        else:
            run_batch(job, engine=engine, stdin=stdin, on_failure=on_failure, summary=summary)
            for line in failure_lines:
                click.echo(line, err=True)
    finally:
        close = getattr(engine, "close", None)
        if close:
            close()
    if printed > MAX_PRINTED_FAILURES:
        click.echo(
            f"wirecut: ... and {printed - MAX_PRINTED_FAILURES} more failures (--errors FILE lists them all)", err=True
        )
    if summary.already_complete:
        if not quiet:
            click.echo(f"wirecut: {printable(job.output)} is complete; nothing to do (--force redoes it)", err=True)
        return ExitCode.OK
    if not quiet:
        _print_summary(summary, job)
    if summary.interrupted:
        click.echo("wirecut: interrupted; run the same command again to resume", err=True)
        return INTERRUPTED
    return ExitCode.SOME_FAILED if summary.failures else ExitCode.OK


def eta(done: int, total: int | None, rate: float) -> str:
    """The time left at ``rate`` inputs a second, as ``H:MM:SS``; ``-:--:--`` while it cannot be known.

    >>> eta(100, 400, 50.0), eta(100, None, 50.0), eta(0, 400, 0.0), eta(400, 400, 50.0)
    ('0:00:06', '-:--:--', '-:--:--', '0:00:00')
    """
    if total is None or rate <= 0:
        return "-:--:--"
    seconds = round(max(0, total - done) / rate)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _run_with_bar(job: Any, engine: Any, summary: Any, stdin: Any, on_failure: Any, failure_lines: list[str]) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from wirecut.batch import InputSpec, count_items, run_batch

    console = Console(stderr=True)
    columns = (
        TextColumn("[bold]batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}", style="progress.data.speed"),
        TextColumn("{task.fields[eta]}", style="progress.remaining"),
        TextColumn("{task.fields[failed]}"),
    )
    task: Any = None
    progress = Progress(*columns, console=console, transient=False)
    counted = threading.Event()

    def count() -> None:  # the total, counted while the pool starts: the bar has it from the start
        try:
            summary.total = count_items(InputSpec(job.inputs, job.globs, job.text_field, job.id_field))
        except Exception:  # a progress bar without a total is fine
            return
        finally:
            counted.set()
        if task is not None:
            progress.update(task, total=summary.total)

    counter = threading.Thread(target=count, daemon=True)
    if "-" not in job.inputs:
        counter.start()
        start = getattr(engine, "start", None)
        if start is not None:
            start()  # the workers start (about a quarter of a second) while the inputs are counted
        counted.wait(timeout=0.25)  # a large tree's total comes later, while the batch runs
    with progress:
        total = summary.total
        task = progress.add_task("batch", total=total, rate="- docs/s", eta=eta(0, total, 0), failed="0 failed")
        if counted.is_set() and summary.total != total:  # counted while the task was being made
            progress.update(task, total=summary.total)
        started = time.perf_counter()

        def on_progress(current: Any) -> None:
            # The rate of this run over its whole time (steadier than one from the last chunks), and the
            # time left from it: inputs an earlier run did are counted as done, not as speed.
            elapsed = time.perf_counter() - started
            rate = current.inputs / elapsed if elapsed > 0 else 0.0
            done = current.resumed_from + current.inputs
            progress.update(
                task,
                completed=done,
                total=current.total,
                rate=f"{rate:,.0f} docs/s" if elapsed > 0 else "- docs/s",
                eta=eta(done, current.total, rate),
                failed=f"[red]{current.failures:,} failed[/]" if current.failures else "0 failed",
            )
            while failure_lines:
                progress.console.print(failure_lines.pop(0), markup=False, highlight=False)

        run_batch(job, engine=engine, stdin=stdin, on_progress=on_progress, on_failure=on_failure, summary=summary)
        on_progress(summary)


def _print_summary(summary: Any, job: Any) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from wirecut.batch import printable

    table = Table(
        title=f"wirecut batch -> {escape(printable(job.output))}", show_header=False, title_justify="left", box=None
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents parsed", f"{summary.documents:,}")
    if summary.skipped or summary.resumed_from:
        table.add_row("already done (skipped)", f"{summary.skipped + summary.resumed_from:,}")
    if job.kinds:
        table.add_row(f"left out (not {' or '.join(job.kinds)})", f"{summary.left_out:,}")
    table.add_row("failures", f"[red]{summary.failures:,}[/]" if summary.failures else "0")
    table.add_row("parts found", f"{sum(summary.parts.values()):,}")
    for kind in sorted(summary.parts):
        if summary.parts[kind]:
            table.add_row(f"  {kind}", f"{summary.parts[kind]:,}")
    seconds = summary.seconds
    table.add_row("time", f"{seconds:,.1f} s")
    if seconds > 0 and summary.documents:
        speed = f"{summary.documents / seconds:,.0f} docs/s, {summary.input_bytes / 1e6 / seconds:,.2f} MB/s"
        table.add_row("speed", speed)
    if job.errors and summary.failures:
        table.add_row("errors file", escape(printable(job.errors)))
    Console(stderr=True).print(table)
