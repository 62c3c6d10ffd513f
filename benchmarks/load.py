"""Load benchmark of the SPARQL endpoint: N concurrent clients run the query library's questions
(queries/cq, each bound as its first example binds it and written out as text) for a fixed
time against `wcograph serve` and against other servers on the same data, at the seed size and
scaled (benchmarks/scale.py).

    .venv/bin/python -m benchmarks.load                       # 1x and 10x; 1, 4, 16 clients
    .venv/bin/python -m benchmarks.load --scales 1 --seconds 5 --servers wcograph oxigraph

For each server, scale and number of clients: requests per second, p50 and p99 latency, errors
(any answer but 200, or a failed request) and the server's peak resident memory (the process
and its children, sampled every 0.2 s). Before the timed runs every question is asked once
and its row count compared with the local store's (``wrong`` counts the questions that differ).
Figures go to stdout and benchmarks/results/load-latest.json. Clients are threads of this
process with one keep-alive connection each; on a 2-core machine they share the CPUs with the
server, as a real deployment's reverse proxy would. Each run records the machine's load average
(1 minute) at its end, and the CPU time per request of the server (with its worker processes)
and of the clients: latency on a shared machine depends on its load, CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from benchmarks import stores
from benchmarks.scale import scale_graph, write_ntriples
from wcograph.assets import DATA_DIR, PROJECT_DIR
from wcograph.query.answer import bound_example
from wcograph.query.library import listed_queries
from wcograph.serve.sparql_text import bind_text
from wcograph.triples.store import GraphStore

RESULTS = PROJECT_DIR / "benchmarks" / "results" / "load-latest.json"
ACCEPT = {"Accept": "application/sparql-results+json"}

SERVERS: dict[str, Callable[[Path, Path], AbstractContextManager[stores.Running]]] = {
    "wcograph": lambda folder, nt: stores.wcograph_serve(folder, "--rdf", str(nt)),
    "wcograph-nocache": lambda folder, nt: stores.wcograph_serve(
        folder, "--rdf", str(nt), "--cache", "0", name="wcograph serve (no cache)"
    ),
    "rdflib-endpoint": lambda folder, nt: stores.rdflib_endpoint(folder, nt),
    "oxigraph": lambda folder, nt: stores.oxigraph_server(folder, nt),
    "fuseki": lambda folder, nt: stores.fuseki(folder, nt),
}


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    rows: int


@dataclass
class LoadResult:
    server: str
    scale: int
    clients: int
    seconds: float
    requests: int
    errors: int
    throughput: float
    p50_ms: float
    p99_ms: float
    rss_mib: float
    wrong: int
    load_average: float
    server_cpu_ms: float
    client_cpu_ms: float


def library(store: GraphStore) -> list[Question]:
    questions = []
    for query in listed_queries():
        target, bindings = bound_example(store, query)
        rows = len(list(store.select(target.text, bindings)))
        questions.append(Question(query.name, bind_text(target.text, bindings), rows))
    return questions


def process_tree(pid: int) -> Iterator[int]:
    """A process and all its descendants (those alive now)."""
    pending = [pid]
    while pending:
        current = pending.pop()
        yield current
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue


def rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants."""
    total = 0
    for current in process_tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
            )
        except (OSError, StopIteration, ValueError):
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) used so far by a process and its living descendants."""
    ticks = 0
    for current in process_tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


class PeakMemory:
    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.stop = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, rss_kib(self.pid))
            self.stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def check_answers(server: stores.Running, questions: list[Question]) -> int:
    """Ask every question once; the number whose row count differs from the local answer."""
    wrong = 0
    with httpx.Client(timeout=120) as client:
        for question in questions:
            try:
                response = client.post(server.query, data={"query": question.text}, headers=ACCEPT)
                rows = len(response.json()["results"]["bindings"])
            except (httpx.HTTPError, ValueError, KeyError):
                rows = -1
            if rows != question.rows:
                wrong += 1
                print(f"    {question.name}: {rows} rows there, {question.rows} here")
    return wrong


def hammer(url: str, questions: list[Question], clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` threads, each asking the questions in turn (from its own offset) until the
    time is up; every request's latency and outcome recorded."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client_loop(offset: int) -> None:
        mine, failed = [], 0
        with httpx.Client(timeout=60) as client:
            i = offset
            while time.perf_counter() < deadline:
                question = questions[i % len(questions)]
                started = time.perf_counter()
                try:
                    ok = client.post(url, data={"query": question.text}, headers=ACCEPT)
                    failed += ok.status_code != 200
                except httpx.HTTPError:
                    failed += 1
                mine.append(time.perf_counter() - started)
                i += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client_loop, args=(n * 7,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "seconds": round(elapsed, 2),
        "requests": len(ordered),
        "errors": errors[0],
        "throughput": round(len(ordered) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else float("nan"),
        "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))] * 1000, 1)
        if ordered
        else float("nan"),
    }


def run(args: argparse.Namespace) -> list[LoadResult]:
    from wcograph.records.load import load_data

    loaded = load_data(DATA_DIR)
    results: list[LoadResult] = []
    with tempfile.TemporaryDirectory(prefix="wcograph-load-") as work:
        for scale in args.scales:
            graph = scale_graph(loaded, scale)
            nt = Path(work) / f"scale-{scale}.nt"
            write_ntriples(graph.quads, nt)
            store = GraphStore.from_file(nt, limit=None)
            questions = library(store)
            print(f"\n=== {scale}x: {len(store):,} triples, {len(questions)} questions ===")
            for name in args.servers:
                reason = stores.unavailable(name)
                if reason:
                    print(f"  {name}: not run: {reason}")
                    continue
                folder = Path(tempfile.mkdtemp(dir=work, prefix=f"{name}-"))
                with ExitStack() as stack:
                    try:
                        server = stack.enter_context(SERVERS[name](folder, nt))
                    except RuntimeError as err:  # it did not start: say so, measure the others
                        print(f"  {name}: not run: {str(err)[:300]}", flush=True)
                        continue
                    wrong = check_answers(server, questions)
                    for clients in args.clients:
                        server_cpu, client_cpu = cpu_seconds(server.pid), own_cpu_seconds()
                        with PeakMemory(server.pid) as memory:
                            figures = hammer(server.query, questions, clients, args.seconds)
                        per_request = 1000 / max(figures["requests"], 1)
                        server_cpu = (cpu_seconds(server.pid) - server_cpu) * per_request
                        client_cpu = (own_cpu_seconds() - client_cpu) * per_request
                        result = LoadResult(
                            server.name,
                            scale,
                            clients,
                            rss_mib=round(memory.peak / 1024, 1),
                            wrong=wrong,
                            load_average=round(os.getloadavg()[0], 1),
                            server_cpu_ms=round(server_cpu, 2),
                            client_cpu_ms=round(client_cpu, 2),
                            **figures,
                        )
                        results.append(result)
                        print(
                            f"  {result.server:<16} {clients:>3} clients: "
                            f"{result.throughput:>7.1f} req/s  p50 {result.p50_ms:>7.1f} ms  "
                            f"p99 {result.p99_ms:>8.1f} ms  errors {result.errors}  "
                            f"RSS {result.rss_mib:.0f} MiB  wrong answers {wrong}  "
                            f"CPU per request: server {result.server_cpu_ms} ms, "
                            f"clients {result.client_cpu_ms} ms  "
                            f"load average {result.load_average}",
                            flush=True,
                        )
    return results


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--seconds", type=float, default=10.0, help="per run")
    parser.add_argument(
        "--servers",
        nargs="+",
        choices=sorted(SERVERS),
        default=["wcograph", "wcograph-nocache", "rdflib-endpoint", "oxigraph", "fuseki"],
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    results = run(args)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "command": "python -m benchmarks.load "
        + " ".join(argv if argv is not None else sys.argv[1:]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {k: v for k, v in vars(args).items()},
        "results": [asdict(result) for result in results],
    }
    RESULTS.write_text(json.dumps(report, indent=1))
    print(f"\nfigures in {RESULTS}")


if __name__ == "__main__":
    main()
