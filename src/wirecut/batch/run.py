"""The driver: ``run_batch`` ties the inputs, an engine, an output and its checkpoint together.

Contract:
    Consumes: a ``BatchJob``, an engine (default: ``LocalEngine``), callbacks for progress and failures.
    Produces: the job's outputs and errors file, and its ``BatchSummary``.
    Never: prints (callbacks do), stops for one bad input, or commits a chunk before its lines, its
    errors and its counts are all taken (a kill or Ctrl-C before that makes the next run redo it).

Risk carried here: the order of events around a commit, which every resume relies on.
"""

from __future__ import annotations

import contextlib
import errno
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from wirecut.batch.engine import Engine, LocalEngine, checked_config, chunked
from wirecut.batch.inputs import InputSpec, iter_items, real_location
from wirecut.batch.job import BatchJob, BatchSummary, FailureCallback, ProgressCallback, output_kind, resolve_format
from wirecut.batch.names import why
from wirecut.batch.outputs import ErrorsSink, Output, OutputError, open_output
from wirecut.batch.worker import WorkerSettings, for_processes

if TYPE_CHECKING:
    from wirecut.config import Config


def run_batch(
    job: BatchJob,
    *,
    engine: Engine | None = None,
    stdin: Iterable[bytes] | None = None,
    stdout: BinaryIO | None = None,
    on_progress: ProgressCallback | None = None,
    on_failure: FailureCallback | None = None,
    summary: BatchSummary | None = None,
    config: Config | None = None,
) -> BatchSummary:
    """Run a job to the end (or to Ctrl-C, which returns with ``interrupted`` set); returns its summary.

    Raises ``BatchError`` for a job that cannot start (a resume whose inputs changed included), and
    ``OutputError`` (a ``BatchError``) when the output or the errors file cannot be written while it
    runs; what was committed before stays, so the same job run again resumes. Every bad input goes to
    the errors sink and ``on_failure`` and the job goes on. Every worker parses with ``config``
    (default ``DEFAULT_CONFIG``), so a document is what ``wirecut.parse(text, config=config)`` gives.
    """
    engine = engine or LocalEngine()
    config = checked_config(config)
    in_process = getattr(engine, "in_process", False)
    # Before any output is opened: a config whose rule cannot reach the workers starts nothing.
    config_sent = config if in_process else for_processes(WorkerSettings("lines", "json", config=config)).config
    summary = summary or BatchSummary()
    fmt = resolve_format(job)
    kind = output_kind(job.output)
    started = time.perf_counter()
    writer = open_output(job, fmt, stdout)
    try:
        if writer.already_complete:
            summary.already_complete = True
            return summary
        summary.resumed_from = writer.resume_after
        spec = InputSpec(
            job.inputs,
            job.globs,
            job.text_field,
            job.id_field,
            stdin,
            writer.exclude(),
            name_outputs=kind == "dir",
            exclude_paths=writer.exclude_paths(),
            max_line_bytes=job.max_line_bytes,
            stdin_format=job.stdin_format,
            date_field=job.date_field,
        )
        errors = ErrorsSink(job.errors, keep_bytes=writer.errors_bytes)
        if job.errors:
            spec.exclude_paths.add(real_location(job.errors))
        try:
            items = iter_items(spec)
            ledger = writer.ledger
            for _ in range(writer.resume_after):  # the inputs a JSON Lines checkpoint says are done
                item = next(items, None)
                if item is None:
                    break
                ledger.skip(item)
            ledger.check(writer.resumed, job.output)
            settings = writer.settings(job, fmt)._replace(config=config_sent)
            results = engine.run(chunked(ledger.noted(items), job.chunk_size), settings)
            try:
                for result in results:
                    with _writing(job):
                        writer.take(result)
                    for record in result.failures:
                        errors.write(record)
                        if on_failure:
                            on_failure(record)
                    summary.inputs += result.inputs
                    summary.documents += result.documents
                    summary.skipped += result.skipped
                    summary.left_out += result.left_out
                    summary.failures += len(result.failures)
                    summary.input_bytes += result.input_bytes
                    summary.parts.update(result.parts)
                    # Only now is the chunk whole (its lines, its errors, its counts): a Ctrl-C or a kill
                    # before this line makes a resumed run do the chunk again, from a clean cut.
                    with _writing(job):
                        writer.commit(result.inputs, errors.tell())
                    if on_progress:
                        on_progress(summary)
            except KeyboardInterrupt:
                summary.interrupted = True
                writer.interrupted()
            except OutputError:
                _keep_what_is_committed(writer)
                raise
            else:
                try:
                    with _writing(job):
                        writer.finish(summary)
                except OutputError:
                    _keep_what_is_committed(writer)
                    raise
            finally:
                close = getattr(results, "close", None)
                if close is not None:
                    close()  # stops the workers: waits for the chunks they are on, cancels the rest
        finally:
            errors.close()
    finally:
        writer.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _keep_what_is_committed(writer: Output) -> None:
    with contextlib.suppress(OSError):  # the disk may still be full: keep what can be kept
        writer.write_failed()


@contextlib.contextmanager
def _writing(job: BatchJob) -> Iterator[None]:
    """An ``OSError`` of the output as one ``OutputError`` that says what to do."""
    try:
        yield
    except OSError as exc:
        closed = exc.errno == errno.EPIPE
        where = "standard output" if job.output == "-" else job.output
        raise OutputError(
            f"{where}: cannot write: {why(exc)}; what was written is kept (run the same command again to resume)",
            closed_pipe=closed,
        ) from None
