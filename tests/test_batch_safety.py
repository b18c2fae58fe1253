"""A batch that cannot confuse its inputs: one name per input, its own files never read back, a resume
that refuses changed inputs, write errors said in one line, bounded JSON Lines lines, a time budget per
document, and ``parse_many`` that keeps what it made (``wirecut.batch``)."""

from __future__ import annotations

import errno
import gc
import gzip
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.test_batch import ONE, InterruptAfter, jsonl, outputs, wire_story, write_tree

import wirecut
import wirecut.batch.outputs
import wirecut.pipeline
from wirecut.batch import (
    BatchError,
    BatchJob,
    InputSpec,
    LocalEngine,
    iter_items,
    parse_many,
    run_batch,
    safe_component,
    safe_relpath,
)
from wirecut.batch.outputs import OutputError

# --- one name per input ----------------------------------------------------------------------------


@given(st.binary(max_size=30), st.binary(max_size=30))
def test_two_names_found_on_disk_never_share_a_component(first: bytes, second: bytes) -> None:
    names = [os.fsdecode(first.replace(b"/", b"")), os.fsdecode(second.replace(b"/", b""))]
    if names[0] != names[1]:
        assert safe_component(names[0]) != safe_component(names[1])


def test_the_escape_character_is_escaped(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"tab\tx.txt": wire_story(1), "tab%09x.txt": wire_story(2)})
    summary = run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "out") + "/"), engine=ONE)
    found = outputs(tmp_path / "out")
    assert sorted(found) == ["tab%09x.txt.json", "tab%2509x.txt.json"]
    assert found["tab%09x.txt.json"]["source"].endswith("tab\tx.txt")
    assert found["tab%2509x.txt.json"]["source"].endswith("tab%09x.txt")
    assert (summary.documents, summary.skipped, summary.failures) == (2, 0, 0)


def test_root_and_parent_stay_distinct(tmp_path: Path) -> None:
    write_tree(tmp_path, {"work/p/x.txt": wire_story(1), "p/x.txt": wire_story(2)})
    absolute = str(tmp_path / "p" / "x.txt")
    os.chdir(tmp_path / "work")
    given_paths = [absolute, "p/x.txt", "../p/x.txt"]
    stdin = [os.fsencode(p) + b"\n" for p in given_paths]
    summary = run_batch(BatchJob(["-"], str(tmp_path / "out") + "/"), engine=ONE, stdin=iter(stdin))
    assert (summary.documents, summary.skipped, summary.failures) == (3, 0, 0)
    found = outputs(tmp_path / "out")
    assert sorted(doc["source"] for doc in found.values()) == sorted(given_paths)
    assert "p/x.txt.json" in found and "%2E%2E/p/x.txt.json" in found
    assert f"%2F{absolute}.json" in found
    assert len({safe_relpath(p) for p in ("/p/x.txt", "p/x.txt", "../p/x.txt", "./p/x.txt")}) == 3


def test_a_jsonl_file_and_a_directory_of_the_same_stem_both_keep_their_documents(tmp_path: Path) -> None:
    write_tree(
        tmp_path / "in",
        {
            "dump.jsonl": json.dumps({"id": "a1", "text": wire_story(1)}) + "\n",
            "dump.ndjson": json.dumps({"id": "a1", "text": wire_story(2)}) + "\n",
            "dump/a1": wire_story(3),
        },
    )
    summary = run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "out") + "/"), engine=ONE)
    assert (summary.documents, summary.skipped, summary.failures) == (3, 0, 0)
    assert sorted(outputs(tmp_path / "out")) == ["dump.jsonl/a1.json", "dump.ndjson/a1.json", "dump/a1.json"]


def test_two_inputs_that_would_share_an_output_are_refused_never_already_done(tmp_path: Path) -> None:
    write_tree(tmp_path, {"in/a.txt": wire_story(1)})
    os.chdir(tmp_path)
    failures: list[dict[str, Any]] = []
    job = BatchJob(["in", "in/a.txt"], "out/")  # the same file given twice, under the same name
    summary = run_batch(job, engine=ONE, on_failure=failures.append)
    assert (summary.documents, summary.skipped, summary.failures) == (1, 0, 1)
    (failure,) = failures
    assert failure["error"] == "name" and failure["source"] == "in/a.txt"
    assert "output name in/a.txt is that of an earlier input" in failure["reason"]
    again = run_batch(job, engine=ONE)  # a rerun skips the first as done and still refuses the second
    assert (again.skipped, again.failures) == (1, 1)


# --- the job's own files are never inputs ----------------------------------------------------------


def test_a_jsonl_output_inside_its_input_never_reads_its_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A checkpoint after every chunk: the state file is replaced (a new inode) before discovery reaches it.
    monkeypatch.setattr(wirecut.batch.outputs, "CHECKPOINT_SECONDS", 0.0)
    write_tree(tmp_path, {f"s{i}.txt": wire_story(i) for i in range(6)})
    out = tmp_path / "zz.jsonl"  # sorted after the inputs
    job = BatchJob([str(tmp_path)], str(out), chunk_size=1, errors=str(tmp_path / "zz-errors.jsonl"))
    first = run_batch(job, engine=InterruptAfter(3))
    assert first.interrupted and first.failures == 0
    summary = run_batch(job, engine=ONE)
    assert summary.inputs + summary.resumed_from == 6 and summary.failures == 0
    assert [line["source"] for line in jsonl(out)] == [str(tmp_path / f"s{i}.txt") for i in range(6)]


def test_paths_on_stdin_that_name_the_jobs_own_files_are_left_out(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": wire_story(1)})
    out = tmp_path / "all.jsonl"
    run_batch(BatchJob([str(tmp_path / "a.txt")], str(out), chunk_size=1), engine=InterruptAfter(0))
    listed = [os.fsencode(str(p)) + b"\n" for p in sorted(tmp_path.iterdir())]  # what `find .` gives
    assert len(listed) == 3  # a.txt, all.jsonl.partial, all.jsonl.partial.state
    summary = run_batch(BatchJob(["-"], str(out), force=True), engine=ONE, stdin=iter(listed))
    assert summary.documents == 1 and [line["source"] for line in jsonl(out)] == [str(tmp_path / "a.txt")]


# --- a resume whose inputs changed -----------------------------------------------------------------


def _interrupted_directory_job(tmp_path: Path) -> BatchJob:
    write_tree(tmp_path / "in", {f"s{i:02d}.txt": wire_story(i, 1) for i in range(20)})
    job = BatchJob([str(tmp_path / "in")], str(tmp_path / "o.jsonl"), chunk_size=4)
    assert run_batch(job, engine=InterruptAfter(2)).interrupted
    state = json.loads(Path(str(tmp_path / "o.jsonl.partial.state")).read_text())
    assert state["inputs_done"] == 8 and state["last_input"] == str(tmp_path / "in" / "s07.txt")
    return job


def test_a_resume_after_an_input_was_added_before_the_checkpoint_is_refused(tmp_path: Path) -> None:
    job = _interrupted_directory_job(tmp_path)
    (tmp_path / "in" / "s00a.txt").write_text(wire_story(40, 1))
    with pytest.raises(BatchError, match=r"inputs changed .* had done 8 inputs, the last of them .*s07\.txt"):
        run_batch(job, engine=ONE)
    assert json.loads(Path(str(tmp_path / "o.jsonl.partial.state")).read_text())["inputs_done"] == 8  # untouched
    (tmp_path / "in" / "s00a.txt").unlink()
    (tmp_path / "in" / "s03.txt").unlink()
    with pytest.raises(BatchError, match="inputs changed"):
        run_batch(job, engine=ONE)
    assert run_batch(BatchJob(job.inputs, job.output, force=True), engine=ONE).documents == 19


def test_a_resume_after_inputs_were_removed_from_the_end_is_refused(tmp_path: Path) -> None:
    job = _interrupted_directory_job(tmp_path)
    for i in range(5, 20):
        (tmp_path / "in" / f"s{i:02d}.txt").unlink()
    with pytest.raises(BatchError, match="now there are only 5"):
        run_batch(job, engine=ONE)


def test_a_resume_after_an_input_was_added_after_the_checkpoint_does_it_once(tmp_path: Path) -> None:
    job = _interrupted_directory_job(tmp_path)
    (tmp_path / "in" / "s99.txt").write_text(wire_story(99, 1))
    resumed = run_batch(job, engine=LocalEngine(2))
    assert resumed.resumed_from == 8 and resumed.documents == 13
    expected = [str(tmp_path / "in" / f"s{i:02d}.txt") for i in [*range(20), 99]]
    assert [line["source"] for line in jsonl(tmp_path / "o.jsonl")] == expected


# --- a directory job with other options ------------------------------------------------------------


def test_a_directory_job_with_other_options_is_refused_then_redone_with_force(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"a.txt": wire_story(1)})
    out = str(tmp_path / "out") + "/"
    run_batch(BatchJob([str(tmp_path / "in")], out), engine=ONE)
    with pytest.raises(BatchError, match=r"other options \(format 'json' then, 'ninjs' now\).*--force"):
        run_batch(BatchJob([str(tmp_path / "in")], out, fmt="ninjs"), engine=ONE)
    import datetime as dt

    with pytest.raises(BatchError, match="reference date None then, '2024-03-01' now"):
        run_batch(BatchJob([str(tmp_path / "in")], out, reference_date=dt.date(2024, 3, 1)), engine=ONE)
    assert run_batch(BatchJob([str(tmp_path / "in")], out), engine=ONE).skipped == 1  # same options: kept
    forced = run_batch(BatchJob([str(tmp_path / "in")], out, fmt="ninjs", force=True), engine=ONE)
    assert forced.documents == 1
    assert "uri" in json.loads((tmp_path / "out" / "a.txt.json").read_text()) or "type" in json.loads(
        (tmp_path / "out" / "a.txt.json").read_text()
    )
    assert run_batch(BatchJob([str(tmp_path / "in")], out, fmt="ninjs"), engine=ONE).skipped == 1


# --- write errors ----------------------------------------------------------------------------------


def test_a_full_disk_under_a_jsonl_output_stops_with_one_error_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path / "in", {f"s{i:02d}.txt": wire_story(i, 1) for i in range(12)})
    reference = tmp_path / "reference.jsonl"
    run_batch(BatchJob([str(tmp_path / "in")], str(reference)), engine=ONE)
    real_write_all = wirecut.batch.outputs._write_all
    calls = 0

    def full_after_three(fd: int, data: bytes | bytearray) -> None:
        nonlocal calls
        calls += 1
        if calls > 3:
            os.write(fd, bytes(data[: len(data) // 2]))  # the disk takes half the chunk, then is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write_all(fd, data)

    monkeypatch.setattr(wirecut.batch.outputs, "_write_all", full_after_three)
    out = tmp_path / "o.jsonl"
    job = BatchJob([str(tmp_path / "in")], str(out), chunk_size=2)
    with pytest.raises(OutputError, match=r"o\.jsonl: cannot write: no space left on device; what was written is kept"):
        run_batch(job, engine=ONE)
    state = json.loads(Path(str(out) + ".partial.state").read_text())
    assert state["inputs_done"] == 6 and Path(str(out) + ".partial").stat().st_size == state["output_bytes"]
    monkeypatch.setattr(wirecut.batch.outputs, "_write_all", real_write_all)  # room again
    assert run_batch(job, engine=ONE).resumed_from == 6
    assert out.read_bytes() == reference.read_bytes()


def test_a_full_errors_file_is_an_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: bytes | bytearray) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(wirecut.batch.outputs, "_write_all", full)
    write_tree(tmp_path / "in", {"bin.txt": b"\x00\x00"})
    errors = tmp_path / "errors.jsonl"
    with pytest.raises(OutputError, match=r"errors\.jsonl: cannot write the errors file: no space left on device"):
        run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "o.jsonl"), errors=str(errors)), engine=ONE)


# --- JSON Lines inputs ----------------------------------------------------------------------------


def test_a_jsonl_file_that_starts_with_a_bom_keeps_its_first_record(tmp_path: Path) -> None:
    dump = tmp_path / "bom.jsonl"
    dump.write_bytes(
        b"\xef\xbb\xbf"
        + "".join(json.dumps({"id": str(i), "text": wire_story(i, 1)}) + "\n" for i in range(2)).encode()
    )
    items = list(iter_items(InputSpec([str(dump)])))
    assert [item.source for item in items] == [f"{dump}#0", f"{dump}#1"]


def test_a_line_past_the_limit_is_one_failure_and_the_file_goes_on(tmp_path: Path) -> None:
    huge = json.dumps({"id": "huge", "text": "x" * 3_000_000})  # 3 MB, compressed to a few kilobytes
    records = [
        json.dumps({"id": "a", "text": wire_story(1, 1)}),
        huge,
        json.dumps({"id": "b", "text": wire_story(2, 1)}),
    ]
    dump = tmp_path / "d.jsonl.gz"
    dump.write_bytes(gzip.compress(("\n".join(records) + "\n").encode()))
    assert dump.stat().st_size < 50_000
    failures: list[dict[str, Any]] = []
    job = BatchJob([str(dump)], str(tmp_path / "o.jsonl"), max_line_bytes=1_000_000)
    summary = run_batch(job, engine=ONE, on_failure=failures.append)
    assert summary.documents == 2 and [line["source"] for line in jsonl(tmp_path / "o.jsonl")] == [
        f"{dump}#a",
        f"{dump}#b",
    ]
    (failure,) = failures
    assert failure["source"] == f"{dump}:2" and failure["line"] == 2 and failure["error"] == "read"
    assert failure["reason"] == f"line of {len(huge) + 1} bytes is over the limit of 1000000 bytes for one record"


# --- a time budget per document --------------------------------------------------------------------


def _spin(seconds: float) -> None:
    started = time.process_time()
    while time.process_time() - started < seconds:  # bounded, so a broken budget fails instead of hanging
        pass


def slow_rule(state: Any) -> None:
    """A parser that takes far more than its share: the budget stops it."""
    _spin(20.0)


def stubborn_rule(state: Any) -> None:
    """A parser that swallows every Exception and goes on: only the second budget stops it."""
    started = time.process_time()
    while time.process_time() - started < 20.0:
        try:
            _spin(20.0)
        except Exception:
            continue


def _with_rule(rule: Any) -> wirecut.Config:
    """The default config with ``rule`` just before the body parser (the in-process engine runs any rule)."""
    return wirecut.DEFAULT_CONFIG.before("body", "slow", rule)


def test_a_document_past_its_time_budget_keeps_the_parts_found_so_far(tmp_path: Path) -> None:
    config = _with_rule(slow_rule)
    write_tree(tmp_path / "in", {"a.txt": wire_story(1), "b.txt": wire_story(2)})
    started = time.process_time()
    summary = run_batch(
        BatchJob([str(tmp_path / "in")], str(tmp_path / "o.jsonl"), time_budget=0.2), engine=ONE, config=config
    )
    assert time.process_time() - started < 5.0
    assert summary.documents == 2 and summary.failures == 0
    for line, city in zip(jsonl(tmp_path / "o.jsonl"), ["NAIROBI", "LIMA"]):
        assert line["dateline"]["location"] == city  # found before the slow parser
        assert any("parser slow failed on this text: TimeBudgetSpent" in w for w in line["warnings"])
        assert any(w.startswith("time budget of 0.2 CPU seconds ran out") for w in line["warnings"])
        assert "".join(p["text"] for p in line["body"]["paragraphs"])  # the body is still made


def test_a_document_that_goes_on_past_twice_its_budget_is_a_clear_failure(tmp_path: Path) -> None:
    config = _with_rule(stubborn_rule)
    write_tree(tmp_path / "in", {"a.txt": wire_story(1)})
    failures: list[dict[str, Any]] = []
    job = BatchJob([str(tmp_path / "in")], str(tmp_path / "o.jsonl"), time_budget=0.2)
    summary = run_batch(job, engine=ONE, config=config, on_failure=failures.append)
    assert summary.documents == 0
    (failure,) = failures
    assert failure["error"] == "time" and "more than twice its time budget of 0.2 CPU seconds" in failure["reason"]


def test_without_a_budget_a_document_takes_what_it_takes(tmp_path: Path) -> None:
    def a_bit_slow(state: Any) -> None:
        _spin(0.3)

    config = _with_rule(a_bit_slow)
    write_tree(tmp_path / "in", {"a.txt": wire_story(1)})
    run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "o.jsonl"), time_budget=None), engine=ONE, config=config)
    (line,) = jsonl(tmp_path / "o.jsonl")
    assert not any("budget" in w for w in line["warnings"])


def test_the_worker_pauses_the_cyclic_collector_for_a_parse(tmp_path: Path) -> None:
    seen: list[bool] = []
    config = _with_rule(lambda state: seen.append(gc.isenabled()))
    write_tree(tmp_path / "in", {"a.txt": wire_story(1)})
    assert gc.isenabled()
    run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "o.jsonl")), engine=ONE, config=config)
    assert seen == [False] and gc.isenabled()


# --- parse_many over a failing generator -----------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_parse_many_yields_what_it_made_before_the_generator_failed(workers: int) -> None:
    def texts() -> Iterator[str]:
        for number in range(100):
            yield wire_story(number, 1)
        raise RuntimeError("the source went away")

    made = []
    with pytest.raises(RuntimeError, match="the source went away"):
        for story in parse_many(texts(), workers=workers, chunk_size=16):
            made.append(story)
    assert [story.text for story in made] == [wire_story(number, 1) for number in range(100)]


def test_parse_many_yields_what_it_made_before_an_item_of_the_wrong_type() -> None:
    made = []
    with pytest.raises(TypeError, match="not int"):
        for story in parse_many(["OSLO (AP) - Snow.", 42], workers=1):  # type: ignore[list-item]
            made.append(story)
    assert [story.dateline.location for story in made] == ["OSLO"]


def test_the_empty_name_and_a_nul_name_stay_apart() -> None:
    from wirecut.batch.names import safe_id_name

    assert safe_component("") != safe_component("\x00")
    assert safe_id_name("") != safe_id_name("\x00")
