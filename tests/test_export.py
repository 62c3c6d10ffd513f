"""Graph exports: every format read back by its own tool (networkx for GraphML and GEXF,
Graphviz for DOT, a line-by-line grammar for Mermaid, pyoxigraph and rdflib for RDF) and checked
against the store; the filters checked against what the data says.

Expected values come from the store through plain triple patterns, not through the export's
SPARQL, so a wrong query shows up as a difference.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode, RdfFormat, parse

from wcograph.cli import main
from wcograph.errors import QueryError
from wcograph.export.cytoscape import edge_id
from wcograph.export.formats import EXPORTERS, export_view
from wcograph.export.mermaid import ENTITY_CODES, MAX_NODES
from wcograph.export.style import display_label
from wcograph.namespaces import DCTERMS, ID, RDF, RDFS, WCO
from wcograph.pipeline import BuiltGraph
from wcograph.triples.store import GraphStore
from wcograph.triples.timeline import holds_on
from wcograph.view import around_node, graph_view

TYPE = NamedNode(RDF + "type")
SUBCLASS = NamedNode(RDFS + "subClassOf")
LABEL = NamedNode(RDFS + "label")
KIND_CLASSES = {
    "body": "Body",
    "organisation": "Organisation",
    "instrument": "Instrument",
    "meeting": "Event",
    "decision": "Decision",
    "task": "WorkProgrammeTask",
    "person": "Person",
}


# --- the store, read with triple patterns -----------------------------------------------------


def objects(store: GraphStore, subject: NamedNode, predicate: str) -> list:
    return [
        q.object for q in store.store.quads_for_pattern(subject, NamedNode(predicate), None, None)
    ]


def value(store: GraphStore, subject: NamedNode, predicate: str) -> str | None:
    found = objects(store, subject, predicate)
    return found[0].value if found else None


def subjects(
    store: GraphStore, predicate: str, obj: NamedNode | None = None
) -> Iterator[NamedNode]:
    for quad in store.store.quads_for_pattern(None, NamedNode(predicate), obj, None):
        yield quad.subject


def subclasses(store: GraphStore, top: str) -> set[NamedNode]:
    found, frontier = {NamedNode(WCO + top)}, [NamedNode(WCO + top)]
    while frontier:
        for sub in subjects(store, RDFS + "subClassOf", frontier.pop()):
            if sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def instances(store: GraphStore, top: str) -> set[str]:
    return {
        quad.subject.value[len(ID) :]
        for cls in subclasses(store, top)
        for quad in store.store.quads_for_pattern(None, TYPE, cls, None)
        if quad.subject.value.startswith(ID)
    }


def slug(node: NamedNode) -> str:
    return node.value[len(ID) :]


def body_last_day(store: GraphStore, body: NamedNode) -> str | None:
    ended = value(store, body, WCO + "endedOn")
    if ended:
        return ended
    by = value(store, body, WCO + "endedNoLaterThan")
    return (date.fromisoformat(by) - timedelta(days=1)).isoformat() if by else None


def reporting_lines(store: GraphStore) -> list[dict[str, str | None]]:
    """Every reporting line: body, superior, first and last day, as derived at build time
    (timeline.py; tests/test_timeline.py checks the derivation against the sources)."""
    lines = []
    for quad in store.store.quads_for_pattern(None, NamedNode(WCO + "reportingLine"), None, None):
        body, line = quad.subject, quad.object
        lines.append(
            {
                "line": slug(line),
                "body": slug(body),
                "superior": slug(objects(store, line, WCO + "superior")[0]),
                "from": value(store, line, WCO + "holdsFrom"),
                "until": value(store, line, WCO + "holdsUntil"),
            }
        )
    return lines


def lines_on(store: GraphStore, day: str) -> set[tuple[str, str]]:
    """(body, superior) pairs whose line holds on the day, between bodies that exist then."""

    def exists(body: str) -> bool:
        node = NamedNode(ID + body)
        return holds_on(day, value(store, node, WCO + "establishedOn"), body_last_day(store, node))

    return {
        (line["body"], line["superior"])
        for line in reporting_lines(store)
        if holds_on(day, line["from"], line["until"])
        and exists(line["body"])
        and exists(line["superior"])
    }


def meeting_days(store: GraphStore, body: str, year: int) -> list[str]:
    """Last days of the body's meetings in a year, from the data."""
    days = []
    for meeting in subjects(store, WCO + "meetingOf", NamedNode(ID + body)):
        end = value(store, meeting, WCO + "endDate") or value(store, meeting, WCO + "startDate")
        if end and end.startswith(str(year)):
            days.append(end)
    return sorted(days)


@pytest.fixture(scope="module")
def store(built: BuiltGraph) -> GraphStore:
    return built.store


@pytest.fixture(scope="module")
def view(store: GraphStore) -> nx.MultiDiGraph:
    return graph_view(store)


@pytest.fixture(scope="module")
def two_days(store: GraphStore) -> tuple[str, str]:
    """The last days of the PTC's 2018 and 2023 sessions: the two reports the data comes from."""
    early, late = meeting_days(store, "ptc", 2018), meeting_days(store, "ptc", 2023)
    assert early and late, "the data has PTC sessions in 2018 and 2023"
    return early[-1], late[-1]


# --- the view ---------------------------------------------------------------------------------


def test_view_nodes_are_the_store_entities_with_their_labels(
    store: GraphStore, view: nx.MultiDiGraph
) -> None:
    for kind, top in KIND_CLASSES.items():
        expected = instances(store, top)
        assert expected, f"the data has {kind} entities"
        found = {node for node, k in view.nodes(data="kind") if k == kind}
        assert found == expected, kind
    for node, data in view.nodes(data=True):
        subject = NamedNode(ID + node)
        assert data["label"] == value(store, subject, RDFS + "label")
        acronyms = {
            o.value for o in objects(store, subject, "http://www.w3.org/2004/02/skos/core#altLabel")
        }
        assert set(data["acronyms"]) == acronyms
        assert NamedNode(WCO + data["type"]) in {o for o in objects(store, subject, RDF + "type")}


def test_view_has_every_reporting_line_with_its_validity(
    store: GraphStore, view: nx.MultiDiGraph
) -> None:
    lines = reporting_lines(store)
    assert lines
    for line in lines:
        data = view.get_edge_data(line["body"], line["superior"], key=line["line"])
        assert data is not None, line
        assert data["kind"] == "reportsTo"
        assert data.get("validFrom") == line["from"]
        assert data.get("validUntil") == line["until"]
    assert sum(1 for *_, kind in view.edges(data="kind") if kind == "reportsTo") == len(lines)


def test_view_edges_are_store_links(store: GraphStore, view: nx.MultiDiGraph) -> None:
    predicates = {
        "responsibleFor": WCO + "responsibleFor",
        "meetingOf": WCO + "meetingOf",
        "madeAt": WCO + "madeAt",
        "concerns": WCO + "concerns",
        "successor": WCO + "successor",
        "assignedTo": WCO + "assignedTo",
    }
    for kind, predicate in predicates.items():
        expected = {
            (slug(q.subject), slug(q.object))
            for q in store.store.quads_for_pattern(None, NamedNode(predicate), None, None)
            if q.subject.value[len(ID) :] in view
            and isinstance(q.object, NamedNode)
            and q.object.value.startswith(ID)
            and q.object.value[len(ID) :] in view
        }
        found = {(s, t) for s, t, k in view.edges(data="kind") if k == kind}
        assert found == expected, kind
        assert expected or kind == "successor", f"the data has {kind} links"


def test_decision_nodes_carry_text_type_and_source(
    store: GraphStore, view: nx.MultiDiGraph
) -> None:
    for node, data in view.nodes(data=True):
        if data["kind"] != "decision":
            continue
        subject = NamedNode(ID + node)
        assert data["text"] == value(store, subject, WCO + "text")
        assert data["decisionType"] == value(store, subject, WCO + "decisionType").rsplit("/", 1)[1]
        meeting = objects(store, subject, WCO + "madeAt")[0]
        assert data["meeting"] == slug(meeting)
        assert data.get("date") == value(store, meeting, WCO + "startDate")
        passage = objects(store, subject, DCTERMS + "source")[0]
        assert data["paragraph"] == int(value(store, passage, WCO + "paragraph"))
        assert data["document"] == slug(objects(store, passage, WCO + "inDocument")[0])


# --- formats ----------------------------------------------------------------------------------


def test_graphml_reads_back_with_networkx(store: GraphStore, view: nx.MultiDiGraph) -> None:
    read = nx.read_graphml(io.BytesIO(export_view(view, "graphml")), force_multigraph=True)
    assert set(read.nodes) == set(view.nodes)
    for node, data in view.nodes(data=True):
        back = read.nodes[node]
        assert back["kind"] == data["kind"]
        assert back["label"] == data["label"]
        assert back.get("acronyms", "") == "; ".join(data["acronyms"])
        if data["kind"] == "decision":
            assert back["paragraph"] == data["paragraph"]  # declared int, read back as int
    assert set(read.edges(keys=True)) == set(view.edges(keys=True))
    for source, target, key, data in view.edges(keys=True, data=True):
        assert read.edges[source, target, key] == data


def test_gexf_reads_back_with_networkx(store: GraphStore, view: nx.MultiDiGraph) -> None:
    content = export_view(view, "gexf")
    read = nx.read_gexf(io.BytesIO(content))
    assert set(read.nodes) == set(view.nodes)
    for node, data in view.nodes(data=True):
        assert read.nodes[node]["label"] == data["label"]
        assert read.nodes[node]["kind"] == data["kind"]
    edges = {data["id"]: (source, target, data) for source, target, data in read.edges(data=True)}
    assert set(edges) == {edge_id(s, t, k) for s, t, k in view.edges(keys=True)}
    for source, target, key, data in view.edges(keys=True, data=True):
        back_source, back_target, back = edges[edge_id(source, target, key)]
        assert (back_source, back_target, back["kind"]) == (source, target, data["kind"])
        if data["kind"] == "reportsTo":  # the line's validity is its spell on Gephi's timeline
            assert back.get("start") == data.get("validFrom")
            assert back.get("end") == data.get("validUntil")
    assert b"lastmodifieddate" not in content  # the same data gives the same file


def test_cytoscape_json_is_the_elements_format(store: GraphStore, view: nx.MultiDiGraph) -> None:
    document = json.loads(export_view(view, "cytoscape"))
    elements = document["elements"]
    assert set(elements) == {"nodes", "edges"}
    node_ids = [node["data"]["id"] for node in elements["nodes"]]
    edge_ids = [edge["data"]["id"] for edge in elements["edges"]]
    assert all(set(element) == {"data"} for element in elements["nodes"] + elements["edges"])
    assert len(set(node_ids + edge_ids)) == len(node_ids) + len(edge_ids)  # ids unique across both
    assert set(node_ids) == set(view.nodes)
    for edge in elements["edges"]:
        data = edge["data"]
        assert isinstance(data["source"], str) and isinstance(data["target"], str)
        assert view.has_edge(data["source"], data["target"])
    assert len(edge_ids) == view.number_of_edges()
    for node in elements["nodes"]:
        assert node["data"]["label"] == view.nodes[node["data"]["id"]]["label"]


@pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz is not installed (Debian: graphviz)"
)
def test_dot_renders_to_svg_with_graphviz(store: GraphStore) -> None:
    view = graph_view(store, only=["bodies", "instruments"])
    svg = render_dot(export_view(view, "dot"))
    titles = svg_titles(svg, "node")
    assert titles == set(view.nodes)
    assert len(svg_titles(svg, "edge")) > 0
    assert sum(
        1 for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "edge"
    ) == len(drawn_pairs(view))


@pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz is not installed (Debian: graphviz)"
)
def test_dot_quotes_awkward_ids_and_labels(store: GraphStore) -> None:
    graph = awkward_graph()
    svg = render_dot(EXPORTERS["dot"](graph))
    assert svg_titles(svg, "node") == set(graph.nodes)
    texts = {"".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert any('say "hi"' in text for text in texts)
    assert any("back\\slash" in text for text in texts)


def test_mermaid_is_well_formed(store: GraphStore, view: nx.MultiDiGraph) -> None:
    check_mermaid(export_view(view, "mermaid").decode(), view)


def test_mermaid_escapes_awkward_ids_and_labels(store: GraphStore) -> None:
    graph = awkward_graph()
    check_mermaid(EXPORTERS["mermaid"](graph).decode(), graph)


def test_rdf_export_unfiltered_is_the_whole_graph(store: GraphStore, view: nx.MultiDiGraph) -> None:
    exported = {q.triple for q in parse(export_view(view, "nt"), format=RdfFormat.N_TRIPLES)}
    assert exported == {quad.triple for quad in store.quads()}


def test_rdf_export_of_a_filtered_view(store: GraphStore) -> None:
    bodies = graph_view(store, only=["bodies"])
    triples = [q.triple for q in parse(export_view(bodies, "ttl"), format=RdfFormat.TURTLE)]
    described = {t.subject.value[len(ID) :] for t in triples if t.subject.value.startswith(ID)}
    assert set(bodies.nodes) <= described
    left_out = set(graph_view(store).nodes) - set(bodies.nodes)
    assert not (described & left_out)
    linked = {
        t.object.value[len(ID) :]
        for t in triples
        if isinstance(t.object, NamedNode) and t.object.value.startswith(ID)
    }
    assert not (linked & left_out), "links to what the filter left out are cut"
    for node, data in bodies.nodes(data=True):
        assert (NamedNode(ID + node), LABEL) in {(t.subject, t.predicate) for t in triples}
        assert data["label"] in {
            t.object.value
            for t in triples
            if t.subject == NamedNode(ID + node) and t.predicate == LABEL
        }
    nt = {q.triple for q in parse(export_view(bodies, "nt"), format=RdfFormat.N_TRIPLES)}
    assert nt == set(triples)
    jsonld = {q.triple for q in parse(export_view(bodies, "jsonld"), format=RdfFormat.JSON_LD)}
    assert jsonld == nt


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_the_same_data_gives_the_same_bytes(store: GraphStore, fmt: str) -> None:
    view = graph_view(store, only=["bodies", "instruments"])
    again = graph_view(store, only=["bodies", "instruments"])
    assert export_view(view, fmt) == export_view(again, fmt)


# --- filters ----------------------------------------------------------------------------------


def test_only_keeps_the_chosen_kinds(store: GraphStore, view: nx.MultiDiGraph) -> None:
    bodies = graph_view(store, only=["bodies"])
    assert {kind for _, kind in bodies.nodes(data="kind")} == {"body"}
    assert set(bodies.nodes) == {node for node, kind in view.nodes(data="kind") if kind == "body"}
    assert {kind for *_, kind in bodies.edges(data="kind")} <= {"reportsTo", "successor", "partOf"}
    both = graph_view(store, only=["bodies", "instruments"])
    assert {kind for *_, kind in both.edges(data="kind")} >= {"reportsTo", "responsibleFor"}


def test_as_of_shows_the_reporting_lines_of_that_day(
    store: GraphStore, two_days: tuple[str, str]
) -> None:
    shown = {}
    for day in two_days:
        as_of = graph_view(store, as_of=date.fromisoformat(day))
        shown[day] = {(s, t) for s, t, kind in as_of.edges(data="kind") if kind == "reportsTo"}
        assert shown[day] == lines_on(store, day), day
        for source, _, kind in as_of.edges(data="kind"):
            if kind in {"madeAt", "meetingOf"}:
                assert as_of.nodes[source].get("date", as_of.nodes[source].get("start", "")) <= day
    early, late = two_days
    assert shown[early] != shown[late], "the structure changed between the two reports"


def test_as_of_drops_bodies_after_their_end(store: GraphStore, view: nx.MultiDiGraph) -> None:
    ended = {node: data["ended"] for node, data in view.nodes(data=True) if data.get("ended")}
    assert ended, "the data has bodies that ended"
    for node, last in ended.items():
        after = graph_view(store, as_of=date.fromisoformat(last) + timedelta(days=1))
        assert node not in after
        if view.nodes[node].get("established", last) <= last:
            assert node in graph_view(store, as_of=date.fromisoformat(last))


def test_around_keeps_the_neighbourhood(store: GraphStore, view: nx.MultiDiGraph) -> None:
    ptc = NamedNode(ID + "ptc")
    near = graph_view(store, around="PTC", depth=1)
    reporting = {line["body"] for line in reporting_lines(store) if line["superior"] == "ptc"}
    meetings = {slug(m) for m in subjects(store, WCO + "meetingOf", ptc)}
    decisions = instances(store, "Decision")
    concerning = {slug(d) for d in subjects(store, WCO + "concerns", ptc)} & decisions
    assert reporting and meetings
    assert reporting | meetings | concerning | {"ptc"} <= set(near.nodes)
    made_at = {
        slug(d) for m in meetings for d in subjects(store, WCO + "madeAt", NamedNode(ID + m))
    }
    assert made_at - concerning, "some PTC decisions concern something else than the PTC"
    assert not ((made_at - concerning) & set(near.nodes)), "a decision is two links away"
    further = graph_view(store, around="ptc", depth=2)
    assert made_at <= set(further.nodes)
    lengths = nx.single_source_shortest_path_length(view.to_undirected(), "ptc", cutoff=2)
    assert set(further.nodes) == set(lengths)


def test_around_needs_a_known_node(store: GraphStore, view: nx.MultiDiGraph) -> None:
    for name in ("Permanent Technical Committee", "ptc", "PTC", "id:ptc", ID + "ptc"):
        assert around_node(store, view, name) == "ptc"
    with pytest.raises(QueryError, match="no entity is called"):
        around_node(store, view, "no such body")
    bodies = graph_view(store, only=["bodies"])
    instrument = next(node for node, kind in view.nodes(data="kind") if kind == "instrument")
    with pytest.raises(QueryError, match="not a node of the exported view"):
        around_node(store, bodies, instrument)


# --- the command line -------------------------------------------------------------------------


def test_cli_writes_the_file_or_standard_output(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "bodies.graphml"
    result = runner.invoke(
        main, ["export", "--format", "graphml", "--only", "bodies", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    stdout = runner.invoke(main, ["export", "--format", "graphml", "--only", "bodies"])
    assert stdout.exit_code == 0
    assert out.read_bytes() == stdout.stdout_bytes
    read = nx.read_graphml(out)
    assert {kind for _, kind in read.nodes(data="kind")} == {"body"}
    assert not list(tmp_path.glob(".bodies.graphml.*")), "no temporary file left behind"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--around", "no such body"], "no entity is called"),
        (["--as-of", "2023-13-01"], "Invalid value for '--as-of'"),
        (["--only", "spaceships"], "Invalid value for '--only'"),
    ],
)
def test_cli_bad_input_is_exit_2(arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "dot", *arguments])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_choices_are_the_registries() -> None:
    from wcograph.cli import export_formats, only_kinds
    from wcograph.view import ONLY_CHOICES

    assert set(export_formats) == set(EXPORTERS)
    assert set(only_kinds) == set(ONLY_CHOICES)


def test_cli_help() -> None:
    for command in ("export", "analyze"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "--format" in result.output


# --- helpers ----------------------------------------------------------------------------------


def awkward_graph() -> nx.MultiDiGraph:
    """Ids and labels with the characters each syntax must escape."""
    graph = nx.MultiDiGraph()
    graph.add_node('a"b', kind="body", label='say "hi" <b>&amp;</b> #1', acronyms=())
    graph.add_node(
        "end", kind="instrument", label="back\\slash | pipe `tick`\nnew line", acronyms=()
    )
    graph.add_node("x-y", kind="body", label="graph { } [ ] ; -->", acronyms=("X|Y",))
    graph.add_node("x_y", kind="meeting", label="clash with x-y once sanitised", acronyms=())
    graph.add_edge('a"b', "end", key="responsibleFor", kind="responsibleFor")
    graph.add_edge(
        "x-y",
        'a"b',
        key="line/1",
        kind="reportsTo",
        validFrom="2018-01-01",
        validUntil="2019-12-31",
    )
    graph.add_edge("x_y", "x-y", key="meetingOf", kind="meetingOf")
    return graph


def drawn_pairs(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    """Drawings show one arrow per source, target and kind of link."""
    return {(source, target, kind) for source, target, kind in graph.edges(data="kind")}


def render_dot(source: bytes) -> ET.Element:
    result = subprocess.run(
        ["dot", "-Tsvg"], input=source, capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    assert not result.stderr.strip(), result.stderr.decode()  # no syntax warnings either
    return ET.fromstring(result.stdout)


def svg_titles(svg: ET.Element, cls: str) -> set[str]:
    ns = "{http://www.w3.org/2000/svg}"
    return {g.find(f"{ns}title").text for g in svg.iter(f"{ns}g") if g.get("class") == cls}


MERMAID_NODE = re.compile(r'^  (n_[A-Za-z0-9_]+)\["([^"]*)"\]:::([a-z]+)$')
MERMAID_EDGE = re.compile(r"^  (n_[A-Za-z0-9_]+) (-->|-\.->)\|([^|\"]*)\| (n_[A-Za-z0-9_]+)$")
MERMAID_CLASS = re.compile(
    r"^  classDef [a-z]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}$"
)
MERMAID_SCHEDULED = re.compile(r"^  classDef scheduled stroke-dasharray:5 3$")
MERMAID_CLASS_USE = re.compile(r"^  class n_[A-Za-z0-9_]+(,n_[A-Za-z0-9_]+)* scheduled$")
MERMAID_BLOCK = re.compile(r"^## ([^\n]+) \((\d+) nodes\)\n\n```mermaid\n(.*?)\n```$", re.M | re.S)


def decode_mermaid(text: str) -> str:
    for char, code in ENTITY_CODES.items():
        text = text.replace(code, char)
    return text


def check_flowchart(text: str) -> tuple[dict[str, str], set[str], list[tuple[str, str]]]:
    """Every line is a header, a node, an edge, a class definition or use; every edge joins
    declared nodes. Returns the declared nodes' labels, the classes defined and the edges."""
    lines = text.splitlines()
    assert lines[0] == "flowchart BT"
    declared: dict[str, str] = {}
    kinds: set[str] = set()
    edges = []
    for number, line in enumerate(lines[1:], start=2):
        if node := MERMAID_NODE.match(line):
            assert node[1] not in declared, f"line {number}: {node[1]} declared twice"
            assert "<" not in node[2] and ">" not in node[2] and "\n" not in node[2]
            declared[node[1]] = decode_mermaid(node[2])
        elif edge := MERMAID_EDGE.match(line):
            assert edge[1] in declared and edge[4] in declared, f"line {number}: undeclared node"
            edges.append((edge[1], edge[4]))
        elif MERMAID_CLASS.match(line):
            kinds.add(line.split()[1])
        elif MERMAID_SCHEDULED.match(line) or MERMAID_CLASS_USE.match(line):
            continue
        else:
            raise AssertionError(f"line {number} is not Mermaid flowchart syntax: {line!r}")
    return declared, kinds, edges


def check_mermaid(text: str, graph: nx.MultiDiGraph) -> None:
    """One flowchart, or for a large graph a Markdown page of flowcharts under headings that
    together declare every node once and draw every link inside one of them; labels decode
    back to the display labels."""
    if text.startswith("flowchart"):
        charts = [text]
    else:
        found = MERMAID_BLOCK.findall(text)
        assert len(found) == text.count("```mermaid") > 1
        charts = [chart for _, _, chart in found]
        for _, count, chart in found:
            assert chart.count(":::") == int(count) <= MAX_NODES
    declared: dict[str, str] = {}
    kinds: set[str] = set()
    edges = 0
    for chart in charts:
        nodes, defined, drawn = check_flowchart(chart)
        assert not set(nodes) & set(declared), "a node is in two diagrams"
        declared.update(nodes)
        kinds |= defined
        edges += len(drawn)
    across = re.search(r"; (\d+) links join nodes of two diagrams", text)
    assert edges + (int(across[1]) if across else 0) == len(drawn_pairs(graph))
    assert len(declared) == graph.number_of_nodes()
    assert sorted(declared.values()) == sorted(
        " ".join(display_label(d).split()) for _, d in graph.nodes(data=True)
    )
    assert {kind for _, kind in graph.nodes(data="kind")} <= kinds


def test_holds_on_includes_both_ends() -> None:
    assert holds_on("2018-04-16", "2018-04-16", None) and not holds_on(
        "2018-04-15", "2018-04-16", None
    )
    assert holds_on("2023-12-31", None, "2023-12-31") and not holds_on(
        "2024-01-01", None, "2023-12-31"
    )
