"""Mermaid flowchart text, for Markdown pages that render Mermaid (GitHub, GitLab, MkDocs).

Ids are sanitised to ``n_`` plus letters, digits and underscores (no clash with keywords such
as ``end``); labels are quoted with Mermaid's entity codes for the characters that would end or
break them. Mermaid renders up to 500 edges by default: export a filtered view for pages.
"""

from __future__ import annotations

import re

import networkx as nx

from wcograph.export.style import BORDER_COLOURS, NODE_COLOURS, display_label, drawn_edges
from wcograph.store import GraphStore

ENTITY_CODES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
}


def mermaid_id(node: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node)


def mermaid_text(value: str) -> str:
    """Text safe inside ``"…"`` and ``|…|``: every special character as an entity code."""
    flat = " ".join(str(value).split())
    return "".join(ENTITY_CODES.get(char, char) for char in flat)


def export_mermaid(graph: nx.MultiDiGraph, store: GraphStore) -> bytes:
    ids = _unique_ids(graph)
    lines = ["flowchart BT"]
    for node, data in sorted(graph.nodes(data=True)):
        lines.append(f'  {ids[node]}["{mermaid_text(display_label(data))}"]:::{data["kind"]}')
    for source, target, kind, until in drawn_edges(graph):
        arrow, label = ("-.->", f"{kind} until {until}") if until is not None else ("-->", kind)
        lines.append(f"  {ids[source]} {arrow}|{mermaid_text(label)}| {ids[target]}")
    for kind, fill in NODE_COLOURS.items():
        lines.append(f"  classDef {kind} fill:{fill},stroke:{BORDER_COLOURS[kind]},color:#1d1d1d")
    return ("\n".join(lines) + "\n").encode()


def _unique_ids(graph: nx.MultiDiGraph) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in sorted(graph.nodes):
        candidate = base = mermaid_id(node)
        counter = 1
        while candidate in used:
            counter += 1
            candidate = f"{base}_{counter}"
        used.add(candidate)
        ids[node] = candidate
    return ids
