"""Running a SELECT on the store: solutions as RDF terms (Answer), or as Python values (rows).

Parameters are bound as RDF terms through the store's ``substitutions``, never spliced into the
query text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
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
        as_solution = solution_maker(tuple(variables))
        rows = [as_solution(solution) for solution in solutions]
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


@lru_cache(maxsize=512)
def solution_maker(variables: tuple[str, ...]) -> Callable[[Iterable[Value | None]], Solution]:
    """A function turning one pyoxigraph solution into a dict of its variables, in order.

    Written for the variables at hand, as ``collections.namedtuple`` writes its classes:
    unpacking a solution into locals and returning a dict display costs about a third of
    ``dict(zip(variables, solution))``, which was most of what wcograph added to pyoxigraph's
    own time on an answer of many rows. Only positions go into the generated text; the names
    are passed in as values, so no text of a query is ever compiled. Unpacking also checks
    that the solution has one value per variable."""
    if not variables:
        return lambda solution: {}
    slots = ", ".join(f"v{i}" for i in range(len(variables)))
    pairs = ", ".join(f"k{i}: v{i}" for i in range(len(variables)))
    namespace: dict[str, Any] = {f"k{i}": name for i, name in enumerate(variables)}
    exec(f"def make(solution):\n    {slots}, = solution\n    return {{{pairs}}}\n", namespace)
    made: Callable[[Iterable[Value | None]], Solution] = namespace["make"]
    return made


def run_query(
    store: GraphStore, text: str, bindings: Mapping[str, Term] | None = None
) -> list[Row]:
    return select(store, text, bindings).values()


def run_named_query(
    store: GraphStore, name: str, bindings: Mapping[str, Term] | None = None
) -> list[Row]:
    return run_query(store, named_query(name).text, bindings)
