"""Answers as text: an aligned table, CSV, SPARQL 1.1 Query Results JSON, or Markdown."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import textwrap
from collections.abc import Callable, Collection, Sequence
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from wcograph.namespaces import XSD, readable
from wcograph.query.answer import AS_OF
from wcograph.query.library import NamedQuery
from wcograph.query.run import Answer, Value

XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def display(value: Value | None) -> str:
    """A value as a person reads it: CURIEs for the project's IRIs, literals without quotes."""
    if value is None:
        return ""
    if isinstance(value, NamedNode):
        return readable(value.value)
    if isinstance(value, BlankNode):
        return f"_:{value.value}"
    return value.value


TABLE_WIDTH = 100
"""A table fits this many columns: the widest columns wrap their cells onto more lines."""
NARROWEST = 10
WORDY_NARROWEST = 24


def terminal_width() -> int:
    """The terminal's width (or $COLUMNS) when the table goes to a terminal, never below
    TABLE_WIDTH; TABLE_WIDTH when it goes to a pipe or a file, so that those read the same on
    every machine."""
    if not sys.stdout.isatty():
        return TABLE_WIDTH
    return max(TABLE_WIDTH, shutil.get_terminal_size((TABLE_WIDTH, 24)).columns)


def render_table(result: Answer, width: int | None = None) -> str:
    """Aligned columns for a terminal, wrapped to fit ``width`` (by default the terminal's: see
    terminal_width; the other formats keep every cell on one line)."""
    rows = [[_one_line(display(row.get(name))) for name in result.variables] for row in result.rows]
    lines = aligned(result.variables, rows, width or terminal_width())
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def aligned(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int = TABLE_WIDTH,
    right: Collection[int] = (),
) -> list[str]:
    """A header, a rule and the rows in aligned columns, those in ``right`` (figures) aligned
    right. When the natural widths overflow ``width``, the widest column gives up a character at
    a time (down to NARROWEST) and its cells wrap at spaces; nothing is cut."""
    gap = 2
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(headers)]
    # Labels (cells with spaces) wrap first, at spaces; identifiers break next; words break only
    # when that is not enough.
    wordy = [any(" " in row[i] for row in rows) for i in range(len(headers))]
    longest_word = [
        max([0, *(len(word) for row in rows for word in row[i].split())])
        for i in range(len(headers))
    ]
    passes: list[tuple[Callable[[int], bool], Callable[[int], int]]] = [
        (lambda i: wordy[i], lambda i: max(WORDY_NARROWEST, longest_word[i])),
        (lambda i: not wordy[i], lambda i: NARROWEST),
        (lambda i: True, lambda i: NARROWEST),
    ]
    for allowed, narrowest in passes:
        while sum(widths) + gap * (len(widths) - 1) > width:
            candidates = [
                i
                for i in range(len(widths))
                if allowed(i) and widths[i] > max(narrowest(i), len(headers[i]))
            ]
            if not candidates:
                break
            widths[max(candidates, key=lambda i: widths[i])] -= 1
    lines = [_joined([list(headers)], widths, right)[0], "  ".join("-" * w for w in widths)]
    for row in rows:
        wrapped = [textwrap.wrap(cell, w) or [""] for cell, w in zip(row, widths, strict=True)]
        height = max(len(cell) for cell in wrapped)
        lines += _joined(
            [[cell[i] if i < len(cell) else "" for cell in wrapped] for i in range(height)],
            widths,
            right,
        )
    return lines


def _joined(rows: list[list[str]], widths: list[int], right: Collection[int] = ()) -> list[str]:
    return [
        "  ".join(
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


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
