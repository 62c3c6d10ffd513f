"""``wcograph publish``: put the release into a triple store someone already runs, then check
that the store answers the query library as wcograph does.

The release goes in as one named graph per version through the SPARQL 1.1 Graph Store HTTP
Protocol: a single ``PUT ?graph=IRI`` replaces the graph's content with the release and its
version note in one request. The questions (queries/cq) are then sent to the store's query
endpoint with their first example's values written in (``sparql_text.bind_text``; a remote store
has no SEP-0007 substitutions) and ``FROM <IRI>``, so that they read the release's graph alone
whatever the store's default graph is; the answers are compared with the local store's, row for
row as multisets (ORDER BY ties may come back in either order).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from pyoxigraph import DefaultGraph, Literal, NamedNode, RdfFormat, Triple, serialize

from wcograph import __version__
from wcograph.errors import Problem, WcographError
from wcograph.namespaces import DCTERMS, OWL, XSD
from wcograph.query.answer import bound_example
from wcograph.query.library import listed_queries
from wcograph.serve.results import read_json
from wcograph.serve.sparql_text import bind_text, with_dataset
from wcograph.triples.store import GraphStore

RELEASES = "https://w3id.org/wcograph/release/"
TURTLE = "text/turtle"
RESULTS_JSON = "application/sparql-results+json"


def release_graph(version: str = __version__) -> str:
    return RELEASES + version


@dataclass(frozen=True)
class Target:
    """A store: its Graph Store Protocol URL, its query URL, and how to log in."""

    graph_store: str
    query: str
    auth: httpx.Auth | None = None


def login(user: str | None, password: str | None, scheme: str) -> httpx.Auth | None:
    if user is None:
        return None
    if password is None:
        raise WcographError(Problem("--user needs a password: give --password-env VARIABLE"))
    return (
        httpx.DigestAuth(user, password) if scheme == "digest" else httpx.BasicAuth(user, password)
    )


def release_body(store: GraphStore, graph_iri: str, version: str) -> bytes:
    """The graph as N-Triples (which any Turtle parser reads) plus the version note: the graph's
    own IRI with the release's version and the time it was published."""
    graph = NamedNode(graph_iri)
    note = [
        Triple(graph, NamedNode(OWL + "versionInfo"), Literal(version)),
        Triple(
            graph,
            NamedNode(DCTERMS + "modified"),
            Literal(
                datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                datatype=NamedNode(XSD + "dateTime"),
            ),
        ),
    ]
    data = store.store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph()) or b""
    return data + (serialize(note, format=RdfFormat.N_TRIPLES) or b"")


def put_graph(client: httpx.Client, target: Target, graph_iri: str, body: bytes) -> None:
    response = client.put(
        target.graph_store,
        params={"graph": graph_iri},
        content=body,
        headers={"Content-Type": TURTLE},
    )
    if response.status_code not in {200, 201, 204}:
        raise WcographError(
            Problem(
                f"the store refused the graph: HTTP {response.status_code} {response.text[:300]}",
                hint=f"PUT {target.graph_store}?graph={graph_iri} (the Graph Store Protocol)",
            )
        )


@dataclass(frozen=True)
class Comparison:
    name: str
    local_rows: int
    remote_rows: int
    missing: list[dict[str, str]]
    unexpected: list[dict[str, str]]
    error: str | None = None

    @property
    def same(self) -> bool:
        return self.error is None and not self.missing and not self.unexpected


def library_requests(store: GraphStore, graph_iri: str) -> Iterator[tuple[str, str, Counter]]:
    """For each question of the library: its name, the text to send and the local answer."""
    for query in listed_queries():
        target, bindings = bound_example(store, query)
        solutions = store.select(target.text, bindings)
        names = [variable.value for variable in solutions.variables]
        local = Counter(_row_key({n: s[n] for n in names if s[n] is not None}) for s in solutions)
        yield query.name, with_dataset(bind_text(target.text, bindings), graph_iri), local


def _row_key(row: dict[str, Any]) -> frozenset[tuple[str, str]]:
    return frozenset((name, str(term)) for name, term in row.items())


def ask_remote(client: httpx.Client, target: Target, text: str) -> Counter:
    response = client.post(target.query, data={"query": text}, headers={"Accept": RESULTS_JSON})
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")
    return Counter(_row_key(row) for row in read_json(response.json()))


def compare_library(
    client: httpx.Client,
    target: Target,
    store: GraphStore,
    graph_iri: str,
    progress: Callable[[Comparison], None] = lambda _: None,
) -> list[Comparison]:
    results = []
    for name, text, local in library_requests(store, graph_iri):
        try:
            remote = ask_remote(client, target, text)
        except (RuntimeError, httpx.HTTPError, ValueError, KeyError) as err:
            comparison = Comparison(name, local.total(), 0, [], [], str(err))
        else:
            comparison = Comparison(
                name,
                local.total(),
                remote.total(),
                [dict(key) for key in (local - remote)],
                [dict(key) for key in (remote - local)],
            )
        progress(comparison)
        results.append(comparison)
    return results


def publish(
    store: GraphStore,
    target: Target,
    graph_iri: str,
    version: str = __version__,
    progress: Callable[[Comparison], None] = lambda _: None,
    timeout: float = 120,
) -> list[Comparison]:
    """Replace the release graph in the store, then compare the library's answers."""
    with httpx.Client(auth=target.auth, timeout=timeout) as client:
        try:
            put_graph(client, target, graph_iri, release_body(store, graph_iri, version))
            return compare_library(client, target, store, graph_iri, progress)
        except httpx.TransportError as err:
            raise WcographError(Problem(f"cannot reach the store: {err}")) from None


def target_of(
    endpoint: str, query_endpoint: str | None, user: str | None, password: str | None, scheme: str
) -> Target:
    """The store at ``endpoint``, asked at ``query_endpoint`` when it has its own."""
    return Target(endpoint, query_endpoint or endpoint, login(user, password, scheme))


def describe(result: Comparison) -> str:
    """One question's comparison: same or not, the rows on each side, the error, and the
    first few rows found on one side only."""
    state = "same" if result.same else "DIFFERENT"
    lines = [
        f"  {state:<9} {result.name} ({result.local_rows} rows here, {result.remote_rows} there)"
    ]
    lines += [f"    error: {result.error}"] if result.error else []
    lines += [f"    missing there: {row}" for row in result.missing[:3]]
    lines += [f"    only there:    {row}" for row in result.unexpected[:3]]
    return "\n".join(lines)


def tally(results: list[Comparison]) -> str:
    same = sum(1 for result in results if result.same)
    return f"{same} of {len(results)} questions answer the same"
