"""Network analytics on the typed view of the graph (export/network.py), with networkx.

The reporting tree on a day (its depth, bodies per level, the tree itself), the instruments and
bodies most decisions concern, and a centrality ranking of bodies and instruments.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from wcograph.export.style import short_name
from wcograph.query.tables import aligned
from wcograph.view import view_as_of

TREE_EDGE = "reportsTo"
CENTRALITY_EDGES = ("reportsTo", "responsibleFor", "successor")


@dataclass
class TreeNode:
    id: str
    label: str
    acronym: str | None
    children: list[TreeNode] = field(default_factory=list)
    also_under: list[str] = field(default_factory=list)
    """Other superiors of a body that reports to more than one: it is drawn in full once."""


@dataclass
class Ranked:
    id: str
    label: str
    acronym: str | None
    kind: str
    values: dict[str, float | int]


@dataclass
class Analysis:
    as_of: str
    depth: int
    bodies_per_level: list[int]
    tree: list[TreeNode]
    bodies_in_tree: int
    bodies_outside_tree: list[str]
    instruments_by_decisions: list[Ranked]
    bodies_by_decisions: list[Ranked]
    centrality: list[Ranked]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def analyze_graph(graph: nx.MultiDiGraph, as_of: date, top: int = 10) -> Analysis:
    """Analyses the full view on the day: the tree of the reporting lines that hold then; the
    decisions taken by then; centrality on the bodies and instruments of that day."""
    view = view_as_of(graph, as_of)
    tree_graph = reporting_tree(view)
    levels = tree_levels(tree_graph)
    per_level = Counter(levels.values())
    bodies = [node for node, kind in view.nodes(data="kind") if kind == "body"]
    return Analysis(
        as_of=as_of.isoformat(),
        depth=len(per_level),
        bodies_per_level=[per_level[level] for level in range(len(per_level))],
        tree=tree_of(view, tree_graph),
        bodies_in_tree=tree_graph.number_of_nodes(),
        bodies_outside_tree=sorted(node for node in bodies if node not in tree_graph),
        instruments_by_decisions=_top(view, decisions_by_target(view, "instrument"), top),
        bodies_by_decisions=_top(view, decisions_by_target(view, "body"), top),
        centrality=centrality_ranking(view, top),
    )


# --- the reporting tree -----------------------------------------------------------------------


def reporting_tree(view: nx.MultiDiGraph) -> nx.DiGraph:
    """Body -> superior, one edge per pair, for the reporting lines in the view."""
    tree = nx.DiGraph()
    tree.add_edges_from(
        (body, superior) for body, superior, kind in view.edges(data="kind") if kind == TREE_EDGE
    )
    return tree


def tree_levels(tree: nx.DiGraph) -> dict[str, int]:
    """Each body's level: 0 for a body that reports to none, else one more than the nearest
    superior's (a body under two superiors sits at the higher level)."""
    roots = [node for node in tree if tree.out_degree(node) == 0]
    below = tree.reverse(copy=False)
    levels: dict[str, int] = {}
    for root in roots:
        for node, distance in nx.single_source_shortest_path_length(below, root).items():
            levels[node] = min(distance, levels.get(node, distance))
    return levels


def tree_of(view: nx.MultiDiGraph, tree: nx.DiGraph) -> list[TreeNode]:
    below = tree.reverse(copy=False)
    levels = tree_levels(tree)
    placed: set[str] = set()

    def name(node: str) -> str:
        return str(view.nodes[node].get("label", node))

    def build(node: str) -> TreeNode:
        placed.add(node)
        data = view.nodes[node]
        item = TreeNode(node, name(node), _acronym(data))
        for child in sorted(below.successors(node), key=name):
            if child in placed or levels.get(child) != levels[node] + 1:
                continue
            sub = build(child)
            sub.also_under = sorted(s for s in tree.successors(child) if s != node)
            item.children.append(sub)
        return item

    roots = sorted((node for node in tree if tree.out_degree(node) == 0), key=name)
    return [build(root) for root in roots]


def tree_lines(nodes: list[TreeNode], indent: str = "") -> list[str]:
    lines = []
    for node in nodes:
        name = f"{node.acronym} ({node.label})" if node.acronym else node.label
        also = f"  [also reports to {', '.join(node.also_under)}]" if node.also_under else ""
        lines.append(f"{indent}{name}{also}")
        lines.extend(tree_lines(node.children, indent + "    "))
    return lines


# --- decisions --------------------------------------------------------------------------------


def decisions_by_target(view: nx.MultiDiGraph, kind: str) -> dict[str, dict[str, int]]:
    """For each node of the kind: the decisions that concern it and, for a body, the decisions
    made at its meetings."""
    concerning: Counter[str] = Counter()
    for decision, target, relation in view.edges(data="kind"):
        if (
            relation == "concerns"
            and view.nodes[decision]["kind"] == "decision"
            and view.nodes[target]["kind"] == kind
        ):
            concerning[target] += 1
    figures = {node: {"concerning": count} for node, count in concerning.items()}
    if kind == "body":
        body_of = {m: b for m, b, relation in view.edges(data="kind") if relation == "meetingOf"}
        made: Counter[str] = Counter(
            body_of[meeting]
            for decision, meeting, relation in view.edges(data="kind")
            if relation == "madeAt" and meeting in body_of
        )
        for body, count in made.items():
            figures.setdefault(body, {"concerning": 0})["made"] = count
        for values in figures.values():
            values.setdefault("made", 0)
    return figures


# --- centrality -------------------------------------------------------------------------------


def centrality_ranking(view: nx.MultiDiGraph, top: int) -> list[Ranked]:
    """Betweenness centrality (normalised) on the undirected graph of the bodies and instruments
    joined by reporting lines, responsibilities and successions; degree alongside."""
    network = nx.Graph()
    network.add_nodes_from(
        node for node, kind in view.nodes(data="kind") if kind in {"body", "instrument"}
    )
    network.add_edges_from(
        (source, target)
        for source, target, kind in view.edges(data="kind")
        if kind in CENTRALITY_EDGES and source in network and target in network
    )
    network.remove_nodes_from(list(nx.isolates(network)))
    betweenness = nx.betweenness_centrality(network, normalized=True)
    figures = {
        node: {"betweenness": round(value, 4), "degree": network.degree(node)}
        for node, value in betweenness.items()
    }
    ranked = sorted(
        figures, key=lambda node: (-figures[node]["betweenness"], -figures[node]["degree"], node)
    )
    return [_ranked(view, node, figures[node]) for node in ranked[:top]]


def _top(view: nx.MultiDiGraph, figures: dict[str, dict[str, int]], top: int) -> list[Ranked]:
    ranked = sorted(
        figures,
        key=lambda node: (-figures[node]["concerning"], -figures[node].get("made", 0), node),
    )
    return [_ranked(view, node, dict(figures[node])) for node in ranked[:top]]


def _ranked(view: nx.MultiDiGraph, node: str, values: dict[str, Any]) -> Ranked:
    data = view.nodes[node]
    return Ranked(node, str(data.get("label", node)), _acronym(data), str(data["kind"]), values)


def _acronym(data: dict[str, Any]) -> str | None:
    return short_name(data)


# --- rendering --------------------------------------------------------------------------------


def render_table(analysis: Analysis) -> str:
    out = [
        f"Reporting tree as of {analysis.as_of}: {analysis.bodies_in_tree} bodies, "
        f"{analysis.depth} levels"
    ]
    out += [
        f"  level {level}: {count} bodies" for level, count in enumerate(analysis.bodies_per_level)
    ]
    out += ["", *("  " + line for line in tree_lines(analysis.tree))]
    if analysis.bodies_outside_tree:
        out += [
            "",
            f"Bodies with no reporting line on {analysis.as_of} "
            f"({len(analysis.bodies_outside_tree)}): " + ", ".join(analysis.bodies_outside_tree),
        ]
    out += ["", "Instruments most decisions concern"]
    out += _table(analysis.instruments_by_decisions, ("concerning",))
    out += ["", "Bodies most decisions concern (and decisions made at their meetings)"]
    out += _table(analysis.bodies_by_decisions, ("concerning", "made"))
    out += [
        "",
        "Centrality: betweenness on bodies and instruments "
        "(reporting lines, responsibilities, successions)",
    ]
    out += _table(analysis.centrality, ("betweenness", "degree"), with_kind=True)
    return "\n".join(out) + "\n"


def _table(rows: list[Ranked], columns: tuple[str, ...], with_kind: bool = False) -> list[str]:
    if not rows:
        return ["  (none)"]
    headers = ["#", "id", *(["kind"] if with_kind else []), "name", *columns]
    body = [
        [
            str(rank),
            row.id,
            *([row.kind] if with_kind else []),
            _short(row.acronym or row.label),
            *(_number(row.values.get(column, 0)) for column in columns),
        ]
        for rank, row in enumerate(rows, start=1)
    ]
    numeric = {0} | {len(headers) - len(columns) + i for i in range(len(columns))}
    # Names are cut to fit (_short), so the table never needs to wrap.
    return ["  " + line for line in aligned(headers, body, width=sys.maxsize, right=numeric)]


def _number(value: float | int) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_analysis(analysis: Analysis, fmt: str) -> str:
    """The analysis as JSON or as tables (``render_table``)."""
    if fmt == "json":
        import json

        return json.dumps(analysis.as_json(), indent=1, ensure_ascii=False) + "\n"
    return render_table(analysis)
