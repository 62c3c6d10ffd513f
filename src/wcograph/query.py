"""The query library: ``queries/**/*.rq`` by name, run on the store with bound parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from wcograph.assets import QUERIES_DIR
from wcograph.errors import QueryError, Problem
from wcograph.namespaces import compact
from wcograph.store import GraphStore, Term

Row = dict[str, Any]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str

    @property
    def header(self) -> list[str]:
        """The leading comment block, without the ``#``."""
        lines = []
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line.lstrip("#").strip())
        return lines


@cache
def query_library(root: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    return {
        path.relative_to(root).with_suffix("").as_posix(): NamedQuery(
            path.relative_to(root).with_suffix("").as_posix(), path, path.read_text(encoding="utf-8")
        )
        for path in sorted(root.rglob("*.rq"))
    }


def named_query(name: str) -> NamedQuery:
    library = query_library()
    if name not in library:
        raise QueryError(Problem(f"no query named {name!r}", hint="wcograph query --list shows them"))
    return library[name]


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


def run_query(store: GraphStore, text: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
    try:
        solutions = store.select(text, bindings)
    except SyntaxError as err:
        raise QueryError(Problem(f"malformed SPARQL: {err}")) from None
    names = [variable.value for variable in solutions.variables]
    return [{name: python_value(solution[name]) for name in names} for solution in solutions]


def run_named_query(store: GraphStore, name: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
    return run_query(store, named_query(name).text, bindings)
