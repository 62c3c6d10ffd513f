"""Graphviz DOT: ``dot -Tsvg graph.dot > graph.svg``, laid out for reading at any size.

- Superiors are drawn above the bodies that report to them, and every level of the reporting
  hierarchy is one rank (``rank=same``; ``newrank`` lets ranks cross the clusters).
- Each body with sub-bodies, meetings or tasks is a cluster holding them (nested as the
  hierarchy is); meetings, decisions and tasks under one parent wrap into rows instead of one
  long rank.
- Nodes with no parent and no child (bodies without any line, organisations, persons) sit in a
  grid per kind, and the trees and grids are stacked in shelves, so the picture stays about as
  wide as it is tall instead of one row of unconnected boxes.
- Only the tree's links rank the nodes; every other link is drawn without moving them
  (``constraint=false``); in a view of more than CONCENTRATE_ABOVE nodes, links that share
  an end run together (``concentrate``; two links of different kinds between the same two
  nodes then share one line): the hundreds of decisions that concern one instrument would
  otherwise widen every rank they cross.
- A reporting line no source states, only evidences, is dashed; one that has ended is grey and
  labelled with its last day; a meeting only scheduled has a dashed border. One arrow stands for
  all the sourced lines of the same kind between two nodes.
"""

from __future__ import annotations

import itertools

import networkx as nx

from wcograph.export.layout import Tree, build_tree, grid_columns, loose_groups, positions, rank_of
from wcograph.export.style import (
    BORDER_COLOURS,
    NODE_COLOURS,
    DrawnEdge,
    drawn_edges,
    is_scheduled,
    wrapped_label,
)

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
ENDED_STYLE = 'color="#9a9a9a", fontcolor="#6b6b6b"'
LOOSE_TITLES = {
    "body": "bodies without a reporting line",
    "organisation": "organisations",
    "instrument": "instruments",
    "meeting": "meetings of no body in the view",
    "decision": "decisions of no meeting in the view",
    "task": "tasks",
    "person": "persons",
}


CONCENTRATE_ABOVE = 500


def quote(value: object) -> str:
    """A DOT quoted string: backslashes and double quotes escaped, line breaks as ``\\n``."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\n").replace("\n", "\\n") + '"'


def export_dot(graph: nx.MultiDiGraph) -> bytes:
    tree = build_tree(graph)
    ranks = {node: rank_of(y) for node, (_, y) in positions(graph, tree).items()}
    minlen = {child: ranks[child] - ranks[parent] for child, parent in tree.parent.items()}
    lines = [
        "digraph wcograph {",
        "  rankdir=BT;",
        "  newrank=true;",
        *(["  concentrate=true;"] if graph.number_of_nodes() > CONCENTRATE_ABOVE else []),
        '  graph [fontname="Helvetica", fontsize=11, ranksep=0.7, nodesep=0.2, '
        'labeljust=l, color="#c9d6e3", style=rounded];',
        '  node [fontname="Helvetica", fontsize=10, style="filled,rounded", margin="0.08,0.03"];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for root in tree.roots():
        lines += _cluster(graph, tree, root, "  ")
    grids = loose_groups(graph, tree)
    for kind, nodes in sorted(grids.items()):
        lines += _grid(graph, kind, nodes)
    lines += _level_ranks(graph, ranks)
    for edge in drawn_edges(graph):
        lines.append(_edge(edge, tree, minlen))
    lines += _stacking(tree, ranks, grids)
    lines.append("}")
    return ("\n".join(lines) + "\n").encode()


def _node(node: str, data: dict, indent: str) -> str:
    kind = data["kind"]
    style = ', style="filled,rounded,dashed"' if is_scheduled(data) else ""
    return (
        f"{indent}{quote(node)} [label={quote(wrapped_label(data))}, shape={SHAPES[kind]}, "
        f"fillcolor={quote(NODE_COLOURS[kind])}, color={quote(BORDER_COLOURS[kind])}{style}];"
    )


def _cluster(graph: nx.MultiDiGraph, tree: Tree, node: str, indent: str) -> list[str]:
    """A body with children is a cluster of itself and its subtree; other nodes are drawn
    plain (a cluster per meeting would only add frames)."""
    data = graph.nodes[node]
    children = tree.children.get(node, [])
    if not children or data["kind"] != "body":
        lines = [_node(node, data, indent)]
        for child in children:
            lines += _cluster(graph, tree, child, indent)
        return lines
    lines = [f"{indent}subgraph {quote('cluster_' + node)} {{", f"{indent}  label={quote('')};"]
    lines.append(_node(node, data, indent + "  "))
    for child in children:
        lines += _cluster(graph, tree, child, indent + "  ")
    lines.append(f"{indent}}}")
    return lines


def _grid(graph: nx.MultiDiGraph, kind: str, nodes: list[str]) -> list[str]:
    """Loose nodes of a kind in rows of equal length, held in columns by invisible edges."""
    columns = grid_columns(len(nodes))
    title = f"{LOOSE_TITLES[kind]} ({len(nodes)})"
    lines = [
        f"  subgraph {quote('cluster_loose_' + kind)} {{",
        f"    label={quote(title)};",
        '    style="rounded,dashed";',
    ]
    lines += [_node(node, graph.nodes[node], "    ") for node in nodes]
    rows = [nodes[start : start + columns] for start in range(0, len(nodes), columns)]
    for row in rows:
        lines.append("    { rank=same; " + " ".join(f"{quote(node)};" for node in row) + " }")
    for above, below in itertools.pairwise(rows):
        for upper, lower in zip(above, below, strict=False):
            lines.append(f"    {quote(lower)} -> {quote(upper)} [style=invis];")
    lines.append("  }")
    return lines


def _level_ranks(graph: nx.MultiDiGraph, ranks: dict[str, int]) -> list[str]:
    """One rank per level of the reporting hierarchy, for the bodies in it (layout.py gives
    the bodies of a level the same rank, except a parent's many sub-bodies with nothing under
    them, which wrap into rows)."""
    levels: dict[int, list[str]] = {}
    for node, rank in ranks.items():
        if graph.nodes[node]["kind"] == "body":
            levels.setdefault(rank, []).append(node)
    return [
        "  { rank=same; " + " ".join(f"{quote(node)};" for node in sorted(nodes)) + " }"
        for _, nodes in sorted(levels.items())
        if len(nodes) > 1
    ]


def _edge(edge: DrawnEdge, tree: Tree, minlen: dict[str, int]) -> str:
    source, target, kind, until, evidenced = edge
    style = EDGE_STYLES.get(kind, DEFAULT_EDGE_STYLE)
    label = kind if kind not in EDGE_STYLES else ""
    if until is not None:
        style = ENDED_STYLE + (", style=dashed" if evidenced else "")
        label = f"until {until}"
    elif evidenced:
        style += ", style=dashed"
        label = evidenced
    if tree.parent.get(source) == target:
        rank = f", minlen={minlen[source]}" if minlen.get(source, 1) > 1 else ""
    elif tree.parent.get(target) == source:
        # A link from parent to child (body responsible for an instrument): drawn the same way,
        # ranked as the tree's link from child to parent.
        rank = f", minlen={minlen[target]}" if minlen.get(target, 1) > 1 else ""
        return (
            f"  {quote(target)} -> {quote(source)} [{style}, dir=back, "
            f"xlabel={quote(label)}{rank}];"
        )
    else:
        rank = ", constraint=false"
    return f"  {quote(source)} -> {quote(target)} [{style}, xlabel={quote(label)}{rank}];"


def _stacking(tree: Tree, ranks: dict[str, int], grids: dict[str, list[str]]) -> list[str]:
    """Each tree and grid held at its rank in the layout (layout.py packs them in shelves about
    as wide as they are tall) by an invisible link to a point above everything."""
    anchors = tree.roots() + [nodes[0] for nodes in grids.values()]
    if len(anchors) < 2:
        return []
    lines = ['  "wcograph:top" [shape=point, style=invis, width=0, height=0, label=""];']
    for anchor in sorted(anchors):
        lines.append(
            f'  {quote(anchor)} -> "wcograph:top" [style=invis, minlen={ranks[anchor] + 1}];'
        )
    return lines
