"""`wcograph serve` over HTTP: the real command on a free loopback port, with the real graph.

Protocol (GET, POST form, POST sparql-query; JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD;
service description; CORS), the refusals (updates in every form, SERVICE, a query that runs
forever, a 100 MB body, malformed SPARQL, an unknown Accept, odd entity paths, a result over the
row cap), and the entity pages. Expected answers come from the store the tests build, not from
the server.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, RdfFormat, Triple, parse

from wcograph.namespaces import ID, PREFIXES, RDFS, SKOS, WCO
from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import bound_example
from wcograph.query.library import listed_queries, named_query
from wcograph.serve import sparql_text
from wcograph.serve.workers import AnswerCache, Job, Reply
from wcograph.triples.store import GraphStore

from .serving import Server, wcograph_server
from .test_export import lines_on, objects, reporting_lines, subjects, value

pytestmark = pytest.mark.slow

TIMEOUT = 2
PTC_LINES = """
SELECT ?sub ?line WHERE {
  ?line wco:superior id:ptc . ?sub wco:reportingLine ?line .
} ORDER BY ?line
"""
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"
HTML = {"Accept": "text/html"}
EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(built: BuiltGraph) -> Iterator[Server]:
    # No answer cache: every request, the refusal tests' store checks included, runs for real.
    with wcograph_server("--timeout", str(TIMEOUT), "--workers", "2", "--cache", "0") as running:
        yield running


@pytest.fixture(scope="module")
def store(built: BuiltGraph) -> GraphStore:
    return built.store


Row = dict[str, NamedNode | Literal | BlankNode]


def local_rows(store: GraphStore, query: str) -> list[Row]:
    """The store's own answer, as RDF terms."""
    solutions = store.store.query(query, prefixes=PREFIXES)
    assert isinstance(solutions, QuerySolutions)
    return solution_rows(solutions)


def solution_rows(solutions: QuerySolutions) -> list[Row]:
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in solutions]


def json_term(value: dict[str, str]) -> NamedNode | Literal | BlankNode:
    if value["type"] == "uri":
        return NamedNode(value["value"])
    if value["type"] == "bnode":
        return BlankNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return Literal(value["value"], datatype=NamedNode(value["datatype"]))
    return Literal(value["value"])


def json_rows(document: dict) -> list[Row]:
    return [{k: json_term(v) for k, v in row.items()} for row in document["results"]["bindings"]]


def triples_of(body: bytes, fmt: RdfFormat) -> set[Triple]:
    return {quad.triple for quad in parse(body, format=fmt)}


# --- the protocol ------------------------------------------------------------------------------


def test_health(server: Server, store: GraphStore) -> None:
    health = server.get("/health").json()
    assert health == {"status": "ok", "triples": len(store), "workers": 2}


@pytest.mark.parametrize("how", ["get", "post-form", "post-query"])
def test_select_json_by_every_request_form(server: Server, store: GraphStore, how: str) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    if how == "get":
        response = server.get("/sparql", params={"query": PTC_LINES}, headers=accept)
    elif how == "post-form":
        response = server.post("/sparql", data={"query": PTC_LINES}, headers=accept)
    else:
        headers = {**accept, "Content-Type": "application/sparql-query"}
        response = server.post("/sparql", content=PTC_LINES.encode(), headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    expected = local_rows(store, PTC_LINES)
    assert json_rows(response.json()) == expected
    assert {row["sub"] for row in expected} >= {NamedNode(ID + "swg"), NamedNode(ID + "dmpt")}


def test_select_xml_csv_tsv(server: Server, store: GraphStore) -> None:
    expected = local_rows(store, PTC_LINES)
    iris = [(row["sub"].value, row["line"].value) for row in expected]

    xml = server.get(
        "/sparql", params={"query": PTC_LINES}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert xml.status_code == 200 and "sparql-results+xml" in xml.headers["content-type"]
    results = ET.fromstring(xml.content).iter(f"{SPARQL_RESULTS}result")
    got = [
        tuple(b.find(f"{SPARQL_RESULTS}uri").text for b in result)  # type: ignore[union-attr]
        for result in results
    ]
    assert got == iris

    table = server.get("/sparql", params={"query": PTC_LINES}, headers={"Accept": "text/csv"})
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(table.text)))
    assert rows[0] == ["sub", "line"] and [tuple(r) for r in rows[1:]] == iris

    tsv = server.get(
        "/sparql", params={"query": PTC_LINES}, headers={"Accept": "text/tab-separated-values"}
    )
    lines = tsv.text.splitlines()
    assert lines[0] == "?sub\t?line"
    assert [tuple(line.split("\t")) for line in lines[1:]] == [
        (str(row["sub"]), str(row["line"])) for row in expected
    ]


def test_literals_keep_language_and_datatype(server: Server, store: GraphStore) -> None:
    query = (
        "SELECT ?label ?from WHERE { id:swg rdfs:label ?label ; "
        "wco:reportingLine/wco:holdsFrom ?from } ORDER BY ?from"
    )
    response = server.get("/sparql", params={"query": query})
    assert json_rows(response.json()) == local_rows(store, query)
    first = response.json()["results"]["bindings"][0]
    assert first["label"]["xml:lang"] == "en"
    assert first["from"]["datatype"].endswith("#date")


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/ld+json", RdfFormat.JSON_LD),
    ],
)
def test_construct_and_describe(
    server: Server, store: GraphStore, accept: str, fmt: RdfFormat
) -> None:
    construct = "CONSTRUCT { ?sub wco:reportsTo id:ptc } WHERE { ?sub wco:reportsTo id:ptc }"
    response = server.get("/sparql", params={"query": construct}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    expected = set(store.store.query(construct, prefixes=PREFIXES))  # type: ignore[arg-type]
    assert triples_of(response.content, fmt) == expected and len(expected) >= 5

    describe = server.post("/sparql", data={"query": "DESCRIBE id:swg"}, headers={"Accept": accept})
    got = triples_of(describe.content, fmt)
    label = Triple(
        NamedNode(ID + "swg"),
        NamedNode(RDFS + "label"),
        next(
            q.object
            for q in store.store.quads_for_pattern(
                NamedNode(ID + "swg"), NamedNode(RDFS + "label"), None, None
            )
        ),
    )
    assert label in got


def test_ask(server: Server) -> None:
    yes = server.get("/sparql", params={"query": "ASK { id:swg wco:reportsTo id:ptc }"})
    no = server.get("/sparql", params={"query": "ASK { id:ptc wco:reportsTo id:swg }"})
    assert yes.json()["boolean"] is True and no.json()["boolean"] is False


def test_service_description(server: Server) -> None:
    response = server.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = triples_of(response.content, RdfFormat.TURTLE)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = NamedNode(server.url + "/sparql")
    assert Triple(endpoint, NamedNode(sd + "endpoint"), endpoint) in triples
    assert (
        Triple(endpoint, NamedNode(sd + "supportedLanguage"), NamedNode(sd + "SPARQL11Query"))
        in triples
    )


def test_cors(server: Server) -> None:
    origin = {"Origin": "https://example.org"}
    response = server.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(
        server.url + "/sparql",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_every_library_question_answers_as_locally(server: Server, store: GraphStore) -> None:
    """Each question of queries/cq, its first example's values written into the text (as the
    YASGUI tabs and `wcograph publish` send it), answers over HTTP as the store does with
    bound parameters."""
    for query in listed_queries():
        target, bindings = bound_example(store, query)
        text = sparql_text.bind_text(target.text, bindings)
        response = server.post("/sparql", data={"query": text})
        assert response.status_code == 200, (query.name, response.text)
        expected = solution_rows(store.select(target.text, bindings))
        assert json_rows(response.json()) == expected, query.name


# --- refusals ----------------------------------------------------------------------------------


def triple_count(server: Server) -> int:
    response = server.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


UPDATES = [
    "INSERT DATA { id:x rdfs:label 'x' }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <http://127.0.0.1:9/graph.ttl>",
    "WITH id:g DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "ASK {} ; DROP ALL",
    "\\u0044ROP ALL",
]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize(
    "how", ["get-update", "get-query", "form-update", "form-query", "sparql-update", "sparql-query"]
)
def test_updates_are_refused(server: Server, store: GraphStore, update: str, how: str) -> None:
    if how.startswith("get-"):
        response = server.get("/sparql", params={how[4:]: update})
    elif how.startswith("form-"):
        response = server.post("/sparql", data={how[5:]: update})
    else:
        response = server.post(
            "/sparql", content=update.encode(), headers={"Content-Type": f"application/{how}"}
        )
    assert 400 <= response.status_code < 500, response.text
    assert "read-only" in response.text
    assert triple_count(server) == len(store)


class Listener:
    """A loopback socket that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_nothing_is_fetched(server: Server, template: str) -> None:
    listener = Listener()
    try:
        query = template.format(url=f"http://127.0.0.1:{listener.port}/sparql")
        response = server.post("/sparql", data={"query": query})
        time.sleep(0.3)
    finally:
        listener.close()
    assert response.status_code == 403 and "SERVICE is refused" in response.text
    assert listener.connections == 0


def test_keywords_in_strings_iris_and_comments_are_not_refused(server: Server) -> None:
    query = (
        'SELECT ?service ?insert WHERE { BIND("DROP ALL; SERVICE" AS ?service) '
        "BIND(<http://x/DELETE> AS ?insert) } # LOAD"
    )
    response = server.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text


def test_a_query_that_runs_forever_is_stopped(server: Server, store: GraphStore) -> None:
    started = time.monotonic()
    response = server.post("/sparql", data={"query": FOREVER})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert f"time limit ({TIMEOUT} s)" in response.text
    assert elapsed < TIMEOUT + 5
    # Still serving, right away and for every worker.
    for _ in range(4):
        assert triple_count(server) == len(store)
    assert server.get("/health").json()["workers"] == 2


def test_a_100_mb_body_is_refused(server: Server, store: GraphStore) -> None:
    huge = b"#" * 100_000_000
    declared = server.post(
        "/sparql", content=huge, headers={"Content-Type": "application/sparql-query"}
    )
    assert declared.status_code == 413 and "over the limit" in declared.text

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"#" * 1_000_000

    streamed = server.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
    )
    assert streamed.status_code == 413
    assert triple_count(server) == len(store)


def test_malformed_sparql(server: Server, store: GraphStore) -> None:
    for _ in range(2):  # the second time from the server's memo of requests: still refused
        response = server.get("/sparql", params={"query": "SELECT ?x WHERE { ?x wco:reportsTo }"})
        assert response.status_code == 400
        assert response.text.startswith("malformed SPARQL: error at 1:")
    assert triple_count(server) == len(store)


@pytest.mark.parametrize("path", ["/sparql?query=SELECT%20*%20%7B%7D", "/id/ptc"])
def test_unknown_accept(server: Server, store: GraphStore, path: str) -> None:
    response = server.get(path, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "cannot answer" in response.text
    assert triple_count(server) == len(store)


def test_a_repeated_request_is_answered_as_the_first(server: Server, store: GraphStore) -> None:
    """The server keeps what it planned for a request (a memo by method, type, Accept, host
    and body): the same request gets the same answer, another Accept its own format, and a
    refused request is refused every time."""
    expected = local_rows(store, PTC_LINES)
    for _ in range(2):
        as_json = server.post("/sparql", data={"query": PTC_LINES})
        assert as_json.headers["content-type"] == "application/sparql-results+json"
        assert json_rows(as_json.json()) == expected
        as_csv = server.post("/sparql", data={"query": PTC_LINES}, headers={"Accept": "text/csv"})
        assert as_csv.headers["content-type"].startswith("text/csv")
        assert len(as_csv.text.splitlines()) == 1 + len(expected)
        refused = server.post("/sparql", data={"query": "DROP ALL"})
        assert refused.status_code == 403
    assert triple_count(server) == len(store)


def test_a_large_result_is_cut_and_says_so(server: Server, store: GraphStore) -> None:
    response = server.get("/sparql", params={"query": EVERYTHING}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert len(store) > 10_000
    assert len(response.text.splitlines()) == 1 + 10_000
    assert response.headers["x-result-truncated"].startswith("true")
    assert response.headers["x-result-limit"] == "10000"
    as_json = server.get("/sparql", params={"query": EVERYTHING})
    assert len(as_json.json()["results"]["bindings"]) == 10_000
    assert as_json.headers["x-result-truncated"].startswith("true")
    small = server.get("/sparql", params={"query": EVERYTHING + " LIMIT 10"})
    assert "x-result-truncated" not in small.headers
    assert len(small.json()["results"]["bindings"]) == 10


def raw_get(server: Server, target: str) -> tuple[int, str]:
    """A request with its path sent exactly as written (clients normalise `..` away)."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


@pytest.mark.parametrize(
    "target",
    [
        "/id/../pyproject.toml",
        "/id/ptc/../../etc/passwd",
        "/id/%2e%2e/%2e%2e/etc/passwd",
        "/id/passage%2Fpc0517%2Fp38",
        "/id/passage%2fpc0517%2fp38",
        "/id//ptc",
        "/id/",
    ],
)
def test_odd_entity_paths(server: Server, target: str) -> None:
    status, body = raw_get(server, target)
    assert status in {400, 404}
    assert "root:" not in body and "[project]" not in body
    assert "Entity pages live at" in body
    assert server.get("/health").status_code == 200


def test_unknown_entity_gets_a_helpful_404(server: Server) -> None:
    response = server.get("/id/ptcc", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "https://w3id.org/wcograph/id/ptcc" in response.text
    assert '<a href="/id/ptc">Permanent Technical Committee</a>' in response.text


# --- entity pages ------------------------------------------------------------------------------


class Tables(HTMLParser):
    """The rows of each <table id=...> of a page (a row with data-* attributes: its attributes,
    its cells' text under "cells", the data-status of the list items in it under "states"),
    and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[dict[str, Any]]] = {}
        self.links: list[str] = []
        self.current: str | None = None
        self.row: dict[str, Any] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.current = attributes.get("id") or ""
            self.tables[self.current] = []
        elif (
            tag == "tr"
            and self.current is not None
            and any(k.startswith("data-") for k in attributes)
        ):
            self.row = {**attributes, "cells": [], "states": []}
            self.tables[self.current].append(self.row)
        elif tag == "td" and self.row is not None:
            self.cell = []
        elif tag == "li" and self.row is not None and "data-status" in attributes:
            self.row["states"].append(attributes["data-status"])
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.row is not None and self.cell is not None:
            self.row["cells"].append(" ".join(" ".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            self.row = None
        elif tag == "table":
            self.current = None


def page_tables(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


def test_entity_page_html(server: Server, store: GraphStore) -> None:
    response = server.get(
        "/id/ptc", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<h1 id="label">Permanent Technical Committee</h1>' in response.text
    page = page_tables(response.text)
    shown = {
        (row["data-other"], row["data-line"])
        for row in page.tables["reporting-lines"]
        if row["data-direction"] == "down"
    }
    expected = {
        (ID + line["body"], ID + line["line"])  # type: ignore[operator]
        for line in reporting_lines(store)
        if line["superior"] == "ptc"
    }
    assert shown == expected
    # Sources are links to the passages' own pages, and those pages exist.
    passages = sorted({link for link in page.links if link.startswith("/id/passage/")})
    assert passages
    assert server.get(passages[0]).status_code == 200


def test_entity_page_as_of(server: Server, store: GraphStore) -> None:
    for day in ("2018-04-25", "2023-10-25"):
        response = server.get("/id/ptc", params={"as-of": day}, headers={"Accept": "text/html"})
        rows = page_tables(response.text).tables["reporting-lines"]
        shown = {
            (row["data-other"].removeprefix(ID), "ptc")
            for row in rows
            if row["data-direction"] == "down"
        }
        expected = {
            (body, superior) for body, superior in lines_on(store, day) if superior == "ptc"
        }
        assert shown == expected, day
    early = page_tables(server.get("/id/ptc", params={"as-of": "2018-04-25"}, headers=HTML).text)
    assert any(row["data-other"] == ID + "wgec" for row in early.tables["reporting-lines"])


def line_states(store: GraphStore, line: str) -> list[tuple[str, str | None, str, str | None]]:
    """(first day, last day, status, caveat) of each wco:LineState of a line, in order."""
    states = [
        (
            value(store, state, WCO + "holdsFrom"),
            value(store, state, WCO + "holdsUntil"),
            value(store, state, WCO + "status"),
            value(store, state, WCO + "caveat"),
        )
        for state in subjects(store, WCO + "stateOf", NamedNode(line))
    ]
    return sorted(states)  # type: ignore[arg-type]


def state_on(store: GraphStore, line: str, day: str) -> tuple[str, str | None] | None:
    for first, last, status, caveat in line_states(store, line):
        if first <= day and (last is None or day <= last):
            return status, caveat
    return None


def span(first: str | None, last: str | None) -> str:
    return f"{first or '?'} – {last or ''}".strip()


def test_entity_page_shows_each_lines_dates_and_evidence(server: Server, store: GraphStore) -> None:
    """Holds (derived), stated (validFrom/validUntil), evidenced (first/last) and the line's
    states over time, each as the store has them."""
    rows = page_tables(server.get("/id/ptc", headers=HTML).text).tables["reporting-lines"]
    assert len(rows) >= 5
    caveats = 0
    for row in rows:
        line = NamedNode(row["data-line"])
        _, _, holds, stated, evidenced, status, *_ = row["cells"]
        assert holds.startswith(
            span(value(store, line, WCO + "holdsFrom"), value(store, line, WCO + "holdsUntil"))
        )
        given = (value(store, line, WCO + "validFrom"), value(store, line, WCO + "validUntil"))
        assert stated == (span(*given) if any(given) else "no dates stated")
        first = value(store, line, WCO + "earliestEvidence")
        last = value(store, line, WCO + "lastEvidenced")
        assert evidenced == ", ".join(
            f"{word} {day}" for word, day in (("first", first), ("last", last)) if day
        )
        states = line_states(store, line.value)
        assert row["states"] == [state[2] for state in states]
        for _, _, _, caveat in states:
            if caveat:
                assert caveat in status
                caveats += 1
    assert caveats, "some line of the PTC carries a caveat (a later source does not repeat it)"


@pytest.mark.parametrize("day", ["2018-04-25", "2024-06-01"])
def test_entity_page_as_of_gives_each_lines_status_and_caveat_that_day(
    server: Server, store: GraphStore, day: str
) -> None:
    rows = page_tables(server.get("/id/ptc", params={"as-of": day}, headers=HTML).text).tables[
        "reporting-lines"
    ]
    assert rows
    for row in rows:
        expected = state_on(store, row["data-line"], day)
        assert expected is not None, "the page lists only lines that hold on the day"
        status, caveat = expected
        assert row["data-status"] == status
        assert row["cells"][5] == " ".join(filter(None, (status, caveat)))


def test_entity_page_marks_scheduled_meetings(server: Server, store: GraphStore) -> None:
    rows = page_tables(server.get("/id/dmpt", headers=HTML).text).tables["meetings"]
    shown = {row["data-meeting"]: row["data-status"] for row in rows}
    expected = {
        meeting.value: (value(store, meeting, WCO + "meetingStatus") or "").rsplit("/", 1)[-1]
        for meeting in subjects(store, WCO + "meetingOf", NamedNode(ID + "dmpt"))
    }
    assert shown == expected
    assert {"held", "scheduled"} <= set(shown.values())
    for row in rows:
        assert ("not-held" in row.get("class", "")) == (row["data-status"] != "held")


def test_entity_page_gives_each_lifecycle_events_modality(
    server: Server, store: GraphStore
) -> None:
    rows = page_tables(server.get("/id/wgec", headers=HTML).text).tables["lifecycle"]
    shown = {row["data-event"]: row["data-modality"] for row in rows}
    expected = {}
    for event in objects(store, NamedNode(ID + "wgec"), WCO + "lifecycleEvent"):
        modality = objects(store, event, WCO + "modality")[0]
        expected[event.value] = value(store, modality, SKOS + "prefLabel")
    assert shown == expected
    assert {"happened", "proposed"} <= set(shown.values())


@pytest.mark.parametrize("day", ["2018-13-01", "yesterday", "2018-4-25"])
def test_an_as_of_that_is_no_day_is_refused(server: Server, day: str) -> None:
    response = server.get("/id/ptc", params={"as-of": day}, headers=HTML)
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.text


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/ld+json", RdfFormat.JSON_LD),
        ("*/*", RdfFormat.TURTLE),
    ],
)
def test_entity_rdf(server: Server, store: GraphStore, accept: str, fmt: RdfFormat) -> None:
    response = server.get("/id/swg", headers={"Accept": accept})
    assert response.status_code == 200
    got = triples_of(response.content, fmt)
    swg = NamedNode(ID + "swg")
    about = {q.triple for q in store.store.quads_for_pattern(swg, None, None, None)}
    pointing = {q.triple for q in store.store.quads_for_pattern(None, None, swg, None)}
    assert got == about | pointing


def test_ontology_dereferences(server: Server) -> None:
    turtle = server.get("/ontology", headers={"Accept": "text/turtle"})
    triples = triples_of(turtle.content, RdfFormat.TURTLE)
    assert (
        Triple(
            NamedNode(WCO + "reportsTo"),
            NamedNode(RDFS + "label"),
            next(
                t.object
                for t in triples
                if t.subject == NamedNode(WCO + "reportsTo")
                and t.predicate == NamedNode(RDFS + "label")
            ),
        )
        in triples
    )
    html = server.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "<h1" in html.text


def test_yasgui_page_offers_every_question(server: Server) -> None:
    response = server.get("/")
    assert response.status_code == 200
    tabs = json.loads(
        re.search(r'<script type="application/json" id="tabs">(.*?)</script>', response.text, re.S)[
            1
        ]
    )  # type: ignore[index]
    assert [tab["name"] for tab in tabs] == [q.name.removeprefix("cq/") for q in listed_queries()]
    first = named_query("cq/bodies-reporting-to")
    tab = next(tab for tab in tabs if tab["name"] == "bodies-reporting-to")
    assert tab["query"].startswith(f"# Question: {first.header.question}")
    for name in ("yasgui.min.js", "yasgui.min.css"):
        assert server.get(f"/vendor/{name}").status_code == 200


def test_answer_cache_keeps_recent_answers_within_its_budget() -> None:
    cache = AnswerCache(budget=8 * 100)
    jobs = [Job(f"ASK {{ }} # {n}", "json", 10) for n in range(12)]
    for job in jobs:
        cache.put(job, Reply(200, b"x" * (100 - len(job.query))))
    assert cache.size <= cache.budget
    assert cache.get(jobs[0]) is None and cache.get(jobs[-1]) is not None
    refused = Job("SELECT", "json", 10)
    cache.put(refused, Reply(400, b"malformed"))
    assert cache.get(refused) is None, "only answers are kept, never errors"
