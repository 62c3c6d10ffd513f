"""Answering a named query: route ``--as-of`` to the query that takes a day, bind the
parameters, run, and attach the sources behind each row; and the header's ``# Example:`` lines
read as the calls of ``wcograph query`` they are."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from pyoxigraph import NamedNode

from wcograph.errors import Problem, QueryError
from wcograph.query.binding import bind_parameters, parse_params
from wcograph.query.library import NamedQuery, named_query
from wcograph.query.run import Answer, Solution, Value, select
from wcograph.triples.store import GraphStore, Term

AS_OF = "asOf"
SOURCES_QUERY = "support/sources-of"
SOURCE_COLUMNS = ("sourceDocument", "sourceParagraph", "sourceLines", "sourcePassage")


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
