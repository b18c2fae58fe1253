"""Records: the texts inside a dump, one work item each: JSON Lines, CSV, TSV and Parquet.

Contract:
    Consumes: a dump file (local or remote, compressed or not; see ``streams``) or a stream of lines
    (JSON Lines on standard input), and the fields that the job names: the text (``--text-field``),
    the id (``--id-field``) and the reference date (``--date-field``).
    Produces: one ``TextItem`` per record, numbered from 1 in the file (its line for JSON Lines, its
    row for CSV, TSV and Parquet), with every other field kept as ``meta``; one ``Failure`` per bad
    record (malformed, no text); one ``Failure`` for a file that cannot be read past some point.
    Reads: CSV and TSV through the standard library, Parquet through pyarrow (the ``parquet`` extra),
    one row group batch at a time.
    Never: holds more than one record of a JSON Lines or CSV file, or one batch of Parquet rows; stops
    a file for one bad record; stops a record for a bad date (its story gets a warning instead).

A dump as data teams have it is a table of records with a text column, an id or URL column and a
publication date column, in whichever of these containers their tools wrote. A new container is one
more ``*_rows`` generator chosen in ``container_items``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from wirecut.batch.names import Failure, Item, TextItem, json_safe, safe_id_name, short, why
from wirecut.batch.streams import compression, is_remote, needs, open_input, read_errors, strip_compression
from wirecut.errors import InputError
from wirecut.patterns import lazy

if TYPE_CHECKING:
    from wirecut.batch.inputs import InputSpec

#: Suffixes (after a compression suffix is taken off) that make a file a dump of records.
CONTAINERS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet"}


def container_of(name: str) -> str | None:
    """The kind of dump ``name`` is (``jsonl``, ``csv``, ``tsv``, ``parquet``), or None for one text.

    >>> container_of("dump.jsonl.zst"), container_of("x.CSV"), container_of("a.parquet"), container_of("a.txt")
    ('jsonl', 'csv', 'parquet', None)
    """
    lower = strip_compression(name).lower()
    for suffix, kind in CONTAINERS.items():
        if lower.endswith(suffix):
            return kind
    return None


def _loads() -> Callable[[bytes], Any]:
    try:
        import orjson

        return orjson.loads  # about twice as fast, the driver's main cost on JSON Lines input
    except ImportError:  # pragma: no cover - orjson is in the test extra
        return json.loads


_UTF8_BOM = b"\xef\xbb\xbf"  # editors on Windows and some exporters start a UTF-8 file with it
_SKIP_BYTES = 1 << 20  # the piece in which an over-long line is read past


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
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


# --- reference dates ---------------------------------------------------------------------------------

# The date forms of dump fields: ISO 8601 (Common Crawl's WARC-Date, most scrapers' "published",
# datatrove's "date"), with or without a time after it; GDELT's and Wayback's compact YYYYMMDD[hhmmss];
# epoch seconds (or milliseconds) written as digits.
_ISO_DATE_RE = lazy(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]|[+-]\d\d:?\d\d$|Z$)")
_COMPACT_DATE_RE = lazy(r"^(\d{4})(\d{2})(\d{2})(?:\d{4}(?:\d{2})?)?$")
_EPOCH_RE = lazy(r"^-?\d{9,13}(?:\.\d+)?$")


def reference_date(value: Any) -> dt.date:
    """The date a dump's field gives; ``ValueError`` when it gives none.

    >>> [reference_date(v).isoformat() for v in ("2024-01-02T10:00:00Z", "Tue, 02 Jan 2024 10:00:00 GMT",
    ...                                          "20240102", 1704189600)]
    ['2024-01-02', '2024-01-02', '2024-01-02', '2024-01-02']
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("not a date")
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    text = value.strip()
    if match := _ISO_DATE_RE.match(text):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    if match := _COMPACT_DATE_RE.match(text):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    if _EPOCH_RE.match(text):
        return _from_epoch(float(text))
    from email.utils import parsedate_to_datetime

    try:  # RSS's pubDate and HTTP's Last-Modified: "Tue, 02 Jan 2024 10:00:00 GMT"
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError("not a date") from None


def _from_epoch(seconds: float) -> dt.date:
    if abs(seconds) >= 1e11:  # milliseconds (JavaScript's Date.now(), Kafka timestamps)
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
    except (OverflowError, OSError) as exc:
        raise ValueError("out of range") from exc


def _record_date(record: dict[str, Any], field: str) -> tuple[str | None, tuple[str, ...]]:
    value = record.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ()  # no date in this record: the job's --reference-date, if any, is used
    try:
        return reference_date(value).isoformat(), ()
    except (ValueError, OverflowError):
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        return None, (
            f"date field {field!r} holds {shown}, which is not a date: this record was parsed without its"
            " own reference date",
        )


# --- records to items ----------------------------------------------------------------------------------


class _Records:
    """Turns the records of one dump into items: text, id, name, meta and date, the same for every container."""

    def __init__(self, source: str, path: str, rel_dir: str, spec: InputSpec, unit: str) -> None:
        self.source = source
        self.path = path
        self.rel_dir = rel_dir
        self.spec = spec
        self.unit = unit  # "line" or "row": what a record's number counts, in messages
        self.typed = False  # whether cells are typed values (Parquet), not JSON or strings
        self.names_taken: set[str] = set()  # a directory output needs one name per record, even for duplicate ids

    def failure(self, number: int, error: str, reason: str) -> Failure:
        return Failure(f"{self.source}:{number}", self.path, number, error, reason)

    def item(self, record: dict[str, Any], number: int, error: str = "json") -> Item:
        spec = self.spec
        text = record.get(spec.text_field)
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text)  # a binary column: decoded by the worker, as a file is
        elif not isinstance(text, str):
            what = "missing" if text is None else f"a {type(text).__name__}, not a string"
            return self.failure(number, error, f"field {spec.text_field!r} is {what}")
        ident = _ident(record.get(spec.id_field)) if spec.id_field else None
        if self.typed:  # Parquet: dates and bytes as text, so that meta is JSON
            meta = {key: _jsonable(value) for key, value in record.items() if key != spec.text_field}
        else:
            meta = {key: value for key, value in record.items() if key != spec.text_field}
        doc_source = f"{self.source}#{json_safe(ident)}" if ident else f"{self.source}:{number}"
        rel = None
        if spec.name_outputs:
            name = safe_id_name(ident) if ident else f"{self.unit}-{number}"
            if name in self.names_taken:  # "~" never occurs in a safe id, so this cannot collide
                name = f"{name}~L{number}"
            self.names_taken.add(name)
            rel = f"{self.rel_dir}/{name}" if self.rel_dir else name
        date, warnings = _record_date(record, spec.date_field) if spec.date_field else (None, ())
        return TextItem(text, doc_source, rel, meta, self.path, number, date, warnings)


def _ident(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value) if not isinstance(value, str) else (value or None)


def _limit(spec: InputSpec) -> int:
    from wirecut import MAX_INPUT_BYTES

    return spec.max_line_bytes if spec.max_line_bytes is not None else MAX_INPUT_BYTES


def jsonl_records(lines: Iterable[tuple[bytes | None, int]], records: _Records) -> Iterator[Item]:
    """The items of JSON Lines given as (line, size) pairs (``bounded_lines``); a bad line is one Failure."""
    loads = _loads()
    limit = _limit(records.spec)
    for lineno, (raw, size) in enumerate(lines, 1):
        if raw is None:
            reason = f"line of {size} bytes is over the limit of {limit} bytes for one record"
            yield records.failure(lineno, "read", reason)
            continue
        if lineno == 1 and raw.startswith(_UTF8_BOM):
            raw = raw[len(_UTF8_BOM) :]
        if not raw.strip():
            continue
        try:
            record = loads(raw)
        except ValueError as exc:
            yield records.failure(lineno, "json", f"malformed JSON line: {short(exc)}")
            continue
        if not isinstance(record, dict):
            yield records.failure(lineno, "json", f"not a JSON object but {type(record).__name__}")
            continue
        yield records.item(record, lineno)


def stdin_jsonl_items(lines: Iterable[tuple[bytes | None, int]], spec: InputSpec) -> Iterator[Item]:
    """JSON Lines records on standard input: ``source`` is ``-#id`` or ``-:line``; outputs go under ``stdin/``."""
    yield from jsonl_records(lines, _Records("-", "-", "stdin", spec, "line"))


def container_items(kind: str, path: str, source: str, rel_dir: str, spec: InputSpec) -> Iterator[Item]:
    """The records of the dump at ``path`` as items; a file that cannot be read is one Failure, after its records."""
    records = _Records(source, source, rel_dir, spec, "line" if kind == "jsonl" else "row")
    number = 0
    try:
        if not is_remote(path) and not os.path.isfile(path):
            reason = "no such file" if not os.path.lexists(path) else "not a regular file"
            yield Failure(source, source, None, "read", reason)
            return
        if kind == "parquet":
            for number, item in _parquet_items(path, records):  # noqa: B007 - the last number is reported
                yield item
            return
        with open_input(path) as stream:
            if kind == "jsonl":
                for item in jsonl_records(bounded_lines(stream, _limit(spec)), records):
                    number = getattr(item, "line", None) or number
                    yield item
            else:
                for number, item in _csv_items(stream, "\t" if kind == "tsv" else ",", records):  # noqa: B007
                    yield item
    except InputError as exc:
        yield Failure(source, source, None, "read", str(exc))
    except read_errors() as exc:
        after = f" after {records.unit} {number}" if number else ""
        yield Failure(source, source, None, "read", f"cannot read{after}: {why(exc)}")


def _csv_items(stream: BinaryIO, delimiter: str, records: _Records) -> Iterator[tuple[int, Item]]:
    """CSV (or TSV) with a header row; cells are strings. Bytes that are not UTF-8 reach the worker as bytes."""
    limit = _limit(records.spec)
    # The csv module's cell limit is a process setting (131,072 by default, smaller than long stories):
    # raised to the job's limit for one text, never lowered.
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError(f"malformed header row: {short(exc)}") from None
    if records.spec.text_field not in columns:
        shown = ", ".join(repr(c) for c in columns[:8]) + (", ..." if len(columns) > 8 else "")
        raise InputError(f"no column {records.spec.text_field!r} (--text-field) among {shown or 'no columns'}")
    number = 0
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            number += 1
            yield number, records.failure(number, "csv", f"malformed row: {short(exc)}")
            continue
        if row is None:
            return
        number += 1
        # A stray delimiter gives a row more cells than the header: they are kept, under a name of their own.
        extra = row.pop(None, None)  # type: ignore[call-overload, unused-ignore]
        if extra:
            row["_extra"] = [json_safe(cell) for cell in extra]
        for key, value in row.items():
            if isinstance(value, str) and not value.isascii():
                row[key] = _undecoded(value) if key == records.spec.text_field else json_safe(value)
        yield number, records.item(row, number, "csv")


def _undecoded(value: str) -> str | bytes:
    """A text cell with bytes that were not UTF-8 as those bytes (the worker decodes them and warns), else the cell."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape")


def _parquet_items(path: str, records: _Records) -> Iterator[tuple[int, Item]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise needs("parquet", "a Parquet input", "pyarrow") from None
    import pyarrow as pa

    records.typed = True
    if compression(path):
        raise InputError("a compressed Parquet file: Parquet compresses its own columns; decompress it first")
    with open_input(path) as stream:
        try:
            parquet = pq.ParquetFile(stream)
        except (pa.ArrowInvalid, pa.ArrowException) as exc:
            raise InputError(f"not a Parquet file: {short(exc)}") from None
        columns = parquet.schema_arrow.names
        if records.spec.text_field not in columns:
            shown = ", ".join(repr(c) for c in columns[:8]) + (", ..." if len(columns) > 8 else "")
            raise InputError(f"no column {records.spec.text_field!r} (--text-field) among {shown}")
        number = 0
        try:
            for batch in parquet.iter_batches(batch_size=256):
                for row in batch.to_pylist():
                    number += 1
                    yield number, records.item(row, number, "read")
        except (pa.ArrowInvalid, pa.ArrowException) as exc:
            raise InputError(f"cannot read after row {number}: {short(exc)}") from None


def _jsonable(value: Any) -> Any:
    """A Parquet cell as a value that JSON can hold (for ``meta``): dates as ISO text, bytes as text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return str(value)  # Decimal, timedelta: their text


def count_records(kind: str, path: str) -> int:
    """About how many records the dump at ``path`` holds (lines, or Parquet's row count), 0 if unknown."""
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            with open_input(path) as stream:
                return int(pq.ParquetFile(stream).metadata.num_rows)
        count = 0
        with open_input(path) as data:
            while block := data.read(1 << 20):
                count += block.count(b"\n")
        return count - (kind in ("csv", "tsv"))  # the header row
    except Exception:  # a progress bar without a total is fine
        return 0
