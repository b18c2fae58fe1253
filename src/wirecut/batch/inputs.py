"""Inputs: the arguments of a job turned into work items, in a fixed order.

Contract:
    Consumes: an ``InputSpec``: files, directories (walked depth-first in sorted order, with globs),
    remote paths and directories (URLs that fsspec opens: ``s3://``, ``hf://``, ...), ``-`` (standard
    input: paths one a line, or JSON Lines records), dumps of records (JSON Lines, CSV, TSV, Parquet;
    ``records``), and any of them compressed with gzip, bz2, xz or zstd (``streams``).
    Produces: ``iter_items``, a stream of ``FileItem`` (read later by a worker), ``TextItem`` (a record
    of a dump, read here) and ``Failure`` (an input found bad here), and ``count_items``, a quick
    count for a progress bar.
    Never: reads a plain file's content (workers do), follows a symbolic link into its own ancestor,
    reads a pipe, socket or device, holds more than one directory listing per level, or reads the
    job's own outputs (``InputSpec.exclude``).

Risk carried here: resuming a JSON Lines output relies on this order (the same inputs give the same
items in the same order), and a directory output relies on the names (``rel``) made here being one
per input. A new container format (one text per record) is one more reader in ``records``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import itertools
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from wirecut.batch.names import (
    Failure,
    FileItem,
    Item,
    TextItem,
    json_safe,
    safe_component,
    safe_relpath,
    why,
)
from wirecut.batch.records import bounded_lines, container_items, container_of, count_records, stdin_jsonl_items
from wirecut.batch.streams import compression, is_remote, open_input, remote_files, strip_compression

#: Names that make an input a JSON Lines file (also compressed).
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: What ``-`` reads: ``auto`` (JSON Lines when the first byte that is not white space is ``{``, paths
#: else), ``paths`` (one a line) or ``jsonl`` (records).
STDIN_FORMATS = ("auto", "paths", "jsonl")


def is_jsonl(path: str) -> bool:
    return container_of(path) == "jsonl"


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
    #: what ``-`` reads (``STDIN_FORMATS``)
    stdin_format: str = "auto"
    #: the field of a record that gives its reference date (``--date-field``); None: the job's date
    date_field: str | None = None
    #: read the records of dumps (False: a dump found in a directory is one ``FileItem``, for counting)
    read_records: bool = True


def real_location(path: str) -> str:
    """Where ``path`` is, with every directory above it resolved: the same string for the same place.

    The last component is kept as it is, so that it names the file itself (even one not made yet),
    not what a symbolic link there points to.
    """
    absolute = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))


def _matches(name: str, rel: str, globs: Sequence[str]) -> bool:
    candidates = [name, rel]
    if compression(name):  # --glob '*.txt' also takes story.txt.gz and story.txt.zst
        candidates += [strip_compression(name), strip_compression(rel)]
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
            yield from _stdin_items(spec)
        elif is_remote(arg):
            yield from _remote_items(arg, safe_relpath(arg), spec, "" if not multiple else None)
        elif os.path.isdir(arg):
            yield from _walk(arg, safe_relpath(arg) if multiple else "", spec)
        else:
            yield from _path_items(arg, safe_relpath(arg), spec)


def _path_items(path: str, rel: str, spec: InputSpec) -> Iterator[Item]:
    source = json_safe(path)
    if spec.exclude_paths and real_location(path) in spec.exclude_paths:
        return  # the job's own output, named on standard input by a ``find .``
    if is_remote(path):
        yield from _remote_items(path, rel, spec)
    elif os.path.isdir(path):
        yield from _walk(path, rel, spec)
    elif kind := container_of(path):
        yield from container_items(kind, path, source, rel, spec)
    else:
        yield FileItem(path, source, rel)


def _stdin_lines(spec: InputSpec) -> Iterator[tuple[bytes | None, int]]:
    from wirecut import MAX_INPUT_BYTES

    stream = spec.stdin
    if stream is None:
        return iter(())
    if hasattr(stream, "readline"):  # a real stream: one huge line is read past, never held
        limit = spec.max_line_bytes if spec.max_line_bytes is not None else MAX_INPUT_BYTES
        return bounded_lines(stream, limit)  # type: ignore[arg-type]
    return ((raw, len(raw)) for raw in stream)


def _stdin_items(spec: InputSpec) -> Iterator[Item]:
    """Standard input: paths one a line, or JSON Lines records (``zstd -dc dump.jsonl.zst | wirecut batch -``).

    In ``auto``, the first byte that is not white space decides: ``{`` opens a JSON object, which no
    path a ``find`` or ``ls`` prints does.
    """
    lines = _stdin_lines(spec)
    mode = spec.stdin_format
    seen: list[tuple[bytes | None, int]] = []
    if mode == "auto":
        mode = "paths"
        for line in lines:
            seen.append(line)
            raw = line[0]
            if raw is None:
                continue  # an over-long line: no path is that long, so records it is
            first = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
            if first:
                mode = "jsonl" if first == b"{" else "paths"
                break
    every = itertools.chain(seen, lines)
    if mode == "jsonl":
        yield from stdin_jsonl_items(every, spec)
        return
    for raw, _ in every:
        path = os.fsdecode(raw.rstrip(b"\r\n")) if raw is not None else ""
        if path:
            yield from _path_items(path, safe_relpath(path), spec)


def _remote_items(url: str, rel: str, spec: InputSpec, dir_rel: str | None = None) -> Iterator[Item]:
    """A remote file or directory (through fsspec): the same items as a local one, in sorted order.

    ``dir_rel``: where a directory's files go in a directory output ("" mirrors its contents, as a
    single local directory input does); None: below ``rel``.
    """
    source = json_safe(url)
    try:
        listing = remote_files(url)
    except FileNotFoundError:
        yield Failure(source, source, None, "read", "no such file")
        return
    except Exception as exc:  # fsspec's protocols raise their own errors: one line, the batch goes on
        yield Failure(source, source, None, "discover", f"cannot list: {type(exc).__name__}: {why(exc)}")
        return
    if listing is None:
        kind = container_of(url)
        yield from container_items(kind, url, source, rel, spec) if kind else iter([FileItem(url, source, rel)])
        return
    for found, below in listing:
        name = below.rsplit("/", 1)[-1]
        if any(part.startswith(".") for part in below.split("/")) or not _matches(name, below, spec.globs):
            continue  # hidden files, as in a local directory; and the globs
        top = rel if dir_rel is None else dir_rel
        found_rel = "/".join([*([top] if top else []), *(safe_component(part) for part in below.split("/"))])
        found_source = json_safe(found)
        if kind := container_of(name):
            yield from container_items(kind, found, found_source, found_rel, spec)
        else:
            yield FileItem(found, found_source, found_rel)


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
        elif (kind := container_of(entry.name)) and spec.read_records:
            yield from container_items(kind, path, source, rel, spec)
        else:
            yield FileItem(path, source, rel)


def _is_loop(exc: OSError) -> bool:
    import errno

    return exc.errno == errno.ELOOP


def open_maybe_gzip(path: str) -> BinaryIO:
    """The decompressed bytes of a local or remote input (any compression ``streams`` reads)."""
    return open_input(path)


def count_items(spec: InputSpec) -> int:
    """About how many items ``iter_items`` gives, quickly (for a progress bar's ETA); ``-`` is not counted."""
    total = 0
    counting = InputSpec(spec.inputs, spec.globs, spec.text_field, spec.id_field, None, spec.exclude, False)
    counting.read_records = False  # a dump's records are counted by its lines or its Parquet metadata, never parsed
    for arg in counting.inputs:
        if arg == "-":
            continue
        if is_remote(arg):
            total += 1  # listing a bucket twice to count it costs more than a bar without a total
            continue
        walker = _walk(arg, "", counting) if os.path.isdir(arg) else iter([FileItem(arg, arg, None)])
        for item in walker:
            kind = container_of(item.path) if isinstance(item, FileItem) else None
            total += count_records(kind, item.path) if kind and isinstance(item, FileItem) else 1
    return total
