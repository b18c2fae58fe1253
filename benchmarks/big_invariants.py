"""Check the contract's invariants on every text of big sets (``../shared/corpus/big``), on every core.

Usage::

    .venv/bin/python benchmarks/big_invariants.py ../shared/corpus/big/*.jsonl.gz ../shared/corpus/big/unlabeled/*.gz
    .venv/bin/python benchmarks/big_invariants.py FILE ... --sample 300 --seed 1 -j 2   # a fixed sample (CI)

Reads JSON Lines (gzip or not) with a ``text`` field, gold or unlabelled alike; parses each text and
calls ``wirecut.invariants.violations``. Prints, per file, the texts checked, the texts that break an
invariant and the CPU time; exits 1 when any text breaks one, listing the first twenty.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from wirecut import parse
from wirecut.evaluate import Case, sample
from wirecut.invariants import violations


def _texts(path: Path) -> list[tuple[str, str]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    found = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                row = json.loads(line)
                found.append((str(row.get("id", number)), row["text"]))
    return found


def _check(item: tuple[str, str]) -> tuple[str, list[str], float]:
    ident, text = item
    start = time.process_time()
    broken = violations(parse(text))
    return ident, broken, time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--sample", type=int, help="check N texts a file, drawn with --seed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-j", "--jobs", type=int, default=1, help="processes (0: every core)")
    args = parser.parse_args(argv)
    failures: list[str] = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=args.jobs or os.cpu_count() or 1, mp_context=context) as pool:
        for path in args.files:
            items = _texts(path)
            if args.sample:
                chosen = sample([Case(id=i, text=t, expect={}) for i, t in items], args.sample, args.seed)
                items = [(c.id, c.text) for c in chosen]
            broken = 0
            cpu = 0.0
            for ident, found, seconds in pool.map(_check, items, chunksize=32):
                cpu += seconds
                if found:
                    broken += 1
                    failures.extend(f"{path.name}:{ident}: {message}" for message in found)
            per_text = 1e6 * cpu / max(1, len(items))
            print(f"{path.name}: {len(items)} texts, {broken} break an invariant, {per_text:,.0f} us CPU a text")
    for failure in failures[:20]:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
