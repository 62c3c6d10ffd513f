"""The export formats by name: each turns a view of the graph (export/network.py) into bytes."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from wcograph.errors import Problem, WcographError
from wcograph.export.cytoscape import export_cytoscape
from wcograph.export.dot import export_dot
from wcograph.export.explorer import export_html
from wcograph.export.gexf import export_gexf
from wcograph.export.graphml import export_graphml
from wcograph.export.mermaid import export_mermaid
from wcograph.export.triples import rdf_exporter

Exporter = Callable[[nx.MultiDiGraph], bytes]
"""An exporter takes a view (view.graph_view) and nothing else."""

EXPORTERS: dict[str, Exporter] = {
    "graphml": export_graphml,
    "gexf": export_gexf,
    "cytoscape": export_cytoscape,
    "dot": export_dot,
    "mermaid": export_mermaid,
    "html": export_html,
    "jsonld": rdf_exporter("jsonld"),
    "nt": rdf_exporter("nt"),
    "ttl": rdf_exporter("ttl"),
}
"""Name -> exporter; the name is also the file extension, except for the three below."""

EXTENSIONS = {"cytoscape": "cyjs", "mermaid": "mmd"}


def export_view(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    if fmt not in EXPORTERS:
        raise WcographError(
            Problem(f"unknown export format {fmt!r}", hint=f"choose from {', '.join(EXPORTERS)}")
        )
    return EXPORTERS[fmt](graph)
