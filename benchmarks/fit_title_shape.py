"""Fit the weights of ``wirecut.parsers.title_shape`` (where a flattened title ends) on a gold corpus.

Usage::

    .venv/bin/python benchmarks/fit_title_shape.py ../shared/corpus/big/agnews.jsonl.gz \
        --write src/wirecut/title_shape.json
    .venv/bin/python benchmarks/fit_title_shape.py ../shared/corpus/big/agnews.jsonl.gz --check

The training cases are the one-line (``-flat``) cases of the ``tune`` half (``big_eval.half``, a stable
hash of the article id) whose gold headline is the line's first words; the ``check`` half is scored and
never fitted. The model is a conditional logit over the cuts of one line (each cut's features as
``title_shape.cut_features`` computes them, the gold cut against all others), fitted by AdaGrad with an
L2 penalty in pure Python, so that anyone can refit it with wirecut's own dependencies.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from big_eval import half

from wirecut.parsers import title_shape
from wirecut.parsers.headline import line_words, rule_hint
from wirecut.text import units

Example = tuple[list[dict[str, float]], int]


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _choices(text: str) -> tuple[list[str], list[int], list[dict[str, float]]]:
    """The words of the text's first line, every cut of it and, last, the choice that it holds no title.

    The hand rules' cut is worked out as the headline parser does, on the text's first unit.
    """
    words, gaps, spans = line_words(text, 0, len(text))
    pieces = units(text, 0, len(text))
    hint = rule_hint(text, pieces[0][0], pieces[0][1], spans) if pieces and spans else None
    cuts = list(title_shape.candidates(words))
    choices = [*(title_shape.cut_features(words, gaps, c, hint) for c in cuts)]
    if words:
        choices.append(title_shape.none_features(words))
    return words, cuts, choices


def examples(paths: list[Path], untitled: list[Path], part: str, per_file: int) -> list[Example]:
    """(features of every choice, index of the right one) for the cases of ``part``.

    ``paths`` are gold files: their one-line cases whose headline is the line's first words. ``untitled``
    are texts known to have no title (a body-only corpus): the first line of each, whose right choice
    is "no title". At most ``per_file`` titled lines are taken from each gold file, so that a big one
    does not outweigh the rest.
    """
    found: list[Example] = []
    for path in paths:
        taken = 0
        for row in _rows(path):
            if taken >= per_file:
                break
            case_id = str(row["id"])
            headline = row.get("expect", {}).get("headline")
            if not case_id.endswith("-flat") or not headline or half(case_id) != part:
                continue
            words, cuts, choices = _choices(row["text"])
            gold = len(headline.split())
            if words[:gold] != headline.split() or gold not in cuts:
                continue
            found.append((choices, cuts.index(gold)))
            taken += 1
    for path in untitled:
        for row in _rows(path):
            if half(str(row["id"])) != part:
                continue
            words, cuts, choices = _choices(row["text"])
            if len(words) >= 2:
                found.append((choices, len(cuts)))
    return found


def fit(train: list[Example], epochs: int, l2: float, rate: float, seed: int) -> dict[str, float]:
    """Two stages: the cuts' weights on the titled lines alone (where the title ends), then, with those
    fixed, the weights of the "no title" choice on every line (whether there is a title at all), so
    that the untitled lines do not pull the cut's own weights."""
    titled = [(choices[:-1], gold) for choices, gold in train if gold < len(choices) - 1]
    weights = _descend(titled, {}, epochs, l2, rate, seed, lambda name: True)
    weights = _descend(train, weights, epochs, l2, rate, seed, lambda name: name.startswith("none"))
    return {k: round(v, 4) for k, v in sorted(weights.items()) if abs(v) >= 1e-4}


def _descend(
    train: list[Example],
    start: dict[str, float],
    epochs: int,
    l2: float,
    rate: float,
    seed: int,
    free: Callable[[str], bool],
) -> dict[str, float]:
    weights = dict(start)
    squares: dict[str, float] = {}
    order = list(range(len(train)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            cuts, gold = train[index]
            scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in cuts]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            grad: dict[str, float] = {}
            for f, e in zip(cuts, exps):
                p = e / total
                for k, v in f.items():
                    grad[k] = grad.get(k, 0.0) + p * v
            for k, v in cuts[gold].items():
                grad[k] = grad.get(k, 0.0) - v
            for k, g in grad.items():
                if not free(k):
                    continue
                g += l2 * weights.get(k, 0.0)
                squares[k] = squares.get(k, 0.0) + g * g
                weights[k] = weights.get(k, 0.0) - rate * g / (math.sqrt(squares[k]) + 1e-8)
    return weights


def accuracy(data: list[Example], weights: dict[str, float]) -> float:
    right = 0
    for cuts, gold in data:
        scores = [title_shape.score(f, weights) for f in cuts]
        right += scores.index(max(scores)) == gold
    return right / max(1, len(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, nargs="+", help="gold files (their one-line cases)")
    parser.add_argument("--untitled", type=Path, action="append", default=[], help="texts with no title")
    parser.add_argument("--per-file", type=int, default=2500, help="titled lines taken from each gold file [2500]")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", type=Path, help="write the weights to this JSON file")
    parser.add_argument("--check", action="store_true", help="score the shipped weights on both halves")
    args = parser.parse_args()
    tune = examples(args.files, args.untitled, "tune", args.per_file)
    check = examples(args.files, args.untitled, "check", args.per_file)
    if args.check:
        shipped = json.loads(Path(title_shape.__file__).parent.parent.joinpath("title_shape.json").read_text())
        weights = shipped["weights"]
    else:
        weights = fit(tune, args.epochs, args.l2, args.rate, args.seed)
    for name, data in (("tune", tune), ("check", check)):
        titled = [e for e in data if e[1] < len(e[0]) - 1]
        untitled = [e for e in data if e[1] == len(e[0]) - 1]
        print(
            f"{name}: titled lines cut right {accuracy(titled, weights):.4f} ({len(titled)}), "
            f"untitled lines left whole {accuracy(untitled, weights):.4f} ({len(untitled)})"
        )
    if args.write:
        data = {
            "_comment": "Weights of wirecut.parsers.title_shape, fitted by benchmarks/fit_title_shape.py "
            f"on the tune half of {', '.join(p.name for p in args.files + args.untitled)} "
            f"(per file {args.per_file}, epochs {args.epochs}, l2 {args.l2}, rate {args.rate}, seed {args.seed}).",
            "weights": weights,
        }
        args.write.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
