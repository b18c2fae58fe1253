"""Outputs that load as they are: one type per key, the published schema, flat tables, ``--with-text``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.test_batch import ONE, jsonl, wire_story

import wirecut
from wirecut import tabular
from wirecut.batch import BatchError, BatchJob, run_batch

WIRECUT = str(Path(sys.executable).parent / "wirecut")

# Our own texts, chosen so that one shard has bylines, captions, notes and dated residue, and the
# other has none of them (every list empty): the two shapes that JSON readers used to type apart.
RICH = [
    "Rain floods the capital\nBy Jane Doe and Tom Lee, AP Writers\n"
    "PARIS, March 3 (AP) -- Rain flooded the streets of the capital on Tuesday, officials said.\n\n"
    "More rain was due on Wednesday, the weather service said.\n\n"
    "(Reporting by Ann Smith; Editing by Bo Chan)\n2017-10-17 20:28:16\nShare\n1 2 3 >>",
    wire_story(1),
    wire_story(2),
]
BARE = [
    "Officials met on Tuesday to discuss the budget for the coming year.",
    "The committee said it would report back within a month.",
]


def shape_of(value: Any, shape: Any, where: str = "record") -> None:
    """``value`` has exactly the keys and types that ``shape`` (``tabular.RECORD``) describes."""
    if value is None:
        assert not isinstance(shape, list), f"{where} is null, not a list"
        return
    if isinstance(shape, dict):
        assert isinstance(value, dict) and set(value) == set(shape), f"{where}: {sorted(value)} != {sorted(shape)}"
        for key, kind in shape.items():
            shape_of(value[key], kind, f"{where}.{key}")
    elif isinstance(shape, list):
        assert isinstance(value, list), f"{where} is not a list"
        for item in value:
            shape_of(item, shape[0], f"{where}[]")
    else:
        assert isinstance(value, str if shape == tabular.S else int), f"{where}: {value!r} is not {shape}"


def write_shards(root: Path) -> tuple[Path, Path]:
    """Two shards of real batch output, the second with every list empty."""
    for name, texts in (("rich", RICH), ("bare", BARE)):
        folder = root / name
        folder.mkdir()
        for number, text in enumerate(texts):
            (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    rich, bare = root / "rich.jsonl", root / "bare.jsonl"
    run_batch(BatchJob([str(root / "rich")], str(rich)), engine=ONE)
    run_batch(BatchJob([str(root / "bare")], str(bare)), engine=ONE)
    return rich, bare


def test_batch_records_have_every_key_with_one_type(tmp_path: Path) -> None:
    rich, bare = write_shards(tmp_path)
    records = jsonl(rich) + jsonl(bare)
    shape = {**tabular.RECORD, "meta": None}
    for record in records:
        assert record["meta"] is None  # a file has no dump record, and says so rather than leaving meta out
        shape_of({k: v for k, v in record.items() if k != "meta"}, tabular.RECORD)
        assert set(record) == set(shape)
    residue = [r for record in records for r in record["residue"]]
    assert any(r["iso"] == "2017-10-17" for r in residue)  # the timestamp keeps its date
    assert all("iso" in r and "pages" in r for r in residue)  # and every other residue says null
    assert all(record["bylines"] == [] and record["residue"] == [] for record in jsonl(bare))


def test_the_schema_covers_every_key_the_library_writes() -> None:
    for text in [*RICH, *BARE, (Path(__file__).parent.parent / "seeds").glob("*.txt").__next__().read_text()]:
        record = tabular.complete(wirecut.parse(text).to_dict())
        record.setdefault("kind", "story")
        shape_of(record, tabular.RECORD)


def test_shards_load_with_pandas_polars_pyarrow_and_datasets(tmp_path: Path) -> None:
    import datasets
    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.json as pj

    rich, bare = write_shards(tmp_path)
    # pandas: as it is
    frame = pd.concat([pd.read_json(rich, lines=True), pd.read_json(bare, lines=True)])
    assert len(frame) == 5 and frame.iloc[0]["dateline"]["location"] == "PARIS"
    # polars: the published schema makes the all-empty shard concatenate with the other
    schema = pl.Schema(pl.from_arrow(tabular.arrow_schema().empty_table()).schema)  # type: ignore[union-attr]
    frames = [pl.read_ndjson(path, schema=schema) for path in (rich, bare)]
    joined = pl.concat(frames)
    assert joined.height == 5 and joined.schema == schema
    # pyarrow's JSON reader: the same schema
    tables = [
        pj.read_json(p, parse_options=pj.ParseOptions(explicit_schema=tabular.arrow_schema())) for p in (rich, bare)
    ]
    assert pa.concat_tables(tables).num_rows == 5
    # datasets: both shards in one split, with the published Features
    loaded = datasets.load_dataset(
        "json",
        data_files=[str(rich), str(bare)],
        features=tabular.features(),
        split="train",
        cache_dir=str(tmp_path / "hf"),
    )
    assert loaded.num_rows == 5
    assert loaded[0]["bylines"][0]["names"] == ["Jane Doe", "Tom Lee"]
    assert loaded.features == tabular.features()


def test_dump_meta_loads_as_json_text_or_as_a_struct(tmp_path: Path) -> None:
    import datasets
    import pyarrow as pa
    import pyarrow.json as pj

    dump = tmp_path / "d.jsonl"
    dump.write_text("".join(json.dumps({"id": f"r{i}", "text": t, "url": f"u{i}"}) + "\n" for i, t in enumerate(RICH)))
    out = tmp_path / "out.jsonl"
    run_batch(BatchJob([str(dump)], str(out), with_text=True), engine=ONE)
    loaded = datasets.load_dataset(
        "json",
        data_files=str(out),
        features=tabular.features(with_text=True),
        split="train",
        cache_dir=str(tmp_path / "hf"),
    )
    assert json.loads(loaded[1]["meta"]) == {"id": "r1", "url": "u1"}
    assert loaded[1]["input_text"] == RICH[1]
    typed = tabular.arrow_schema(meta={"id": pa.string(), "url": pa.string()}, with_text=True)
    table = pj.read_json(out, parse_options=pj.ParseOptions(explicit_schema=typed))
    assert table.column("meta").to_pylist()[2] == {"id": "r2", "url": "u2"}


def test_with_text_keeps_the_decoded_input_that_spans_index(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(RICH[0].encode("cp1252") + b" caf\xe9")
    out = tmp_path / "out.jsonl"
    run_batch(BatchJob([str(tmp_path / "in")], str(out), with_text=True), engine=ONE)
    [record] = jsonl(out)
    assert record["input_text"].endswith(" café")
    start, end = record["dateline"]["span"]
    assert record["input_text"][start:end].startswith("PARIS, March 3 (AP)")
    [plain] = jsonl(write_shards(tmp_path)[1])[:1]
    assert "input_text" not in plain  # only when asked: it doubles the output's size


# --- flat tables -------------------------------------------------------------------------------------------


def batch(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([WIRECUT, "batch", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def _inputs(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    for number, text in enumerate([*RICH, *BARE]):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_cell_with_line_breaks_and_tabs_is_quoted_in_csv_and_tsv() -> None:
    row = {"a": "one\n\ntwo", "b": "tab\there", "c": "cr\rx"}
    assert tabular.csv_line(row, ["a", "b", "c"], "\t") == '"one\n\ntwo"\t"tab\there"\t"cr\rx"'
    assert tabular.csv_line(row, ["a", "b", "c"], ",") == '"one\n\ntwo",tab\there,"cr\rx"'


@pytest.mark.parametrize("fmt", ["csv", "tsv", "parquet"])
def test_flat_tables_load_with_pandas_and_polars(tmp_path: Path, fmt: str) -> None:
    import pandas as pd
    import polars as pl

    out = tmp_path / f"stories.{fmt}"
    result = batch(str(_inputs(tmp_path)), "-o", str(out), "--quiet", "--with-text")
    assert result.returncode == 0, result.stderr
    if fmt == "parquet":
        frame = pd.read_parquet(out)
        polar = pl.read_parquet(out)
        import pyarrow.parquet as pq

        assert pq.read_schema(out).equals(tabular.flat_arrow_schema(with_text=True))
    else:
        separator = "\t" if fmt == "tsv" else ","
        frame = pd.read_csv(out, sep=separator, keep_default_na=False)
        polar = pl.read_csv(out, separator=separator)
    assert list(frame.columns) == tabular.flat_columns(with_text=True) == polar.columns
    assert len(frame) == polar.height == 5
    first = frame.iloc[0]
    assert first["headline"] == "Rain floods the capital"
    assert first["bylines"] == "Jane Doe; Tom Lee"
    assert first["dateline_location"] == "PARIS" and first["dateline_agency"] == "AP"
    assert first["n_notes"] == 1 and first["n_residue"] >= 3 and first["n_paragraphs"] == 2
    assert first["kind"] == "story" and first["language"] == "en"
    assert first["body"].startswith("Rain flooded the streets") and "\n\n" in first["body"]
    assert first["input_text"] == RICH[0]
    assert polar["n_related"].to_list()[1] == 1  # the wire story's teaser


def test_csv_to_standard_output_has_its_header_and_dump_meta(tmp_path: Path) -> None:
    import io

    import pandas as pd

    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"id": "x1", "text": RICH[1], "url": "u"}) + "\n", encoding="utf-8")
    result = batch(str(dump), "-o", "-", "--format", "csv", "--quiet")
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame.iloc[0]["source"] == f"{dump}#x1"
    assert json.loads(frame.iloc[0]["meta"]) == {"id": "x1", "url": "u"}


def test_an_interrupted_csv_resumes_without_a_second_header(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(12):
        (folder / f"{number:02d}.txt").write_text(wire_story(number), encoding="utf-8")
    out = tmp_path / "all.csv"
    calls = []

    def stop_after_the_first_chunk(summary: Any) -> None:
        calls.append(summary.inputs)
        if len(calls) == 2:
            raise KeyboardInterrupt

    job = BatchJob([str(folder)], str(out), chunk_size=4)
    first = run_batch(job, engine=ONE, on_progress=stop_after_the_first_chunk)
    assert first.interrupted and not out.exists()
    second = run_batch(BatchJob([str(folder)], str(out), chunk_size=4), engine=ONE)
    assert second.resumed_from == 8 and second.documents == 4
    lines = out.read_text(encoding="utf-8").splitlines()
    assert (
        lines[0].startswith("source,kind,language,headline,")
        and sum(1 for line in lines if line.startswith("source,")) == 1
    )
    import pandas as pd

    assert [Path(s).name for s in pd.read_csv(out)["source"]] == [f"{n:02d}.txt" for n in range(12)]


@pytest.mark.parametrize(
    ("output", "options", "message"),
    [
        ("x.csv", {"fmt": "jsonl"}, "a .csv output is written as csv, not --format jsonl"),
        ("x.jsonl", {"fmt": "csv"}, "--format csv writes one table: give -o FILE.csv or -o -"),
        ("out/", {"fmt": "parquet"}, "--format parquet writes one table: give -o FILE.parquet"),
        ("-", {"fmt": "parquet"}, "--format parquet cannot stream to standard output"),
        ("out/", {"fmt": "text", "with_text": True}, "--format text has no place for it"),
        ("x.csv.gz", {}, "compressed output is not supported"),
    ],
)
def test_outputs_that_do_not_fit_are_refused(
    tmp_path: Path, output: str, options: dict[str, Any], message: str
) -> None:
    (tmp_path / "a.txt").write_text(RICH[0], encoding="utf-8")
    target = str(tmp_path / output) if output != "-" else "-"
    with pytest.raises(BatchError, match=message.replace("(", r"\(").replace(".", r"\.")):
        run_batch(BatchJob([str(tmp_path / "a.txt")], target, **options), engine=ONE)


def test_parquet_without_its_extra_is_refused_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(RICH[0], encoding="utf-8")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(BatchError, match=r"needs pyarrow: pip install 'wirecut\[parquet\]'"):
        run_batch(BatchJob([str(tmp_path / "a.txt")], str(tmp_path / "x.parquet")), engine=ONE)
    assert not list(tmp_path.glob("x.parquet*"))
