"""How fast is ``wirecut batch``, against the floor that no Python text pipeline can beat?

Contract:
    Makes N synthetic wire texts of about 3 KB (a dateline, body sentences, a photo caption with its
    credit, a related-story block, pagination), then measures in one run and on the same files:
    (a) the floor: the same engine, pool and output layout, but each worker only reads its files and
    writes ``{"text": text}``; (b) ``wirecut batch``. Prints docs/s, MB/s and the ratio b/a for each
    worker count and output layout, the start-up of ``wirecut parse`` against ``python -c "import
    json"``, and optionally the peak memory of a large run. Never touches anything outside its
    working directory (a temporary one unless ``--workdir``).

Usage::

    .venv/bin/python benchmarks/throughput.py                 # 1,000 texts, 1 and 2 workers, best of 3
    .venv/bin/python benchmarks/throughput.py -n 5000 --profile
    .venv/bin/python benchmarks/throughput.py --memory-n 200000   # the peak-memory check (slow)

Targets (issue #3): ratio >= 0.40 with one worker; two workers >= 1.7x one; peak memory < 300 MB
for 200,000 inputs; ``wirecut parse`` starts in <= 2x ``python -c "import json"``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from wirecut.batch import BatchJob, Engine, LocalEngine, run_batch

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_40fe124315517e90.txt"
BIN = Path(sys.executable).parent

# --- synthetic wire copy ---------------------------------------------------------------------------

CITIES = [
    ("NAIROBI", "Kenya"), ("LIMA", "Peru"), ("OSLO", "Norway"), ("HANOI", "Vietnam"), ("ACCRA", "Ghana"),
    ("QUITO", "Ecuador"), ("RIGA", "Latvia"), ("DHAKA", "Bangladesh"), ("TUNIS", "Tunisia"), ("MANILA", "Philippines"),
]  # fmt: skip
AGENCIES = ["AFP", "Reuters", "AP", "Xinhua", "ANSA", "dpa"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
SUBJECTS = ["The finance minister", "Local officials", "A spokesman for the ministry", "Opposition leaders",
            "The central bank", "Aid workers", "Police", "Residents", "Analysts", "The prime minister"]  # fmt: skip
VERBS = ["said on Tuesday", "told reporters", "announced late on Monday", "warned", "confirmed", "insisted"]
CLAIMS = [
    "that the new budget would cut spending on fuel subsidies by a third",
    "that talks with the lenders would resume next week in the capital",
    "that heavy rains had displaced more than 12,000 people in the north",
    "that the election would go ahead as planned despite the protests",
    "that exports of coffee and tea rose 8 percent in the first quarter",
    "that the bridge, closed since the floods, would reopen by the end of the month",
    "that three people had been detained after the clashes near the port",
]
NAMES = ["Jane Mwangi", "Carlos Rivas", "Ingrid Berg", "Nguyen Van An", "Kwame Mensah", "Ana Lucia Paz"]


def wire_text(rng: random.Random, target: int = 3000) -> str:
    """One scraped wire story on one line, about ``target`` characters, with the parts wirecut looks for."""
    city, country = rng.choice(CITIES)
    agency = rng.choice(AGENCIES)
    month, day, year = rng.choice(MONTHS), rng.randint(1, 28), rng.randint(2014, 2024)
    dash = "--" if agency in ("Xinhua", "AFP") else "-"
    caption = (
        f"{rng.choice(SUBJECTS)} attend a meeting in {city.title()}, {country}, {month} {day}, {year}. "
        f"({agency}/{rng.choice(NAMES)})"
    )
    related = (
        f"Related: {country} weighs new measures {city}, {month} {max(1, day - 1)} ({agency}) {dash} "
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAIMS)}. Full story"
    )
    pieces = [f"{city}, {month} {day} ({agency}) {dash}"]
    body_target = target - len(caption) - len(related) - 40
    length = len(pieces[0])
    while length < body_target:
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAIMS)}."
        if rng.random() < 0.2:
            sentence = f'"We will not wait any longer," {rng.choice(NAMES)} said of the plan for {city.title()}.'
        pieces.append(sentence)
        length += len(sentence) + 1
    if rng.random() < 0.5:
        pieces.insert(0, caption)  # Xinhua-style pages put the photo first
    else:
        pieces.insert(len(pieces) // 2, caption)
    pieces.append(related)
    pieces.append("1 2 3 >>")
    return " ".join(pieces)


def make_corpus(root: Path, count: int, *, seed: int = 3) -> int:
    """``count`` texts in 100 directories; returns the bytes written."""
    rng = random.Random(seed)
    total = 0
    for number in range(count):
        folder = root / f"d{number % 100:02d}"
        if number < 100:
            folder.mkdir(parents=True, exist_ok=True)
        data = wire_text(rng).encode("utf-8")
        (folder / f"{number:07d}.txt").write_bytes(data)
        total += len(data)
    return total


# --- measurements ----------------------------------------------------------------------------------


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its live descendants, the pool's workers (Linux /proc)."""
    total = time.process_time()
    ticks = os.sysconf("SC_CLK_TCK")
    pending = [os.getpid()]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as children:
                kids = [int(child) for child in children.read().split()]
            for kid in kids:
                with open(f"/proc/{kid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            pending.extend(kids)
        except (OSError, ValueError):
            continue
    return total


def timed_batch(inputs: Path, output: Path, engine: Engine, *, baseline: bool) -> tuple[float, int, float]:
    """Seconds, input bytes and CPU seconds of one batch on an engine whose workers are already started."""
    if output.exists():
        shutil.rmtree(output) if output.is_dir() else output.unlink()
    job = BatchJob([str(inputs)], str(output) + ("/" if output.suffix != ".jsonl" else ""), baseline=baseline)
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    summary = run_batch(job, engine=engine)
    elapsed = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    assert summary.failures == 0 and summary.documents > 0, summary
    return elapsed, summary.input_bytes, cpu


def startup(command: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def peak_memory(inputs: Path, workers: int) -> tuple[float, float, list[int]]:
    """Run ``wirecut batch INPUTS -o - > /dev/null``; sample the process tree's RSS every 0.2 s."""
    command = [str(BIN / "wirecut"), "batch", str(inputs), "-o", "-", "-j", str(workers), "-q"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    samples: list[int] = []

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            rss = tree_rss(process.pid)
            peak = max(peak, rss)
            samples.append(rss)
            time.sleep(0.2)

    watcher = threading.Thread(target=sample)
    watcher.start()
    process.wait()
    watcher.join()
    if process.returncode not in (0,):
        raise SystemExit(f"memory run failed: {process.stderr.read().decode() if process.stderr else ''}")
    return peak / 1e6, time.perf_counter() - started, samples


def profile(inputs: Path, output: Path) -> str:
    """cProfile of a one-worker batch (in this process): where the time goes, by wirecut function."""
    profiler = cProfile.Profile()
    profiler.enable()
    timed_batch(inputs, output, LocalEngine(1), baseline=False)
    profiler.disable()
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report)
    stats.sort_stats("cumulative").print_stats(r"wirecut|regex|json", 25)
    return report.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=1000, help="texts for the throughput runs [1000]")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare [1,2]")
    parser.add_argument("--layouts", default="jsonl,dir", help="output layouts: jsonl (one file), dir (a file each)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best counts [3]")
    parser.add_argument("--memory-n", type=int, default=0, help="also measure peak memory over this many texts")
    parser.add_argument("--dask", action="store_true", help="also run the JSON Lines job on a Dask LocalCluster")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of a one-worker batch")
    parser.add_argument("--workdir", type=Path, help="where to put the corpus and outputs [a temporary directory]")
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="wirecut-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
        if args.n:
            throughput(args, workdir)
        plain = startup([sys.executable, "-c", "import json"])
        parse = startup([str(BIN / "wirecut"), "parse", str(SEED)])
        print(
            f"start-up: wirecut parse {parse * 1000:.0f} ms, python -c 'import json' {plain * 1000:.0f} ms "
            f"({parse / plain:.1f}x)"
        )
        if args.profile and args.n:
            print()
            print(profile(workdir / "corpus", workdir / "profile.jsonl"))
        if args.memory_n:
            big = workdir / "memory-corpus"
            shutil.rmtree(big, ignore_errors=True)
            make_corpus(big, args.memory_n, seed=5)
            peak, seconds, samples = peak_memory(big, 2)
            tenth = max(1, len(samples) // 10)
            first, last = max(samples[:tenth]) / 1e6, max(samples[-tenth:]) / 1e6
            print(
                f"peak memory: {peak:,.0f} MB (RSS of the process tree, 2 workers, {args.memory_n:,} inputs, "
                f"{seconds:,.0f} s, {len(samples)} samples; peak in the first tenth {first:,.0f} MB, "
                f"in the last tenth {last:,.0f} MB)"
            )
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


def throughput(args: argparse.Namespace, workdir: Path) -> None:
    """The table: floor and wirecut batch on the same files, for each layout and worker count."""
    corpus = workdir / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    size = make_corpus(corpus, args.n)
    print(f"corpus: {args.n:,} texts, {size / 1e6:.1f} MB ({size / args.n:,.0f} bytes a text) in {corpus}")
    print()
    print(
        "| layout | workers | floor docs/s | floor MB/s | wirecut docs/s | wirecut MB/s | ratio b/a "
        "| wirecut CPU ms/doc |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    rates: dict[tuple[str, int], float] = {}
    engines: dict[int, LocalEngine] = {}
    pool_start: dict[int, float] = {}
    for workers in (int(w) for w in args.workers.split(",")):
        # Started before the clock runs: the table compares steady throughput (start-up is below).
        started = time.perf_counter()
        engines[workers] = LocalEngine(workers)
        engines[workers].start()
        pool_start[workers] = time.perf_counter() - started
    for layout in args.layouts.split(","):
        output = workdir / ("out.jsonl" if layout == "jsonl" else "out")
        for workers, engine in engines.items():
            # Best of --repeat runs: other processes on a shared machine only ever make a run slower.
            floor_s, floor_bytes, _ = min(
                timed_batch(corpus, output, engine, baseline=True) for _ in range(args.repeat)
            )
            wire_s, wire_bytes, wire_cpu = min(
                timed_batch(corpus, output, engine, baseline=False) for _ in range(args.repeat)
            )
            rates[(layout, workers)] = args.n / wire_s
            print(
                f"| {layout} | {workers} | {args.n / floor_s:,.0f} | {floor_bytes / 1e6 / floor_s:,.2f} "
                f"| {args.n / wire_s:,.0f} | {wire_bytes / 1e6 / wire_s:,.2f} | {floor_s / wire_s:.3f} "
                f"| {wire_cpu / args.n * 1000:.2f} |",
                flush=True,
            )
    print()
    for layout in args.layouts.split(","):
        if (layout, 1) in rates and (layout, 2) in rates:
            print(f"two workers / one worker ({layout}): {rates[(layout, 2)] / rates[(layout, 1)]:.2f}x")

    for engine in engines.values():
        engine.close()
    starts = ", ".join(f"{w} worker(s) {t * 1000:.0f} ms" for w, t in pool_start.items())
    print(f"pool start-up (not in the table): {starts}")
    if args.dask:
        dask_row(args, corpus, workdir)


def dask_row(args: argparse.Namespace, corpus: Path, workdir: Path) -> None:
    """The same job on a 2-worker ``distributed.LocalCluster``: workers read paths and write shards."""
    from distributed import Client, LocalCluster

    from wirecut.dask import DaskEngine

    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.CRITICAL
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: __import__("wirecut"))  # workers ready before the clock runs
        cluster_start = time.perf_counter() - started
        engine = DaskEngine(client=client)
        output = workdir / "dask.jsonl"
        floor_s, _, _ = min(timed_batch(corpus, output, engine, baseline=True) for _ in range(args.repeat))
        wire_s, _, _ = min(timed_batch(corpus, output, engine, baseline=False) for _ in range(args.repeat))
    print(
        f"dask LocalCluster (2 workers, jsonl): floor {args.n / floor_s:,.0f} docs/s, wirecut {args.n / wire_s:,.0f} "
        f"docs/s, ratio {floor_s / wire_s:.3f}; cluster start-up {cluster_start:.1f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
