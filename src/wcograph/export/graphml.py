"""GraphML, for yEd, Gephi, Cytoscape desktop and any networkx or igraph script."""

from __future__ import annotations

import io

import networkx as nx

from wcograph.export.network import flattened
from wcograph.store import GraphStore


def export_graphml(graph: nx.MultiDiGraph, store: GraphStore) -> bytes:
    """GraphML with typed ``<key>`` declarations; list values are joined with ``; ``."""
    buffer = io.BytesIO()
    nx.write_graphml(
        flattened(graph), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True
    )
    return buffer.getvalue()
