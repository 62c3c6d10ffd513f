"""The graph's store: an embedded pyoxigraph store, chosen by measurement (README, Performance).

It holds the ontology, the decision types and the built data in the default graph, and answers
SPARQL with parameters bound as RDF terms (``substitutions``), never spliced into query text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Store,
    Variable,
    parse,
)

from wcograph.assets import DECISION_TYPES_FILE, ONTOLOGY_FILE
from wcograph.namespaces import PREFIXES

Term = NamedNode | Literal
VOCABULARY_FILES = (ONTOLOGY_FILE, DECISION_TYPES_FILE)


def vocabulary_quads() -> list[Quad]:
    """The ontology and the decision-type scheme, as quads."""
    return [
        quad for path in VOCABULARY_FILES for quad in parse(path=str(path), format=RdfFormat.TURTLE)
    ]


class GraphStore:
    def __init__(self, store: Store | None = None) -> None:
        self.store = store or Store()

    @classmethod
    def from_quads(cls, quads: Iterable[Quad]) -> GraphStore:
        graph = cls()
        graph.store.extend(quads)
        return graph

    @classmethod
    def from_file(cls, path: Path) -> GraphStore:
        """Bulk-load an RDF file (format from its extension)."""
        graph = cls()
        graph.store.bulk_load(
            path=str(path), format=RdfFormat.from_extension(path.suffix.lstrip("."))
        )
        return graph

    def __len__(self) -> int:
        return len(self.store)

    def quads(self) -> Iterable[Quad]:
        return self.store.quads_for_pattern(None, None, None, None)

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> QuerySolutions:
        substitutions: dict[Variable, Any] = {
            Variable(name): value for name, value in (bindings or {}).items()
        }
        result = self.store.query(query, prefixes=PREFIXES, substitutions=substitutions or None)
        if not isinstance(result, QuerySolutions):
            raise TypeError("expected a SELECT query")
        return result

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        substitutions: dict[Variable, Any] = {
            Variable(name): value for name, value in (bindings or {}).items()
        }
        return bool(self.store.query(query, prefixes=PREFIXES, substitutions=substitutions or None))
