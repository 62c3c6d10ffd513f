"""The graph's store: an embedded pyoxigraph store, chosen by measurement (README, Performance).

It holds the ontology, the decision types and the built data in the default graph, and answers
SPARQL with parameters bound as RDF terms (``substitutions``), never spliced into query text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    Store,
    Triple,
    Variable,
)

from wcograph.assets import DECISION_TYPES_FILE, ONTOLOGY_FILE, VOCABULARIES_FILE
from wcograph.inputs import MAX_RDF_BYTES, check_query_text, read_rdf
from wcograph.namespaces import PREFIXES

Term = NamedNode | Literal
VOCABULARY_FILES = (ONTOLOGY_FILE, VOCABULARIES_FILE, DECISION_TYPES_FILE)


def vocabulary_quads() -> list[Quad]:
    """The ontology, its concept schemes and the decision-type scheme, as quads.

    The parser names blank nodes at random; they are renamed in the order they are read, so
    that two builds of the same data are byte-identical (README, Reliability and security).
    """
    return stable_blank_nodes(quad for path in VOCABULARY_FILES for quad in read_rdf(path))


def stable_blank_nodes(quads: Iterable[Quad], prefix: str = "wcovocab") -> list[Quad]:
    """The quads with each blank node renamed ``<prefix><n>``, n counting in reading order."""
    names: dict[BlankNode, BlankNode] = {}

    def rename(node: Any) -> Any:
        if isinstance(node, BlankNode):
            return names.setdefault(node, BlankNode(f"{prefix}{len(names)}"))
        return node

    return [
        Quad(rename(quad.subject), quad.predicate, rename(quad.object), quad.graph_name)
        for quad in quads
    ]


class GraphStore:
    def __init__(self, store: Store | None = None) -> None:
        self.store = store or Store()
        self.parsed: list[Triple] | None = None
        """The triples as parsed, when the graph was read from a file (``read_original``).

        The store normalises typed literals on load ("5"^^xsd:int becomes "5"^^xsd:integer,
        "300"^^xsd:byte "300"^^xsd:integer, "1"^^xsd:boolean "true"), which SHACL must not see:
        validation reads these instead (``triples``)."""

    @classmethod
    def read_original(cls, triples: Iterable[Triple]) -> GraphStore:
        """A store of the triples that keeps the triples as they are for validation."""
        graph = cls()
        graph.parsed = list(dict.fromkeys(triples))  # each triple once, as in the store
        graph.store.extend(Quad(t.subject, t.predicate, t.object) for t in graph.parsed)
        return graph

    def triples(self) -> Iterable[Triple]:
        """The default graph's triples, literals as parsed where the original parse is known."""
        if self.parsed is not None:
            return self.parsed
        return (
            quad.triple for quad in self.store.quads_for_pattern(None, None, None, DefaultGraph())
        )

    @classmethod
    def from_quads(cls, quads: Iterable[Quad]) -> GraphStore:
        graph = cls()
        graph.store.extend(quads)
        return graph

    @classmethod
    def from_file(cls, path: Path, limit: int | None = MAX_RDF_BYTES) -> GraphStore:
        """Load an RDF file (wcograph.inputs.read_rdf), keeping its blank-node labels (a bulk
        load would rename them at random, and exports would differ from run to run).
        ``limit=None`` for the graphs wcograph writes itself."""
        return cls.from_quads(read_rdf(path, limit))

    def add_file(self, path: Path, limit: int | None = MAX_RDF_BYTES) -> None:
        """Add an RDF file's triples (wcograph.inputs.read_rdf)."""
        self.store.extend(read_rdf(path, limit))

    def __len__(self) -> int:
        return len(self.store)

    def quads(self) -> Iterable[Quad]:
        return self.store.quads_for_pattern(None, None, None, None)

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> QuerySolutions:
        result = self._query(query, bindings)
        if not isinstance(result, QuerySolutions):
            raise TypeError("expected a SELECT query")
        return result

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        return bool(self._query(query, bindings))

    def _query(self, query: str, bindings: Mapping[str, Term] | None) -> object:
        # pyoxigraph would send a SERVICE clause over HTTP: no query reaches it unchecked.
        check_query_text(query)
        substitutions: dict[Variable, Any] = {
            Variable(name): value for name, value in (bindings or {}).items()
        }
        return self.store.query(query, prefixes=PREFIXES, substitutions=substitutions or None)
