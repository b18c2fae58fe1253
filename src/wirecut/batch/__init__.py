"""Many texts at once: find the inputs, parse them on a pool of processes, write the results safely.

Contract:
    Consumes: input arguments (files, directories walked recursively with globs, ``-`` for paths read
    from a stream, JSON Lines files with a text field, and ``.gz`` of any of them), an output (a
    directory mirrored one file per input, one JSON Lines file in input order, or a stream), options.
    Produces: the outputs, an errors sink (one JSON line per input that has no output, with its reason)
    and a ``BatchSummary``. ``parse_many`` yields Stories in input order from texts or paths.
    Never: prints (progress and failures go to callbacks), stops for one bad input, holds all results
    (inputs and outputs stream through a bounded window of chunks), leaves a half-written output (every
    file is written to a temporary name and renamed; a JSON Lines output grows as ``OUT.partial`` and is
    renamed when complete), or writes outside the output directory (names are made safe first).

Resume (``docs/batch.md``): a directory output skips every input whose output file exists; a JSON Lines
output keeps a checkpoint beside ``OUT.partial`` (inputs done, bytes written) and resumes after it.
``force=True`` redoes everything. The job's state lives in ``OUT/.wirecut/`` (directory output) or
``OUT.partial.state`` (JSON Lines output); both are removed when the job is done.

Engines: ``LocalEngine`` (a ``concurrent.futures`` process pool, or this process for one worker) and
``wirecut.dask.DaskEngine`` run the same ``process_chunk`` function over the same chunks.

The modules, each with the risk it carries, from the bottom up:

- ``names``: work items and safe names (an output path below the output, one per input; a name safe
  for a terminal).
- ``inputs``: the inputs found in a fixed order (what a resume relies on).
- ``worker``: one chunk read, parsed and delivered in another process (never raises for an item).
- ``engine``: chunks run here or on a pool, results in order (``parse_many`` too).
- ``job``: the job, its summary and its checkpoint (never mixes two jobs in one output).
- ``outputs``: directory, JSON Lines and stream outputs, the errors file (never half-written).
- ``run``: ``run_batch``, the driver loop (commits whole chunks only).
"""

from __future__ import annotations

from wirecut.batch.engine import DEFAULT_CHUNK_SIZE, Engine, LocalEngine, chunked, default_workers, parse_many
from wirecut.batch.inputs import JSONL_SUFFIXES, InputSpec, count_items, is_jsonl, iter_items
from wirecut.batch.job import (
    CHECKPOINT_SECONDS,
    BatchJob,
    BatchSummary,
    Checkpoint,
    FailureCallback,
    OutputKind,
    ProgressCallback,
    output_kind,
    resolve_format,
)
from wirecut.batch.names import (
    BatchError,
    Failure,
    FileItem,
    Item,
    TextItem,
    json_safe,
    printable,
    safe_component,
    safe_id_name,
    safe_relpath,
)
from wirecut.batch.outputs import STATE_DIR
from wirecut.batch.run import run_batch
from wirecut.batch.worker import META_KEY, ChunkResult, WorkerSettings, process_chunk, render_document

__all__ = [
    "CHECKPOINT_SECONDS",
    "DEFAULT_CHUNK_SIZE",
    "JSONL_SUFFIXES",
    "META_KEY",
    "STATE_DIR",
    "BatchError",
    "BatchJob",
    "BatchSummary",
    "Checkpoint",
    "ChunkResult",
    "Engine",
    "Failure",
    "FailureCallback",
    "FileItem",
    "InputSpec",
    "Item",
    "LocalEngine",
    "OutputKind",
    "ProgressCallback",
    "TextItem",
    "WorkerSettings",
    "chunked",
    "count_items",
    "default_workers",
    "is_jsonl",
    "iter_items",
    "json_safe",
    "output_kind",
    "parse_many",
    "printable",
    "process_chunk",
    "render_document",
    "resolve_format",
    "run_batch",
    "safe_component",
    "safe_id_name",
    "safe_relpath",
]
