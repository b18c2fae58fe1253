"""Outputs: where the documents of a job go, and the errors file beside them.

Contract:
    Consumes: a ``BatchJob``, its format, and the ``ChunkResult`` of each chunk, in order.
    Produces: a directory mirrored one file per input (``DirOutput``; the workers write the files), one
    JSON Lines file in input order (``JsonlOutput``; grown as ``OUT.partial`` with a ``Checkpoint``,
    renamed when complete), one table (``TableOutput``: CSV or TSV grown the same way, Parquet made
    from the finished rows), or a stream (``StreamOutput``); the errors file (``ErrorsSink``).
    Never: leaves a half-written output, lets two batches write one output (a lock), or reads back its
    own files as inputs (``exclude``).

Risk carried here: losing or repeating work. Every output commits whole chunks only, after their lines
and errors are written; what was written after the last commit is cut on resume. A new writer is one
more ``Output`` subclass (``settings``, ``take``, ``commit``, ``finish``) chosen in ``open_output``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

from wirecut.batch.inputs import file_key, real_location
from wirecut.batch.job import (
    CHECKPOINT_SECONDS,
    BatchJob,
    BatchSummary,
    Checkpoint,
    InputLedger,
    Resumed,
    dir_job_record,
    fingerprint,
    output_kind,
    worker_settings,
)
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

            try:
                _write_all(self.fd, (dumps(record) + "\n").encode("utf-8"))
            except OSError as exc:
                raise OutputError(f"{self.path}: cannot write the errors file: {why(exc)}") from None

    def tell(self) -> int:
        return os.lseek(self.fd, 0, os.SEEK_CUR) if self.fd is not None else 0

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class OutputError(BatchError):
    """The output (or the errors file) cannot be written while the job runs: a full disk, a closed stream.

    What was committed before is kept (a JSON Lines output is cut back to its checkpoint), so running
    the same command again resumes. ``closed_pipe``: the reader of a stream went away (``| head``).
    """

    def __init__(self, message: str, *, closed_pipe: bool = False) -> None:
        super().__init__(message)
        self.closed_pipe = closed_pipe


class Output:
    """Where documents go; also what a resumed run skips and what discovery must not read."""

    already_complete = False
    errors_bytes: int | None = None

    def __init__(self) -> None:
        self.ledger = InputLedger()
        self.resumed = Resumed(0, None, None)  # what an earlier run of this job committed

    @property
    def resume_after(self) -> int:
        return self.resumed.inputs

    def exclude(self) -> set[tuple[int, int]]:
        """Directories not to read, by (device, inode)."""
        return set()

    def exclude_paths(self) -> set[str]:
        """Files and directories not to read, by real path (``inputs.real_location``)."""
        return set()

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        raise NotImplementedError

    def take(self, result: ChunkResult) -> None:
        pass

    def commit(self, inputs: int, errors_bytes: int) -> None:
        """The next ``inputs`` inputs are done, their documents and errors written."""
        self.ledger.commit(inputs)

    def save_checkpoint(self) -> None:
        pass

    def interrupted(self) -> None:
        """Ctrl-C: keep what is committed, for the next run to resume after."""
        self.save_checkpoint()

    def write_failed(self) -> None:
        """A write failed: keep what is committed (best effort: the disk may be full)."""
        self.interrupted()

    def finish(self, summary: BatchSummary) -> None:
        pass

    def close(self) -> None:
        pass


#: The file in a directory output's state directory that records the options its files were made with.
JOB_RECORD = "job"


class DirOutput(Output):
    """A mirror of the inputs, one file each, written by the workers; resume skips existing files.

    ``OUT/.wirecut/job`` records the options that shape the files (format, reference date, fields):
    a later run with other options is refused unless ``force`` (which redoes every file), so outputs
    made one way are never silently kept for a job that asks for another.
    """

    def __init__(self, job: BatchJob, fmt: str) -> None:
        super().__init__()
        self.root = os.path.abspath(job.output)
        self.state = os.path.join(self.root, STATE_DIR)
        self.tmp = os.path.join(self.state, "tmp")
        try:
            os.makedirs(self.tmp, exist_ok=True)
        except OSError as exc:
            raise BatchError(f"{job.output}: cannot create the output directory: {why(exc)}") from None
        self.lock_path = os.path.join(self.state, "lock")
        self.lock_fd = _open_locked(self.lock_path, os.O_WRONLY, job.output, "cannot create the output directory")
        try:
            self._check_options(job, fmt)
        except BaseException:
            self.close()
            raise
        for leftover in os.listdir(self.tmp):  # temporary files of a run that was killed
            os.unlink(os.path.join(self.tmp, leftover))

    def _check_options(self, job: BatchJob, fmt: str) -> None:
        record = Checkpoint(os.path.join(self.state, JOB_RECORD))
        wanted = dir_job_record(job, fmt)
        earlier = record.load()
        if earlier is not None and earlier != wanted and not job.force:
            changed = ", ".join(
                f"{key.replace('_', ' ')} {earlier.get(key)!r} then, {wanted[key]!r} now"
                for key in wanted
                if earlier.get(key) != wanted[key]
            )
            raise BatchError(
                f"{job.output}: its files were made with other options ({changed}); add --force to redo them"
                " all with these, or write to another directory"
            )
        if earlier != wanted:
            try:
                record.save(wanted)
            except OSError as exc:
                raise BatchError(f"{job.output}: cannot write the output directory: {why(exc)}") from None

    def exclude(self) -> set[tuple[int, int]]:
        key = file_key(self.root)
        return {key} if key else set()

    def exclude_paths(self) -> set[str]:
        return {real_location(self.root)}

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        suffix = ".txt" if fmt == "text" else ".json"
        return worker_settings(job, fmt, "dir", out_dir=self.root, tmp_dir=self.tmp, suffix=suffix, force=job.force)

    def close(self) -> None:
        # The lock and the temporary files go; the record of the options stays for the next run.
        os.close(self.lock_fd)
        shutil.rmtree(self.tmp, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.unlink(self.lock_path)


class JsonlOutput(Output):
    """One JSON Lines file in input order, grown as ``OUT.partial`` with a checkpoint, renamed when complete.

    The lines of a chunk are held until it is committed and then written with plain ``write`` calls,
    so a failed write (a full disk) can be cut back to the last commit: nothing half-written is counted.
    """

    def __init__(self, job: BatchJob, fmt: str) -> None:
        super().__init__()
        self.final = job.output
        self.partial = job.output + ".partial"
        self.state_path = self.partial + ".state"
        self.checkpoint = Checkpoint(self.state_path)
        # Where remote workers (the Dask engine) write shards of lines for this process to append.
        self.shards = os.path.abspath(self.partial + ".shards")
        self.fingerprint = fingerprint(job, fmt)
        self.last_checkpoint = time.monotonic()
        self.pending = bytearray()
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
            self.resumed = Resumed(int(state["inputs_done"]), state.get("inputs_digest"), state.get("last_input"))
            self.errors_bytes = int(state["errors_bytes"])
        try:
            # Drop whatever was written after the last checkpoint: those inputs are done again.
            os.ftruncate(self.fd, keep)
            os.lseek(self.fd, keep, os.SEEK_SET)
            shutil.rmtree(self.shards, ignore_errors=True)  # shards not yet appended are redone
            self.committed_bytes = keep
            self.committed_errors = self.errors_bytes or 0
            if state is None:  # a resumed run saves once it has checked and passed the inputs done
                self.save_checkpoint()
        except OSError as exc:
            os.close(self.fd)
            raise BatchError(f"{self.final}: cannot write the output: {why(exc)}") from None

    def exclude(self) -> set[tuple[int, int]]:
        # The finished output of an earlier run is not input either (wirecut batch . -o all.jsonl --force).
        return {k for k in (file_key(self.partial), file_key(self.state_path), file_key(self.final)) if k}

    def exclude_paths(self) -> set[str]:
        # By path too: the checkpoint is replaced (a new inode) every second while discovery goes on.
        own = (self.final, self.partial, self.state_path, self.state_path + ".tmp", self.shards)
        return {real_location(path) for path in own}

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        return worker_settings(job, fmt, "lines", tmp_dir=self.shards)

    def take(self, result: ChunkResult) -> None:
        for data in _result_lines(result):
            self.pending += data
            self.pending += b"\n"

    def commit(self, inputs: int, errors_bytes: int) -> None:
        _write_all(self.fd, self.pending)
        self.committed_bytes += len(self.pending)
        self.pending.clear()
        self.committed_errors = errors_bytes
        self.ledger.commit(inputs)
        if time.monotonic() - self.last_checkpoint >= CHECKPOINT_SECONDS:
            self.save_checkpoint()

    def interrupted(self) -> None:
        """Ctrl-C or a failed write: cut what is not committed, so the partial file is what it counts."""
        self.pending.clear()
        os.ftruncate(self.fd, self.committed_bytes)
        os.lseek(self.fd, self.committed_bytes, os.SEEK_SET)
        self.save_checkpoint()

    def save_checkpoint(self) -> None:
        """Record what is committed (the bytes are written already), with the inputs that made it."""
        self.last_checkpoint = time.monotonic()
        state = {
            "job": self.fingerprint,
            "inputs_done": self.ledger.count,
            "inputs_digest": self.ledger.digest or None,
            "last_input": self.ledger.last,
            "output_bytes": self.committed_bytes,
            "errors_bytes": self.committed_errors,
        }
        self.checkpoint.save(state)

    def finish(self, summary: BatchSummary) -> None:
        os.replace(self.partial, self.final)
        shutil.rmtree(self.shards, ignore_errors=True)
        self.checkpoint.remove()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _write_all(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class TableOutput(JsonlOutput):
    """One table of flat rows in input order (``--format csv|tsv|parquet``), resumable like JSON Lines.

    CSV and TSV grow as ``OUT.partial`` behind their header row, like JSON Lines. Parquet cannot be
    appended to after a kill, so its rows grow as JSON Lines in ``OUT.partial`` (resumable the same
    way) and are written as Parquet, a row group at a time, once the job is complete.
    """

    #: Rows in one Parquet row group: a few megabytes of text, and flat memory for any number of rows.
    ROW_GROUP = 4096

    def __init__(self, job: BatchJob, fmt: str) -> None:
        super().__init__(job, fmt)
        self.fmt = fmt
        self.with_text = job.with_text
        if self.already_complete or fmt == "parquet" or self.committed_bytes:
            return
        header = csv_header(fmt, job.with_text)
        try:  # the header is part of what the first checkpoint counts, so a resume never writes it twice
            _write_all(self.fd, header)
            self.committed_bytes = len(header)
            self.save_checkpoint()
        except OSError as exc:
            os.close(self.fd)
            raise BatchError(f"{self.final}: cannot write the output: {why(exc)}") from None

    def exclude_paths(self) -> set[str]:
        return super().exclude_paths() | {real_location(self.final + ".tmp")}

    def finish(self, summary: BatchSummary) -> None:
        if self.fmt == "parquet":
            self._write_parquet()
        super().finish(summary)

    def _write_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from wirecut.tabular import flat_arrow_schema

        schema = flat_arrow_schema(with_text=self.with_text)
        temp = self.final + ".tmp"
        loads = _json_loads()
        with pq.ParquetWriter(temp, schema) as writer, open(self.partial, "rb") as rows:
            batch: list[Any] = []
            for line in rows:
                batch.append(loads(line))
                if len(batch) >= self.ROW_GROUP:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch.clear()
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        # What the reader finds under the final name is whole: the rows are moved aside, the table in.
        os.replace(temp, self.partial)


def csv_header(fmt: str, with_text: bool) -> bytes:
    from wirecut.tabular import csv_line, flat_columns

    columns = flat_columns(with_text=with_text)
    return (csv_line(dict(zip(columns, columns)), columns, "\t" if fmt == "tsv" else ",") + "\n").encode("utf-8")


def _json_loads() -> Any:
    try:
        import orjson

        return orjson.loads
    except ImportError:  # pragma: no cover - orjson is in the test extra
        import json

        return json.loads


class StreamOutput(Output):
    """JSON Lines on a stream (standard output): in order, no resume."""

    def __init__(self, job: BatchJob, fmt: str, stream: BinaryIO | None) -> None:
        super().__init__()
        if stream is None and sys.stdout is None:  # started with standard output closed (>&-)
            raise OutputError("standard output is closed: give -o FILE.jsonl or -o DIR/")
        self.stream = stream if stream is not None else sys.stdout.buffer
        if fmt in ("csv", "tsv"):
            self.stream.write(csv_header(fmt, job.with_text))

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        return worker_settings(job, fmt, "lines")

    def take(self, result: ChunkResult) -> None:
        for data in _result_lines(result):
            self.stream.write(data + b"\n")

    def interrupted(self) -> None:
        pass

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
    if kind == "table":
        return TableOutput(job, fmt)
    return StreamOutput(job, fmt, stdout)
