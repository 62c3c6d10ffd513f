"""Reading SPARQL text without a full parser: what kind of request it is, whether it reaches
outside the store, and the same query with its parameters written in (for stores that have no
SEP-0007 substitutions) or with a dataset clause added.

The text is split into tokens the way the SPARQL grammar does (strings, IRIs, comments,
variables, words), after the codepoint escapes (``\\u0053``) that SPARQL resolves before parsing,
so that a keyword hidden in a string, an IRI, a comment or an escape is neither missed nor
mistaken.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode

UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
REMOTE_WORDS = frozenset({"SERVICE"})

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<comment>\#[^\n]*)
      | (?P<string>\"\"\"(?:[^\\]|\\.)*?\"\"\"|'''(?:[^\\]|\\.)*?'''
                   |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\s]*>)
      | (?P<var>[?$][\w\u00B7-\uFFFF]+)
      | (?P<word>[\w\u00B7-\uFFFF][\w\u00B7-\uFFFF.:-]*(?<!\.)|:[\w\u00B7-\uFFFF.-]*(?<!\.))
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_CLAUSE_ENDS = frozenset({"WHERE", "FROM", "HAVING", "LIMIT", "OFFSET", "VALUES"})


@dataclass(frozen=True)
class Token:
    kind: str
    text: str

    @property
    def keyword(self) -> str | None:
        """The upper-cased keyword, for a bare word (no prefix colon)."""
        return self.text.upper() if self.kind == "word" and ":" not in self.text else None


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)


def tokens(text: str) -> list[Token]:
    return [
        Token(m.lastgroup or "other", m[0])
        for m in _TOKEN.finditer(unescape(text))
        if m.lastgroup != "space"
    ]


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[frozenset[str], str | None]:
    """The keywords of a text and its query form (read once per distinct text)."""
    words = [t.keyword for t in tokens(text) if t.keyword]
    return frozenset(words), next((w for w in words if w in QUERY_FORMS), None)


def keywords(text: str) -> frozenset[str]:
    return _read(text)[0]


def is_update(text: str) -> bool:
    return bool(keywords(text) & UPDATE_WORDS)


def reaches_outside(text: str) -> bool:
    """SERVICE asks the store to fetch from another endpoint."""
    return bool(keywords(text) & REMOTE_WORDS)


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first query-form keyword, if any."""
    return _read(text)[1]


def term_text(term: NamedNode | Literal | BlankNode) -> str:
    """The term in SPARQL syntax (N-Triples' is a subset)."""
    return str(term)


def bind_text(text: str, bindings: Mapping[str, NamedNode | Literal]) -> str:
    """The query with each bound variable replaced by its term, keeping the variable as a
    column: ``SELECT ?body`` becomes ``SELECT (<iri> AS ?body)``; ``GROUP BY ?body`` and
    ``ORDER BY ?body`` drop it (a constant groups and sorts nothing); a subquery leaves the
    column out (the outer query's projection may not rebind it). This is what pyoxigraph's
    substitutions do (SEP-0007), written out for stores that only take text."""
    values = {name: term_text(term) for name, term in bindings.items()}
    out: list[str] = []
    clause: str | None = None
    depth = braces = select_braces = 0
    for m in _TOKEN.finditer(unescape(text)):
        kind, piece = m.lastgroup, m[0]
        word = piece.upper() if kind == "word" and ":" not in piece else None
        if word in {"SELECT", "GROUP", "ORDER"}:
            clause, depth, select_braces = word, 0, braces
        elif word in _CLAUSE_ENDS or (kind == "other" and piece in "{}"):
            clause = None
        if kind == "other" and piece in "({":
            depth, braces = depth + (piece == "("), braces + (piece == "{")
        elif kind == "other" and piece in ")}":
            depth, braces = depth - (piece == ")"), braces - (piece == "}")
        if kind == "var" and piece[1:] in values:
            value = values[piece[1:]]
            if clause == "SELECT" and depth == 0:
                piece = f"({value} AS {piece})" if select_braces == 0 else ""
            elif clause in {"GROUP", "ORDER"} and depth == 0:
                # Grouping or sorting by a constant changes nothing, and Virtuoso reads a
                # constant integer there as a column number ("GROUP BY 0"): leave it out.
                piece = ""
            else:
                piece = value
        out.append(piece)
    return "".join(out)


def with_dataset(text: str, graph_iri: str) -> str:
    """The query reading only the named graph ``graph_iri`` as its default graph: ``FROM <g>``
    before the outermost query's WHERE (or its group, when WHERE is left out)."""
    out: list[str] = []
    form: str | None = None
    inserted = False
    for m in _TOKEN.finditer(unescape(text)):
        kind, piece = m.lastgroup, m[0]
        word = piece.upper() if kind == "word" and ":" not in piece else None
        if not inserted:
            if form is None and word in QUERY_FORMS:
                form = word
            elif form and (word == "WHERE" or (piece == "{" and form != "CONSTRUCT")):
                out.append(f"FROM <{graph_iri}>\n")
                inserted = True
        out.append(piece)
    if not inserted:
        raise ValueError("no WHERE clause to add a dataset to")
    return "".join(out)
