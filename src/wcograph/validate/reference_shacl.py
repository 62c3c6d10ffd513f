"""The reference SHACL engines: plain pyshacl (no inference) and pyrudof (rudof, in Rust).

Both read the data graph as it was parsed (``GraphStore.triples``: the store normalises typed
literals, which would hide ill-typed ones from them too) and the shapes files as they are, so a
shape the fast engine refuses still runs here. Their results are mapped onto Findings, every path
kind included. rdflib, pyshacl and pyrudof are imported only when an engine is asked for, so
``wcograph build`` does not pay for them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pyoxigraph import RdfFormat, Triple, serialize

from wcograph.assets import SHAPES_DIR
from wcograph.inputs import read_rdf_triples
from wcograph.namespaces import RDF, SH
from wcograph.triples.store import GraphStore
from wcograph.validate.findings import Finding, literal_text
from wcograph.validate.shacl_shapes import PATH_KINDS, PropertyPath, shape_files


def rdflib_graph_of(triples: Iterable[Triple]) -> Any:
    """Triples in an rdflib Graph (default in-memory store), handed over as N-Triples."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    return graph


def rdflib_graph(store: GraphStore) -> Any:
    """The store's triples, as parsed, in an rdflib Graph."""
    return rdflib_graph_of(store.triples())


def shape_triples(shapes: Path = SHAPES_DIR) -> list[Triple]:
    """The shapes file, or every shapes file of a folder, read by wcograph.inputs (relative IRIs
    against each file)."""
    return [triple for path in shape_files(shapes) for triple in read_rdf_triples(path)]


def shapes_graph(shapes: Path = SHAPES_DIR) -> Any:
    """The shapes as an rdflib Graph, for pyshacl."""
    return rdflib_graph_of(shape_triples(shapes))


def run_pyshacl(data: Any, shapes: Any) -> Any:
    """The one call of pyshacl (plain SHACL, no inference, every result): its report graph."""
    import pyshacl

    logging.getLogger("rdflib.term").setLevel(
        logging.ERROR
    )  # ill-typed literals are findings, not logs
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=False,
    )
    return results


def rdflib_term_text(term: Any) -> str:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    datatype = str(term.datatype) if term.datatype is not None else None
    return literal_text(str(term), datatype, term.language)


def rdflib_path(graph: Any, node: Any) -> PropertyPath:
    """A SHACL path in an rdflib graph (a report's sh:resultPath) as a Path, every kind."""
    import rdflib
    from rdflib.collection import Collection

    if isinstance(node, rdflib.URIRef):
        return PropertyPath("predicate", iri=str(node))
    for kind in PATH_KINDS:
        inner = graph.value(node, rdflib.URIRef(SH + kind))
        if inner is None:
            continue
        if kind == "alternativePath":
            steps = tuple(rdflib_path(graph, step) for step in Collection(graph, inner))
            return PropertyPath(kind, steps=steps)
        return PropertyPath(kind, steps=(rdflib_path(graph, inner),))
    if graph.value(node, rdflib.URIRef(RDF + "first")) is not None:
        steps = tuple(rdflib_path(graph, step) for step in Collection(graph, node))
        return PropertyPath("sequence", steps=steps)
    raise ValueError(f"not a SHACL path: {node}")


def result_path_text(graph: Any, node: Any) -> str:
    """A SHACL result path as text (<iri>, ^<iri>, a/b, (a|b)*), as the fast engine writes it."""
    return rdflib_path(graph, node).sparql


def validate_pyshacl(store: GraphStore, shapes: Path = SHAPES_DIR) -> tuple[list[Finding], int]:
    """pyshacl's findings on the store's graph; the count is of constraint components run."""
    return report_findings(run_pyshacl(rdflib_graph(store), shapes_graph(shapes))), 0


def validate_pyrudof(store: GraphStore, shapes: Path = SHAPES_DIR) -> tuple[list[Finding], int]:
    """pyrudof's findings on the store's graph, read from its report in N-Triples."""
    import pyrudof
    import rdflib

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    data = serialize(store.triples(), format=RdfFormat.N_TRIPLES)
    rudof.read_data((data or b"").decode(), format=pyrudof.RDFFormat.NTriples)
    shapes_text = (serialize(shape_triples(shapes), format=RdfFormat.N_TRIPLES) or b"").decode()
    rudof.read_shacl(shapes_text, format=pyrudof.ShaclFormat.NTriples)
    if rudof.validate_shacl().conforms:
        return [], 0
    report = rudof.serialize_shacl_validation_results(
        format=pyrudof.ResultShaclValidationFormat.NTriples
    )
    return report_findings(rdflib.Graph().parse(data=report, format="nt")), 0


def report_findings(results: Any) -> list[Finding]:
    """The results of a SHACL validation report (an rdflib graph) as Findings."""
    import rdflib

    sh = rdflib.Namespace(SH)
    findings = []
    # the report's own results: those under sh:detail (of sh:node and the like) are not findings
    for result in results.objects(None, sh.result):
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        message = results.value(result, sh.resultMessage)
        shape = results.value(result, sh.sourceShape)
        findings.append(
            Finding(
                severity=str(results.value(result, sh.resultSeverity)).removeprefix(SH),
                shape=f"_:{shape}" if isinstance(shape, rdflib.BNode) else str(shape),
                component=str(results.value(result, sh.sourceConstraintComponent)),
                focus=rdflib_term_text(results.value(result, sh.focusNode)),
                path=None if path is None else result_path_text(results, path),
                value=None if value is None else rdflib_term_text(value),
                message=str(message) if message is not None else "",
            )
        )
    return findings
