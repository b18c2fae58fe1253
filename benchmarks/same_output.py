"""Is the output of a speed change byte-for-byte the output before it?

Contract:
    Parses every text of the gold files given (``text`` of each JSON line; ``.gz`` files too, and with
    ``--per-file N`` only the first N lines of each, for a sample of the big sets) and ``--synthetic`` texts
    of the throughput benchmark's generator, and writes one line per text: its name and the
    ``to_dict()`` JSON (sorted keys). ``--compare OLD`` compares with a file written before the change
    and prints the texts whose output changed; the exit status is 1 when any did. Reads only the
    files it is given; writes only ``--out``.

Usage::

    .venv/bin/python benchmarks/same_output.py ../shared/corpus/dev/*.jsonl --out /tmp/before.jsonl
    # ... make the change ...
    .venv/bin/python benchmarks/same_output.py ../shared/corpus/dev/*.jsonl --out /tmp/after.jsonl \\
        --compare /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import wire_text

import wirecut


def texts(gold: list[str], synthetic: int, per_file: int = 0) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in gold:
        opener = gzip.open if name.endswith(".gz") else open
        with opener(name, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if per_file and number >= per_file:
                    break
                if line.strip():
                    found.append((f"{Path(name).name}:{number}", json.loads(line)["text"]))
    rng = random.Random(3)
    found.extend((f"synthetic:{number}", wire_text(rng)) for number in range(synthetic))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", help="gold JSON Lines files whose texts are parsed")
    parser.add_argument("--synthetic", type=int, default=200, help="synthetic 3 KB texts [200]")
    parser.add_argument("--per-file", type=int, default=0, help="only the first N lines of each file [all]")
    parser.add_argument("--out", required=True, help="where the outputs are written")
    parser.add_argument("--compare", help="an earlier --out file to compare with")
    args = parser.parse_args()
    outputs = {
        name: json.dumps(wirecut.parse(text).to_dict(), sort_keys=True, ensure_ascii=False)
        for name, text in texts(args.gold, args.synthetic, args.per_file)
    }
    with open(args.out, "w", encoding="utf-8") as out:
        for name, output in outputs.items():
            out.write(f"{name}\t{output}\n")
    if not args.compare:
        print(f"{len(outputs)} outputs written to {args.out}")
        return 0
    with open(args.compare, encoding="utf-8") as old:
        before = dict(line.rstrip("\n").split("\t", 1) for line in old)
    changed = sorted(name for name in outputs.keys() | before.keys() if outputs.get(name) != before.get(name))
    for name in changed[:20]:
        print(f"changed: {name}")
    print(f"{len(outputs)} texts, {len(changed)} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
