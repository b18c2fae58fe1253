"""The worker: read, parse and deliver one chunk of items (the unit of work of every engine).

Contract:
    Consumes: a chunk of items and the ``WorkerSettings`` of the job (both pickled to the worker),
    the job's ``wirecut.Config`` among them (``Config.pickled()``, rebuilt once per worker process).
    Produces: a ``ChunkResult``: counts, failure records, and the documents, delivered as the
    settings say (written as files, rendered lines sent back, a shard file, or Stories).
    Never: raises for one item (a bad input or a parser's bug becomes that item's failure record),
    writes a file other than through a temporary name and a rename, or goes on writing once the
    driver that sent the chunk is gone.

Risk carried here: this code runs in other processes (a pool, a Dask worker), so whatever it needs
must come in the chunk or the settings (a spawned worker imports a fresh default lexicon, so the
config travels in the settings, never through a module's state); a document that holds the worker
(a parse that does not end) holds the whole batch. ``wirecut.parse`` is called in one place, ``_parse``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import itertools
import os
import signal
import stat
import threading
import time
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from wirecut.batch.names import Failure, FileItem, Item, TextItem, short, why
from wirecut.errors import ConfigError, InputError

if TYPE_CHECKING:
    from wirecut.config import Config
    from wirecut.story import Story

#: The key under which a JSON Lines record's fields (all but the text) are kept in its document.
META_KEY = "meta"


class WorkerSettings(NamedTuple):
    """What every worker needs to know about the job (sent with each chunk: a few hundred bytes)."""

    deliver: Literal["dir", "lines", "stories", "shard"]
    fmt: str
    reference_date: str | None = None
    out_dir: str | None = None  # deliver == "dir"
    tmp_dir: str | None = None  # deliver == "dir" or "shard": same filesystem as the outputs
    suffix: str = ".json"
    force: bool = False
    #: benchmarks only: write ``{"text": text}`` instead of parsing (the floor of a Python pipeline)
    baseline: bool = False
    parent_pid: int | None = None  # a worker stops when its parent is gone (SIGKILL of the driver)
    #: CPU seconds a document may take per megabyte (and at least this many); None: no budget
    time_budget: float | None = None
    #: the job's config: None for ``DEFAULT_CONFIG``; a ``Config`` in this process; for other processes
    #: the bytes of ``Config.pickled()`` (``for_processes``), so that a worker rebuilds it once
    config: Config | bytes | None = None
    #: keep the input text in each record (``--with-text``)
    with_text: bool = False
    #: write only the documents of these kinds (``--kind``); empty: every document
    kinds: tuple[str, ...] = ()


class ChunkResult(NamedTuple):
    """What a worker sends back for one chunk: counts, failures, and the output when the driver writes it."""

    inputs: int
    documents: int
    skipped: int
    input_bytes: int
    parts: dict[str, int]
    failures: list[dict[str, Any]]
    lines: list[bytes] | None = None  # deliver == "lines": one rendered document each, in order
    stories: list[Any] | None = None  # deliver == "stories": Story or Failure, in order
    shard: str | None = None  # deliver == "shard": a file of lines the driver appends, then removes
    left_out: int = 0  # documents parsed but not written: not of a kind the job keeps (``--kind``)


_made_dirs: set[str] = set()  # per worker process: parents of outputs already created
_temp_names = itertools.count()  # next() on a count is atomic: safe for a Dask worker's threads


def _read_item(item: FileItem | TextItem) -> tuple[str, list[str], int]:
    """The text of an item, the decoding warnings, and its size in bytes."""
    from wirecut import MAX_INPUT_BYTES, read_text
    from wirecut.decode import decode

    if isinstance(item, TextItem):
        if isinstance(item.text, bytes):
            text, warnings = decode(item.text)
            return text, warnings, len(item.text)
        return item.text, [], len(item.text)
    path = item.path
    from wirecut.batch.streams import compression, is_remote, read_input

    if is_remote(path):  # s3://, hf://, ...: read through fsspec, here in the worker
        data = read_input(path, MAX_INPUT_BYTES)
        text, warnings = decode(data)
        return text, warnings, len(data)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(why(exc) if not isinstance(exc, FileNotFoundError) else "no such file") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):  # reading a FIFO would wait for a writer forever
        raise InputError("not a regular file (a pipe, socket or device)")
    if not compression(path):
        try:
            text, warnings = read_text(path)
        except InputError as exc:
            raise InputError(_without_path(str(exc), path)) from None
        return text, warnings, st.st_size
    data = read_input(path, MAX_INPUT_BYTES)  # gzip, bz2, xz or zstd; a bomb stops at the limit
    text, warnings = decode(data)
    return text, warnings, len(data)


def _without_path(message: str, path: str) -> str:
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def render_document(story: Story, fmt: str, meta: dict[str, Any] | None, *, with_text: bool = False) -> str:
    """One document in ``fmt``, as ``wirecut batch`` writes it.

    The JSON formats write ``tabular.batch_record``: every key present with one type, a dump record's
    other fields under ``META_KEY`` (null for a file), the input under ``input_text`` with
    ``with_text``. The table formats write one row of ``tabular.FLAT_COLUMNS``: a CSV or TSV line, or
    (parquet) a JSON line of the row, which the output turns into Parquet when the job is complete.
    """
    from wirecut.formats import dumps, render

    if fmt in ("json", "jsonl"):
        from wirecut.tabular import batch_record

        return dumps(batch_record(story, meta, with_text=with_text))
    if fmt in ("csv", "tsv", "parquet"):
        from wirecut.tabular import csv_line, flat_columns, flat_row

        row = flat_row(story, meta, with_text=with_text)
        if fmt == "parquet":
            return dumps(row)
        return csv_line(row, flat_columns(with_text=with_text), "\t" if fmt == "tsv" else ",")
    return render(story, fmt)


def _count_parts(story: Story) -> dict[str, int]:
    return {
        "headline": int(story.headline is not None),
        "dateline": int(story.dateline is not None),
        "bylines": len(story.bylines),
        "captions": len(story.captions),
        "paragraphs": len(story.paragraphs),
        "related": len(story.related),
        "notes": len(story.notes),
        "residue": len(story.residue),
    }


def write_atomically(target: str, data: bytes, tmp_dir: str) -> None:
    """Write ``data`` to ``target`` through a temporary file: a reader sees all of it or nothing."""
    parent = os.path.dirname(target)
    if parent not in _made_dirs:
        os.makedirs(parent, exist_ok=True)
        _made_dirs.add(parent)
    temp = os.path.join(tmp_dir, f"{os.getpid()}-{threading.get_ident()}-{next(_temp_names)}.tmp")
    with open(temp, "wb") as out:
        out.write(data)
    # No fsync: it costs milliseconds per file; the rename alone guarantees that a killed process
    # leaves no half-written output (a power cut is the filesystem's business).
    try:
        os.replace(temp, target)
    except FileNotFoundError:  # the directory went away since it was made (a user's rm -r): make it again
        os.makedirs(parent, exist_ok=True)
        os.replace(temp, target)


def failure_record(item: FileItem | TextItem, error: str, reason: str) -> dict[str, Any]:
    if isinstance(item, FileItem):
        return Failure(item.source, item.source, None, error, reason).record()
    return Failure(item.source or "<text>", item.path, item.line, error, reason).record()


class TimeBudgetSpent(Exception):
    """Raised inside a parse when the document's time budget has run out: the parser at work stops there.

    An ``Exception``, so the pipeline's guard around each parser catches it, records which parser it
    stopped, and goes on to the leftovers and the assembly with the parts found so far.
    """


class _FarOverBudget(BaseException):
    """Raised when a parse goes on for a second budget after the first ran out: it is given up.

    A ``BaseException``, so that no guard meant for a parser's bugs catches it on the way out.
    """


class OverTimeBudget(Exception):
    """The document could not be parsed within twice its time budget: it gets a ``time`` failure record."""


class _TimeBudget:
    """CPU time for one parse, measured by the kernel (``ITIMER_PROF``), so a loaded machine is no excuse.

    When it runs out, ``TimeBudgetSpent`` is raised wherever the parse is (the ``regex`` module checks
    for signals inside a long match too); the same time again later, ``_FarOverBudget``. Signals reach
    only the main thread of a process: in another thread (a Dask worker's) there is no budget.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.fired = 0
        self.active = False
        self._previous: Any = None

    def __enter__(self) -> _TimeBudget:
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        if self.seconds and usable:
            self._previous = signal.signal(signal.SIGPROF, self._fire)
            self.active = True
            signal.setitimer(signal.ITIMER_PROF, self.seconds)
        return self

    def _fire(self, signum: int, frame: Any) -> None:
        if not self.active:  # the parse ended as the timer fired
            return
        self.fired += 1
        if self.fired == 1:
            signal.setitimer(signal.ITIMER_PROF, self.seconds or 0.0)
            raise TimeBudgetSpent(f"the document's time budget ({self.seconds:g} CPU seconds) ran out")
        self.active = False
        raise _FarOverBudget

    def __exit__(self, *exc_info: object) -> None:
        if self._previous is not None or self.active:
            self.active = False
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, self._previous if self._previous is not None else signal.SIG_DFL)


def job_config(value: Config | bytes | None) -> Config:
    """The config a worker parses with: the job's, unpickled once per process and kept (``config.loaded``).

    A config that cannot be rebuilt here (a custom rule's module that this worker cannot import) is a
    ``ConfigError`` for the whole chunk: no document of the job could be parsed as the caller asked.
    """
    from wirecut.config import DEFAULT_CONFIG, loaded

    if value is None:
        return DEFAULT_CONFIG
    if not isinstance(value, bytes):
        return value
    try:
        return loaded(value)
    except ConfigError:
        raise
    except Exception as exc:
        raise ConfigError(
            f"the job's config cannot be rebuilt in a worker process ({type(exc).__name__}: {short(exc)}):"
            " its custom rules must be module-level functions of a module the workers can import"
        ) from None


def for_processes(settings: WorkerSettings) -> WorkerSettings:
    """``settings`` for workers in other processes: the config as the bytes of ``Config.pickled()``.

    The default config is sent too, as the shims left it: a spawned worker imports a fresh default
    lexicon, which has not seen what ``lexicon.register_*`` added in this process. The same bytes go
    with every chunk and are unpickled once per worker. Raises ``ConfigError`` for a rule that cannot
    travel (a lambda, a nested function), before any chunk is sent.
    """
    from wirecut.config import DEFAULT_CONFIG

    if isinstance(settings.config, bytes):
        return settings
    config = DEFAULT_CONFIG if settings.config is None else settings.config
    return settings._replace(config=config.pickled())


def _parse(
    text: str,
    source: str | None,
    reference_date: dt.date | None,
    warnings: list[str],
    budget: float | None,
    config: Config,
) -> Story:
    """The one place a worker calls the parser: what a job passes to every parse goes through here.

    The worker owns its process, so it pauses the cyclic garbage collector for the parse (a parse makes
    many small objects and no cycles among them; the collector's passes over them made a huge text cost
    more than linear time) and restores it after. ``budget`` is CPU seconds per million characters (at
    least that many in all): past it the document keeps the parts found so far, with a warning; past
    twice that it is an ``OverTimeBudget`` failure.
    """
    seconds = budget * max(1.0, len(text) / 1e6) if budget else None
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _TimeBudget(seconds) as timer:
            story = config.run(text, source=source, reference_date=reference_date, warnings=warnings)
    except (TimeBudgetSpent, _FarOverBudget):
        raise OverTimeBudget(
            f"parsing took more than twice its time budget of {seconds:g} CPU seconds (--time-budget)"
        ) from None
    finally:
        if collecting:
            gc.enable()
    if timer.fired:
        note = (
            f"time budget of {seconds:g} CPU seconds ran out: the parts found until then are kept,"
            " the rest is body or residue"
        )
        story = dataclasses.replace(story, warnings=(*story.warnings, note))
    return story


def process_chunk(items: Sequence[Item], settings: WorkerSettings) -> ChunkResult:
    """Read, parse and deliver a chunk of items; the unit of work of every engine. Never raises for an item."""
    reference_date = dt.date.fromisoformat(settings.reference_date) if settings.reference_date else None
    config = job_config(settings.config)
    documents = skipped = input_bytes = left_out = 0
    parts: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    lines: list[bytes] | None = [] if settings.deliver in ("lines", "shard") else None
    stories: list[Any] | None = [] if settings.deliver == "stories" else None
    for item in items:
        if settings.parent_pid is not None and os.getppid() != settings.parent_pid:
            os._exit(1)  # the driver was killed: stop writing within one document
        if isinstance(item, Failure):
            failures.append(item.record())
            if stories is not None:
                stories.append(item)
            continue
        stage = "read"
        try:
            target = None
            if settings.deliver == "dir":
                assert settings.out_dir is not None and item.rel is not None
                target = os.path.join(settings.out_dir, item.rel + settings.suffix)
                if not settings.force and os.path.exists(target):
                    skipped += 1
                    continue
            text, warnings, size = _read_item(item)
            input_bytes += size
            stage = "internal"
            item_date = reference_date
            if isinstance(item, TextItem):
                warnings.extend(item.warnings)  # what reading the record doubted (a date field that is no date)
                if item.reference_date:
                    item_date = dt.date.fromisoformat(item.reference_date)
            if settings.baseline:
                from wirecut.formats import dumps

                rendered = dumps({"text": text})
            else:
                story = _parse(text, item.source, item_date, warnings, settings.time_budget, config)
                if settings.kinds and story.kind not in settings.kinds:
                    left_out += 1  # --kind story: a listing page or a gallery is no document of this job
                    continue
                parts.update(_count_parts(story))
                if stories is not None:
                    stories.append(story)
                    documents += 1
                    continue
                meta = item.meta if isinstance(item, TextItem) else None
                rendered = render_document(story, settings.fmt, meta, with_text=settings.with_text)
            data = rendered.encode("utf-8")
            if target is not None:
                stage = "write"
                assert settings.tmp_dir is not None
                write_atomically(target, data, settings.tmp_dir)
            elif lines is not None:
                lines.append(data)
            documents += 1
            continue
        except InputError as exc:
            failed = failure_record(item, "read", str(exc))
        except OverTimeBudget as exc:
            failed = failure_record(item, "time", str(exc))
        except OSError as exc:
            failed = failure_record(item, stage, why(exc))
        except Exception as exc:  # a bug must cost one document, not the batch
            failed = failure_record(item, "internal", f"{type(exc).__name__}: {short(exc)}")
        failures.append(failed)
        if stories is not None:  # parse_many keeps each failure at its place in the order
            stories.append(Failure(**failed))
    shard = None
    if settings.deliver == "shard" and lines:
        assert settings.tmp_dir is not None
        shard = _write_shard(lines, settings.tmp_dir)
        lines = None
    return ChunkResult(
        len(items), documents, skipped, input_bytes, dict(parts), failures, lines, stories, shard, left_out
    )


def _write_shard(lines: list[bytes], shard_dir: str) -> str:
    os.makedirs(shard_dir, exist_ok=True)
    digest = hashlib.sha1(lines[0][:4096] + str(len(lines)).encode()).hexdigest()[:10]
    target = os.path.join(shard_dir, f"{os.getpid()}-{time.monotonic_ns()}-{digest}.jsonl")
    write_atomically(target, b"\n".join(lines) + b"\n", shard_dir)
    return target
