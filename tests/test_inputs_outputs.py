"""Dumps in as data teams have them: JSON Lines on stdin, zstd/xz/bz2, CSV, TSV, Parquet, remote paths, dates."""

from __future__ import annotations

import bz2
import csv
import datetime as dt
import gzip
import json
import lzma
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.test_batch import ONE, jsonl, wire_story

from wirecut.batch import BatchJob, InputSpec, count_items, iter_items, run_batch
from wirecut.batch.records import reference_date
from wirecut.cli import main

WIRECUT = str(Path(sys.executable).parent / "wirecut")

# Our own records: a dateline without a year, so that the record's date decides the year.
RECORDS = [
    {
        "id": "a1",
        "text": "ROME, Dec. 31 (Reuters) -- Officials said on Tuesday the plan would go ahead.",
        "published": "2024-01-02T09:30:00Z",
    },
    {
        "id": "a2",
        "text": "PARIS, March 3 (AFP) -- Rain fell on the city for a third day.",
        "published": "the day before",
    },
    {"id": "a3", "text": "OSLO, May 2 (AP) -- Snow closed the airport for an hour.", "published": None},
]


def jsonl_bytes(records: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode("utf-8")


def zstd_compress(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": zstd_compress,
}


def run(tmp_path: Path, inputs: list[str], **options: Any) -> list[dict[str, Any]]:
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.jsonl"
    run_batch(BatchJob(inputs, str(out), errors=str(errors), force=True, **options), engine=ONE)
    return jsonl(out)


def errors_of(tmp_path: Path) -> list[dict[str, Any]]:
    return jsonl(tmp_path / "errors.jsonl")


def batch(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([WIRECUT, "batch", *args], input=stdin, capture_output=True, timeout=120, cwd=cwd)


# --- JSON Lines on standard input --------------------------------------------------------------------


def test_json_lines_piped_into_dash_are_records_not_paths() -> None:
    data = b"\n  " + jsonl_bytes(RECORDS)  # blank lines before the first record are allowed
    result = batch("-", "-o", "-", "--quiet", stdin=data)
    assert result.returncode == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in documents] == ["-#a1", "-#a2", "-#a3"]
    assert documents[0]["dateline"]["location"] == "ROME"
    assert documents[1]["meta"] == {"id": "a2", "published": "the day before"}


def test_stdin_format_can_be_forced_either_way(tmp_path: Path) -> None:
    story = tmp_path / "{odd name}.txt"  # a path that opens with "{": --stdin paths reads it as a path
    story.write_text(wire_story(1), encoding="utf-8")
    result = batch("-", "-o", "-", "--quiet", "--stdin", "paths", stdin=f"{story}\n".encode(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == str(story)
    # --stdin jsonl: a malformed first record is a failed record, not a file name
    result = batch("-", "-o", "-", "--quiet", "--stdin", "jsonl", stdin=b"not json\n" + jsonl_bytes(RECORDS[:1]))
    assert result.returncode == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["-#a1"]
    assert b"-:1" in result.stderr and b"malformed JSON" in result.stderr


def test_stdin_records_make_a_directory_of_documents(tmp_path: Path) -> None:
    out = tmp_path / "clean"
    result = batch("-", "-o", f"{out}/", "--quiet", stdin=jsonl_bytes(RECORDS))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (out / "stdin").iterdir()) == ["a1.json", "a2.json", "a3.json"]


# --- compressed inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
def test_every_compression_reads_like_the_plain_file(tmp_path: Path, suffix: str) -> None:
    compress = COMPRESSORS[suffix]
    (tmp_path / "plain.jsonl").write_bytes(jsonl_bytes(RECORDS))
    (tmp_path / f"packed.jsonl{suffix}").write_bytes(compress(jsonl_bytes(RECORDS)))
    (tmp_path / "story.txt").write_text(wire_story(2), encoding="utf-8")
    (tmp_path / f"story2.txt{suffix}").write_bytes(compress(wire_story(2).encode("utf-8")))
    plain = run(tmp_path, [str(tmp_path / "plain.jsonl"), str(tmp_path / "story.txt")])
    packed = run(tmp_path, [str(tmp_path / f"packed.jsonl{suffix}"), str(tmp_path / f"story2.txt{suffix}")])
    assert errors_of(tmp_path) == []
    assert len(packed) == 4
    for one, other in zip(plain, packed):
        assert {**one, "source": None} == {**other, "source": None}
    assert packed[0]["source"].endswith(f"packed.jsonl{suffix}#a1")


def test_a_glob_sees_through_every_compression_suffix(tmp_path: Path) -> None:
    for suffix, compress in COMPRESSORS.items():
        (tmp_path / f"s{suffix[1:]}.txt{suffix}").write_bytes(compress(wire_story(3).encode("utf-8")))
    (tmp_path / "other.html").write_text("x", encoding="utf-8")
    items = list(iter_items(InputSpec([str(tmp_path)], globs=("*.txt",))))
    assert len(items) == 4 and all(item.source.endswith(tuple(COMPRESSORS)) for item in items)


def test_a_broken_compressed_file_is_one_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.xz").write_bytes(b"\xfd7zXZ\x00 this is not xz")
    (tmp_path / "bad.jsonl.bz2").write_bytes(b"BZh9 nor bzip2")
    (tmp_path / "good.txt").write_text(wire_story(4), encoding="utf-8")
    documents = run(tmp_path, [str(tmp_path)])
    assert [d["source"].rsplit("/", 1)[-1] for d in documents] == ["good.txt"]
    failed = {Path(e["path"]).name: e for e in errors_of(tmp_path)}
    assert set(failed) == {"bad.txt.xz", "bad.jsonl.bz2"}
    assert failed["bad.txt.xz"]["reason"].startswith("cannot read xz")
    assert all(e["error"] == "read" for e in failed.values())


def test_zstd_without_its_extra_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "d.jsonl.zst").write_bytes(zstd_compress(jsonl_bytes(RECORDS)))
    (tmp_path / "s.txt.zst").write_bytes(zstd_compress(wire_story(5).encode("utf-8")))
    monkeypatch.setitem(sys.modules, "zstandard", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "compression", None)  # nor Python 3.14's compression.zstd
    assert run(tmp_path, [str(tmp_path)]) == []
    reasons = [e["reason"] for e in errors_of(tmp_path)]
    assert len(reasons) == 2
    assert all(reason == "a .zst input needs zstandard: pip install 'wirecut[zstd]'" for reason in reasons)


# --- CSV, TSV and Parquet --------------------------------------------------------------------------------


def write_csv(path: Path, rows: list[dict[str, Any]], delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".csv.gz"])
def test_csv_and_tsv_dumps_take_the_text_and_id_fields(tmp_path: Path, suffix: str) -> None:
    rows = [
        {
            "url": "https://example.org/1",
            "body": "LIMA, June 4 (EFE) -- A text, with commas\nand a line break.",
            "n": "7",
        },
        {"url": "https://example.org/2", "body": wire_story(6), "n": ""},
    ]
    path = tmp_path / f"dump{suffix.removesuffix('.gz')}"
    write_csv(path, rows, "\t" if suffix == ".tsv" else ",")
    if suffix.endswith(".gz"):
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes()))
        path.unlink()
        path = path.with_name(path.name + ".gz")
    documents = run(tmp_path, [str(path)], text_field="body", id_field="url")
    assert errors_of(tmp_path) == []
    assert [d["source"] for d in documents] == [f"{path}#https://example.org/1", f"{path}#https://example.org/2"]
    assert documents[0]["dateline"]["location"] == "LIMA"
    # the quoted comma and line break are the cell's own: its two lines are two paragraphs
    assert [p["text"] for p in documents[0]["body"]["paragraphs"]] == ["A text, with commas", "and a line break."]
    assert documents[0]["meta"] == {"url": "https://example.org/1", "n": "7"}


def test_a_csv_without_the_text_column_is_one_failure_naming_the_columns(tmp_path: Path) -> None:
    write_csv(tmp_path / "d.csv", [{"id": "1", "content": "x"}])
    assert run(tmp_path, [str(tmp_path / "d.csv")]) == []
    [failure] = errors_of(tmp_path)
    assert failure["reason"] == "no column 'text' (--text-field) among 'id', 'content'"


def test_a_csv_cell_that_is_not_utf8_is_decoded_with_a_warning(tmp_path: Path) -> None:
    text = "ZÜRICH, 4. Juni (dpa) - Es regnete am Dienstag in der ganzen Stadt."
    (tmp_path / "d.csv").write_bytes(b'id,text\nz1,"' + text.encode("cp1252") + b'",extra cell\n')
    [document] = run(tmp_path, [str(tmp_path / "d.csv")])
    assert document["dateline"]["location"] == "ZÜRICH"
    assert document["body"]["text"] == "Es regnete am Dienstag in der ganzen Stadt."
    assert [w for w in document["warnings"] if w.startswith("input was not UTF-8")]
    assert document["meta"] == {"id": "z1", "_extra": ["extra cell"]}  # a cell past the header is kept


def test_parquet_dump_with_typed_columns(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": ["p1", "p2"],
            "content": [RECORDS[0]["text"], RECORDS[2]["text"]],
            "published": pa.array([dt.datetime(2024, 1, 2, 9, 30), None], pa.timestamp("s")),
            "tags": [["a", "b"], []],
        }
    )
    pq.write_table(table, tmp_path / "d.parquet")
    documents = run(tmp_path, [str(tmp_path / "d.parquet")], text_field="content", date_field="published")
    assert errors_of(tmp_path) == []
    assert [d["source"].rsplit("/", 1)[-1] for d in documents] == ["d.parquet#p1", "d.parquet#p2"]
    assert documents[0]["dateline"]["date_iso"] == "2023-12-31"  # the year from the record's date
    assert documents[0]["meta"] == {"id": "p1", "published": "2024-01-02T09:30:00", "tags": ["a", "b"]}


def test_parquet_without_its_extra_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["x"]}), tmp_path / "d.parquet")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert run(tmp_path, [str(tmp_path / "d.parquet")]) == []
    [failure] = errors_of(tmp_path)
    assert failure["reason"] == "a Parquet input needs pyarrow: pip install 'wirecut[parquet]'"


def test_a_file_named_parquet_that_is_not_one_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "d.parquet").write_text("id,text\n", encoding="utf-8")
    assert run(tmp_path, [str(tmp_path / "d.parquet")]) == []
    [failure] = errors_of(tmp_path)
    assert failure["error"] == "read" and failure["reason"].startswith("not a Parquet file")


def test_the_progress_count_takes_dumps_from_their_lines_and_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    import wirecut.batch.inputs

    (tmp_path / "sub").mkdir()
    pq.write_table(pa.table({"text": ["a", "b", "c"]}), tmp_path / "sub" / "d.parquet")
    write_csv(tmp_path / "sub" / "d.csv", [{"text": "x"}, {"text": "y"}])
    (tmp_path / "d.jsonl.xz").write_bytes(lzma.compress(jsonl_bytes(RECORDS)))
    (tmp_path / "s.txt").write_text("x", encoding="utf-8")

    def never(*args: Any) -> Any:
        raise AssertionError("counting parsed a dump's records")

    monkeypatch.setattr(wirecut.batch.inputs, "container_items", never)
    assert count_items(InputSpec([str(tmp_path)])) == 3 + 2 + 3 + 1


# --- the record's own reference date ----------------------------------------------------------------------


def test_date_field_gives_each_record_its_year_and_a_bad_date_only_warns(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_bytes(jsonl_bytes(RECORDS))
    documents = run(tmp_path, [str(tmp_path / "d.jsonl")], date_field="published", reference_date=dt.date(2019, 6, 1))
    assert errors_of(tmp_path) == []
    first, second, third = documents
    assert first["dateline"]["date_iso"] == "2023-12-31"  # from the record's 2024-01-02, not the job's 2019
    assert first["warnings"] == []
    assert second["dateline"]["date_iso"] == "2019-03-03"  # a bad date: the job's reference date, and a warning
    assert any("'published'" in w and "'the day before'" in w for w in second["warnings"])
    assert third["dateline"]["date_iso"] == "2019-05-02"  # no date in the record: the job's, no warning
    assert third["warnings"] == []


def test_without_date_field_the_dump_dates_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_bytes(jsonl_bytes(RECORDS[:1]))
    [document] = run(tmp_path, [str(tmp_path / "d.jsonl")])
    assert document["dateline"]["date_iso"] == "--12-31"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-02", "2024-01-02"),
        ("2024-01-02T23:59:59+05:00", "2024-01-02"),
        ("2024-01-02 10:00", "2024-01-02"),
        ("Tue, 02 Jan 2024 10:00:00 GMT", "2024-01-02"),
        ("20240102", "2024-01-02"),
        ("20240102101500", "2024-01-02"),
        (1704189600, "2024-01-02"),
        (1704189600000, "2024-01-02"),
        ("1704189600", "2024-01-02"),
        (dt.date(2024, 1, 2), "2024-01-02"),
    ],
)
def test_the_date_forms_of_dumps(value: Any, expected: str) -> None:
    assert reference_date(value).isoformat() == expected


@pytest.mark.parametrize("value", ["yesterday", "2024-13-45", "", True, [2024], "2024"])
def test_what_is_not_a_date(value: Any) -> None:
    with pytest.raises(ValueError):
        reference_date(value)


def test_date_field_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_bytes(jsonl_bytes(RECORDS[:1]))
    result = batch(str(tmp_path / "d.jsonl"), "-o", "-", "--quiet", "--date-field", "published")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["dateline"]["date_iso"] == "2023-12-31"


# --- remote paths ------------------------------------------------------------------------------------------


def test_a_remote_directory_is_walked_like_a_local_one(tmp_path: Path) -> None:
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/crawl/b/story.txt", wire_story(7).encode("utf-8"))
    fs.pipe("/crawl/a/dump.jsonl.gz", gzip.compress(jsonl_bytes(RECORDS[:2])))
    fs.pipe("/crawl/.hidden/x.txt", b"never read")
    fs.pipe("/crawl/skip.html", b"not matched")
    try:
        documents = run(tmp_path, ["memory://crawl"], globs=("*.txt", "*.jsonl"))
        assert [d["source"] for d in documents] == [
            "memory:///crawl/a/dump.jsonl.gz#a1",
            "memory:///crawl/a/dump.jsonl.gz#a2",
            "memory:///crawl/b/story.txt",
        ]
        assert documents[2]["dateline"]["location"] == "RIGA"
        out = tmp_path / "dir"
        run_batch(BatchJob(["memory://crawl"], f"{out}/", globs=("*.txt",)), engine=ONE)
        assert (out / "b" / "story.txt.json").is_file()
        assert run(tmp_path, ["memory://crawl/none.txt"]) == []
        assert errors_of(tmp_path)[0]["reason"] == "no such file"
    finally:
        fs.rm("/crawl", recursive=True)


def test_remote_urls_are_read_by_the_workers(tmp_path: Path) -> None:
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "s.txt.bz2").write_bytes(bz2.compress(wire_story(8).encode("utf-8")))
    result = batch(f"file://{tmp_path}/crawl", "-o", "-", "--quiet", "-j", "2")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == f"file://{tmp_path}/crawl/s.txt.bz2"


def test_remote_paths_without_their_extra_are_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fsspec", None)
    result = CliRunner().invoke(main, ["batch", "s3://bucket/dump.jsonl", "-o", "-"])
    assert result.exit_code == 2
    assert "remote paths need fsspec: pip install 'wirecut[remote]'" in result.output
