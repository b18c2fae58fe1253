"""Score a seeded sample of a big silver set (``../shared/corpus/big``) with ``wirecut.evaluate``.

Usage::

    .venv/bin/python benchmarks/big_eval.py ../shared/corpus/big/reuters21578.jsonl.gz --sample 2000
    .venv/bin/python benchmarks/big_eval.py FILE --sample 2000 --seed 7 --fields dateline,headline
    .venv/bin/python benchmarks/big_eval.py FILE --failures headline --half tune | head -40

The sample is drawn by article, not by case: both forms of one article (ids ending ``-lines`` and
``-flat``) are in or out together, so the two forms are scored on the same articles. The figures are
split by form and by half: each article falls in the ``tune`` or the ``check`` half by a hash of its id
(stable across runs and machines), so a rule can be tuned on one half and checked on the other.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wirecut.evaluate import FIELDS, Case, evaluate

_FORMS = ("lines", "flat")


def _article(case_id: str) -> str:
    """The article a case is a form of: its id without the ``-lines``/``-flat`` ending."""
    head, _, form = case_id.rpartition("-")
    return head if form in _FORMS else case_id


def _form(case_id: str) -> str:
    form = case_id.rpartition("-")[2]
    return form if form in _FORMS else "other"


def half(case_id: str) -> str:
    """``tune`` or ``check``: a stable hash of the case's article id, so both forms share a half."""
    digest = hashlib.sha256(_article(case_id).encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def sample_cases(path: Path, size: int, seed: int) -> list[Case]:
    """``size`` cases (both forms of ``size // 2`` articles), drawn by ``seed``; every case if size is 0."""
    rows = list(_rows(path))
    articles = sorted({_article(str(row["id"])) for row in rows})
    if size:
        chosen = set(random.Random(seed).sample(articles, min(len(articles), max(1, size // 2))))
        rows = [row for row in rows if _article(str(row["id"])) in chosen]
    return [
        Case(
            id=str(row["id"]),
            text=row["text"],
            expect=row.get("expect", {}),
            lang=row.get("lang") or "und",
            origin=row.get("origin", "real"),
            agency=row.get("agency"),
            reference_date=row.get("reference_date"),
            file=f"{_form(str(row['id']))}/{half(str(row['id']))}",
        )
        for row in rows
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--sample", type=int, default=2000, help="cases to score, 0 for all [2000]")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fields", default="", help="comma-separated fields to show [all scored]")
    parser.add_argument("--failures", default="", help="print the failures of this field instead")
    parser.add_argument("--half", choices=("tune", "check"), help="only this half's failures")
    args = parser.parse_args()
    cases = sample_cases(args.file, args.sample, args.seed)
    results = evaluate(cases, group_by="file")
    if args.failures:
        by_id = {case.id: case for case in cases}
        for failure in results["all"].failures:
            if failure["field"] != args.failures or (args.half and half(failure["id"]) != args.half):
                continue
            text = by_id[failure["id"]].text
            print(json.dumps({**failure, "text": text[:300]}, ensure_ascii=False))
        return
    shown = [f for f in args.fields.split(",") if f] or [f for f in FIELDS if f in results["all"].means]
    groups = ["all", *sorted(g for g in results if g != "all")]
    print(f"{args.file.name}: {len(cases)} cases, seed {args.seed}")
    print("| field | " + " | ".join(groups) + " |")
    print("|---|" + "---:|" * len(groups))
    for name in shown:
        cells = []
        for group in groups:
            means, counts = results[group].means, results[group].counts
            cells.append(f"{means[name]:.4f} ({counts[name]})" if name in means else "-")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
