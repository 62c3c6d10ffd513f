"""Every namespace, once, and the one way to write an IRI short and read it back."""

from __future__ import annotations

import re
from functools import cache

from pyoxigraph import NamedNode

WCO = "https://w3id.org/wcograph/ontology#"
ID = "https://w3id.org/wcograph/id/"
DECISION_TYPE = ID + "decision-type/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
TIME = "http://www.w3.org/2006/time#"
SH = "http://www.w3.org/ns/shacl#"
SHAPES = "https://w3id.org/wcograph/shapes#"

PREFIXES: dict[str, str] = {
    "wco": WCO,
    "id": ID,
    "dt": DECISION_TYPE,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "foaf": FOAF,
    "time": TIME,
    "sh": SH,
    "wcosh": SHAPES,
}


@cache
def wco(name: str) -> NamedNode:
    """Cached: the build names the same few hundred terms hundreds of thousands of times."""
    return NamedNode(WCO + name)


def entity(slug: str) -> NamedNode:
    return NamedNode(ID + slug)


@cache
def term(prefix: str, name: str) -> NamedNode:
    return NamedNode(PREFIXES[prefix] + name)


_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_NESTED_LOCAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*")


def compact(iri: str, *, nested: bool = False) -> str:
    """``https://w3id.org/wcograph/id/ptc`` -> ``id:ptc``; other IRIs unchanged.

    A local name has no slash (a Turtle prefixed name), unless ``nested``: then
    ``id:reporting-line/pfcwg/1`` too (JSON-LD compacts such IRIs).
    """
    for prefix, namespace in _LONGEST_FIRST:
        if not iri.startswith(namespace):
            continue
        local = iri[len(namespace) :]
        if _NESTED_LOCAL_NAME.fullmatch(local) if nested else "/" not in local:
            return f"{prefix}:{local}"
    return iri


def expand(name: str) -> str:
    """``id:ptc`` -> the full IRI; anything else (a full IRI, an unknown prefix) unchanged."""
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and local and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name


def slug_of(name: str) -> str | None:
    """The slug of an entity, from its IRI or its ``id:`` CURIE; None for anything else."""
    if name.startswith(ID):
        return name[len(ID) :]
    if name.startswith("id:"):
        return name[len("id:") :]
    return None


def readable(iri: str) -> str:
    """An IRI as a person reads it: an entity as ``id:`` and its slug
    (``id:reporting-line/pfcwg/1``, for reading only), any other IRI compacted."""
    return "id:" + iri[len(ID) :] if iri.startswith(ID) else compact(iri)
