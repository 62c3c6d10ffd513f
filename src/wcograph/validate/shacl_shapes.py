"""SHACL shapes graphs read into typed records: shapes, their paths and their constraints.

Everything of SHACL Core is read (every constraint component, every path kind, blank-node shapes,
implicit class targets, literal targets, nested shapes) plus SHACL-SPARQL constraints
(``sh:sparql``). What the fast engine (``fast_shacl.py``) cannot run is refused with
:class:`UnsupportedShapeError` naming the feature, never skipped: a SPARQL-based target, a
recursive shape, a path node that is both a list and something else. pyshacl and pyrudof read the
shapes files as they are, so a refusal here concerns the fast engine only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from wcograph.assets import SHAPES_DIR
from wcograph.inputs import read_rdf_triples
from wcograph.namespaces import OWL, RDF, RDFS, SH, XSD

Node = NamedNode | BlankNode
Term = NamedNode | BlankNode | Literal

TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")
COMPONENTS = {
    "class": "ClassConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent",
    "minExclusive": "MinExclusiveConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "maxExclusive": "MaxExclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent",
    "minLength": "MinLengthConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "languageIn": "LanguageInConstraintComponent",
    "uniqueLang": "UniqueLangConstraintComponent",
    "equals": "EqualsConstraintComponent",
    "disjoint": "DisjointConstraintComponent",
    "lessThan": "LessThanConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "not": "NotConstraintComponent",
    "and": "AndConstraintComponent",
    "or": "OrConstraintComponent",
    "xone": "XoneConstraintComponent",
    "node": "NodeConstraintComponent",
    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
    "qualifiedMaxCount": "QualifiedMaxCountConstraintComponent",
    "closed": "ClosedConstraintComponent",
    "hasValue": "HasValueConstraintComponent",
    "in": "InConstraintComponent",
    "sparql": "SPARQLConstraintComponent",
}
"""The SHACL parameters the fast engine runs, and the component each one belongs to."""
PROPERTY_ONLY = {
    "minCount",
    "maxCount",
    "uniqueLang",
    "lessThan",
    "lessThanOrEquals",
    "qualifiedMinCount",
    "qualifiedMaxCount",
}
LIST_PARAMETERS = {"in", "languageIn", "and", "or", "xone"}
SHAPE_PARAMETERS = {"not", "node"}
IRI_PARAMETERS = {"equals", "disjoint", "lessThan", "lessThanOrEquals", "class", "datatype"}
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
    "defaultValue",
    "flags",
    "declare",
    "prefixes",
    "qualifiedValueShape",
    "qualifiedValueShapesDisjoint",
    "ignoredProperties",
    *TARGETS,
}
"""SHACL terms on a shape that are not constraints of their own."""
SEVERITIES = ("Violation", "Warning", "Info")
TRUE = Literal("true", datatype=NamedNode(XSD + "boolean"))
"""Boolean parameters are on only when true ("1"^^xsd:boolean is not: the W3C suite)."""


class UnsupportedShapeError(ValueError):
    """A shape uses SHACL the fast engine does not run: extend fast_shacl.py, never skip it."""


# --- paths ------------------------------------------------------------------------------------

PATH_KINDS = ("inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath")
SUFFIXES = {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}


@dataclass(frozen=True)
class PropertyPath:
    """A SHACL property path: ``predicate`` (an IRI), ``sequence``, or one of PATH_KINDS."""

    kind: str
    iri: str = ""
    steps: tuple[PropertyPath, ...] = ()

    @property
    def sparql(self) -> str:
        """SPARQL property path syntax: ``<a>``, ``^<a>``, ``<a>/<b>``, ``(<a>|<b>)*``."""
        if self.kind == "predicate":
            return f"<{self.iri}>"
        if self.kind == "sequence":
            return "/".join(step.nested for step in self.steps)
        if self.kind == "alternativePath":
            return "|".join(step.nested for step in self.steps)
        if self.kind == "inversePath":
            return "^" + self.steps[0].nested
        return self.steps[0].nested + SUFFIXES[self.kind]

    @property
    def nested(self) -> str:
        text = self.sparql
        return text if self.kind == "predicate" else f"({text})"

    def turtle(self) -> str:
        """The path as SHACL writes it in Turtle (a list is a sequence)."""
        if self.kind == "predicate":
            return f"<{self.iri}>"
        if self.kind == "sequence":
            return "( " + " ".join(step.turtle() for step in self.steps) + " )"
        if self.kind == "alternativePath":
            inner = "( " + " ".join(step.turtle() for step in self.steps) + " )"
        else:
            inner = self.steps[0].turtle()
        return f"[ <{SH}{self.kind}> {inner} ]"


PATH_TOKENS = re.compile(r"\s*(<[^>]*>|[()|/^*+?])")


def parse_path(text: str) -> PropertyPath:
    """The inverse of ``Path.sparql``: SPARQL property path text (IRIs in brackets) to a Path."""
    tokens = [match.group(1) for match in PATH_TOKENS.finditer(text)]
    if "".join(tokens) != re.sub(r"\s+", "", text) or not tokens:
        raise ValueError(f"not a property path: {text!r}")
    path, rest = _alternative(tokens)
    if rest:
        raise ValueError(f"not a property path: {text!r}")
    return path


def _alternative(tokens: list[str]) -> tuple[PropertyPath, list[str]]:
    return _joined(tokens, "|", "alternativePath", _sequence)


def _sequence(tokens: list[str]) -> tuple[PropertyPath, list[str]]:
    return _joined(tokens, "/", "sequence", _element)


def _joined(
    tokens: list[str],
    separator: str,
    kind: str,
    part: Callable[[list[str]], tuple[PropertyPath, list[str]]],
) -> tuple[PropertyPath, list[str]]:
    """Parts joined by the separator: one part is itself, more make a path of the kind."""
    first, tokens = part(tokens)
    steps = [first]
    while tokens and tokens[0] == separator:
        step, tokens = part(tokens[1:])
        steps.append(step)
    return (first if len(steps) == 1 else PropertyPath(kind, steps=tuple(steps))), tokens


def _element(tokens: list[str]) -> tuple[PropertyPath, list[str]]:
    if tokens and tokens[0] == "^":
        inner, rest = _element(tokens[1:])
        return PropertyPath("inversePath", steps=(inner,)), rest
    if not tokens:
        raise ValueError("a property path ends too early")
    if tokens[0] == "(":
        path, rest = _alternative(tokens[1:])
        if not rest or rest[0] != ")":
            raise ValueError("unbalanced parentheses in a property path")
        rest = rest[1:]
    elif tokens[0].startswith("<"):
        path, rest = PropertyPath("predicate", iri=tokens[0][1:-1]), tokens[1:]
    else:
        raise ValueError(f"unexpected {tokens[0]!r} in a property path")
    while rest and rest[0] in "*+?":
        kind = next(k for k, suffix in SUFFIXES.items() if suffix == rest[0])
        path, rest = PropertyPath(kind, steps=(path,)), rest[1:]
    return path, rest


# --- shapes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Constraint:
    component: str
    """The constraint component's IRI, e.g. ``http://www.w3.org/ns/shacl#MinCountConstraintComponent``."""
    parameter: str
    """The SHACL parameter's local name: ``minCount``, ``sparql`` ..."""
    value: Term
    """The parameter's value (for a list-valued parameter, the list's head node)."""
    items: tuple[Term, ...] = ()
    """The members of a list-valued parameter (``sh:in``, ``sh:languageIn``), or the properties
    a closed shape allows."""
    flags: str = ""
    """``sh:flags`` of a ``sh:pattern``."""
    select: str = ""
    """The SELECT query of a SPARQL constraint, with its declared prefixes in front."""
    message: str | None = None
    """A SPARQL constraint's own ``sh:message``."""
    shapes: tuple[Shape, ...] = ()
    """The shapes of sh:node, sh:not, sh:and, sh:or, sh:xone, sh:qualifiedValueShape."""
    siblings: tuple[Shape, ...] = ()
    """For sh:qualifiedValueShapesDisjoint: the sibling qualified value shapes."""


@dataclass(eq=False)
class Shape:
    node: Node
    iri: str
    """The shape's IRI, or ``_:label`` for a blank-node shape."""
    file: str
    severity: str
    """``Violation``, ``Warning``, ``Info``, or the IRI of a custom severity."""
    message: str | None
    path_expr: PropertyPath | None
    targets: tuple[tuple[str, str], ...]
    """(target parameter, value as text), e.g. ("targetClass", wco:Body's IRI)."""
    target_terms: tuple[tuple[str, Term], ...]
    deactivated: bool
    constraints: tuple[Constraint, ...] = ()
    properties: tuple[Shape, ...] = ()
    parents: list[Shape] = field(default_factory=list)

    @property
    def path(self) -> str | None:
        """The path in SPARQL syntax; None on a node shape."""
        return None if self.path_expr is None else self.path_expr.sparql

    @property
    def is_property_shape(self) -> bool:
        return self.path_expr is not None


def shape_files(shapes_dir: Path = SHAPES_DIR) -> list[Path]:
    if shapes_dir.is_file():
        return [shapes_dir]
    return sorted(shapes_dir.glob("*.ttl"))


@cache
def load_shapes(shapes_dir: Path = SHAPES_DIR) -> tuple[Shape, ...]:
    """The shapes that select focus nodes (those with targets), with their property shapes."""
    files = [(path, read_rdf_triples(path)) for path in shape_files(shapes_dir)]
    return read_shapes(files, folder=shapes_dir.name if shapes_dir.is_dir() else "")


def sh(name: str) -> NamedNode:
    return NamedNode(SH + name)


def node_text(node: Term) -> str:
    return node.value if isinstance(node, NamedNode) else f"_:{node.value}"


def read_shapes(files: Iterable[tuple[Path, list[Triple]]], folder: str = "") -> tuple[Shape, ...]:
    return _ShapesReader(files, folder).shapes()


class _ShapesReader:
    def __init__(self, files: Iterable[tuple[Path, list[Triple]]], folder: str) -> None:
        self.index: dict[Node, dict[NamedNode, list[Term]]] = {}
        self.files: dict[Node, str] = {}
        for path, triples in files:
            name = f"{folder}/{path.name}" if folder else path.name
            for triple in triples:
                if isinstance(triple.object, Triple) or isinstance(triple.subject, Triple):
                    raise UnsupportedShapeError(f"{path}: quoted triples in a shapes graph")
                self.index.setdefault(triple.subject, {}).setdefault(triple.predicate, []).append(
                    triple.object
                )
                self.files.setdefault(triple.subject, name)
        self.built: dict[Node, Shape] = {}
        self.building: set[Node] = set()

    def objects(self, subject: Term, predicate: NamedNode) -> list[Term]:
        if isinstance(subject, Literal):
            return []
        return list(dict.fromkeys(self.index.get(subject, {}).get(predicate, [])))

    def one(self, subject: Term, predicate: NamedNode) -> Term | None:
        values = self.objects(subject, predicate)
        if len(values) > 1:
            raise UnsupportedShapeError(f"{node_text(subject)} has more than one {predicate}")
        return next(iter(values), None)

    def shapes(self) -> tuple[Shape, ...]:
        targeted: set[Node] = set()
        types = NamedNode(RDF + "type")
        for subject, predicates in self.index.items():
            if any(sh(target) in predicates for target in TARGETS):
                targeted.add(subject)
            kinds = set(predicates.get(types, []))
            if kinds & {sh("NodeShape"), sh("PropertyShape")} and kinds & {
                NamedNode(RDFS + "Class"),
                NamedNode(OWL + "Class"),
            }:
                targeted.add(subject)
            if sh("target") in predicates:
                raise UnsupportedShapeError(
                    f"{node_text(subject)}: sh:target (SPARQL-based targets) is not supported"
                )
        return tuple(self.shape(node) for node in sorted(targeted, key=str))

    def deactivated(self, node: Term) -> bool:
        flag = self.one(node, sh("deactivated"))
        return flag == TRUE

    def shape(self, node: Term) -> Shape:
        if isinstance(node, Literal):
            raise UnsupportedShapeError(f"a literal ({node}) cannot be a shape")
        if node in self.built:
            return self.built[node]
        if node in self.building:
            raise UnsupportedShapeError(
                f"recursive shape {node_text(node)}: SHACL leaves its meaning undefined"
            )
        self.building.add(node)
        path = self.one(node, sh("path"))
        severity = self.one(node, sh("severity")) or sh("Violation")
        shape = Shape(
            node=node,
            iri=node_text(node),
            file=self.files.get(node, ""),
            severity=_severity(severity),
            message=self.message(node),
            path_expr=None if path is None else self.path(path),
            targets=tuple(
                (target, _plain(value))
                for target in TARGETS
                for value in sorted(self.objects(node, sh(target)), key=str)
            ),
            target_terms=self.target_terms(node),
            deactivated=self.deactivated(node),
        )
        shape.properties = tuple(
            self.shape(prop) for prop in sorted(self.objects(node, sh("property")), key=str)
        )
        for prop in shape.properties:
            prop.parents.append(shape)
        shape.constraints = tuple(self.constraints(node, shape))
        self.building.discard(node)
        self.built[node] = shape
        return shape

    def target_terms(self, node: Node) -> tuple[tuple[str, Term], ...]:
        terms = [(target, value) for target in TARGETS for value in self.objects(node, sh(target))]
        types = set(self.objects(node, NamedNode(RDF + "type")))
        if types & {NamedNode(RDFS + "Class"), NamedNode(OWL + "Class")}:
            terms.append(("targetClass", node))
        for target, value in terms:
            if target != "targetNode" and not isinstance(value, NamedNode):
                raise UnsupportedShapeError(f"{node_text(node)}: sh:{target} {value} is no IRI")
        return tuple(terms)

    def message(self, node: Term) -> str | None:
        messages = [m for m in self.objects(node, sh("message")) if isinstance(m, Literal)]
        english = [m for m in messages if m.language in (None, "en")]
        return (english or messages)[0].value if messages else None

    def path(self, node: Term) -> PropertyPath:
        if isinstance(node, NamedNode):
            return PropertyPath("predicate", iri=node.value)
        if not isinstance(node, BlankNode):
            raise UnsupportedShapeError(f"property path {node}: neither an IRI nor a blank node")
        kinds = [kind for kind in PATH_KINDS if self.objects(node, sh(kind))]
        is_list = bool(self.objects(node, NamedNode(RDF + "first")))
        if len(kinds) + is_list != 1:
            what = [*(f"sh:{kind}" for kind in kinds), *(["a list"] if is_list else [])]
            raise UnsupportedShapeError(
                f"property path _:{node.value} is ill-formed: it is "
                + (" and ".join(what) if what else "neither a list nor a SHACL path node")
            )
        if is_list:
            steps = tuple(self.path(step) for step in self.items(node))
            if len(steps) < 2:
                raise UnsupportedShapeError(f"sequence path _:{node.value} has fewer than 2 steps")
            return PropertyPath("sequence", steps=steps)
        kind = kinds[0]
        value = self.one(node, sh(kind))
        assert value is not None
        if kind == "alternativePath":
            steps = tuple(self.path(step) for step in self.items(value))
            if len(steps) < 2:
                raise UnsupportedShapeError(f"alternative path _:{node.value}: fewer than 2 paths")
            return PropertyPath(kind, steps=steps)
        return PropertyPath(kind, steps=(self.path(value),))

    def items(self, node: Term) -> tuple[Term, ...]:
        items = []
        seen = set()
        while node != NamedNode(RDF + "nil"):
            first = self.one(node, NamedNode(RDF + "first"))
            if first is None or node in seen:
                raise UnsupportedShapeError(f"malformed RDF list at {node}")
            seen.add(node)
            items.append(first)
            node = self.one(node, NamedNode(RDF + "rest"))  # type: ignore[assignment]
        return tuple(items)

    def constraints(self, node: Node, shape: Shape) -> Iterator[Constraint]:
        for predicate, values in self.index.get(node, {}).items():
            if not predicate.value.startswith(SH):
                continue
            name = predicate.value.removeprefix(SH)
            if name in NOT_CONSTRAINTS or name in ("qualifiedMinCount", "qualifiedMaxCount"):
                continue
            if name not in COMPONENTS:
                raise UnsupportedShapeError(
                    f"{node_text(node)} uses sh:{name}, which the fast engine does not run"
                )
            if name in PROPERTY_ONLY and not shape.is_property_shape:
                raise UnsupportedShapeError(f"{node_text(node)}: sh:{name} needs a sh:path")
            for value in dict.fromkeys(values):
                yield self.constraint(node, shape, name, value)
        yield from self.qualified(node)

    def constraint(self, node: Node, shape: Shape, name: str, value: Term) -> Constraint:
        component = SH + COMPONENTS[name]
        if name in ("minCount", "maxCount", "minLength", "maxLength"):
            _integer(node, name, value)
        if name in IRI_PARAMETERS and not isinstance(value, NamedNode):
            raise UnsupportedShapeError(f"{node_text(node)}: sh:{name} takes an IRI")
        if name == "nodeKind" and value not in {sh(kind) for kind in NODE_KINDS}:
            raise UnsupportedShapeError(f"{node_text(node)}: sh:nodeKind {value}")
        if name in ("in", "languageIn"):
            return Constraint(component, name, value, items=self.items(value))
        if name in LIST_PARAMETERS:
            shapes = tuple(self.shape(item) for item in self.items(value))
            return Constraint(component, name, value, shapes=shapes)
        if name in SHAPE_PARAMETERS:
            return Constraint(component, name, value, shapes=(self.shape(value),))
        if name == "closed":
            return self.closed(node, shape, component, value)
        if name == "pattern":
            flags = self.one(node, sh("flags"))
            return Constraint(
                component, name, value, flags=flags.value if isinstance(flags, Literal) else ""
            )
        if name == "sparql":
            return self.sparql(node, component, value)
        return Constraint(component, name, value)

    def closed(self, node: Node, shape: Shape, component: str, value: Term) -> Constraint:
        if value != TRUE:
            return Constraint(component, "closed", value, items=())
        ignored = self.one(node, sh("ignoredProperties"))
        allowed: list[Node | Literal] = [
            NamedNode(prop.path_expr.iri)
            for prop in shape.properties
            if prop.path_expr is not None and prop.path_expr.kind == "predicate"
        ]
        allowed += list(self.items(ignored)) if ignored is not None else []
        return Constraint(component, "closed", value, items=tuple(dict.fromkeys(allowed)))

    def qualified(self, node: Node) -> Iterator[Constraint]:
        shapes = self.objects(node, sh("qualifiedValueShape"))
        if not shapes:
            return
        if len(shapes) > 1:
            raise UnsupportedShapeError(f"{node_text(node)}: more than one sh:qualifiedValueShape")
        qualified = self.shape(shapes[0])
        disjoint = self.one(node, sh("qualifiedValueShapesDisjoint"))
        siblings: tuple[Shape, ...] = ()
        if disjoint == TRUE:
            siblings = tuple(self.sibling_shapes(node, shapes[0]))
        for name in ("qualifiedMinCount", "qualifiedMaxCount"):
            for bound in self.objects(node, sh(name)):
                _integer(node, name, bound)
                yield Constraint(
                    SH + COMPONENTS[name], name, bound, shapes=(qualified,), siblings=siblings
                )

    def sibling_shapes(self, node: Node, own: Term) -> Iterator[Shape]:
        """The other qualified value shapes of the property shapes of this one's parents."""
        for predicates in self.index.values():
            if node not in predicates.get(sh("property"), []):
                continue
            for sibling in predicates[sh("property")]:
                for shape in self.objects(sibling, sh("qualifiedValueShape")):
                    if sibling != node and shape != own:
                        yield self.shape(shape)

    def sparql(self, node: Node, component: str, value: Term) -> Constraint:
        select = self.one(value, sh("select"))
        if not isinstance(select, Literal):
            raise UnsupportedShapeError(
                f"{node_text(node)}: a SPARQL constraint needs one sh:select"
            )
        if self.deactivated(value):
            raise UnsupportedShapeError(
                f"{node_text(node)}: deactivated SPARQL constraint: delete it instead"
            )
        return Constraint(
            component,
            "sparql",
            value,
            select=self.prefixes(value) + select.value,
            message=self.message(value),
        )

    def prefixes(self, constraint: Term) -> str:
        lines = []
        for source in self.objects(constraint, sh("prefixes")):
            for declaration in self.objects(source, sh("declare")):
                prefix = self.one(declaration, sh("prefix"))
                namespace = self.one(declaration, sh("namespace"))
                if prefix is not None and namespace is not None:
                    lines.append(f"PREFIX {prefix.value}: <{namespace.value}>\n")
        return "".join(sorted(set(lines)))


NODE_KINDS = ("IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral")


def _severity(term: Term) -> str:
    if isinstance(term, NamedNode) and term.value.removeprefix(SH) in SEVERITIES:
        return term.value.removeprefix(SH)
    if isinstance(term, NamedNode):
        return term.value
    raise UnsupportedShapeError(f"sh:severity {term} is no IRI")


def _plain(term: Term) -> str:
    return term.value if isinstance(term, NamedNode | Literal) else f"_:{term.value}"


def _integer(node: Node, name: str, value: Term) -> int:
    if not isinstance(value, Literal) or value.datatype.value != XSD + "integer":
        raise UnsupportedShapeError(f"{node_text(node)}: sh:{name} takes an xsd:integer")
    return int(value.value)
