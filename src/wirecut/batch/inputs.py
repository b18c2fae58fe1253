"""Inputs: the arguments of a job turned into work items, in a fixed order.

Contract:
    Consumes: an ``InputSpec``: files, directories (walked depth-first in sorted order, with globs),
    ``-`` (paths read from a stream, one a line), JSON Lines files with a text field, ``.gz`` of any.
    Produces: ``iter_items``, a stream of ``FileItem`` (read later by a worker), ``TextItem`` (a JSON
    Lines record, read here) and ``Failure`` (an input found bad here), and ``count_items``, a quick
    count for a progress bar.
    Never: reads a plain file's content (workers do), follows a symbolic link into its own ancestor,
    reads a pipe, socket or device, holds more than one directory listing per level, or reads the
    job's own outputs (``InputSpec.exclude``).

Risk carried here: resuming a JSON Lines output relies on this order (the same inputs give the same
items in the same order), and a directory output relies on the names (``rel``) made here being one
per input. A new reader of a container format (one text per record) is one more ``*_items`` function
chosen in ``_path_items`` and ``_walk``, yielding ``TextItem``s with their ``path`` and ``line``.
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from wirecut.batch.names import (
    Failure,
    FileItem,
    Item,
    TextItem,
    json_safe,
    safe_component,
    safe_id_name,
    safe_relpath,
    short,
    why,
)

#: Names that make an input a JSON Lines file (also with ``.gz``).
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def is_jsonl(path: str) -> bool:
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(JSONL_SUFFIXES)


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
    #: directories never to read, by (device, inode): the job's own output directory inside an input
    exclude: set[tuple[int, int]] = field(default_factory=set)
    #: name documents for a directory output, one name per input (a second input that would take a
    #: name already given in this run is a ``name`` failure, never a document "already done")
    name_outputs: bool = True
    #: files and directories never to read, by real path (``real_location``): the job's own outputs,
    #: checkpoints and errors file, which are replaced while the job runs (so their inodes change)
    exclude_paths: set[str] = field(default_factory=set)
    #: the longest JSON Lines line read (a longer one is one failed record); None: ``MAX_INPUT_BYTES``
    max_line_bytes: int | None = None


def real_location(path: str) -> str:
    """Where ``path`` is, with every directory above it resolved: the same string for the same place.

    The last component is kept as it is, so that it names the file itself (even one not made yet),
    not what a symbolic link there points to.
    """
    absolute = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))


def _matches(name: str, rel: str, globs: Sequence[str]) -> bool:
    candidates = [name, rel]
    if name.lower().endswith(".gz"):  # --glob '*.txt' also takes story.txt.gz
        candidates += [name[:-3], rel[:-3]]
    for pattern in globs:
        target = candidates[1::2] if "/" in pattern else candidates[0::2]
        if any(fnmatch.fnmatchcase(c, pattern) for c in target):
            return True
    return False


def file_key(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def iter_items(spec: InputSpec) -> Iterator[Item]:
    """Every input in a fixed order (sorted within directories), as work items or failures.

    The order is what resuming a JSON Lines output relies on: the same inputs give the same order.
    With ``name_outputs``, each item's ``rel`` is one no other item of the run has: the names are
    injective by construction, and what could still meet (the same file given twice, names over 200
    bytes cut to the same hash) is refused here as a ``name`` failure. The names given are kept as
    16-byte digests, about 70 bytes an input.
    """
    if not spec.name_outputs:
        yield from _items(spec)
        return
    taken: set[bytes] = set()
    for item in _items(spec):
        if not isinstance(item, Failure) and item.rel is not None:
            digest = hashlib.blake2b(item.rel.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            if digest in taken:
                where = item.path if isinstance(item, TextItem) else item.source
                reason = (
                    f"its output name {json_safe(item.rel)} is that of an earlier input of this job"
                    " (the same file given twice?); give each input once, or rename one"
                )
                yield Failure(item.source or "<text>", where, getattr(item, "line", None), "name", reason)
                continue
            taken.add(digest)
        yield item


def _items(spec: InputSpec) -> Iterator[Item]:
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
    source = json_safe(path)
    if spec.exclude_paths and real_location(path) in spec.exclude_paths:
        return  # the job's own output, named on standard input by a ``find .``
    if os.path.isdir(path):
        yield from _walk(path, rel, spec)
    elif is_jsonl(path):
        yield from _jsonl_items(path, source, rel, spec)
    else:
        yield FileItem(path, source, rel)


def _walk(root: str, rel_root: str, spec: InputSpec) -> Iterator[Item]:
    """Depth-first over ``root``, following symbolic links but never into a directory's own ancestor."""
    root_key = file_key(root)
    # A stack of (its output path, the path below root that globs see, its sorted entries, the
    # (dev, inode) of it and of its ancestors, its real path when the job excludes paths).
    stack: list[tuple[str, str, Iterator[os.DirEntry[str]], frozenset[tuple[int, int]], str]] = []

    def opened(path: str, rel: str, below: str, ancestors: frozenset[tuple[int, int]]) -> Iterator[Item]:
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield Failure(json_safe(path), json_safe(path), None, "discover", f"cannot list directory: {why(exc)}")
            return
        real = os.path.realpath(path) if spec.exclude_paths else ""  # one call a directory, not a file
        stack.append((rel, below, iter(entries), ancestors, real))

    yield from opened(root, rel_root, "", frozenset([root_key]) if root_key else frozenset())
    while stack:
        rel_dir, below_dir, entries, ancestors, real_dir = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):  # hidden files and directories: editor and VCS litter
            continue
        if real_dir and os.path.join(real_dir, entry.name) in spec.exclude_paths:
            continue  # the job's own output, checkpoint or errors file
        path = entry.path
        rel = f"{rel_dir}/{safe_component(entry.name)}" if rel_dir else safe_component(entry.name)
        below = f"{below_dir}/{entry.name}" if below_dir else entry.name
        source = json_safe(path)
        try:
            st = entry.stat()  # follows a symbolic link
        except OSError as exc:
            if _matches(entry.name, below, spec.globs):
                reason = "symbolic link loop" if _is_loop(exc) else why(exc)
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
            yield from _jsonl_items(path, source, rel, spec)
        else:
            yield FileItem(path, source, rel)


def _is_loop(exc: OSError) -> bool:
    import errno

    return exc.errno == errno.ELOOP


def open_maybe_gzip(path: str) -> BinaryIO:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # the caller closes it


def _jsonl_items(path: str, source: str, rel_dir: str, spec: InputSpec) -> Iterator[Item]:
    """The records of a JSON Lines file; a bad line is a Failure and the file goes on.

    A line longer than the limit is one Failure: it is skipped a megabyte at a time, never held, so
    one huge line (a gigabyte inside a small ``.gz``) costs neither the memory nor the rest of the file.
    A byte order mark before the first record is no part of it.
    """
    from wirecut import MAX_INPUT_BYTES

    limit = spec.max_line_bytes if spec.max_line_bytes is not None else MAX_INPUT_BYTES
    loads = _loads()
    names_taken: set[str] = set()  # a directory output needs one name per record, even for duplicate ids
    lineno = 0
    try:
        if not os.path.isfile(path):
            reason = "no such file" if not os.path.lexists(path) else "not a regular file"
            yield Failure(source, source, None, "read", reason)
            return
        with open_maybe_gzip(path) as lines:
            for lineno, (raw, size) in enumerate(_bounded_lines(lines, limit), 1):
                if raw is None:
                    reason = f"line of {size} bytes is over the limit of {limit} bytes for one record"
                    yield Failure(f"{source}:{lineno}", source, lineno, "read", reason)
                    continue
                if lineno == 1 and raw.startswith(_UTF8_BOM):
                    raw = raw[len(_UTF8_BOM) :]
                if not raw.strip():
                    continue
                here = f"{source}:{lineno}"
                try:
                    record = loads(raw)
                except ValueError as exc:
                    yield Failure(here, source, lineno, "json", f"malformed JSON line: {short(exc)}")
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
                doc_source = f"{source}#{json_safe(ident)}" if ident else here
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
        yield Failure(source, source, None, "read", f"cannot read{after}: {why(exc)}")


_UTF8_BOM = b"\xef\xbb\xbf"  # editors on Windows and some exporters start a UTF-8 file with it
_SKIP_BYTES = 1 << 20  # the piece in which an over-long line is read past


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line of ``stream`` and its size; ``(None, size)`` for a line over ``limit`` bytes (newline aside)."""
    while raw := stream.readline(limit + 2):
        content = len(raw) - (raw.endswith(b"\n") + raw.endswith(b"\r\n"))
        if content <= limit:
            yield raw, len(raw)
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (raw := stream.readline(_SKIP_BYTES)):
            size += len(raw)
        yield None, size


def _ident(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value) if not isinstance(value, str) else (value or None)


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
        with open_maybe_gzip(path) as data:
            while block := data.read(1 << 20):
                count += block.count(b"\n")
    except (OSError, EOFError, zlib.error):
        pass
    return count
