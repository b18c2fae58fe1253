"""Scoring wirecut against gold cases, exactly as the gold format's documentation says.

Contract:
    ``load_cases(paths)`` reads gold JSON Lines; ``score_case(case, story)`` gives each field the case
    checks a score in [0, 1]; ``evaluate(cases)`` parses every case and returns an ``Evaluation`` with
    per-field means and the failing cases. Fields: ``kind``, ``headline``, ``headline_none`` (cases whose gold says
    there is none), ``dateline``, ``dateline_none``, ``date_iso``, ``bylines``, ``bylines_none``,
    ``captions``, ``captions_none``, ``body_f1``, ``body_exact``, ``related``, ``related_none``, ``notes``,
    ``notes_none``, ``residue_recall``, ``body_lacks``, ``body_has``. A ``*_none`` field scores the
    cases whose gold is empty (null or ``[]``), the main field the others.
    ``evaluate(cases, workers=N)`` parses on N processes with the same figures. Gold files may be
    gzip-compressed (``.jsonl.gz``). ``sample(cases, n, seed)`` draws a repeatable sample of a big set.
    Never prints; the CLI renders the result.
"""

from __future__ import annotations

import gzip
import json
import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirecut.patterns import lazy
from wirecut.story import Story

_STRIP = " .,;:-–—"
_SPACE_RE = lazy(r"\s+")
_LABEL_RE = lazy(r"^(?i:photo\s+courtesy\s+of|photo\s+by|photo|foto)\s*[:：]?\s*")

FIELDS = (
    "kind",
    "headline",
    "headline_none",
    "dateline",
    "dateline_none",
    "date_iso",
    "bylines",
    "bylines_none",
    "captions",
    "captions_none",
    "body_f1",
    "body_exact",
    "related",
    "related_none",
    "notes",
    "notes_none",
    "residue_recall",
    "body_lacks",
    "body_has",
)


def normalise(value: str | None) -> str:
    """The gold format's normalisation: NFKC, case-folded, spaces folded, trimmed, ends stripped."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", value).casefold()
    return _SPACE_RE.sub(" ", text).strip().strip(_STRIP)


def token_f1(got: str, want: str) -> float:
    """Token F1 of two texts after normalisation; two empty texts score 1.0."""
    got_tokens, want_tokens = normalise(got).split(), normalise(want).split()
    if not got_tokens and not want_tokens:
        return 1.0
    if not got_tokens or not want_tokens:
        return 0.0
    overlap = sum((Counter(got_tokens) & Counter(want_tokens)).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / len(got_tokens), overlap / len(want_tokens)
    return 2 * precision * recall / (precision + recall)


def _credit(value: str | None) -> str:
    return normalise(_LABEL_RE.sub("", value or ""))


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expect: dict[str, Any]
    lang: str = "und"
    origin: str = "real"
    agency: str | None = None
    reference_date: str | None = None
    file: str = ""

    @property
    def kind(self) -> str:
        """The page kind the gold gives (``story`` when the case does not say), for ``--by kind``."""
        return str(self.expect.get("kind") or "story")

    @property
    def form(self) -> str:
        """``lines`` when the text keeps its line breaks, ``flat`` when a scraper put it on one line."""
        return "lines" if "\n" in self.text.strip() else "flat"


def _open_gold(path: str | Path) -> Any:
    if str(path).endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def load_cases(paths: Iterable[str | Path]) -> Iterator[Case]:
    """Read gold cases from JSON Lines files; raises ValueError naming the file and line of a bad one."""
    for path in paths:
        with _open_gold(path) as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    yield Case(
                        id=str(row["id"]),
                        text=row["text"],
                        expect=row.get("expect", {}),
                        lang=row.get("lang") or "und",
                        origin=row.get("origin", "real"),
                        agency=row.get("agency"),
                        reference_date=row.get("reference_date"),
                        file=Path(path).name,
                    )
                except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
                    raise ValueError(f"{path}:{number}: not a gold case ({exc})") from None


def score_case(case: Case, story: Story) -> dict[str, tuple[float, Any, Any]]:
    """Each checked field's score, with what was expected and what wirecut gave."""
    want = case.expect
    scores: dict[str, tuple[float, Any, Any]] = {}

    def put(name: str, ok: float | bool, expected: Any, got: Any) -> None:
        scores[name] = (float(ok), expected, got)

    if "kind" in want:
        put("kind", story.kind == want["kind"], want["kind"], story.kind)
    if "headline" in want:
        got = story.headline.text if story.headline else None
        name = "headline_none" if want["headline"] is None else "headline"
        if want["headline"] is None:
            put(name, got is None, None, got)
        else:
            put(name, got is not None and normalise(got) == normalise(want["headline"]), want["headline"], got)
    if "dateline" in want:
        gold = want["dateline"]
        dl = story.dateline
        got_d: dict[str, str | None] = (
            {}
            if dl is None
            else {"location": dl.location, "date": dl.date, "agency": dl.agency, "date_iso": dl.date_iso}
        )
        if gold is None:
            put("dateline_none", dl is None, None, got_d or None)
        else:
            keys = [k for k in ("location", "date", "agency") if k in gold]
            ok = dl is not None and all(
                normalise(gold[k]) == normalise(got_d[k]) if gold[k] is not None else got_d[k] is None for k in keys
            )
            put("dateline", ok, {k: gold[k] for k in keys}, got_d or None)
            if "date_iso" in gold:
                got_iso = dl.date_iso if dl else None
                put("date_iso", got_iso == gold["date_iso"], gold["date_iso"], got_iso)
    if "byline_names" in want:
        gold_names = {normalise(n) for n in want["byline_names"]}
        got_names = [n for b in story.bylines for n in b.names]
        name = "bylines" if gold_names else "bylines_none"
        put(name, {normalise(n) for n in got_names} == gold_names, want["byline_names"], got_names)
    if "captions" in want:
        gold_caps = want["captions"]
        got_caps: list[dict[str, str | None]] = [{"text": c.text, "credit": c.credit} for c in story.captions]
        ok = len(gold_caps) == len(got_caps) and all(
            _credit(g.get("credit")) == _credit(o["credit"]) and token_f1(o["text"] or "", g.get("text", "")) >= 0.9
            for g, o in zip(gold_caps, got_caps)
        )
        put("captions" if gold_caps else "captions_none", ok, gold_caps, got_caps)
    if "body" in want:
        f1 = token_f1(story.body, want["body"])
        put("body_f1", f1, want["body"], story.body)
        put("body_exact", normalise(story.body) == normalise(want["body"]), want["body"], story.body)
    if "related_titles" in want:
        gold_titles = [normalise(t) for t in want["related_titles"]]
        got_titles = [r.title for r in story.related]
        ok = [normalise(t) for t in got_titles] == gold_titles
        put("related" if gold_titles else "related_none", ok, want["related_titles"], got_titles)
    if "notes" in want:
        gold_notes = Counter((n["kind"], normalise(n["text"])) for n in want["notes"])
        got_notes = [{"kind": n.kind, "text": n.text} for n in story.notes]
        ok = Counter((n["kind"], normalise(n["text"])) for n in got_notes) == gold_notes
        put("notes" if want["notes"] else "notes_none", ok, want["notes"], got_notes)
    if want.get("residue"):
        residue_texts = [normalise(r.text) for r in story.residue]
        found = [any(normalise(g["text"]) in r for r in residue_texts) for g in want["residue"]]
        put("residue_recall", sum(found) / len(found), want["residue"], [r.text for r in story.residue])
    body_norm = normalise(story.body)
    if "body_lacks" in want:
        present = [s for s in want["body_lacks"] if normalise(s) and normalise(s) in body_norm]
        put("body_lacks", not present, want["body_lacks"], present)
    if "body_has" in want:
        missing = [s for s in want["body_has"] if normalise(s) not in body_norm]
        put("body_has", not missing, want["body_has"], missing)
    return scores


@dataclass
class Evaluation:
    """Per-field means over the cases that check each field, and the failures."""

    counts: dict[str, int] = field(default_factory=dict)
    means: dict[str, float] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    cases: int = 0
    #: Warnings of parsers that raised on a case: bugs, which the CLI reports and a floor check fails on.
    parser_failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "fields": {
                k: {"score": round(self.means[k], 4), "cases": self.counts[k]} for k in FIELDS if k in self.means
            },
        }


def sample(cases: Iterable[Case], n: int, seed: int = 0) -> list[Case]:
    """``n`` cases drawn at random with ``seed``, in their file order: the same sample on every run.

    >>> cases = [Case(id=str(i), text="", expect={}) for i in range(10)]
    >>> [c.id for c in sample(cases, 3, seed=1)] == [c.id for c in sample(cases, 3, seed=1)]
    True
    >>> len(sample(cases, 30))
    10
    """
    pool = list(cases)
    if n >= len(pool):
        return pool
    chosen = sorted(random.Random(seed).sample(range(len(pool)), n))
    return [pool[i] for i in chosen]


def _parse_and_score(case: Case) -> tuple[dict[str, tuple[float, Any, Any]], list[str]]:
    """One case's scores and the warnings of parsers that failed on it (a worker's unit of work)."""
    import datetime as dt

    from wirecut import parse

    ref = dt.date.fromisoformat(case.reference_date) if case.reference_date else None
    story = parse(case.text, reference_date=ref)
    # A parser or step that failed, or a story that could not be assembled: bugs, never figures.
    return score_case(case, story), [w for w in story.warnings if w.startswith(("parser ", "assembling "))]


def _scored(cases: list[Case], workers: int) -> Iterator[tuple[dict[str, tuple[float, Any, Any]], list[str]]]:
    if workers <= 1 or len(cases) < 2:
        yield from map(_parse_and_score, cases)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: a worker gets a clean interpreter whatever threads the caller runs.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_parse_and_score, cases, chunksize=max(1, len(cases) // (workers * 8)))


def evaluate(cases: Iterable[Case], *, group_by: str | None = None, workers: int = 1) -> dict[str, Evaluation]:
    """Parse and score every case; ``group_by`` ("lang", "file", "origin", "kind", "form") splits the figures.

    ``workers`` > 1 parses on that many processes; the figures are the same as on one.
    """
    sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    results: dict[str, Evaluation] = defaultdict(Evaluation)
    listed = list(cases)
    for case, (scores, failed) in zip(listed, _scored(listed, workers)):
        results["all"].parser_failures.extend(f"{case.id}: {w}" for w in failed)
        groups = ["all"] + ([str(getattr(case, group_by))] if group_by else [])
        for group in groups:
            results[group].cases += 1
            for name, (value, expected, got) in scores.items():
                sums[group][name] += value
                counts[group][name] += 1
                if value < 1.0 and group == "all":
                    results[group].failures.append(
                        {"id": case.id, "field": name, "score": round(value, 4), "expected": expected, "got": got}
                    )
    for group, evaluation in results.items():
        evaluation.counts = dict(counts[group])
        evaluation.means = {k: sums[group][k] / counts[group][k] for k in counts[group]}
    return dict(results)
