"""Real SPARQL servers started on loopback with their data in a temporary folder, stopped after:
`wcograph serve`, Virtuoso (Debian's virtuoso-opensource), Oxigraph's own server (PyPI
`oxigraph`), rdflib-endpoint (PyPI), and Apache Jena Fuseki when its jar is at hand
(``WCOGRAPH_FUSEKI_JAR``, or jena-fuseki-main in the local Maven repository).

Used by the publish tests (tests/test_publish.py) and the load benchmark (benchmarks/load.py).
Each server is a context manager yielding a ``Running`` with its URLs; ``unavailable(name)``
says why one cannot be had here (None when it can).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

FUSEKI_VERSION = "5.6.0"
VIRTUOSO = "virtuoso-t"
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a fresh database's own; loopback only


@dataclass(frozen=True)
class Running:
    name: str
    query: str  # the SPARQL query URL
    graph_store: str | None  # the Graph Store Protocol URL (None: loaded at start, read-only)
    pid: int
    auth: tuple[str, str, str] | None = None  # (scheme, user, password)
    pids: list[int] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited ({process.returncode}): {tail(log)}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer within {seconds} s: {tail(log)}")


def tail(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-1500:]
    except OSError:
        return ""


@contextmanager
def process(
    command: Sequence[str], ready: str, folder: Path, seconds: float = 90, **popen: object
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server, wait until ``ready`` answers, and stop that process (only it) after."""
    log = folder / "server.log"
    with log.open("wb") as out:
        started = subprocess.Popen(  # type: ignore[call-overload]
            list(command), stdout=out, stderr=subprocess.STDOUT, cwd=folder, **popen
        )
        try:
            wait_for(ready, started, seconds, log)
            yield started
        finally:
            started.terminate()
            try:
                started.wait(20)
            except subprocess.TimeoutExpired:
                started.kill()
                started.wait()


@contextmanager
def wcograph_serve(folder: Path, *options: str, name: str = "wcograph serve") -> Iterator[Running]:
    """``wcograph serve`` with these options (``--rdf FILE``, ``--cache 0`` ...) on a free port."""
    port = free_port()
    command = [sys.executable, "-m", "wcograph.cli", "serve", "--port", str(port), *options]
    url = f"http://127.0.0.1:{port}"
    with process(command, url + "/health", folder, seconds=180) as started:
        yield Running(name, url + "/sparql", None, started.pid)


@contextmanager
def oxigraph_server(folder: Path, load: Path | None = None) -> Iterator[Running]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    location = folder / "oxigraph-db"
    if load is not None:
        subprocess.run(
            [binary, "load", "--location", str(location), "--file", str(load)],
            check=True,
            capture_output=True,
        )
    port = free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    url = f"http://127.0.0.1:{port}"
    with process(command, url + "/query?query=ASK%7B%7D", folder) as started:
        yield Running("Oxigraph server", url + "/query", url + "/store", started.pid)


@contextmanager
def rdflib_endpoint(folder: Path, load: Path) -> Iterator[Running]:
    binary = str(Path(sys.executable).parent / "rdflib-endpoint")
    port = free_port()
    command = [binary, "serve", str(load), "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with process(command, url + "/?query=ASK%7B%7D", folder, seconds=180) as started:
        yield Running("rdflib-endpoint", url + "/", None, started.pid)


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 16
MaxClientConnections = 16
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso(folder: Path) -> Iterator[Running]:
    db = folder / "virtuoso-db"
    db.mkdir()
    http_port = free_port()
    ini = VIRTUOSO_INI.format(db=db, sql_port=free_port(), http_port=http_port)
    (db / "virtuoso.ini").write_text(ini)
    command = [VIRTUOSO, "+foreground", "+configfile", str(db / "virtuoso.ini")]
    url = f"http://127.0.0.1:{http_port}"
    with process(command, url + "/sparql?query=ASK%7B%7D", folder) as started:
        yield Running(
            "Virtuoso",
            url + "/sparql",
            url + "/sparql-graph-crud-auth",
            started.pid,
            ("digest", VIRTUOSO_USER, VIRTUOSO_PASSWORD),
        )


def fuseki_jar() -> Path | None:
    named = os.environ.get("WCOGRAPH_FUSEKI_JAR")
    if named:
        return Path(named)
    repository = Path.home() / ".m2" / "repository" / "org" / "apache" / "jena"
    found = repository / "jena-fuseki-server" / FUSEKI_VERSION
    jar = found / f"jena-fuseki-server-{FUSEKI_VERSION}.jar"
    return jar if jar.exists() else None


@contextmanager
def fuseki(folder: Path, load: Path | None = None) -> Iterator[Running]:
    jar = fuseki_jar()
    if jar is None:
        raise RuntimeError(unavailable("fuseki"))
    port = free_port()
    command = ["java", "-Xmx2g", "-jar", str(jar), "--port", str(port), "--localhost"]
    command += (["--file", str(load)] if load else ["--update", "--mem"]) + ["/ds"]
    url = f"http://127.0.0.1:{port}/ds"
    with process(command, f"http://127.0.0.1:{port}/$/ping", folder) as started:
        yield Running("Fuseki", url + "/sparql", url + "/data", started.pid)


STORES: dict[str, Callable[..., AbstractContextManager[Running]]] = {
    "virtuoso": virtuoso,
    "oxigraph": oxigraph_server,
    "fuseki": fuseki,
}


def unavailable(name: str) -> str | None:
    """Why a store cannot be started here, or None."""
    if name == "virtuoso" and shutil.which(VIRTUOSO) is None:
        return (
            "virtuoso-t is not installed (Debian: virtuoso-opensource; scripts/test.sh installs it)"
        )
    if name == "fuseki" and fuseki_jar() is None:
        return (
            f"no jena-fuseki-server {FUSEKI_VERSION} jar: Maven Central is not reachable from this "
            "machine (mvn dependency:get fails with 'Unknown host repo.maven.apache.org'); set "
            "WCOGRAPH_FUSEKI_JAR to a jar to include Fuseki"
        )
    return None
