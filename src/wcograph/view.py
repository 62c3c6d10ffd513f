"""The graph as a typed networkx view: the bridge from the RDF store to every graph format and to
the analytics.

Nodes are keyed by slug (``ptc``) and carry ``kind`` (body, organisation, instrument, meeting,
decision, task, person), ``type`` (the wcograph class, ``Committee``), ``label``, ``acronyms`` (a
tuple) and their dates as ISO strings. Edges are keyed by relation and carry ``kind``
(reportsTo, responsibleFor, meetingOf, madeAt, concerns, successor, ...) and, where the graph
dates them, ``validFrom`` / ``validUntil``. The SPARQL that reads them is ``queries/export/*.rq``.

Filters, in this order: ``as_of`` (the structure on a day), ``only`` (some kinds of node),
``around`` (the neighbourhood of one node, ``depth`` links away).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

import networkx as nx
from pyoxigraph import NamedNode, Quad

from wcograph.errors import Problem, QueryError
from wcograph.namespaces import ID, entity, slug_of, term
from wcograph.query.resolve import resolve_entity
from wcograph.query.run import Row, run_named_query
from wcograph.triples.store import GraphStore
from wcograph.triples.timeline import holds_on, last_day

KINDS = ("body", "organisation", "instrument", "meeting", "decision", "task", "person")
"""Node kinds, in drawing order."""

ONLY_CHOICES = {
    "bodies": "body",
    "organisations": "organisation",
    "instruments": "instrument",
    "meetings": "meeting",
    "decisions": "decision",
    "tasks": "task",
    "persons": "person",
}
"""The names ``--only`` takes, mapped to node kinds."""


def graph_view(
    store: GraphStore,
    only: Collection[str] | None = None,
    as_of: date | None = None,
    around: str | None = None,
    depth: int = 2,
) -> nx.MultiDiGraph:
    """The typed view of the graph, filtered.

    ``only`` holds node kinds (``body``) or their plural names (``bodies``); ``around`` is an id,
    IRI, label or acronym (resolve.py).
    """
    graph = full_view(store)
    universe = frozenset(graph.nodes) | {line for *_, line in graph.edges(data="line") if line}
    graph = view_as_of(graph, as_of) if as_of is not None else view_on_day(graph, TODAY)
    if only:
        graph = view_of_kinds(graph, only)
    if around is not None:
        graph = view_around(graph, around_node(store, graph, around), depth)
    graph.graph["filters"] = _filters(only, as_of, around, depth)
    # Every node and reporting line before filtering: the RDF export cuts the links to what the
    # filters left out.
    graph.graph["universe"] = universe
    # The view's own triples, read from the store only when an RDF format asks: so an exporter
    # takes the view and nothing else.
    graph.graph[TRIPLES] = Describer(store)
    return graph


TRIPLES = "triples"
"""The view's attribute that gives its triples: ``view.graph[TRIPLES](view)`` (view_quads)."""


def store_of(view: nx.MultiDiGraph) -> GraphStore | None:
    """The store a view was read from (the explorer's timeline and charts read more of it)."""
    describer = view.graph.get(TRIPLES)
    return describer.store if isinstance(describer, Describer) else None


class Describer:
    """The triples behind a view, read from the store when asked. A copy of a view (networkx
    deep-copies its attributes) shares it: the store is not copied."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def __call__(self, view: nx.MultiDiGraph) -> list[Quad]:
        return view_quads(view, self.store)

    def __deepcopy__(self, memo: dict[int, Any]) -> Describer:
        return self


SOURCE = term("dcterms", "source")


def view_quads(graph: nx.MultiDiGraph, store: GraphStore) -> list[Quad]:
    """The triples behind a view. Unfiltered, the whole graph (ontology and data, as ``wcograph
    build`` writes it). Filtered, the description of every entity in the view, of the reporting
    lines it shows and of the source passages they cite; links to entities and reporting lines
    the filters left out are cut (links to agenda items, documents and the vocabulary stay)."""
    if not graph.graph.get("filters"):
        return list(store.quads())
    kept = {entity(node) for node in graph.nodes}
    kept |= {entity(line) for *_, line in graph.edges(data="line") if line}
    everything = {entity(node) for node in graph.graph.get("universe", ())}
    quads = _described(store, kept)
    passages = {
        q.object for q in quads if q.predicate == SOURCE and isinstance(q.object, NamedNode)
    }
    kept |= passages
    quads += _described(store, passages)
    return [
        quad
        for quad in quads
        if not isinstance(quad.object, NamedNode)
        or quad.object in kept
        or quad.object not in everything
    ]


def _described(store: GraphStore, subjects: Iterable[NamedNode]) -> list[Quad]:
    return [
        quad
        for subject in sorted(subjects, key=lambda node: node.value)
        for quad in store.store.quads_for_pattern(subject, None, None, None)
    ]


def full_view(store: GraphStore) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    _add_nodes(graph, store)
    _add_edges(graph, store)
    return graph


# --- nodes ------------------------------------------------------------------------------------


def _add_nodes(graph: nx.MultiDiGraph, store: GraphStore) -> None:
    for row in run_named_query(store, "export/bodies"):
        _add_node(
            graph,
            row,
            "body",
            established=row["established"],
            **_end_of(row["ended"], row["endedBy"]),
        )
    for row in run_named_query(store, "export/organisations"):
        _add_node(graph, row, "organisation")
    for row in run_named_query(store, "export/instruments"):
        _add_node(graph, row, "instrument", firstStage=row["firstStage"])
    for row in run_named_query(store, "export/meetings"):
        _add_node(
            graph,
            row,
            "meeting",
            start=row["start"],
            end=row["end"],
            place=row["place"],
            status=row["status"],
        )
    for row in run_named_query(store, "export/tasks"):
        _add_node(
            graph,
            row,
            "task",
            type="WorkProgrammeTask",
            topic=row["topic"],
            taskType=row["taskType"],
            timeline=row["timeline"],
            progress=row["progress"],
        )
    for row in run_named_query(store, "export/persons"):
        _add_node(graph, row, "person", type="Person")
    for row in run_named_query(store, "export/decisions"):
        _add_node(
            graph,
            row,
            "decision",
            type="Decision",
            text=row["text"],
            decisionType=_local(row["type"]),
            decisionTypeLabel=row["typeLabel"],
            meeting=_slug(row["meeting"]),
            date=row["date"],
            paragraph=row["paragraph"],
            bullet=row["bullet"],
            passage=row["passageLabel"],
            document=_slug(row["document"]),
            documentNumber=row["documentNumber"],
            documentTitle=row["documentTitle"],
        )


def _end_of(ended: str | None, ended_by: str | None) -> dict[str, Any]:
    """A body's last day: wco:endedOn, or for an end the sources do not date, the day before
    wco:endedNoLaterThan (it had ended by then)."""
    end = last_day(
        date.fromisoformat(ended) if ended else None,
        date.fromisoformat(ended_by) if ended_by else None,
    )
    if end is None or not end[1]:
        return {"ended": ended}
    return {"ended": end[0].isoformat(), "endedBy": ended_by, "endDateGiven": False}


def _add_node(graph: nx.MultiDiGraph, row: Row, kind: str, **extra: Any) -> None:
    """Adds the node of a row; a further row of the same node (one per acronym) adds its acronym."""
    node = _slug(row["node"])
    acronym = row.get("acronym")
    if node is None:
        return
    if node in graph:
        known = graph.nodes[node]
        if known["kind"] == kind and acronym and acronym not in known["acronyms"]:
            known["acronyms"] = tuple(sorted((*known["acronyms"], acronym)))
        return
    attributes: dict[str, Any] = {
        "kind": kind,
        "type": extra.pop("type", None) or _local(row.get("class")),
        "label": row["label"],
        "acronyms": (acronym,) if acronym else (),
        "iri": ID + node,
        "curatedAt": row.get("curatedAt"),
        **extra,
    }
    graph.add_node(node, **{key: value for key, value in attributes.items() if value is not None})


# --- edges ------------------------------------------------------------------------------------


def _add_edges(graph: nx.MultiDiGraph, store: GraphStore) -> None:
    # Validity, status and caveats are read as derived at build time (timeline.py): the same
    # answer every query gives, so the view, the exports and the explorer cannot disagree.
    states: dict[str | None, list[tuple[str, str | None, str, str | None]]] = {}
    for row in run_named_query(store, "export/line-states"):
        line_id = _slug(row["line"])
        assert line_id is not None, "every line state names its line"
        states.setdefault(line_id, []).append(
            (row["from"], row["until"], row["status"], row["caveat"])
        )
    for row in run_named_query(store, "export/reporting-lines"):
        line = _slug(row["line"])
        assert line is not None, "every reporting line has an IRI"
        _add_edge(
            graph,
            _slug(row["body"]),
            _slug(row["superior"]),
            "reportsTo",
            key=line,
            validFrom=row["validFrom"],
            validUntil=row["validUntil"],
            evidence=row["evidence"],
            passage=row["passageLabel"],
            line=line,
            endDateGiven=False if row["endUndated"] == "true" else None,
            lastEvidenced=row["lastEvidenced"],
            states=tuple(sorted(states.get(line, ()))) or None,
        )
    for row in run_named_query(store, "export/responsibilities"):
        _add_edge(
            graph,
            _slug(row["body"]),
            _slug(row["instrument"]),
            "responsibleFor",
            validFrom=row["validFrom"],
            validUntil=row["validUntil"],
            lastEvidenced=row["lastEvidenced"],
            passage=row["passageLabel"],
        )
    for row in run_named_query(store, "export/successors"):
        _add_edge(
            graph,
            _slug(row["body"]),
            _slug(row["successor"]),
            "successor",
            validFrom=row["date"],
            event=row["kind"],
        )
    # Sorted here, not by ORDER BY: on a million triples Python sorts the ~170,000 links in a
    # fraction of the time the store takes to order them by IRI (benchmarks/, issue 7).
    links = run_named_query(store, "export/links")
    for row in sorted(links, key=lambda r: (r["relation"], r["source"], r["target"])):
        source, target = _slug(row["source"]), _slug(row["target"])
        dated = graph.nodes.get(source, {})
        _add_edge(
            graph,
            source,
            target,
            row["relation"],
            validFrom=dated.get("date") or dated.get("start"),
        )


def _add_edge(
    graph: nx.MultiDiGraph,
    tail: str | None,
    head: str | None,
    kind: str,
    key: str | None = None,
    **attributes: Any,
) -> None:
    """Adds the edge when both ends are nodes of the view (links to documents, agenda items and
    other entities that are not drawn are left out)."""
    if tail not in graph or head not in graph:
        return
    key = key or kind
    if graph.has_edge(tail, head, key):
        return
    values = {name: value for name, value in attributes.items() if value is not None}
    graph.add_edge(tail, head, key=key, kind=kind, **values)


def state_on(
    day: str, states: Iterable[tuple[str, str | None, str, str | None]] | None
) -> tuple[str | None, str | None]:
    """(status, caveat) of a line on a day, from its derived states."""
    for first, last, status, caveat in states or ():
        if holds_on(day, first, last):
            return status, caveat
    return None, None


# --- filters ----------------------------------------------------------------------------------


def node_holds_on(attributes: dict[str, Any], day: str) -> bool:
    """A body exists from its establishment to its end; a meeting or decision is in the
    structure once it has happened; organisations, instruments, tasks and persons always."""
    kind = attributes["kind"]
    if kind == "body":
        return holds_on(day, attributes.get("established"), attributes.get("ended"))
    if kind == "meeting":
        return holds_on(day, attributes.get("start"), None)
    if kind == "decision":
        return holds_on(day, attributes.get("date"), None)
    return True


TODAY = "9999-12-31"
"""The day the queries answer for when none is given: every line with no end."""


def view_on_day(graph: nx.MultiDiGraph, day: str) -> nx.MultiDiGraph:
    """Every node and edge, with each line's caveats reduced to those that apply on the day."""
    view = nx.MultiDiGraph()
    view.add_nodes_from(graph.nodes(data=True))
    view.add_edges_from(
        (source, target, key, _on_day(data, day))
        for source, target, key, data in graph.edges(keys=True, data=True)
    )
    return view


def view_as_of(graph: nx.MultiDiGraph, day: date) -> nx.MultiDiGraph:
    """The nodes and edges that hold on the day: reporting lines valid then, bodies that existed,
    meetings and decisions that had taken place."""
    iso = day.isoformat()
    view = nx.MultiDiGraph()
    view.add_nodes_from(
        (node, data) for node, data in graph.nodes(data=True) if node_holds_on(data, iso)
    )
    view.add_edges_from(
        (source, target, key, _on_day(data, iso))
        for source, target, key, data in graph.edges(keys=True, data=True)
        if source in view
        and target in view
        and holds_on(iso, data.get("validFrom"), data.get("validUntil"))
    )
    return view


def _on_day(data: dict[str, Any], day: str) -> dict[str, Any]:
    """An edge's attributes on a day: its derived states reduced to the status and caveat of
    that day (the columns the queries print)."""
    if "states" not in data:
        return data
    edge = {name: value for name, value in data.items() if name != "states"}
    status, caveat = state_on(day, data["states"])
    edge.update({name: value for name, value in (("status", status), ("caveat", caveat)) if value})
    return edge


def view_of_kinds(graph: nx.MultiDiGraph, only: Iterable[str]) -> nx.MultiDiGraph:
    kinds = {_kind(name) for name in only}
    nodes = [node for node, kind in graph.nodes(data="kind") if kind in kinds]
    return nx.MultiDiGraph(graph.subgraph(nodes))


def view_around(graph: nx.MultiDiGraph, node: str, depth: int) -> nx.MultiDiGraph:
    """The nodes at most ``depth`` links from the node, whichever way the links point."""
    if depth < 0:
        raise QueryError(Problem(f"depth must be 0 or more, not {depth}"))
    near = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), node, cutoff=depth
    )
    return nx.MultiDiGraph(graph.subgraph(near))


def around_node(store: GraphStore, graph: nx.MultiDiGraph, name: str) -> str:
    """The node a name (id, IRI, label or acronym: resolve.py) stands for, if the view has it."""
    found = _slug(resolve_entity(store, name).value)
    if found not in graph:
        raise QueryError(
            Problem(
                f"{name!r} ({found}) is not a node of the exported view",
                hint="it is no body, organisation, instrument, meeting, decision, task "
                "or person, or --only / --as-of left it out",
            )
        )
    return str(found)


def _kind(name: str) -> str:
    kind = ONLY_CHOICES.get(name, name)
    if kind not in KINDS:
        raise QueryError(
            Problem(f"unknown kind of node {name!r}", hint=f"choose from {', '.join(ONLY_CHOICES)}")
        )
    return kind


def _filters(
    only: Collection[str] | None, as_of: date | None, around: str | None, depth: int
) -> dict[str, str]:
    filters = {}
    if only:
        filters["only"] = ",".join(sorted(_kind(name) for name in only))
    if as_of is not None:
        filters["as_of"] = as_of.isoformat()
    if around is not None:
        filters["around"] = around
        filters["depth"] = str(depth)
    return filters


# --- values -----------------------------------------------------------------------------------


def _slug(value: str | None) -> str | None:
    """``id:ptc`` (a compacted entity IRI) -> ``ptc``."""
    if value is None:
        return None
    slug = slug_of(value)
    return value if slug is None else slug


def _local(value: str | None) -> str | None:
    return value.split(":", 1)[1] if value and ":" in value else value


def flat_attributes(attributes: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """Attribute values every graph format can hold: tuples and lists joined with ``; ``,
    missing values left out."""
    flat: dict[str, str | int | float | bool] = {}
    for name, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | set | frozenset):
            value = "; ".join(str(item) for item in value)
        elif not isinstance(value, str | int | float | bool):
            value = str(value)
        flat[name] = value
    return flat


def flattened(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the view whose attribute values are all strings, integers, floats or booleans."""
    flat = nx.MultiDiGraph()
    flat.graph.update(flat_attributes(graph.graph.get("filters", {})))
    flat.add_nodes_from((node, flat_attributes(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from(
        (source, target, key, flat_attributes(data))
        for source, target, key, data in graph.edges(keys=True, data=True)
    )
    return flat
