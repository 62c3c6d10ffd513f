"""Graphviz DOT: ``dot -Tsvg graph.dot > graph.svg``. Superiors are drawn above the bodies that
report to them; ended reporting lines are dashed; one arrow stands for all the sourced lines of
the same kind between two nodes."""

from __future__ import annotations

import networkx as nx

from wcograph.export.style import BORDER_COLOURS, NODE_COLOURS, display_label, drawn_edges
from wcograph.store import GraphStore

SHAPES = {
    "body": "box",
    "organisation": "box3d",
    "instrument": "note",
    "meeting": "ellipse",
    "decision": "box",
    "task": "folder",
    "person": "oval",
}
EDGE_STYLES = {
    "reportsTo": 'color="#2f6ea5", penwidth=1.6',
    "responsibleFor": 'color="#b58a00", style=dotted, arrowhead=none',
    "successor": 'color="#7a4f9a", style=bold, arrowhead=vee',
}
DEFAULT_EDGE_STYLE = 'color="#9a9a9a", fontcolor="#6b6b6b"'


def quote(value: object) -> str:
    """A DOT quoted string: backslashes and double quotes escaped, line breaks as ``\\n``."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\n").replace("\n", "\\n") + '"'


def export_dot(graph: nx.MultiDiGraph, store: GraphStore) -> bytes:
    lines = [
        "digraph wcograph {",
        "  rankdir=BT;",
        '  graph [fontname="Helvetica", ranksep=0.6, nodesep=0.25];',
        '  node [fontname="Helvetica", fontsize=10, style="filled,rounded"];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for node, data in sorted(graph.nodes(data=True)):
        kind = data["kind"]
        lines.append(
            f"  {quote(node)} [label={quote(display_label(data))}, shape={SHAPES[kind]}, "
            f"fillcolor={quote(NODE_COLOURS[kind])}, color={quote(BORDER_COLOURS[kind])}];"
        )
    for source, target, kind, until in drawn_edges(graph):
        style = EDGE_STYLES.get(kind, DEFAULT_EDGE_STYLE)
        label = kind if kind not in EDGE_STYLES else ""
        if until is not None:
            style += ", style=dashed"
            label = f"until {until}"
        lines.append(f"  {quote(source)} -> {quote(target)} [{style}, label={quote(label)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode()
