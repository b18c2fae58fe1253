"""``wirecut batch`` as a user runs it: exit codes, streams, permissions, and a real batch killed and resumed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.test_batch import jsonl, nothing_running_left, outputs, wire_story, write_tree

import wirecut
from wirecut.batch import DEFAULT_CHUNK_SIZE, STATE_DIR

WIRECUT = str(Path(sys.executable).parent / "wirecut")


def batch(
    *args: str, cwd: Path | None = None, stdin: str | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [WIRECUT, "batch", *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120, **kwargs
    )  # type: ignore[call-overload, no-any-return]


def test_all_good_is_exit_0_with_a_summary_and_no_bar_in_a_pipe(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"a.txt": wire_story(1), "b/c.txt": wire_story(2)})
    done = batch("in", "-o", "out/", "-j", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "documents parsed" in done.stderr and "\x1b[" not in done.stderr and "━" not in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert sorted(outputs(tmp_path / "out")) == ["a.txt.json", "b/c.txt.json"]
    again = batch("in", "-o", "out/", cwd=tmp_path)
    assert again.returncode == 0 and "already done (skipped)" in again.stderr


def test_some_failed_is_exit_1_and_the_errors_file_says_why(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"a.txt": wire_story(1), "bin.txt": b"\x00\x00"})
    done = batch("in", "-o", "out.jsonl", "--errors", "errors.jsonl", "--quiet", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr == ""
    (record,) = jsonl(tmp_path / "errors.jsonl")
    assert record["source"] == "in/bin.txt" and record["error"] == "read"
    assert len(jsonl(tmp_path / "out.jsonl")) == 1
    without_file = batch("in", "-o", "-", cwd=tmp_path)
    assert without_file.returncode == 1 and "wirecut: failed: in/bin.txt: binary input" in without_file.stderr
    assert json.loads(without_file.stdout)["source"] == "in/a.txt"


def test_hostile_file_names_reach_the_terminal_escaped(tmp_path: Path) -> None:
    hostile = "evil\x1b[2J\x1b]0;owned\x07\nwirecut: all fine\r.txt"
    write_tree(tmp_path / "in", {hostile: b"\x00\x00", "ok.txt": wire_story(1)})
    done = batch("in", "-o", "out/", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr and "\r" not in done.stderr
    (failed,) = [line for line in done.stderr.splitlines() if line.startswith("wirecut: failed:")]
    assert "evil\\x1b[2J\\x1b]0;owned\\x07\\nwirecut: all fine\\r.txt: binary input" in failed
    assert not any(line.startswith("wirecut: all fine") for line in done.stderr.splitlines())
    refused = batch("in", "-o", "o\x1b[31m.jsonl.gz", cwd=tmp_path)
    assert refused.returncode == 2 and "\x1b" not in refused.stderr and "o\\x1b[31m.jsonl.gz" in refused.stderr
    missing = batch("gone\x1b[31m", "-o", "out/", cwd=tmp_path)
    assert missing.returncode == 3 and "\x1b" not in missing.stderr and "gone\\x1b[31m" in missing.stderr


def _many_inputs(root: Path, count: int = 300) -> None:
    write_tree(root, {f"s{i:03d}.txt": wire_story(i) for i in range(count)})


def test_a_reader_that_closes_the_pipe_is_a_quiet_exit_0(tmp_path: Path) -> None:
    _many_inputs(tmp_path / "in")  # about a megabyte of JSON Lines: far more than a pipe holds
    process = subprocess.Popen(
        [WIRECUT, "batch", "in", "-o", "-", "-j", "1"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()  # what `| head -1` reads before it exits
    process.stdout.close()
    assert process.wait(timeout=120) == 0
    assert json.loads(first)["schema"] == "wirecut/1" and process.stderr.read() == b""


def test_a_full_standard_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _many_inputs(tmp_path / "in", 40)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [WIRECUT, "batch", "in", "-o", "-", "-q"], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "wirecut: error: standard output: cannot write: no space left on device;"
        " what was written is kept (run the same command again to resume)"
    ]


def test_a_closed_standard_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _many_inputs(tmp_path / "in", 2)
    done = subprocess.run(
        ["sh", "-c", f"exec {WIRECUT} batch in -o - -q >&-"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["wirecut: error: standard output is closed: give -o FILE.jsonl or -o DIR/"]


def test_the_progress_bar_has_its_total_from_the_start_and_an_eta(tmp_path: Path) -> None:
    import pty
    import re

    _many_inputs(tmp_path / "in")
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [WIRECUT, "batch", "in", "-o", "out.jsonl", "-j", "2"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        seen += data
    os.close(master)
    assert process.wait(timeout=120) == 0
    frames = [f for f in re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", seen).decode().split("\r") if "batch" in f]
    counts = [re.search(r"(\d+)/(\S+)", frame) for frame in frames if "docs/s" in frame]
    assert counts and all(m is not None and m.group(2) == "300" for m in counts), frames  # never 0/?
    assert re.search(r"300/300 .*docs/s \d+:\d\d:\d\d", frames[-1] if "docs/s" in frames[-1] else frames[-2])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["in", "-o", "o.jsonl", "--format", "nope"], "'nope' is not one of"),
        (["in", "-o", "o.jsonl", "--format", "text"], "--format text writes one file per input"),
        (["in", "-o", "o.jsonl.gz"], "compressed output is not supported"),
        (["in", "-o", "o/", "--reference-date", "May"], "not an ISO date"),
        (["in", "-o", "o/", "-j", "0"], "0 is not in the range"),
        (["in", "-o", "o/", "--time-budget", "-1"], "-1.0 is not in the range"),
        (["in", "-o", "o/", "--engine", "local", "--scheduler", "tcp://x:1"], "--scheduler is for --engine dask"),
        (["in"], "Missing option '-o'"),
    ],
)
def test_usage_errors_are_exit_2_without_a_traceback(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "in").mkdir()
    done = batch(*args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_paths_on_stdin_and_jsonl_to_stdout(tmp_path: Path) -> None:
    write_tree(tmp_path, {"x/a.txt": wire_story(1), "d.jsonl": json.dumps({"id": "r1", "text": wire_story(2)}) + "\n"})
    done = batch("-", "-o", "-", "--reference-date", "2024-03-01", cwd=tmp_path, stdin="x/a.txt\nd.jsonl\n")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["source"] for line in lines] == ["x/a.txt", "d.jsonl#r1"]
    assert lines[0]["dateline"]["date_iso"] == "2024-03-02"


def test_format_text_and_force(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"a.txt": wire_story(1)})
    assert batch("in", "-o", "out/", "--format", "text", "-q", cwd=tmp_path).returncode == 0
    text = (tmp_path / "out" / "a.txt.txt").read_text(encoding="utf-8")
    assert text.strip() and "(Reuters) --" not in text  # the dateline is a part, not body text
    (tmp_path / "out" / "a.txt.txt").write_text("stale")
    assert batch("in", "-o", "out/", "--format", "text", "-q", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "a.txt.txt").read_text() == "stale"
    assert batch("in", "-o", "out/", "--format", "text", "-q", "--force", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "a.txt.txt").read_text() == text


def _without_root_powers() -> list[str]:
    """A command prefix that makes root obey file permissions, as the ordinary users of wirecut do."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to bite")
    # Root ignores permissions through two capabilities; without them it is an ordinary owner.
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_files_and_directories_are_reported(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"ok.txt": wire_story(1), "secret.txt": wire_story(2), "locked/x.txt": "x"})
    (tmp_path / "in" / "secret.txt").chmod(0o000)
    (tmp_path / "in" / "locked").chmod(0o000)
    try:
        done = subprocess.run(
            [*_without_root_powers(), WIRECUT, "batch", "in", "-o", "out/", "--errors", "errors.jsonl", "-q"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        (tmp_path / "in" / "locked").chmod(0o755)
    assert done.returncode == 1, done.stderr
    reasons = {r["source"]: r["reason"] for r in jsonl(tmp_path / "errors.jsonl")}
    assert reasons == {"in/locked": "cannot list directory: permission denied", "in/secret.txt": "permission denied"}
    assert sorted(outputs(tmp_path / "out")) == ["ok.txt.json"]


# --- kill a real batch midway, then resume it -------------------------------------------------------


def _inputs_for_a_few_seconds(root: Path, seconds: float) -> int:
    """Enough stories that a 2-worker batch runs for about ``seconds``, however fast the parsers have become."""
    sample = wire_story(3)
    wirecut.parse(sample)  # the first parse pays for lazy set-up: not part of the rate
    started = time.perf_counter()
    for _ in range(5):
        wirecut.parse(sample)
    per_doc = (time.perf_counter() - started) / 5
    # Ctrl-C lets the chunks in flight finish (-j 2: three chunks a worker); on a loaded machine a count
    # below twice that was all in flight at once, and the batch completed instead of being stopped.
    in_flight = 2 * 3 * DEFAULT_CHUNK_SIZE
    count = int(min(20_000, max(2 * in_flight, 2 * seconds / per_doc)))
    root.mkdir()
    for number in range(count):
        sub = root / f"d{number % 7}"
        sub.mkdir(exist_ok=True)
        (sub / f"s{number:05d}.txt").write_text(wire_story(number), encoding="utf-8")
    return count


def _start(cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [WIRECUT, "batch", "in", *args, "-j", "2", "-q"], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _wait_until(condition: object, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, "the batch finished before it could be killed; give it more inputs"
        assert time.monotonic() < deadline
        time.sleep(0.01)


def _visible_outputs(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file() and STATE_DIR not in p.relative_to(out).parts]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_directory_batch_killed_midway_resumes_to_complete_results(tmp_path: Path, how: signal.Signals) -> None:
    count = _inputs_for_a_few_seconds(tmp_path / "in", 1.0)
    process = _start(tmp_path, "-o", "out/")
    _wait_until(lambda: (tmp_path / "out").exists() and len(_visible_outputs(tmp_path / "out")) >= 10, process)
    process.send_signal(how)
    code = process.wait(timeout=30)
    stderr = process.stderr.read().decode()  # type: ignore[union-attr]
    assert code == (-signal.SIGKILL if how == signal.SIGKILL else 130), stderr
    if how == signal.SIGINT:  # said at once, before the documents in progress are finished
        assert stderr.splitlines()[0].startswith("wirecut: stopping: the documents in progress are finished first")
    time.sleep(0.6)  # workers of a SIGKILLed driver notice within half a second and stop
    written = _visible_outputs(tmp_path / "out")
    assert 10 <= len(written) < count
    for path in written:  # nothing half-written: every visible file is a whole document
        assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "wirecut/1"
    if how == signal.SIGINT:
        assert nothing_running_left(tmp_path / "out")
    resumed = subprocess.run(
        [WIRECUT, "batch", "in", "-o", "out/", "-j", "2"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "already done (skipped)" in resumed.stderr
    final = outputs(tmp_path / "out")
    assert len(final) == count and nothing_running_left(tmp_path / "out")
    assert all(doc["source"] == "in/" + rel.removesuffix(".json") for rel, doc in final.items())


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_jsonl_batch_killed_midway_resumes_in_order(tmp_path: Path, how: signal.Signals) -> None:
    # Either signal comes after a checkpoint has counted some inputs (about once a second), so that the
    # resumed run has something to skip; Ctrl-C writes one more as it stops.
    count = _inputs_for_a_few_seconds(tmp_path / "in", 3.0)
    partial, state = tmp_path / "all.jsonl.partial", tmp_path / "all.jsonl.partial.state"

    def some_done() -> bool:
        try:
            return partial.stat().st_size > 0 and json.loads(state.read_text())["inputs_done"] > 0
        except (OSError, ValueError):
            return False

    process = _start(tmp_path, "-o", "all.jsonl")
    _wait_until(some_done, process)
    process.send_signal(how)
    process.wait(timeout=30)
    assert not (tmp_path / "all.jsonl").exists()  # the output only ever appears complete
    checkpoint = json.loads(state.read_text())
    assert 0 < checkpoint["inputs_done"] < count
    if how == signal.SIGINT:
        assert process.returncode == 130 and partial.stat().st_size == checkpoint["output_bytes"]
    resumed = subprocess.run(
        [WIRECUT, "batch", "in", "-o", "all.jsonl", "-j", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    lines = jsonl(tmp_path / "all.jsonl")
    expected = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "in").rglob("*.txt"))
    assert [line["source"] for line in lines] == expected  # every input once, in input order
    assert not partial.exists() and not state.exists()


def test_a_second_ctrl_c_stops_at_once_and_the_run_still_resumes(tmp_path: Path) -> None:
    count = _inputs_for_a_few_seconds(tmp_path / "in", 2.0)
    partial = tmp_path / "all.jsonl.partial"
    process = _start(tmp_path, "-o", "all.jsonl")
    _wait_until(lambda: partial.exists() and partial.stat().st_size > 0, process)
    process.send_signal(signal.SIGINT)
    time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    stderr = process.stderr.read().decode()  # type: ignore[union-attr]
    assert "wirecut: stopping:" in stderr and "wirecut: stopped at once" in stderr and "Traceback" not in stderr
    resumed = batch("in", "-o", "all.jsonl", "-j", "2", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert len(jsonl(tmp_path / "all.jsonl")) == count


def test_a_changed_job_is_refused_with_exit_2(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"a.txt": wire_story(1)})
    assert batch("in", "-o", "out/", "-q", cwd=tmp_path).returncode == 0
    other = batch("in", "-o", "out/", "--format", "ninjs", "-q", cwd=tmp_path)
    assert other.returncode == 2 and "its files were made with other options" in other.stderr
    assert "Traceback" not in other.stderr
