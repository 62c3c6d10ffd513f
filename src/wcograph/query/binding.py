"""Parameters: ``--param key=value`` pairs checked against a query's header and turned into RDF
terms; entity names are resolved to one IRI (resolve.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from pyoxigraph import Literal, NamedNode

from wcograph.errors import Problem, QueryError
from wcograph.namespaces import PREFIXES, XSD, expand, term
from wcograph.query.header import ENTITY_CLASSES, Parameter
from wcograph.query.library import NamedQuery
from wcograph.query.resolve import resolve_entity
from wcograph.triples.store import GraphStore, Term

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
