"""The Dask engine and ``parse_bag`` against a real ``distributed.LocalCluster`` on loopback."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.test_batch import ONE, jsonl, outputs, wire_story, write_tree
from tests.test_batch_cli import WIRECUT

import wirecut
from wirecut import tabular
from wirecut.batch import BatchJob, run_batch

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from wirecut.dask import DaskEngine, parse_bag  # noqa: E402 - only once dask is known to be there


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    # Threads in this process (processes=False): a real scheduler and worker on loopback in under a second.
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None, protocol="tcp", host="127.0.0.1"
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def _tree(root: Path, count: int = 30) -> None:
    files: dict[str, str | bytes] = {f"d{i % 3}/s{i:03d}.txt": wire_story(i) for i in range(count)}
    files["bad.txt"] = b"\x00binary"
    files["dump.jsonl"] = "".join(json.dumps({"id": f"r{i}", "text": wire_story(i), "n": i}) + "\n" for i in range(5))
    write_tree(root, files)


def test_the_dask_engine_writes_what_the_local_one_writes(tmp_path: Path, client: distributed.Client) -> None:
    _tree(tmp_path / "in")
    engine = DaskEngine(client=client, partition_size=7)
    for out in ("local.jsonl", "local/"):
        run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / out)), engine=ONE)
    on_dask = run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "dask.jsonl")), engine=engine)
    assert (on_dask.documents, on_dask.failures) == (35, 1)
    assert jsonl(tmp_path / "dask.jsonl") == jsonl(tmp_path / "local.jsonl")  # same lines, same order
    assert not (tmp_path / "dask.jsonl.partial.shards").exists()  # shards appended, then removed
    run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "dask") + "/"), engine=engine)
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    resumed = run_batch(BatchJob([str(tmp_path / "in")], str(tmp_path / "dask") + "/"), engine=engine)
    assert resumed.skipped == 35 and resumed.documents == 0


def test_parse_bag_parses_a_bag_of_texts(client: distributed.Client) -> None:
    texts = [wire_story(i) for i in range(12)]
    bag = dask_bag.from_sequence([*texts[:-1], ("last.txt", texts[-1])], npartitions=3)
    stories = parse_bag(bag).compute()
    assert [story.to_dict() for story in stories[:-1]] == [wirecut.parse(t).to_dict() for t in texts[:-1]]
    assert stories[-1].source == "last.txt"
    dicts = parse_bag(bag, as_dicts=True, reference_date="2024-01-01").compute()
    assert dicts[0]["schema"] == "wirecut/1"


def test_the_cli_runs_a_batch_on_a_scheduler_address(tmp_path: Path, client: distributed.Client) -> None:
    _tree(tmp_path / "in", count=10)
    address = client.scheduler.address
    done = subprocess.run(
        [WIRECUT, "batch", "in", "-o", "all.jsonl", "--scheduler", address, "--errors", "errors.jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr  # the one binary input
    assert "Traceback" not in done.stderr and "documents parsed" in done.stderr
    lines = jsonl(tmp_path / "all.jsonl")
    assert len(lines) == 15 and lines[0]["source"] == "in/d0/s000.txt"
    assert [r["source"] for r in jsonl(tmp_path / "errors.jsonl")] == ["in/bad.txt"]


def test_the_cli_starts_a_local_cluster_without_an_address(tmp_path: Path) -> None:
    _tree(tmp_path / "in", count=4)
    done = subprocess.run(
        [WIRECUT, "batch", "in", "-o", "out/", "--engine", "dask", "-j", "1", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert len(outputs(tmp_path / "out")) == 9


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest

    import wirecut.dask

    assert doctest.testmod(wirecut.dask).failed == 0


def test_an_unreachable_scheduler_is_a_batch_error(tmp_path: Path) -> None:
    from wirecut.batch import BatchError

    (tmp_path / "a.txt").write_text(wire_story(1))
    engine = DaskEngine("tcp://127.0.0.1:9", connect_timeout=0.5)  # port 9: discard, nothing listens
    with pytest.raises(BatchError, match="cannot reach the Dask scheduler"):
        run_batch(BatchJob([str(tmp_path / "a.txt")], str(tmp_path / "o.jsonl")), engine=engine)


# --- A config reaches every Dask worker ------------------------------------------------------------


def test_parse_bag_and_the_dask_engine_parse_with_the_config(tmp_path: Path, client: distributed.Client) -> None:
    from tests.custom_rules import newsroom_config, newsroom_texts

    config, texts = newsroom_config(), newsroom_texts(6)
    bag = dask_bag.from_sequence(texts, npartitions=3)
    stories = parse_bag(bag, config=config).compute()
    assert [s.to_dict() for s in stories] == [wirecut.parse(t, config=config).to_dict() for t in texts]
    assert stories[0].notes and stories[0].dateline.agency == "Zenit Wire"
    write_tree(tmp_path / "in", {f"s{n}.txt": text for n, text in enumerate(texts)})
    done = run_batch(
        BatchJob([str(tmp_path / "in")], str(tmp_path / "all.jsonl")),
        engine=DaskEngine(client=client, partition_size=2),
        config=config,
    )
    assert (done.documents, done.failures) == (6, 0)
    sources = [str(tmp_path / "in" / f"s{n}.txt") for n in range(6)]
    assert jsonl(tmp_path / "all.jsonl") == [  # batch records: to_dict() with every key (tabular.batch_record)
        tabular.batch_record(wirecut.parse(t, source=s, config=config), None) for t, s in zip(texts, sources)
    ]


def test_parse_bag_on_worker_processes_parses_with_the_config() -> None:
    # Worker processes import wirecut afresh: neither the config nor the default lexicon's registrations
    # of this process can reach them but in the task itself.
    from tests.custom_rules import newsroom_config, newsroom_texts

    from wirecut import lexicon

    config, texts = newsroom_config(), newsroom_texts(4)
    lexicon.register_agency("Sputnik", ["SPK"])  # conftest.py puts the default lexicon back after the test
    sputnik = "HAVANA, May 2 (SPK) -- The talks resumed on Tuesday."
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            worker_dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        distributed.Client(cluster) as processes,
    ):
        bag = dask_bag.from_sequence(texts, npartitions=2)
        stories = processes.compute(parse_bag(bag, config=config)).result()
        shims = processes.compute(parse_bag(dask_bag.from_sequence([sputnik], npartitions=1))).result()
    assert [s.to_dict() for s in stories] == [wirecut.parse(t, config=config).to_dict() for t in texts]
    assert shims[0].dateline.agency == "Sputnik"
