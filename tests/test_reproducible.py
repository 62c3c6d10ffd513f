"""The same data gives the same bytes: every export format and the build, run twice in two
separate processes (blank-node labels, set and dict orders differ between processes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wcograph.assets import DATA_DIR
from wcograph.cli import export_formats


def run_in_two_processes(args: list[str], cwd: Path) -> list[bytes]:
    """Both runs at once, each in its own interpreter; their standard outputs."""
    command = [sys.executable, "-m", "wcograph.cli", *args]
    # build-info.json dates the build; a reproducible build fixes that date (SOURCE_DATE_EPOCH)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764892800"}
    runs = [
        subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
        outputs.append(out)
    return outputs


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/: no last build to reuse, so each process builds the graph itself."""
    target = tmp_path_factory.mktemp("reproducible") / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.parametrize("fmt", export_formats)
def test_an_export_is_byte_identical_between_two_processes(data_copy: Path, fmt: str) -> None:
    first, second = run_in_two_processes(
        ["export", "--format", fmt, "--data", str(data_copy)], data_copy.parent
    )
    assert first, fmt
    assert first == second, fmt


def test_two_builds_write_byte_identical_files(data_copy: Path) -> None:
    work = data_copy.parent
    for name in ("one", "two"):
        run_in_two_processes(["build", "--data", str(data_copy), "--dist", str(work / name)], work)
    files = sorted(path.name for path in (work / "one").iterdir())
    assert "wcograph.ttl" in files
    for name in files:
        assert (work / "one" / name).read_bytes() == (work / "two" / name).read_bytes(), name
