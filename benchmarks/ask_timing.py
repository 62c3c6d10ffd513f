"""How long `wcograph ask` takes per question on the seed graph (target: under a second each).

    .venv/bin/python -m benchmarks.ask_timing

Times every question of tests/ask/questions.yaml through ``wcograph.ask.ask`` (with sources, as
the command answers), three runs each, the best run counted (the machine is shared: the worst
single run is printed too) on the store the command reads, after one warm-up question that reads the
graph's names and meetings; prints the first (cold) question, the median, the 95th percentile
and the slowest, the slowest question of each question type (intent), and the cold start of the
command itself in a fresh process.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from wcograph.ask import ask
from wcograph.assets import DATA_DIR, DIST_DIR, PROJECT_DIR
from wcograph.errors import WcographError
from wcograph.pipeline import graph_store
from wcograph.triples.store import GraphStore

QUESTIONS = PROJECT_DIR / "tests" / "ask" / "questions.yaml"
REPEATS = 3  # each question is timed this many times; the best run is its time


def main() -> None:
    store = graph_store(DATA_DIR)
    questions = [q["question"] for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]
    start = time.perf_counter()
    _ask(store, questions[0])
    cold = time.perf_counter() - start
    timings: list[tuple[float, str]] = []
    by_type: dict[str, tuple[float, str]] = {}
    worst_run = (0.0, "")
    for question in questions:
        runs = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            kind = _ask(store, question)
            runs.append(time.perf_counter() - start)
        worst_run = max(worst_run, (max(runs), question))
        seconds = min(runs)  # the best of the runs: the question's cost, not the machine's load
        timings.append((seconds, question))
        by_type[kind] = max(by_type.get(kind, (0.0, "")), (seconds, question))
    seconds = sorted(t for t, _ in timings)
    slowest = max(timings)
    print(f"questions: {len(timings)}")
    print(f"first question (reads names and meetings): {cold * 1000:.0f} ms")
    print(f"median: {statistics.median(seconds) * 1000:.1f} ms")
    print(f"95th percentile: {seconds[int(len(seconds) * 0.95)] * 1000:.1f} ms")
    print(f"slowest: {slowest[0] * 1000:.1f} ms ({slowest[1]!r})")
    print(f"over one second: {sum(t > 1 for t in seconds)}")
    print(f"slowest single run of any question: {worst_run[0] * 1000:.1f} ms ({worst_run[1]!r})")
    print(f"slowest of each of {len(by_type)} question types:")
    for kind, (worst, question) in sorted(by_type.items(), key=lambda item: -item[1][0]):
        print(f"  {kind:28} {worst * 1000:7.1f} ms  {question!r}")
    command = [sys.executable, "-m", "wcograph.cli", "ask", "Who chairs the PTC?"]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=Path(PROJECT_DIR))
    print(f"`wcograph ask` in a fresh process: {(time.perf_counter() - start) * 1000:.0f} ms")


def _ask(store: GraphStore, question: str) -> str:
    """Ask as the command does; the type of question it was taken for."""
    try:
        intent = ask(store, question, cache_dir=DIST_DIR).understood.intent
    except WcographError:
        return "not answered"
    return intent.name if intent else "topic search"


if __name__ == "__main__":
    main()
