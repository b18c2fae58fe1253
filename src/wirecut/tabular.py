"""Tables: ``wirecut/1`` records with every key and one type, their Arrow schema, HF Features, flat rows.

Contract:
    ``RECORD`` describes the record as data (a dict is an object, a one-item list a list of that, a
    string a scalar type); everything here is made from it, so the schema, the filled records and
    the flat columns cannot drift apart. ``complete(record)`` fills every key a record may lack (the
    extra keys ``iso`` and ``pages`` of residue) with null, in place. ``arrow_schema()`` and
    ``features()`` are the types of a ``wirecut batch`` record for pyarrow, polars and Hugging Face
    ``datasets``; ``flat_row(story)`` is one row of the flat columns (``FLAT_COLUMNS``) that the
    ``csv``, ``tsv`` and ``parquet`` formats write, and ``flat_arrow_schema()`` their types.
    Reads: pyarrow (the ``parquet`` extra) and ``datasets`` only when their functions are called.
    Never: changes a value that is present, or imports pyarrow or datasets at import time.

Why: JSON readers infer a column's type from the values they see, so a shard whose ``bylines`` are
all ``[]`` (a ``list<null>``) will not concatenate with one that has bylines, and a key that only
some records carry (a residue's ``iso``) changes a struct's fields between shards. With every key
present and a published schema, ``datasets.load_dataset("json", ..., features=features())`` and
``pl.read_ndjson(..., schema=...)`` read any shard the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

    from wirecut.story import Story

S = "string"
I64 = "int64"
SPAN = [I64]
DATELINE = {"text": S, "location": S, "date": S, "date_iso": S, "agency": S, "span": SPAN}

#: The ``wirecut/1`` record (``spec/output.md``) with its documented extra keys, as data.
RECORD: dict[str, Any] = {
    "schema": S,
    "source": S,
    "language": S,
    "kind": S,
    "headline": {"text": S, "span": SPAN},
    "dateline": DATELINE,
    "bylines": [{"text": S, "names": [S], "role": S, "span": SPAN}],
    "captions": [{"text": S, "credit": S, "agency": S, "photographers": [S], "dateline": DATELINE, "span": SPAN}],
    "body": {"text": S, "paragraphs": [{"text": S, "span": SPAN}]},
    "related": [{"title": S, "dateline": DATELINE, "summary": S, "marker": S, "span": SPAN}],
    "notes": [{"kind": S, "text": S, "names": [S], "span": SPAN}],
    # iso: a timestamp's date when it could be read; pages: a pagination's page count (both extra keys
    # of the contract, so null wherever they do not apply)
    "residue": [{"kind": S, "text": S, "span": SPAN, "iso": S, "pages": I64}],
    "warnings": [S],
}

#: The keys ``wirecut batch`` adds: ``meta`` (a dump record's other fields, null for a file) and,
#: with ``--with-text``, ``input_text`` (the decoded input that every span indexes).
META_KEY = "meta"
INPUT_TEXT_KEY = "input_text"


def complete(record: dict[str, Any], shape: Mapping[str, Any] = RECORD) -> dict[str, Any]:
    """``record`` with every key of ``shape`` present (null, or ``[]`` for a list), filled in place.

    >>> complete({"residue": [{"kind": "share", "text": "Share", "span": [0, 5]}]})["residue"]
    [{'kind': 'share', 'text': 'Share', 'span': [0, 5], 'iso': None, 'pages': None}]
    """
    for key, kind in shape.items():
        value = record.get(key)
        if value is None:
            if key not in record:
                record[key] = [] if isinstance(kind, list) else None
            continue
        if isinstance(kind, dict) and isinstance(value, dict):
            complete(value, kind)
        elif isinstance(kind, list) and isinstance(kind[0], dict) and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    complete(item, kind[0])
    return record


def batch_record(story: Story, meta: dict[str, Any] | None, *, with_text: bool = False) -> dict[str, Any]:
    """The record ``wirecut batch`` writes: ``story.to_dict()`` completed, with ``meta`` (and ``input_text``)."""
    record = complete(story.to_dict())
    record[META_KEY] = meta
    if with_text:
        record[INPUT_TEXT_KEY] = story.text
    return record


# --- Arrow and datasets -----------------------------------------------------------------------------------


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise ImportError("wirecut.tabular's schemas need pyarrow: pip install 'wirecut[parquet]'") from None
    return pyarrow


def _arrow_type(kind: Any, pa: Any) -> Any:
    if isinstance(kind, dict):
        return pa.struct([(key, _arrow_type(value, pa)) for key, value in kind.items()])
    if isinstance(kind, list):
        return pa.list_(_arrow_type(kind[0], pa))
    return {S: pa.string(), I64: pa.int64()}[kind]


def arrow_schema(*, meta: Any = None, with_text: bool = False, batch: bool = True) -> pa.Schema:
    """The Arrow schema of the records ``wirecut batch`` writes (``batch=False``: of ``Story.to_dict()``).

    ``meta`` is the type of the ``meta`` key: by default a string, which ``datasets`` and polars fill
    with each record's meta as JSON text; give a mapping of field names to Arrow types (or a
    ``pa.DataType``) to read it as a struct. ``with_text``: records made with ``--with-text``.
    """
    pa = _pyarrow()
    fields = [(key, _arrow_type(kind, pa)) for key, kind in RECORD.items()]
    if batch:
        if meta is None:
            meta_type = pa.string()
        elif isinstance(meta, Mapping):
            meta_type = pa.struct(list(meta.items()))
        else:
            meta_type = meta
        fields.append((META_KEY, meta_type))
        if with_text:
            fields.append((INPUT_TEXT_KEY, pa.string()))
    return pa.schema(fields)


def features(*, meta: Any = None, with_text: bool = False, batch: bool = True) -> Any:
    """The Hugging Face ``datasets.Features`` of the records (the same types as ``arrow_schema``).

    ``datasets.load_dataset("json", data_files="stories.jsonl", features=wirecut.tabular.features())``
    """
    try:
        import datasets
    except ImportError:
        raise ImportError("wirecut.tabular.features() needs datasets: pip install datasets") from None
    return datasets.Features.from_arrow_schema(arrow_schema(meta=meta, with_text=with_text, batch=batch))


# --- flat rows ------------------------------------------------------------------------------------------------

#: The columns of the ``csv``, ``tsv`` and ``parquet`` formats, in order, with their types.
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source", S),
    ("kind", S),
    ("language", S),
    ("headline", S),
    ("dateline_text", S),
    ("dateline_location", S),
    ("dateline_date", S),
    ("dateline_date_iso", S),
    ("dateline_agency", S),
    ("bylines", S),  # every byline's names (its text when it names no one), joined with "; "
    ("body", S),  # the paragraphs joined by a blank line
    ("n_paragraphs", I64),
    ("n_captions", I64),
    ("n_related", I64),
    ("n_notes", I64),
    ("n_residue", I64),
    ("warnings", S),  # joined with " | " (a warning is a sentence that may hold a "; ")
    ("meta", S),  # a dump record's other fields as JSON text, empty for a file
)
BYLINE_SEPARATOR = "; "
WARNING_SEPARATOR = " | "


def flat_columns(*, with_text: bool = False) -> list[str]:
    """The names of the flat columns (``input_text`` last with ``--with-text``)."""
    return [name for name, _ in FLAT_COLUMNS] + ([INPUT_TEXT_KEY] if with_text else [])


def flat_row(story: Story, meta: dict[str, Any] | None = None, *, with_text: bool = False) -> dict[str, Any]:
    """One row of the flat columns for ``story``: strings (null where a part is missing) and counts."""
    from wirecut.formats import dumps

    dateline = story.dateline
    names: list[str] = []
    for byline in story.bylines:
        names.extend(byline.names or (byline.text,))
    row: dict[str, Any] = {
        "source": story.source,
        "kind": story.kind,
        "language": story.language,
        "headline": story.headline.text if story.headline else None,
        "dateline_text": dateline.text if dateline else None,
        "dateline_location": dateline.location if dateline else None,
        "dateline_date": dateline.date if dateline else None,
        "dateline_date_iso": dateline.date_iso if dateline else None,
        "dateline_agency": dateline.agency if dateline else None,
        "bylines": BYLINE_SEPARATOR.join(names),
        "body": story.body,
        "n_paragraphs": len(story.paragraphs),
        "n_captions": len(story.captions),
        "n_related": len(story.related),
        "n_notes": len(story.notes),
        "n_residue": len(story.residue),
        "warnings": WARNING_SEPARATOR.join(story.warnings),
        "meta": dumps(meta) if meta is not None else None,
    }
    if with_text:
        row[INPUT_TEXT_KEY] = story.text
    return row


def flat_arrow_schema(*, with_text: bool = False) -> pa.Schema:
    """The Arrow schema of the flat columns (what ``--format parquet`` writes)."""
    pa = _pyarrow()
    fields = [(name, _arrow_type(kind, pa)) for name, kind in FLAT_COLUMNS]
    if with_text:
        fields.append((INPUT_TEXT_KEY, pa.string()))
    return pa.schema(fields)


#: The formats of flat rows: one table per job, written by ``wirecut batch`` only.
TABLE_FORMATS = ("csv", "tsv", "parquet")


def csv_line(row: Mapping[str, Any], columns: list[str], delimiter: str) -> str:
    """One CSV (or TSV) line for ``row``, quoted where it must be, without its line end.

    >>> csv_line({"a": "one, two", "b": None, "c": 3}, ["a", "b", "c"], ",")
    '"one, two",,3'
    """
    import csv
    import io

    out = io.StringIO()
    # The line end "\r\n" is what makes the writer quote a cell that holds a line break (a body's
    # paragraphs): it quotes the characters of its line end, so an empty one would quote none.
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow(
        ["" if row.get(name) is None else row[name] for name in columns]
    )
    return out.getvalue()[:-2]


def flat_features(*, with_text: bool = False) -> Any:
    """The Hugging Face ``datasets.Features`` of the flat columns (for ``Dataset.map(..., features=...)``)."""
    try:
        import datasets
    except ImportError:
        raise ImportError("wirecut.tabular.flat_features() needs datasets: pip install datasets") from None
    return datasets.Features.from_arrow_schema(flat_arrow_schema(with_text=with_text))
