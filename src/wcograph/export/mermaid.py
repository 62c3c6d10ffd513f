"""Mermaid flowchart text, for Markdown pages that render Mermaid (GitHub, GitLab, MkDocs).

Ids are sanitised to ``n_`` plus letters, digits and underscores (no clash with keywords such
as ``end``); labels are quoted with Mermaid's entity codes for the characters that would end or
break them. A reporting line no source states, only evidences, is dashed (``-.->``); an ended
one is labelled with its last day; a meeting only scheduled has a dashed border.

Mermaid renders up to 500 edges by default and is unreadable long before: a view of more than
MAX_NODES nodes becomes a Markdown document of several diagrams, one per subtree of the
reporting hierarchy (export/layout.py; a subtree still too large is split at its children) and
one per kind of loose node, each under a heading that says what it holds. Links between two
diagrams are drawn in neither; the document says how many.
"""

from __future__ import annotations

import re

import networkx as nx

from wcograph.export.layout import Tree, build_tree, loose_groups, sort_key
from wcograph.export.style import (
    BORDER_COLOURS,
    NODE_COLOURS,
    DrawnEdge,
    display_label,
    drawn_edges,
    is_scheduled,
)

MAX_NODES = 120
"""The most nodes one diagram holds."""

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


def export_mermaid(graph: nx.MultiDiGraph) -> bytes:
    ids = _unique_ids(graph)
    edges = drawn_edges(graph)
    if graph.number_of_nodes() <= MAX_NODES:
        return _flowchart(graph, sorted(graph.nodes), edges, ids).encode()
    parts = diagram_parts(graph)
    part_of = {node: index for index, (_, nodes) in enumerate(parts) for node in nodes}
    across = sum(1 for edge in edges if part_of[edge.source] != part_of[edge.target])
    lines = [
        f"# wcograph: {graph.number_of_nodes()} nodes in {len(parts)} Mermaid diagrams",
        "",
        f"One diagram per subtree of the reporting hierarchy and per kind of node outside it, "
        f"at most {MAX_NODES} nodes each; {across} links join nodes of two diagrams and are "
        "drawn in neither.",
    ]
    for title, nodes in parts:
        inside = [edge for edge in edges if part_of[edge.source] == part_of[edge.target]]
        members = set(nodes)
        inside = [edge for edge in inside if edge.source in members]
        lines += ["", f"## {title} ({len(nodes)} nodes)", "", "```mermaid"]
        lines.append(_flowchart(graph, nodes, inside, ids).rstrip("\n"))
        lines.append("```")
    return ("\n".join(lines) + "\n").encode()


def _flowchart(
    graph: nx.MultiDiGraph, nodes: list[str], edges: list[DrawnEdge], ids: dict[str, str]
) -> str:
    lines = ["flowchart BT"]
    for node in sorted(nodes):
        data = graph.nodes[node]
        lines.append(f'  {ids[node]}["{mermaid_text(display_label(data))}"]:::{data["kind"]}')
    for source, target, kind, until, evidenced in edges:
        arrow = "-.->" if evidenced else "-->"
        label = (
            kind + (f" until {until}" if until else "") + (f", {evidenced}" if evidenced else "")
        )
        lines.append(f"  {ids[source]} {arrow}|{mermaid_text(label)}| {ids[target]}")
    for kind, fill in NODE_COLOURS.items():
        lines.append(f"  classDef {kind} fill:{fill},stroke:{BORDER_COLOURS[kind]},color:#1d1d1d")
    scheduled = [ids[node] for node in sorted(nodes) if is_scheduled(graph.nodes[node])]
    if scheduled:
        lines.append("  classDef scheduled stroke-dasharray:5 3")
        lines.append(f"  class {','.join(scheduled)} scheduled")
    return "\n".join(lines) + "\n"


def diagram_parts(graph: nx.MultiDiGraph) -> list[tuple[str, list[str]]]:
    """(heading, nodes) of each diagram: subtrees of at most MAX_NODES nodes (small trees
    together), then the loose nodes of each kind in chunks of MAX_NODES."""
    tree = build_tree(graph)
    parts: list[tuple[str, list[str]]] = []
    roots = sorted(tree.roots(), key=lambda root: (-len(tree.subtree(root)), root))
    small: list[str] = []
    for root in roots:
        if len(tree.subtree(root)) > MAX_NODES // 4:
            parts += _split(graph, tree, root)
        elif len(small) + len(tree.subtree(root)) <= MAX_NODES:
            small += tree.subtree(root)
        else:
            parts.append(("Smaller trees", small))
            small = tree.subtree(root)
    if small:
        parts.append(("Smaller trees", small))
    for kind, nodes in sorted(loose_groups(graph, tree).items()):
        for start in range(0, len(nodes), MAX_NODES):
            chunk = nodes[start : start + MAX_NODES]
            suffix = f", part {start // MAX_NODES + 1}" if len(nodes) > MAX_NODES else ""
            parts.append((f"{kind.capitalize()} outside the hierarchy{suffix}", chunk))
    return parts


def _split(graph: nx.MultiDiGraph, tree: Tree, node: str) -> list[tuple[str, list[str]]]:
    """The subtree under the node in one diagram if small enough, else the node with as many
    of its children's subtrees as fit, and each other child's subtree split the same way."""
    subtree = tree.subtree(node)
    title = display_label(graph.nodes[node])
    if node in tree.parent:
        title += f", under {display_label(graph.nodes[tree.parent[node]])}"
    if len(subtree) <= MAX_NODES:
        return [(title, subtree)]
    head, rest = [node], []
    # The smaller subtrees stay with the node while they fit; the larger get their own.
    for child in sorted(tree.children.get(node, []), key=lambda c: len(tree.subtree(c))):
        below = tree.subtree(child)
        if len(head) + len(below) <= MAX_NODES:
            head += below
        else:
            rest.append(child)
    parts = [(title, head)]
    for child in sorted(rest, key=lambda c: sort_key(graph, c)):
        parts += _split(graph, tree, child)
    return parts


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
