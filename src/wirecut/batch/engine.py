"""Engines: run ``process_chunk`` over a stream of chunks, here or on a pool, and the library call ``parse_many``.

Contract:
    Consumes: an iterator of chunks of items and the job's ``WorkerSettings``.
    Produces: the ``ChunkResult`` of every chunk, in the order of the chunks.
    Never: holds more than a window of chunks (memory stays flat for any number of inputs), loses a
    chunk to a worker that died (the pool is replaced and the chunk sent again once; the second time
    it fails as a whole, one failure record per item), or leaves worker processes behind.

Risk carried here: the order of results (a JSON Lines output and ``parse_many`` depend on it), a
pool broken by a dying worker, and Ctrl-C reaching the workers (they ignore it; the driver decides).
``wirecut.dask.DaskEngine`` is the other engine, over the same ``process_chunk``.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, Protocol

from wirecut.batch.names import Failure, FileItem, Item, TextItem, json_safe
from wirecut.batch.worker import ChunkResult, WorkerSettings, failure_record, for_processes, process_chunk
from wirecut.errors import InputError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from wirecut.config import Config

#: Items in one unit of work sent to a worker: large enough that the round trip (about 0.2 ms) is lost
#: in the parsing (milliseconds a text), small enough to keep progress smooth and resumes cheap.
DEFAULT_CHUNK_SIZE = 64


class Engine(Protocol):
    """Runs ``process_chunk`` over chunks and yields the results in the order of the chunks."""

    def run(self, chunks: Iterator[list[Item]], settings: WorkerSettings) -> Iterator[ChunkResult]: ...


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers, taskset)
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def _init_worker(parent_pid: int) -> None:
    import signal

    # Ctrl-C reaches the whole process group: the driver decides how to stop, workers finish their chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch_parent() -> None:  # an idle worker of a SIGKILLed driver would wait forever
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()


class LocalEngine:
    """This machine: a process pool of ``workers`` (this process itself for one worker).

    At most ``window`` chunks are in flight, so memory stays flat for any number of inputs; results
    come back in order. A pool broken by a dying worker is replaced and its chunks retried once. The
    pool is started by the first run and kept for the next ones until ``close()`` (or the end of a
    ``with`` block); a run that is stopped early (Ctrl-C) stops it, since its workers are busy.
    """

    def __init__(self, workers: int | None = None, *, window: int | None = None) -> None:
        self.workers = max(1, workers or default_workers())
        self.window = window or self.workers * 3
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def start(self) -> None:
        """Start the worker processes now (they are ready in about a quarter of a second)."""
        if self.workers > 1 and self._pool is None:
            self._pool = self._new_pool()
            # one round trip per worker: each has imported wirecut when this returns
            for future in [
                self._pool.submit(process_chunk, [], WorkerSettings("lines", "json")) for _ in range(self.workers)
            ]:
                future.result()

    @property
    def in_process(self) -> bool:
        """True when chunks are parsed in this process (one worker): the config is used as it is."""
        return self.workers == 1

    def run(self, chunks: Iterator[list[Item]], settings: WorkerSettings) -> Iterator[ChunkResult]:
        if self.in_process:
            for chunk in chunks:
                yield process_chunk(chunk, settings)
            return
        yield from self._run_pool(chunks, for_processes(settings)._replace(parent_pid=os.getpid()))

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: workers that share no threads or locks with the driver, the same on every platform
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),))

    def _run_pool(self, chunks: Iterator[list[Item]], settings: WorkerSettings) -> Iterator[ChunkResult]:
        from concurrent.futures.process import BrokenProcessPool

        pool = self._pool = self._pool or self._new_pool()
        pending: deque[tuple[list[Item], Future[ChunkResult], int]] = deque()
        finished = False
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(process_chunk, chunk, settings), 0))
                while len(pending) >= self.window:
                    result, pool = self._next(pending, pool, settings, BrokenProcessPool)
                    yield result
            while pending:
                result, pool = self._next(pending, pool, settings, BrokenProcessPool)
                yield result
            finished = True
        finally:
            self._pool = pool
            if not finished:
                self.close()

    def _next(
        self,
        pending: deque[tuple[list[Item], Future[ChunkResult], int]],
        pool: ProcessPoolExecutor,
        settings: WorkerSettings,
        broken: type[BaseException],
    ) -> tuple[ChunkResult, ProcessPoolExecutor]:
        _, future, attempts = pending[0]
        try:
            result = future.result()
        except broken:
            # A worker died (out of memory, a signal): start a new pool and send every pending chunk again;
            # the chunk that was waited on twice is the likely culprit, so it fails as a whole instead.
            pool.shutdown(wait=False, cancel_futures=True)
            pool = self._pool = self._new_pool()
            retry = list(pending)
            pending.clear()
            for index, (old_chunk, _, old_attempts) in enumerate(retry):
                if index == 0 and attempts >= 1:
                    pending.append((old_chunk, _crashed(old_chunk), old_attempts))
                else:
                    pending.append((old_chunk, pool.submit(process_chunk, old_chunk, settings), old_attempts + 1))
            return self._next(pending, pool, settings, broken)
        pending.popleft()
        return result, pool


def _crashed(chunk: list[Item]) -> Any:
    from concurrent.futures import Future

    failures = []
    for item in chunk:
        if isinstance(item, Failure):
            failures.append(item.record())
        else:
            failures.append(failure_record(item, "crash", "a worker process died while parsing this chunk"))
    done: Future[ChunkResult] = Future()
    done.set_result(ChunkResult(len(chunk), 0, 0, 0, {}, failures, [], [Failure(**f) for f in failures], None))
    return done


def checked_config(config: Config | None) -> Config | None:
    """``config`` when it is one (or None for the default); ``TypeError`` for anything else."""
    from wirecut.config import Config

    if config is not None and not isinstance(config, Config):
        raise TypeError(f"config must be a wirecut.Config, not {type(config).__name__}")
    return config


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def parse_many(
    items: Iterable[str | bytes | os.PathLike[str]],
    *,
    workers: int | None = None,
    reference_date: dt.date | str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_error: Literal["raise", "skip"] = "raise",
    config: Config | None = None,
) -> Iterator[Any]:
    """Parse many texts on ``workers`` processes (default: every core); yield their Stories in order.

    A ``str`` is a text, ``bytes`` are decoded like a file's, an ``os.PathLike`` (``pathlib.Path``)
    is a file to read (its Story's ``source`` is the path). A file that cannot be read raises
    ``InputError`` at its place in the order, or is left out with ``on_error="skip"``. Only a window of
    chunks is in memory at a time, so ``items`` may be a generator of any length. In a script, call
    it under ``if __name__ == "__main__":`` (worker processes are started with ``spawn``). Every
    worker parses with ``config`` (default ``DEFAULT_CONFIG``), so a story is what
    ``wirecut.parse(text, config=config)`` gives; its arguments are checked here, at the call.

    >>> texts = ["PARIS, May 2 (AFP) - Rain.", "ROME (Reuters) - Sun."]
    >>> [story.dateline.location for story in parse_many(texts, workers=1)]
    ['PARIS', 'ROME']
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    from wirecut import _as_date

    day = _as_date(reference_date)
    date = day.isoformat() if day else None
    settings = WorkerSettings("stories", "json", date, config=checked_config(config))
    if LocalEngine(workers).workers > 1:
        settings = for_processes(settings)  # a rule that cannot reach the workers is refused here
    return _stories(items, settings, workers, chunk_size, on_error)


def _stories(
    items: Iterable[str | bytes | os.PathLike[str]],
    settings: WorkerSettings,
    workers: int | None,
    chunk_size: int,
    on_error: Literal["raise", "skip"],
) -> Iterator[Any]:
    # An error of the caller's iterable (or an item of the wrong type) ends the stream of items here;
    # it is raised once the Stories of every item before it have been given, as a plain loop would.
    stopped: list[Exception] = []

    def as_items() -> Iterator[Item]:
        entries = iter(items)
        while True:
            try:
                entry = next(entries)
            except StopIteration:
                return
            except Exception as exc:
                stopped.append(exc)
                return
            if isinstance(entry, (str, bytes)):
                yield TextItem(entry, None, None, None)
            elif isinstance(entry, os.PathLike):
                path = os.fspath(entry)
                yield FileItem(path, json_safe(path), None)
            else:
                stopped.append(TypeError(f"parse_many() takes str texts, bytes or paths, not {type(entry).__name__}"))
                return

    with LocalEngine(workers) as engine:
        for result in engine.run(chunked(as_items(), chunk_size), settings):
            for outcome in result.stories or ():
                if isinstance(outcome, Failure):
                    if on_error == "raise":
                        raise InputError(f"{outcome.source}: {outcome.reason}")
                    continue
                yield outcome
    if stopped:
        raise stopped[0]
