"""The hostile-input corpus: every folder of tests/hostile/ is one case, run against the CLI.

A case copies the real data/ to a scratch folder, breaks it (or the command line) in ONE way, runs
``wcograph`` in a subprocess under memory, CPU-time and file-size limits, and checks that
- the exit code is the documented one (0 fine, 1 findings, 2 bad input or usage);
- the output holds the expected message and no Python traceback;
- nothing outside the scratch folder changed: the project's dist/ and a folder of sentinel
  files "outside the project" that cases point links and paths at keep their hashes;
- no network connection was attempted: every URL in the corpus points at a TCP listener on
  127.0.0.1 that must never see a connection.

``case.yaml`` holds ``about`` (what is broken), ``args`` (the command line), ``exit``,
``message`` and optionally ``make`` (steps that break the copy of data/: replace, write, append,
repeat, sparse, link, fifo, remove, copy-seeds), ``not_in_output``, ``max_output_lines``,
``env``, ``before`` (a command that must succeed first), ``concurrent`` (how many copies run at
once), ``interrupt`` (seconds, signal) and ``unchanged`` (a folder whose regular files must keep
their hashes across the run). Other files of the case folder are copied into the scratch folder;
The placeholders below are filled in them too. Placeholders in args and make: {data}, {work},
{outside}, {dist}, {port}, {python}.

All cases run once, two at a time, in a session fixture; each test then checks one case.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from wcograph.assets import DATA_DIR, DIST_DIR, PROJECT_DIR
from wcograph.records.sources import sources_dir

HOSTILE = Path(__file__).parent / "hostile"
CASES = sorted(path.name for path in HOSTILE.iterdir() if (path / "case.yaml").is_file())
MEMORY_LIMIT = 3 * 1024**3
CPU_SECONDS = 60
FILE_SIZE_LIMIT = 256 * 1024**2
WALL_SECONDS = 120
SECRET = "SECRET-OUTSIDE-THE-PROJECT"
"""Written in the sentinel files: if it shows in an output, a file outside was read."""


class Listener:
    """A TCP listener on loopback that every URL of the corpus points at: it must see nothing."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections: list[tuple[str, int]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, peer = self.socket.accept()
            except OSError:
                return
            self.connections.append(peer)
            connection.close()

    def close(self) -> None:
        self.socket.close()


@dataclass
class Outcome:
    case: str
    returncode: int | None = None
    output: str = ""
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    outcomes: dict[str, Outcome]
    listener: Listener
    hashes_before: dict[str, dict[str, str]]
    hashes_after: dict[str, dict[str, str]]
    seconds: float


def hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``folder`` (links are not followed)."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def visible_hashes(folder: Path) -> dict[str, str]:
    """As ``hashes``, leaving out hidden files (the temporary files of an interrupted write)."""
    return {name: digest for name, digest in hashes(folder).items() if "/." not in f"/{name}"}


def limits() -> None:
    """Run in the child before the CLI starts: bounded memory, CPU time and file size."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    os.setsid()  # its own process group, so an interrupt reaches only this command


class Case:
    def __init__(self, name: str, scratch: Path, outside: Path, port: int) -> None:
        self.name = name
        self.folder = HOSTILE / name
        self.spec: dict[str, Any] = yaml.safe_load((self.folder / "case.yaml").read_text())
        self.work = scratch / name
        self.places = {
            "data": str(self.work / "data"),
            "work": str(self.work),
            "outside": str(outside),
            "dist": str(DIST_DIR),
            "port": str(port),
            "python": sys.executable,
        }
        self.port = port

    def fill(self, text: str) -> str:
        for key, value in self.places.items():
            text = text.replace("{" + key + "}", value)
        return text

    def fill_bytes(self, content: bytes) -> bytes:
        for key, value in self.places.items():
            content = content.replace(b"{" + key.encode() + b"}", value.encode())
        return content

    def prepare(self) -> None:
        self.work.mkdir(parents=True)
        shutil.copytree(DATA_DIR, self.work / "data")
        for path in sorted(self.folder.rglob("*")):
            if path.is_file() and path.name != "case.yaml":
                target = self.work / path.relative_to(self.folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(self.fill_bytes(path.read_bytes()))
        (self.work / "file.txt").write_text("a plain file, not a folder\n")
        for step in self.spec.get("make", []):
            self.make(step)

    def make(self, step: dict[str, Any]) -> None:
        ((kind, value),) = step.items()
        if kind == "copy-seeds":
            shutil.copytree(sources_dir(), self.work / "seeds")
            return
        path = Path(self.fill(value["file"] if isinstance(value, dict) else value))
        if kind == "replace":
            text = path.read_text(encoding="utf-8")
            old = value["old"]
            assert text.count(old) == 1, f"{self.name}: {old!r} is not once in {path}"
            path.write_text(text.replace(old, self.fill(value["new"])), encoding="utf-8")
        elif kind == "write":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_content(value, self.fill))
        elif kind == "prepend":
            path.write_bytes(_content(value, self.fill) + path.read_bytes())
        elif kind == "append":
            with path.open("ab") as stream:
                stream.write(_content(value, self.fill))
        elif kind == "sparse":
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as stream:
                stream.truncate(value["size"])
        elif kind == "link":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            path.symlink_to(self.fill(value["to"]))
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "remove":
            path.unlink()
        else:
            raise AssertionError(f"{self.name}: unknown make step {kind!r}")

    def command(self, args: list[str]) -> list[str]:
        return [sys.executable, "-m", "wcograph.cli", *(self.fill(str(arg)) for arg in args)]

    def env(self) -> dict[str, str]:
        # A fixed build date (as reproducible builds set it): a build that finishes before its
        # interrupt rewrites dist/ with the same bytes, so "unchanged" still holds.
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "SOURCE_DATE_EPOCH": "1764892800"}
        env.update({key: self.fill(value) for key, value in self.spec.get("env", {}).items()})
        return env

    def start(self, args: list[str]) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(args),
            cwd=self.work,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            preexec_fn=limits,
        )

    def run(self) -> Outcome:
        outcome = Outcome(self.name)
        began = time.monotonic()
        try:
            self.prepare()
        except AssertionError as stale:  # one stale case fails alone, not the whole corpus
            outcome.failures.append(str(stale))
            return outcome
        if "before" in self.spec:
            first = self.start(self.spec["before"])
            output, _ = first.communicate(timeout=WALL_SECONDS)
            if first.returncode != 0:
                outcome.failures.append(f"'before' failed ({first.returncode}): {output[-500:]}")
        watched = Path(self.fill(self.spec["unchanged"])) if "unchanged" in self.spec else None
        before = visible_hashes(watched) if watched else {}
        processes = [self.start(self.spec["args"]) for _ in range(self.spec.get("concurrent", 1))]
        if "interrupt" in self.spec:
            delay, signal_name = self.spec["interrupt"]
            time.sleep(delay)
            for process in processes:
                if process.poll() is None:
                    os.killpg(process.pid, getattr(signal, signal_name))
        outputs, codes = [], []
        for process in processes:
            try:
                output, _ = process.communicate(timeout=WALL_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                output, _ = process.communicate()
                outcome.failures.append(f"still running after {WALL_SECONDS} s")
            outputs.append(output)
            codes.append(process.returncode)
        outcome.output = "\n".join(outputs)
        outcome.returncode = codes[0]
        if len(set(codes)) > 1:
            outcome.failures.append(f"concurrent runs exited differently: {codes}")
        if watched and visible_hashes(watched) != before:
            outcome.failures.append(f"{watched} changed")
        outcome.seconds = time.monotonic() - began
        return outcome


def _content(value: Any, fill: Any) -> bytes:
    """``text`` (filled in), ``hex`` (raw bytes) or ``latin-1``/``utf-16`` text, ``times`` over."""
    if "hex" in value:
        chunk = bytes.fromhex(value["hex"])
    elif "encoding" in value:
        chunk = value["text"].encode(value["encoding"])
    else:
        chunk = fill(value["text"]).encode("utf-8")
    if "lines" in value:  # one line per n, with {n} in the text
        return b"".join(chunk.replace(b"{n}", str(n).encode()) for n in range(value["lines"]))
    return chunk * value.get("times", 1)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    scratch = tmp_path_factory.mktemp("hostile")
    outside = tmp_path_factory.mktemp("outside-the-project")
    (outside / "sentinel.txt").write_text(f"{SECRET}\n")
    (outside / "secret.yaml").write_text(f"id: secret\nlabel: {SECRET}\n")
    listener = Listener()
    watched = {"dist/": DIST_DIR, "outside/": outside}
    before = {name: hashes(folder) for name, folder in watched.items()}
    began = time.monotonic()
    cases = [Case(name, scratch, outside, listener.port) for name in CASES]
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = dict(zip(CASES, pool.map(Case.run, cases), strict=True))
    seconds = time.monotonic() - began
    after = {name: hashes(folder) for name, folder in watched.items()}
    yield Corpus(outcomes, listener, before, after, seconds)
    listener.close()


@pytest.mark.parametrize("name", CASES)
def test_hostile_case(corpus: Corpus, name: str) -> None:
    spec = yaml.safe_load((HOSTILE / name / "case.yaml").read_text())
    outcome = corpus.outcomes[name]
    output = outcome.output
    assert not outcome.failures, outcome.failures
    assert "Traceback" not in output, output[-3000:]
    assert outcome.returncode in allowed_exits(spec), output[-3000:]
    assert spec["message"] in output, output[-3000:]
    if "not_in_output" in spec:
        assert spec["not_in_output"] not in output
    assert SECRET not in output, "a file outside the project was read and printed"
    if "max_output_lines" in spec:
        assert output.count("\n") <= spec["max_output_lines"]


def allowed_exits(spec: dict[str, Any]) -> list[int]:
    """The documented exit code; an interrupted case may also have finished first (0), and a
    killed process has no exit code of its own (-9)."""
    return spec["exit"] if isinstance(spec["exit"], list) else [spec["exit"]]


def test_every_case_declares_what_it_breaks_and_a_documented_exit_code() -> None:
    for name in CASES:
        spec = yaml.safe_load((HOSTILE / name / "case.yaml").read_text())
        assert spec["about"], name
        assert spec["message"] or "interrupt" in spec, name
        killed = ["-9"] if spec.get("interrupt", [0, ""])[1] == "SIGKILL" else []
        assert {str(code) for code in allowed_exits(spec)} <= {"0", "1", "2", *killed}, name


def test_the_listener_records_a_connection() -> None:
    """The network check can fail: a connection to the listener is seen."""
    listener = Listener()
    with socket.create_connection(("127.0.0.1", listener.port)):
        pass
    deadline = time.monotonic() + 5
    while not listener.connections and time.monotonic() < deadline:
        time.sleep(0.01)
    listener.close()
    assert listener.connections


def test_the_corpus_has_at_least_60_cases_and_the_readme_counts_them() -> None:
    assert len(CASES) >= 60
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    assert f"{len(CASES)} hostile cases" in readme


def test_nothing_outside_the_scratch_folders_changed(corpus: Corpus) -> None:
    assert corpus.hashes_after == corpus.hashes_before


def test_no_case_opened_a_network_connection(corpus: Corpus) -> None:
    assert corpus.listener.connections == []


# A Ctrl-C that lands as click exits, after the command has ended: what the interrupt case above
# hits when the build finishes just before the signal (CI saw the process end by SIGINT, -2).
CTRL_C_AS_CLICK_EXITS = """
import sys
import wcograph.cli as cli
command = cli.main
def main() -> None:
    try:
        command(["--help"])
    except SystemExit:
        raise KeyboardInterrupt from None
cli.main = main
getattr(cli, sys.argv[1])()
"""


@pytest.mark.parametrize(("entry", "ends"), [("run", 1), ("main", -signal.SIGINT)])
def test_a_ctrl_c_as_a_command_ends_is_a_clean_exit(entry: str, ends: int) -> None:
    """The script (``run``) ends with "Aborted!" and exit code 1, as click does for a Ctrl-C
    during a command; bare ``main`` shows what it guards against."""
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_AS_CLICK_EXITS, entry],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == ends, done.stderr
    assert "Traceback" not in done.stderr or entry == "main"
    if entry == "run":
        assert done.stderr.strip().endswith("Aborted!")
