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
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import gzip
import hashlib
import itertools
import json
import os
import shutil
import stat
import threading
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, NamedTuple, Protocol

from wirecut.errors import InputError, WirecutError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from wirecut.story import Story

#: The key under which a JSON Lines record's fields (all but the text) are kept in its document.
META_KEY = "meta"
#: Names that make an input a JSON Lines file (also with ``.gz``).
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: Directory (inside a directory output) that holds the lock and the temporary files of a running job.
STATE_DIR = ".wirecut"
#: Items in one unit of work sent to a worker: large enough that the round trip (about 0.2 ms) is lost
#: in the parsing (milliseconds a text), small enough to keep progress smooth and resumes cheap.
DEFAULT_CHUNK_SIZE = 64
#: Seconds between checkpoints of a JSON Lines output: work lost to a SIGKILL is at most this much.
CHECKPOINT_SECONDS = 1.0


class BatchError(WirecutError):
    """The job as a whole cannot run (bad output, another batch holds the lock, a resume mismatch)."""


# --- work items -------------------------------------------------------------------------------------
# NamedTuples: the cheapest records to pickle to a worker, and immutable.


class FileItem(NamedTuple):
    """A text file (or ``.gz`` of one) that the worker reads itself."""

    path: str  # filesystem path; may hold surrogate escapes from a name that is not UTF-8
    source: str  # what the document's ``source`` says: printable
    rel: str | None  # safe output path relative to the output directory, without suffix


class TextItem(NamedTuple):
    """A text already in memory: a JSON Lines record, or an item of ``parse_many``."""

    text: str | bytes
    source: str | None
    rel: str | None
    meta: dict[str, Any] | None
    path: str | None = None  # the JSON Lines file, for the errors sink
    line: int | None = None


class Failure(NamedTuple):
    """An input found to be bad before any worker saw it (discovery or a malformed JSON line)."""

    source: str
    path: str | None
    line: int | None
    error: str  # discover | read | json | write | crash | internal
    reason: str

    def record(self) -> dict[str, Any]:
        return self._asdict()


Item = FileItem | TextItem | Failure


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


# --- safe names ------------------------------------------------------------------------------------


def printable(text: str) -> str:
    r"""``text`` with what cannot be UTF-8 shown as escapes, so that it can go into JSON.

    >>> printable("caf\udce9.txt")
    'caf\\xe9.txt'
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:  # a file name that is not UTF-8: os gives its bytes as surrogate escapes
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate from elsewhere (a JSON "\ud800")
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


_MAX_NAME_BYTES = 200  # below the 255 of common filesystems, leaving room for suffixes
_ID_SAFE_PUNCTUATION = frozenset("-_.,+=@")


def _cap_length(name: str, original: str) -> str:
    if len(name.encode("utf-8", "surrogateescape")) <= _MAX_NAME_BYTES:
        return name
    digest = hashlib.sha1(original.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    head = name.encode("utf-8", "surrogateescape")[: _MAX_NAME_BYTES - 13].decode("utf-8", "ignore")
    return f"{head}~{digest}"


def safe_id_name(ident: str) -> str:
    """A file name for a record id: letters, digits and ``-_.,+=@`` kept, every other byte %-escaped.

    The escape is reversible, so two ids never share a name (except past 200 bytes, where a hash
    of the id keeps them apart). ``/``, ``\\``, NUL, ``..`` and a leading dot cannot survive.

    >>> safe_id_name("../../etc/passwd"), safe_id_name("a b%"), safe_id_name("Zürich-1")
    ('%2E.%2F..%2Fetc%2Fpasswd', 'a%20b%25', 'Zürich-1')
    """
    pieces = []
    for char in ident:
        if (char.isalnum() and char.isprintable()) or char in _ID_SAFE_PUNCTUATION:
            pieces.append(char)
        else:
            pieces.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass")))
    name = "".join(pieces)
    if name.startswith("."):  # no hidden files, no "." or ".."
        name = "%2E" + name[1:]
    return _cap_length(name, ident) if name else "%00"


def safe_component(name: str) -> str:
    r"""One path component from the filesystem or the user, made safe to create under the output.

    Ordinary names are kept as they are; bytes that are not UTF-8 and control characters are
    %-escaped; separators cannot occur (callers split on them first).

    >>> safe_component("caf\udce9.txt"), safe_component("tab\there"), safe_component("plain.txt")
    ('caf%E9.txt', 'tab%09here', 'plain.txt')
    """
    pieces = []
    for char in name:
        if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8 in the name
            pieces.append(f"%{ord(char) - 0xDC00:02X}")
        elif not char.isprintable() or char in "/\\\x00" or "\ud800" <= char <= "\udfff":
            pieces.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass")))
        else:
            pieces.append(char)
    safe = "".join(pieces)
    if safe in ("", ".", ".."):
        return "%2E" * len(safe) or "%00"
    return _cap_length(safe, name)


def safe_relpath(path: str) -> str:
    """A path as the user gave it, made relative and safe: root, drive, ``.`` and ``..`` dropped.

    >>> safe_relpath("/data/crawl/../a.txt"), safe_relpath("./x/y.txt")
    ('data/crawl/a.txt', 'x/y.txt')
    """
    drive, rest = os.path.splitdrive(path)
    parts = [p for p in rest.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if drive:
        parts.insert(0, safe_component(drive.replace(":", "")))
    return "/".join(safe_component(p) for p in parts) or "input"


# --- inputs ----------------------------------------------------------------------------------------


def is_jsonl(path: str) -> bool:
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(JSONL_SUFFIXES)


def _strip_suffix(name: str) -> str:
    """``dump.jsonl.gz`` -> ``dump``: the directory that holds a JSON Lines file's documents."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        name, lowered = name[:-3], lowered[:-3]
    for suffix in JSONL_SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _loads() -> Callable[[bytes], Any]:
    try:
        import orjson

        return orjson.loads  # about twice as fast, the driver's main cost on JSON Lines input
    except ImportError:  # pragma: no cover - orjson is in the test extra
        return json.loads


@dataclass
class InputSpec:
    """How inputs are found and read (the part of a job that discovery needs)."""

    inputs: Sequence[str]
    globs: Sequence[str] = ("*",)
    text_field: str = "text"
    id_field: str | None = "id"
    #: where ``-`` reads paths from (one a line); the CLI gives standard input
    stdin: Iterable[bytes] | None = None
    #: directories and files never to read: the job's own outputs when they are inside an input
    exclude: set[tuple[int, int]] = field(default_factory=set)
    #: name documents for a directory output (and keep JSON Lines names unique)
    name_outputs: bool = True


def _matches(name: str, rel: str, globs: Sequence[str]) -> bool:
    candidates = [name, rel]
    if name.lower().endswith(".gz"):  # --glob '*.txt' also takes story.txt.gz
        candidates += [name[:-3], rel[:-3]]
    for pattern in globs:
        target = candidates[1::2] if "/" in pattern else candidates[0::2]
        if any(fnmatch.fnmatchcase(c, pattern) for c in target):
            return True
    return False


def _file_key(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def iter_items(spec: InputSpec) -> Iterator[Item]:
    """Every input in a fixed order (sorted within directories), as work items or failures.

    The order is what resuming a JSON Lines output relies on: the same inputs give the same order.
    """
    multiple = len(spec.inputs) > 1
    for arg in spec.inputs:
        if arg == "-":
            for raw in spec.stdin or ():
                path = os.fsdecode(raw.rstrip(b"\r\n"))
                if path:
                    yield from _path_items(path, safe_relpath(path), spec)
        elif os.path.isdir(arg):
            yield from _walk(arg, safe_relpath(arg) if multiple else "", spec)
        else:
            yield from _path_items(arg, safe_relpath(arg), spec)


def _path_items(path: str, rel: str, spec: InputSpec) -> Iterator[Item]:
    source = printable(path)
    if os.path.isdir(path):
        yield from _walk(path, rel, spec)
    elif is_jsonl(path):
        yield from _jsonl_items(path, source, _strip_suffix(rel), spec)
    else:
        yield FileItem(path, source, rel)


def _walk(root: str, rel_root: str, spec: InputSpec) -> Iterator[Item]:
    """Depth-first over ``root``, following symbolic links but never into a directory's own ancestor."""
    root_key = _file_key(root)
    # A stack of (its output path, the path below root that globs see, its sorted entries, the
    # (dev, inode) of it and of its ancestors).
    stack: list[tuple[str, str, Iterator[os.DirEntry[str]], frozenset[tuple[int, int]]]] = []

    def opened(path: str, rel: str, below: str, ancestors: frozenset[tuple[int, int]]) -> Iterator[Item]:
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield Failure(printable(path), printable(path), None, "discover", f"cannot list directory: {_why(exc)}")
            return
        stack.append((rel, below, iter(entries), ancestors))

    yield from opened(root, rel_root, "", frozenset([root_key]) if root_key else frozenset())
    while stack:
        rel_dir, below_dir, entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):  # hidden files and directories: editor and VCS litter
            continue
        path = entry.path
        rel = f"{rel_dir}/{safe_component(entry.name)}" if rel_dir else safe_component(entry.name)
        below = f"{below_dir}/{entry.name}" if below_dir else entry.name
        source = printable(path)
        try:
            st = entry.stat()  # follows a symbolic link
        except OSError as exc:
            if _matches(entry.name, below, spec.globs):
                reason = "symbolic link loop" if _is_loop(exc) else _why(exc)
                if entry.is_symlink() and not os.path.exists(path) and not _is_loop(exc):
                    reason = "broken symbolic link"
                yield Failure(source, source, None, "read" if not _is_loop(exc) else "discover", reason)
            continue
        key = (st.st_dev, st.st_ino)
        if key in spec.exclude:
            continue
        if stat.S_ISDIR(st.st_mode):
            if key in ancestors:
                yield Failure(source, source, None, "discover", "symbolic link loop: a directory inside itself")
                continue
            yield from opened(path, rel, below, ancestors | {key})
            continue
        if not _matches(entry.name, below, spec.globs):
            continue
        if not stat.S_ISREG(st.st_mode):
            yield Failure(source, source, None, "read", "not a regular file (a pipe, socket or device)")
        elif is_jsonl(entry.name):
            yield from _jsonl_items(path, source, _strip_suffix(rel), spec)
        else:
            yield FileItem(path, source, rel)


def _is_loop(exc: OSError) -> bool:
    import errno

    return exc.errno == errno.ELOOP


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _open_maybe_gzip(path: str) -> BinaryIO:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # the caller closes it


def _jsonl_items(path: str, source: str, rel_dir: str, spec: InputSpec) -> Iterator[Item]:
    """The records of a JSON Lines file; a bad line is a Failure and the file goes on."""
    from wirecut import MAX_INPUT_BYTES

    loads = _loads()
    names_taken: set[str] = set()  # a directory output needs one name per record, even for duplicate ids
    lineno = 0
    try:
        if not os.path.isfile(path):
            reason = "no such file" if not os.path.lexists(path) else "not a regular file"
            yield Failure(source, source, None, "read", reason)
            return
        with _open_maybe_gzip(path) as lines:
            for lineno, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                here = f"{source}:{lineno}"
                if len(raw) > MAX_INPUT_BYTES:
                    yield Failure(here, source, lineno, "read", f"line of {len(raw)} bytes is over the limit")
                    continue
                try:
                    record = loads(raw)
                except ValueError as exc:
                    yield Failure(here, source, lineno, "json", f"malformed JSON line: {_short(exc)}")
                    continue
                if not isinstance(record, dict):
                    yield Failure(here, source, lineno, "json", f"not a JSON object but {type(record).__name__}")
                    continue
                text = record.get(spec.text_field)
                if not isinstance(text, str):
                    what = "missing" if text is None else f"a {type(text).__name__}, not a string"
                    yield Failure(here, source, lineno, "json", f"field {spec.text_field!r} is {what}")
                    continue
                ident = _ident(record.get(spec.id_field)) if spec.id_field else None
                meta = {key: value for key, value in record.items() if key != spec.text_field}
                doc_source = f"{source}#{printable(ident)}" if ident else here
                rel = None
                if spec.name_outputs:
                    name = safe_id_name(ident) if ident else f"line-{lineno}"
                    if name in names_taken:  # "~" never occurs in a safe id, so this cannot collide
                        name = f"{name}~L{lineno}"
                    names_taken.add(name)
                    rel = f"{rel_dir}/{name}" if rel_dir else name
                yield TextItem(text, doc_source, rel, meta, source, lineno)
    except (OSError, EOFError, zlib.error) as exc:
        after = f" after line {lineno}" if lineno else ""
        yield Failure(source, source, None, "read", f"cannot read{after}: {_why(exc)}")


def _ident(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value) if not isinstance(value, str) else (value or None)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def count_items(spec: InputSpec) -> int:
    """About how many items ``iter_items`` gives, quickly (for a progress bar's ETA); ``-`` is not counted."""
    total = 0
    counting = InputSpec(spec.inputs, spec.globs, spec.text_field, spec.id_field, None, spec.exclude, False)
    for arg in counting.inputs:
        if arg == "-":
            continue
        walker = _walk(arg, "", counting) if os.path.isdir(arg) else iter([FileItem(arg, arg, None)])
        for item in walker:
            if isinstance(item, FileItem) and is_jsonl(item.path):
                total += _count_lines(item.path)
            else:
                total += 1
    return total


def _count_lines(path: str) -> int:
    count = 0
    try:
        with _open_maybe_gzip(path) as data:
            while block := data.read(1 << 20):
                count += block.count(b"\n")
    except (OSError, EOFError, zlib.error):
        pass
    return count


# --- the worker side -------------------------------------------------------------------------------

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
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(_why(exc) if not isinstance(exc, FileNotFoundError) else "no such file") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):  # reading a FIFO would wait for a writer forever
        raise InputError("not a regular file (a pipe, socket or device)")
    if not path.lower().endswith(".gz"):
        try:
            text, warnings = read_text(path)
        except InputError as exc:
            raise InputError(_without_path(str(exc), path)) from None
        return text, warnings, st.st_size
    try:
        with gzip.open(path, "rb") as compressed:
            data = compressed.read(MAX_INPUT_BYTES + 1)  # a gzip bomb stops at the limit
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot read gzip: {_why(exc)}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"decompresses to more than the {MAX_INPUT_BYTES}-byte limit for one text")
    text, warnings = decode(data)
    return text, warnings, len(data)


def _without_path(message: str, path: str) -> str:
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def render_document(story: Story, fmt: str, meta: dict[str, Any] | None) -> str:
    """One document in ``fmt``; a JSON Lines record's other fields go under ``META_KEY`` (JSON formats)."""
    from wirecut.formats import dumps, render

    if meta is not None and fmt in ("json", "jsonl"):
        document = story.to_dict()
        document[META_KEY] = meta
        return dumps(document)
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


def _write_atomically(target: str, data: bytes, tmp_dir: str) -> None:
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


def _failure_record(item: FileItem | TextItem, error: str, reason: str) -> dict[str, Any]:
    if isinstance(item, FileItem):
        return Failure(item.source, item.source, None, error, reason).record()
    return Failure(item.source or "<text>", item.path, item.line, error, reason).record()


def process_chunk(items: Sequence[Item], settings: WorkerSettings) -> ChunkResult:
    """Read, parse and deliver a chunk of items; the unit of work of every engine. Never raises for an item."""
    from wirecut import DEFAULT

    reference_date = dt.date.fromisoformat(settings.reference_date) if settings.reference_date else None
    documents = skipped = input_bytes = 0
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
            if settings.baseline:
                from wirecut.formats import dumps

                rendered = dumps({"text": text})
            else:
                story = DEFAULT.run(text, source=item.source, reference_date=reference_date, warnings=warnings)
                parts.update(_count_parts(story))
                if stories is not None:
                    stories.append(story)
                    documents += 1
                    continue
                rendered = render_document(story, settings.fmt, item.meta if isinstance(item, TextItem) else None)
            data = rendered.encode("utf-8")
            if target is not None:
                stage = "write"
                assert settings.tmp_dir is not None
                _write_atomically(target, data, settings.tmp_dir)
            elif lines is not None:
                lines.append(data)
            documents += 1
            continue
        except InputError as exc:
            failed = _failure_record(item, "read", str(exc))
        except OSError as exc:
            failed = _failure_record(item, stage, _why(exc))
        except Exception as exc:  # a bug must cost one document, not the batch
            failed = _failure_record(item, "internal", f"{type(exc).__name__}: {_short(exc)}")
        failures.append(failed)
        if stories is not None:  # parse_many keeps each failure at its place in the order
            stories.append(Failure(**failed))
    shard = None
    if settings.deliver == "shard" and lines:
        assert settings.tmp_dir is not None
        shard = _write_shard(lines, settings.tmp_dir)
        lines = None
    return ChunkResult(len(items), documents, skipped, input_bytes, dict(parts), failures, lines, stories, shard)


def _write_shard(lines: list[bytes], shard_dir: str) -> str:
    os.makedirs(shard_dir, exist_ok=True)
    digest = hashlib.sha1(lines[0][:4096] + str(len(lines)).encode()).hexdigest()[:10]
    target = os.path.join(shard_dir, f"{os.getpid()}-{time.monotonic_ns()}-{digest}.jsonl")
    _write_atomically(target, b"\n".join(lines) + b"\n", shard_dir)
    return target


# --- engines ---------------------------------------------------------------------------------------


class Engine(Protocol):
    """Runs ``process_chunk`` over chunks and yields the results in the order of the chunks."""

    def run(self, chunks: Iterator[list[Item]], settings: WorkerSettings) -> Iterator[ChunkResult]: ...


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers, taskset)
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def _init_worker(parent_pid: int) -> None:
    import signal

    # Ctrl-C reaches the whole process group: the driver decides how to stop, workers finish their chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch_parent() -> None:  # an idle worker of a SIGKILLed driver would wait forever
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()


class LocalEngine:
    """This machine: a process pool of ``workers`` (this process itself for one worker).

    At most ``window`` chunks are in flight, so memory stays flat for any number of inputs; results
    come back in order. A pool broken by a dying worker is replaced and its chunks retried once. The
    pool is started by the first run and kept for the next ones until ``close()`` (or the end of a
    ``with`` block); a run that is stopped early (Ctrl-C) stops it, since its workers are busy.
    """

    def __init__(self, workers: int | None = None, *, window: int | None = None) -> None:
        self.workers = max(1, workers or default_workers())
        self.window = window or self.workers * 3
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def start(self) -> None:
        """Start the worker processes now (they are ready in about a quarter of a second)."""
        if self.workers > 1 and self._pool is None:
            self._pool = self._new_pool()
            # one round trip per worker: each has imported wirecut when this returns
            for future in [
                self._pool.submit(process_chunk, [], WorkerSettings("lines", "json")) for _ in range(self.workers)
            ]:
                future.result()

    def run(self, chunks: Iterator[list[Item]], settings: WorkerSettings) -> Iterator[ChunkResult]:
        if self.workers == 1:
            for chunk in chunks:
                yield process_chunk(chunk, settings)
            return
        yield from self._run_pool(chunks, settings._replace(parent_pid=os.getpid()))

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: workers that share no threads or locks with the driver, the same on every platform
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),))

    def _run_pool(self, chunks: Iterator[list[Item]], settings: WorkerSettings) -> Iterator[ChunkResult]:
        from concurrent.futures.process import BrokenProcessPool

        pool = self._pool = self._pool or self._new_pool()
        pending: deque[tuple[list[Item], Future[ChunkResult], int]] = deque()
        finished = False
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(process_chunk, chunk, settings), 0))
                while len(pending) >= self.window:
                    result, pool = self._next(pending, pool, settings, BrokenProcessPool)
                    yield result
            while pending:
                result, pool = self._next(pending, pool, settings, BrokenProcessPool)
                yield result
            finished = True
        finally:
            self._pool = pool
            if not finished:
                self.close()

    def _next(
        self,
        pending: deque[tuple[list[Item], Future[ChunkResult], int]],
        pool: ProcessPoolExecutor,
        settings: WorkerSettings,
        broken: type[BaseException],
    ) -> tuple[ChunkResult, ProcessPoolExecutor]:
        _, future, attempts = pending[0]
        try:
            result = future.result()
        except broken:
            # A worker died (out of memory, a signal): start a new pool and send every pending chunk again;
            # the chunk that was waited on twice is the likely culprit, so it fails as a whole instead.
            pool.shutdown(wait=False, cancel_futures=True)
            pool = self._pool = self._new_pool()
            retry = list(pending)
            pending.clear()
            for index, (old_chunk, _, old_attempts) in enumerate(retry):
                if index == 0 and attempts >= 1:
                    pending.append((old_chunk, _crashed(old_chunk), old_attempts))
                else:
                    pending.append((old_chunk, pool.submit(process_chunk, old_chunk, settings), old_attempts + 1))
            return self._next(pending, pool, settings, broken)
        pending.popleft()
        return result, pool


def _crashed(chunk: list[Item]) -> Any:
    from concurrent.futures import Future

    failures = []
    for item in chunk:
        if isinstance(item, Failure):
            failures.append(item.record())
        else:
            failures.append(_failure_record(item, "crash", "a worker process died while parsing this chunk"))
    done: Future[ChunkResult] = Future()
    done.set_result(ChunkResult(len(chunk), 0, 0, 0, {}, failures, [], [Failure(**f) for f in failures], None))
    return done


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- the library call ------------------------------------------------------------------------------


def parse_many(
    items: Iterable[str | bytes | os.PathLike[str]],
    *,
    workers: int | None = None,
    reference_date: dt.date | str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_error: Literal["raise", "skip"] = "raise",
) -> Iterator[Any]:
    """Parse many texts on ``workers`` processes (default: every core); yield their Stories in order.

    A ``str`` is a text, ``bytes`` are decoded like a file's, an ``os.PathLike`` (``pathlib.Path``)
    is a file to read (its Story's ``source`` is the path). A file that cannot be read raises
    ``InputError`` at its place in the order, or is left out with ``on_error="skip"``. Only a window of
    chunks is in memory at a time, so ``items`` may be a generator of any length. In a script, call
    it under ``if __name__ == "__main__":`` (worker processes are started with ``spawn``).

    >>> texts = ["PARIS, May 2 (AFP) - Rain.", "ROME (Reuters) - Sun."]
    >>> [story.dateline.location for story in parse_many(texts, workers=1)]
    ['PARIS', 'ROME']
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    if isinstance(reference_date, str):
        reference_date = dt.date.fromisoformat(reference_date)

    def as_items() -> Iterator[Item]:
        for entry in items:
            if isinstance(entry, (str, bytes)):
                yield TextItem(entry, None, None, None)
            elif isinstance(entry, os.PathLike):
                path = os.fspath(entry)
                yield FileItem(path, printable(path), None)
            else:
                raise TypeError(f"parse_many() takes str texts, bytes or paths, not {type(entry).__name__}")

    settings = WorkerSettings("stories", "json", reference_date.isoformat() if reference_date else None)
    with LocalEngine(workers) as engine:
        for result in engine.run(chunked(as_items(), chunk_size), settings):
            for outcome in result.stories or ():
                if isinstance(outcome, Failure):
                    if on_error == "raise":
                        raise InputError(f"{outcome.source}: {outcome.reason}")
                    continue
                yield outcome


# --- the job ---------------------------------------------------------------------------------------


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


def _fingerprint(job: BatchJob, fmt: str) -> str:
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


def _open_locked(path: str, flags: int, target: str, failure: str) -> int:
    """Open (or create) ``path`` and take the batch's lock on it; BatchError naming ``target`` if either fails."""
    try:
        fd = os.open(path, flags | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BatchError(f"{target}: {failure}: {_why(exc)}") from None
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


class _ErrorsSink:
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
            raise BatchError(f"{path}: cannot write the errors file: {_why(exc)}") from None

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


def resolve_format(job: BatchJob) -> str:
    from wirecut.formats import FORMATS

    kind = output_kind(job.output)
    fmt = job.fmt or ("json" if kind == "dir" else "jsonl")
    if fmt not in FORMATS:
        raise BatchError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "text" and kind != "dir":
        raise BatchError("--format text writes one file per input: give a directory output (-o DIR/)")
    return fmt


def run_batch(
    job: BatchJob,
    *,
    engine: Engine | None = None,
    stdin: Iterable[bytes] | None = None,
    stdout: BinaryIO | None = None,
    on_progress: ProgressCallback | None = None,
    on_failure: FailureCallback | None = None,
    summary: BatchSummary | None = None,
) -> BatchSummary:
    """Run a job to the end (or to Ctrl-C, which returns with ``interrupted`` set); returns its summary.

    Raises ``BatchError`` only for a job that cannot start; every bad input goes to the errors sink and
    ``on_failure`` and the job goes on.
    """
    engine = engine or LocalEngine()
    summary = summary or BatchSummary()
    fmt = resolve_format(job)
    kind = output_kind(job.output)
    started = time.perf_counter()
    if kind == "dir":
        writer: _Output = _DirOutput(job, fmt)
    elif kind == "jsonl":
        writer = _JsonlOutput(job, fmt)
    else:
        writer = _StreamOutput(job, fmt, stdout)
    try:
        if writer.already_complete:
            summary.already_complete = True
            return summary
        summary.resumed_from = writer.resume_after
        spec = InputSpec(
            job.inputs, job.globs, job.text_field, job.id_field, stdin, writer.exclude(), name_outputs=kind == "dir"
        )
        errors = _ErrorsSink(job.errors, keep_bytes=writer.errors_bytes)
        if job.errors:
            spec.exclude |= {k for k in [_file_key(job.errors)] if k}
        try:
            items = iter_items(spec)
            for _ in range(writer.resume_after):  # the inputs a JSON Lines checkpoint says are done
                if next(items, None) is None:
                    break
            settings = writer.settings(job, fmt)
            results = engine.run(chunked(items, job.chunk_size), settings)
            try:
                for result in results:
                    writer.take(result)
                    for record in result.failures:
                        errors.write(record)
                        if on_failure:
                            on_failure(record)
                    summary.inputs += result.inputs
                    summary.documents += result.documents
                    summary.skipped += result.skipped
                    summary.failures += len(result.failures)
                    summary.input_bytes += result.input_bytes
                    summary.parts.update(result.parts)
                    # Only now is the chunk whole (its lines, its errors, its counts): a Ctrl-C or a kill
                    # before this line makes a resumed run do the chunk again, from a clean cut.
                    writer.commit(result.inputs, errors.tell())
                    if on_progress:
                        on_progress(summary)
            except KeyboardInterrupt:
                summary.interrupted = True
                writer.interrupted()
            else:
                writer.finish(summary)
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


class _Output:
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


class _DirOutput(_Output):
    """A mirror of the inputs, one file each, written by the workers; resume skips existing files."""

    def __init__(self, job: BatchJob, fmt: str) -> None:
        self.root = os.path.abspath(job.output)
        self.state = os.path.join(self.root, STATE_DIR)
        self.tmp = os.path.join(self.state, "tmp")
        try:
            os.makedirs(self.tmp, exist_ok=True)
        except OSError as exc:
            raise BatchError(f"{job.output}: cannot create the output directory: {_why(exc)}") from None
        lock_path = os.path.join(self.state, "lock")
        self.lock_fd = _open_locked(lock_path, os.O_WRONLY, job.output, "cannot create the output directory")
        for leftover in os.listdir(self.tmp):  # temporary files of a run that was killed
            os.unlink(os.path.join(self.tmp, leftover))

    def exclude(self) -> set[tuple[int, int]]:
        key = _file_key(self.root)
        return {key} if key else set()

    def settings(self, job: BatchJob, fmt: str) -> WorkerSettings:
        suffix = ".txt" if fmt == "text" else ".json"
        date = job.reference_date.isoformat() if job.reference_date else None
        return WorkerSettings("dir", fmt, date, self.root, self.tmp, suffix, job.force, job.baseline)

    def close(self) -> None:
        os.close(self.lock_fd)
        shutil.rmtree(self.state, ignore_errors=True)


class _JsonlOutput(_Output):
    """One JSON Lines file in input order, grown as ``OUT.partial`` with a checkpoint, renamed when complete."""

    def __init__(self, job: BatchJob, fmt: str) -> None:
        self.final = job.output
        self.partial = job.output + ".partial"
        self.state_path = self.partial + ".state"
        # Where remote workers (the Dask engine) write shards of lines for this process to append.
        self.shards = os.path.abspath(self.partial + ".shards")
        self.fingerprint = _fingerprint(job, fmt)
        self.last_checkpoint = time.monotonic()
        if os.path.exists(self.final) and not job.force:
            self.already_complete = True
            self.fd = -1
            return
        try:
            os.makedirs(os.path.dirname(os.path.abspath(self.final)), exist_ok=True)
        except OSError as exc:
            raise BatchError(f"{self.final}: cannot write the output: {_why(exc)}") from None
        self.fd = _open_locked(self.partial, os.O_RDWR, self.final, "cannot write the output")
        state = self._load_state() if not job.force else None
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

    def _load_state(self) -> dict[str, Any] | None:
        try:
            with open(self.state_path, encoding="utf-8") as state:
                loaded: dict[str, Any] = json.load(state)
                return loaded
        except (OSError, ValueError):
            return None

    def exclude(self) -> set[tuple[int, int]]:
        # The finished output of an earlier run is not input either (wirecut batch . -o all.jsonl --force).
        return {k for k in (_file_key(self.partial), _file_key(self.state_path), _file_key(self.final)) if k}

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
        temp = self.state_path + ".tmp"
        with open(temp, "w", encoding="utf-8") as out:
            json.dump(state, out)
        os.replace(temp, self.state_path)

    def finish(self, summary: BatchSummary) -> None:
        self.out.flush()
        os.replace(self.partial, self.final)
        shutil.rmtree(self.shards, ignore_errors=True)
        for leftover in (self.state_path, self.state_path + ".tmp"):
            if os.path.exists(leftover):
                os.unlink(leftover)

    def close(self) -> None:
        if self.fd >= 0:
            self.out.close()
            self.fd = -1


class _StreamOutput(_Output):
    """JSON Lines on a stream (standard output): in order, no resume."""

    def __init__(self, job: BatchJob, fmt: str, stream: BinaryIO | None) -> None:
        import sys

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
