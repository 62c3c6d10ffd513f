"""The query library: ``queries/**/*.rq`` by name, their headers, and answers to them.

Every query file opens with a comment block that this module reads (queries/README.md):

    # Question: Which bodies report directly to a body today?
    # Parameter: body (body) — the body reported to: acronym, label, IRI, CURIE or slug
    # As-of: cq/as-of/bodies-reporting-to
    # Sources: line
    # Ask: which bodies report (directly )?to {body}
    # Example: wcograph query cq/bodies-reporting-to --param body=PTC

Parameters are bound as RDF terms through the store's ``substitutions``, never spliced into the
query text; entity parameters are first resolved to one IRI (``wcograph.resolve``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from wcograph.assets import QUERIES_DIR
from wcograph.errors import Problem, QueryError
from wcograph.namespaces import PREFIXES, XSD, compact, expand, term
from wcograph.store import GraphStore, Term

Row = dict[str, Any]
Value = NamedNode | Literal | BlankNode
Solution = dict[str, Value | None]

AS_OF = "asOf"
SOURCES_QUERY = "support/sources-of"
SOURCE_COLUMNS = ("sourceDocument", "sourceParagraph", "sourceLines", "sourcePassage")

# Entity parameter types and the class an entity must belong to (None: any entity).
ENTITY_CLASSES: dict[str, str | None] = {
    "entity": None,
    "agent": "Agent",
    "body": "Body",
    "organisation": "Organisation",
    "person": "Person",
    "instrument": "Instrument",
    "meeting": "Event",
    "document": "Document",
}
VALUE_TYPES = ("date", "integer", "text", "label", "iri")
PARAMETER_TYPES = (*ENTITY_CLASSES, *VALUE_TYPES)

_KEY = re.compile(r"^(Question|Parameters?|As-of|Sources|Ask|Example|Violation|Note):\s*(.*)$")
_PARAMETER = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*) \((?P<type>[a-z]+)(?:, default (?P<default>[^)]+))?\)"
    r"\s+[—–-]+\s+(?P<description>.+)$"
)


# --- headers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def __str__(self) -> str:
        default = f", default {self.default}" if self.default else ""
        return f"{self.name} ({self.type}{default}) — {self.description}"


@dataclass(frozen=True)
class Header:
    """What a query's leading comment block declares."""

    question: str = ""
    parameters: tuple[Parameter, ...] = ()
    as_of: str | None = None
    sources: str | None = None
    asks: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    violation: str | None = None
    """A check's ``# Violation:`` text: what one row of it means (queries/checks/)."""

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def comment_block(text: str) -> list[str]:
    """The leading ``#`` lines, without the ``#`` and one following space."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return lines


def parse_header(text: str, origin: Path | None = None) -> Header:
    """Read the comment block. Lines indented under a key continue it; other lines are notes."""
    fields: dict[str, list[str]] = {}
    last: list[str] | None = None
    for line in comment_block(text):
        match = _KEY.match(line)
        if match:
            key = "Parameter" if match[1] == "Parameters" else match[1]
            last = fields.setdefault(key, [])
            last.append(match[2].strip())
        elif line.startswith("  ") and last:
            last[-1] = f"{last[-1]} {line.strip()}"
        elif line.strip():
            fields.setdefault("Note", []).append(line.strip())
            last = None
    parameters = tuple(
        _parameter(value, origin)
        for value in fields.get("Parameter", [])
        if value.rstrip(".") != "none"
    )
    return Header(
        question=" ".join(fields.get("Question", [])),
        parameters=parameters,
        as_of=_single(fields, "As-of", origin),
        sources=(_single(fields, "Sources", origin) or "").lstrip("?") or None,
        asks=tuple(fields.get("Ask", [])),
        examples=tuple(fields.get("Example", [])),
        notes=tuple(fields.get("Note", [])),
        violation=_single(fields, "Violation", origin),
    )


def _single(fields: Mapping[str, list[str]], key: str, origin: Path | None) -> str | None:
    values = fields.get(key, [])
    if len(values) > 1:
        raise QueryError(Problem(f"more than one '# {key}:' line", origin))
    return values[0] if values else None


def _parameter(value: str, origin: Path | None) -> Parameter:
    match = _PARAMETER.match(value)
    if not match or match["type"] not in PARAMETER_TYPES:
        raise QueryError(
            Problem(
                f"cannot read the parameter declaration {value!r}",
                origin,
                hint="write '# Parameter: name (type) — description' or '(type, default VALUE)'; "
                f"types: {', '.join(PARAMETER_TYPES)}",
            )
        )
    return Parameter(match["name"], match["type"], match["description"].strip(), match["default"])


# --- the library -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path | None
    text: str
    header: Header = field(default_factory=Header)

    @classmethod
    def from_file(cls, path: Path, name: str | None = None) -> NamedQuery:
        """A query file, read by the one reader of user files (size, encoding, no update and
        no SERVICE: wcograph.inputs)."""
        from wcograph.inputs import read_query_file

        text = read_query_file(path)
        return cls(name or path.stem, path, text, parse_header(text, path))


@cache
def query_library(root: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every query under ``root``, by its path without ``.rq`` (``cq/bodies-under``)."""
    return {
        name: NamedQuery.from_file(path, name)
        for path in sorted(root.rglob("*.rq"))
        for name in [path.relative_to(root).with_suffix("").as_posix()]
    }


def named_query(name: str) -> NamedQuery:
    library = query_library()
    name = name.removesuffix(".rq")
    if name in library:
        return library[name]
    if f"cq/{name}" in library:
        return library[f"cq/{name}"]
    import difflib

    close = difflib.get_close_matches(name, list(library), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise QueryError(
        Problem(f"no query named {name!r}", hint=hint + "wcograph query --list shows them")
    )


def listed_queries(prefix: str = "cq/") -> list[NamedQuery]:
    """The analysts' questions, in name order (support and export queries are left out)."""
    return [query for name, query in query_library().items() if name.startswith(prefix)]


# --- running -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """A query's solutions as RDF terms, with the columns in order."""

    variables: list[str]
    rows: list[Solution]
    query: NamedQuery | None = None
    bindings: Mapping[str, Term] = field(default_factory=dict)

    def values(self) -> list[Row]:
        return [{name: python_value(row.get(name)) for name in self.variables} for row in self.rows]


def python_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, NamedNode):
        return compact(value.value)
    if isinstance(value, BlankNode):
        return f"_:{value.value}"
    if isinstance(value, Literal):
        datatype = value.datatype.value
        if datatype.endswith("#integer"):
            return int(value.value)
        return value.value
    return str(value)


def select(
    store: GraphStore,
    text: str,
    bindings: Mapping[str, Term] | None = None,
    origin: Path | None = None,
) -> Answer:
    """Run a SELECT query; a malformed one is the user's mistake (QueryError), not a bug."""
    try:
        solutions = store.select(text, bindings)
        variables = [variable.value for variable in solutions.variables]
        rows = [dict(zip(variables, solution, strict=True)) for solution in solutions]
    except SyntaxError as err:
        raise QueryError(Problem(f"malformed SPARQL: {err}", origin)) from None
    except TypeError as err:
        raise QueryError(Problem(f"{err}: only SELECT queries can be run here", origin)) from None
    except (RuntimeError, OSError, ValueError) as err:
        hint = None
        if "projection" in str(err):
            hint = "a parameter must be among the SELECT variables (and in GROUP BY) to be bound"
        raise QueryError(Problem(f"the query failed: {err}", origin, hint=hint)) from None
    return Answer(variables, rows, bindings=dict(bindings or {}))


def run_query(
    store: GraphStore, text: str, bindings: Mapping[str, Term] | None = None
) -> list[Row]:
    return select(store, text, bindings).values()


def run_named_query(
    store: GraphStore, name: str, bindings: Mapping[str, Term] | None = None
) -> list[Row]:
    return run_query(store, named_query(name).text, bindings)


# --- parameters --------------------------------------------------------------------------------


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``["body=PTC", "asOf=2018-04-25"]`` -> a dict; ``key=value`` is the only form."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(
                Problem(f"cannot read --param {pair!r}", hint="write --param key=value")
            )
        if key in params:
            raise QueryError(Problem(f"--param {key} is given twice"))
        params[key] = value
    return params


def bind_parameters(
    store: GraphStore, query: NamedQuery, given: Mapping[str, str]
) -> dict[str, Term]:
    """Check the given values against the header and turn each into an RDF term."""
    header = query.header
    declared = {p.name for p in header.parameters}
    unknown = sorted(set(given) - declared)
    if unknown:
        accepted = ", ".join(sorted(declared)) or "none"
        raise QueryError(
            Problem(
                f"{query.name} has no parameter {', '.join(unknown)}",
                query.path,
                hint=f"its parameters: {accepted} (declared with '# Parameter:' in its header)",
            )
        )
    missing = [p for p in header.parameters if p.required and p.name not in given]
    if missing:
        example = next(iter(header.examples), "")
        raise QueryError(
            Problem(
                f"{query.name} needs " + "; ".join(f"--param {p}" for p in missing),
                query.path,
                hint=f"for example: {example}" if example else None,
            )
        )
    bindings: dict[str, Term] = {}
    for parameter in header.parameters:
        raw = given.get(parameter.name, parameter.default)
        assert raw is not None
        bindings[parameter.name] = parameter_term(store, parameter, raw)
    return bindings


def parameter_term(store: GraphStore, parameter: Parameter, raw: str) -> Term:
    """The RDF term for one parameter value; entity names are resolved to one IRI."""
    value = raw.strip()
    if parameter.type == "date":
        try:
            return Literal(date.fromisoformat(value).isoformat(), datatype=NamedNode(XSD + "date"))
        except ValueError:
            raise QueryError(
                Problem(f"{parameter.name}: {raw!r} is not a date", hint="write YYYY-MM-DD")
            ) from None
    if parameter.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(Problem(f"{parameter.name}: {raw!r} is not an integer"))
        return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))
    if parameter.type == "text":
        return Literal(raw)
    if parameter.type == "label":
        return Literal(raw, language="en")
    if parameter.type == "iri":
        return iri_term(value, parameter.name)
    from wcograph.resolve import resolve_entity

    cls = ENTITY_CLASSES[parameter.type]
    return resolve_entity(store, value, term("wco", cls) if cls else None, kind=parameter.type)


def iri_term(value: str, what: str = "value") -> NamedNode:
    """A full IRI, or a CURIE with one of the project's prefixes, as a NamedNode."""
    value = expand(value)
    try:
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
            raise ValueError("not absolute")
        return NamedNode(value)
    except ValueError:
        raise QueryError(
            Problem(
                f"{what}: {value!r} is not an IRI or a CURIE",
                hint=f"known prefixes: {', '.join(PREFIXES)}",
            )
        ) from None


# --- answering ---------------------------------------------------------------------------------


def answer(
    store: GraphStore,
    query: NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    as_of: date | None = None,
    with_sources: bool = False,
) -> Answer:
    """Answer a query: route --as-of, bind the parameters, run, drop the parameter columns (they
    are the same on every row) and attach the sources behind each row if asked."""
    params = dict(params or {})
    if as_of is not None:
        query = as_of_query(query)
        if AS_OF in params:
            raise QueryError(Problem(f"give the day once: --as-of or --param {AS_OF}, not both"))
        params[AS_OF] = as_of.isoformat()
    bindings = bind_parameters(store, query, params)
    result = select(store, query.text, bindings, query.path)
    shown = [name for name in result.variables if name not in bindings]
    result = replace(result, variables=shown, query=query)
    if with_sources:
        result = attach_sources(store, result)
    return result


def as_of_query(query: NamedQuery) -> NamedQuery:
    """The query that answers ``query`` for a given day: its ``As-of:`` variant, or itself when it
    takes an ``asOf`` parameter."""
    if query.header.as_of:
        variant = named_query(query.header.as_of)
        if variant.header.parameter(AS_OF) is None:
            raise QueryError(
                Problem(
                    f"{variant.name} (the as-of variant of {query.name}) takes no "
                    f"{AS_OF} parameter",
                    variant.path,
                )
            )
        return variant
    if query.header.parameter(AS_OF) is not None:
        return query
    raise QueryError(
        Problem(
            f"{query.name} does not depend on a day, so --as-of does not apply",
            hint="wcograph query --list marks the queries that take --as-of",
        )
    )


def attach_sources(store: GraphStore, result: Answer) -> Answer:
    """One row per answer row and source passage of the node in its ``Sources:`` variable:
    the document (number), the paragraph or line range, and the passage's IRI."""
    query = result.query
    variable = query.header.sources if query else None
    if not variable:
        name = query.name if query else "the query"
        raise QueryError(
            Problem(
                f"{name} declares no '# Sources: variable' line, so --with-sources "
                "does not know whose sources to show"
            )
        )
    if variable not in result.variables:
        raise QueryError(
            Problem(
                f"'# Sources: {variable}' names no column of the query",
                query.path if query else None,
            )
        )
    sources = named_query(SOURCES_QUERY)
    cache_: dict[Value, list[Solution]] = {}
    rows: list[Solution] = []
    for row in result.rows:
        node = row.get(variable)
        passages: list[Solution] = []
        if isinstance(node, NamedNode):
            if node not in cache_:
                cache_[node] = select(store, sources.text, {"node": node}, sources.path).rows
            passages = cache_[node]
        if not passages:
            rows.append({**row, **dict.fromkeys(SOURCE_COLUMNS)})
        for passage in passages:
            rows.append(
                {
                    **row,
                    "sourceDocument": passage.get("document"),
                    "sourceParagraph": passage.get("paragraph"),
                    "sourceLines": passage.get("lines"),
                    "sourcePassage": passage.get("passage"),
                }
            )
    return replace(result, variables=[*result.variables, *SOURCE_COLUMNS], rows=rows)


@dataclass(frozen=True)
class Request:
    """One call of ``wcograph query``: a query name, its parameters, a day, sources or not."""

    name: str
    params: dict[str, str]
    as_of: date | None = None
    with_sources: bool = False


def parse_example(example: str) -> Request:
    """Read a header's ``# Example: wcograph query NAME [--param k=v ...] [--as-of D]
    [--with-sources]`` line (the tests also parse every example with the real command)."""
    import shlex

    words = shlex.split(example)
    if words[:2] != ["wcograph", "query"] or len(words) < 3:
        raise QueryError(Problem(f"an example must read 'wcograph query NAME ...': {example!r}"))
    params: list[str] = []
    as_of: date | None = None
    with_sources = False
    rest = iter(words[3:])
    for word in rest:
        if word == "--param":
            params.append(next(rest, ""))
        elif word == "--as-of":
            as_of = date.fromisoformat(next(rest, ""))
        elif word == "--with-sources":
            with_sources = True
        else:
            raise QueryError(Problem(f"unexpected {word!r} in the example {example!r}"))
    return Request(words[2], parse_params(params), as_of, with_sources)


def bound_example(store: GraphStore, query: NamedQuery) -> tuple[NamedQuery, dict[str, Term]]:
    """The query its first example runs (its as-of variant, if the example gives a day) and the
    bindings, for benchmarks that run every query on other engines."""
    runnable = [e for e in query.header.examples if e.startswith("wcograph query ")]
    if not query.header.parameters or not runnable:
        return query, bind_parameters(store, query, {})
    request = parse_example(runnable[0])
    params = dict(request.params)
    target = query
    if request.as_of:
        target = as_of_query(query)
        params[AS_OF] = request.as_of.isoformat()
    return target, bind_parameters(store, target, params)
