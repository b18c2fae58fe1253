"""The batch library: inputs, outputs, safe names, bad inputs, resume, parse_many (``wirecut.batch``)."""

from __future__ import annotations

import ast
import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import ROOT

import wirecut
from wirecut.batch import (
    STATE_DIR,
    BatchError,
    BatchJob,
    ChunkResult,
    InputSpec,
    Item,
    LocalEngine,
    WorkerSettings,
    count_items,
    iter_items,
    parse_many,
    printable,
    run_batch,
    safe_component,
    safe_id_name,
    safe_relpath,
)

CITIES = ["PARIS", "NAIROBI", "LIMA", "OSLO", "HANOI", "ACCRA", "QUITO", "RIGA"]
AGENCIES = ["AFP", "Reuters", "AP"]


def wire_story(number: int, sentences: int = 6) -> str:
    """A small wire-like story: a dateline, body sentences, a caption with a credit, a related teaser."""
    city = CITIES[number % len(CITIES)]
    agency = AGENCIES[number % len(AGENCIES)]
    body = " ".join(
        f"Officials in {city.title()} said on Tuesday that item {number} of the plan, number {i}, would go ahead."
        for i in range(sentences)
    )
    return (
        f"{city}, March {number % 28 + 1} ({agency}) -- {body} "
        f"A worker walks past a market in {city.title()}, March 3, 2024. ({agency}/Jane Doe) "
        f"Related: Talks resume in {city.title()} {city}, March 2 ({agency}) -- Delegates met again. Full story"
    )


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)


def outputs(root: Path) -> dict[str, dict[str, Any]]:
    """Every output document under ``root`` by relative path (the job's state directory excluded)."""
    found = {}
    for path in sorted(root.rglob("*.json")):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith(STATE_DIR):
            found[rel] = json.loads(path.read_text(encoding="utf-8"))
    return found


def nothing_running_left(out: Path) -> bool:
    """A directory output's job has left no lock and no temporary file, only the record of its options."""
    state = out / STATE_DIR
    return not state.exists() or sorted(p.name for p in state.iterdir()) == ["job"]


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


ONE = LocalEngine(1)  # in-process: the same code as the pool, without the start-up cost in most tests


# --- safe names ------------------------------------------------------------------------------------


@given(st.text())
def test_a_safe_id_name_is_one_harmless_component(ident: str) -> None:
    name = safe_id_name(ident)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert len(name.encode("utf-8", "surrogatepass")) <= 220
    name.encode("utf-8")  # no lone surrogates: a file name every filesystem takes


@given(st.text(max_size=40), st.text(max_size=40))
def test_two_ids_never_share_a_name(first: str, second: str) -> None:
    if first != second:
        assert safe_id_name(first) != safe_id_name(second)


@given(st.text())
def test_a_safe_relpath_stays_below_its_root(path: str) -> None:
    rel = safe_relpath(path)
    parts = rel.split("/")
    assert rel and not rel.startswith("/") and "\x00" not in rel
    assert all(part not in ("", ".", "..") for part in parts)
    root = "/out"
    assert os.path.normpath(os.path.join(root, rel)).startswith(root + "/")


def test_names_from_the_filesystem_keep_their_look() -> None:
    assert safe_component("story 1.txt") == "story 1.txt"
    assert safe_component(os.fsdecode(b"caf\xe9.txt")) == "caf%E9.txt"
    assert safe_component("new\nline") == "new%0Aline"


@given(st.text())
def test_a_printable_name_is_one_harmless_line(name: str) -> None:
    shown = printable(name)
    assert shown.isprintable()  # no escape sequence, newline, carriage return or bidi override survives
    shown.encode("utf-8")
    if name.isprintable():
        assert shown == name  # an ordinary name reads unchanged


def test_printable_escapes_what_a_terminal_would_obey() -> None:
    assert printable("a\x1b[31mred\x07\n\r\t.txt") == "a\\x1b[31mred\\x07\\n\\r\\t.txt"
    assert printable("x\u202egnp.exe") == "x\\u202egnp.exe"  # a right-to-left override
    assert printable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"


# --- inputs and outputs ----------------------------------------------------------------------------


def test_a_directory_is_mirrored_one_json_per_input(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"a/one.txt": wire_story(1), "a/b/two.txt": wire_story(2), "three.txt": wire_story(3)})
    summary = run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "out") + "/"), engine=ONE)
    found = outputs(tmp_path / "out")
    assert sorted(found) == ["a/b/two.txt.json", "a/one.txt.json", "three.txt.json"]
    assert found["a/b/two.txt.json"]["source"] == str(tmp_path / "in" / "a" / "b" / "two.txt")
    assert found["a/one.txt.json"]["schema"] == "wirecut/1"
    assert found["a/one.txt.json"]["dateline"]["location"] == "NAIROBI"
    assert (summary.documents, summary.failures, summary.skipped) == (3, 0, 0)
    assert summary.parts["dateline"] == 3 and sum(summary.parts.values()) > 3
    assert nothing_running_left(tmp_path / "out")


def test_glob_picks_files_and_gz_is_read_transparently(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"keep.txt": wire_story(1), "skip.html": "<p>no</p>", "sub/z.txt.gz": b""})
    (tmp_path / "in" / "sub" / "z.txt.gz").write_bytes(gzip.compress(wire_story(5).encode()))
    run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "out"), globs=["*.txt"]), engine=ONE)
    found = outputs(tmp_path / "out")
    assert sorted(found) == ["keep.txt.json", "sub/z.txt.gz.json"]
    assert found["sub/z.txt.gz.json"]["dateline"]["location"] == CITIES[5]


def test_several_inputs_keep_their_own_paths(tmp_path: Path) -> None:
    write_tree(tmp_path, {"x/s.txt": wire_story(1), "y/s.txt": wire_story(2)})
    os.chdir(tmp_path)
    run_batch(BatchJob(["x", "y/s.txt"], "out/"), engine=ONE)
    assert sorted(outputs(tmp_path / "out")) == ["x/s.txt.json", "y/s.txt.json"]


def test_jsonl_input_to_jsonl_output_keeps_order_ids_and_meta(tmp_path: Path) -> None:
    records = [
        {"id": "a-1", "text": wire_story(1), "url": "https://example.org/1"},
        {"text": wire_story(2), "lang": "en"},
        {"id": 7, "body": "x", "text": wire_story(3)},
    ]
    dump = tmp_path / "dump.jsonl.gz"
    dump.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    out = tmp_path / "out.jsonl"
    summary = run_batch(BatchJob([str(dump)], str(out)), engine=LocalEngine(2))
    lines = jsonl(out)
    assert [line["source"] for line in lines] == [f"{dump}#a-1", f"{dump}:2", f"{dump}#7"]
    assert lines[0]["meta"] == {"id": "a-1", "url": "https://example.org/1"}
    assert lines[1]["meta"] == {"lang": "en"}
    assert "text" not in lines[2]["meta"] and lines[2]["meta"]["body"] == "x"
    assert [line["dateline"]["location"] for line in lines] == [CITIES[1], CITIES[2], CITIES[3]]
    assert summary.documents == 3 and not Path(str(out) + ".partial").exists()


def test_jsonl_fields_are_chosen_by_name(tmp_path: Path) -> None:
    dump = tmp_path / "d.ndjson"
    dump.write_text(json.dumps({"url": "u1", "body": wire_story(4)}) + "\n", encoding="utf-8")
    run_batch(BatchJob([str(dump)], str(tmp_path / "o.jsonl"), text_field="body", id_field="url"), engine=ONE)
    (line,) = jsonl(tmp_path / "o.jsonl")
    assert line["source"].endswith("d.ndjson#u1") and line["meta"] == {"url": "u1"}


def test_unsafe_ids_never_leave_the_output_directory(tmp_path: Path) -> None:
    ids = ["../../escape", "/etc/passwd", "a\x00b", "..", ".hidden", "ok", "ok", "x/y\\z", "é ü", "", "c" * 400]
    os.chdir(tmp_path)  # a relative input keeps its path under the output: ids.jsonl -> out/ids.jsonl/
    Path("ids.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": wire_story(n)}) + "\n" for n, i in enumerate(ids))
    )
    out = tmp_path / "deep" / "out"
    summary = run_batch(BatchJob(["ids.jsonl"], str(out) + "/"), engine=ONE)
    assert summary.documents == len(ids) and summary.failures == 0
    written = [p for p in (tmp_path).rglob("*") if p.is_file() and p.suffix == ".json"]
    assert len(written) == len(ids)  # duplicates kept apart, nothing overwritten
    for path in written:
        assert path.resolve().is_relative_to((out / "ids.jsonl").resolve()), path
        assert path.parent == out / "ids.jsonl"
    names = sorted(p.name for p in written)
    assert "ok.json" in names and any(n.startswith("ok~L") for n in names) and "line-10.json" in names


def test_paths_from_stdin_and_names_that_are_not_utf8(tmp_path: Path) -> None:
    odd = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(odd, "wb") as handle:
        handle.write(wire_story(1).encode())
    plain = tmp_path / "plain.txt"
    plain.write_text(wire_story(2))
    stdin = [odd + b"\n", b"\n", os.fsencode(str(plain)) + b"\r\n"]
    out = tmp_path / "o.jsonl"
    run_batch(BatchJob(["-"], str(out)), engine=ONE, stdin=iter(stdin))
    first, second = jsonl(out)
    assert first["source"].endswith("caf\\xe9.txt") and second["source"] == str(plain)
    run_batch(BatchJob(["-"], str(tmp_path / "dir") + "/"), engine=ONE, stdin=iter(stdin))
    assert any(name.endswith("caf%E9.txt.json") for name in outputs(tmp_path / "dir"))


# --- bad inputs ------------------------------------------------------------------------------------


def test_bad_inputs_go_to_the_errors_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_tree(
        src,
        {
            "good.txt": wire_story(1),
            "binary.txt": b"\x00\x01\x02PNG\x00",
            "latin1.txt": "São Paulo, 2 mai (AFP) - Voilà.".encode("latin-1"),
            "bad.txt.gz": b"not gzip at all",
            "dump.jsonl": '{"id": "1", "text": "OSLO (AP) - Snow."}\n{broken\n[1, 2]\n{"id": "n"}\n\n',
            "like-a-file.txt/inner.txt": wire_story(2),  # a directory named like a file is walked
        },
    )
    os.mkfifo(src / "pipe.txt")  # would block a reader forever
    os.symlink(src / "gone.txt", src / "dangling.txt")
    errors = tmp_path / "errors.jsonl"
    summary = run_batch(BatchJob([str(src)], str(tmp_path / "out"), errors=str(errors)), engine=LocalEngine(2))
    records = jsonl(errors)
    reasons = {r["source"].removeprefix(str(src) + "/"): (r["error"], r["reason"]) for r in records}
    assert set(reasons) == {
        "bad.txt.gz",
        "binary.txt",
        "dangling.txt",
        "dump.jsonl:2",
        "dump.jsonl:3",
        "dump.jsonl:4",
        "pipe.txt",
    }
    assert reasons["binary.txt"][0] == "read" and "binary" in reasons["binary.txt"][1]
    assert reasons["pipe.txt"][1].startswith("not a regular file")
    assert reasons["dangling.txt"][1] == "broken symbolic link"
    assert reasons["dump.jsonl:2"][0] == "json" and "malformed" in reasons["dump.jsonl:2"][1]
    assert "not a JSON object" in reasons["dump.jsonl:3"][1]
    assert "'text' is missing" in reasons["dump.jsonl:4"][1]
    assert all(set(r) == {"source", "path", "line", "error", "reason"} for r in records)
    assert summary.failures == 7 and summary.documents == 4
    found = outputs(tmp_path / "out")
    assert found["latin1.txt.json"]["warnings"]  # decoded with a warning, not a failure
    assert "like-a-file.txt/inner.txt.json" in found


def test_symlink_loops_are_reported_not_followed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_tree(src, {"sub/story.txt": wire_story(1)})
    os.symlink(src, src / "sub" / "back-to-top")
    os.symlink(src / "self", src / "self")
    os.symlink(src / "sub", src / "alias")  # the same directory twice is fine (and its loop is found twice)
    failures: list[dict[str, Any]] = []
    run_batch(BatchJob([str(src)], str(tmp_path / "out")), engine=ONE, on_failure=failures.append)
    looped = sorted(f["source"].removeprefix(str(src) + "/") for f in failures)
    assert looped == ["alias/back-to-top", "self", "sub/back-to-top"]
    assert all("loop" in f["reason"] for f in failures)
    assert sorted(outputs(tmp_path / "out")) == ["alias/story.txt.json", "sub/story.txt.json"]


def test_an_output_inside_the_input_is_not_read_again(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": wire_story(1)})
    for _ in range(2):
        summary = run_batch(BatchJob([str(tmp_path)], str(tmp_path / "out"), force=True), engine=ONE)
    assert summary.inputs == 1 and sorted(outputs(tmp_path / "out")) == ["a.txt.json"]


# --- resume ----------------------------------------------------------------------------------------


def test_a_directory_output_resumes_by_skipping_what_exists(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {f"s{i}.txt": wire_story(i) for i in range(5)})
    job = BatchJob([str(tmp_path / "in")], str(tmp_path / "out"))
    run_batch(job, engine=ONE)
    (tmp_path / "out" / "s3.txt.json").unlink()
    (tmp_path / "out" / STATE_DIR / "tmp").mkdir(parents=True)
    (tmp_path / "out" / STATE_DIR / "tmp" / "123-1.tmp").write_text('{"half')  # a killed run's leftover
    again = run_batch(job, engine=ONE)
    assert (again.documents, again.skipped) == (1, 4)
    assert len(outputs(tmp_path / "out")) == 5 and nothing_running_left(tmp_path / "out")
    forced = run_batch(BatchJob(job.inputs, job.output, force=True), engine=ONE)
    assert (forced.documents, forced.skipped) == (5, 0)


class InterruptAfter:
    """An engine that runs ``chunks`` chunks, then behaves as if Ctrl-C was pressed."""

    def __init__(self, chunks: int) -> None:
        self.chunks = chunks

    def run(self, chunks: Iterator[list[Item]], settings: WorkerSettings) -> Iterator[ChunkResult]:
        for index, result in enumerate(ONE.run(chunks, settings)):
            if index == self.chunks:
                raise KeyboardInterrupt
            yield result


def test_a_jsonl_output_resumes_after_its_checkpoint(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text("".join(json.dumps({"id": str(i), "text": wire_story(i, 1)}) + "\n" for i in range(50)))
    (tmp_path / "bad.txt").write_bytes(b"\x00")
    out = tmp_path / "o.jsonl"
    errors = tmp_path / "e.jsonl"
    job = BatchJob([str(tmp_path / "bad.txt"), str(dump)], str(out), chunk_size=8, errors=str(errors))
    first = run_batch(job, engine=InterruptAfter(3))
    assert first.interrupted and not out.exists()
    partial = Path(str(out) + ".partial")
    state = json.loads(Path(str(partial) + ".state").read_text())
    assert state["inputs_done"] == 24 and partial.stat().st_size == state["output_bytes"]
    with open(partial, "ab") as grown:  # what a SIGKILL between two checkpoints leaves
        grown.write(b'{"schema": "wirecut/1", "half')
    second = run_batch(job, engine=LocalEngine(2))
    assert second.resumed_from == 24 and second.documents == 27 and not partial.exists()
    assert [line["source"].split("#")[1] for line in jsonl(out)] == [str(i) for i in range(50)]
    assert len(jsonl(errors)) == 1  # the failure before the checkpoint is kept, not repeated
    assert run_batch(job, engine=ONE).already_complete


def test_a_different_job_does_not_resume_another_ones_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(wire_story(1))
    out = str(tmp_path / "o.jsonl")
    run_batch(BatchJob([str(tmp_path / "a.txt")], out, chunk_size=1), engine=InterruptAfter(0))
    with pytest.raises(BatchError, match="different batch"):
        run_batch(BatchJob([str(tmp_path / "a.txt")], out, fmt="json"), engine=ONE)
    assert run_batch(BatchJob([str(tmp_path / "a.txt")], out, fmt="json", force=True), engine=ONE).documents == 1


def test_job_level_problems_are_batch_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(BatchError, match="compressed output"):
        run_batch(BatchJob([str(tmp_path)], str(tmp_path / "o.jsonl.gz")), engine=ONE)
    with pytest.raises(BatchError, match="format text"):
        run_batch(BatchJob([str(tmp_path)], str(tmp_path / "o.jsonl"), fmt="text"), engine=ONE)
    (tmp_path / "file").write_text("")
    with pytest.raises(BatchError, match="cannot create"):
        run_batch(BatchJob([str(tmp_path / "a.txt")], str(tmp_path / "file" / "sub") + "/"), engine=ONE)


def test_count_items_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "x", "b/c.txt": "y", "d.jsonl": '{"text": "1"}\n{"text": "2"}\n'})
    assert count_items(InputSpec([str(tmp_path)])) == 4
    assert len(list(iter_items(InputSpec([str(tmp_path)])))) == 4


# --- parse_many ------------------------------------------------------------------------------------


def test_parse_many_yields_stories_in_order_from_texts_and_paths(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(wire_story(7))
    items: list[Any] = [wire_story(i, 1) for i in range(150)]
    items.insert(40, path)
    items.insert(90, wire_story(3).encode("utf-8"))
    stories = list(wirecut.parse_many(iter(items), workers=2, chunk_size=16))
    assert len(stories) == 152
    assert stories[40].to_dict() == wirecut.parse_file(path).to_dict()
    assert stories[90].to_dict() == wirecut.parse(wire_story(3)).to_dict()
    texts = [s.text for i, s in enumerate(stories) if i not in (40, 90)]
    assert texts == [wire_story(i, 1) for i in range(150)]


def test_parse_many_raises_or_skips_an_unreadable_path(tmp_path: Path) -> None:
    items: list[Any] = ["OSLO (AP) - Snow.", tmp_path / "missing.txt", "LIMA (AFP) - Sun."]
    with pytest.raises(wirecut.InputError, match=r"missing\.txt: no such file"):
        list(parse_many(items, workers=1))
    assert [s.dateline.location for s in parse_many(items, workers=1, on_error="skip")] == ["OSLO", "LIMA"]
    with pytest.raises(TypeError):
        list(parse_many([42], workers=1))  # type: ignore[list-item]


def test_the_batch_library_imports_neither_click_nor_rich() -> None:
    package = ROOT / "src" / "wirecut"
    for path in [*sorted((package / "batch").glob("*.py")), package / "dask.py"]:
        name = path.name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {m for m in imported if m.split(".")[0] in ("click", "rich") or m.startswith("wirecut.cli")}, name


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest
    import importlib
    import pkgutil

    import wirecut.batch

    modules = [importlib.import_module(f"wirecut.batch.{m.name}") for m in pkgutil.iter_modules(wirecut.batch.__path__)]
    assert len(modules) >= 7
    results = [doctest.testmod(module) for module in modules]
    assert sum(r.attempted for r in results) >= 8 and sum(r.failed for r in results) == 0


def test_too_large_inputs_fail_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wirecut, "MAX_INPUT_BYTES", 2000)  # read at call time: no 256 MB file needed
    big = "PARIS (AFP) - " + "Rain fell again. " * 200
    write_tree(tmp_path / "in", {"big.txt": big, "small.txt": wire_story(1, 1)})
    (tmp_path / "in" / "bomb.txt.gz").write_bytes(gzip.compress(big.encode()))
    (tmp_path / "in" / "d.jsonl").write_text(json.dumps({"text": big}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    failures: list[dict[str, Any]] = []
    summary = run_batch(
        BatchJob([str(tmp_path / "in")], str(tmp_path / "o.jsonl")), engine=ONE, on_failure=failures.append
    )
    assert summary.documents == 2
    reasons = {Path(f["source"]).name: f["reason"] for f in failures}
    assert set(reasons) == {"big.txt", "bomb.txt.gz", "d.jsonl:1"}
    assert "larger than" in reasons["big.txt"] and "more than" in reasons["bomb.txt.gz"]
    assert "over the limit" in reasons["d.jsonl:1"]


def test_a_glob_with_a_slash_matches_the_path_below_the_directory(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"2024/a.txt": "x", "2023/b.txt": "y", "2024/deep/c.txt": "z"})
    for inputs in ([str(tmp_path / "in")], [str(tmp_path / "in"), str(tmp_path / "in" / "2023")]):
        found = [i.source for i in iter_items(InputSpec(inputs, globs=["2024/*.txt"]))]
        assert found == [str(tmp_path / "in" / "2024" / p) for p in ("a.txt", "deep/c.txt")]  # * crosses /
