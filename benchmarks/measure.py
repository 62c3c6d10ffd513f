"""Timing and peak memory of one measured step, inside a worker process.

Memory is the process's resident set size (RSS) from /proc/self/status, not tracemalloc: most of
pyoxigraph's memory is allocated by Rust and tracemalloc never sees it. Before the step the worker
resets the kernel's peak-RSS mark to the current RSS (``echo 5 > /proc/self/clear_refs``, Linux
4.0+); after the step VmHWM is the true peak, including short-lived spikes that a sampling thread
would miss. Each engine's step runs in a fresh process, so one engine's freed memory cannot be
reused by the next one and hide its cost.
"""

from __future__ import annotations

import re
import signal
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_kib(key: str) -> int:
    match = re.search(rf"^{key}:\s+(\d+) kB", STATUS.read_text(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no {key} in {STATUS}")
    return int(match[1])


def reset_peak() -> int:
    """Reset the peak-RSS mark to the current RSS; return the current RSS in KiB."""
    CLEAR_REFS.write_text("5")
    return _status_kib("VmRSS")


def peak_kib() -> int:
    return _status_kib("VmHWM")


class ItemTimeout(Exception):
    """A repetition ran past the item's time limit (raised from SIGALRM, so it stops pure-Python
    engines such as rdflib and pyshacl mid-way)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after {seconds:.1f} s")
        self.seconds = seconds


def _alarm(signum: int, frame: Any) -> None:
    raise ItemTimeout(0.0)


@dataclass
class Timing:
    """Wall and CPU times of the repetitions of one step, and its memory. CPU time (all the
    process's threads) is the figure of record on a shared machine: other processes stretch the
    wall time of both sides of a ratio, not their CPU time."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    rss_before_mib: float = 0.0
    peak_rss_mib: float = 0.0

    @property
    def peak_above_before_mib(self) -> float:
        return self.peak_rss_mib - self.rss_before_mib

    def as_json(self) -> dict[str, Any]:
        return {
            "seconds": [round(s, 6) for s in self.seconds],
            "median_s": round(statistics.median(self.seconds), 6) if self.seconds else None,
            "min_s": round(min(self.seconds), 6) if self.seconds else None,
            "max_s": round(max(self.seconds), 6) if self.seconds else None,
            "cpu_seconds": [round(s, 6) for s in self.cpu_seconds],
            "cpu_median_s": round(statistics.median(self.cpu_seconds), 6)
            if self.cpu_seconds
            else None,
            "repetitions": len(self.seconds),
            "rss_before_mib": round(self.rss_before_mib, 1),
            "peak_rss_mib": round(self.peak_rss_mib, 1),
            "peak_above_before_mib": round(self.peak_above_before_mib, 1),
        }


def measure(
    step: Callable[[], Any],
    repetitions: int,
    budget_s: float | None = None,
    limit_s: float | None = None,
) -> tuple[Timing, Any]:
    """Run ``step`` up to ``repetitions`` times; the result of the last run is returned with the
    times. With a ``budget_s``, no further run starts once the runs so far plus one more would
    exceed it (at least one run always happens): slow baselines get fewer repetitions, and the
    JSON says how many.

    Peak memory covers all repetitions; the first one allocates everything the step needs (later
    ones reuse freed memory), so the peak is the first run's. A run longer than ``limit_s`` is
    stopped and raises ItemTimeout with its time so far (a lower bound).
    """
    timing = Timing(rss_before_mib=reset_peak() / 1024)
    previous = signal.signal(signal.SIGALRM, _alarm)
    result = None
    for _ in range(repetitions):
        spent = sum(timing.seconds)
        if timing.seconds and budget_s is not None and spent + max(timing.seconds) > budget_s:
            break
        result = None  # the previous result is freed before the next run, as in real use
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            if limit_s:
                signal.setitimer(signal.ITIMER_REAL, limit_s)
            result = step()
        except ItemTimeout:
            raise ItemTimeout(time.perf_counter() - start) from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        timing.seconds.append(time.perf_counter() - start)
        timing.cpu_seconds.append(time.process_time() - cpu_start)
    signal.signal(signal.SIGALRM, previous)
    timing.peak_rss_mib = peak_kib() / 1024
    return timing, result
