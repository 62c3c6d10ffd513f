"""Running a SELECT on the store: solutions as RDF terms (Answer), or as Python values (rows).

Parameters are bound as RDF terms through the store's ``substitutions``, never spliced into the
query text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from wcograph.errors import Problem, QueryError
from wcograph.namespaces import compact
from wcograph.query.library import NamedQuery, named_query
from wcograph.triples.store import GraphStore, Term

Row = dict[str, Any]
Value = NamedNode | Literal | BlankNode
Solution = dict[str, Value | None]


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
