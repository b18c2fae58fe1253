"""The review report: one self-contained HTML page that shows a batch of parsed stories.

Contract:
    Consumes: ``ReportInput``s: a source with a parsed ``Story``, or with a ``wirecut/1`` record as
    ``batch --with-text`` wrote it and its input text, or with an error message. ``collect(paths)``
    makes them from text files, directories (of texts, or a batch's mirrored ``.json`` outputs), JSON
    Lines dumps with a text field and JSON Lines batch outputs, parsing what needs parsing on a pool
    of processes (batch's engine and reader).
    Produces: ``build_report(inputs, title=...) -> str``, one HTML document with its CSS and JS
    inline: no network, no server, no build step (it opens from ``file://`` and works offline). The
    page carries every document as data in one JSON block and draws only what is on screen: a page
    of the document list and the one document opened, so 5,000 documents stay quick.
    Shows: a summary (documents, failures, warnings, quality flags, kinds, parts found), filters by
    part, warning, quality flag, kind and status, a text search, a list that gives each document's
    headline, kind, language and flags, and for the opened document its text with each part
    highlighted in the colours of ``wirecut show`` beside the parts' structured fields and its warnings.
    ``quality_flags(record, text)`` names what a reviewer should look at (``FLAGS``); they are shown as
    warnings and can filter the page (``select``) and an export of sources (``export_record``).
    Reads: nothing but its arguments (and the files ``collect`` is given); stdlib and wirecut only.

Security, because scraped text is hostile (``</script>``, ``<img onerror=...>``): input never becomes
markup. The data block is JSON with ``<``, ``>`` and ``&`` written as ``\\u003c`` escapes, so no input
can end the block; the page's script builds every node with ``textContent``, never ``innerHTML``; and
a Content-Security-Policy allows only the page's own script (by its hash) and no network at all, so
even a mistake could neither run injected script nor reach out.

Offsets: wirecut's spans count code points, JavaScript strings count UTF-16 units. The page is given
UTF-16 offsets (they differ only after a character beyond U+FFFF, such as an emoji).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirecut.review import LABEL_ORDER, PALETTE, describe_record, nested_datelines

if TYPE_CHECKING:
    from wirecut.batch import Item
    from wirecut.story import Story

#: Files a directory is searched for: texts, a batch's ``.json`` outputs, and JSON Lines (also gzipped).
TEXT_SUFFIXES = (".txt", ".txt.gz")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
#: The key under which ``batch --with-text`` keeps a record's input text.
INPUT_TEXT_KEY = "input_text"
SCHEMA = "wirecut/1"

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: A count in a warning ("3 bytes"), but not a number inside a name ("UTF-8").
_NUMBER_RE = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)*(?![\w-])")
#: Characters that could end the data block or be read as markup, as JSON escapes.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class ReportInput:
    """One document of the report: its source and either the parsed story, a ``wirecut/1`` record with
    its input text (``batch --with-text``), or why it failed."""

    source: str
    story: Story | None = None
    error: str | None = None
    record: Mapping[str, Any] | None = None
    text: str | None = None


# --- quality flags ----------------------------------------------------------------------------------

#: Each quality flag and what it tells a reviewer. A flag is a reason to look at a document, not an
#: error: the record is what wirecut made of the text, and the flag says where that may be wrong.
FLAGS: dict[str, str] = {
    "no-body": "no body: a story page whose story text was not found",
    "unknown-text": "a large share of the text is residue of kind unknown",
    "many-warnings": "the parser doubted several things",
    "doubtful-language": "the language is unknown or does not match the text's letters",
    "mojibake": "UTF-8 text that was decoded as Windows-1252 or Latin-1 (`â€™` for `’`)",
}
#: Share of the text's non-space characters in ``unknown`` residue from which a document is flagged: a
#: page whose story was found keeps its furniture under a tenth; at a fifth, whole blocks were not placed.
UNKNOWN_SHARE = 0.2
#: Warnings from which a document is flagged: one or two are routine (a second dateline, a replaced byte).
MANY_WARNINGS = 3
#: Letters a text needs before its language is judged: a headline-only text is too short to know.
MIN_LETTERS = 40

# The lead byte of a two- or three-byte UTF-8 sequence read as Windows-1252/Latin-1 (Â Ã ... for
# C2-DF, â for E2 and its neighbours), followed by what a continuation byte 80-BF becomes then: a C1
# control or NBSP-¿ in Latin-1, or one of cp1252's 0x80-0x9F punctuation (€ ‚ „ … ‘ ’ “ ” • – — ™ ...).
# Real text almost never puts such a pair together, so one is enough: `RNLIâ€™s`, `Ã©tÃ©`, `Â£5`.
_CONTINUATION = (
    "\u0080-\u00bf"  # Latin-1: C1 controls, NBSP to ¿
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"  # cp1252 letters: Œ œ Š š Ÿ Ž ž ƒ ˆ ˜
    "\u2013\u2014\u2018-\u201a\u201c-\u201e"  # cp1252 punctuation: – — ‘ ’ ‚ “ ” „
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"  # † ‡ • … ‰ ‹ › € ™
)
_MOJIBAKE_RE = re.compile(
    f"[\u00c2-\u00df][{_CONTINUATION}]"  # two-byte letters: é as Ã©, £ as Â£, NBSP as Â + NBSP
    f"|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}"  # three-byte punctuation: ’ as â€™, — as â€”, € as â‚¬
)

# Letters by script, for the language check (stdlib ranges: the main blocks of each script).
_SCRIPTS = {
    "Latin": re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"),  # beyond ASCII
    "Cyrillic": re.compile("[\u0400-\u04ff]"),
    "Arabic": re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "Han": re.compile("[\u3400-\u4dbf\u4e00-\u9fff]"),
    "Kana": re.compile("[\u3040-\u30ff]"),
    "Hangul": re.compile("[\uac00-\ud7af\u1100-\u11ff]"),
    "Greek": re.compile("[\u0370-\u03ff]"),
    "Hebrew": re.compile("[\u0590-\u05ff]"),
    "Devanagari": re.compile("[\u0900-\u097f]"),
    "Thai": re.compile("[\u0e00-\u0e7f]"),
}
# The scripts a language's text is written in, for the languages wirecut answers with a script other
# than Latin (every other tag is read as a Latin-script language). Japanese mixes kana with kanji.
_SCRIPTS_OF_LANGUAGE = {
    "ru": ("Cyrillic",),
    "uk": ("Cyrillic",),
    "bg": ("Cyrillic",),
    "sr": ("Cyrillic", "Latin"),
    "ar": ("Arabic",),
    "fa": ("Arabic",),
    "ur": ("Arabic",),
    "zh": ("Han",),
    "ja": ("Kana", "Han"),
    "ko": ("Hangul", "Han"),
    "el": ("Greek",),
    "he": ("Hebrew",),
    "hi": ("Devanagari",),
    "th": ("Thai",),
}


#: The ASCII characters that are not letters, deleted to count the ASCII letters (all of them Latin).
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_NON_ASCII_RE = re.compile("[^\x00-\x7f]+")


def _letters_by_script(text: str) -> Counter[str]:
    """Letters per script; the ASCII ones by a byte translation (most wire copy is nearly all ASCII)."""
    scripts = Counter({"Latin": len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))})
    if not text.isascii():
        rare = "".join(_NON_ASCII_RE.findall(text))
        scripts.update({name: len(pattern.findall(rare)) for name, pattern in _SCRIPTS.items()})
    return scripts


def _language_doubt(language: str, text: str, warnings: Iterable[str]) -> str | None:
    said = next((w for w in warnings if "language" in w.lower()), None)
    if said:  # the parser said so itself
        return f"the parser doubts the language: {said}"
    scripts = _letters_by_script(text)
    letters = sum(scripts.values())
    if letters < MIN_LETTERS:
        return None
    if language in ("und", "", None):
        return "language unknown (und)"
    expected = _SCRIPTS_OF_LANGUAGE.get(language, ("Latin",))
    if sum(scripts[name] for name in expected) < letters / 2:
        main = scripts.most_common(1)[0][0]
        return f"language {language}, but most letters are {main}"
    return None


def quality_flags(record: Mapping[str, Any], text: str) -> list[tuple[str, str]]:
    """What a reviewer should look at in one document: ``(flag, message)`` pairs, flags from ``FLAGS``.

    >>> record = {"kind": "story", "body": {"paragraphs": []}, "residue": [], "warnings": [], "language": "en"}
    >>> text = "RNLI\u00e2\u20ac\u2122s lifeboat was called out twice on Sunday afternoon."
    >>> [flag for flag, _ in quality_flags(record, text)]
    ['no-body', 'mojibake']
    """
    flags: list[tuple[str, str]] = []
    warnings = [w for w in record.get("warnings") or () if isinstance(w, str)]
    body = record.get("body")
    paragraphs = body.get("paragraphs") if isinstance(body, dict) else None
    if record.get("kind") in (None, "story", "digest") and not paragraphs and text.strip():
        flags.append(("no-body", "quality: no body found"))
    characters = len(text) - sum(text.count(c) for c in " \n\t\r") if text else 0
    unknown = 0
    for part in record.get("residue") or ():
        span = part.get("span") if isinstance(part, dict) else None
        if part.get("kind") == "unknown" and isinstance(span, list) and len(span) == 2:
            piece = text[span[0] : span[1]]
            unknown += len(piece) - sum(piece.count(c) for c in " \n\t\r")
    if characters and unknown >= UNKNOWN_SHARE * characters:
        flags.append(("unknown-text", f"quality: {100 * unknown / characters:.0f} % of the text is unknown residue"))
    if len(warnings) >= MANY_WARNINGS:
        flags.append(("many-warnings", f"quality: {len(warnings)} warnings"))
    doubt = _language_doubt(str(record.get("language") or "und"), text, warnings)
    if doubt:
        flags.append(("doubtful-language", f"quality: {doubt}"))
    found = None if text.isascii() else _MOJIBAKE_RE.search(text)
    if found:
        sample = text[max(0, found.start() - 8) : found.end() + 8].strip()
        flags.append(("mojibake", f"quality: mojibake (UTF-8 read as Windows-1252): {sample!r}"))
    elif any("mojibake" in w.lower() for w in warnings):
        flags.append(("mojibake", "quality: the parser found mojibake"))
    return flags


# --- reading inputs -----------------------------------------------------------------------------


def _reference(value: object) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _is_batch_record(value: object) -> bool:
    return isinstance(value, dict) and value.get("schema") == SCHEMA


def _without_text(source: str) -> str:
    return (
        f"{source}: a wirecut/1 record without its input text: make the batch with"
        f" 'wirecut batch --with-text' (it keeps the text under {INPUT_TEXT_KEY!r}), or report the texts themselves"
    )


def _first_record(path: Path) -> Any:
    """The first JSON value of a JSON Lines file (None if there is none): is it a batch's output?"""
    from wirecut.batch.streams import open_input

    try:
        with open_input(str(path)) as lines:
            for _ in range(1000):
                raw = lines.readline(1 << 26)
                if not raw:
                    return None
                if raw.strip():
                    return json.loads(raw.lstrip(b"\xef\xbb\xbf"))
    except Exception:  # unreadable, not JSON, a codec's extra missing: the reader says so, line by line
        return None
    return None


#: One entry of the stream ``collect`` works through: a document that is ready (a batch record, a
#: failure), or an item to parse with its reference date.
_Entry = ReportInput | tuple["Item", dt.date | None]


def _jsonl_entries(
    path: Path, text_field: str, id_field: str | None, reference_date: dt.date | None
) -> Iterator[_Entry]:
    """The records of a JSON Lines file, read by batch's reader (by bytes and ``\\n``: a U+2028 inside a
    text is no line break): a batch's output records are ready, a dump's texts are to be parsed."""
    from wirecut.batch import Failure, InputSpec, TextItem, iter_items

    batch_output = _is_batch_record(_first_record(path))
    field = INPUT_TEXT_KEY if batch_output else text_field
    spec = InputSpec([str(path)], text_field=field, id_field=None if batch_output else id_field, name_outputs=False)
    for item in iter_items(spec):
        if isinstance(item, Failure):
            missing = batch_output and item.error == "json" and item.reason.startswith(f"field {field!r} is")
            yield ReportInput(
                item.source, error=_without_text(item.source) if missing else f"{item.source}: {item.reason}"
            )
        elif batch_output and isinstance(item, TextItem) and isinstance(item.text, str):
            record = item.meta or {}
            source = record.get("source")
            yield ReportInput(
                source if isinstance(source, str) and source else str(item.source), record=record, text=item.text
            )
        elif isinstance(item, TextItem):
            row_date = _reference((item.meta or {}).get("reference_date"))
            yield item, row_date or reference_date


def _json_entries(path: Path, text_field: str, reference_date: dt.date | None) -> Iterator[_Entry]:
    """A ``.json`` file: one output of a directory batch (or of ``wirecut parse``), or objects with a text."""
    from wirecut.batch import TextItem

    name = str(path)
    try:
        loaded = json.loads(path.read_bytes())
    except OSError as exc:
        yield ReportInput(name, error=f"{name}: cannot be read ({exc.strerror or exc})")
        return
    except ValueError as exc:
        yield ReportInput(name, error=f"{name}: not JSON ({exc})")
        return
    rows = loaded if isinstance(loaded, list) else [loaded]
    for number, row in enumerate(rows, 1):
        here = name if len(rows) == 1 else f"{name}:{number}"
        if _is_batch_record(row):
            text = row.get(INPUT_TEXT_KEY)
            if not isinstance(text, str):
                yield ReportInput(here, error=_without_text(here))
                continue
            record = {key: value for key, value in row.items() if key != INPUT_TEXT_KEY}
            source = record.get("source")
            yield ReportInput(source if isinstance(source, str) and source else here, record=record, text=text)
        elif isinstance(row, dict) and isinstance(row.get(text_field), str):
            ident = row.get("id") if isinstance(row.get("id"), str) and row.get("id") else here
            yield TextItem(row[text_field], ident, None, None), _reference(row.get("reference_date")) or reference_date
        else:
            yield ReportInput(
                here, error=f"{here}: neither a wirecut/1 record nor an object with a {text_field!r} string"
            )


def _walk(directory: Path) -> Iterator[Path]:
    """The text and JSON files under ``directory``, sorted, hidden ones (a batch's ``.wirecut``) left out."""
    from wirecut.batch import is_jsonl

    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if name.lower().endswith(TEXT_SUFFIXES + JSON_SUFFIXES) or is_jsonl(name):  # .jsonl.zst too
                yield Path(root) / name


def _entries(
    paths: Iterable[str | os.PathLike[str]], text_field: str, id_field: str | None, reference_date: dt.date | None
) -> Iterator[_Entry]:
    from wirecut.batch import FileItem, is_jsonl, json_safe

    for given in paths:
        path = Path(given)
        for file in _walk(path) if path.is_dir() else iter([path]):
            name = str(file)
            if is_jsonl(name):
                yield from _jsonl_entries(file, text_field, id_field, reference_date)
            elif name.lower().endswith(".json"):
                yield from _json_entries(file, text_field, reference_date)
            else:
                yield FileItem(name, json_safe(name), None), reference_date


def collect(
    paths: Iterable[str | os.PathLike[str]],
    *,
    reference_date: dt.date | None = None,
    text_field: str = "text",
    id_field: str | None = "id",
    jobs: int | None = 1,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[ReportInput]:
    """Every document of ``paths``, in their order: batch records as they are, texts parsed.

    Texts (files, and records of dumps with a ``text_field``) are parsed on ``jobs`` worker processes
    (None: every core) by batch's engine, with its time budget; a row's own ``reference_date`` is kept.
    An input that cannot be read becomes a failed document with the reason, never an exception: the
    report is where a reviewer sees what failed. ``on_progress`` is called with the documents done.
    """
    from wirecut.batch import DEFAULT_CHUNK_SIZE, Failure, LocalEngine, chunked
    from wirecut.batch.job import DEFAULT_TIME_BUDGET
    from wirecut.batch.worker import WorkerSettings

    slots: list[ReportInput | None] = []
    waiting: dict[dt.date | None, list[tuple[int, Item]]] = {}
    for entry in _entries(paths, text_field, id_field, reference_date):
        if isinstance(entry, ReportInput):
            slots.append(entry)
            continue
        item, date = entry
        waiting.setdefault(date, []).append((len(slots), item))
        slots.append(None)
    done = len(slots) - sum(len(group) for group in waiting.values())
    if on_progress:
        on_progress(done)
    if waiting:
        with LocalEngine(jobs if sum(len(g) for g in waiting.values()) > DEFAULT_CHUNK_SIZE else 1) as engine:
            # One run per reference date (most inputs share one): a worker parses a chunk with one date.
            for date, group in waiting.items():
                settings = WorkerSettings("stories", "json", date.isoformat() if date else None)
                settings = settings._replace(time_budget=DEFAULT_TIME_BUDGET)
                places = iter(group)
                for result in engine.run(chunked((item for _, item in group), DEFAULT_CHUNK_SIZE), settings):
                    for outcome in result.stories or ():
                        index, item = next(places)
                        if isinstance(outcome, Failure):
                            slots[index] = ReportInput(outcome.source, error=f"{outcome.source}: {outcome.reason}")
                        else:
                            slots[index] = ReportInput(outcome.source or str(item.source), outcome)
                        done += 1
                    if on_progress:
                        on_progress(done)
    for slot in slots:
        assert slot is not None
        yield slot


# --- the page's data ----------------------------------------------------------------------------


def warning_kind(warning: str) -> str:
    """A warning with its numbers taken out, so the filter groups "3 bytes" with "7 bytes".

    >>> warning_kind("input was not valid UTF-8: 3 bytes replaced")
    'input was not valid UTF-8: N bytes replaced'
    """
    return _NUMBER_RE.sub("N", warning)


class _Utf16Offsets:
    """Maps code point offsets of one text to UTF-16 offsets (equal unless the text has astral characters)."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL_RE.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset) if self.astral else offset


def document_record(number: int, item: ReportInput) -> dict[str, Any]:
    """The page's data for one document: short keys, because 5,000 of them go into one file.

    ``t`` text, ``s`` source, ``h`` headline, ``K`` kind, ``l`` language, ``w`` warnings (the
    parser's, then the quality flags'), ``k`` warning kinds, ``f`` quality flags, ``e`` error, ``p``
    parts as ``[label, start, end, order, parser, [[field, value], ...]]`` in text order, ``n``
    nested datelines as ``[start, end]``, ``c`` counts per label.
    """
    story = item.story
    if story is not None:
        record: Mapping[str, Any] = story.to_dict()
        raw = story.text
        # The claim order and the parser of each part, from the trace (a batch record has neither).
        claims = {(c.span.start, c.span.end): (order, c.parser) for order, c in enumerate(story.trace, 1)}
    elif item.record is not None and item.text is not None:
        record, raw, claims = item.record, item.text, {}
    else:
        return {"i": number, "s": item.source, "e": item.error or "failed", "t": "", "p": [], "n": [], "c": {}, "f": []}
    # A lone surrogate (from a surrogateescape decode) cannot be written as UTF-8; U+FFFD has the same
    # length in code points and in UTF-16, so every offset stays right.
    text = _SURROGATE_RE.sub("\ufffd", raw)
    to16 = _Utf16Offsets(text)
    parts = []
    for row in describe_record(record):
        order, parser = claims.get((row.span.start, row.span.end), (0, ""))
        parts.append(
            [
                row.label if row.label in PALETTE else "residue",
                to16(row.span.start),
                to16(row.span.end),
                order,
                parser,
                [list(field) for field in row.fields],
            ]
        )
    nested = [[to16(span.start), to16(span.end)] for span in nested_datelines(record)]
    counts = Counter(part[0] for part in parts)
    flags = quality_flags(record, text)
    parsers = [w for w in record.get("warnings") or () if isinstance(w, str)]
    warnings = parsers + [message for _, message in flags]
    headline = record.get("headline")
    kind = record.get("kind")
    return {
        "i": number,
        "s": item.source,
        "t": text,
        "h": headline.get("text") if isinstance(headline, dict) and isinstance(headline.get("text"), str) else "",
        "K": kind if isinstance(kind, str) else "",
        "l": str(record.get("language") or "und"),
        "w": warnings,
        # The flags have a filter of their own; their messages would only crowd the warnings filter.
        "k": sorted({warning_kind(w) for w in parsers}),
        "f": [flag for flag, _ in flags],
        "e": item.error,
        "p": parts,
        "n": nested,
        "c": {label: counts[label] for label in LABEL_ORDER if counts[label]},
    }


def select(
    records: Iterable[dict[str, Any]], *, flags: Collection[str] = (), kinds: Collection[str] = ()
) -> list[dict[str, Any]]:
    """The documents with any of ``flags`` (``ok``: with none) and of any of ``kinds``, numbered anew.

    A failed document has no flags and no kind: it is kept only when nothing is asked.
    """
    kept: list[dict[str, Any]] = []
    for record in records:
        unflagged = not record.get("f") and not record["e"]
        if flags and not (set(record.get("f", ())) & set(flags) or ("ok" in flags and unflagged)):
            continue
        if kinds and record.get("K") not in kinds:
            continue
        kept.append({**record, "i": len(kept)})
    return kept


def export_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """One line of ``report --export``: the document's source and input text, so that the export is an
    input ``wirecut batch`` and ``report`` read again (``id`` and ``text``), with what the page said of it."""
    return {
        "id": record["s"],
        "text": record.get("t", ""),
        "headline": record.get("h", ""),
        "kind": record.get("K", ""),
        "language": record.get("l", ""),
        "flags": list(record.get("f", ())),
        "error": record.get("e"),
    }


def summary(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals for the top of the page: documents, failures, warnings, flags, kinds and parts found."""
    parts: Counter[str] = Counter()
    documents_with: Counter[str] = Counter()
    warning_kinds: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for record in records:
        for label, count in record["c"].items():
            parts[label] += count
            documents_with[label] += 1
        warning_kinds.update(record.get("k", ()))
        flags.update(record.get("f", ()))
        if record.get("K"):
            kinds[record["K"]] += 1
    return {
        "documents": len(records),
        "failures": sum(1 for r in records if r["e"]),
        "with_warnings": sum(1 for r in records if r.get("k")),
        "flagged": sum(1 for r in records if r.get("f")),
        "flags": [[flag, flags[flag], FLAGS[flag]] for flag in FLAGS],
        "kinds": sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        "parts": {label: [parts[label], documents_with[label]] for label in LABEL_ORDER},
        "warning_kinds": sorted(warning_kinds.items(), key=lambda kv: (-kv[1], kv[0])),
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: nothing in it can close the element.

    >>> script_json({"t": "</script><img onerror=x>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cimg onerror=x\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _csp_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _palette_css() -> str:
    rules = []
    for label, (_name, colour) in PALETTE.items():
        if colour is None:
            rules.append(f".p-{label}{{}}\n.sw-{label}{{background:currentColor;opacity:.35}}")
            continue
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        weight = "400;font-style:italic" if label == "residue" else "600"
        rules.append(
            f".p-{label}{{color:{colour};font-weight:{weight};background:rgba({red},{green},{blue},.13)}}\n"
            f".sw-{label}{{background:{colour}}}"
        )
    return "\n".join(rules)


def build_report(inputs: Iterable[ReportInput], *, title: str = "wirecut report") -> str:
    """The whole HTML page for ``inputs``, in their order."""
    return build_page([document_record(number, item) for number, item in enumerate(inputs)], title=title)


def build_page(records: list[dict[str, Any]], *, title: str = "wirecut report") -> str:
    """The whole HTML page for the ``document_record``s of the documents (numbered 0, 1, ... in order)."""
    meta = {
        "title": title,
        "summary": summary(records),
        "labels": [[label, PALETTE[label][0]] for label in LABEL_ORDER],
        "flags": [[flag, what] for flag, what in FLAGS.items()],
    }
    script = _SCRIPT
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src '{_csp_hash(script)}'; base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": html.escape(csp),
        "TITLE": html.escape(title),
        "CSS": _CSS + _palette_css(),
        "META": script_json(meta),
        "DATA": script_json(records),
        "SCRIPT": script,
    }
    # One pass, so a title or a warning that happens to contain "%DATA%" is never expanded.
    return _PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], _PAGE)


_PLACEHOLDER_RE = re.compile(r"%(CSP|TITLE|CSS|META|DATA|SCRIPT)%")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%CSP%">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wirecut report">
<title>%TITLE%</title>
<style>
%CSS%
</style>
</head>
<body>
<header>
  <h1 id="title">%TITLE%</h1>
  <div id="summary" aria-label="summary"></div>
</header>
<div id="layout">
  <nav id="side" aria-label="documents">
    <div id="filters">
      <label>part <select id="f-part"></select></label>
      <label>warning <select id="f-warning"></select></label>
      <label>quality <select id="f-flag"></select></label>
      <label>kind <select id="f-kind"></select></label>
      <label>status <select id="f-status">
        <option value="">all</option><option value="ok">parsed</option><option value="failed">failed</option>
      </select></label>
      <label>search <input id="f-search" type="search" placeholder="source, headline or text"></label>
    </div>
    <div id="count"></div>
    <ol id="list"></ol>
    <div id="pager">
      <button id="prev" type="button">&larr; prev</button>
      <span id="page"></span>
      <button id="next" type="button">next &rarr;</button>
    </div>
  </nav>
  <main id="doc" aria-live="polite"><p class="hint">Select a document.</p></main>
</div>
<noscript>This report needs JavaScript to draw its documents.</noscript>
<script type="application/json" id="wirecut-meta">%META%</script>
<script type="application/json" id="wirecut-data">%DATA%</script>
<script>%SCRIPT%</script>
</body>
</html>
"""

_CSS = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1d2125;--muted:#5c6670;--line:#d5dae0;--panel:#f4f6f8;--sel:#e3ecfa}
@media (prefers-color-scheme:dark){:root{--bg:#17191c;--fg:#e4e7eb;--muted:#9aa4ae;--line:#353a40;
--panel:#202328;--sel:#28344a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;
height:100vh;min-height:480px;display:flex;flex-direction:column}
header{padding:10px 16px;border-bottom:1px solid var(--line);background:var(--panel)}
h1{font-size:18px;margin:0 0 6px}
#summary{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.stat b{font-size:16px}
.chip{border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:12px;padding:1px 9px;
cursor:pointer;font:inherit}
.chip:hover,.chip.on{border-color:var(--fg)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
#layout{display:flex;flex:1;min-height:0}
#side{width:330px;flex:none;border-right:1px solid var(--line);display:flex;flex-direction:column}
#filters{padding:8px;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:6px;
border-bottom:1px solid var(--line)}
#filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);min-width:0}
#filters select,#filters input{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);
border-radius:4px;padding:2px 4px;min-width:0}
#count{padding:4px 8px;color:var(--muted);font-size:12px}
#list{list-style:none;margin:0;padding:0;overflow:auto;flex:1}
#list li button{display:block;width:100%;text-align:left;border:0;border-bottom:1px solid var(--line);
background:none;color:var(--fg);font:inherit;padding:5px 8px;cursor:pointer}
#list li button:hover{background:var(--panel)}
#list li button.current{background:var(--sel)}
.src{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hl{display:block;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.hl.none{font-weight:400;font-style:italic;color:var(--muted)}
#list .src{font-size:11px;color:var(--muted)}
.tag{display:inline-block;border:1px solid var(--line);border-radius:8px;padding:0 5px;margin-right:3px;font-size:11px}
.flag{border-color:#c92a2a;color:#c92a2a}
@media (prefers-color-scheme:dark){.flag{border-color:#ff8787;color:#ff8787}}
.badges{font-size:11px;color:var(--muted)}
.badges .sw{width:8px;height:8px;margin:0 2px 0 0}
.warn{color:#c92a2a;font-weight:600}
@media (prefers-color-scheme:dark){.warn{color:#ff8787}}
#pager{display:flex;gap:8px;align-items:center;justify-content:space-between;padding:6px 8px;
border-top:1px solid var(--line)}
#pager button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:4px}
main{flex:1;overflow:auto;padding:12px 18px}
.hint{color:var(--muted)}
#doc h2{font-size:16px;margin:0 0 4px;word-break:break-all}
.meta{color:var(--muted);font-size:12px;margin-bottom:8px}
.columns{display:flex;gap:18px;align-items:flex-start}
.text{flex:3;min-width:0;white-space:pre-wrap;word-wrap:break-word;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;
border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--panel)}
.fields{flex:2;min-width:260px;border-collapse:collapse;font-size:13px}
.fields td{border-bottom:1px solid var(--line);padding:4px 6px;vertical-align:top}
.fields td:first-child{white-space:nowrap}
.fields tr{cursor:pointer}
.fields tr:hover{background:var(--panel)}
.fields .k{color:var(--muted)}
.fields dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:0 8px}
.fields dt{color:var(--muted)}.fields dd{margin:0;word-break:break-word}
.part{border-radius:2px}
.nested{text-decoration:underline;text-underline-offset:3px}
.flash{outline:2px solid currentColor;outline-offset:1px}
.warnings{margin:0 0 8px;padding-left:18px}
.doc-headline{font-size:15px;font-weight:600;margin:0 0 4px}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:12px;margin-bottom:8px}
.error{color:#c92a2a;font-weight:600}
"""

# The page's script. It reads the two JSON blocks once and draws with textContent only.
_SCRIPT = r"""
(function () {
  "use strict";
  var meta = JSON.parse(document.getElementById("wirecut-meta").textContent);
  var docs = JSON.parse(document.getElementById("wirecut-data").textContent);
  var PAGE = 100;
  var names = {};
  meta.labels.forEach(function (l) { names[l[0]] = l[1]; });
  var state = {part: "", warning: "", status: "", flag: "", kind: "", search: "", page: 0, current: -1, shown: docs};
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function swatch(label) { return el("span", "sw sw-" + label); }
  function safeLabel(label) { return names.hasOwnProperty(label) ? label : "residue"; }

  function drawSummary() {
    var s = meta.summary, box = $("summary");
    function stat(n, what, onclick) {
      var b = el("button", "chip stat");
      b.type = "button";
      b.appendChild(el("b", null, n.toLocaleString()));
      b.appendChild(document.createTextNode(" " + what));
      if (onclick) { b.addEventListener("click", onclick); }
      box.appendChild(b);
      return b;
    }
    stat(s.documents, "documents", function () { setFilters("", "", ""); });
    stat(s.failures, "failures", function () { setFilters("", "", "failed"); }).id = "sum-failures";
    stat(s.with_warnings, "with warnings", function () { setFilters("", "*", ""); }).id = "sum-warnings";
    stat(s.flagged, "flagged", function () { setFlag("*"); }).id = "sum-flagged";
    s.flags.forEach(function (f) {
      if (f[1]) {
        var b = stat(f[1], f[0], function () { setFlag(f[0]); });
        b.id = "sum-flag-" + f[0];
        b.classList.add("flag");
        b.title = f[2];
      }
    });
    meta.labels.forEach(function (l) {
      var counts = s.parts[l[0]];
      var b = el("button", "chip");
      b.type = "button";
      b.id = "chip-" + l[0];
      b.title = counts[0] + " " + l[1] + " parts in " + counts[1] + " documents; click: documents with one";
      b.appendChild(swatch(l[0]));
      b.appendChild(document.createTextNode(l[1] + " " + counts[0].toLocaleString() + " in " +
        counts[1].toLocaleString()));
      b.addEventListener("click", function () { setFilters("has:" + l[0], state.warning, state.status); });
      box.appendChild(b);
    });
  }

  function drawFilterOptions() {
    var part = $("f-part");
    part.appendChild(new Option("any", ""));
    meta.labels.forEach(function (l) {
      part.appendChild(new Option("has " + l[1], "has:" + l[0]));
      part.appendChild(new Option("lacks " + l[1], "lacks:" + l[0]));
    });
    var warning = $("f-warning");
    warning.appendChild(new Option("any", ""));
    warning.appendChild(new Option("none", "-"));
    warning.appendChild(new Option("some warning", "*"));
    meta.summary.warning_kinds.forEach(function (kv) {
      warning.appendChild(new Option(kv[0] + " (" + kv[1] + ")", "k:" + kv[0]));
    });
    var flag = $("f-flag");
    flag.appendChild(new Option("any", ""));
    flag.appendChild(new Option("no flag", "-"));
    flag.appendChild(new Option("some flag", "*"));
    meta.summary.flags.forEach(function (f) {
      flag.appendChild(new Option(f[0] + " (" + f[1] + ")", f[0]));
    });
    var kind = $("f-kind");
    kind.appendChild(new Option("any", ""));
    meta.summary.kinds.forEach(function (kv) {
      kind.appendChild(new Option(kv[0] + " (" + kv[1] + ")", kv[0]));
    });
  }

  function matches(d) {
    if (state.status === "failed" && !d.e) { return false; }
    if (state.status === "ok" && d.e) { return false; }
    if (state.part) {
      var p = state.part.split(":"), has = (d.c[p[1]] || 0) > 0;
      if ((p[0] === "has") !== has) { return false; }
    }
    if (state.warning) {
      var kinds = d.k || [];
      if (state.warning === "-" && kinds.length) { return false; }
      if (state.warning === "*" && !kinds.length) { return false; }
      if (state.warning.slice(0, 2) === "k:" && kinds.indexOf(state.warning.slice(2)) < 0) { return false; }
    }
    if (state.flag) {
      var flags = d.f || [];
      if (state.flag === "-" && (flags.length || d.e)) { return false; }
      if (state.flag === "*" && !flags.length) { return false; }
      if (state.flag.length > 1 && flags.indexOf(state.flag) < 0) { return false; }
    }
    if (state.kind && d.K !== state.kind) { return false; }
    if (state.search) {
      var q = state.search;
      if (d.s.toLowerCase().indexOf(q) < 0 && (d.h || "").toLowerCase().indexOf(q) < 0 &&
          d.t.toLowerCase().indexOf(q) < 0) { return false; }
    }
    return true;
  }

  function setFlag(flag) {
    state.flag = flag;
    $("f-flag").value = flag;
    applyFilters();
  }

  function setFilters(part, warning, status) {
    state.part = part; state.warning = warning; state.status = status;
    $("f-part").value = part; $("f-warning").value = warning; $("f-status").value = status;
    applyFilters();
  }

  function applyFilters() {
    state.shown = docs.filter(matches);
    state.page = 0;
    meta.labels.forEach(function (l) {
      $("chip-" + l[0]).classList.toggle("on", state.part === "has:" + l[0]);
    });
    drawList();
  }

  function drawList() {
    var list = $("list"), shown = state.shown;
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    list.textContent = "";
    var frag = document.createDocumentFragment();
    shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (d) {
      var li = el("li"), b = el("button");
      b.type = "button";
      b.dataset.doc = d.i;
      if (d.i === state.current) { b.classList.add("current"); }
      b.appendChild(el("span", d.h ? "hl" : "hl none", d.h || (d.e ? "(failed)" : "(no headline)")));
      b.appendChild(el("span", "src", d.s));
      var badges = el("span", "badges");
      if (d.e) {
        badges.appendChild(el("span", "warn", "failed"));
      } else {
        if (d.K) { badges.appendChild(el("span", "tag kind", d.K)); }
        badges.appendChild(el("span", "tag lang", d.l));
        (d.f || []).forEach(function (f) { badges.appendChild(el("span", "tag flag", f)); });
        Object.keys(d.c).forEach(function (label) {
          badges.appendChild(swatch(safeLabel(label)));
          badges.appendChild(document.createTextNode(d.c[label] + " "));
        });
        if (d.w.length) { badges.appendChild(el("span", "warn", " \u26a0 " + d.w.length)); }
      }
      b.appendChild(badges);
      b.addEventListener("click", function () { openDoc(d.i); });
      li.appendChild(b);
      frag.appendChild(li);
    });
    list.appendChild(frag);
    $("count").textContent = shown.length.toLocaleString() + " of " + docs.length.toLocaleString() +
      " documents";
    $("page").textContent = "page " + (state.page + 1) + " of " + pages;
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
  }

  // Marks nest or are disjoint (claims never overlap; a nested dateline lies inside its parent),
  // so one pass with a stack of open elements draws them.
  function drawText(d, box) {
    var marks = d.p.map(function (p, k) {
      return {s: p[1], e: p[2], label: safeLabel(p[0]), nested: false, k: k};
    }).concat(d.n.map(function (n) {
      return {s: n[0], e: n[1], label: "dateline", nested: true, k: -1};
    }));
    marks.sort(function (a, b) { return a.s - b.s || b.e - a.e; });
    var text = d.t, pos = 0, stack = [{node: box, e: text.length}];
    function top() { return stack[stack.length - 1]; }
    function flush(to) {
      if (to > pos) { top().node.appendChild(document.createTextNode(text.slice(pos, to))); pos = to; }
    }
    marks.forEach(function (m) {
      while (stack.length > 1 && top().e <= m.s) { flush(top().e); stack.pop(); }
      flush(m.s);
      var span = el("span", "part p-" + m.label + (m.nested ? " nested" : ""));
      span.title = names[m.label] + (m.nested ? " (inside its part)" : "");
      if (m.k >= 0) { span.id = "mark-" + m.k; }
      top().node.appendChild(span);
      stack.push({node: span, e: m.e});
    });
    while (stack.length > 1) { flush(top().e); stack.pop(); }
    flush(text.length);
  }

  function drawFields(d, table) {
    d.p.forEach(function (p, k) {
      var tr = el("tr"), label = safeLabel(p[0]);
      var name = el("td");
      name.appendChild(swatch(label));
      name.appendChild(document.createTextNode(names[label]));
      tr.appendChild(name);
      tr.appendChild(el("td", "k", p[1] + "\u2013" + p[2] + (p[4] ? " \u00b7 #" + p[3] + " " + p[4] : "")));
      var fields = el("td"), dl = el("dl");
      p[5].forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
      fields.appendChild(dl);
      tr.appendChild(fields);
      tr.addEventListener("click", function () {
        var mark = document.getElementById("mark-" + k);
        if (!mark) { return; }
        mark.scrollIntoView({block: "center"});
        mark.classList.add("flash");
        setTimeout(function () { mark.classList.remove("flash"); }, 1200);
      });
      table.appendChild(tr);
    });
  }

  function openDoc(i) {
    var d = docs[i];
    if (!d) { return; }
    state.current = i;
    var main = $("doc");
    main.textContent = "";
    main.appendChild(el("h2", null, d.s));
    if (d.e) {
      main.appendChild(el("p", "error", d.e));
    } else {
      if (d.h) { main.appendChild(el("div", "doc-headline", d.h)); }
      main.appendChild(el("div", "meta", (d.K ? "kind " + d.K + " \u00b7 " : "") + "language " + d.l +
        " \u00b7 " + d.t.length.toLocaleString() +
        " characters \u00b7 " + d.p.length + " parts \u00b7 document " + (i + 1) + " of " + docs.length));
      if (d.w.length) {
        var ul = el("ul", "warnings");
        d.w.forEach(function (w) { ul.appendChild(el("li", "warn", w)); });
        main.appendChild(ul);
      }
      var legend = el("div", "legend");
      meta.labels.forEach(function (l) {
        var item = el("span");
        item.appendChild(swatch(l[0]));
        item.appendChild(document.createTextNode(l[1] + " " + (d.c[l[0]] || 0)));
        legend.appendChild(item);
      });
      main.appendChild(legend);
      var columns = el("div", "columns"), text = el("div", "text");
      text.id = "doc-text";
      drawText(d, text);
      var table = el("table", "fields");
      table.id = "doc-fields";
      drawFields(d, table);
      columns.appendChild(text);
      columns.appendChild(table);
      main.appendChild(columns);
    }
    Array.prototype.forEach.call(document.querySelectorAll("#list button"), function (b) {
      b.classList.toggle("current", Number(b.dataset.doc) === i);
    });
    if (location.hash !== "#doc=" + i) { history.replaceState(null, "", "#doc=" + i); }
    main.scrollTop = 0;
  }

  function fromHash() {
    var m = /^#doc=(\d+)$/.exec(location.hash);
    if (m) { openDoc(Number(m[1])); }
  }

  drawSummary();
  drawFilterOptions();
  $("f-part").addEventListener("change", function (e) { state.part = e.target.value; applyFilters(); });
  $("f-warning").addEventListener("change", function (e) { state.warning = e.target.value; applyFilters(); });
  $("f-status").addEventListener("change", function (e) { state.status = e.target.value; applyFilters(); });
  $("f-flag").addEventListener("change", function (e) { state.flag = e.target.value; applyFilters(); });
  $("f-kind").addEventListener("change", function (e) { state.kind = e.target.value; applyFilters(); });
  var timer = null;
  $("f-search").addEventListener("input", function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.search = e.target.value.trim().toLowerCase(); applyFilters(); }, 150);
  });
  $("prev").addEventListener("click", function () { state.page -= 1; drawList(); });
  $("next").addEventListener("click", function () { state.page += 1; drawList(); });
  window.addEventListener("hashchange", fromHash);
  applyFilters();
  if (/^#doc=\d+$/.test(location.hash)) { fromHash(); } else if (docs.length) { openDoc(0); }
  document.documentElement.dataset.ready = "1";
})();
"""
