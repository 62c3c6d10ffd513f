"""The reference SHACL engine: plain pyshacl (no inference) on an rdflib graph of ontology + data.

Slow on large graphs, but it is the yardstick the fast engine is tested against. rdflib and pyshacl
are imported only when this engine is asked for, so ``wcograph build`` does not pay for them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pyoxigraph import RdfFormat, serialize

from wcograph.assets import SHAPES_DIR
from wcograph.findings import Finding, literal_text
from wcograph.namespaces import RDF, SH
from wcograph.shacl_shapes import shape_files
from wcograph.store import GraphStore


def rdflib_graph(store: GraphStore) -> Any:
    """The store's triples in an rdflib Graph (default in-memory store)."""
    import rdflib

    graph = rdflib.Graph()
    data = serialize((quad.triple for quad in store.quads()), format=RdfFormat.N_TRIPLES)
    graph.parse(data=data, format="nt")
    return graph


def shapes_graph(shapes_dir: Path = SHAPES_DIR) -> Any:
    import rdflib

    graph = rdflib.Graph()
    for path in shape_files(shapes_dir):
        graph.parse(path, format="turtle")
    return graph


def rdflib_term_text(term: Any) -> str:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    datatype = str(term.datatype) if term.datatype is not None else None
    return literal_text(str(term), datatype, term.language)


def result_path_text(graph: Any, node: Any) -> str:
    """A SHACL result path as text (<iri>, ^<iri>, a/b), the way the fast engine writes it."""
    import rdflib

    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    inverse = graph.value(node, rdflib.URIRef(SH + "inversePath"))
    if inverse is not None:
        return f"^<{inverse}>"
    if graph.value(node, rdflib.URIRef(RDF + "first")) is not None:
        return "/".join(
            result_path_text(graph, step) for step in rdflib.collection.Collection(graph, node)
        )
    raise ValueError(f"unsupported result path {node}")


def validate_pyshacl(store: GraphStore, shapes_dir: Path = SHAPES_DIR) -> tuple[list[Finding], int]:
    """pyshacl's findings on the store's graph; the count is of constraint components run."""
    import pyshacl
    import rdflib

    logging.getLogger("rdflib.term").setLevel(
        logging.ERROR
    )  # ill-typed literals are findings, not logs
    sh = rdflib.Namespace(SH)
    _, results, _ = pyshacl.validate(
        rdflib_graph(store),
        shacl_graph=shapes_graph(shapes_dir),
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=False,
    )
    findings = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        message = results.value(result, sh.resultMessage)
        findings.append(
            Finding(
                severity=str(results.value(result, sh.resultSeverity)).removeprefix(SH),
                shape=str(results.value(result, sh.sourceShape)),
                component=str(results.value(result, sh.sourceConstraintComponent)),
                focus=rdflib_term_text(results.value(result, sh.focusNode)),
                path=None if path is None else result_path_text(results, path),
                value=None if value is None else rdflib_term_text(value),
                message=str(message) if message is not None else "",
            )
        )
    return findings, 0
