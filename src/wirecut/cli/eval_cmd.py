"""``wirecut eval``: score wirecut against gold cases (the format of ``spec/gold.md``)."""

from __future__ import annotations

import json
import sys

import click

from wirecut.cli import ExitCode
from wirecut.cli.options import InputPath

_EPILOG = """\b
Examples:
  wirecut eval ../shared/corpus/dev/*.jsonl
  wirecut eval --lang en --failures gold.jsonl
  wirecut eval --by lang --json gold.jsonl > scores.json
  wirecut eval --exclude-lang en --by lang gold.jsonl       every other language
  wirecut eval --floors floors.json gold.jsonl    exit 1 when a figure is below its floor
  wirecut eval --by kind -j 0 gold.jsonl           per page kind, on every core
  wirecut eval --sample 2000 --seed 7 big.jsonl.gz  a repeatable sample of a big set
"""


@click.command("eval", epilog=_EPILOG)
@click.argument("gold", nargs=-1, required=True, type=InputPath(dir_okay=False))
@click.option("--lang", "langs", multiple=True, help="Only cases of this language (repeatable; 'en', 'zh', ...).")
@click.option("--exclude-lang", "excluded", multiple=True, help="Leave out cases of this language (repeatable).")
@click.option(
    "--by",
    "group_by",
    type=click.Choice(["lang", "file", "origin", "kind", "form"]),
    help="Also give a table per group.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--failures", is_flag=True, help="List the failing cases with expected against got.")
@click.option("--field", "only_field", help="With --failures: only this field.")
@click.option("--floors", type=InputPath(dir_okay=False), help="JSON of {field: floor}; exit 1 below one.")
@click.option("--sample", "sample_size", type=click.IntRange(min=1), help="Score N cases drawn at random.")
@click.option("--seed", type=int, default=0, show_default=True, help="With --sample: the draw (same seed, same cases).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes to parse on (0: every core).",
)
def eval_command(
    gold: tuple[str, ...],
    langs: tuple[str, ...],
    excluded: tuple[str, ...],
    group_by: str | None,
    as_json: bool,
    failures: bool,
    only_field: str | None,
    floors: str | None,
    sample_size: int | None,
    seed: int,
    jobs: int,
) -> None:
    """Score wirecut against GOLD case files, field by field."""
    import os

    from wirecut.evaluate import FIELDS, evaluate, load_cases, sample

    try:
        cases = [c for c in load_cases(gold) if (not langs or c.lang in langs) and c.lang not in excluded]
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if not cases:
        raise click.ClickException("no gold cases matched")
    if sample_size:
        cases = sample(cases, sample_size, seed)
    workers = jobs or os.cpu_count() or 1
    results = evaluate(cases, group_by=group_by, workers=workers)
    overall = results["all"]
    if as_json:
        out = {"all": overall.to_dict()}
        out.update({g: e.to_dict() for g, e in results.items() if g != "all"})
        if failures:
            out["failures"] = [f for f in overall.failures if not only_field or f["field"] == only_field]  # type: ignore[assignment]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        from rich.table import Table

        from wirecut.cli.render import StdoutConsole

        # A pipe or CI log gets a wide table: a per-language table has a column for every language.
        console = StdoutConsole(width=None if sys.stdout.isatty() else 220)
        groups = [g for g in results if g != "all"]
        table = Table(title=f"wirecut eval: {overall.cases} cases")
        table.add_column("field")
        table.add_column("all", justify="right")
        for g in sorted(groups):
            table.add_column(g, justify="right")
        for name in FIELDS:
            if name not in overall.means:
                continue
            row = [name, f"{overall.means[name]:.3f} ({overall.counts[name]})"]
            for g in sorted(groups):
                e = results[g]
                row.append(f"{e.means[name]:.2f} ({e.counts[name]})" if name in e.means else "")
            table.add_row(*row)
        console.print(table)
        if failures:
            for f in overall.failures:
                if only_field and f["field"] != only_field:
                    continue
                console.print(f"[bold]{f['id']}[/bold] {f['field']} score={f['score']}", highlight=False)
                console.print(
                    f"  expected: {json.dumps(f['expected'], ensure_ascii=False)[:600]}", highlight=False, markup=False
                )
                console.print(
                    f"  got:      {json.dumps(f['got'], ensure_ascii=False)[:600]}", highlight=False, markup=False
                )
    for failure in overall.parser_failures[:20]:
        click.echo(f"wirecut eval: {failure}", err=True)
    if floors:
        if overall.parser_failures:
            click.echo(f"wirecut eval: {len(overall.parser_failures)} parser failures", err=True)
            sys.exit(ExitCode.SOME_FAILED)
        with open(floors, encoding="utf-8") as handle:
            wanted = json.load(handle)
        below = [
            f"{name}: {overall.means.get(name, 0.0):.4f} < floor {floor}"
            for name, floor in wanted.items()
            if not name.startswith("_") and overall.means.get(name, 0.0) < floor
        ]
        for line in below:
            click.echo(f"wirecut eval: below floor: {line}", err=True)
        if below:
            sys.exit(ExitCode.SOME_FAILED)
