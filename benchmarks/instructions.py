"""Instructions per text, counted by callgrind: a before/after and a peer ratio that the machine's load cannot move.

Contract:
    For each tool (wirecut.parse + to_dict, trafilatura ``extract(fast=True)``), runs two fresh
    interpreters under ``valgrind --tool=callgrind``: one that imports the tool, warms it on 10 texts
    and makes the texts, and one that does the same and then runs the tool on ``-n`` texts more. The
    difference, divided by ``-n``, is the tool's instructions per text, free of start-up and of the
    other processes on the machine (CPU time on a shared machine moves by 20 % from run to run).
    The texts are the synthetic 3 KB texts of ``benchmarks/peers.py`` (``--dev`` for the dev
    corpus's). Prints instructions per text and the ratio of wirecut to trafilatura. Needs valgrind;
    reads only the corpus files given; writes nothing.

Usage::

    .venv/bin/python benchmarks/instructions.py -n 40
    PYTHONPATH=/path/to/old/src .venv/bin/python benchmarks/instructions.py -n 40 --only wirecut   # before
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_PROGRAM = """
import sys
sys.path.insert(0, {here!r})
from peers import as_html, dev_texts, tools, wire_text
import random
runners = tools()
tool = runners[{tool!r}]
texts = dev_texts({dev!r}) if {dev!r} else [wire_text(random.Random(3)) for _ in range({count} + 10)]
pages = [(text, as_html(text)) for text in texts[: {count} + 10]]
for text, page in pages[:10]:
    tool(text, page)
if {run}:
    for text, page in pages[10:]:
        tool(text, page)
"""


def instructions(tool: str, count: int, dev: str, *, run: bool) -> int:
    program = _PROGRAM.format(here=str(HERE), tool=tool, count=count, dev=dev, run=run)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", program],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if not found:
        raise SystemExit(f"callgrind gave no count for {tool}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=40, help="texts counted after the warm-up [40]")
    parser.add_argument("--dev", default="", help="gold files whose texts are used instead of synthetic ones")
    parser.add_argument("--only", choices=["wirecut", "trafilatura fast"], help="count one tool only")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: use benchmarks/peers.py (CPU time)")
    per_text = {}
    for tool in [args.only] if args.only else ["wirecut", "trafilatura fast"]:
        with_run = instructions(tool, args.n, args.dev, run=True)
        without = instructions(tool, args.n, args.dev, run=False)
        per_text[tool] = (with_run - without) / args.n
        print(f"| {tool} | {per_text[tool] / 1e6:,.2f} M instructions a text |", flush=True)
    if len(per_text) == 2:
        print(f"wirecut / trafilatura fast: {per_text['wirecut'] / per_text['trafilatura fast']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
