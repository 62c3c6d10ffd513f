"""Layout hints shared by the drawn exports (DOT, Mermaid, GraphML, GEXF): each node's place in
one tree, and a deterministic position.

The tree follows the reporting hierarchy: a body's parent is the superior it reports to (the
deepest one when it reports to several, so a level is one more than its parent's), else the body
it is part of; a meeting hangs under its body, a decision under its meeting, a task under the
body it is assigned to, an instrument under the body responsible for it or the instrument it is
part of. ``level`` is the depth in that tree (0 for the top). Nodes with neither parent nor child
are *loose*: they are drawn apart, in a grid per kind, never in one long row.

Positions pack each tree's children in rows (a tidy tree whose wide sibling groups wrap), then
the trees and the grids of loose nodes in shelves about as wide as they are tall, so a whole
graph of a thousand nodes opens in Gephi or yEd as a readable picture rather than a hairball.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

PARENT_LINKS = {
    "body": ("reportsTo", "partOf"),
    "meeting": ("meetingOf",),
    "decision": ("madeAt",),
    "task": ("assignedTo",),
    "instrument": ("-responsibleFor", "partOf"),
}
"""The links that make a node's parent, in order of preference; ``-`` reads a link backwards
(the body that is responsible for the instrument)."""

PARENT_KINDS = {"body": {"body"}, "instrument": {"body", "instrument"}}
"""A body's parent is a body (not the organisation it is part of); an instrument's, a body or an
instrument."""

LOOSE = "loose"
SUBTREE_ASPECT = 0.7
"""Subtrees are packed taller than wide: their parent sets them side by side in one rank."""
WRAP_AT = 6
"""A parent's sub-bodies with nothing under them wrap into a grid past this many."""
NODE_WIDTH = 180.0
RANK = 60.0
"""The height of a rank: every y is a whole number of ranks plus a half, so that DOT's ranks
are the positions' rows."""


@dataclass
class Tree:
    """Each node's parent, children (sorted) and level; loose nodes have none of them."""

    parent: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    level: dict[str, int] = field(default_factory=dict)

    def roots(self) -> list[str]:
        return sorted(node for node in self.children if node not in self.parent)

    def is_loose(self, node: str) -> bool:
        return node not in self.parent and not self.children.get(node)

    def subtree(self, node: str) -> list[str]:
        found, stack = [], [node]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self.children.get(current, [])))
        return found


def sort_key(graph: nx.MultiDiGraph, node: str) -> tuple[str, str, str]:
    """Siblings in date order, then by label: sessions read left to right in time."""
    data = graph.nodes[node]
    day = data.get("start") or data.get("date") or data.get("established") or ""
    return (str(day), str(data.get("label", "")).casefold(), node)


def build_tree(graph: nx.MultiDiGraph) -> Tree:
    candidates = _parent_candidates(graph)
    depth = _body_depths(graph, candidates)
    tree = Tree()
    for node in sorted(graph.nodes):
        options = candidates.get(node, [])
        if not options:
            continue
        # The deepest superior, so that a body's level is one more than its parent's.
        best = max(options, key=lambda option: (option[0], depth.get(option[1], 0), option[1]))
        tree.parent[node] = best[1]
    tree.parent = _without_cycles(tree.parent)
    for node, parent in tree.parent.items():
        tree.children.setdefault(parent, []).append(node)
    for children in tree.children.values():
        children.sort(key=lambda node: sort_key(graph, node))
    for root in tree.roots():
        stack = [(root, 0)]
        while stack:
            node, level = stack.pop()
            tree.level[node] = level
            stack.extend((child, level + 1) for child in tree.children.get(node, []))
    return tree


def _parent_candidates(graph: nx.MultiDiGraph) -> dict[str, list[tuple[int, str]]]:
    """Each node's possible parents as (preference, parent): a higher preference wins."""
    candidates: dict[str, list[tuple[int, str]]] = {}
    for source, target, kind in graph.edges(data="kind"):
        for child, parent, link in ((source, target, kind), (target, source, f"-{kind}")):
            if child == parent:
                continue
            child_kind, parent_kind = graph.nodes[child]["kind"], graph.nodes[parent]["kind"]
            links = PARENT_LINKS.get(child_kind, ())
            allowed = PARENT_KINDS.get(child_kind)
            if link in links and (allowed is None or parent_kind in allowed):
                preference = len(links) - links.index(link)
                candidates.setdefault(child, []).append((preference, parent))
    return candidates


def _body_depths(graph: nx.MultiDiGraph, candidates: dict[str, list[tuple[int, str]]]) -> dict:
    """The longest chain of superiors above each body (cycles cut where they close)."""
    depth: dict[str, int] = {}

    def visit(node: str, seen: frozenset[str]) -> int:
        if node in depth:
            return depth[node]
        above = [parent for _, parent in candidates.get(node, []) if parent not in seen]
        found = 1 + max((visit(parent, seen | {node}) for parent in sorted(above)), default=-1)
        depth[node] = found
        return found

    for node in sorted(graph.nodes):
        visit(node, frozenset())
    return depth


def _without_cycles(parent: dict[str, str]) -> dict[str, str]:
    """Leaves out the parent link that would close a cycle (the link itself stays an edge of the
    drawing; only the tree ignores it)."""
    kept: dict[str, str] = {}
    for node in sorted(parent):
        ancestor = parent[node]
        while ancestor != node and ancestor in kept:
            ancestor = kept[ancestor]
        if ancestor != node:
            kept[node] = parent[node]
    return kept


def loose_groups(graph: nx.MultiDiGraph, tree: Tree) -> dict[str, list[str]]:
    """Loose nodes by kind, in sort order."""
    groups: dict[str, list[str]] = {}
    for node in sorted(graph.nodes, key=lambda node: sort_key(graph, node)):
        if tree.is_loose(node):
            groups.setdefault(graph.nodes[node]["kind"], []).append(node)
    return groups


def grid_columns(count: int, aspect: float = 2.0) -> int:
    """Columns of a grid of ``count`` boxes that is about ``aspect`` times as wide as tall (the
    boxes are three times as wide as tall)."""
    return max(1, min(count, math.ceil(math.sqrt(count * aspect / 3))))


# --- positions --------------------------------------------------------------------------------


@dataclass
class Block:
    """A laid-out group of nodes: positions relative to its top-left corner, and its size."""

    width: float
    height: float
    positions: dict[str, tuple[float, float]]


def positions(graph: nx.MultiDiGraph, tree: Tree | None = None) -> dict[str, tuple[float, float]]:
    """x (right) and y (down) of every node, in points: the same graph gives the same numbers."""
    tree = tree or build_tree(graph)
    kinds = dict(graph.nodes(data="kind"))
    blocks = [_tree_block(tree, root, kinds) for root in tree.roots()]
    blocks.sort(key=lambda block: -len(block.positions))
    blocks += [_grid_block(nodes) for _, nodes in sorted(loose_groups(graph, tree).items())]
    return _shelves(blocks).positions


def _tree_block(tree: Tree, node: str, kinds: dict[str, str]) -> Block:
    """The node on top, one rank above its children: the bodies under it side by side in the
    first rank (so that a level of the hierarchy is one rank; past WRAP_AT sub-bodies with
    nothing under them, those wrap into a grid), beside them its other children in shelves,
    the leaves among them in a grid."""
    children = tree.children.get(node, [])
    if not children:
        return Block(NODE_WIDTH, RANK, {node: (NODE_WIDTH / 2, RANK / 2)})
    bodies = [_tree_block(tree, child, kinds) for child in children if kinds[child] == "body"]
    leaf_bodies = [
        child for child in children if kinds[child] == "body" and child not in tree.children
    ]
    if len(leaf_bodies) > WRAP_AT:
        # Many sub-bodies with nothing under them wrap into a grid, not one long rank.
        bodies = [block for block in bodies if not set(block.positions) & set(leaf_bodies)]
        bodies.append(_grid_block(leaf_bodies))
    others = [child for child in children if kinds[child] != "body"]
    leaves = [child for child in others if not tree.children.get(child)]
    inner = [_tree_block(tree, child, kinds) for child in others if tree.children.get(child)]
    parts = ([_grid_block(leaves)] if leaves else []) + inner
    below = _shelves(bodies, target=math.inf) if bodies else None
    if parts:
        shelved = _shelves(parts, target=max(_row_target(parts, SUBTREE_ASPECT), NODE_WIDTH))
        beside = _shelves([block for block in (below, shelved) if block], target=math.inf)
        if below is None:
            below = beside
        else:
            # The other children beside the sub-bodies, or under them when that is squarer.
            wider = max(below.width, _row_target(parts, SUBTREE_ASPECT))
            under = _stack(below, _shelves(parts, target=wider))
            below = min((beside, under), key=_squareness)
    assert below is not None
    placed = {name: (x, y + RANK) for name, (x, y) in below.positions.items()}
    placed[node] = (below.width / 2, RANK / 2)
    return Block(max(below.width, NODE_WIDTH), below.height + RANK, placed)


def _grid_block(nodes: list[str]) -> Block:
    columns = grid_columns(len(nodes))
    placed = {
        node: ((index % columns + 0.5) * NODE_WIDTH, (index // columns + 0.5) * RANK)
        for index, node in enumerate(nodes)
    }
    rows = math.ceil(len(nodes) / columns)
    return Block(columns * NODE_WIDTH, rows * RANK, placed)


def rank_of(y: float) -> int:
    return int(y // RANK)


def _stack(top: Block, bottom: Block) -> Block:
    placed = dict(top.positions)
    placed.update({name: (x, y + top.height + RANK) for name, (x, y) in bottom.positions.items()})
    return Block(max(top.width, bottom.width), top.height + RANK + bottom.height, placed)


def _squareness(block: Block) -> float:
    """How far a block is from SUBTREE_ASPECT (0 when it is)."""
    return abs(math.log(block.width / (SUBTREE_ASPECT * block.height)))


def _row_target(blocks: Iterable[Block], aspect: float = 2.0) -> float:
    """A row width that makes the packed blocks about ``aspect`` times as wide as tall."""
    area = sum(block.width * block.height for block in blocks)
    return math.sqrt(area * aspect)


def _shelves(blocks: list[Block], target: float | None = None) -> Block:
    """Blocks left to right in rows no wider than ``target`` (one block may be wider)."""
    target = target or _row_target(blocks)
    gap = NODE_WIDTH / 3
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = width = 0.0
    for block in blocks:
        if x > 0 and x + block.width > target:
            x, y, row_height = 0.0, y + row_height + RANK, 0.0
        placed.update({name: (x + bx, y + by) for name, (bx, by) in block.positions.items()})
        x += block.width + gap
        width = max(width, x - gap)
        row_height = max(row_height, block.height)
    return Block(width, y + row_height, placed)


def layout_hints(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Per node: ``level`` (its depth in the tree, -1 when loose), ``parent`` (when it has one),
    ``group`` (its tree's root, or ``loose``), ``period`` (``from/until`` of its dates) and ``x``,
    ``y`` (points; y grows upwards, as Gephi draws it, so the top of the hierarchy is on top)."""
    tree = build_tree(graph)
    placed = positions(graph, tree)
    root_of = {node: root for root in tree.roots() for node in tree.subtree(root)}
    hints: dict[str, dict[str, Any]] = {}
    for node, data in graph.nodes(data=True):
        x, y = placed[node]
        hint: dict[str, Any] = {
            "level": tree.level.get(node, -1),
            "group": root_of.get(node, LOOSE),
            "x": round(x, 1),
            "y": round(-y, 1),
        }
        if node in tree.parent:
            hint["parent"] = tree.parent[node]
        period = node_period(data)
        if period:
            hint["period"] = period
        hints[node] = hint
    return hints


def node_period(data: dict[str, Any]) -> str | None:
    """``2018-04-16/2018-04-20`` (ISO 8601 interval, ``..`` for an open end) of a dated node."""
    start = data.get("established") or data.get("start") or data.get("date")
    end = data.get("ended") or data.get("end") or (data.get("date") and start)
    if not start and not end:
        return None
    return f"{start or '..'}/{end or '..'}"
