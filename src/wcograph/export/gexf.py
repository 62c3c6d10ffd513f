"""GEXF 1.2, Gephi's own format, with the graph's time in it: Gephi's timeline shows the
structure on a day the way ``--as-of`` does."""

from __future__ import annotations

import io
import re
from typing import Any

import networkx as nx

from wcograph.export.cytoscape import edge_id
from wcograph.export.network import flattened
from wcograph.store import GraphStore

TIMING = ("start", "end")
"""GEXF's own spell attributes; the graph's attributes of these names are renamed."""


def export_gexf(graph: nx.MultiDiGraph, store: GraphStore) -> bytes:
    """GEXF with node and edge attributes declared, the entity's label as node label, stable edge
    ids (``source|key|target``, as in the Cytoscape export), and spells: a body from its
    establishment to its end, a meeting or decision from its day on, a reporting line over its
    validity."""
    flat = flattened(graph)
    for _, data in flat.nodes(data=True):
        _rename_timing(data)
        _spell(
            data,
            data.get("established") or data.get("startDate") or data.get("date"),
            data.get("ended"),
        )
    for source, target, key, data in flat.edges(keys=True, data=True):
        _rename_timing(data)
        data["id"] = edge_id(source, target, key)
        _spell(data, data.get("validFrom"), data.get("validUntil"))
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    # networkx stamps today's date; without it, the same data gives the same file.
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue(), count=1)


def _rename_timing(data: dict[str, Any]) -> None:
    for name in TIMING:
        if name in data:
            data[f"{name}Date"] = data.pop(name)


def _spell(data: dict[str, Any], start: Any, end: Any) -> None:
    if start:
        data["start"] = start
    if end:
        data["end"] = end
