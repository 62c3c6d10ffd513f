"""Starting real servers for the tests: ``wcograph serve`` as a subprocess on a free loopback
port, waited for until /health answers, stopped after."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.post(self.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]


def wait_until_up(url: str, process: subprocess.Popen[bytes] | None, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def running(
    command: Sequence[str], health: str, seconds: float = 60, **popen: object
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server process until the block ends; stop it (and only it) after."""
    process = subprocess.Popen(list(command), **popen)  # type: ignore[call-overload]
    try:
        wait_until_up(health, process, seconds)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def wcograph_server(*options: str, data: Path | None = None) -> Iterator[Server]:
    port = free_port()
    command = [sys.executable, "-m", "wcograph.cli", "serve", "--port", str(port), *options]
    if data is not None:
        command += ["--data", str(data)]
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with running(command, url + "/health", env=env) as process:
        yield Server(url, process)
