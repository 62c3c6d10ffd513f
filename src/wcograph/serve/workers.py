"""Queries run in worker processes, each with its own read-only copy of the graph, so that a
query past its time limit can be stopped for real: its process is killed and a fresh one takes
its place, while the server goes on answering.

pyoxigraph cannot interrupt a running query, and a thread cannot be killed; a process can.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

START_METHOD = "spawn"  # a fresh interpreter: no threads or event loop inherited from the server


@dataclass(frozen=True)
class Job:
    query: str
    fmt: str
    limit: int
    base_iri: str | None = None


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    rows: int = 0
    truncated: bool = False


class QueryTimeout(Exception):
    pass


class AnswerCache:
    """Answers by (query text, format, row limit), least recently used dropped first, within a
    budget of bytes. The graph never changes while it is served, so an answer stays right."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.answers: OrderedDict[Job, Reply] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job: Job) -> Reply | None:
        with self._lock:
            reply = self.answers.get(job)
            if reply is not None:
                self.answers.move_to_end(job)
            return reply

    def put(self, job: Job, reply: Reply) -> None:
        cost = len(reply.body) + len(job.query)
        if reply.status != 200 or cost > self.budget // 8:
            return
        with self._lock:
            if job in self.answers:
                return
            self.answers[job] = reply
            self.size += cost
            while self.size > self.budget:
                old, dropped = self.answers.popitem(last=False)
                self.size -= len(dropped.body) + len(old.query)


class ServerBusy(Exception):
    pass


def _serve(connection: Connection, graph_file: str) -> None:
    """A worker's life: load the graph, then answer jobs until the server goes away."""
    from wcograph.namespaces import PREFIXES
    from wcograph.serve.results import render
    from wcograph.triples.store import GraphStore

    store = GraphStore.from_file(Path(graph_file), limit=None).store
    connection.send("ready")
    while True:
        try:
            job: Job = connection.recv()
        except EOFError:
            return
        try:
            result = store.query(job.query, prefixes=PREFIXES, base_iri=job.base_iri)
            rendered = render(result, job.fmt, job.limit)
            reply = Reply(200, rendered.body, rendered.rows, rendered.truncated)
        except SyntaxError as err:
            reply = Reply(400, f"malformed SPARQL: {err}".encode())
        except (OSError, RuntimeError, ValueError, TypeError, KeyError) as err:
            reply = Reply(400, f"the query failed: {err}".encode())
        connection.send(reply)


class Worker:
    def __init__(self, graph_file: Path) -> None:
        context = multiprocessing.get_context(START_METHOD)
        self.connection, child = context.Pipe()
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, str(graph_file)), daemon=True, name="wcograph-query"
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float = 60) -> None:
        if not self.connection.poll(timeout) or self.connection.recv() != "ready":
            raise RuntimeError("a query worker did not start")

    def run(self, job: Job, timeout: float) -> Reply | None:
        """The reply, or None when the time ran out (the worker is then useless: kill it)."""
        self.connection.send(job)
        if not self.connection.poll(timeout):
            return None
        reply: Reply = self.connection.recv()
        return reply

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class WorkerPool:
    """N workers; a job waits for an idle one, and a worker that overruns is replaced."""

    def __init__(self, graph_file: Path, size: int, timeout: float, cache_bytes: int = 0) -> None:
        self.graph_file = graph_file
        self.timeout = timeout
        self.cache = AnswerCache(cache_bytes)
        self.idle: queue.Queue[Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[Worker] = []
        self._closed = False
        workers = [self._start() for _ in range(size)]
        for worker in workers:
            worker.wait_ready()
            self.idle.put(worker)

    def _start(self) -> Worker:
        worker = Worker(self.graph_file)
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.remove(worker)
        if self._closed:
            return
        fresh = self._start()
        fresh.wait_ready()
        self.idle.put(fresh)

    def run(self, job: Job) -> Reply:
        """Run a job within the time limit (waiting for a worker counts against it); an answer
        given before comes from the cache."""
        cached = self.cache.get(job)
        if cached is not None:
            return cached
        started = time.monotonic()
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy from None
        left = max(self.timeout - (time.monotonic() - started), 0.001)
        try:
            reply = worker.run(job, left)
        except (EOFError, OSError, BrokenPipeError):
            reply = Reply(500, b"the query worker failed; it has been restarted")
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            return reply
        if reply is None:
            # Killed now, replaced in the background: the next query need not wait for the load.
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            raise QueryTimeout
        self.idle.put(worker)
        self.cache.put(job, reply)
        return reply

    def pids(self) -> list[int]:
        with self._lock:
            return [worker.process.pid or 0 for worker in self._all]

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            worker.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
