"""Streams: the bytes of one input, local or remote, plain or compressed.

Contract:
    Consumes: a path as the user or a listing gave it: a local path, or a URL (``s3://``, ``hf://``,
    ``gs://``, ``https://``, ``memory://``, any protocol fsspec knows), ending in ``.gz``, ``.bz2``,
    ``.xz``, ``.zst`` or none of them.
    Produces: ``open_input`` (a binary stream of the decompressed bytes, for the caller to close),
    ``read_input`` (all of them, at most a limit), the name without its compression suffix
    (``strip_compression``), and the listing of a remote directory (``remote_files``).
    Reads: gzip, bz2 and xz through the standard library; zstd through ``compression.zstd`` (Python
    3.14) or ``zstandard`` (the ``zstd`` extra); remote paths through ``fsspec`` (the ``remote`` extra).
    Never: reads past the limit of one text (a compressed bomb stops there), or raises anything but
    ``InputError`` for an input that cannot be read: a missing extra is one line that names it.

Data teams keep their dumps compressed with zstd (Hugging Face and Common Crawl derivatives), xz
(archives) and bz2 (Wikipedia-style dumps) as often as with gzip, and on object stores more often than
on a local disk; every reader of batch inputs opens its bytes here, so each of those works everywhere.
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from wirecut.errors import InputError
from wirecut.patterns import lazy

#: Compression suffixes and the codec each names.
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd", ".zstd": "zstd"}

# A URL that fsspec opens: a scheme of two letters or more (one letter is a Windows drive, C:\x),
# then "://". file:// is a URL too (fsspec reads it like any other).
_URL_RE = lazy(r"^[A-Za-z][A-Za-z0-9+.\-]+://")


class MissingExtra(InputError):
    """An input needs an optional dependency that is not installed; the message names the extra."""


def needs(extra: str, what: str, module: str) -> MissingExtra:
    return MissingExtra(f"{what} needs {module}: pip install 'wirecut[{extra}]'")


def is_remote(path: str) -> bool:
    """Whether ``path`` is a URL for fsspec rather than a local path.

    >>> is_remote("s3://bucket/dump.jsonl"), is_remote("hf://datasets/x/y"), is_remote("crawl/a.txt")
    (True, True, False)
    """
    return bool(_URL_RE.match(path))


def compression(name: str) -> str | None:
    """The codec ``name``'s suffix asks for, or None.

    >>> compression("dump.jsonl.zst"), compression("a.txt.GZ"), compression("a.txt")
    ('zstd', 'gzip', None)
    """
    lower = name.lower()
    for suffix, codec in COMPRESSIONS.items():
        if lower.endswith(suffix):
            return codec
    return None


def strip_compression(name: str) -> str:
    """``name`` without its compression suffix: what the compressed file holds.

    >>> strip_compression("dump.jsonl.xz"), strip_compression("a.txt")
    ('dump.jsonl', 'a.txt')
    """
    lower = name.lower()
    for suffix in COMPRESSIONS:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def fsspec_module() -> Any:
    try:
        import fsspec
    except ImportError:
        raise needs("remote", "a remote path", "fsspec") from None
    return fsspec


def _open_raw(path: str) -> BinaryIO:
    if not is_remote(path):
        return open(path, "rb")  # the caller closes it
    fsspec = fsspec_module()
    try:
        opened: BinaryIO = fsspec.open(path, "rb").open()
    except ImportError as exc:  # the protocol's own package (s3fs, gcsfs, huggingface_hub) is missing
        raise InputError(f"cannot open {path.split('://')[0]}:// paths: {exc}") from None
    return opened


def _zstd_reader(raw: BinaryIO) -> BinaryIO:
    try:
        from compression import zstd  # Python 3.14's standard library

        return _closing(zstd.ZstdFile(raw), raw)
    except ImportError:
        pass
    try:
        import zstandard
    except ImportError:
        raw.close()
        raise needs("zstd", "a .zst input", "zstandard") from None
    # read_across_frames: zstd -c of several files, and pzstd, write one frame after another
    reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True)
    return io.BufferedReader(reader)  # readline() for JSON Lines and CSV


def open_input(path: str) -> BinaryIO:
    """The decompressed bytes of ``path`` as a stream (the caller closes it)."""
    codec = compression(path)
    raw = _open_raw(path)
    if codec is None:
        return raw
    if codec == "zstd":
        return _zstd_reader(raw)
    if codec == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if codec == "bz2":
        import bz2

        return _closing(bz2.BZ2File(raw), raw)
    import lzma

    return _closing(lzma.LZMAFile(raw), raw)


def _closing(stream: Any, raw: BinaryIO) -> BinaryIO:
    """``stream``, closing ``raw`` with it (BZ2File and LZMAFile leave a file object they were given open)."""
    close = stream.close

    def close_both() -> None:
        try:
            close()
        finally:
            raw.close()

    stream.close = close_both
    return stream


def read_errors() -> tuple[type[BaseException], ...]:
    """What reading a broken input raises: OS errors, a cut stream, a codec's own error."""
    import lzma

    errors: list[type[BaseException]] = [OSError, EOFError, zlib.error, lzma.LZMAError]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:
        pass
    return tuple(errors)


def read_input(path: str, limit: int) -> bytes:
    """All the decompressed bytes of ``path``; ``InputError`` past ``limit`` bytes or for a broken input."""
    codec = compression(path)
    try:
        with open_input(path) as stream:
            data = stream.read(limit + 1)  # a compressed bomb stops at the limit
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("no such file") from None
    except read_errors() as exc:
        what = f"cannot read {codec}" if codec else "cannot read"
        raise InputError(f"{what}: {_why(exc)}") from None
    if len(data) > limit:
        raise InputError(f"decompresses to more than the {limit}-byte limit for one text")
    return data


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def remote_files(url: str) -> Iterator[tuple[str, str]] | None:
    """The files below a remote directory ``url`` in sorted order, as (URL, path below it); None for a file."""
    fsspec = fsspec_module()
    fs, root = fsspec.core.url_to_fs(url)
    if not fs.isdir(root):
        return None
    root = root.rstrip("/")
    found = sorted(fs.find(root, withdirs=False))

    def listing() -> Iterator[tuple[str, str]]:
        for path in found:
            below = path[len(root) :].lstrip("/") if path.startswith(root) else os.path.basename(path)
            yield fs.unstrip_protocol(path), below

    return listing()
