"""The W3C SHACL Core test suite, run through `wcograph validate --shapes` for every engine.

The fast engine gives no wrong answer: it passes or it refuses (exit 2, naming the feature).
pyshacl's and pyrudof's outcomes are pinned too, and shapes/README.md quotes the measured counts.
"""

from __future__ import annotations

from collections import Counter

import pytest

from wcograph.assets import SHAPES_DIR

from .w3c_suite import Outcome, W3CTest, manifest_tests, run_test

ENGINES = ("fast", "pyshacl", "pyrudof")
TESTS = {test.name: test for test in manifest_tests()}
FAST_REFUSES = {
    "path/path-strange-001": "is sh:inversePath and a list",
    "path/path-strange-002": "is sh:inversePath and a list",
}
"""A path node that is both a list and an inverse path is ill-formed SHACL; the suite expects
engines to read the list. The fast engine refuses instead of guessing."""
PYSHACL_WRONG = {"property/uniqueLang-002"}
"""pyshacl 0.40 takes sh:uniqueLang "1"^^xsd:boolean as true; SHACL means true only."""


@pytest.fixture(scope="module")
def outcomes() -> dict[tuple[str, str], Outcome]:
    return {
        (engine, name): run_test(test, engine) for engine in ENGINES for name, test in TESTS.items()
    }


def test_the_suite_is_the_98_core_tests() -> None:
    assert len(TESTS) == 98
    assert {name.split("/")[0] for name in TESTS} == {
        "complex",
        "misc",
        "node",
        "path",
        "property",
        "targets",
        "validation-reports",
    }


@pytest.mark.parametrize("name", sorted(TESTS))
def test_the_fast_engine_passes_or_refuses(name: str, outcomes: dict) -> None:
    outcome = outcomes["fast", name]
    if name in FAST_REFUSES:
        assert outcome.verdict == "refuse", outcome.detail
        assert "the fast engine cannot run these shapes" in outcome.detail
        assert FAST_REFUSES[name] in outcome.detail
    else:
        assert outcome.verdict == "pass", outcome.detail


@pytest.mark.parametrize("name", sorted(TESTS))
def test_pyshacl_through_the_same_command(name: str, outcomes: dict) -> None:
    outcome = outcomes["pyshacl", name]
    assert outcome.verdict == ("wrong" if name in PYSHACL_WRONG else "pass"), outcome.detail


@pytest.mark.parametrize("name", sorted(TESTS))
def test_pyrudof_through_the_same_command(name: str, outcomes: dict) -> None:
    outcome = outcomes["pyrudof", name]
    assert outcome.verdict == "pass", outcome.detail


def suite_line(outcomes: dict[tuple[str, str], Outcome]) -> str:
    parts = []
    for engine in ENGINES:
        counts = Counter(outcomes[engine, name].verdict for name in TESTS)
        parts.append(
            f"{engine} {counts['pass']} pass, {counts['refuse']} refused, {counts['wrong']} wrong"
        )
    return f"W3C SHACL Core suite ({len(TESTS)} tests): " + "; ".join(parts)


def test_the_shapes_readme_quotes_the_measured_counts(outcomes: dict) -> None:
    readme = (SHAPES_DIR / "README.md").read_text(encoding="utf-8")
    assert suite_line(outcomes) in readme


def test_the_suite_is_vendored_with_its_licence_and_origin() -> None:
    folder = next(iter(TESTS.values())).data.parents[2]
    assert "W3C SOFTWARE AND DOCUMENT NOTICE AND LICENSE" in (folder / "LICENSE-W3C.txt").read_text(
        encoding="utf-8"
    )
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "pyshacl-0.40.1.tar.gz" in readme and "test/resources/sht_tests/core" in readme


def test_every_test_names_existing_files() -> None:
    test: W3CTest
    for test in TESTS.values():
        assert test.data.is_file() and test.shapes.is_file(), test.name
