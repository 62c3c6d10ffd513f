"""The triples behind a filtered view, for the RDF formats (Turtle, N-Triples, JSON-LD).

Unfiltered, that is the whole graph (ontology and data, as ``wcograph build`` writes it).
Filtered, it is the description of every entity in the view, of the reporting lines the view
shows and of the source passages they cite; links to entities and reporting lines the filter
left out are cut (links to agenda items, documents and the vocabulary stay).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from pyoxigraph import NamedNode, Quad

from wcograph.namespaces import entity, term
from wcograph.triples.serialize import serialize_rdf
from wcograph.triples.store import GraphStore

SOURCE = term("dcterms", "source")


def view_quads(graph: nx.MultiDiGraph, store: GraphStore) -> list[Quad]:
    if not graph.graph.get("filters"):
        return list(store.quads())
    kept = {entity(node) for node in graph.nodes}
    kept |= {entity(line) for *_, line in graph.edges(data="line") if line}
    everything = {entity(node) for node in graph.graph.get("universe", ())}
    quads = _described(store, kept)
    passages = {
        q.object for q in quads if q.predicate == SOURCE and isinstance(q.object, NamedNode)
    }
    kept |= passages
    quads += _described(store, passages)
    return [
        quad
        for quad in quads
        if not isinstance(quad.object, NamedNode)
        or quad.object in kept
        or quad.object not in everything
    ]


def _described(store: GraphStore, subjects: Iterable[NamedNode]) -> list[Quad]:
    return [
        quad
        for subject in sorted(subjects, key=lambda node: node.value)
        for quad in store.store.quads_for_pattern(subject, None, None, None)
    ]


def rdf_exporter(fmt: str):  # type: ignore[no-untyped-def]
    def export(graph: nx.MultiDiGraph, store: GraphStore) -> bytes:
        return serialize_rdf(view_quads(graph, store), fmt)

    export.__doc__ = f"The view's triples as {fmt} (export/rdf.py)."
    return export
