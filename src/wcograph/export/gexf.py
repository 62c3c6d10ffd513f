"""GEXF 1.2, Gephi's own format, with the graph's time in it: Gephi's timeline shows the
structure on a day the way ``--as-of`` does."""

from __future__ import annotations

import io
import re
from typing import Any

import networkx as nx

from wcograph.export.cytoscape import edge_id
from wcograph.export.layout import layout_hints
from wcograph.export.style import NODE_COLOURS
from wcograph.view import flattened

TIMING = ("start", "end")
"""GEXF's own spell attributes; the graph's attributes of these names are renamed."""


def export_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF with node and edge attributes declared, the entity's label as node label, stable edge
    ids (``source|key|target``, as in the Cytoscape export), and spells: a body from its
    establishment to its end, a meeting or decision from its day on, a reporting line over its
    validity. Each node has the layout hints of export/layout.py (``level``, ``parent``,
    ``group``, ``period``) as attributes and its position and colour as GEXF's viz data, so
    Gephi opens the hierarchy laid out."""
    flat = flattened(graph)
    hints = layout_hints(graph)
    for node, data in flat.nodes(data=True):
        _rename_timing(data)
        x, y = hints[node].pop("x"), hints[node].pop("y")
        data.update(hints[node])
        data["viz"] = {
            "position": {"x": x, "y": y, "z": 0.0},
            "color": _rgb(NODE_COLOURS[data["kind"]]),
            "size": 10.0 if data["kind"] == "body" else 6.0,
        }
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


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}
