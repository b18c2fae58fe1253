"""Outputs: where the documents of a job go, and the errors file beside them.

Contract:
    Consumes: a ``BatchJob``, its format, and the ``ChunkResult`` of each chunk, in order.
    Produces: a directory mirrored one file per input (``DirOutput``; the workers write the files), one
    JSON Lines file in input order (``JsonlOutput``; grown as ``OUT.partial`` with a ``Checkpoint``,
    renamed when complete), or a stream (``StreamOutput``); the errors file (``ErrorsSink``).
    Never: leaves a half-written output, lets two batches write one output (a lock), or reads back its
    own files as inputs (``exclude``).

Risk carried here: losing or repeating work. Every output commits whole chunks only, after their lines
and errors are written; what was written after the last commit is cut on resume. A new writer is one
more ``Output`` subclass (``settings``, ``take``, ``commit``, ``finish``) chosen in ``open_output``.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

from wirecut.batch.inputs import file_key
from wirecut.batch.job import CHECKPOINT_SECONDS, BatchJob, BatchSummary, Checkpoint, fingerprint, output_kind
from wirecut.batch.names import BatchError, why
from wirecut.batch.worker import ChunkResult, WorkerSettings

#: Directory (inside a directory output) that holds the lock and the temporary files of a running job.
STATE_DIR = ".wirecut"


def _open_locked(path: str, flags: int, target: str, failure: str) -> int:
    """Open (or create) ``path`` and take the batch's lock on it; BatchError naming ``target`` if either fails."""
    try:
        fd = os.open(path, flags | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BatchError(f"{target}: {failure}: {why(exc)}") from None
    try:
        _lock(fd, target)
    except BatchError:
        os.close(fd)
        raise
    return fd


def _lock(fd: int, what: str) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, one batch per output is the user's care
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise BatchError(f"{what}: another wirecut batch is writing here; wait for it or stop it") from None


class ErrorsSink:
    """The errors file: one JSON object a line, each written with one ``write`` call so a kill leaves whole lines."""

    def __init__(self, path: str | None, *, keep_bytes: int | None) -> None:
        self.path = path
        self.fd: int | None = None
        if path is None:
            return
        try:
            self.fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
            os.ftruncate(self.fd, keep_bytes or 0)
            os.lseek(self.fd, 0, os.SEEK_END)
        except OSError as exc:
            raise BatchError(f"{path}: cannot write the errors file: {why(exc)}") from None

    def write(self, record: dict[str, Any]) -> None:
        if self.fd is not None:
            from wirecut.formats import dumps

            os.write(self.fd, (dumps(record) + "\n").encode("utf-8"))

    def tell(self) -> int:
        return os.lseek(self.fd, 0, os.SEEK_CUR) if self.fd is not None else 0

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class Output:
    """Where documents go; also what a resumed run skips and what discovery must not read."""

    already_complete = False
    resume_after = 0
    errors_bytes: int | None = None

    def exclude(self) -> set[tuple[int, int]]:
        return set()

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        raise NotImplementedError

    def take(self, result: ChunkResult) -> None:
        pass

    def commit(self, inputs: int, errors_bytes: int) -> None:
        pass

    def save_checkpoint(self) -> None:
        pass

    def interrupted(self) -> None:
        """Ctrl-C: keep what is committed, for the next run to resume after."""
        self.save_checkpoint()

    def finish(self, summary: BatchSummary) -> None:
        pass

    def close(self) -> None:
        pass


class DirOutput(Output):
    """A mirror of the inputs, one file each, written by the workers; resume skips existing files."""

    def __init__(self, job: BatchJob, fmt: str) -> None:
        self.root = os.path.abspath(job.output)
        self.state = os.path.join(self.root, STATE_DIR)
        self.tmp = os.path.join(self.state, "tmp")
        try:
            os.makedirs(self.tmp, exist_ok=True)
        except OSError as exc:
            raise BatchError(f"{job.output}: cannot create the output directory: {why(exc)}") from None
        lock_path = os.path.join(self.state, "lock")
        self.lock_fd = _open_locked(lock_path, os.O_WRONLY, job.output, "cannot create the output directory")
        for leftover in os.listdir(self.tmp):  # temporary files of a run that was killed
            os.unlink(os.path.join(self.tmp, leftover))

    def exclude(self) -> set[tuple[int, int]]:
        key = file_key(self.root)
        return {key} if key else set()

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        suffix = ".txt" if fmt == "text" else ".json"
        date = job.reference_date.isoformat() if job.reference_date else None
        return WorkerSettings("dir", fmt, date, self.root, self.tmp, suffix, job.force, job.baseline)

    def close(self) -> None:
        os.close(self.lock_fd)
        shutil.rmtree(self.state, ignore_errors=True)


class JsonlOutput(Output):
    """One JSON Lines file in input order, grown as ``OUT.partial`` with a checkpoint, renamed when complete."""

    def __init__(self, job: BatchJob, fmt: str) -> None:
        self.final = job.output
        self.partial = job.output + ".partial"
        self.state_path = self.partial + ".state"
        self.checkpoint = Checkpoint(self.state_path)
        # Where remote workers (the Dask engine) write shards of lines for this process to append.
        self.shards = os.path.abspath(self.partial + ".shards")
        self.fingerprint = fingerprint(job, fmt)
        self.last_checkpoint = time.monotonic()
        if os.path.exists(self.final) and not job.force:
            self.already_complete = True
            self.fd = -1
            return
        try:
            os.makedirs(os.path.dirname(os.path.abspath(self.final)), exist_ok=True)
        except OSError as exc:
            raise BatchError(f"{self.final}: cannot write the output: {why(exc)}") from None
        self.fd = _open_locked(self.partial, os.O_RDWR, self.final, "cannot write the output")
        state = self.checkpoint.load() if not job.force else None
        keep = 0
        if state is not None:
            if state.get("job") != self.fingerprint:
                os.close(self.fd)
                raise BatchError(
                    f"{self.partial}: a different batch (other inputs or options) was writing here; "
                    "run that command again to finish it, or add --force to start this one afresh"
                )
            keep = int(state["output_bytes"])
            self.resume_after = int(state["inputs_done"])
            self.errors_bytes = int(state["errors_bytes"])
        # Drop whatever was written after the last checkpoint: those inputs are done again.
        os.ftruncate(self.fd, keep)
        shutil.rmtree(self.shards, ignore_errors=True)  # shards not yet appended are redone
        self.out = os.fdopen(self.fd, "ab", buffering=1 << 16)
        self.written = self.committed_bytes = keep
        self.committed_inputs = self.resume_after
        self.committed_errors = self.errors_bytes or 0
        self.save_checkpoint()

    def exclude(self) -> set[tuple[int, int]]:
        # The finished output of an earlier run is not input either (wirecut batch . -o all.jsonl --force).
        return {k for k in (file_key(self.partial), file_key(self.state_path), file_key(self.final)) if k}

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        date = job.reference_date.isoformat() if job.reference_date else None
        return WorkerSettings("lines", fmt, date, tmp_dir=self.shards, baseline=job.baseline)

    def take(self, result: ChunkResult) -> None:
        for data in _result_lines(result):
            self.out.write(data)
            self.out.write(b"\n")
            self.written += len(data) + 1

    def commit(self, inputs: int, errors_bytes: int) -> None:
        self.committed_inputs += inputs
        self.committed_bytes = self.written
        self.committed_errors = errors_bytes
        if time.monotonic() - self.last_checkpoint >= CHECKPOINT_SECONDS:
            self.save_checkpoint()

    def interrupted(self) -> None:
        """Ctrl-C: cut the lines of a chunk taken but not committed, so the partial file is what it counts."""
        self.out.flush()
        os.ftruncate(self.fd, self.committed_bytes)
        self.written = self.committed_bytes
        self.save_checkpoint()

    def save_checkpoint(self) -> None:
        """Record what is committed: the bytes first (flushed), then the checkpoint that counts them."""
        self.last_checkpoint = time.monotonic()
        self.out.flush()
        state = {
            "job": self.fingerprint,
            "inputs_done": self.committed_inputs,
            "output_bytes": self.committed_bytes,
            "errors_bytes": self.committed_errors,
        }
        self.checkpoint.save(state)

    def finish(self, summary: BatchSummary) -> None:
        self.out.flush()
        os.replace(self.partial, self.final)
        shutil.rmtree(self.shards, ignore_errors=True)
        self.checkpoint.remove()

    def close(self) -> None:
        if self.fd >= 0:
            self.out.close()
            self.fd = -1


class StreamOutput(Output):
    """JSON Lines on a stream (standard output): in order, no resume."""

    def __init__(self, job: BatchJob, fmt: str, stream: BinaryIO | None) -> None:
        self.stream = stream if stream is not None else sys.stdout.buffer

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        date = job.reference_date.isoformat() if job.reference_date else None
        return WorkerSettings("lines", fmt, date, baseline=job.baseline)

    def take(self, result: ChunkResult) -> None:
        for data in _result_lines(result):
            self.stream.write(data + b"\n")

    def finish(self, summary: BatchSummary) -> None:
        self.stream.flush()


def _result_lines(result: ChunkResult) -> Iterator[bytes]:
    """The lines of a chunk: sent back, or in a shard file a remote worker wrote (read, then removed)."""
    if result.lines:
        yield from result.lines
    if result.shard:
        with open(result.shard, "rb") as shard:
            for line in shard:
                yield line.rstrip(b"\n")
        os.unlink(result.shard)


def open_output(job: BatchJob, fmt: str, stdout: BinaryIO | None = None) -> Output:
    """The output the job's ``-o`` names (locked and, for a resume, cut back to its checkpoint)."""
    kind = output_kind(job.output)
    if kind == "dir":
        return DirOutput(job, fmt)
    if kind == "jsonl":
        return JsonlOutput(job, fmt)
    return StreamOutput(job, fmt, stdout)
