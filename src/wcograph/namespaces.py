"""Every namespace, once."""

from __future__ import annotations

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
    "sh": SH,
    "wcosh": SHAPES,
}


def wco(name: str) -> NamedNode:
    return NamedNode(WCO + name)


def entity(slug: str) -> NamedNode:
    return NamedNode(ID + slug)


def term(prefix: str, name: str) -> NamedNode:
    return NamedNode(PREFIXES[prefix] + name)


def compact(iri: str) -> str:
    """``https://w3id.org/wcograph/id/ptc`` -> ``id:ptc``; other IRIs unchanged."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and "/" not in iri[len(namespace) :]:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def slug_of(iri: str) -> str | None:
    """The slug of an entity IRI, or None for an IRI outside the id namespace."""
    return iri[len(ID) :] if iri.startswith(ID) else None
