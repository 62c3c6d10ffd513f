"""RDF serialisations of the graph: Turtle, N-Triples, JSON-LD with its @context file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from pyoxigraph import Quad, RdfFormat, Triple
from pyoxigraph import serialize as pyoxigraph_serialize

from wcograph.namespaces import PREFIXES, compact

FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD}


def serialize_rdf(quads: Iterable[Quad], fmt: str) -> bytes:
    triples = [quad.triple for quad in quads]

    def serialize(triples: list[Triple], **options: Any) -> bytes:
        return pyoxigraph_serialize(triples, **options) or b""  # bytes: no output file given

    if fmt == "nt":
        # Sorted so that two builds of the same data are byte-identical.
        lines = serialize(triples, format=RdfFormat.N_TRIPLES).splitlines(keepends=True)
        return b"".join(sorted(lines))
    if fmt == "jsonld":
        expanded = json.loads(serialize(triples, format=RdfFormat.JSON_LD))
        # No indent: json.dumps falls back to its pure-Python encoder when asked to indent.
        return json.dumps(compact_jsonld(expanded), ensure_ascii=False).encode() + b"\n"
    return serialize(triples, format=FORMATS[fmt], prefixes=PREFIXES)


def compact_jsonld(expanded: list[dict[str, Any]]) -> dict[str, Any]:
    """Compact expanded JSON-LD against a context of prefixes only: full IRIs in keys, @id and
    @type become CURIEs, and the node objects of one subject are merged. Expanding the result
    with the context gives back the same triples."""
    nodes: dict[str, dict[str, Any]] = {}
    for node in expanded:
        merged = nodes.setdefault(node["@id"], {"@id": _curie(node["@id"])})
        for key, values in node.items():
            if key == "@id":
                continue
            if key == "@type":
                merged.setdefault("@type", []).extend(_curie(v) for v in values)
                continue
            merged.setdefault(_curie(key), []).extend(_compact_value(v) for v in values)
    return {"@context": PREFIXES, "@graph": [nodes[key] for key in sorted(nodes)]}


def _compact_value(value: dict[str, Any]) -> dict[str, Any]:
    if "@id" in value:
        return {"@id": _curie(value["@id"])}
    if "@type" in value:
        return {**value, "@type": _curie(value["@type"])}
    return value


@cache
def _curie(iri: str) -> str:
    """Cached: a graph names the same few thousand IRIs tens of thousands of times."""
    return compact(iri, nested=True)


def jsonld_context() -> bytes:
    """The @context that compacts the graph's IRIs: one prefix per namespace."""
    return json.dumps({"@context": PREFIXES}, indent=2, sort_keys=True).encode() + b"\n"
