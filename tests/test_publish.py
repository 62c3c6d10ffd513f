"""`wcograph publish` into real triple stores started on loopback with a temporary database
folder: Virtuoso (Debian's virtuoso-opensource), Oxigraph's server (PyPI), and Apache Jena
Fuseki when its jar is at hand (benchmarks/stores.py says why not otherwise). For each store the
whole query library is compared with the local answers; a second publish replaces the graph
rather than adding to it; and a store whose data was changed is caught.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from benchmarks import stores
from wcograph.cli import main
from wcograph.namespaces import ID, OWL, WCO
from wcograph.pipeline import BuiltGraph
from wcograph.query.library import listed_queries
from wcograph.serve import publish
from wcograph.serve.results import read_json

pytestmark = pytest.mark.slow

GRAPH = "https://w3id.org/wcograph/release/test"


@pytest.fixture(scope="module", params=["virtuoso", "oxigraph", "fuseki"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[stores.Running]:
    reason = stores.unavailable(request.param)
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp(request.param)
    with stores.STORES[request.param](folder) as running:
        yield running


def publish_command(store: stores.Running, *extra: str) -> list[str]:
    assert store.graph_store is not None
    command = ["publish", "--endpoint", store.graph_store, "--query-endpoint", store.query]
    if store.auth:
        scheme, user, _ = store.auth
        command += ["--user", user, "--password-env", "STORE_PASSWORD", "--auth", scheme]
    return command + list(extra)


def password(store: stores.Running) -> dict[str, str]:
    return {"STORE_PASSWORD": store.auth[2]} if store.auth else {}


def remote_select(store: stores.Running, query: str) -> list[dict[str, str]]:
    auth = None
    if store.auth:
        scheme, user, secret = store.auth
        auth = publish.login(user, secret, scheme)
    response = httpx.post(
        store.query,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        auth=auth,  # type: ignore[arg-type]
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return [{k: v.value for k, v in row.items()} for row in read_json(response.json())]


def graph_size(store: stores.Running) -> int:
    rows = remote_select(
        store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    )
    return int(rows[0]["n"])


def test_publish_round_trips_the_whole_library(store: stores.Running, built: BuiltGraph) -> None:
    runner = CliRunner()
    first = runner.invoke(main, publish_command(store, "--graph", GRAPH), env=password(store))
    questions = len(listed_queries())
    assert first.exit_code == 0, first.output
    assert f"{questions} of {questions} questions answer the same" in first.output
    assert "DIFFERENT" not in first.output
    # The release and its version note, and nothing else, are in the graph.
    assert graph_size(store) == len(built.store) + 2
    note = remote_select(
        store,
        f"SELECT ?v WHERE {{ GRAPH <{GRAPH}> {{ <{GRAPH}> <{OWL}versionInfo> ?v }} }}",
    )
    assert [row["v"] for row in note] == [publish.__version__]

    again = runner.invoke(main, publish_command(store, "--graph", GRAPH), env=password(store))
    assert again.exit_code == 0, again.output
    assert graph_size(store) == len(built.store) + 2, "a second publish replaces the graph"


def test_a_changed_store_is_caught(tmp_path: Path, built: BuiltGraph) -> None:
    """Publish to a fresh Oxigraph server, remove the DMPT's lines there, compare again."""
    with stores.oxigraph_server(tmp_path) as server:
        assert server.graph_store
        target = publish.Target(server.graph_store, server.query)
        results = publish.publish(built.store, target, GRAPH)
        assert all(result.same for result in results)
        update = server.query.removesuffix("/query") + "/update"
        removal = f"DELETE WHERE {{ GRAPH <{GRAPH}> {{ <{ID}dmpt> <{WCO}reportingLine> ?line }} }}"
        assert httpx.post(update, data={"update": removal}).status_code in {200, 204}
        with httpx.Client(timeout=60) as client:
            after = publish.compare_library(client, target, built.store, GRAPH)
    differing = {result.name for result in after if not result.same}
    assert "cq/bodies-reporting-to" in differing
    missing = next(r for r in after if r.name == "cq/bodies-reporting-to").missing
    assert any(row.get("sub") == "<https://w3id.org/wcograph/id/dmpt>" for row in missing)


def test_an_unreachable_store_is_a_clear_error() -> None:
    port = stores.free_port()
    result = CliRunner().invoke(main, ["publish", "--endpoint", f"http://127.0.0.1:{port}/ds"])
    assert result.exit_code == 2
    assert "cannot reach the store" in result.output
