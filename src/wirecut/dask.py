"""wirecut on a Dask cluster: the optional extra ``wirecut[dask]`` (``docs/batch.md`` has the recipes).

Contract:
    ``DaskEngine(address)`` runs ``wirecut.batch.process_chunk`` on a cluster for ``run_batch`` (and
    ``wirecut batch --engine dask``): partitions of paths go to the workers, which read the inputs and
    write their outputs (files of a directory output, or shards of a JSON Lines output that the driver
    appends in order and removes), so texts never travel through the scheduler. Inputs and outputs
    must be on a filesystem every worker sees at the same path. Without an address it starts a
    ``distributed.LocalCluster`` on this machine. ``parse_bag(bag)`` maps a Dask bag of texts to a bag
    of Stories (or of ``wirecut/1`` dicts). Never imported by ``import wirecut``: dask loads only here.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections import deque
from collections.abc import Iterator
from typing import Any

import dask.bag as db
from distributed import Client, LocalCluster

from wirecut.batch import BatchError, ChunkResult, FileItem, Item, WorkerSettings, process_chunk
from wirecut.batch.worker import for_processes
from wirecut.config import DEFAULT_CONFIG, Config

#: Items per task. A task costs the scheduler about a millisecond, 256 texts take a second or more to
#: parse, so the cost is lost in the noise; and even a small job gives every worker something to do.
DEFAULT_PARTITION_SIZE = 256


class DaskEngine:
    """Runs a batch on a Dask cluster at ``address`` (or on a new local cluster of ``workers`` processes)."""

    def __init__(
        self,
        address: str | None = None,
        *,
        workers: int | None = None,
        partition_size: int = DEFAULT_PARTITION_SIZE,
        client: Client | None = None,
        connect_timeout: float = 10.0,
    ) -> None:
        self.address = address
        self.connect_timeout = connect_timeout
        self.workers = workers
        self.partition_size = partition_size
        self.client = client
        self._own_client = False
        self._cluster: LocalCluster | None = None

    def _connect(self) -> Client:
        if self.client is None:
            if self.address:
                try:
                    self.client = Client(self.address, timeout=self.connect_timeout)
                except (OSError, TimeoutError, ValueError) as exc:
                    raise BatchError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None
            else:
                # silence_logs: a worker's heartbeat racing the shutdown logs a traceback that is no error
                # of the user's; failures of tasks still come back to this process as exceptions.
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,
                )
                self.client = Client(self._cluster)
            self._own_client = True
        return self.client

    def run(self, chunks: Iterator[list[Item]], settings: WorkerSettings) -> Iterator[ChunkResult]:
        client = self._connect()
        settings = for_processes(settings)  # the job's config, as bytes each worker rebuilds once
        if settings.deliver == "lines" and settings.tmp_dir:
            # A JSON Lines file: workers write shards beside it; only their names come back.
            settings = settings._replace(deliver="shard")
        threads = sum(client.nthreads().values()) or 1
        window = 2 * threads
        pending: deque[Any] = deque()
        try:
            for partition in _partitions(chunks, self.partition_size):
                pending.append(client.submit(process_chunk, partition, settings, pure=False))
                while len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        if self._own_client and self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _partitions(chunks: Iterator[list[Item]], size: int) -> Iterator[list[Item]]:
    partition: list[Item] = []
    for chunk in chunks:
        # A worker has its own working directory (or machine): give it paths that mean the same there.
        partition.extend(
            item._replace(path=os.path.abspath(item.path)) if isinstance(item, FileItem) else item for item in chunk
        )
        if len(partition) >= size:
            yield partition
            partition = []
    if partition:
        yield partition


def _parse_partition(texts: Any, reference_date: str | None, as_dicts: bool, config_data: bytes) -> list[Any]:
    from wirecut import parse, parse_bytes
    from wirecut.config import loaded

    config = loaded(config_data)
    out = []
    for entry in texts:
        if isinstance(entry, tuple):  # (source, text) pairs keep their provenance
            source, text = entry
        else:
            source, text = None, entry
        if isinstance(text, bytes):
            story = parse_bytes(text, source=source, reference_date=reference_date, config=config)
        else:
            story = parse(text, source=source, reference_date=reference_date, config=config)
        out.append(story.to_dict() if as_dicts else story)
    return out


def parse_bag(
    bag: db.Bag,
    *,
    reference_date: dt.date | str | None = None,
    as_dicts: bool = False,
    config: Config | None = None,
) -> db.Bag:
    """A bag of Stories (``as_dicts=True``: of ``wirecut/1`` dicts) from a bag of texts.

    Items are ``str`` texts, ``bytes``, or ``(source, text)`` pairs. Binary ``bytes`` raise
    ``wirecut.InputError`` when computed, as ``parse_bytes`` does. Every worker parses with ``config``
    (default ``DEFAULT_CONFIG``, with what ``lexicon.register_*`` added to it), sent pickled: a
    config whose rule cannot be pickled raises ``wirecut.ConfigError`` here, before anything runs.

    >>> import dask.bag as db
    >>> bag = db.from_sequence(["PARIS, May 2 (AFP) - Rain.", ("b.txt", "ROME (Reuters) - Sun.")], npartitions=1)
    >>> [story["dateline"]["location"] for story in parse_bag(bag, as_dicts=True).compute(scheduler="sync")]
    ['PARIS', 'ROME']
    """
    date = reference_date.isoformat() if isinstance(reference_date, dt.date) else reference_date
    data = (DEFAULT_CONFIG if config is None else config).pickled()
    return bag.map_partitions(_parse_partition, date, as_dicts, data)


__all__ = ["DEFAULT_PARTITION_SIZE", "DaskEngine", "parse_bag"]
