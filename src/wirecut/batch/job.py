"""The job: what one run is asked to do, what it did, and the checkpoint that lets another run resume it.

Contract:
    Consumes: a ``BatchJob`` (inputs, output, options).
    Produces: the output's kind and format (``output_kind``, ``resolve_format``), the job's
    fingerprint, a ``BatchSummary`` to fill, and ``Checkpoint``, the state file of a JSON Lines output.
    Never: writes a checkpoint in place (it is written to a temporary name and renamed, so a kill
    leaves the old one or the new one, whole).

Risk carried here: a resume that mixes two jobs in one output, or that skips inputs it never did.
The checkpoint only ever counts what is committed (whole chunks: their lines, their errors), and
the fingerprint refuses a resume with other options.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from wirecut.batch.engine import DEFAULT_CHUNK_SIZE
from wirecut.batch.inputs import JSONL_SUFFIXES
from wirecut.batch.names import BatchError, FileItem, Item, TextItem, json_safe
from wirecut.batch.worker import WorkerSettings

#: CPU seconds per megabyte of text (and at least this many) that one document may take in a batch
#: worker. Parsing costs 1-3 CPU seconds per megabyte, so only a text that makes some parser run far
#: past its linear cost meets the budget; the worker then goes on with the next document.
DEFAULT_TIME_BUDGET = 30.0
#: Seconds between checkpoints of a JSON Lines output: work lost to a SIGKILL is at most this much.
CHECKPOINT_SECONDS = 1.0

OutputKind = Literal["dir", "jsonl", "table", "stdout"]

#: Output names that make one table (``--format`` csv, tsv or parquet) and the format each names.
TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".parquet": "parquet"}


def output_kind(output: str) -> OutputKind:
    """``-`` is standard output, ``*.jsonl``/``*.ndjson`` one JSON Lines file, ``*.csv``/``*.tsv``/``*.parquet``
    one table, anything else a directory."""
    if output == "-":
        return "stdout"
    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        return "dir"
    if output.lower().endswith((".gz", ".bz2", ".xz", ".zst")):
        raise BatchError(f"{output}: compressed output is not supported; use -o - and pipe it into gzip or zstd")
    if output.lower().endswith(".json"):
        raise BatchError(f"{output}: one JSON file cannot hold many documents; use a .jsonl file or a directory/")
    if output.lower().endswith(tuple(TABLE_SUFFIXES)):
        return "table"
    return "jsonl" if output.lower().endswith(JSONL_SUFFIXES) else "dir"


def _table_format(output: str) -> str:
    return next(fmt for suffix, fmt in TABLE_SUFFIXES.items() if output.lower().endswith(suffix))


@dataclass
class BatchJob:
    """Everything one ``wirecut batch`` run needs."""

    inputs: Sequence[str]
    output: str
    globs: Sequence[str] = ("*",)
    text_field: str = "text"
    id_field: str | None = "id"
    fmt: str | None = None  # default: json for a directory output, jsonl otherwise
    reference_date: dt.date | None = None
    errors: str | None = None  # the errors sink (JSON Lines); None: only the on_failure callback
    force: bool = False
    chunk_size: int = DEFAULT_CHUNK_SIZE
    baseline: bool = False  # benchmarks only (see WorkerSettings)
    #: CPU seconds a document may take per megabyte of text (at least this many in all); after it the
    #: document keeps the parts found so far and gets a warning. None or 0: no budget.
    time_budget: float | None = DEFAULT_TIME_BUDGET
    #: the longest JSON Lines line read as a record; None: ``wirecut.MAX_INPUT_BYTES``
    max_line_bytes: int | None = None
    #: the field of a dump's record that gives its reference date; None: ``reference_date`` for all
    date_field: str | None = None
    #: what ``-`` reads: ``auto``, ``paths`` or ``jsonl`` (``inputs.STDIN_FORMATS``)
    stdin_format: str = "auto"
    #: keep each document's input text in its record (``input_text``), for review and retraining
    with_text: bool = False
    #: write only the documents of these kinds (``story``, ``digest``, ...); empty: every document
    kinds: tuple[str, ...] = ()


@dataclass
class BatchSummary:
    """What a run did. Counts are of this run (``resumed_from`` says how many inputs an earlier run did)."""

    documents: int = 0
    skipped: int = 0
    left_out: int = 0  # parsed, but of a kind the job does not keep (``kinds``)
    failures: int = 0
    inputs: int = 0
    input_bytes: int = 0
    parts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    resumed_from: int = 0
    already_complete: bool = False
    interrupted: bool = False
    total: int | None = None  # set by a caller that counted the inputs (progress bars)


ProgressCallback = Callable[[BatchSummary], None]
FailureCallback = Callable[[dict[str, Any]], None]


def fingerprint(job: BatchJob, fmt: str) -> str:
    from wirecut import __version__

    described = [
        [os.path.abspath(i) if i != "-" else "-" for i in job.inputs],
        list(job.globs),
        job.text_field,
        job.id_field,
        fmt,
        job.reference_date.isoformat() if job.reference_date else None,
        job.baseline,
        __version__,
    ]
    # Options added later join the fingerprint only when set, so that a job without them keeps its fingerprint.
    described += [[key, value] for key, value in _shaping_options(job).items() if value]
    return hashlib.sha256(json.dumps(described).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def resolve_format(job: BatchJob) -> str:
    """The job's format: ``--format``, else what the output's name says; BatchError when they do not fit."""
    from wirecut.formats import FORMATS
    from wirecut.tabular import TABLE_FORMATS

    kind = output_kind(job.output)
    default = {"dir": "json", "table": _table_format(job.output) if kind == "table" else ""}.get(kind, "jsonl")
    fmt = (job.fmt or default).lower()
    if fmt not in FORMATS and fmt not in TABLE_FORMATS:
        raise BatchError(f"unknown format {fmt!r}; choose one of {', '.join((*FORMATS, *TABLE_FORMATS))}")
    if fmt == "text" and kind != "dir":
        raise BatchError("--format text writes one file per input: give a directory output (-o DIR/)")
    if kind == "table" and fmt != default:
        raise BatchError(f"{job.output}: a .{default} output is written as {default}, not --format {fmt}")
    if fmt in TABLE_FORMATS and kind not in ("table", "stdout"):
        raise BatchError(f"--format {fmt} writes one table: give -o FILE.{fmt}" + (" or -o -" * (fmt != "parquet")))
    if fmt == "parquet":
        if kind == "stdout":
            raise BatchError("--format parquet cannot stream to standard output: give -o FILE.parquet")
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise BatchError("--format parquet needs pyarrow: pip install 'wirecut[parquet]'") from None
    if job.with_text and fmt in ("text", "ninjs"):
        raise BatchError(f"--with-text keeps the input in a record: --format {fmt} has no place for it")
    return fmt


class Checkpoint:
    """The state file of a JSON Lines output: which job, how many inputs and bytes are committed."""

    def __init__(self, path: str) -> None:
        self.path = path

    def load(self) -> dict[str, Any] | None:
        """The state an earlier run saved, or None (none saved, or unreadable: the run starts afresh)."""
        try:
            with open(self.path, encoding="utf-8") as state:
                loaded: dict[str, Any] = json.load(state)
                return loaded
        except (OSError, ValueError):
            return None

    def save(self, state: dict[str, Any]) -> None:
        temp = self.path + ".tmp"
        with open(temp, "w", encoding="utf-8") as out:
            json.dump(state, out)
        os.replace(temp, self.path)

    def remove(self) -> None:
        for leftover in (self.path, self.path + ".tmp"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def worker_settings(job: BatchJob, fmt: str, deliver: Any, **changes: Any) -> WorkerSettings:
    """What every worker of ``job`` is told (each output adds where its documents go)."""
    date = job.reference_date.isoformat() if job.reference_date else None
    budget = job.time_budget if job.time_budget and job.time_budget > 0 else None
    settings = WorkerSettings(
        deliver, fmt, date, baseline=job.baseline, time_budget=budget, with_text=job.with_text, kinds=tuple(job.kinds)
    )
    return settings._replace(**changes)


def identity(item: Item) -> str:
    """What an input is, for telling whether a resumed run sees the same inputs in the same order."""
    if isinstance(item, FileItem):
        return item.path
    if isinstance(item, TextItem):
        return f"{item.path}:{item.line}"
    return item.path or item.source if item.line is None else f"{item.path}:{item.line}"


class Resumed(NamedTuple):
    """What a checkpoint says an earlier run committed: how many inputs, their digest, the last of them."""

    inputs: int
    digest: str | None
    last: str | None


class InputLedger:
    """The inputs committed so far, as a running digest of their identities in order.

    The driver notes each item as it is sent and commits them as their results are taken (results
    come back in the order of the items, whatever the chunks), so the digest always counts exactly
    the inputs a checkpoint counts. A resumed run folds the inputs it skips into a ledger of its own
    and compares: an input added or removed before the checkpoint changes the digest.
    """

    def __init__(self) -> None:
        self.count = 0
        self.digest = ""
        self.last: str | None = None
        self._pending: deque[str] = deque()

    def _fold(self, name: str) -> None:
        chained = hashlib.sha256(self.digest.encode("ascii") + name.encode("utf-8", "surrogatepass"))
        self.digest = chained.hexdigest()[:32]
        self.count += 1
        self.last = name

    def skip(self, item: Item) -> None:
        """An input an earlier run committed (a resumed run passes over it)."""
        self._fold(identity(item))

    def noted(self, items: Iterator[Item]) -> Iterator[Item]:
        """``items``, each noted as sent."""
        for item in items:
            self._pending.append(identity(item))
            yield item

    def commit(self, inputs: int) -> None:
        """The next ``inputs`` inputs sent are committed."""
        for _ in range(inputs):
            self._fold(self._pending.popleft())

    def check(self, resumed: Resumed, where: str) -> None:
        """Refuse a resume whose first inputs are not those the earlier run committed."""
        if resumed.digest is None or (self.count, self.digest) == (resumed.inputs, resumed.digest):
            return
        then = f"the last of them {json_safe(resumed.last)}" if resumed.last else "its last one unknown"
        if self.count < resumed.inputs:
            now = f"now there are only {self.count}"
        else:
            now = f"now the inputs up to {json_safe(self.last or '')} differ (an input was added or removed)"
        raise BatchError(
            f"{where}: the inputs changed since the run that was stopped: it had done {resumed.inputs} inputs,"
            f" {then}; {now}. Run it again with the inputs it had to finish it, or add --force to start afresh"
        )


def dir_job_record(job: BatchJob, fmt: str) -> dict[str, Any]:
    """The options that shape a directory output's files: a run with others must not keep them."""
    return {
        "format": fmt,
        "reference_date": job.reference_date.isoformat() if job.reference_date else None,
        "text_field": job.text_field,
        "id_field": job.id_field,
        "baseline": job.baseline,
        **{key: value for key, value in _shaping_options(job).items() if value},
    }


def _shaping_options(job: BatchJob) -> dict[str, Any]:
    """The options, besides the first ones, that change what a job's documents hold."""
    return {
        "date_field": job.date_field,
        "stdin_format": job.stdin_format if job.stdin_format != "auto" else None,
        "with_text": job.with_text,
        "kinds": sorted(job.kinds),
    }
