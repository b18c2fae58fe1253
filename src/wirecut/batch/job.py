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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from wirecut.batch.engine import DEFAULT_CHUNK_SIZE
from wirecut.batch.inputs import JSONL_SUFFIXES
from wirecut.batch.names import BatchError

#: Seconds between checkpoints of a JSON Lines output: work lost to a SIGKILL is at most this much.
CHECKPOINT_SECONDS = 1.0

OutputKind = Literal["dir", "jsonl", "stdout"]


def output_kind(output: str) -> OutputKind:
    """``-`` is standard output, ``*.jsonl``/``*.ndjson`` one JSON Lines file, anything else a directory."""
    if output == "-":
        return "stdout"
    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        return "dir"
    if output.lower().endswith(".gz"):
        raise BatchError(f"{output}: compressed output is not supported; use -o - and pipe it into gzip")
    if output.lower().endswith(".json"):
        raise BatchError(f"{output}: one JSON file cannot hold many documents; use a .jsonl file or a directory/")
    return "jsonl" if output.lower().endswith(JSONL_SUFFIXES) else "dir"


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


@dataclass
class BatchSummary:
    """What a run did. Counts are of this run (``resumed_from`` says how many inputs an earlier run did)."""

    documents: int = 0
    skipped: int = 0
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
    return hashlib.sha256(json.dumps(described).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def resolve_format(job: BatchJob) -> str:
    from wirecut.formats import FORMATS

    kind = output_kind(job.output)
    fmt = job.fmt or ("json" if kind == "dir" else "jsonl")
    if fmt not in FORMATS:
        raise BatchError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "text" and kind != "dir":
        raise BatchError("--format text writes one file per input: give a directory output (-o DIR/)")
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
