"""Cytoscape.js elements JSON: ``{"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}``,
which ``cytoscape({elements})`` and Cytoscape desktop's "Import network from file" read."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx


def cytoscape_elements(graph: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = [{"data": {**_values(data), "id": node}} for node, data in graph.nodes(data=True)]
    edges = [
        {
            "data": {
                **_values(data),
                "id": edge_id(source, target, key),
                "source": source,
                "target": target,
            }
        }
        for source, target, key, data in graph.edges(keys=True, data=True)
    ]
    return {"elements": {"nodes": nodes, "edges": edges}}


def edge_id(source: str, target: str, key: str) -> str:
    """A stable, unique id: the multigraph key tells two edges between the same nodes apart."""
    return f"{source}|{key}|{target}"


def export_cytoscape(graph: nx.MultiDiGraph) -> bytes:
    document = {"data": dict(graph.graph.get("filters", {})), **cytoscape_elements(graph)}
    return json.dumps(document, indent=1, ensure_ascii=False).encode() + b"\n"


def _values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        name: list(value) if isinstance(value, tuple) else value for name, value in data.items()
    }
