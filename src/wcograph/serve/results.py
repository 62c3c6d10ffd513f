"""SPARQL answers as bytes in the negotiated format, cut at a row (or triple) limit.

pyoxigraph serialises whole result sets only, so the solution formats (SPARQL 1.1 JSON, XML,
CSV, TSV) are written here, from the first ``limit`` solutions; graphs go through pyoxigraph's
serialiser after the same cut.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    serialize,
)

from wcograph.namespaces import PREFIXES
from wcograph.query.tables import json_term

GRAPH_FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD}
BOOLEAN_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}


@dataclass(frozen=True)
class Rendered:
    body: bytes
    rows: int
    truncated: bool


def render(result: Any, fmt: str, limit: int) -> Rendered:
    """An answer of pyoxigraph's ``Store.query`` as bytes in ``fmt``."""
    if isinstance(result, QueryBoolean):
        return Rendered(result.serialize(format=BOOLEAN_FORMATS[fmt]) or b"", 1, False)
    if isinstance(result, QueryTriples):
        triples, truncated = _cut(result, limit)
        body = serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=_prefixes(fmt)) or b""
        return Rendered(body, len(triples), truncated)
    assert isinstance(result, QuerySolutions)
    variables = [variable.value for variable in result.variables]
    rows, truncated = _cut(([solution[v] for v in variables] for solution in result), limit)
    return Rendered(SOLUTION_WRITERS[fmt](variables, rows), len(rows), truncated)


def _prefixes(fmt: str) -> dict[str, str] | None:
    return PREFIXES if fmt == "ttl" else None


def _cut(items: Iterable[Any], limit: int) -> tuple[list[Any], bool]:
    kept = list(islice(items, limit + 1))
    return kept[:limit], len(kept) > limit


Term = NamedNode | BlankNode | Literal | None


def _json_term(term: Term) -> dict[str, str] | None:
    if term is None:
        return None
    if isinstance(term, NamedNode | BlankNode | Literal):
        return json_term(term)  # the one SPARQL JSON term writer (tables.py)
    return {"type": "triple", "value": str(term)}


def write_json(variables: list[str], rows: list[list[Term]]) -> bytes:
    bindings = []
    for row in rows:
        terms = ((name, _json_term(term)) for name, term in zip(variables, row, strict=True))
        bindings.append({name: value for name, value in terms if value is not None})
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False).encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal>{escape(term.value)}</literal>"
        return f"<literal datatype={quoteattr(datatype)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def write_xml(variables: list[str], rows: list[list[Term]]) -> bytes:
    def lines() -> Iterator[str]:
        yield '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        yield "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        yield "</head><results>"
        for row in rows:
            cells = (
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(variables, row, strict=True)
                if term is not None
            )
            yield "<result>" + "".join(cells) + "</result>"
        yield "</results></sparql>\n"

    return "\n".join(lines()).encode()


def write_csv(variables: list[str], rows: list[list[Term]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if term is None else _plain(term) for term in row])
    return out.getvalue().encode()


def _plain(term: NamedNode | BlankNode | Literal) -> str:
    return f"_:{term.value}" if isinstance(term, BlankNode) else term.value


def write_tsv(variables: list[str], rows: list[list[Term]]) -> bytes:
    # Terms in TSV are written as in Turtle; pyoxigraph's str() gives that form, escapes included.
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def read_json_term(value: dict[str, str]) -> NamedNode | BlankNode | Literal:
    """A term of SPARQL 1.1 JSON results (Virtuoso's older ``typed-literal`` included); an
    explicit ``xsd:string`` is the same term as a plain literal."""
    kind = value["type"]
    if kind == "uri":
        return NamedNode(value["value"])
    if kind == "bnode":
        return BlankNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], language=value["xml:lang"].lower())
    if "datatype" in value:
        return Literal(value["value"], datatype=NamedNode(value["datatype"]))
    return Literal(value["value"])


def read_json(document: dict[str, Any]) -> list[dict[str, NamedNode | BlankNode | Literal]]:
    """The rows of a SPARQL 1.1 JSON results document, as RDF terms."""
    return [
        {name: read_json_term(value) for name, value in row.items()}
        for row in document["results"]["bindings"]
    ]


SOLUTION_WRITERS = {"json": write_json, "xml": write_xml, "csv": write_csv, "tsv": write_tsv}
