"""Large-graph exports laid out for reading (issue 18): DOT ranks and clusters measured with
Graphviz on the real data, GraphML and GEXF layout hints read back with networkx.

What "readable" is checked as: the picture Graphviz draws stays within an aspect ratio (no row
of unconnected boxes 15,000 px wide), superiors are drawn above the bodies that report to them,
a parent's sub-bodies sit inside its cluster, and Gephi gets positions that do not pile up.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import networkx as nx
import pytest

from wcograph.export.formats import export_view
from wcograph.export.layout import build_tree
from wcograph.pipeline import BuiltGraph
from wcograph.query.run import run_named_query
from wcograph.triples.store import GraphStore
from wcograph.view import graph_view

needs_graphviz = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz is not installed (Debian: graphviz)"
)
MAX_ASPECT = 4.0


@pytest.fixture(scope="module")
def store(built: BuiltGraph) -> GraphStore:
    return built.store


@pytest.fixture(scope="module")
def bodies(store: GraphStore) -> nx.MultiDiGraph:
    return graph_view(store, only=["bodies"])


def graphviz(source: bytes, fmt: str, timeout: int = 120) -> bytes:
    result = subprocess.run(
        ["dot", f"-T{fmt}"], input=source, capture_output=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    assert not result.stderr.strip(), result.stderr.decode()  # no warnings either
    return result.stdout


def plain_size(plain: bytes) -> tuple[float, float]:
    """Width and height (inches) from ``dot -Tplain``'s first line: ``graph scale w h``."""
    _, _, width, height = plain.split(b"\n", 1)[0].split()
    return float(width), float(height)


def plain_nodes(plain: bytes) -> dict[str, tuple[float, float]]:
    """Each node's centre (x, y up) from ``dot -Tplain``."""
    found = {}
    for line in plain.decode().splitlines():
        if line.startswith("node "):
            match = re.match(r'node ("(?:[^"\\]|\\.)*"|\S+) (\S+) (\S+)', line)
            assert match, line
            found[match[1].strip('"')] = (float(match[2]), float(match[3]))
    return found


def unlinked_bodies(graph: nx.MultiDiGraph) -> set[str]:
    """Bodies with no reporting line and no part-of link to another body, either way."""
    linked = {
        node
        for source, target, kind in graph.edges(data="kind")
        if kind in {"reportsTo", "partOf"}
        and graph.nodes[source]["kind"] == graph.nodes[target]["kind"] == "body"
        for node in (source, target)
    }
    return {node for node, kind in graph.nodes(data="kind") if kind == "body"} - linked


# --- DOT --------------------------------------------------------------------------------------


@needs_graphviz
def test_the_bodies_picture_is_about_as_wide_as_tall(store: GraphStore, bodies) -> None:
    """``export --format dot --only bodies | dot`` drew 15,841 x 404 px before (issue 18)."""
    plain = graphviz(export_view(bodies, "dot"), "plain")
    width, height = plain_size(plain)
    assert 1 / MAX_ASPECT < width / height < MAX_ASPECT, (width, height)
    assert set(plain_nodes(plain)) >= set(bodies.nodes)


@needs_graphviz
def test_bodies_without_a_line_sit_in_a_grid_of_their_own(store: GraphStore, bodies) -> None:
    loose = unlinked_bodies(bodies)
    assert len(loose) > 20  # the public record names many bodies whose superior it does not say
    layout = json.loads(graphviz(export_view(bodies, "dot"), "json"))
    names = [node.get("name") for node in layout["objects"]]
    [grid] = [o for o in layout["objects"] if o.get("name") == "cluster_loose_body"]
    assert {names[index] for index in grid["nodes"]} == loose
    plain = plain_nodes(graphviz(export_view(bodies, "dot"), "plain"))
    rows = {round(plain[node][1], 1) for node in loose}
    columns = {round(plain[node][0], 1) for node in loose}
    assert len(rows) > 3 and len(columns) > 3  # a grid, not one row


@needs_graphviz
def test_superiors_are_drawn_above_and_hold_their_sub_bodies(store: GraphStore, bodies) -> None:
    source = export_view(bodies, "dot")
    centres = plain_nodes(graphviz(source, "plain"))
    tree = build_tree(bodies)
    assert tree.parent  # the data has reporting lines
    for child, parent in tree.parent.items():
        assert centres[parent][1] > centres[child][1], (child, parent)
    # PC0517/PC0737: the IMSC and the SAFE Working Group report to the PTC; the PTC to the
    # Policy Commission and the Council.
    assert centres["council"][1] > centres["policy-commission"][1] > centres["ptc"][1]
    layout = json.loads(graphviz(source, "json"))
    names = [node.get("name") for node in layout["objects"]]
    [ptc] = [o for o in layout["objects"] if o.get("name") == "cluster_ptc"]
    inside = {names[index] for index in ptc["nodes"]}
    assert {"ptc", "imsc", "swg"} <= inside
    assert "council" not in inside and "policy-commission" not in inside


@needs_graphviz
def test_each_level_of_the_hierarchy_is_one_rank(store: GraphStore, bodies) -> None:
    """Bodies of one level of a tree share a rank (a parent's many sub-bodies with nothing
    under them may wrap into further rows below)."""
    centres = plain_nodes(graphviz(export_view(bodies, "dot"), "plain"))
    tree = build_tree(bodies)
    for root in tree.roots():
        inner = [node for node in tree.subtree(root) if node in tree.children]
        for level in {tree.level[node] for node in inner}:
            heights = {round(centres[node][1], 2) for node in inner if tree.level[node] == level}
            assert len(heights) == 1, (root, level, heights)
    assert max(tree.level.values()) >= 3  # Council > Policy Commission > PTC > IMSC


def test_evidenced_lines_are_dashed_and_scheduled_meetings_too(store: GraphStore) -> None:
    view = graph_view(store, only=["bodies", "meetings"])
    dot = export_view(view, "dot").decode()
    evidence: dict[tuple[str, str], set[str]] = {}
    still_open = set()
    for source, target, data in view.edges(data=True):
        if data["kind"] == "reportsTo":
            evidence.setdefault((source, target), set()).add(data["evidence"])
            if "validUntil" not in data:
                still_open.add((source, target))
    evidence = {pair: kinds for pair, kinds in evidence.items() if pair in still_open}
    only_evidenced = [pair for pair, kinds in evidence.items() if "stated" not in kinds]
    stated = [pair for pair, kinds in evidence.items() if "stated" in kinds]
    assert only_evidenced and stated
    for source, target in only_evidenced:
        [line] = [
            line
            for line in dot.splitlines()
            if f'"{source}" -> "{target}"' in line and "penwidth" in line
        ]
        assert "style=dashed" in line
    for source, target in stated:
        [line] = [
            line
            for line in dot.splitlines()
            if f'"{source}" -> "{target}"' in line and "penwidth" in line
        ]
        assert "dashed" not in line
    scheduled = {row["meeting"] for row in run_named_query(store, "cq/scheduled-meetings")}
    assert scheduled
    for meeting in scheduled:
        slug = meeting.rsplit("/", 1)[-1].removeprefix("id:")
        [line] = [line for line in dot.splitlines() if line.strip().startswith(f'"{slug}" [')]
        assert "dashed" in line


@needs_graphviz
@pytest.mark.slow
def test_the_whole_graph_picture_is_bounded(store: GraphStore) -> None:
    view = graph_view(store)
    assert view.number_of_nodes() > 1000
    width, height = plain_size(graphviz(export_view(view, "dot"), "plain", timeout=1200))
    assert 1 / MAX_ASPECT < width / height < MAX_ASPECT, (width, height)


# --- GraphML and GEXF ---------------------------------------------------------------------------


def test_graphml_carries_levels_parents_periods_and_positions(store: GraphStore) -> None:
    view = graph_view(store)
    read = nx.read_graphml(io.BytesIO(export_view(view, "graphml")))
    for _, data in read.nodes(data=True):
        assert isinstance(data["x"], float) and isinstance(data["y"], float)
        if "parent" in data:
            parent = read.nodes[data["parent"]]
            assert data["level"] == parent["level"] + 1
            assert data["y"] < parent["y"]  # drawn below its parent (y up, as in Gephi)
        else:
            assert data["level"] in (0, -1)
    # PC0737: the DMPT reports to the PTC (and, earlier, to the IMSC, the deeper of the two).
    assert read.nodes["ptc"]["parent"] == "policy-commission"
    assert read.nodes["dmpt"]["parent"] == "imsc"
    meeting = next(n for n, d in view.nodes(data=True) if d["kind"] == "meeting" and "end" in d)
    assert read.nodes[meeting]["period"] == (
        f"{view.nodes[meeting]['start']}/{view.nodes[meeting]['end']}"
    )
    spots = {(data["x"], data["y"]) for _, data in read.nodes(data=True)}
    assert len(spots) == read.number_of_nodes()  # no two nodes on one spot
    xs = [x for x, _ in spots]
    ys = [y for _, y in spots]
    aspect = (max(xs) - min(xs)) / (max(ys) - min(ys))
    assert 1 / MAX_ASPECT < aspect < MAX_ASPECT


def test_gexf_positions_are_gephi_viz_data(store: GraphStore, bodies) -> None:
    read = nx.read_gexf(io.BytesIO(export_view(bodies, "gexf")))
    graphml = nx.read_graphml(io.BytesIO(export_view(bodies, "graphml")))
    for node, data in read.nodes(data=True):
        position = data["viz"]["position"]
        assert (position["x"], position["y"]) == (
            graphml.nodes[node]["x"],
            graphml.nodes[node]["y"],
        )
        assert data["level"] == graphml.nodes[node]["level"]
        assert data.get("parent") == graphml.nodes[node].get("parent")


def test_layout_exports_are_the_same_bytes_for_the_same_data(store: GraphStore) -> None:
    for fmt in ("dot", "mermaid", "graphml", "gexf"):
        assert export_view(graph_view(store), fmt) == export_view(graph_view(store), fmt), fmt
