"""Shared fixtures: the real graph, built once per test session from data/ and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from wcograph.assets import DATA_DIR
from wcograph.pipeline import BuiltGraph, compile_graph

FIXTURES = Path(__file__).parent / "fixtures"
MINI_DATA = FIXTURES / "mini"


@pytest.fixture(scope="session")
def built() -> BuiltGraph:
    """The graph built from the real curated data."""
    return compile_graph(DATA_DIR)


@pytest.fixture(scope="session")
def mini() -> BuiltGraph:
    """A small, valid slice of real facts, for tests that break data on purpose."""
    return compile_graph(MINI_DATA)


@pytest.fixture()
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini data set."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(MINI_DATA, target)
    return target


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite the golden answers in tests/golden/ from the current data (then check each "
        "changed one against the source text and record where in its 'checked' field)",
    )


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))
