"""``wcograph analyze``: its figures checked against the store, read with triple patterns."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import networkx as nx
import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode

from wcograph.analyze import Analysis, TreeNode, analyze_graph, render_table
from wcograph.cli import main
from wcograph.namespaces import ID, WCO
from wcograph.pipeline import BuiltGraph
from wcograph.triples.store import GraphStore
from wcograph.view import full_view

from .test_export import instances, lines_on, meeting_days, objects, slug, subjects, value


@pytest.fixture(scope="module")
def store(built: BuiltGraph) -> GraphStore:
    return built.store


@pytest.fixture(scope="module")
def day(store: GraphStore) -> str:
    """The last day of the PTC's 2023 sessions."""
    return meeting_days(store, "ptc", 2023)[-1]


@pytest.fixture(scope="module")
def analysis(store: GraphStore, day: str) -> Analysis:
    return analyze_graph(full_view(store), date.fromisoformat(day), top=10)


def walk(nodes: list[TreeNode], level: int = 0) -> list[tuple[str, int]]:
    return [pair for node in nodes for pair in [(node.id, level), *walk(node.children, level + 1)]]


def test_tree_holds_the_bodies_of_the_day(store: GraphStore, day: str, analysis: Analysis) -> None:
    pairs = lines_on(store, day)
    bodies = {body for pair in pairs for body in pair}
    assert analysis.bodies_in_tree == len(bodies)
    placed = walk(analysis.tree)
    assert sorted(node for node, _ in placed) == sorted(bodies), "each body drawn once"
    assert sum(analysis.bodies_per_level) == len(bodies)
    assert analysis.depth == len(analysis.bodies_per_level)
    tops = {superior for _, superior in pairs} - {body for body, _ in pairs}
    assert {node.id for node in analysis.tree} == tops
    chain = nx.DiGraph(list(pairs))
    for node, level in placed:  # a body's level: its distance to the nearest top
        distances = nx.single_source_shortest_path_length(chain, node)
        assert level == min(distance for above, distance in distances.items() if above in tops)
    levels = Counter(level for _, level in placed)
    assert [levels[i] for i in range(len(levels))] == analysis.bodies_per_level


def test_tree_places_each_body_under_a_superior(
    store: GraphStore, day: str, analysis: Analysis
) -> None:
    pairs = lines_on(store, day)

    def check(node: TreeNode) -> None:
        for child in node.children:
            assert (child.id, node.id) in pairs
            assert {(child.id, other) for other in child.also_under} <= pairs
            check(child)

    for root in analysis.tree:
        check(root)


def test_bodies_outside_the_tree(store: GraphStore, day: str, analysis: Analysis) -> None:
    in_tree = {body for pair in lines_on(store, day) for body in pair}
    view = full_view(store)
    existing = {
        n
        for n, d in view.nodes(data=True)
        if d["kind"] == "body"
        and (d.get("established") or "") <= day
        and (d.get("ended") or "9999") >= day
    }
    assert set(analysis.bodies_outside_tree) == existing - in_tree


def decisions_by_day(store: GraphStore, day: str) -> set[str]:
    """Decisions taken on or before the day."""
    found = set()
    for decision in instances(store, "Decision"):
        meeting = objects(store, NamedNode(ID + decision), WCO + "madeAt")[0]
        start = value(store, meeting, WCO + "startDate")
        if start is None or start <= day:
            found.add(decision)
    return found


def decisions_concerning(store: GraphStore, day: str, kind: str) -> Counter[str]:
    """How many decisions taken by ``day`` concern each entity of class wco:<kind>, counted
    from the plain triples rather than through the code under test."""
    decisions = decisions_by_day(store, day)
    entities = instances(store, kind)
    return Counter(
        slug(q.object)
        for q in store.store.quads_for_pattern(None, NamedNode(WCO + "concerns"), None, None)
        if slug(q.subject) in decisions
        and isinstance(q.object, NamedNode)
        and slug(q.object) in entities
    )


def test_instruments_ranked_by_decisions_concerning_them(
    store: GraphStore, day: str, analysis: Analysis
) -> None:
    counts = decisions_concerning(store, day, "Instrument")
    assert analysis.instruments_by_decisions
    for row in analysis.instruments_by_decisions:
        assert row.values["concerning"] == counts[row.id]
    assert analysis.instruments_by_decisions[0].values["concerning"] == max(counts.values())


def test_bodies_ranked_by_decisions(store: GraphStore, day: str, analysis: Analysis) -> None:
    decisions = decisions_by_day(store, day)
    concerning = decisions_concerning(store, day, "Body")
    for row in analysis.bodies_by_decisions:
        assert row.values["concerning"] == concerning[row.id]
        made = sum(
            1
            for meeting in subjects(store, WCO + "meetingOf", NamedNode(ID + row.id))
            for decision in subjects(store, WCO + "madeAt", meeting)
            if slug(decision) in decisions
        )
        assert row.values["made"] == made
    assert analysis.bodies_by_decisions[0].values["concerning"] == max(concerning.values())


def test_centrality_ranking(analysis: Analysis) -> None:
    ranking = analysis.centrality
    assert ranking
    scores = [row.values["betweenness"] for row in ranking]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 1 for score in scores)
    assert ranking[0].values["degree"] >= 2  # betweenness needs two neighbours
    in_tree = {node for node, _ in walk(analysis.tree)}
    assert ranking[0].id in in_tree


def test_cli_table_and_json(day: str, analysis: Analysis) -> None:
    runner = CliRunner()
    as_json = runner.invoke(main, ["analyze", "--format", "json", "--as-of", day])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output) == analysis.as_json()
    table = runner.invoke(main, ["analyze", "--as-of", day])
    assert table.exit_code == 0
    assert table.output == render_table(analysis)
    for node in analysis.tree:
        assert node.label in table.output
    assert runner.invoke(main, ["analyze", "--as-of", "yesterday"]).exit_code == 2
