"""wirecut: separate scraped news wire copy into its parts, with spans into the untouched input.

One text:
    parse(text), parse_bytes(data), parse_file(path) give a Story; read_text(path) decodes a file,
    read_limited(stream, name) reads a stream's bytes up to MAX_INPUT_BYTES.
Many texts, on every core:
    parse_many(texts) and parse_files(paths) yield Stories in order; wirecut.dask.parse_bag for Dask;
    wirecut.batch.run_batch behind ``wirecut batch``.
The records (frozen, each with a ``span`` into ``story.text``):
    Story (``to_dict()`` is the ``wirecut/1`` object), Headline, Dateline, Byline, Caption, Paragraph,
    Related, Note, Residue; Span, Claim.
Configuration, as a value:
    Config and DEFAULT_CONFIG (the rules and the Lexicon), Pipeline and DEFAULT (the older editable
    table), Parser (a rule's signature) and ParseState (what a rule reads and claims in).
Errors:
    WirecutError, InputError (input that is not text), ConfigError (a rule or a claim wirecut refuses).
Limits:
    MAX_INPUT_BYTES, HUGE_TEXT_CHARS.

>>> story = parse("BEIJING, April 19 (Xinhua) -- Chinese President Xi Jinping on Tuesday spoke.")
>>> story.dateline.location, story.dateline.agency, story.body
('BEIJING', 'Xinhua', 'Chinese President Xi Jinping on Tuesday spoke.')
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from wirecut.decode import decode
from wirecut.errors import ConfigError, InputError, WirecutError

if TYPE_CHECKING:
    from wirecut.config import DEFAULT_CONFIG, Config
    from wirecut.lexicon import Lexicon
    from wirecut.pipeline import DEFAULT, Parser, Pipeline
    from wirecut.spans import Claim, ParseState, Span
    from wirecut.story import Byline, Caption, Dateline, Headline, Note, Paragraph, Related, Residue, Story

# The names that bring the parsers (and regex) with them, each loaded from its module when first asked
# for: ``wirecut --version`` and ``--help`` import this package and need none of them, and a one-shot
# command pays for what it uses. parse_many and parse_files bring the batch engine (process pools,
# inputs) when first called.
_LAZY = {
    **dict.fromkeys(["DEFAULT_CONFIG", "Config"], "wirecut.config"),
    "Lexicon": "wirecut.lexicon",
    **dict.fromkeys(["DEFAULT", "Parser", "Pipeline"], "wirecut.pipeline"),
    **dict.fromkeys(["Claim", "ParseState", "Span"], "wirecut.spans"),
    **dict.fromkeys(
        ["Byline", "Caption", "Dateline", "Headline", "Note", "Paragraph", "Related", "Residue", "Story"],
        "wirecut.story",
    ),
}

__version__ = "0.1.0"

#: Inputs larger than this are refused by ``parse_file`` (``parse`` takes any str it is given).
MAX_INPUT_BYTES = 256 * 1024 * 1024

#: A text longer than this is parsed, but the story says that it is no single news story's size: a
#: scrape that ran a whole dump or page archive into one string (50 MB on one line, say).
HUGE_TEXT_CHARS = 8_000_000


def _as_date(value: dt.date | str | None) -> dt.date | None:
    """The reference date as a ``datetime.date``: a ``datetime`` gives its day, a str its ISO date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # a subclass of date that does not compare with one
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"reference_date must be a datetime.date or an ISO date string, not {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"reference_date must be an ISO date such as 2024-01-02, not {value!r}") from exc


def _source(source: str | None) -> str | None:
    """``source`` as the contract has it: a string or null (a number would make the output invalid)."""
    if source is not None and not isinstance(source, str):
        raise TypeError(f"source must be a str or None, not {type(source).__name__}")
    return source


def _config(config: Config | None, pipeline: Pipeline | None) -> Config:
    """The config a call parses with: ``config`` (default ``DEFAULT_CONFIG``) with ``pipeline``'s rules."""
    from wirecut.config import DEFAULT_CONFIG, Config

    if config is not None and not isinstance(config, Config):
        raise TypeError(f"config must be a wirecut.Config, not {type(config).__name__}")
    chosen = DEFAULT_CONFIG if config is None else config
    if pipeline is not None:
        chosen = chosen.replace(rules=tuple(pipeline.rules))
    return chosen


def parse(
    text: str,
    *,
    source: str | None = None,
    reference_date: dt.date | str | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
) -> Story:
    """Parse one text into a Story. Never raises on any str.

    ``reference_date`` gives the year to a dateline that has none when the text itself gives no year;
    ``config`` is the rules and lexicon to parse with (default ``DEFAULT_CONFIG``, see
    ``wirecut.config``); ``pipeline``, the older way, replaces the config's table of parsers.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}; use parse_file() or parse_bytes() for bytes")
    return _config(config, pipeline).run(
        text, source=_source(source), reference_date=_as_date(reference_date), warnings=_size_warnings(text)
    )


def _size_warnings(text: str, warnings: list[str] | None = None) -> list[str]:
    found = list(warnings or [])
    if len(text) > HUGE_TEXT_CHARS:
        found.append(f"text of {len(text):,} characters is far larger than a news story: parsed as one text")
    return found


def parse_bytes(
    data: bytes,
    *,
    source: str | None = None,
    reference_date: dt.date | str | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
) -> Story:
    """Decode bytes (see ``wirecut.decode``) and parse them; raises ``InputError`` for binary data."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"parse_bytes() takes bytes, not {type(data).__name__}; use parse() for a str")
    source, reference = _source(source), _as_date(reference_date)
    text, warnings = decode(bytes(data))
    return _config(config, pipeline).run(
        text, source=source, reference_date=reference, warnings=_size_warnings(text, warnings)
    )


def read_text(path: str | os.PathLike[str]) -> tuple[str, list[str]]:
    """Read and decode a file; raises ``InputError`` with one line a user can act on.

    At most ``MAX_INPUT_BYTES`` are read, whatever the file says its size is: a device such as
    ``/dev/zero`` or a pipe has no size and would otherwise be read until memory runs out.
    """
    file = Path(path)
    if "\0" in str(file):
        raise InputError(f"{str(file)!r}: a file name cannot hold a NUL character")
    try:
        if file.is_dir():
            raise InputError(f"{file}: is a directory (wirecut batch reads directories)")
        size = file.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{file}: {size} bytes is larger than the {MAX_INPUT_BYTES}-byte limit for one text")
        with file.open("rb") as stream:
            data = read_limited(stream, str(file))
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except PermissionError:
        raise InputError(f"{file}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{file}: is a directory (wirecut batch reads directories)") from None
    except OSError as exc:
        raise InputError(f"{file}: cannot be read ({exc.strerror or exc})") from None
    try:
        return decode(data)
    except InputError as exc:
        raise InputError(f"{file}: {exc}") from None


def read_limited(stream: BinaryIO, name: str) -> bytes:
    """All of a binary stream (a file, a device, standard input) up to ``MAX_INPUT_BYTES``, else ``InputError``."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: more than the {MAX_INPUT_BYTES}-byte limit for one text")
    return data


def parse_file(
    path: str | os.PathLike[str],
    *,
    source: str | None = None,
    reference_date: dt.date | str | None = None,
    config: Config | None = None,
    pipeline: Pipeline | None = None,
) -> Story:
    """Read a file's bytes, decode them and parse the text; ``source`` defaults to the path."""
    source, reference = _source(source), _as_date(reference_date)
    text, warnings = read_text(path)
    return _config(config, pipeline).run(
        text,
        source=str(path) if source is None else source,
        reference_date=reference,
        warnings=_size_warnings(text, warnings),
    )


#: Items of ``parse_many`` this long or longer are taken for texts without asking the file system.
_PATH_LIKE_CHARS = 1024


def _looks_like_a_path(story: Story) -> bool:
    # A scraper's text is never one short line that names an existing file: that is a path passed as a text.
    text = story.text
    if story.source is not None or not text or len(text) >= _PATH_LIKE_CHARS or "\n" in text:
        return False
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):  # a name too long for the file system, a NUL: a text
        return False


def parse_many(
    items: Iterable[str | bytes | os.PathLike[str]],
    *,
    workers: int | None = None,
    reference_date: dt.date | str | None = None,
    chunk_size: int | None = None,
    on_error: Literal["raise", "skip"] = "raise",
    config: Config | None = None,
) -> Iterator[Story]:
    """Parse many texts on ``workers`` processes (default: every core); yield their Stories in order.

    A ``str`` is a text, ``bytes`` are decoded like a file's, an ``os.PathLike`` (``pathlib.Path``) is a
    file to read; file names as ``str`` belong to ``parse_files``. A text that is the name of an
    existing file gets a warning in its Story saying so (``parse_many(glob.glob(...))`` is the usual
    slip). A bare ``str`` or ``bytes`` raises ``TypeError``: it is one text, not many. A file that
    cannot be read raises ``InputError`` at its place in the order, or is left out with
    ``on_error="skip"``. Every worker parses with ``config`` (default ``DEFAULT_CONFIG``), sent pickled:
    a rule that cannot be pickled raises ``ConfigError`` before anything runs. Only a window of chunks
    is in memory at a time, so ``items`` may be a generator of any length. In a script, call it under
    ``if __name__ == "__main__":`` (worker processes are started with ``spawn``).

    >>> texts = ["PARIS, May 2 (AFP) - Rain.", "ROME (Reuters) - Sun."]
    >>> [story.dateline.location for story in parse_many(texts, workers=1)]
    ['PARIS', 'ROME']
    """
    if isinstance(items, (str, bytes)):
        raise TypeError(
            f"parse_many() takes an iterable of texts, not one {type(items).__name__} (each character would be"
            " a text): use parse() for one text, parse_file() for one file, parse_files() for file names"
        )
    from wirecut.batch.engine import DEFAULT_CHUNK_SIZE
    from wirecut.batch.engine import parse_many as run

    stories = run(
        items,
        workers=workers,
        reference_date=reference_date,
        chunk_size=DEFAULT_CHUNK_SIZE if chunk_size is None else chunk_size,
        on_error=on_error,
        config=config,
    )
    return _warn_of_paths(stories)


def _warn_of_paths(stories: Iterator[Story]) -> Iterator[Story]:
    for story in stories:
        if _looks_like_a_path(story):
            note = (
                f"the text {story.text!r} is the name of an existing file, parsed as a text:"
                " wirecut.parse_files() reads files"
            )
            story = replace(story, warnings=(*story.warnings, note))
        yield story


def parse_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    reference_date: dt.date | str | None = None,
    chunk_size: int | None = None,
    on_error: Literal["raise", "skip"] = "raise",
    config: Config | None = None,
) -> Iterator[Story]:
    """Read, decode and parse many files on ``workers`` processes; yield their Stories in order.

    ``paths`` are file names (``str``, as ``glob.glob`` gives them, or ``pathlib.Path``); each Story's
    ``source`` is its path. A file that cannot be read raises ``InputError`` at its place in the
    order, or is left out with ``on_error="skip"``. A bare ``str`` raises ``TypeError``: ``parse_file``
    reads one file. The other arguments are ``parse_many``'s.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError(
            f"parse_files() takes an iterable of file names, not one {type(paths).__name__}:"
            " use parse_file() for one file"
        )

    def as_paths() -> Iterator[os.PathLike[str]]:
        for path in paths:
            if not isinstance(path, (str, os.PathLike)):
                raise TypeError(f"parse_files() takes file names (str or os.PathLike), not {type(path).__name__}")
            yield Path(path)

    return parse_many(
        as_paths(),
        workers=workers,
        reference_date=reference_date,
        chunk_size=chunk_size,
        on_error=on_error,
        config=config,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wirecut' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is an ordinary attribute
    return value


def __dir__() -> list[str]:
    # The lazy names too, so that help(wirecut) and dir() list the whole API (loading it to show it).
    return sorted({*globals(), *__all__})


__all__ = [
    "DEFAULT",
    "DEFAULT_CONFIG",
    "HUGE_TEXT_CHARS",
    "MAX_INPUT_BYTES",
    "Byline",
    "Caption",
    "Claim",
    "Config",
    "ConfigError",
    "Dateline",
    "Headline",
    "InputError",
    "Lexicon",
    "Note",
    "Paragraph",
    "ParseState",
    "Parser",
    "Pipeline",
    "Related",
    "Residue",
    "Span",
    "Story",
    "WirecutError",
    "__version__",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_files",
    "parse_many",
    "read_limited",
    "read_text",
]
