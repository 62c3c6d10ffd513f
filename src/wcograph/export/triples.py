"""A view in the RDF formats (Turtle, N-Triples, JSON-LD): the triples the view carries
(view.view_quads, which says what they are)."""

from __future__ import annotations

import networkx as nx

from wcograph.errors import Problem, WcographError
from wcograph.triples.serialize import serialize_rdf
from wcograph.view import TRIPLES


def rdf_exporter(fmt: str):  # type: ignore[no-untyped-def]
    def export(graph: nx.MultiDiGraph) -> bytes:
        described = graph.graph.get(TRIPLES)
        if described is None:
            raise WcographError(
                Problem("this view carries no triples", hint="make it with view.graph_view")
            )
        return serialize_rdf(described(graph), fmt)

    export.__doc__ = f"The view's triples as {fmt} (export/rdf.py)."
    return export
