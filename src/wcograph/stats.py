"""Coverage figures for curators: what the graph holds and how much of it is sourced."""

from __future__ import annotations

from dataclasses import dataclass

from wcograph.query import Row, run_named_query
from wcograph.store import GraphStore

SECTIONS = {
    "entities per class": "stats/entities-per-class",
    "decisions per meeting": "stats/decisions-per-meeting",
    "decisions per type": "stats/decisions-per-type",
    "presenters": "stats/presenters",
    "documents": "stats/documents",
}


@dataclass
class Coverage:
    sections: dict[str, list[Row]]
    statements: int
    sourced: int

    @property
    def sourced_share(self) -> float:
        return self.sourced / self.statements if self.statements else 1.0


def coverage(store: GraphStore) -> Coverage:
    sections = {title: run_named_query(store, name) for title, name in SECTIONS.items()}
    [totals] = run_named_query(store, "stats/source-coverage")
    return Coverage(sections, totals["statements"], totals["sourced"])
