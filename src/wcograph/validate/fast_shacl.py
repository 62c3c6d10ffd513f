"""The fast SHACL engine: SHACL Core on an index of the data graph, SHACL-SPARQL on the store.

How it stays linear: each shape's focus nodes are computed once; the value nodes of a path are
read from a per-predicate index built on first use (only predicates some shape reads); subclass
sets, the instances of each target class and the conformance of a value node to a nested shape
are memoised; the cyclic garbage collector is off while the indexes exist. Constraints are then
checked per value node in Python.
SHACL-SPARQL constraints (``sh:sparql``) run as one query each on the pyoxigraph store, their
rows kept for the shape's focus nodes (the SHACL recommendation's restrictions on pre-binding make
that the same as binding ``$this``: no MINUS, VALUES or SERVICE in the query); being on the
store, they see its normalised literals.

Why not one SPARQL query per constraint any more: the store normalises typed literals on load
("5"^^xsd:int becomes "5"^^xsd:integer, "05" becomes "5"), so a query cannot tell a well-formed
literal of the right datatype from one the store rewrote, and counts of distinct values change.
The index reads the triples as they were parsed (``GraphStore.triples``).

Semantics follow the SHACL recommendation (as pyshacl implements it; tests/test_w3c_shacl.py runs
the W3C SHACL Core test suite): sh:targetClass and sh:class include subclasses
(``rdfs:subClassOf*`` in the data graph); value nodes are distinct per focus node; a nested shape
(sh:node, sh:not, sh:and, sh:or, sh:xone, sh:qualifiedValueShape) is checked on the value node as
a focus node, and a property shape under sh:property on the value nodes of its parent.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, QuerySolutions

from wcograph.namespaces import RDF, RDFS, SH, XSD
from wcograph.triples.store import GraphStore
from wcograph.validate.findings import Finding, literal_text
from wcograph.validate.shacl_shapes import (
    TRUE,
    Constraint,
    PropertyPath,
    Shape,
    UnsupportedShapeError,
)
from wcograph.validate.xsd_values import compare, well_formed

Term = NamedNode | BlankNode | Literal
Pairs = list[tuple[Term, list[Term]]]
"""Each focus node with its value nodes."""
WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
FORBIDDEN = re.compile(r"\b(MINUS|VALUES|SERVICE)\b", re.IGNORECASE)
TYPE, SUBCLASS = RDF + "type", RDFS + "subClassOf"
NONE: list = []
"""No value nodes (shared, never changed)."""
NODE_KINDS = {
    "IRI": (NamedNode,),
    "BlankNode": (BlankNode,),
    "Literal": (Literal,),
    "BlankNodeOrIRI": (BlankNode, NamedNode),
    "BlankNodeOrLiteral": (BlankNode, Literal),
    "IRIOrLiteral": (NamedNode, Literal),
}
SPARQL_ROWS_PER_FOCUS, SPARQL_ROWS_BASE = 2, 1_000
"""A SPARQL constraint run unbound that finds more rows than this for its focus nodes runs again
bound to them (Validator._sparql_select)."""
VALUES_CHUNK = 2_000
FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def term_text(term: Term) -> str:
    """The N-Triples form of a pyoxigraph term, as findings.literal_text writes literals."""
    if isinstance(term, NamedNode):
        return f"<{term.value}>"
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return literal_text(term.value, term.datatype.value, term.language)


# --- the data graph -----------------------------------------------------------------------------


class DataGraph:
    """The data graph's triples indexed by predicate IRI, both ways, each index built on first
    use: from the original parse when the store has one, else from the store one predicate at a
    time (so predicates no shape reads are never indexed)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._parsed: dict[str, list[tuple[Term, Term]]] | None = None
        if store.parsed is not None:
            self._parsed = {}
            for triple in store.parsed:
                self._parsed.setdefault(triple.predicate.value, []).append(
                    (triple.subject, triple.object)  # type: ignore[arg-type]
                )
        self._forward: dict[str, dict[Term, list[Term]]] = {}
        self._backward: dict[str, dict[Term, list[Term]]] = {}
        self._subclasses: dict[Term, frozenset[Term]] = {}
        self._instances: dict[Term, list[Term]] = {}

    def forward(self, predicate: str) -> dict[Term, list[Term]]:
        """Subject -> its objects (distinct: the triples are)."""
        index = self._forward.get(predicate)
        if index is None:
            index = self._forward[predicate] = self._index(predicate, backward=False)
        return index

    def backward(self, predicate: str) -> dict[Term, list[Term]]:
        """Object -> its subjects."""
        index = self._backward.get(predicate)
        if index is None:
            index = self._backward[predicate] = self._index(predicate, backward=True)
        return index

    def _index(self, predicate: str, backward: bool) -> dict[Term, list[Term]]:
        index: dict[Term, list[Term]] = {}
        add = index.setdefault
        if self._parsed is not None:
            for subject, obj in self._parsed.get(predicate, NONE):
                key, value = (obj, subject) if backward else (subject, obj)
                add(key, []).append(value)
            return index
        quads = self.store.store.quads_for_pattern(None, NamedNode(predicate), None, DefaultGraph())
        if backward:
            for quad in quads:
                add(quad.object, []).append(quad.subject)  # type: ignore[arg-type]
        else:
            for quad in quads:
                add(quad.subject, []).append(quad.object)  # type: ignore[arg-type]
        return index

    @cached_property
    def outgoing(self) -> dict[Term, list[tuple[str, Term]]]:
        """Every node's (predicate, object) pairs, for closed shapes."""
        index: dict[Term, list[tuple[str, Term]]] = {}
        for triple in self.store.triples():
            index.setdefault(triple.subject, []).append((triple.predicate.value, triple.object))  # type: ignore[arg-type]
        return index

    def subclasses(self, cls: Term) -> frozenset[Term]:
        """The class and every class below it (rdfs:subClassOf*)."""
        if cls not in self._subclasses:
            below = self.backward(SUBCLASS)
            found, todo = {cls}, [cls]
            while todo:
                for sub in below.get(todo.pop(), ()):
                    if sub not in found:
                        found.add(sub)
                        todo.append(sub)
            self._subclasses[cls] = frozenset(found)
        return self._subclasses[cls]

    def instances(self, cls: Term) -> list[Term]:
        """The class's instances, subclasses included (memoised: shapes often share a target)."""
        if cls not in self._instances:
            typed = self.backward(TYPE)
            self._instances[cls] = list(
                dict.fromkeys(n for c in self.subclasses(cls) for n in typed.get(c, ()))
            )
        return self._instances[cls]

    def values(self, path: PropertyPath, nodes: list[Term]) -> list[tuple[Term, list[Term]]]:
        """Each node with the distinct value nodes of the path from it, in the order found."""
        if path.kind == "predicate":
            index = self.forward(path.iri)
            return [(node, index.get(node, NONE)) for node in nodes]
        if path.kind == "inversePath" and path.steps[0].kind == "predicate":
            index = self.backward(path.steps[0].iri)
            return [(node, index.get(node, NONE)) for node in nodes]
        return [
            (node, list(dict.fromkeys(self._step(path, [node], inverted=False)))) for node in nodes
        ]

    def _step(self, path: PropertyPath, nodes: Iterable[Term], inverted: bool) -> Iterator[Term]:
        kind = path.kind
        if kind == "predicate":
            index = (self.backward if inverted else self.forward)(path.iri)
            for node in nodes:
                yield from index.get(node, ())
        elif kind == "inversePath":
            yield from self._step(path.steps[0], nodes, not inverted)
        elif kind == "sequence":
            current = list(dict.fromkeys(nodes))
            for step in reversed(path.steps) if inverted else path.steps:
                current = list(dict.fromkeys(self._step(step, current, inverted)))
            yield from current
        elif kind == "alternativePath":
            start = list(nodes)
            for step in path.steps:
                yield from self._step(step, start, inverted)
        elif kind == "zeroOrOnePath":
            start = list(nodes)
            yield from start
            yield from self._step(path.steps[0], start, inverted)
        else:  # zeroOrMorePath, oneOrMorePath
            start = list(nodes)
            reached: dict[Term, None] = dict.fromkeys(start) if kind == "zeroOrMorePath" else {}
            frontier = start
            while frontier:
                new = [n for n in self._step(path.steps[0], frontier, inverted) if n not in reached]
                new = list(dict.fromkeys(new))
                reached.update(dict.fromkeys(new))
                frontier = new
            yield from reached


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    shape: Shape
    constraint: Constraint
    focus: Term
    value: Term | None = None
    path: str | None = None
    """A path other than the shape's (a closed shape reports the predicate)."""

    def finding(self) -> Finding:
        shape = self.shape
        return Finding(
            severity=shape.severity,
            shape=shape.iri,
            component=self.constraint.component,
            focus=term_text(self.focus),
            path=self.path or shape.path,
            value=None if self.value is None else term_text(self.value),
            message=self.constraint.message or shape.message or _generic(self.constraint),
        )


def _generic(constraint: Constraint) -> str:
    return f"breaks sh:{constraint.parameter} {constraint.value}"


# --- the validator ----------------------------------------------------------------------------


class Validator:
    """Validates shapes on one store; memoises what nested shapes ask again and again."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.graph = DataGraph(store)
        self._conforms: dict[tuple[int, Term], bool] = {}
        self._sparql_rows: dict[str, list[dict[str, Term | None]]] = {}
        self._bound_queries: set[str] = set()

    def focus_nodes(self, shape: Shape) -> list[Term]:
        found: dict[Term, None] = {}
        for target, term in shape.target_terms:
            if target == "targetNode":
                found[term] = None
            elif target == "targetClass":
                found.update(dict.fromkeys(self.graph.instances(term)))
            elif target == "targetSubjectsOf":
                found.update(dict.fromkeys(self.graph.forward(term.value)))
            else:
                found.update(dict.fromkeys(self.graph.backward(term.value)))
        return list(found)

    def validate(self, shape: Shape, focus_nodes: list[Term]) -> Iterator[Result]:
        """Every result of the shape on the focus nodes (nested property shapes included)."""
        if shape.deactivated or not focus_nodes:
            return
        path = shape.path_expr
        pairs = (
            [(focus, [focus]) for focus in focus_nodes]
            if path is None
            else self.graph.values(path, focus_nodes)
        )
        for constraint in shape.constraints:
            check = getattr(self, f"_{constraint.parameter}")
            yield from check(shape, constraint, pairs)
        if shape.properties:
            # each focus node's value nodes in turn: one reached from two focus nodes is checked
            # (and reported) twice, as the W3C suite expects (property/property-001)
            values = [value for _, values in pairs for value in values]
            for prop in shape.properties:
                yield from self.validate(prop, values)

    def conforms(self, shape: Shape, node: Term) -> bool:
        key = (id(shape), node)
        if key not in self._conforms:
            self._conforms[key] = next(iter(self.validate(shape, [node])), None) is None
        return self._conforms[key]

    # --- value-type constraints -------------------------------------------------------------

    def _each_value(
        self, shape: Shape, constraint: Constraint, pairs: Pairs, broken: Callable[[Term], bool]
    ) -> Iterator[Result]:
        for focus, values in pairs:
            for value in values:
                if broken(value):
                    yield Result(shape, constraint, focus, value)

    def _class(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        classes, types = self.graph.subclasses(constraint.value), self.graph.forward(TYPE)
        return self._each_value(
            shape,
            constraint,
            pairs,
            lambda v: isinstance(v, Literal) or classes.isdisjoint(types.get(v, NONE)),
        )

    def _datatype(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        datatype = constraint.value.value
        for focus, values in pairs:
            for value in values:
                if not has_datatype(value, datatype):
                    yield Result(shape, constraint, focus, value)

    def _nodeKind(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        kinds = NODE_KINDS[constraint.value.value.removeprefix(SH)]
        return self._each_value(shape, constraint, pairs, lambda v: not isinstance(v, kinds))

    # --- cardinality ---------------------------------------------------------------------------

    def _minCount(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        bound = int(constraint.value.value)
        for focus, values in pairs:
            if len(values) < bound:
                yield Result(shape, constraint, focus)

    def _maxCount(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        bound = int(constraint.value.value)
        for focus, values in pairs:
            if len(values) > bound:
                yield Result(shape, constraint, focus)

    # --- value range ----------------------------------------------------------------------------

    def _range(
        self, shape: Shape, constraint: Constraint, pairs: Pairs, allowed: tuple[int, ...]
    ) -> Iterator[Result]:
        bound = constraint.value

        def broken(value: Term) -> bool:
            order = compare(value, bound)
            return order is None or order not in allowed

        return self._each_value(shape, constraint, pairs, broken)

    def _minExclusive(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._range(shape, constraint, pairs, (1,))

    def _minInclusive(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._range(shape, constraint, pairs, (0, 1))

    def _maxExclusive(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._range(shape, constraint, pairs, (-1,))

    def _maxInclusive(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._range(shape, constraint, pairs, (-1, 0))

    # --- string-based ---------------------------------------------------------------------------

    def _minLength(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        bound = int(constraint.value.value)
        return self._each_value(
            shape, constraint, pairs, lambda v: isinstance(v, BlankNode) or len(v.value) < bound
        )

    def _maxLength(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        bound = int(constraint.value.value)
        return self._each_value(
            shape, constraint, pairs, lambda v: isinstance(v, BlankNode) or len(v.value) > bound
        )

    def _pattern(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        regex = pattern_regex(shape, constraint)
        return self._each_value(
            shape,
            constraint,
            pairs,
            lambda v: isinstance(v, BlankNode) or regex.search(v.value) is None,
        )

    def _languageIn(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        ranges = [item.value.lower() for item in constraint.items]

        def broken(value: Term) -> bool:
            tag = (value.language or "").lower() if isinstance(value, Literal) else ""
            return not tag or not any(
                r == "*" or tag == r or tag.startswith(r + "-") for r in ranges
            )

        return self._each_value(shape, constraint, pairs, broken)

    def _uniqueLang(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        if constraint.value != TRUE:
            return
        for focus, values in pairs:
            tags: dict[str, int] = {}
            for value in values:
                if isinstance(value, Literal) and value.language:
                    tags[value.language.lower()] = tags.get(value.language.lower(), 0) + 1
            for count in tags.values():
                if count > 1:
                    yield Result(shape, constraint, focus)

    # --- property pairs --------------------------------------------------------------------------

    def _others(self, constraint: Constraint, focus: Term) -> list[Term]:
        return self.graph.forward(constraint.value.value).get(focus, NONE)

    def _equals(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        for focus, values in pairs:
            others = self._others(constraint, focus)
            for value in values:
                if value not in others:
                    yield Result(shape, constraint, focus, value)
            for other in others:
                if other not in values:
                    yield Result(shape, constraint, focus, other)

    def _disjoint(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        for focus, values in pairs:
            others = set(self._others(constraint, focus))
            for value in values:
                if value in others:
                    yield Result(shape, constraint, focus, value)

    def _ordered(
        self, shape: Shape, constraint: Constraint, pairs: Pairs, allowed: tuple[int, ...]
    ) -> Iterator[Result]:
        """One result per (value, other value) pair that is out of order or does not compare."""
        for focus, values in pairs:
            others = self._others(constraint, focus)
            for value in values:
                for other in others:
                    if compare(value, other) not in allowed:
                        yield Result(shape, constraint, focus, value)

    def _lessThan(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._ordered(shape, constraint, pairs, (-1,))

    def _lessThanOrEquals(
        self, shape: Shape, constraint: Constraint, pairs: Pairs
    ) -> Iterator[Result]:
        return self._ordered(shape, constraint, pairs, (-1, 0))

    # --- logical and shape-based -----------------------------------------------------------------

    def _count_conforming(self, constraint: Constraint, value: Term) -> int:
        return sum(self.conforms(inner, value) for inner in constraint.shapes)

    def _not(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._each_value(
            shape, constraint, pairs, lambda v: self._count_conforming(constraint, v) > 0
        )

    def _node(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._each_value(
            shape, constraint, pairs, lambda v: self._count_conforming(constraint, v) == 0
        )

    def _and(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        wanted = len(constraint.shapes)
        return self._each_value(
            shape, constraint, pairs, lambda v: self._count_conforming(constraint, v) < wanted
        )

    def _or(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._each_value(
            shape, constraint, pairs, lambda v: self._count_conforming(constraint, v) == 0
        )

    def _xone(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._each_value(
            shape, constraint, pairs, lambda v: self._count_conforming(constraint, v) != 1
        )

    def _qualified_count(self, constraint: Constraint, values: list[Term]) -> int:
        [qualified] = constraint.shapes
        return sum(
            1
            for value in values
            if self.conforms(qualified, value)
            and not any(self.conforms(sibling, value) for sibling in constraint.siblings)
        )

    def _qualifiedMinCount(
        self, shape: Shape, constraint: Constraint, pairs: Pairs
    ) -> Iterator[Result]:
        bound = int(constraint.value.value)
        for focus, values in pairs:
            if self._qualified_count(constraint, values) < bound:
                yield Result(shape, constraint, focus)

    def _qualifiedMaxCount(
        self, shape: Shape, constraint: Constraint, pairs: Pairs
    ) -> Iterator[Result]:
        bound = int(constraint.value.value)
        for focus, values in pairs:
            if self._qualified_count(constraint, values) > bound:
                yield Result(shape, constraint, focus)

    # --- other -----------------------------------------------------------------------------------

    def _closed(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        if constraint.value != TRUE:
            return
        allowed = {item.value for item in constraint.items}
        for focus, values in pairs:
            for value in values:
                for predicate, obj in self.graph.outgoing.get(value, NONE):
                    if predicate not in allowed:
                        yield Result(shape, constraint, focus, obj, path=f"<{predicate}>")

    def _hasValue(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        for focus, values in pairs:
            if constraint.value not in values:
                yield Result(shape, constraint, focus)

    def _in(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        allowed = set(constraint.items)
        return self._each_value(shape, constraint, pairs, lambda v: v not in allowed)

    def _sparql(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        wanted = {focus for focus, _ in pairs}
        for row in self._sparql_select(shape, constraint, wanted):
            focus = row.get("this")
            if focus is None or focus not in wanted:
                continue
            value = row.get("value")
            if value is None and not shape.is_property_shape:
                value = focus  # a node shape's result without ?value reports the focus node
            path = row.get("path")
            yield Result(
                shape,
                constraint,
                focus,
                value,
                path=f"<{path.value}>" if isinstance(path, NamedNode) else None,
            )

    def _sparql_select(
        self, shape: Shape, constraint: Constraint, wanted: set[Term]
    ) -> list[dict[str, Term | None]]:
        """The query's rows, at least those of the wanted focus nodes.

        The query runs once unbound and its rows are kept for every later call, unless it finds
        more rows than its focus nodes can use (a self-join such as "another node with the same
        label" is quadratic over the whole graph): then it runs with ``$this`` bound to the focus
        nodes asked for, as SHACL's pre-binding does, in chunks of ``VALUES``."""
        query = self._sparql_query(shape, constraint)
        rows = self._sparql_rows.get(query)
        if rows is not None:
            return rows
        if query not in self._bound_queries:
            limit = SPARQL_ROWS_PER_FOCUS * len(wanted) + SPARQL_ROWS_BASE
            rows = self._select(query, limit)
            if rows is not None:
                self._sparql_rows[query] = rows
                return rows
            self._bound_queries.add(query)
        if any(isinstance(node, BlankNode) for node in wanted):  # a query cannot name one
            rows = self._sparql_rows[query] = self._select(query) or []
            return rows
        return [
            row for chunk in _chunks(wanted) for row in self._select(_bind_this(query, chunk)) or ()
        ]

    def _select(self, query: str, limit: int | None = None) -> list[dict[str, Term | None]] | None:
        """The query's distinct rows; None when there are more than ``limit`` of them."""
        solutions = self.store.store.query(query)
        assert isinstance(solutions, QuerySolutions)
        names = [variable.value for variable in solutions.variables]
        rows: dict[tuple[Term | None, ...], None] = {}  # exact duplicates once
        for solution in solutions:
            rows[tuple(solution[name] for name in names)] = None
            if limit is not None and len(rows) > limit:
                return None
        return [dict(zip(names, row, strict=True)) for row in rows]

    @staticmethod
    def _sparql_query(shape: Shape, constraint: Constraint) -> str:
        select = constraint.select
        if FORBIDDEN.search(_without_comments_and_strings(select)):
            raise UnsupportedShapeError(
                f"{shape.iri}: SHACL-SPARQL queries may not use MINUS, VALUES or SERVICE"
            )
        if WHERE.search(select) is None:
            raise UnsupportedShapeError(
                f"{shape.iri}: write the SPARQL constraint as SELECT ... WHERE {{ ... }}"
            )
        for variable in ("$currentShape", "$shapesGraph"):
            if variable in select:
                raise UnsupportedShapeError(f"{shape.iri}: {variable} in a SPARQL constraint")
        if "$PATH" in select and shape.path is None:
            raise UnsupportedShapeError(f"{shape.iri}: $PATH in a node shape's SPARQL")
        return select.replace("$PATH", shape.path or "")


def _chunks(nodes: Iterable[Term]) -> Iterator[list[Term]]:
    """The nodes, VALUES_CHUNK at a time."""
    chunk: list[Term] = []
    for node in nodes:
        chunk.append(node)
        if len(chunk) == VALUES_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _bind_this(query: str, nodes: list[Term]) -> str:
    """The query with ``$this`` bound to the nodes: a VALUES block opening its WHERE clause."""
    where = WHERE.search(query)
    assert where is not None  # checked by _sparql_query
    values = " ".join(term_text(node) for node in nodes)
    return f"{query[: where.end()]} VALUES $this {{ {values} }} {query[where.end() :]}"


def pattern_regex(shape: Shape, constraint: Constraint) -> re.Pattern[str]:
    """sh:pattern with sh:flags as a Python regular expression (XPath's flags i, m, s, x)."""
    return _regex(shape.iri, constraint.value.value, constraint.flags)


@cache
def _regex(shape: str, pattern: str, flags: str) -> re.Pattern[str]:
    options = 0
    for flag in flags:
        if flag not in FLAGS:
            raise UnsupportedShapeError(f"{shape}: sh:flags {flags!r} (supported: i, m, s, x)")
        options |= FLAGS[flag]
    try:
        return re.compile(pattern, options)
    except re.error as err:
        raise UnsupportedShapeError(
            f"{shape}: sh:pattern {pattern!r} is not a regular expression Python reads ({err})"
        ) from None


def has_datatype(value: Term, datatype: str) -> bool:
    """sh:datatype: a literal of exactly that datatype, well formed if it is an XSD one."""
    if not isinstance(value, Literal):
        return False
    if datatype == RDF + "langString":
        return bool(value.language)
    if value.language or value.datatype.value != datatype:
        return False
    return datatype == XSD + "string" or well_formed(value)


def _without_comments_and_strings(query: str) -> str:
    query = re.sub(r'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"', '""', query)
    return re.sub(r"#[^\n]*", "", query)


@dataclass(frozen=True)
class CompiledConstraint:
    """A constraint of a shape, checked before anything runs (kept for callers and tests)."""

    shape: Shape
    constraint: Constraint


def compile_shapes(store: GraphStore | None, shapes: tuple[Shape, ...]) -> list[CompiledConstraint]:
    """Every constraint of the shapes, reachable ones included; refuses what cannot run before
    anything runs. (The store is not needed any more: the argument stays for callers.)"""
    del store
    found: list[CompiledConstraint] = []
    seen: set[int] = set()
    todo = list(shapes)
    while todo:
        shape = todo.pop()
        if id(shape) in seen:
            continue
        seen.add(id(shape))
        for constraint in shape.constraints:
            if constraint.parameter == "sparql":
                Validator._sparql_query(shape, constraint)
            if constraint.parameter == "pattern":
                pattern_regex(shape, constraint)
            found.append(CompiledConstraint(shape, constraint))
            todo.extend(constraint.shapes)
            todo.extend(constraint.siblings)
        todo.extend(shape.properties)
    return found


def validate_fast(store: GraphStore, shapes: tuple[Shape, ...]) -> tuple[list[Finding], int]:
    """All findings of the shapes on the store, and how many constraints were evaluated."""
    compiled = compile_shapes(store, shapes)
    with _no_cyclic_gc():
        validator = Validator(store)
        findings = [
            result.finding()
            for shape in shapes
            for result in validator.validate(shape, validator.focus_nodes(shape))
        ]
    return findings, len(compiled)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The indexes are millions of small tuples and lists, none in a cycle: with the cyclic
    garbage collector on, each of its full passes walks them all again, so validation time
    grows faster than the graph."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
