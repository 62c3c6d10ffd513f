"""Golden answers: every ``# Example:`` of every query in queries/cq, run on the real data.

Each answer is kept in tests/golden/<query>/<example>.json with a ``checked`` note saying which
passages of the sources confirm it. ``pytest --regen-golden`` rewrites the files from the current
data: a file whose rows did not change keeps its note; one whose rows changed gets an
``UNCHECKED`` note, and test_golden_answers_are_checked fails until someone has read the sources
and written down where the new answer comes from.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from wcograph.assets import QUERIES_DIR
from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import answer, parse_example
from wcograph.query.library import listed_queries, named_query

GOLDEN = Path(__file__).parent / "golden"
UNCHECKED = "UNCHECKED"


def golden_name(example: str) -> str:
    """The file name for an example: ``--param body=PTC --as-of 2018-04-25`` ->
    ``body=PTC_as-of=2018-04-25``."""
    request = parse_example(example)
    parts = [f"{key}={value}" for key, value in request.params.items()]
    if request.as_of:
        parts.append(f"as-of={request.as_of.isoformat()}")
    if request.with_sources:
        parts.append("with-sources")
    return re.sub(r"[^A-Za-z0-9=._-]+", "-", "_".join(parts) or "default")


def golden_path(query: str, example: str) -> Path:
    return GOLDEN / query / f"{golden_name(example)}.json"


EXAMPLES = [
    (query.name, example) for query in listed_queries() for example in query.header.examples
]


def current_answer(built: BuiltGraph, example: str) -> dict[str, Any]:
    request = parse_example(example)
    result = answer(
        built.store,
        named_query(request.name),
        request.params,
        as_of=request.as_of,
        with_sources=request.with_sources,
    )
    return {
        "columns": result.variables,
        "rows": [list(row.values()) for row in result.values()],
    }


def dump(document: dict[str, Any]) -> str:
    """JSON with one row per line, so that a changed answer reads as a small diff."""
    head = {key: value for key, value in document.items() if key != "rows"}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in document["rows"])
    return text + ',\n "rows": [\n' + rows + ("\n" if rows else "") + " ]\n}\n"


@pytest.mark.parametrize(
    ("query", "example"), EXAMPLES, ids=[f"{q}:{golden_name(e)}" for q, e in EXAMPLES]
)
def test_golden_answer(built: BuiltGraph, regen_golden: bool, query: str, example: str) -> None:
    path = golden_path(query, example)
    current = current_answer(built, example)
    if regen_golden:
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        if old and old["columns"] == current["columns"] and old["rows"] == current["rows"]:
            checked = old["checked"]
        else:
            previous = f" Before: {old['checked']}" if old else ""
            checked = f"{UNCHECKED}: new answer; check it against the sources.{previous}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump({"example": example, "checked": checked, **current}), encoding="utf-8")
        return
    assert path.exists(), (
        f"no golden answer for {example!r}: run pytest --regen-golden and check it"
    )
    golden = json.loads(path.read_text(encoding="utf-8"))
    assert golden["example"] == example
    assert current["columns"] == golden["columns"]
    assert current["rows"] == golden["rows"], (
        f"{example} answers differently from {path.relative_to(GOLDEN.parent)}; if the data "
        "changed on purpose, run pytest --regen-golden and check the new answer against the sources"
    )


def test_every_query_has_golden_answers() -> None:
    """A query in queries/cq with no example, or an example with no golden file, fails here; so
    does a golden file that no example asks for any more."""
    names = {
        path.relative_to(QUERIES_DIR).with_suffix("").as_posix()
        for path in (QUERIES_DIR / "cq").rglob("*.rq")
    }
    listed = {query.name for query in listed_queries()}
    assert names == listed
    without = sorted(query.name for query in listed_queries() if not query.header.examples)
    assert not without, f"queries with no '# Example:' (so no golden test): {without}"
    expected = {golden_path(query, example) for query, example in EXAMPLES}
    missing = sorted(str(path.relative_to(GOLDEN)) for path in expected if not path.exists())
    assert not missing, f"examples with no golden answer (pytest --regen-golden): {missing}"
    orphans = sorted(
        str(path.relative_to(GOLDEN)) for path in GOLDEN.rglob("*.json") if path not in expected
    )
    assert not orphans, f"golden answers no example asks for: {orphans}"


def test_golden_answers_are_checked() -> None:
    """Every golden answer says where in the sources it was checked."""
    unchecked = []
    for path in sorted(GOLDEN.rglob("*.json")):
        note = json.loads(path.read_text(encoding="utf-8")).get("checked", "")
        if not note.strip() or note.startswith(UNCHECKED):
            unchecked.append(str(path.relative_to(GOLDEN)))
    assert not unchecked, f"golden answers not checked against the sources: {unchecked}"


def test_examples_cover_as_of_and_sources() -> None:
    """Every query has a --with-sources example, and every query that takes a day (an as-of
    variant or an asOf parameter) has an example with one."""
    for query in listed_queries():
        requests = [parse_example(example) for example in query.header.examples]
        assert any(r.with_sources for r in requests), f"{query.name}: no --with-sources example"
        if query.header.as_of:
            assert any(r.as_of for r in requests), f"{query.name}: no --as-of example"
        if query.header.parameter("asOf") and query.header.parameter("asOf").required:
            assert any("asOf" in r.params for r in requests), f"{query.name}: no asOf example"
