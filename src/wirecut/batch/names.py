r"""Work items, and the names made from them: output paths, ``source`` strings, terminal lines.

Contract:
    Consumes: names from the filesystem (which may hold bytes that are not UTF-8, as surrogate escapes),
    from the user's arguments and from JSON Lines ids (any string).
    Produces: the work items (``FileItem``, ``TextItem``, ``Failure``), output paths that stay below the
    output directory (``safe_relpath``, ``safe_component``, ``safe_id_name``), ``source`` strings that
    are valid UTF-8 (``json_safe``), names safe to print on a terminal (``printable``), and the one-line
    wording of an ``OSError`` (``why``).
    Never: touches the filesystem.

Risk carried here: a name that escapes the output directory, two inputs that share one output (the
second would be counted "already done"), and a hostile file name (escape sequences, newlines) that
reaches a terminal raw. Every function here is pure, so each of those is a property test.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any, NamedTuple

from wirecut.errors import WirecutError


class BatchError(WirecutError):
    """The job as a whole cannot run (bad output, another batch holds the lock, a resume mismatch)."""


# --- work items -------------------------------------------------------------------------------------
# NamedTuples: the cheapest records to pickle to a worker, and immutable.


class FileItem(NamedTuple):
    """A text file (compressed or not, local or remote) that the worker reads itself."""

    path: str  # filesystem path; may hold surrogate escapes from a name that is not UTF-8
    source: str  # what the document's ``source`` says: valid UTF-8
    rel: str | None  # safe output path relative to the output directory, without suffix


class TextItem(NamedTuple):
    """A text already in memory: a record of a JSON Lines, CSV or Parquet dump, or an item of ``parse_many``."""

    text: str | bytes
    source: str | None
    rel: str | None
    meta: dict[str, Any] | None
    path: str | None = None  # the JSON Lines (CSV, Parquet) file, for the errors sink
    line: int | None = None
    #: the record's own reference date (``--date-field``), ISO; None: the job's
    reference_date: str | None = None
    #: what reading the record doubted (a date field that is no date): they go into its story's warnings
    warnings: tuple[str, ...] = ()


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


# --- names for JSON and for the terminal -----------------------------------------------------------


def json_safe(text: str) -> str:
    r"""``text`` with what cannot be UTF-8 shown as escapes, so that it can go into JSON.

    >>> json_safe("caf\udce9.txt")
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


def _escape_unprintable(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(name: str) -> str:
    r"""``name`` (a file name, a ``source``) made safe to put in one line on a terminal.

    Control characters (escape sequences, newlines, carriage returns, tabs), format characters (the
    bidirectional overrides that reorder what the reader sees) and line separators are written as
    Python-style escapes; so are bytes that are not UTF-8. Everything else is kept as it is, so an
    ordinary name reads unchanged.

    >>> printable("crawl/a.txt"), printable("Zürich 1.txt")
    ('crawl/a.txt', 'Zürich 1.txt')
    >>> printable("evil\x1b[2J\nwirecut: ok\u202e.txt")
    'evil\\x1b[2J\\nwirecut: ok\\u202e.txt'
    >>> printable("caf\udce9.txt")
    'caf\\xe9.txt'
    """
    name = json_safe(name)
    if name.isprintable():
        return name
    return "".join(char if char.isprintable() else _escape_unprintable(char) for char in name)


def why(exc: BaseException) -> str:
    """What went wrong, in the words of one line: ``permission denied``."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def short(exc: BaseException) -> str:
    """The first line of an exception's message, at most 200 characters."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


# --- output paths ----------------------------------------------------------------------------------

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
    # The empty id is a lone "%": no escape gives it (each is "%" and two hex digits), so it cannot be
    # the name of an id of one NUL character ("%00").
    return _cap_length(name, ident) if name else "%"


def safe_component(name: str) -> str:
    r"""One path component from the filesystem or the user, made safe to create under the output.

    Ordinary names are kept as they are; bytes that are not UTF-8, control characters and ``%`` itself
    are %-escaped, so the escape can be undone and two names never share a component (``tab\tx`` and
    ``tab%09x`` stay apart). Separators cannot occur (callers split on them first), and ``.``, ``..``
    and the empty name become ``%2E``, ``%2E%2E`` and ``%`` (which no escape gives: a NUL is ``%00``).

    >>> safe_component("caf\udce9.txt"), safe_component("tab\there"), safe_component("plain.txt")
    ('caf%E9.txt', 'tab%09here', 'plain.txt')
    >>> safe_component("tab%09here"), safe_component("..")
    ('tab%2509here', '%2E%2E')
    """
    pieces = []
    for char in name:
        if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8 in the name
            pieces.append(f"%{ord(char) - 0xDC00:02X}")
        elif not char.isprintable() or char in "%/\\\x00" or "\ud800" <= char <= "\udfff":
            pieces.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass")))
        else:
            pieces.append(char)
    safe = "".join(pieces)
    if safe in ("", ".", ".."):
        return "%2E" * len(safe) or "%"
    return _cap_length(safe, name)


#: The component that stands for the root of an absolute path: ``/p/x.txt`` is not ``p/x.txt``.
ROOT_COMPONENT = "%2F"
#: The component that stands for ``..``: ``../p/x.txt`` is not ``p/x.txt`` either.
PARENT_COMPONENT = "%2E%2E"


def safe_relpath(path: str) -> str:
    """A path as the user gave it, made relative and safe, one input to one name.

    ``.`` and repeated separators are dropped (they name the same file); the root, a drive and ``..``
    become components of their own (``%2F``, ``C%3A``, ``%2E%2E``) that no name found on disk can
    give, since ``%`` in a name is escaped.

    >>> safe_relpath("/data/crawl/../a.txt"), safe_relpath("./x//y.txt"), safe_relpath("../p/x.txt")
    ('%2F/data/crawl/%2E%2E/a.txt', 'x/y.txt', '%2E%2E/p/x.txt')
    """
    drive, rest = os.path.splitdrive(path)
    separators = os.sep + (os.altsep or "")
    for separator in separators[1:]:
        rest = rest.replace(separator, separators[0])
    parts = []
    if drive:
        parts.append(safe_component(drive).replace(":", "%3A"))
    if rest.startswith(separators[0]):
        parts.append(ROOT_COMPONENT)
    for part in rest.split(separators[0]):
        if part in ("", "."):
            continue
        parts.append(PARENT_COMPONENT if part == ".." else safe_component(part))
    return "/".join(parts) or "input"
