"""Answers as text: an aligned table, CSV, SPARQL 1.1 Query Results JSON, or Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from wcograph.namespaces import ID, XSD, compact
from wcograph.query import AS_OF, Answer, NamedQuery, Value

XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def display(value: Value | None) -> str:
    """A value as a person reads it: CURIEs for the project's IRIs, literals without quotes."""
    if value is None:
        return ""
    if isinstance(value, NamedNode):
        if value.value.startswith(ID):
            return "id:" + value.value[len(ID) :]  # id:reporting-line/pfcwg/1, for reading only
        return compact(value.value)
    if isinstance(value, BlankNode):
        return f"_:{value.value}"
    return value.value


TABLE_CELL_WIDTH = 60


def render_table(result: Answer, cell_width: int = TABLE_CELL_WIDTH) -> str:
    """Aligned columns for a terminal; a cell longer than ``cell_width`` is cut with "…" (the
    other formats keep every character)."""
    columns = result.variables
    cells = [
        [_cut(_one_line(display(row.get(name))), cell_width) for name in columns]
        for row in result.rows
    ]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(columns)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * width for width in widths),
    ]
    lines += [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def render_markdown(result: Answer) -> str:
    def cell(value: Value | None) -> str:
        return _one_line(display(value)).replace("|", "\\|")

    lines = [
        "| " + " | ".join(result.variables) + " |",
        "|" + "|".join("---" for _ in result.variables) + "|",
    ]
    lines += [
        "| " + " | ".join(cell(row.get(name)) for name in result.variables) + " |"
        for row in result.rows
    ]
    return "\n".join(lines) + "\n"


def render_csv(result: Answer) -> str:
    """SPARQL 1.1 Query Results CSV: full IRIs, literals by their lexical form."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(row.get(name)) for name in result.variables])
    return out.getvalue()


def render_json(result: Answer) -> str:
    """SPARQL 1.1 Query Results JSON (``application/sparql-results+json``)."""
    document = {
        "head": {"vars": result.variables},
        "results": {
            "bindings": [
                {
                    name: json_term(value)
                    for name in result.variables
                    if (value := row.get(name)) is not None
                }
                for row in result.rows
            ]
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def json_term(value: Value) -> dict[str, Any]:
    if isinstance(value, NamedNode):
        return {"type": "uri", "value": value.value}
    if isinstance(value, BlankNode):
        return {"type": "bnode", "value": value.value}
    assert isinstance(value, Literal)
    term: dict[str, Any] = {"type": "literal", "value": value.value}
    if value.language:
        term["xml:lang"] = value.language
    elif value.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
        term["datatype"] = value.datatype.value
    return term


def _csv_value(value: Value | None) -> str:
    if value is None:
        return ""
    if isinstance(value, BlankNode):
        return f"_:{value.value}"
    return value.value


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_listing(queries: list[NamedQuery]) -> str:
    """The questions of the library: name, question, parameters, --as-of, first example."""
    lines: list[str] = []
    for query in queries:
        header = query.header
        lines.append(query.name)
        lines.append(f"    {header.question}")
        for parameter in header.parameters:
            lines.append(f"    --param {parameter}")
        if header.as_of:
            lines.append(f"    --as-of YYYY-MM-DD  (runs {header.as_of})")
        elif header.parameter(AS_OF):
            lines.append("    --as-of YYYY-MM-DD")
        if header.examples:
            lines.append(f"    e.g. {header.examples[0]}")
        lines.append("")
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[Answer], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
    "markdown": render_markdown,
}


def render(result: Answer, fmt: str) -> str:
    return RENDERERS[fmt](result)
