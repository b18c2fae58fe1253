"""The wirecut command: parse, formats, stdin, several files, errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import ROOT, SEED

from wirecut.cli import ExitCode, main


def run(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "wirecut", *args], input=input, capture_output=True, cwd=ROOT, timeout=60
    )


def test_parse_the_seed_matches_the_golden_example() -> None:
    result = run("parse", str(SEED.relative_to(ROOT)))
    assert result.returncode == 0, result.stderr
    golden = json.loads((ROOT / "examples" / "seed.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == golden


def test_stdin_and_text_format() -> None:
    result = run("parse", "-", "--format", "text", input=b"Talks resume\n\nCAIRO, May 2 (Xinhua) -- The talks resumed.")
    assert result.returncode == 0
    assert result.stdout.decode() == "Talks resume\n\nThe talks resumed.\n"


def test_several_files_give_json_lines(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("CAIRO, May 2 (Xinhua) -- One.", encoding="utf-8")
    second.write_text("TOKYO (Kyodo) -- Two.", encoding="utf-8")
    result = run("parse", str(first), str(second))
    lines = result.stdout.decode().splitlines()
    assert [json.loads(line)["dateline"]["agency"] for line in lines] == ["Xinhua", "Kyodo"]
    assert [json.loads(line)["source"] for line in lines] == [str(first), str(second)]


def test_piped_json_is_compact_and_reference_date_applies() -> None:
    result = run("parse", "-", "--reference-date", "2024-01-02", input=b"GAZA, Dec. 31 (Xinhua) -- Talks opened.")
    out = result.stdout.decode()
    assert "\n" not in out.strip() and json.loads(out)["dateline"]["date_iso"] == "2023-12-31"


def test_missing_file_is_one_line_and_an_exit_code() -> None:
    result = run("parse", "no/such/file.txt")
    assert result.returncode == ExitCode.BAD_INPUT
    assert result.stderr.decode().strip().count("\n") == 0 and "no such file" in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_binary_input_is_refused_with_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00\x01\x02binary")
    result = run("parse", str(path))
    assert result.returncode == ExitCode.BAD_INPUT and b"binary" in result.stderr and b"Traceback" not in result.stderr


def test_bad_reference_date_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["parse", "--reference-date", "yesterday", str(SEED)])
    assert result.exit_code == ExitCode.USAGE and "ISO date" in result.output


def test_version_and_help() -> None:
    runner = CliRunner()
    assert "wirecut" in runner.invoke(main, ["--version"]).output
    helped = runner.invoke(main, ["--help"])
    assert helped.exit_code == 0 and "Examples:" in helped.output and "Exit codes" in helped.output
    assert "parse" in helped.output


def test_eval_scores_gold_and_enforces_floors(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    case = {
        "id": "t1",
        "lang": "en",
        "text": "CAIRO, May 2 (Xinhua) -- The talks resumed.",
        "expect": {
            "dateline": {"location": "CAIRO", "date": "May 2", "agency": "Xinhua"},
            "body": "The talks resumed.",
        },
    }
    gold.write_text(json.dumps(case) + "\n", encoding="utf-8")
    result = run("eval", str(gold), "--json")
    scores = json.loads(result.stdout)["all"]["fields"]
    assert scores["dateline"]["score"] == 1.0 and scores["body_exact"]["score"] == 1.0
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"body_exact": 1.0, "headline": 0.5}), encoding="utf-8")
    result = run("eval", str(gold), "--floors", str(floors))
    assert result.returncode == 1 and b"headline" in result.stderr


def test_the_library_example_runs() -> None:
    result = subprocess.run([sys.executable, "examples/library.py"], capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert b"Xinhua/Ma Zhancheng" in result.stdout and b"SLUG-1234" in result.stdout


def test_the_seed_scores_one_on_every_field_of_its_gold() -> None:
    import pytest
    from tests.conftest import SHARED

    from wirecut.evaluate import evaluate, load_cases

    gold = SHARED / "corpus" / "dev" / "seed.jsonl"
    if not gold.exists():
        pytest.skip("../shared is not beside the checkout")
    scores = evaluate(load_cases([gold]))["all"].means
    assert scores and all(value == 1.0 for value in scores.values()), scores


# --- one convention for every command ----------------------------------------------------------

COMMANDS_ON_A_FILE = [
    ["parse"],
    ["show"],
    ["report", "-o", "{tmp}/page.html"],
    ["eval"],
]


def test_a_missing_or_unreadable_input_is_one_line_and_exit_3_in_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no" / "such.txt"
    folder = tmp_path / "folder"
    folder.mkdir()
    for command in COMMANDS_ON_A_FILE:
        args = [a.format(tmp=tmp_path) for a in command]
        result = CliRunner().invoke(main, [*args, str(missing)])
        assert result.exit_code == ExitCode.BAD_INPUT, (command, result.output)
        assert result.output == f"wirecut: error: {missing}: no such file\n", command
    for command in (["show"], ["eval"], ["parse"]):  # the commands that read one file, not a tree
        result = CliRunner().invoke(main, [*command, str(folder)])
        assert result.exit_code == ExitCode.BAD_INPUT and ": is a directory" in result.output, command
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    result = CliRunner().invoke(main, ["show", str(link)])
    assert result.exit_code == ExitCode.BAD_INPUT and "broken symbolic link" in result.output
    # A file this user may not read (made by refusing read access: root reads any file).
    locked = tmp_path / "locked.txt"
    locked.write_text("text", encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: os.fspath(path) != str(locked) and real_access(path, mode))
    for command in (["show"], ["report", "-o", f"{tmp_path}/page.html"], ["eval"]):
        result = CliRunner().invoke(main, [*command, str(locked)])
        assert result.exit_code == ExitCode.BAD_INPUT, command
        assert result.output == f"wirecut: error: {locked}: permission denied\n", command


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run wirecut with a standard output whose reader has already gone (what ``| head -1`` leaves)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "wirecut", *args], stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT, timeout=60
        )
    finally:
        os.close(write_end)


def test_a_closed_pipe_is_a_quiet_exit_0_in_every_command(tmp_path: Path) -> None:
    seed = str(SEED.relative_to(ROOT))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "t", "text": "CAIRO (Xinhua) -- Talks.", "expect": {}}) + "\n", encoding="utf-8")
    for args in (
        ["parse", seed],
        ["parse", "--format", "text", seed, seed],
        ["show", seed],
        ["show", "--no-color", seed],
        ["report", seed, "-o", "-"],
        ["eval", str(gold)],
    ):
        result = run_into_closed_pipe(*args)
        assert result.returncode == ExitCode.OK, (args, result.stderr)
        assert b"Traceback" not in result.stderr and b"Broken pipe" not in result.stderr, (args, result.stderr)
        assert b"Exception ignored" not in result.stderr, args


def test_format_takes_any_letter_case() -> None:
    upper = CliRunner().invoke(main, ["parse", "--format", "JSON", str(SEED)])
    assert upper.exit_code == 0 and json.loads(upper.output)["schema"] == "wirecut/1"
    text = CliRunner().invoke(main, ["parse", "--format", "Text", str(SEED)])
    assert text.exit_code == 0 and not text.output.startswith("{")


def test_force_color_colours_a_pipe_and_no_color_wins() -> None:
    from wirecut.cli.options import colour_wanted

    assert colour_wanted(None, is_terminal=False, environ={"FORCE_COLOR": "1"}) is True
    assert colour_wanted(None, is_terminal=False, environ={"FORCE_COLOR": ""}) is False
    assert colour_wanted(None, is_terminal=True, environ={"FORCE_COLOR": "1", "NO_COLOR": "1"}) is False
    assert colour_wanted(False, is_terminal=True, environ={"FORCE_COLOR": "1"}) is False
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    seed = str(SEED.relative_to(ROOT))
    piped = subprocess.run([sys.executable, "-m", "wirecut", "show", seed], capture_output=True, cwd=ROOT, env=environ)
    forced = subprocess.run(
        [sys.executable, "-m", "wirecut", "show", seed],
        capture_output=True,
        cwd=ROOT,
        env={**environ, "FORCE_COLOR": "1"},
    )
    assert b"\x1b[" not in piped.stdout and b"[dateline: " in piped.stdout
    assert b"\x1b[" in forced.stdout and b"[dateline: " not in forced.stdout


def test_text_format_puts_a_source_line_and_a_blank_line_between_stories(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Talks resume\n\nCAIRO, May 2 (Xinhua) -- The talks resumed.", encoding="utf-8")
    second.write_text("TOKYO (Kyodo) -- Rain fell.\n\nMore rain.", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--format", "text", str(first), str(second)])
    assert result.exit_code == 0
    assert result.output == (
        f"source: {first}\nTalks resume\n\nThe talks resumed.\n\nsource: {second}\nRain fell.\n\nMore rain.\n"
    )
    alone = CliRunner().invoke(main, ["parse", "--format", "text", str(first)])
    assert alone.output == "Talks resume\n\nThe talks resumed.\n"  # one story: nothing to part


# --- batch: --kind, and the same convention ------------------------------------------------------

STORY = "CAIRO, May 2 (Xinhua) -- The talks resumed on Tuesday after a pause of two weeks, officials said."
FURNITURE = "Markets\n\nShare\nPrint\n\nSubscribe to our newsletter for the latest updates every morning"


def test_batch_kind_writes_only_the_documents_of_that_kind(tmp_path: Path) -> None:
    import wirecut

    assert wirecut.parse(STORY).kind == "story" and wirecut.parse(FURNITURE).kind == "none"
    dump = tmp_path / "dump.jsonl"
    rows = [{"id": "a", "text": STORY}, {"id": "b", "text": FURNITURE}, {"id": "c", "text": STORY}]
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "stories.jsonl"
    done = CliRunner().invoke(main, ["batch", str(dump), "--kind", "STORY", "-o", str(out), "-j", "1"])
    assert done.exit_code == 0, done.output
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["meta"]["id"], r["kind"]) for r in written] == [("a", "story"), ("c", "story")]
    assert "left out (not story)" in done.output and done.output.split("left out (not story)")[1].split()[0] == "1"
    both = tmp_path / "both.jsonl"
    done = CliRunner().invoke(main, ["batch", str(dump), "--kind", "story", "--kind", "none", "-o", str(both)])
    assert done.exit_code == 0 and len(both.read_text(encoding="utf-8").splitlines()) == 3
    # A directory made with one --kind is not silently kept by a run with another.
    folder = tmp_path / "clean"
    assert CliRunner().invoke(main, ["batch", str(dump), "--kind", "story", "-o", f"{folder}/", "-q"]).exit_code == 0
    assert sorted(p.name for p in folder.rglob("*.json")) == ["a.json", "c.json"]
    again = CliRunner().invoke(main, ["batch", str(dump), "--kind", "none", "-o", f"{folder}/", "-q"])
    assert again.exit_code == ExitCode.USAGE and "other options" in again.output


def test_batch_keeps_the_convention(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    result = CliRunner().invoke(main, ["batch", str(missing), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == ExitCode.BAD_INPUT and result.output == f"wirecut: error: {missing}: no such file\n"
    story = tmp_path / "a.txt"
    story.write_text(STORY, encoding="utf-8")
    upper = CliRunner().invoke(main, ["batch", str(story), "--format", "JSONL", "-o", "-", "-q"])
    assert upper.exit_code == 0 and json.loads(upper.output)["schema"] == "wirecut/1"
    closed = run_into_closed_pipe("batch", str(story), "-o", "-", "-q")
    assert closed.returncode == ExitCode.OK and b"Traceback" not in closed.stderr, closed.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_under_standard_output_is_one_line_and_exit_2() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "wirecut", "parse", str(SEED)], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["wirecut: error: cannot write standard output: No space left on device"]


def test_a_closed_standard_output_is_one_line_and_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wirecut", "parse", str(SEED)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["wirecut: error: cannot write standard output: it is closed"]
