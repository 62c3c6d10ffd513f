"""Entity pages: what the graph says about one IRI, gathered with the queries in
``queries/serve/`` (and ``cq/entity-history``), as HTML for people and as RDF for programs.

The same pages are served live by ``wcograph serve`` and written as files by ``wcograph site``;
only the way links are written differs (a ``Linker``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from pyoxigraph import Literal, NamedNode, Triple, serialize

from wcograph.namespaces import ID, PREFIXES, WCO, compact
from wcograph.query.answer import answer
from wcograph.query.library import named_query
from wcograph.query.run import Answer, python_value
from wcograph.serve.results import GRAPH_FORMATS
from wcograph.triples.store import GraphStore

ONTOLOGY_IRI = "https://w3id.org/wcograph/ontology"
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*(?:/[A-Za-z0-9._~-]+)*$")
Linker = Callable[[str], str | None]


def iri_of_path(path: str) -> str | None:
    """The entity IRI an HTTP path stands for (``/id/ptc``, ``/ontology``), or None when the
    path is not one (``..`` segments, empty segments, characters no slug has)."""
    if path in {"/ontology", "/ontology/"}:
        return ONTOLOGY_IRI
    slug = path.removeprefix("/id/")
    if slug == path or not SLUG.match(slug) or any(s in {".", ".."} for s in slug.split("/")):
        return None
    return ID + slug


def path_of_iri(iri: str) -> str | None:
    """The inverse: the server path of an IRI this graph publishes."""
    if iri == ONTOLOGY_IRI or iri.startswith(WCO):
        return "/ontology"
    if iri.startswith(ID):
        return "/id/" + iri[len(ID) :]
    return None


def server_link(iri: str) -> str | None:
    return path_of_iri(iri)


def site_linker(from_path: str) -> Linker:
    """Links between the static pages of ``wcograph site``: relative, ending in ``.html``."""

    def link(iri: str) -> str | None:
        target = path_of_iri(iri)
        if target is None:
            return None
        return posixpath.relpath(target + ".html", posixpath.dirname(from_path))

    return link


@dataclass
class EntityPage:
    iri: str
    label: str
    types: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    links_in: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    responsibilities: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    meetings: list[dict[str, Any]] = field(default_factory=list)
    lifecycle: list[dict[str, Any]] = field(default_factory=list)
    as_of: date | None = None
    notes: list[str] = field(default_factory=list)


def _rows(result: Answer) -> list[dict[str, Any]]:
    """Rows keeping the RDF terms, so the template can tell an IRI (a link) from a literal."""
    return [{name: row.get(name) for name in result.variables} for row in result.rows]


def exists(store: GraphStore, iri: str) -> bool:
    return bool(answer(store, named_query("serve/node-exists"), {"entity": iri}).rows)


def entity_page(store: GraphStore, iri: str, as_of: date | None = None) -> EntityPage:
    param = {"entity": iri}
    statements = _rows(answer(store, named_query("serve/entity-statements"), param))
    label = next(
        (str(r["value"].value) for r in statements if compact(r["property"].value) == "rdfs:label"),
        compact(iri),
    )
    lines = _rows(
        answer(store, named_query("serve/reporting-lines"), param, as_of=as_of, with_sources=True)
    )
    if as_of is None:
        _attach_states(lines, _rows(answer(store, named_query("serve/line-states"), param)))
    decisions = answer(store, named_query("cq/entity-history"), param, as_of=as_of)
    responsibilities = answer(
        store, named_query("serve/responsibilities"), param, with_sources=True
    )
    sources = answer(store, named_query("support/sources-of"), {"node": iri})
    return EntityPage(
        iri=iri,
        label=label,
        types=[r for r in statements if compact(r["property"].value) == "rdf:type"],
        statements=[r for r in statements if compact(r["property"].value) != "rdf:type"],
        links_in=_rows(answer(store, named_query("serve/entity-links-in"), param)),
        lines=lines,
        decisions=_rows(decisions),
        responsibilities=_rows(responsibilities),
        sources=_rows(sources),
        meetings=_rows(answer(store, named_query("serve/meetings"), param)),
        lifecycle=_rows(answer(store, named_query("serve/lifecycle"), param)),
        as_of=as_of,
    )


def _attach_states(lines: list[dict[str, Any]], states: list[dict[str, Any]]) -> None:
    """Each line row gets the list of its states (status and caveat over time), in order."""
    by_line: dict[str, list[dict[str, Any]]] = {}
    for state in states:
        by_line.setdefault(state["line"].value, []).append(state)
    for line in lines:
        line["states"] = by_line.get(line["line"].value, [])


def entity_rdf(store: GraphStore, iri: str, fmt: str) -> bytes:
    """The statements about and pointing at the entity, in Turtle, N-Triples or JSON-LD."""
    entity = NamedNode(iri)
    rows = answer(store, named_query("serve/describe"), {"entity": iri}).rows
    triples = [
        Triple(entity, row["predicate"], row["other"])  # type: ignore[arg-type]
        if row["direction"] == Literal("out")
        else Triple(row["other"], row["predicate"], entity)  # type: ignore[arg-type]
        for row in rows
    ]
    prefixes = PREFIXES if fmt == "ttl" else None
    return serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""


def entity_index(store: GraphStore) -> dict[str, str]:
    """Every entity IRI with its label (or its CURIE)."""
    rows = answer(store, named_query("serve/entity-iris")).rows
    index: dict[str, str] = {}
    for row in rows:
        iri = row["entity"]
        assert isinstance(iri, NamedNode)
        label = row.get("label")
        index.setdefault(
            iri.value, label.value if isinstance(label, Literal) else compact(iri.value)
        )
    return index


# --- rendering ---------------------------------------------------------------------------------


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("wcograph.serve", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plain"] = python_value
    env.filters["curie"] = compact
    return env


def render_page(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def render_entity(page: EntityPage, link: Linker, *, live: bool, home: str = "/") -> str:
    def term_link(term: Any) -> str | None:
        return link(term.value) if isinstance(term, NamedNode) else None

    return render_page(
        "entity.html", page=page, link=term_link, live=live, home=home, curie=compact
    )
