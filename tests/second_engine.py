"""A second, independent SHACL engine for the agreement tests: pyrudof (rudof, written in Rust).

It is the `pyrudof` engine of `wcograph validate` (reference_shacl.validate_pyrudof), reading the
same shapes files and the same graph; its results compare with pyshacl's and the fast engine's on
the findings' key (focus, shape, component, severity, path, value).
"""

from __future__ import annotations

from wcograph.triples.store import GraphStore
from wcograph.validate.reference_shacl import validate_pyrudof

Key = tuple[str, str, str, str, str | None, str | None]


def rudof_keys(store: GraphStore) -> list[Key]:
    """pyrudof's validation results on the store's graph, as findings' keys."""
    findings, _ = validate_pyrudof(store)
    return [finding.key for finding in findings]
