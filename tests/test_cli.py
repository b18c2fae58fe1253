"""The wirecut command: parse, formats, stdin, several files, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
