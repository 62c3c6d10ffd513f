"""Coverage figures for curators: what the graph holds and how much of it is sourced."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from pyoxigraph import Literal, NamedNode

from wcograph.query.run import Row, run_named_query
from wcograph.triples.store import GraphStore

XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")

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


DATED = {"stats/decisions-per-meeting", "stats/decisions-per-type", "stats/presenters"}
"""The sections that count what happened at meetings, which --as-of limits to a day."""


def coverage(store: GraphStore, as_of: date | None = None) -> Coverage:
    """The figures; with ``as_of``, decisions and presentations of meetings up to that day."""
    day = {"asOf": Literal(as_of.isoformat(), datatype=XSD_DATE)} if as_of else None
    sections = {
        (f"{title} (meetings up to {as_of})" if as_of and name in DATED else title): [
            {key: value for key, value in row.items() if key != "asOf"}
            for row in run_named_query(store, name, day if name in DATED else None)
        ]
        for title, name in SECTIONS.items()
    }
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
    from wcograph.query.tables import aligned

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


def render_entities_per_class(store: GraphStore) -> str:
    """How many entities each class has, as ``wcograph build --verbose`` lists them."""
    rows = run_named_query(store, "stats/entities-per-class")
    lines = ["entities per class:", *(f"  {r['class']:<28} {r['entities']:>6}" for r in rows)]
    return "\n".join(lines) + "\n"
