"""Progress for long work (the pyshacl engine, the reasoner, benchmarks): shown on a terminal,
silent in pipes and files, always on standard error so it never mixes with the answer."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def on_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def step(message: str, stream: TextIO | None = None) -> Iterator[None]:
    """``message …`` when the work starts and ``done in 1.2 s`` when it ends, on a terminal."""
    out = stream or sys.stderr
    shown = on_terminal(out)
    started = time.perf_counter()
    if shown:
        out.write(f"{message} …")
        out.flush()
    try:
        yield
    finally:
        if shown:
            out.write(f" done in {time.perf_counter() - started:.1f} s\n")
            out.flush()
