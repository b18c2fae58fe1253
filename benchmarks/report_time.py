"""How long does ``wirecut report`` take to review a batch, against an earlier wirecut on the same files?

Contract:
    Makes N synthetic wire texts of about 3 KB (``throughput.make_corpus``), then times in one run,
    as whole processes, in CPU time (the process and every worker it waited for) and wall time:
    (a) with ``--baseline-src``, the ``report`` of another checkout's ``src/`` on the directory (what
    a user ran before ``report`` read batch output); (b) this wirecut's ``report`` on the directory
    with one worker and with ``-j``; (c) ``batch --with-text`` once, then ``report`` on its JSON
    Lines output, which reviews what the batch wrote without parsing again. Prints each row and its
    ratio to the first. Never touches anything outside its working directory.

Usage::

    git worktree add /tmp/wirecut-before 43f5e3c
    .venv/bin/python benchmarks/report_time.py -n 5000 --baseline-src /tmp/wirecut-before/src
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from throughput import make_corpus


def timed(command: list[str], *, cwd: Path, pythonpath: str | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one command and every descendant it waited for."""
    env = dict(os.environ)
    env.pop("FORCE_COLOR", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=5000, help="documents [5000]")
    parser.add_argument("-j", type=int, default=2, help="workers of the parallel rows [2]")
    parser.add_argument("--baseline-src", type=Path, help="the src/ of an earlier checkout to time first")
    parser.add_argument("--workdir", type=Path, help="where to put the corpus and outputs [a temporary directory]")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        corpus = workdir / "corpus"
        size = make_corpus(corpus, args.n)
        print(f"{args.n} documents, {size / 1e6:.1f} MB, report -j {args.j}", flush=True)
        python = sys.executable
        rows: list[tuple[str, float, float]] = []
        if args.baseline_src is not None:
            cpu, wall = timed(
                [python, "-m", "wirecut", "report", str(corpus), "-o", "before.html"],
                cwd=workdir,
                pythonpath=str(args.baseline_src.resolve()),
            )
            rows.append(("baseline: report DIR", cpu, wall))
        here = [python, "-m", "wirecut"]
        for workers in (1, args.j):
            cpu, wall = timed([*here, "report", str(corpus), "-o", "now.html", "-j", str(workers)], cwd=workdir)
            rows.append((f"report DIR -j {workers}", cpu, wall))
        cpu, wall = timed(
            [*here, "batch", str(corpus), "--with-text", "-o", "out.jsonl", "-j", str(args.j)], cwd=workdir
        )
        rows.append((f"batch DIR --with-text -j {args.j} (once)", cpu, wall))
        for workers in (1, args.j):
            cpu, wall = timed([*here, "report", "out.jsonl", "-o", "review.html", "-j", str(workers)], cwd=workdir)
            rows.append((f"report out.jsonl -j {workers}", cpu, wall))
        first_cpu, first_wall = rows[0][1], rows[0][2]
        print(f"{'run':42} {'CPU s':>8} {'wall s':>8} {'CPU ratio':>10} {'wall ratio':>10}")
        for name, cpu, wall in rows:
            print(f"{name:42} {cpu:8.1f} {wall:8.1f} {cpu / first_cpu:10.2f} {wall / first_wall:10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
