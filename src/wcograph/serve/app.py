"""The web application of ``wcograph serve``: a read-only SPARQL 1.1 Protocol endpoint at
/sparql, YASGUI at /, an HTML or RDF page for every entity IRI (/id/..., /ontology), /health.

Starlette on uvicorn, with the queries of /sparql run in worker processes (``workers``) that a
query past the time limit is killed with, and the pages' own fixed queries run on the server's
store in a thread.
"""

from __future__ import annotations

import difflib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

from anyio import to_thread
from pyoxigraph import RdfFormat, parse, serialize
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from wcograph.query.library import listed_queries
from wcograph.serve import negotiate, pages, sparql_text
from wcograph.serve.results import GRAPH_FORMATS
from wcograph.serve.workers import Job, QueryTimeout, ServerBusy, WorkerPool
from wcograph.triples.store import GraphStore

PACKAGE = Path(__file__).parent
MAX_BODY = 1_000_000
MAX_ROWS = 10_000
TRUNCATED, LIMIT = "X-Result-Truncated", "X-Result-Limit"
EXPOSED = [TRUNCATED, LIMIT, "X-Result-Rows"]
FORM = "application/x-www-form-urlencoded"
SD_PREFIXES = {
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "void": "http://rdfs.org/ns/void#",
}


@dataclass
class Settings:
    timeout: float = 10.0
    max_body: int = MAX_BODY
    max_rows: int = MAX_ROWS


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def text(status: int, message: str, **headers: str) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


def create_app(store: GraphStore, pool: WorkerPool, settings: Settings) -> Starlette:
    """The application over ``store`` (pages) and ``pool`` (SPARQL), both read-only."""
    index = pages.entity_index(store)
    jobs = JobMemo()
    tabs = yasgui_tabs(store)
    triples = len(store)

    async def home(request: Request) -> Response:
        return HTMLResponse(pages.render_page("yasgui.html", tabs=tabs, home="/"))

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "triples": triples, "workers": len(pool.pids())})

    async def sparql(request: Request) -> Response:
        try:
            body = await read_body(request, settings.max_body) if request.method == "POST" else b""
            seen = RequestKey.of(request, body)
            job = jobs.get(seen)
            if job is None:
                query = protocol_query(request, body)
                if query is None:
                    return service_description(request, triples)
                job = plan_job(request, query)
                jobs.put(seen, job)
            return await run_job(job)
        except Refused as refused:
            return text(refused.status, refused.message)

    def plan_job(request: Request, query: str) -> Job:
        """The checks and the choices of a query request: refusals, query form, format."""
        if sparql_text.is_update(query):
            raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
        if sparql_text.reaches_outside(query):
            raise Refused(403, "SERVICE is refused: this endpoint fetches no remote data")
        form = sparql_text.query_form(query)
        offered = negotiate.GRAPH if form in {"CONSTRUCT", "DESCRIBE"} else negotiate.SOLUTIONS
        try:
            fmt = negotiate.choose(request.headers.get("accept"), offered)
        except negotiate.NotAcceptable as err:
            raise Refused(406, str(err)) from None
        return Job(query, fmt, settings.max_rows, str(request.url_for("sparql")))

    async def run_job(job: Job) -> Response:
        try:
            reply = pool.cache.get(job) or await to_thread.run_sync(pool.run, job)
        except QueryTimeout:
            raise Refused(
                503,
                f"the query ran longer than the time limit ({settings.timeout:g} s) and was "
                "stopped; add a LIMIT or narrow the patterns",
            ) from None
        except ServerBusy:
            raise Refused(503, "every query worker is busy; try again shortly") from None
        assert reply is not None  # run() answers or raises
        if reply.status != 200:
            return text(reply.status, reply.body.decode())
        headers = {LIMIT: str(settings.max_rows), "X-Result-Rows": str(reply.rows)}
        if reply.truncated:
            headers[TRUNCATED] = f"true; cut at {settings.max_rows} rows, add LIMIT/OFFSET to page"
        return Response(reply.body, media_type=negotiate.MEDIA_TYPES[job.fmt], headers=headers)

    async def entity(request: Request) -> Response:
        raw_path = request.scope.get("raw_path", b"").decode("latin-1").split("?")[0]
        iri = pages.iri_of_path(request.url.path)
        if iri is None or "%" in raw_path:
            return not_found(f"{raw_path} is not an entity path of this graph.", status=400)
        if not await to_thread.run_sync(pages.exists, store, iri):
            return not_found(f"The graph has nothing about {iri}.", near=iri)
        fmt = request.query_params.get("format")
        if fmt not in GRAPH_FORMATS:
            try:
                fmt = negotiate.choose(request.headers.get("accept"), negotiate.ENTITY)
            except negotiate.NotAcceptable as err:
                return text(406, str(err), Vary="Accept")
        if iri == pages.ONTOLOGY_IRI and fmt != "html":
            return Response(ontology_rdf(fmt), media_type=negotiate.MEDIA_TYPES[fmt])
        if fmt != "html":
            body = await to_thread.run_sync(pages.entity_rdf, store, iri, fmt)
            return Response(body, media_type=negotiate.MEDIA_TYPES[fmt], headers={"Vary": "Accept"})
        try:
            as_of = parse_day(request.query_params.get("as-of"))
        except Refused as refused:
            return text(refused.status, refused.message)
        page = await to_thread.run_sync(pages.entity_page, store, iri, as_of)
        html = pages.render_entity(page, pages.server_link, live=True)
        return HTMLResponse(html, headers={"Vary": "Accept"})

    def not_found(message: str, status: int = 404, near: str | None = None) -> Response:
        suggestions = []
        if near:
            close = difflib.get_close_matches(near, list(index), n=5, cutoff=0.8)
            suggestions = [(pages.path_of_iri(iri), index[iri]) for iri in close]
        html = pages.render_page(
            "not-found.html", message=message, suggestions=suggestions, home="/"
        )
        return HTMLResponse(html, status_code=status)

    async def unknown(request: Request, exc: Exception) -> Response:
        return not_found(f"There is no page at {request.url.path}.")

    routes = [
        Route("/", home),
        Route("/health", health),
        Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
        Route("/ontology", entity),
        Route("/id/{path:path}", entity),
        Mount("/vendor", StaticFiles(directory=PACKAGE / "vendor"), name="vendor"),
        Mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static"),
    ]
    cors = Middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=EXPOSED,
        max_age=86400,
    )
    return Starlette(routes=routes, middleware=[cors], exception_handlers={404: unknown})


@dataclass(frozen=True)
class RequestKey:
    """What a query request's job depends on: the same key, the same checks and choices."""

    method: str
    content_type: str
    accept: str
    host: str
    payload: bytes

    @classmethod
    def of(cls, request: Request, body: bytes) -> RequestKey:
        headers = request.headers
        return cls(
            request.method,
            headers.get("content-type", ""),
            headers.get("accept", ""),
            headers.get("host", ""),
            body if request.method == "POST" else request.scope.get("query_string", b""),
        )


class JobMemo:
    """Requests already planned, by ``RequestKey``: a client repeating a query (the usual case
    of an endpoint behind an application) skips parsing the form, the keyword checks and the
    negotiation. Bounded by entries and by request size; refusals are never kept. Used from
    the event loop only."""

    def __init__(self, entries: int = 2048, largest: int = 16_384) -> None:
        self.entries, self.largest = entries, largest
        self.jobs: OrderedDict[RequestKey, Job] = OrderedDict()

    def get(self, key: RequestKey) -> Job | None:
        job = self.jobs.get(key)
        if job is not None:
            self.jobs.move_to_end(key)
        return job

    def put(self, key: RequestKey, job: Job) -> None:
        if len(key.payload) <= self.largest:
            self.jobs[key] = job
            while len(self.jobs) > self.entries:
                self.jobs.popitem(last=False)


def protocol_query(request: Request, body: bytes) -> str | None:
    """The query of a SPARQL 1.1 Protocol request (None: no query, show the description)."""
    if request.method == "GET":
        params: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            params.setdefault(key, []).append(value)
    else:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
        if kind == "application/sparql-query":
            return decode(body)
        if kind != FORM:
            raise Refused(
                415,
                f"unsupported request type {kind or '(none)'}; send {FORM} with query=... or "
                "application/sparql-query",
            )
        params = parse_qs(decode(body), keep_blank_values=True)
    if "update" in params:
        raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
    if {"default-graph-uri", "named-graph-uri"} & set(params):
        raise Refused(
            400, "the dataset is fixed: default-graph-uri and named-graph-uri are not taken"
        )
    queries = params.get("query", [])
    if len(queries) > 1:
        raise Refused(400, "give one query parameter, not several")
    if not queries:
        if request.method == "POST":
            raise Refused(400, "no query parameter in the request body")
        return None
    return queries[0]


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it is known to be over ``limit`` bytes."""
    declared = request.headers.get("content-length")
    too_large = Refused(413, f"the request body is over the limit of {limit:,} bytes")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request body is not UTF-8") from None


def parse_day(value: str | None) -> date | None:
    """The day of the as-of control (``?as-of=YYYY-MM-DD``; empty: all dates)."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise Refused(400, f"as-of must be a day written YYYY-MM-DD, not {value!r}")


def service_description(request: Request, triples: int) -> Response:
    try:
        fmt = negotiate.choose(request.headers.get("accept"), negotiate.GRAPH)
    except negotiate.NotAcceptable as err:
        return text(406, str(err))
    template = (PACKAGE / "templates" / "service-description.ttl").read_text(encoding="utf-8")
    turtle = template.replace("__TRIPLES__", str(triples))
    endpoint = str(request.url_for("sparql"))
    graph = parse(turtle, format=RdfFormat.TURTLE, base_iri=endpoint)
    body = serialize(graph, format=GRAPH_FORMATS[fmt], prefixes=SD_PREFIXES) or b""
    return Response(body, media_type=negotiate.MEDIA_TYPES[fmt])


def ontology_rdf(fmt: str) -> bytes:
    from wcograph.assets import ONTOLOGY_FILE
    from wcograph.namespaces import PREFIXES

    triples = parse(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE)
    return serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES) or b""


def yasgui_tabs(store: GraphStore) -> list[dict[str, str]]:
    """One ready-made tab per question (queries/cq, headers included), with the values of its
    first example written in, so that each runs as it is (as written, when the example names
    an entity this graph lacks)."""
    from wcograph.errors import QueryError
    from wcograph.query.answer import bound_example

    tabs = []
    for query in listed_queries():
        try:
            target, bindings = bound_example(store, query)
            text = sparql_text.bind_text(target.text, bindings)
        except QueryError:
            text = query.text
        tabs.append({"name": query.name.removeprefix("cq/"), "query": text})
    return tabs
