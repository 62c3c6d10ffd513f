"""`wcograph serve` for the tests: the real command on a free loopback port
(benchmarks/stores.py starts and stops it), with a small HTTP client around it."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks import stores


@dataclass(frozen=True)
class Server:
    url: str

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.post(self.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]


@contextmanager
def wcograph_server(*options: str, data: Path | None = None) -> Iterator[Server]:
    chosen = [*options, *(["--data", str(data)] if data else [])]
    with (
        tempfile.TemporaryDirectory(prefix="wcograph-serve-test-") as folder,
        stores.wcograph_serve(Path(folder), *chosen) as running,
    ):
        yield Server(running.query.removesuffix("/sparql"))
