"""The query library: ``queries/**/*.rq`` by name (``cq/bodies-under``), each with its header."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from wcograph.assets import QUERIES_DIR
from wcograph.errors import Problem, QueryError
from wcograph.inputs import read_query_file
from wcograph.query.header import Header, parse_header

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
