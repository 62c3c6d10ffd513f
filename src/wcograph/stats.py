"""Coverage figures for curators: what the graph holds and how much of it is sourced."""

from __future__ import annotations

import json
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


def render_coverage(figures: Coverage, graph: str, fmt: str) -> str:
    """The figures as aligned tables (table), Markdown tables, or one JSON object."""
    if fmt == "json":
        document = {
            "graph": graph,
            "sections": figures.sections,
            "statements": figures.statements,
            "sourced": figures.sourced,
        }
        return json.dumps(document, indent=1, ensure_ascii=False, default=str) + "\n"
    from wcograph.tables import aligned

    sourced = (
        f"statements with a source: {figures.sourced}/{figures.statements} "
        f"({figures.sourced_share:.1%})"
    )
    out = [f"graph: {graph}", ""] if fmt == "table" else [f"Graph: {graph}", ""]
    for title, rows in figures.sections.items():
        headers = list(rows[0]) if rows else ["(none)"]
        cells = [["" if row.get(h) is None else str(row.get(h)) for h in headers] for row in rows]
        if fmt == "markdown":
            out += [f"### {title}", "", "| " + " | ".join(headers) + " |"]
            out.append("|" + "---|" * len(headers))
            out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        else:
            out += [f"{title}:", *("  " + line for line in aligned(headers, cells, 98))]
        out.append("")
    out.append(sourced)
    return "\n".join(out) + "\n"
