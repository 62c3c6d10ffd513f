"""A second, independent SHACL engine for the agreement tests: pyrudof (rudof, written in Rust).

It reads the same shapes files and the same graph (as N-Triples) and its results are mapped onto
the findings' key (focus, shape, component, severity, path, value) so they compare with pyshacl's
and the fast engine's. It is a test dependency only (pyproject's ``test`` extra).
"""

from __future__ import annotations

import re

from pyoxigraph import RdfFormat, parse, serialize

from wcograph.findings import literal_text
from wcograph.namespaces import PREFIXES, SH
from wcograph.shacl_shapes import shape_files
from wcograph.store import GraphStore

Key = tuple[str, str, str, str, str | None, str | None]
PREFIXED_LITERAL = re.compile(
    r'^"(?P<lexical>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[\w-]+)|\^\^(?P<datatype>\S+))?$'
)


def _iri(text: str) -> str:
    """rudof writes IRIs bare, in <>, or prefixed (xsd:integer)."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return text


def _term(text: str | None) -> str | None:
    if text is None:
        return None
    match = PREFIXED_LITERAL.match(text.strip())
    if match:
        lexical = match["lexical"].replace('\\"', '"').replace("\\\\", "\\")
        datatype = _iri(match["datatype"]) if match["datatype"] else None
        return literal_text(lexical, datatype, match["lang"])
    if text.startswith("_:"):
        return text
    return f"<{_iri(text)}>"


def _path(text: str | None) -> str | None:
    """rudof writes ``iri``, ``^(iri)``, ``(a / b)``; we ``<iri>``, ``^<iri>``, ``<a>/<b>``."""
    if text is None:
        return None
    text = text.strip()
    if text.startswith("^(") and text.endswith(")"):
        return "^" + str(_path(text[2:-1]))
    if text.startswith("(") and text.endswith(")"):
        return "/".join(str(_path(step)) for step in text[1:-1].split(" / "))
    return f"<{_iri(text)}>"


def rudof_keys(store: GraphStore) -> list[Key]:
    """pyrudof's validation results on the store's graph, as findings' keys."""
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    data = serialize((quad.triple for quad in store.quads()), format=RdfFormat.N_TRIPLES).decode()
    rudof.read_data(data, format=pyrudof.RDFFormat.NTriples)
    shapes = serialize(
        [
            triple
            for path in shape_files()
            for triple in parse(path=str(path), format=RdfFormat.TURTLE)
        ],
        format=RdfFormat.TURTLE,
    ).decode()
    rudof.read_shacl(shapes)
    report = rudof.validate_shacl()
    keys = []
    for entry in report:
        focus = _term(str(entry.focus_node))
        assert focus is not None
        keys.append(
            (
                focus,
                _iri(str(entry.source_shape)),
                _iri(str(entry.constraint_component)),
                str(entry.severity).removeprefix(SH),
                _path(None if entry.path is None else str(entry.path)),
                _term(None if entry.value is None else str(entry.value)),
            )
        )
    return keys
