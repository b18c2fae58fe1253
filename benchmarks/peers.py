"""How fast is wirecut against the tools a user would pick instead? CPU per text, in one process.

Contract:
    Runs, on the same texts and in this one process: ``wirecut.parse(text).to_dict()``; trafilatura's
    ``extract(fast=True)`` and ``extract(favor_precision=True)``; jusText with the English stop list.
    The peers read HTML, so each text is given to them as HTML paragraphs, one ``<p>`` a line, the same
    string for every peer and built before the clock runs. Two sets of texts: ``--synthetic`` texts of
    about 3 KB (the throughput benchmark's generator) and the texts of the dev corpus (``text`` of
    each line of ``--dev`` files, read at run time, never copied). Prints, for each set, the CPU time
    per text (``time.process_time``, the best of ``--rounds`` rounds, the tools interleaved within a
    round so that a change in the machine's load falls on all of them) and wirecut's ratio to each
    peer. Reads only the files given; writes nothing.

Usage::

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/peers.py                          # 200 synthetic + the dev corpus
    .venv/bin/python benchmarks/peers.py --synthetic 500 --rounds 5 --dev ''

Targets (issue #12): on both sets, wirecut at most 1.5x trafilatura ``fast=True`` and at most 1,200 us
a text; beyond that, no slower than trafilatura ``fast=True`` (ratio <= 1.0).
"""

from __future__ import annotations

import argparse
import gc
import glob
import html
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import wire_text

import wirecut

DEV = "/work/shared/corpus/dev/*.jsonl"


def as_html(text: str) -> str:
    """The text as the page an HTML extractor expects: one paragraph a line, escaped."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><head><title></title></head><body><article>\n{paragraphs}</article></body></html>"


def tools() -> dict[str, Callable[[str, str], object]]:
    """Each tool as a function of (text, html); a peer that is not installed is left out, with a note."""
    found: dict[str, Callable[[str, str], object]] = {"wirecut": lambda text, _: wirecut.parse(text).to_dict()}
    try:
        import trafilatura

        found["trafilatura fast"] = lambda _, page: trafilatura.extract(page, fast=True)
        found["trafilatura precision"] = lambda _, page: trafilatura.extract(page, favor_precision=True)
    except ImportError:
        print("trafilatura is not installed (pip install -e '.[bench]'): left out", file=sys.stderr)
    try:
        import justext

        stoplist = justext.get_stoplist("English")
        found["jusText"] = lambda _, page: justext.justext(page, stoplist)
    except ImportError:
        print("jusText is not installed (pip install -e '.[bench]'): left out", file=sys.stderr)
    return found


def cpu_per_text(tool: Callable[[str, str], object], pages: list[tuple[str, str]]) -> float:
    """CPU seconds per text of one pass of ``tool`` over ``pages``, with the cyclic collector paused."""
    gc.collect()
    gc.disable()
    try:
        began = time.process_time()
        for text, page in pages:
            tool(text, page)
        return (time.process_time() - began) / len(pages)
    finally:
        gc.enable()


def measure(name: str, texts: list[str], runners: dict[str, Callable[[str, str], object]], rounds: int) -> None:
    pages = [(text, as_html(text)) for text in texts]
    for tool in runners.values():  # warm: patterns compiled, caches filled, before any clock runs
        for text, page in pages[:20]:
            tool(text, page)
    best: dict[str, float] = {}
    for _ in range(rounds):
        for tool_name, tool in runners.items():
            best[tool_name] = min(best.get(tool_name, float("inf")), cpu_per_text(tool, pages))
    size = sum(map(len, texts)) / len(texts)
    print(f"\n{name}: {len(texts)} texts, {size:,.0f} characters a text, best of {rounds} rounds")
    print("| tool | CPU us per text | wirecut / tool |\n|---|---:|---:|")
    for tool_name, seconds in best.items():
        print(f"| {tool_name} | {seconds * 1e6:,.0f} | {best['wirecut'] / seconds:.2f} |")


def dev_texts(pattern: str) -> list[str]:
    found = []
    for name in sorted(glob.glob(pattern)) if pattern else []:
        with open(name, encoding="utf-8") as lines:
            found.extend(json.loads(line)["text"] for line in lines if line.strip())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--synthetic", type=int, default=200, help="synthetic 3 KB texts [200]")
    parser.add_argument("--dev", default=DEV, help=f"gold files whose texts are parsed ['' for none] [{DEV}]")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the best of each tool counts [3]")
    args = parser.parse_args(argv)
    runners = tools()
    rng = random.Random(3)
    if args.synthetic:
        measure("synthetic", [wire_text(rng) for _ in range(args.synthetic)], runners, args.rounds)
    texts = dev_texts(args.dev)
    if texts:
        measure("dev corpus", texts, runners, args.rounds)
    elif args.dev:
        print(f"no texts in {args.dev}: the dev set left out", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
