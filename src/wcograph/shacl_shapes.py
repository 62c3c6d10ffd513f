"""The SHACL shapes in ``shapes/*.ttl``, read into typed records.

Only what the fast engine (``fast_shacl.py``) can compile is accepted: a shape that uses any other
SHACL parameter raises :class:`UnsupportedShapeError` instead of being skipped, so a new shape
never silently goes unchecked. pyshacl reads the same files as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, Triple, parse

from wcograph.assets import SHAPES_DIR
from wcograph.namespaces import RDF, RDFS, SH

Node = NamedNode | BlankNode
Term = NamedNode | BlankNode | Literal

TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
COMPONENTS = {
    "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "class": "ClassConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "in": "InConstraintComponent",
    "languageIn": "LanguageInConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "hasValue": "HasValueConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "sparql": "SPARQLConstraintComponent",
}
"""The SHACL parameters the fast engine compiles, and the component each one belongs to."""
NOT_CONSTRAINTS = {
    "property",
    "path",
    "severity",
    "message",
    "deactivated",
    "name",
    "description",
    "order",
    "group",
    "flags",
    "declare",
    "prefixes",
    *TARGETS,
}
"""SHACL terms on a shape that are not constraints of their own."""


class UnsupportedShapeError(ValueError):
    """A shape uses SHACL the fast engine does not compile: extend fast_shacl.py, never skip it."""


@dataclass(frozen=True)
class Constraint:
    component: str
    """The constraint component's IRI, e.g. ``http://www.w3.org/ns/shacl#MinCountConstraintComponent``."""
    parameter: str
    """The SHACL parameter's local name: ``minCount``, ``sparql`` ..."""
    value: Term
    """The parameter's value (for a list-valued parameter, the list's head node)."""
    items: tuple[Term, ...] = ()
    """The members of a list-valued parameter (``sh:in``, ``sh:languageIn``)."""
    flags: str = ""
    """``sh:flags`` of a ``sh:pattern``."""
    select: str = ""
    """The SELECT query of a SPARQL constraint, with its declared prefixes in front."""
    message: str | None = None
    """A SPARQL constraint's own ``sh:message``."""


@dataclass(frozen=True)
class Shape:
    iri: str
    file: str
    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    message: str | None
    path: str | None
    """The path in SPARQL syntax (``<iri>``, ``^<iri>``, ``<a>/<b>``); None on a node shape."""
    targets: tuple[tuple[str, str], ...]
    """(target parameter, IRI) pairs, e.g. ("targetClass", wco:Body)."""
    constraints: tuple[Constraint, ...]
    properties: tuple[Shape, ...]

    @property
    def is_property_shape(self) -> bool:
        return self.path is not None


def shape_files(shapes_dir: Path = SHAPES_DIR) -> list[Path]:
    return sorted(shapes_dir.glob("*.ttl"))


def shapes_quads(shapes_dir: Path = SHAPES_DIR) -> list[Quad]:
    """Every shapes file, each in a named graph called after the file (to tell where a shape is)."""
    quads: list[Quad] = []
    for path in shape_files(shapes_dir):
        graph = NamedNode(path.resolve().as_uri())
        quads.extend(
            Quad(quad.subject, quad.predicate, quad.object, graph)
            for quad in parse(path=str(path), format=RdfFormat.TURTLE)
        )
    return quads


@cache
def load_shapes(shapes_dir: Path = SHAPES_DIR) -> tuple[Shape, ...]:
    """The shapes that select focus nodes (those with targets), with their property shapes."""
    return _ShapesReader(shapes_dir).shapes()


def sh(name: str) -> NamedNode:
    return NamedNode(SH + name)


class _ShapesReader:
    def __init__(self, shapes_dir: Path) -> None:
        self.store = Store()
        self.store.extend(shapes_quads(shapes_dir))
        self.shapes_dir = shapes_dir

    def objects(self, subject: Node, predicate: NamedNode) -> list[Term]:
        return [
            quad.object
            for quad in self.store.quads_for_pattern(subject, predicate, None, None)
            if not isinstance(quad.object, Triple)
        ]

    def one(self, subject: Node, predicate: NamedNode) -> Term | None:
        values = set(self.objects(subject, predicate))
        if len(values) > 1:
            raise UnsupportedShapeError(f"{subject} has more than one {predicate}")
        return next(iter(values), None)

    def file_of(self, node: Node) -> str:
        for quad in self.store.quads_for_pattern(node, None, None, None):
            graph = quad.graph_name
            if isinstance(graph, NamedNode):
                name = Path(graph.value.removeprefix("file://")).name
                return f"{self.shapes_dir.name}/{name}"
        return ""

    def shapes(self) -> tuple[Shape, ...]:
        targeted: set[Node] = set()
        for target in TARGETS:
            for quad in self.store.quads_for_pattern(None, sh(target), None, None):
                targeted.add(quad.subject)  # type: ignore[arg-type]
        for kind in ("NodeShape", "PropertyShape"):
            for quad in self.store.quads_for_pattern(None, NamedNode(RDF + "type"), sh(kind), None):
                if set(self.objects(quad.subject, NamedNode(RDF + "type"))) & {  # type: ignore[arg-type]
                    NamedNode(RDFS + "Class"),
                    NamedNode("http://www.w3.org/2002/07/owl#Class"),
                }:
                    raise UnsupportedShapeError(f"implicit class target on {quad.subject}")
        return tuple(
            self.shape(node) for node in sorted(targeted, key=str) if not self.deactivated(node)
        )

    def deactivated(self, node: Node) -> bool:
        flag = self.one(node, sh("deactivated"))
        return isinstance(flag, Literal) and flag.value == "true"

    def shape(self, node: Node) -> Shape:
        if not isinstance(node, NamedNode):
            raise UnsupportedShapeError(
                f"shapes are named by IRIs (for readable reports), not {node}"
            )
        path = self.one(node, sh("path"))
        severity = self.one(node, sh("severity")) or sh("Violation")
        return Shape(
            iri=node.value,
            file=self.file_of(node),
            severity=severity.value.removeprefix(SH),  # type: ignore[union-attr]
            message=self.message(node),
            path=None if path is None else self.path(path),
            targets=tuple(
                (target, value.value)  # type: ignore[union-attr]
                for target in TARGETS
                for value in sorted(self.objects(node, sh(target)), key=str)
            ),
            constraints=tuple(self.constraints(node)),
            properties=tuple(
                self.shape(prop)  # type: ignore[arg-type]
                for prop in sorted(self.objects(node, sh("property")), key=str)
                if not self.deactivated(prop)  # type: ignore[arg-type]
            ),
        )

    def message(self, node: Node) -> str | None:
        messages = [m for m in self.objects(node, sh("message")) if isinstance(m, Literal)]
        english = [m for m in messages if m.language in (None, "en")]
        return (english or messages)[0].value if messages else None

    def path(self, node: Term) -> str:
        if isinstance(node, NamedNode):
            return f"<{node.value}>"
        if isinstance(node, BlankNode):
            inverse = self.one(node, sh("inversePath"))
            if isinstance(inverse, NamedNode):
                return f"^<{inverse.value}>"
            if self.one(node, NamedNode(RDF + "first")) is not None:
                return "/".join(self.path(step) for step in self.items(node))
        raise UnsupportedShapeError(f"property path {node}: only IRIs, inverse and sequence paths")

    def items(self, node: Term) -> tuple[Term, ...]:
        items = []
        while node != NamedNode(RDF + "nil"):
            first = self.one(node, NamedNode(RDF + "first"))  # type: ignore[arg-type]
            if first is None:
                raise UnsupportedShapeError(f"malformed RDF list at {node}")
            items.append(first)
            node = self.one(node, NamedNode(RDF + "rest"))  # type: ignore[arg-type, assignment]
        return tuple(items)

    def constraints(self, node: Node) -> Iterator[Constraint]:
        for quad in self.store.quads_for_pattern(node, None, None, None):
            predicate = quad.predicate.value
            if not predicate.startswith(SH):
                continue
            name = predicate.removeprefix(SH)
            if name in NOT_CONSTRAINTS:
                continue
            if name not in COMPONENTS:
                raise UnsupportedShapeError(
                    f"{node} uses sh:{name}, which the fast engine does not compile "
                    f"(supported: {', '.join(sorted(COMPONENTS))})"
                )
            if isinstance(quad.object, Triple):
                raise UnsupportedShapeError(f"{node}: sh:{name} takes a term, not a quoted triple")
            yield self.constraint(node, name, quad.object)

    def constraint(self, node: Node, name: str, value: Term) -> Constraint:
        component = SH + COMPONENTS[name]
        if name in ("in", "languageIn"):
            return Constraint(component, name, value, items=self.items(value))
        if name == "pattern":
            flags = self.one(node, sh("flags"))
            return Constraint(
                component, name, value, flags=flags.value if isinstance(flags, Literal) else ""
            )
        if name == "sparql":
            select = self.one(value, sh("select"))  # type: ignore[arg-type]
            if not isinstance(select, Literal):
                raise UnsupportedShapeError(f"{node}: a SPARQL constraint needs one sh:select")
            if self.deactivated(value):  # type: ignore[arg-type]
                raise UnsupportedShapeError(
                    f"{node}: deactivated SPARQL constraint: delete it instead"
                )
            return Constraint(
                component,
                name,
                value,
                select=self.prefixes(value) + select.value,  # type: ignore[arg-type]
                message=self.message(value),  # type: ignore[arg-type]
            )
        return Constraint(component, name, value)

    def prefixes(self, constraint: Node) -> str:
        lines = []
        for source in self.objects(constraint, sh("prefixes")):
            for declaration in self.objects(source, sh("declare")):  # type: ignore[arg-type]
                prefix = self.one(declaration, sh("prefix"))  # type: ignore[arg-type]
                namespace = self.one(declaration, sh("namespace"))  # type: ignore[arg-type]
                if prefix is not None and namespace is not None:
                    lines.append(f"PREFIX {prefix.value}: <{namespace.value}>\n")
        return "".join(sorted(set(lines)))
