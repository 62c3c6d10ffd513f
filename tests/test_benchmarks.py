"""The benchmarks' correctness, not their timings: the scaled graph is the real one grown, and
wcograph's engines give the reference engines' answers on the seed data.

No timing is asserted here; ``python -m benchmarks.run`` measures them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from pyoxigraph import Quad

from benchmarks.scale import (
    ScaledGraph,
    add_synthetic_copies,
    citation_counts,
    class_counts,
    inject_errors,
    scale_graph,
)
from benchmarks.worker import (
    bare_rows,
    group_concat_columns,
    oxigraph_row,
    pyshacl_keys,
    rdflib_row,
)
from wcograph.assets import PROJECT_DIR
from wcograph.namespaces import PREFIXES, WCO
from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import bound_example
from wcograph.query.library import query_library
from wcograph.query.run import select
from wcograph.triples.store import GraphStore
from wcograph.triples.timeline import is_derived
from wcograph.validate.run import validate_store

SYNTHETIC = re.compile(r"-syn\d+")

# Queries rdflib's SPARQL engine cannot evaluate, with its error. The test asserts that rdflib
# still fails on them, so the list cannot go stale: when rdflib is fixed, they are compared too.
RDFLIB_CANNOT_RUN: dict[str, str] = {}


@pytest.fixture(scope="module")
def doubled(built: BuiltGraph) -> ScaledGraph:
    return scale_graph(built.loaded, 2)


def _objects(quads: list[Quad], predicate: str) -> set[tuple[str, str]]:
    return {
        (q.subject.value, q.object.value) for q in quads if q.predicate.value == WCO + predicate
    }


def test_scaled_graph_keeps_the_real_classes_and_reporting_tree(
    built: BuiltGraph, doubled: ScaledGraph
) -> None:
    real = built.all_quads
    assert set(class_counts(doubled.quads)) == set(class_counts(real))
    assert _objects(doubled.quads, "reportsTo") == _objects(real, "reportsTo")
    assert _objects(doubled.quads, "reportsUpTo") == _objects(real, "reportsUpTo")
    # What timeline.py derives depends on all the data (a synthetic later meeting of a body is
    # new evidence that changes a line's caveat), so the curated statements are compared.
    curated = {quad for quad in built.data_quads if not is_derived(quad)}
    assert curated <= set(doubled.quads), "the real data is kept whole"


def test_scaled_graph_has_about_twice_the_triples_and_a_copy_of_the_decisions_per_copy(
    built: BuiltGraph, doubled: ScaledGraph
) -> None:
    real_decisions = class_counts(built.all_quads)["Decision"]
    assert doubled.copies >= 1
    assert class_counts(doubled.quads)["Decision"] == real_decisions * (1 + doubled.copies)
    assert 1.7 <= len(set(doubled.quads)) / len(set(built.all_quads)) <= 2.3


def test_synthetic_meetings_are_of_real_bodies_and_cite_existing_paragraphs(
    built: BuiltGraph, doubled: ScaledGraph
) -> None:
    real_subjects = {q.subject.value for q in built.all_quads}
    meeting_bodies = {
        q.object.value for q in doubled.quads if q.predicate.value == WCO + "meetingOf"
    }
    assert meeting_bodies <= real_subjects
    store = GraphStore.from_quads(doubled.quads)
    beyond = store.select(
        "SELECT ?p WHERE { ?p wco:paragraph ?n ; wco:inDocument ?d . ?d wco:paragraphCount ?c "
        "FILTER(?n > ?c) }"
    )
    assert list(beyond) == []


def test_generator_is_deterministic(built: BuiltGraph) -> None:
    first = add_synthetic_copies(built.loaded, 1, seed=3).curated.meeting_files[-1]
    again = add_synthetic_copies(built.loaded, 1, seed=3).curated.meeting_files[-1]
    assert first == again


def test_scaled_graph_conforms_as_the_real_graph_does(
    built: BuiltGraph, doubled: ScaledGraph
) -> None:
    """Every violation in the scaled graph is a copy of one the real graph has (none while the
    real data conforms)."""
    real = {(f.shape, f.focus) for f in validate_store(built.store).violations}
    scaled = validate_store(GraphStore.from_quads(doubled.quads)).violations
    assert {(f.shape, SYNTHETIC.sub("", f.focus)) for f in scaled} <= real


def test_injected_errors_are_each_found_by_the_fast_validator(built: BuiltGraph) -> None:
    # the graph as `wcograph sources verify` validates it: with the texts' paragraph counts
    broken, injected = inject_errors(built.all_quads + citation_counts(built.loaded))
    findings = validate_store(GraphStore.from_quads(broken)).violations
    found = {(f.focus, f.shape.rsplit("#", 1)[-1]) for f in findings}
    for error in injected:
        assert (f"<{error.focus}>", error.rule.removeprefix("wcosh:")) in found, error.name


def _rdflib_graph(quads: list[Quad]) -> Any:
    from wcograph.validate.reference_shacl import rdflib_graph_of

    return rdflib_graph_of(q.triple for q in quads)


def _rdflib_bindings(bindings: dict[str, Any]) -> dict[str, Any]:
    import rdflib
    from pyoxigraph import NamedNode

    converted = {}
    for name, term in bindings.items():
        if isinstance(term, NamedNode):
            converted[name] = rdflib.URIRef(term.value)
        elif term.language:
            converted[name] = rdflib.Literal(term.value, lang=term.language)
        else:
            converted[name] = rdflib.Literal(
                term.value, datatype=rdflib.URIRef(term.datatype.value)
            )
    return converted


@pytest.mark.slow
def test_every_query_gives_rdflibs_answer_on_the_seed_data(built: BuiltGraph) -> None:
    graph = _rdflib_graph(built.all_quads)
    compared = 0
    for name, query in sorted(query_library().items()):
        target, bindings = bound_example(built.store, query)
        solutions = built.store.select(target.text, bindings)
        variables = [v.value for v in solutions.variables]
        concat = group_concat_columns(target.text)
        ours = Counter(oxigraph_row(s, variables, concat) for s in solutions)
        if name in RDFLIB_CANNOT_RUN:
            with pytest.raises(Exception) as failure:
                graph.query(target.text, initNs=PREFIXES, initBindings=_rdflib_bindings(bindings))
            assert type(failure.value).__name__ == RDFLIB_CANNOT_RUN[name], name
            continue
        result = graph.query(target.text, initNs=PREFIXES, initBindings=_rdflib_bindings(bindings))
        theirs = Counter(rdflib_row(row, variables, concat) for row in result)
        assert sorted(str(v) for v in result.vars or []) == sorted(variables), name
        assert ours == theirs, name
        compared += 1
    assert compared >= len(query_library()) - len(RDFLIB_CANNOT_RUN)


def test_the_query_floor_is_the_same_answer_on_bare_pyoxigraph(built: BuiltGraph) -> None:
    """The benchmark's floor times bare pyoxigraph doing a query's whole work: it returns the
    rows wcograph's select returns (as multisets: a query without a total order may list them
    in another order from one run to the next)."""
    for name, query in sorted(query_library().items()):
        target, bindings = bound_example(built.store, query)
        answer = select(built.store, target.text, bindings)
        ours = Counter(tuple(row[v] for v in answer.variables) for row in answer.rows)
        assert Counter(bare_rows(built.store.store, target.text, bindings)) == ours, name


@pytest.mark.slow
def test_fast_validator_finds_what_pyshacl_finds_on_the_seed_data_with_errors(
    built: BuiltGraph,
) -> None:
    from wcograph.validate.reference_shacl import run_pyshacl, shapes_graph

    # the graph as `wcograph sources verify` validates it: with the texts' paragraph counts
    broken, injected = inject_errors(built.all_quads + citation_counts(built.loaded))
    ours = Counter(
        f.key for f in validate_store(GraphStore.from_quads(broken)).findings if not f.is_check
    )
    results = run_pyshacl(_rdflib_graph(broken), shapes_graph())
    theirs = Counter(pyshacl_keys(results))
    assert ours == theirs
    assert len(ours) >= len(injected)


def test_the_readme_quotes_the_latest_published_run_and_it_met_every_target() -> None:
    """The Performance section's figures come from a real run kept in benchmarks/published."""
    latest = max((PROJECT_DIR / "benchmarks" / "published").glob("*.json"))
    report = json.loads(latest.read_text())
    assert report["verdicts"] and all(v["pass"] for v in report["verdicts"]), report["verdicts"]
    readme = (PROJECT_DIR / "README.md").read_text()
    assert f"Latest run, {latest.stem}" in readme
    assert f"benchmarks/published/{latest.stem}.json" in readme
    counts = [len(scale["queries"]["queries"]) for scale in report["scales"].values()]
    assert " | ".join(f"{n} of {n}" for n in counts) in readme
