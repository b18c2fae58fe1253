"""For LLM data teams: the datatrove step and the ``datasets.map`` recipe of docs/batch.md, run as written."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any

import pytest
from datatrove.data import Document  # in the test extra: the step is tested, never skipped
from datatrove.pipeline.writers import JsonlWriter
from tests.test_batch import wire_story

import wirecut.datatrove
import wirecut.tabular
from wirecut.datatrove import WirecutCleaner

ROOT = Path(__file__).parent.parent

STORY = (
    "Rain floods the capital\n"
    "PARIS, Dec. 31 (AP) -- Rain flooded the streets of the capital on Tuesday, officials said.\n\n"
    "More rain was due on Wednesday, the weather service said.\n\n"
    "Share\n1 2 3 >>"
)


def documents() -> list[Document]:
    return [
        Document(text=STORY, id="s1", metadata={"date": "2024-01-02"}),
        Document(text=wire_story(3), id="s2", metadata={"date": "not a date"}),
        Document(text="Share\nPrint\n1 2 3 >>", id="s3", metadata={}),
    ]


def test_the_step_cleans_the_text_and_keeps_the_structure() -> None:
    step = WirecutCleaner(date_key="date")
    kept = list(step.run(documents()))
    assert [doc.id for doc in kept] == ["s1", "s2"]
    first = kept[0]
    assert first.text == (
        "Rain floods the capital\n\nRain flooded the streets of the capital on Tuesday, officials said.\n\n"
        "More rain was due on Wednesday, the weather service said."
    )
    record = first.metadata["wirecut"]
    assert record["dateline"]["date_iso"] == "2023-12-31"  # the year from the document's own date
    assert {r["kind"] for r in record["residue"]} >= {"share", "pagination"}
    assert all("iso" in r for r in record["residue"])  # every key, as in batch records
    assert any("'not a date'" in w for w in kept[1].metadata["wirecut"]["warnings"])
    assert "input_text" not in record
    assert step.stats["dropped_kind_none"].total == 1 and step.stats["forwarded"].total == 2


def test_the_body_alone_and_the_input_kept() -> None:
    [doc] = list(WirecutCleaner(text="body", keep_input_text=True).run(documents()[:1]))
    assert doc.text.startswith("Rain flooded the streets")
    record = doc.metadata["wirecut"]
    start, end = record["dateline"]["span"]
    assert record["input_text"][start:end] == "PARIS, Dec. 31 (AP) --"


def test_kinds_not_kept_are_dropped_with_their_reason_for_the_exclusion_writer(tmp_path: Path) -> None:
    import json

    step = WirecutCleaner(exclusion_writer=JsonlWriter(str(tmp_path / "dropped"), compression=None))
    assert [doc.id for doc in step.run(documents(), rank=0)] == ["s1", "s2"]
    # keep_kinds decides by the Story's kind: keeping only listings drops the stories too
    only = WirecutCleaner(
        keep_kinds=("listing",), exclusion_writer=JsonlWriter(str(tmp_path / "all"), compression=None)
    )
    assert list(only.run(documents(), rank=0)) == []
    assert only.stats["dropped_kind_story"].total == 2 and only.stats["dropped_kind_none"].total == 1

    def reasons(folder: Path) -> list[tuple[str, str]]:
        [written] = list(folder.glob("*.jsonl"))
        lines = written.read_text(encoding="utf-8").splitlines()
        return [(d["id"], d["metadata"]["filter_reason"]) for d in map(json.loads, lines)]

    assert reasons(tmp_path / "dropped") == [("s3", "kind_none")]
    assert reasons(tmp_path / "all") == [("s1", "kind_story"), ("s2", "kind_story"), ("s3", "kind_none")]


def test_a_bad_text_form_is_refused() -> None:
    with pytest.raises(ValueError, match="text must be one of"):
        WirecutCleaner(text="everything")


def test_the_docstring_examples_hold() -> None:
    for module in (wirecut.datatrove, wirecut.tabular):
        result = doctest.testmod(module)
        assert result.attempted >= 1 and result.failed == 0, module.__name__


def _recipe(name: str) -> str:
    text = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- recipe: {name} -->\s*```python\n(.*?)```", text, re.S)
    assert match, f"docs/batch.md has no recipe {name!r}"
    return match.group(1)


def test_the_datasets_map_recipe_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(_recipe("datasets-map"), "docs/batch.md", "exec"), namespace)
    stories = namespace["stories"]
    assert stories.column_names == wirecut.tabular.flat_columns()
    assert stories.num_rows == 2  # the page of buttons is no story: filtered out
    assert stories[0]["dateline_date_iso"] == "2023-12-31"
    assert stories[0]["source"] == "s1"


def test_the_datatrove_recipe_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(_recipe("datatrove"), "docs/batch.md", "exec"), namespace)
    import gzip
    import json

    written = sorted((tmp_path / "clean").glob("*.jsonl.gz"))
    docs = [json.loads(line) for path in written for line in gzip.decompress(path.read_bytes()).splitlines()]
    assert [d["id"] for d in docs] == ["s1", "s2"]
    assert docs[0]["metadata"]["wirecut"]["dateline"]["location"] == "PARIS"
