"""The fast SHACL engine: every constraint of shapes/ compiled into ONE SPARQL query on the store.

The way ODK runs its violation queries: a query returns the (focus node, value) pairs that break
its constraint, and the whole target set is evaluated at once by the store, with no loop over
nodes in Python. Results are the same as pyshacl's (tests/test_validate.py compares them on the
real data and on every bad fixture). A SHACL parameter this module cannot compile is refused when
the shapes are read (shacl_shapes.UnsupportedShapeError), never skipped.

Semantics follow the SHACL recommendation as pyshacl implements it:
- sh:targetClass and sh:class include subclasses (rdfs:subClassOf* in the data graph, which holds
  the ontology);
- value nodes are the distinct (focus, value) pairs of the path;
- a SHACL-SPARQL constraint runs as written, with its targets joined in where SHACL pre-binds
  $this (the recommendation's restrictions on pre-binding make the two the same: no MINUS, VALUES
  or SERVICE in the query).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions

from wcograph.findings import Finding, literal_text
from wcograph.namespaces import RDF, RDFS, SH, XSD
from wcograph.shacl_shapes import Constraint, Shape, UnsupportedShapeError
from wcograph.store import GraphStore

WELL_FORMED_DATATYPES = {
    XSD + name for name in ("integer", "date", "boolean", "decimal", "double", "dateTime")
}
"""Datatypes whose literals must also be well formed: casting gives back the same literal."""
PLAIN_DATATYPES = {XSD + "string", RDF + "langString"}
WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
FORBIDDEN = re.compile(r"\b(MINUS|VALUES|SERVICE)\b", re.IGNORECASE)


def term_text(term: NamedNode | BlankNode | Literal) -> str:
    """The N-Triples form of a pyoxigraph term, as findings.literal_text writes literals."""
    if isinstance(term, NamedNode):
        return f"<{term.value}>"
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return literal_text(term.value, term.datatype.value, term.language)


def sparql_term(term: NamedNode | BlankNode | Literal) -> str:
    if isinstance(term, BlankNode):
        raise UnsupportedShapeError(f"a blank node ({term}) cannot be a constraint parameter")
    return term_text(term)


@dataclass(frozen=True)
class CompiledConstraint:
    shape: Shape
    constraint: Constraint
    query: str

    @property
    def message(self) -> str:
        return self.constraint.message or self.shape.message or _generic_message(self.constraint)


def _generic_message(constraint: Constraint) -> str:
    return f"breaks sh:{constraint.parameter} {constraint.value}"


class Compiler:
    """Turns shapes into queries for one store (subclass sets come from that store's ontology)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._subclasses: dict[str, tuple[str, ...]] = {}

    def subclasses(self, cls: str) -> tuple[str, ...]:
        if cls not in self._subclasses:
            query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>* <{cls}> }}"
            found = {
                solution["c"].value
                for solution in self._select(query)
                if isinstance(solution["c"], NamedNode)
            }
            self._subclasses[cls] = tuple(sorted(found | {cls}))
        return self._subclasses[cls]

    def _select(self, query: str) -> QuerySolutions:
        result = self.store.store.query(query)
        assert isinstance(result, QuerySolutions)
        return result

    def class_values(self, variable: str, *classes: str) -> str:
        """VALUES binding ?variable to the classes and all their subclasses."""
        members = sorted({c for cls in classes for c in self.subclasses(cls)})
        return f"VALUES ?{variable} {{ {' '.join(f'<{c}>' for c in members)} }}"

    # --- focus and value nodes ----------------------------------------------------------------

    def focus(self, shape: Shape) -> str:
        """A group binding ?this to each focus node of the shape, once (all class targets are
        one VALUES block, so the store scans rdf:type once)."""
        classes = [iri for target, iri in shape.targets if target == "targetClass"]
        groups = (
            [f"{{ {self.class_values('targetClass', *classes)} ?this a ?targetClass }}"]
            if classes
            else []
        )
        for target, iri in shape.targets:
            if target == "targetNode":
                groups.append(f"{{ VALUES ?this {{ <{iri}> }} }}")
            elif target == "targetSubjectsOf":
                groups.append(f"{{ ?this <{iri}> ?targetObject }}")
            elif target == "targetObjectsOf":
                groups.append(f"{{ ?targetSubject <{iri}> ?this }}")
            elif target != "targetClass":  # pragma: no cover - shacl_shapes.TARGETS lists these
                raise UnsupportedShapeError(f"{shape.iri}: target {target}")
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(groups) + " } }"

    def values(self, shape: Shape, focus: str) -> str:
        """A group binding (?this, ?value) to each distinct focus node and value node."""
        if shape.path is None:
            return f"{focus} BIND(?this AS ?value)"
        return f"{{ SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {shape.path} ?value }} }}"

    # --- constraints --------------------------------------------------------------------------

    def compile(self, shape: Shape, focus: str) -> Iterator[CompiledConstraint]:
        for constraint in shape.constraints:
            query = getattr(self, f"_{constraint.parameter}")(shape, constraint, focus)
            if query is not None:
                yield CompiledConstraint(shape, constraint, query)

    def _value_filter(self, shape: Shape, focus: str, condition: str) -> str:
        """Every value node for which ``condition`` (a SPARQL expression on ?value) fails."""
        return f"SELECT ?this ?value WHERE {{ {self.values(shape, focus)} FILTER(!({condition})) }}"

    def _minCount(self, shape: Shape, constraint: Constraint, focus: str) -> str | None:
        minimum = _integer(constraint)
        self._property_only(shape, constraint)
        if minimum == 0:
            return None
        if minimum == 1:
            return f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {shape.path} ?v }} }}"
        return (
            f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {shape.path} ?v }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {minimum})"
        )

    def _maxCount(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        self._property_only(shape, constraint)
        return (
            f"SELECT ?this WHERE {{ {focus} ?this {shape.path} ?v }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {_integer(constraint)})"
        )

    def _datatype(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        datatype = constraint.value
        if not isinstance(datatype, NamedNode):
            raise UnsupportedShapeError(f"{shape.iri}: sh:datatype must be an IRI")
        iri = datatype.value
        if iri == XSD + "string":
            condition = f"isLiteral(?value) && datatype(?value) = <{iri}>"
        elif iri == RDF + "langString":
            condition = 'isLiteral(?value) && lang(?value) != ""'
        elif iri in WELL_FORMED_DATATYPES:
            condition = (
                f"isLiteral(?value) && datatype(?value) = <{iri}> "
                f"&& COALESCE(<{iri}>(?value) = ?value, false)"
            )
        else:
            raise UnsupportedShapeError(
                f"{shape.iri}: sh:datatype {iri} "
                f"(supported: {', '.join(sorted(WELL_FORMED_DATATYPES | PLAIN_DATATYPES))})"
            )
        return self._value_filter(shape, focus, condition)

    def _class(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        if not isinstance(constraint.value, NamedNode):
            raise UnsupportedShapeError(f"{shape.iri}: sh:class must be an IRI")
        return (
            f"SELECT ?this ?value WHERE {{ {self.values(shape, focus)} FILTER NOT EXISTS {{ "
            f"{self.class_values('valueClass', constraint.value.value)} ?value a ?valueClass }} }}"
        )

    def _nodeKind(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        kinds = {
            "IRI": "isIRI(?value)",
            "BlankNode": "isBlank(?value)",
            "Literal": "isLiteral(?value)",
            "BlankNodeOrIRI": "!isLiteral(?value)",
            "BlankNodeOrLiteral": "!isIRI(?value)",
            "IRIOrLiteral": "!isBlank(?value)",
        }
        kind = constraint.value.value.removeprefix(SH)  # type: ignore[union-attr]
        if kind not in kinds:
            raise UnsupportedShapeError(f"{shape.iri}: sh:nodeKind {constraint.value}")
        return self._value_filter(shape, focus, kinds[kind])

    def _pattern(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        pattern = sparql_term(Literal(constraint.value.value))  # type: ignore[union-attr]
        flags = sparql_term(Literal(constraint.flags))
        return self._value_filter(
            shape, focus, f"!isBlank(?value) && REGEX(STR(?value), {pattern}, {flags})"
        )

    def _in(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        allowed = " || ".join(f"sameTerm(?value, {sparql_term(term)})" for term in constraint.items)
        return self._value_filter(shape, focus, allowed or "false")

    def _languageIn(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        tags = " || ".join(
            f"langMatches(lang(?value), {sparql_term(tag)})" for tag in constraint.items
        )
        return self._value_filter(shape, focus, f"isLiteral(?value) && ({tags or 'false'})")

    def _lessThanOrEquals(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        self._property_only(shape, constraint)
        other = sparql_term(constraint.value)
        return (
            f"SELECT ?this ?value WHERE {{ {self.values(shape, focus)} ?this {other} ?other "
            f"FILTER(!COALESCE(?value <= ?other, false)) }}"
        )

    def _hasValue(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        wanted = sparql_term(constraint.value)
        if shape.path is None:
            return f"SELECT ?this WHERE {{ {focus} FILTER(!sameTerm(?this, {wanted})) }}"
        return (
            f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {shape.path} {wanted} }} }}"
        )

    def _minInclusive(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        bound = sparql_term(constraint.value)
        return self._value_filter(
            shape, focus, f"isLiteral(?value) && COALESCE(?value >= {bound}, false)"
        )

    def _sparql(self, shape: Shape, constraint: Constraint, focus: str) -> str:
        select = constraint.select
        if FORBIDDEN.search(_without_comments_and_strings(select)):
            raise UnsupportedShapeError(
                f"{shape.iri}: SHACL-SPARQL queries may not use MINUS, VALUES or SERVICE"
            )
        where = WHERE.search(select)
        if where is None:
            raise UnsupportedShapeError(
                f"{shape.iri}: write the SPARQL constraint as SELECT ... WHERE {{ ... }}"
            )
        values = self.values(shape, focus) if shape.path else focus
        return select[: where.end()] + f" {values} " + select[where.end() :]

    @staticmethod
    def _property_only(shape: Shape, constraint: Constraint) -> None:
        if shape.path is None:
            raise UnsupportedShapeError(
                f"{shape.iri}: sh:{constraint.parameter} belongs on a property shape"
            )


def _integer(constraint: Constraint) -> int:
    value = constraint.value
    if not isinstance(value, Literal) or value.datatype.value != XSD + "integer":
        raise UnsupportedShapeError(f"sh:{constraint.parameter} takes an xsd:integer, not {value}")
    return int(value.value)


def _without_comments_and_strings(query: str) -> str:
    query = re.sub(r'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"', '""', query)
    return re.sub(r"#[^\n]*", "", query)


def compile_shapes(store: GraphStore, shapes: tuple[Shape, ...]) -> list[CompiledConstraint]:
    """One query per constraint, of each node shape with targets and of its property shapes."""
    compiler = Compiler(store)
    compiled: list[CompiledConstraint] = []
    for node_shape in shapes:
        focus = compiler.focus(node_shape)
        compiled.extend(compiler.compile(node_shape, focus))
        for property_shape in node_shape.properties:
            own = compiler.focus(property_shape) if property_shape.targets else focus
            compiled.extend(compiler.compile(property_shape, own))
    return compiled


def run_compiled(store: GraphStore, compiled: CompiledConstraint) -> Iterator[Finding]:
    """The findings of one compiled constraint: one row, one finding (exact duplicates once)."""
    shape, seen = compiled.shape, set()
    solutions = store.store.query(compiled.query)
    assert isinstance(solutions, QuerySolutions)
    names = {variable.value for variable in solutions.variables}
    for solution in solutions:
        row = tuple(solution[name] for name in sorted(names))
        if row in seen:
            continue
        seen.add(row)
        focus = solution["this"]
        if focus is None:
            continue
        value = solution["value"] if "value" in names else None
        path = solution["path"] if "path" in names else None
        if (
            value is None
            and compiled.constraint.parameter == "sparql"
            and not shape.is_property_shape
        ):
            value = (
                focus  # SHACL-SPARQL: a node shape's result without ?value reports the focus node
            )
        yield Finding(
            severity=shape.severity,
            shape=shape.iri,
            component=compiled.constraint.component,
            focus=term_text(focus),
            path=f"<{path.value}>" if isinstance(path, NamedNode) else shape.path,
            value=None if value is None else term_text(value),
            message=compiled.message,
        )


def validate_fast(store: GraphStore, shapes: tuple[Shape, ...]) -> tuple[list[Finding], int]:
    """All findings of the shapes on the store, and how many constraints were evaluated."""
    compiled = compile_shapes(store, shapes)
    return [finding for item in compiled for finding in run_compiled(store, item)], len(compiled)
