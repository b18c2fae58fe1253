"""Does parse cost grow linearly on hostile repetition? 10 MB against 1 MB, measured in one run.

Usage::

    .venv/bin/python benchmarks/linearity.py            # the three repetitions issue #2 names
    .venv/bin/python benchmarks/linearity.py --all      # and one for every parser's trigger

The target is a ratio of at most 12 in CPU time (10 would be exactly linear, issue #12); tests/test_robustness.py
asserts a looser bound in wall-clock time.
"""

from __future__ import annotations

import argparse
import time

import wirecut

NAMED = ["BEIJING, ", "1 2 3 >> ", "(Xinhua/"]
MORE = [
    "Full story ",
    "Title line here\nBEIJING (Xinhua) -- Body text.\n",
    "A photo. (Xinhua/Li Wei) ",
    "Lira slides 1 day ago BEIRUT, Sept. 19 (UPI) -- Text. ",
    "Photo shows x. (Kyodo) ",
    "April 19 (UPI) -- ",
]


def seconds(text: str) -> float:
    """CPU seconds of one parse: other processes on a shared machine do not count against it."""
    began = time.process_time()
    wirecut.parse(text)
    return time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="also every parser's trigger")
    parser.add_argument("--small", type=int, default=1_000_000, help="characters of the small text [1,000,000]")
    args = parser.parse_args()
    print("| repeated | small | 10x | ratio |\n|---|---:|---:|---:|")
    for unit in NAMED + (MORE if args.all else []):
        small = seconds(unit * (args.small // len(unit)))
        large = seconds(unit * (10 * args.small // len(unit)))
        print(f"| {unit!r} | {small:.2f} s | {large:.2f} s | {large / small:.1f} |")


if __name__ == "__main__":
    main()
