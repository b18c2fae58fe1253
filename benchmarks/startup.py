"""How long does a one-shot ``wirecut`` take to start, against ``python -c "import json"``?

Contract:
    Runs, in one run and each in a fresh interpreter (this one's): ``python -c "import json"`` (the
    baseline), ``import click, regex`` (what the command line cannot do without), ``wirecut --version``,
    ``wirecut --help`` and ``wirecut parse SEED``. Prints, for each, the instructions executed as
    ``valgrind --tool=callgrind`` counts them (exact and free of the machine's load; skipped when
    valgrind is not installed or with ``--no-callgrind``) and the median CPU time (user + system of
    the child) of ``--runs`` runs, with the ratio of each to the baseline. Writes nothing.

Usage::

    .venv/bin/python benchmarks/startup.py               # callgrind where present, and medians of 7
    .venv/bin/python benchmarks/startup.py --no-callgrind

Targets (issue #12): ``wirecut --version`` within 3x and ``wirecut parse SEED`` within 6x of
``python -c "import json"``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_40fe124315517e90.txt"
# The console script run by this interpreter: what the shebang line does, minus the shell's lookup.
WIRECUT = [sys.executable, str(Path(sys.executable).parent / "wirecut")]

COMMANDS = {
    'python -c "import json"': [sys.executable, "-c", "import json"],
    "import click, regex": [sys.executable, "-c", "import click, regex"],
    "wirecut --version": [*WIRECUT, "--version"],
    "wirecut --help": [*WIRECUT, "--help"],
    "wirecut parse SEED": [*WIRECUT, "parse", str(SEED)],
}


def cpu_seconds(command: list[str]) -> float:
    """User + system CPU seconds of one run of ``command`` (the child's own, from its rusage)."""
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as child:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {child.returncode}")
    return usage.ru_utime + usage.ru_stime


def instructions(command: list[str]) -> int:
    """Instructions executed by ``command``, as callgrind counts them."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if not found:
        raise SystemExit(f"callgrind gave no count for {' '.join(command)}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="runs of each command; the median counts [7]")
    parser.add_argument("--no-callgrind", action="store_true", help="CPU medians only, even with valgrind")
    args = parser.parse_args(argv)
    callgrind = not args.no_callgrind and shutil.which("valgrind") is not None
    if not callgrind:
        print("valgrind is not used: CPU time medians only", file=sys.stderr)
    counts = {name: instructions(command) for name, command in COMMANDS.items()} if callgrind else {}
    medians: dict[str, float] = {}
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):  # interleaved: a change in the machine's load falls on every command
        for name, command in COMMANDS.items():
            times[name].append(cpu_seconds(command))
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    base = 'python -c "import json"'
    print(f"| command | {'instructions (M) | ratio | ' if callgrind else ''}CPU ms, median of {args.runs} | ratio |")
    print(f"|---|{'---:|---:|' if callgrind else ''}---:|---:|")
    for name in COMMANDS:
        counted = f"{counts[name] / 1e6:,.0f} | {counts[name] / counts[base]:.1f} | " if callgrind else ""
        print(f"| {name} | {counted}{medians[name] * 1000:,.0f} | {medians[name] / medians[base]:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
