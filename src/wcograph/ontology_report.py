"""`wcograph ontology-report`: a ROBOT-style report on the ontology (ROBOT's `report` command of
the OBO tools, in Python), run by CI.

Errors (exit 1): a term without an English label, a definition or rdfs:isDefinedBy; a definition
that only repeats the term ("A handbook."); two terms with one label; a deprecated term without
dcterms:isReplacedBy; a concept scheme used but not declared; a wco: term or a concept used in
the data, the shapes or the queries but declared nowhere; an ontology header without licence,
creator or version. Warnings (reported, never failing) note what a curator may want to look at.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from wcograph.assets import (
    DECISION_TYPES_FILE,
    ONTOLOGY_FILE,
    QUERIES_DIR,
    SHAPES_DIR,
    VOCABULARIES_FILE,
)
from wcograph.namespaces import DCTERMS, ID, OWL, RDF, RDFS, SKOS, WCO

ONTOLOGY_IRI = "https://w3id.org/wcograph/ontology"
TERM_TYPES = {
    OWL + "Class",
    OWL + "ObjectProperty",
    OWL + "DatatypeProperty",
    OWL + "AnnotationProperty",
    SKOS + "Concept",
    SKOS + "ConceptScheme",
}
HEADER = (DCTERMS + "license", DCTERMS + "creator", OWL + "versionInfo", DCTERMS + "title")
WCO_IN_TEXT = re.compile(r"(?<![\w#/])wco:([A-Za-z][A-Za-z0-9]*)|<" + re.escape(WCO) + r"(\w+)>")
ARTICLES = {"a", "an", "the", "of", "or", "and"}
QUERY_SENTINELS = {WCO + "any"}
"""Not terms of the graph: the default of a query parameter that matches everything
(queries/README.md)."""


@dataclass(frozen=True)
class Finding:
    level: str
    """ERROR or WARN."""
    rule: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.level:<5}  {self.rule:<24}  {compact(self.subject)}  {self.message}"


def compact(iri: str) -> str:
    for prefix, base in (("wco:", WCO), ("id:", ID)):
        if iri.startswith(base):
            return prefix + iri[len(base) :]
    return iri


def ontology_files() -> tuple[Path, ...]:
    return (ONTOLOGY_FILE, VOCABULARIES_FILE, DECISION_TYPES_FILE)


def _quads(paths: Iterable[Path]) -> list[Quad]:
    return [q for path in paths for q in parse(path=str(path), format=RdfFormat.TURTLE)]


class Ontology:
    def __init__(self, quads: list[Quad]) -> None:
        self.values: dict[tuple[str, str], list[NamedNode | Literal]] = defaultdict(list)
        for quad in quads:
            if isinstance(quad.subject, NamedNode) and isinstance(quad.object, NamedNode | Literal):
                self.values[(quad.subject.value, quad.predicate.value)].append(quad.object)
        self.terms = {
            subject
            for (subject, predicate), objects in self.values.items()
            if predicate == RDF + "type" and any(o.value in TERM_TYPES for o in objects)
        }

    def get(self, subject: str, predicate: str) -> list[NamedNode | Literal]:
        return self.values.get((subject, predicate), [])

    def english(self, subject: str, predicate: str) -> list[str]:
        return [
            o.value
            for o in self.get(subject, predicate)
            if isinstance(o, Literal) and (o.language or "en").startswith("en")
        ]

    def own_terms(self) -> list[str]:
        """The terms this project defines: wco: terms and the concepts and schemes under id:."""
        return sorted(t for t in self.terms if t.startswith((WCO, ID)))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in ARTICLES}


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def repeats_term(label: str, definition: str) -> bool:
    """A definition that says nothing the label does not ("A handbook.", "A project.")."""
    defined = {_stem(w) for w in _words(definition)}
    return bool(defined) and defined <= {_stem(w) for w in _words(label)}


def term_checks(ontology: Ontology) -> Iterator[Finding]:
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for term in ontology.own_terms():
        label = ontology.english(term, RDFS + "label") or ontology.english(term, SKOS + "prefLabel")
        definition = ontology.english(term, SKOS + "definition")
        if not label:
            yield Finding("ERROR", "missing_label", term, "no English rdfs:label or prefLabel")
        if not definition:
            yield Finding("ERROR", "missing_definition", term, "no skos:definition")
        elif label and repeats_term(label[0], definition[0]):
            yield Finding(
                "ERROR", "definition_repeats_term", term, f"{definition[0]!r} only repeats the term"
            )
        if term.startswith(WCO) and not ontology.get(term, RDFS + "isDefinedBy"):
            yield Finding("ERROR", "missing_isDefinedBy", term, "no rdfs:isDefinedBy")
        deprecated = any(o.value == "true" for o in ontology.get(term, OWL + "deprecated"))
        if deprecated and not ontology.get(term, DCTERMS + "isReplacedBy"):
            yield Finding("ERROR", "deprecated_no_replacement", term, "no dcterms:isReplacedBy")
        schemes = [o.value for o in ontology.get(term, SKOS + "inScheme")]
        for scheme in schemes:
            if scheme not in ontology.terms:
                yield Finding("ERROR", "undeclared_scheme", term, f"scheme {compact(scheme)}")
        if label:
            # Labels are unique within the classes and properties, and within each scheme.
            labels[(schemes[0] if schemes else "wco", label[0].lower())].append(term)
    for (_scope, text), terms in sorted(labels.items()):
        if len(terms) > 1:
            for term in terms:
                yield Finding(
                    "ERROR", "duplicate_label", term, f"{text!r} also labels {len(terms) - 1} more"
                )


def header_checks(ontology: Ontology) -> Iterator[Finding]:
    for predicate in HEADER:
        if not ontology.get(ONTOLOGY_IRI, predicate):
            yield Finding("ERROR", "ontology_header", ONTOLOGY_IRI, f"no {compact(predicate)}")


def used_in_text(paths: Iterable[Path]) -> dict[str, str]:
    """wco: terms named in shapes or queries, with the first file that names each."""
    used: dict[str, str] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in WCO_IN_TEXT.finditer(text):
            used.setdefault(WCO + (match.group(1) or match.group(2)), path.name)
    return used


def used_in_graph(quads: Iterable[Quad], schemes: set[str]) -> dict[str, str]:
    """wco: predicates and classes the data uses, and the concepts of the given schemes (the
    values of wco: properties such as wco:eventKind: id:<scheme>/<notation>)."""
    used: dict[str, str] = {}
    for quad in quads:
        predicate, obj = quad.predicate.value, quad.object
        if not predicate.startswith(WCO) and predicate != RDF + "type":
            continue
        if predicate.startswith(WCO):
            used.setdefault(predicate, "the built data")
        if not isinstance(obj, NamedNode):
            continue
        if predicate == RDF + "type" and obj.value.startswith(WCO):
            used.setdefault(obj.value, "the built data")
        parts = obj.value[len(ID) :].split("/") if obj.value.startswith(ID) else []
        if len(parts) == 2 and ID + parts[0] in schemes:
            used.setdefault(obj.value, "the built data")
    return used


def undeclared(ontology: Ontology, used: dict[str, str]) -> Iterator[Finding]:
    for term, where in sorted(used.items()):
        if term not in ontology.terms and term not in QUERY_SENTINELS:
            yield Finding("ERROR", "undeclared_term", term, f"used in {where}, declared nowhere")


def report(
    data_quads: Iterable[Quad] | None = None,
    ontology_paths: Iterable[Path] | None = None,
    texts: Iterable[Path] | None = None,
) -> list[Finding]:
    """The findings on the ontology files, with the terms the shapes and queries (``texts``)
    and, when given, the built data use."""
    ontology = Ontology(_quads(ontology_paths or ontology_files()))
    if texts is None:
        texts = [*sorted(SHAPES_DIR.glob("*.ttl")), *sorted(QUERIES_DIR.rglob("*.rq"))]
    used = used_in_text(texts)
    if data_quads is not None:
        schemes = {
            term
            for term in ontology.terms
            if any(o.value == SKOS + "ConceptScheme" for o in ontology.get(term, RDF + "type"))
        }
        for term, where in used_in_graph(data_quads, schemes).items():
            used.setdefault(term, where)
    return [
        *header_checks(ontology),
        *term_checks(ontology),
        *undeclared(ontology, used),
    ]


def render(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.level == "ERROR")
    lines = [str(f) for f in findings]
    lines.append(f"{errors} error(s), {len(findings) - errors} warning(s)")
    return "\n".join(lines)
