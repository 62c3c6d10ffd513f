"""The fast SHACL engine: SHACL Core on an index of the data graph, SHACL-SPARQL on the store.

How it stays fast and linear: each shape's focus nodes are computed once; the value nodes of a
path are read from a per-predicate index built once (one pass over the triples); subclass sets,
class memberships and the conformance of a value node to a nested shape are memoised. Constraints
are then checked per value node in Python. SHACL-SPARQL constraints (``sh:sparql``) run as one
query each on the pyoxigraph store, their rows kept for the shape's focus nodes (the SHACL
recommendation's restrictions on pre-binding make that the same as binding ``$this``: no MINUS,
VALUES or SERVICE in the query).

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

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions

from wcograph.findings import Finding, literal_text
from wcograph.namespaces import RDF, RDFS, SH, XSD
from wcograph.shacl_shapes import TRUE, Constraint, PropertyPath, Shape, UnsupportedShapeError
from wcograph.store import GraphStore
from wcograph.xsd_values import compare, well_formed

Term = NamedNode | BlankNode | Literal
Pairs = list[tuple[Term, list[Term]]]
"""Each focus node with its value nodes."""
WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
FORBIDDEN = re.compile(r"\b(MINUS|VALUES|SERVICE)\b", re.IGNORECASE)
TYPE, SUBCLASS = NamedNode(RDF + "type"), NamedNode(RDFS + "subClassOf")
NODE_KINDS = {
    "IRI": (NamedNode,),
    "BlankNode": (BlankNode,),
    "Literal": (Literal,),
    "BlankNodeOrIRI": (BlankNode, NamedNode),
    "BlankNodeOrLiteral": (BlankNode, Literal),
    "IRIOrLiteral": (NamedNode, Literal),
}
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
    """The data graph's triples indexed by predicate, both ways, built on first use."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.by_predicate: dict[NamedNode, list[tuple[Term, Term]]] = {}
        for triple in store.triples():
            self.by_predicate.setdefault(triple.predicate, []).append(
                (triple.subject, triple.object)  # type: ignore[arg-type]
            )
        self._forward: dict[NamedNode, dict[Term, list[Term]]] = {}
        self._backward: dict[NamedNode, dict[Term, list[Term]]] = {}
        self._subclasses: dict[Term, frozenset[Term]] = {}

    def forward(self, predicate: NamedNode) -> dict[Term, list[Term]]:
        if predicate not in self._forward:
            index: dict[Term, list[Term]] = {}
            for subject, obj in self.by_predicate.get(predicate, ()):
                index.setdefault(subject, []).append(obj)
            self._forward[predicate] = index
        return self._forward[predicate]

    def backward(self, predicate: NamedNode) -> dict[Term, list[Term]]:
        if predicate not in self._backward:
            index: dict[Term, list[Term]] = {}
            for subject, obj in self.by_predicate.get(predicate, ()):
                index.setdefault(obj, []).append(subject)
            self._backward[predicate] = index
        return self._backward[predicate]

    @cached_property
    def outgoing(self) -> dict[Term, list[tuple[NamedNode, Term]]]:
        """Every node's (predicate, object) pairs, for closed shapes."""
        index: dict[Term, list[tuple[NamedNode, Term]]] = {}
        for predicate, pairs in self.by_predicate.items():
            for subject, obj in pairs:
                index.setdefault(subject, []).append((predicate, obj))
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
        typed = self.backward(TYPE)
        return list(dict.fromkeys(n for c in self.subclasses(cls) for n in typed.get(c, ())))

    def is_instance(self, node: Term, cls: Term) -> bool:
        if isinstance(node, Literal):
            return False
        classes = self.subclasses(cls)
        return any(t in classes for t in self.forward(TYPE).get(node, ()))

    def values(self, path: PropertyPath, node: Term) -> list[Term]:
        """The distinct value nodes of the path from one node, in the order found."""
        return list(dict.fromkeys(self._step(path, [node], inverted=False)))

    def _step(self, path: PropertyPath, nodes: Iterable[Term], inverted: bool) -> Iterator[Term]:
        kind = path.kind
        if kind == "predicate":
            index = (self.backward if inverted else self.forward)(NamedNode(path.iri))
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
    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.graph = DataGraph(store)
        self._conforms: dict[tuple[int, Term], bool] = {}
        self._sparql_rows: dict[str, list[dict[str, Term | None]]] = {}
        self.evaluated = 0

    def focus_nodes(self, shape: Shape) -> list[Term]:
        found: dict[Term, None] = {}
        for target, term in shape.target_terms:
            if target == "targetNode":
                found[term] = None
            elif target == "targetClass":
                found.update(dict.fromkeys(self.graph.instances(term)))
            elif target == "targetSubjectsOf":
                found.update(dict.fromkeys(self.graph.forward(term)))  # type: ignore[arg-type]
            else:
                found.update(dict.fromkeys(self.graph.backward(term)))  # type: ignore[arg-type]
        return list(found)

    def validate(self, shape: Shape, focus_nodes: list[Term]) -> Iterator[Result]:
        """Every result of the shape on the focus nodes (nested property shapes included)."""
        if shape.deactivated or not focus_nodes:
            return
        path = shape.path_expr
        pairs = [
            (focus, [focus] if path is None else self.graph.values(path, focus))
            for focus in focus_nodes
        ]
        for constraint in shape.constraints:
            self.evaluated += 1
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
        cls = constraint.value
        return self._each_value(
            shape, constraint, pairs, lambda v: not self.graph.is_instance(v, cls)
        )

    def _datatype(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        return self._each_value(
            shape, constraint, pairs, lambda v: not has_datatype(v, constraint.value.value)
        )

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
        flags = 0
        for flag in constraint.flags:
            if flag not in FLAGS:
                raise UnsupportedShapeError(f"{shape.iri}: sh:flags {constraint.flags!r}")
            flags |= FLAGS[flag]
        try:
            regex = re.compile(constraint.value.value, flags)
        except re.error as err:
            raise UnsupportedShapeError(
                f"{shape.iri}: sh:pattern {constraint.value.value!r} is not a regular "
                f"expression Python reads ({err})"
            ) from None
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
        return list(dict.fromkeys(self.graph.forward(constraint.value).get(focus, ())))  # type: ignore[arg-type]

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
        allowed = set(constraint.items)
        for focus, values in pairs:
            for value in values:
                for predicate, obj in self.graph.outgoing.get(value, ()):
                    if predicate not in allowed:
                        yield Result(shape, constraint, value, obj, path=f"<{predicate.value}>")
            del focus

    def _hasValue(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        for focus, values in pairs:
            if constraint.value not in values:
                yield Result(shape, constraint, focus)

    def _in(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        allowed = set(constraint.items)
        return self._each_value(shape, constraint, pairs, lambda v: v not in allowed)

    def _sparql(self, shape: Shape, constraint: Constraint, pairs: Pairs) -> Iterator[Result]:
        wanted = {focus for focus, _ in pairs}
        for row in self._sparql_select(shape, constraint):
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

    def _sparql_select(self, shape: Shape, constraint: Constraint) -> list[dict[str, Term | None]]:
        query = self._sparql_query(shape, constraint)
        if query not in self._sparql_rows:
            solutions = self.store.store.query(query)
            assert isinstance(solutions, QuerySolutions)
            names = [variable.value for variable in solutions.variables]
            rows = {
                tuple(solution[name] for name in names): None for solution in solutions
            }  # exact duplicates once
            self._sparql_rows[query] = [dict(zip(names, row, strict=True)) for row in rows]
        return self._sparql_rows[query]

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
        if "$PATH" in select and shape.path is None:
            raise UnsupportedShapeError(f"{shape.iri}: $PATH in a node shape's SPARQL")
        return select.replace("$PATH", shape.path or "")


def has_datatype(value: Term, datatype: str) -> bool:
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


def compile_shapes(store: GraphStore, shapes: tuple[Shape, ...]) -> list[CompiledConstraint]:
    """Every constraint of the shapes, reachable ones included; refuses what cannot run."""
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
            found.append(CompiledConstraint(shape, constraint))
            todo.extend(constraint.shapes)
            todo.extend(constraint.siblings)
        todo.extend(shape.properties)
    return found


def validate_fast(store: GraphStore, shapes: tuple[Shape, ...]) -> tuple[list[Finding], int]:
    """All findings of the shapes on the store, and how many constraints were evaluated."""
    compiled = compile_shapes(store, shapes)
    validator = Validator(store)
    findings = [
        result.finding()
        for shape in shapes
        for result in validator.validate(shape, validator.focus_nodes(shape))
    ]
    return findings, len(compiled)
