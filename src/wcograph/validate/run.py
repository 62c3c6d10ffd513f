"""Validation: SHACL shapes and the violation queries of queries/checks/ -> findings.

Returns a ValidationReport and never prints. Three engines run the shapes:
- ``fast`` (the default): SHACL Core on an index of the data as parsed, SHACL-SPARQL on the
  pyoxigraph store (fast_shacl.py);
- ``pyshacl``: the reference, plain pyshacl without inference; ``pyrudof``: rudof, in Rust
  (reference_shacl.py).
On the project's graph (``validate_store``: the shapes of shapes/ and the checks, warnings
tolerated) all three give the same findings (tests/test_validate.py), and every finding carries
the YAML file and line its focus node was curated at (wco:curatedAt), or that of the nearest
curated node linked to it. ``validate_with_shapes`` validates any RDF file against any shapes,
nothing added, by the SHACL rule of conformance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from wcograph.assets import QUERIES_DIR, SHAPES_DIR
from wcograph.errors import Problem, WcographError
from wcograph.extras import require
from wcograph.inputs import read_rdf_triples
from wcograph.progress import step
from wcograph.query.header import parse_header
from wcograph.triples.store import GraphStore, vocabulary_quads
from wcograph.validate.fast_shacl import compile_shapes, term_text, validate_fast
from wcograph.validate.findings import CHECK_COMPONENT, Finding, ValidationReport, sorted_findings
from wcograph.validate.shacl_shapes import UnsupportedShapeError, load_shapes
from wcograph.validate.shacl_shapes import shape_files as shape_files_of

CHECKS_DIR = QUERIES_DIR / "checks"
CHECK_SUFFIX = "-violation.rq"
ENGINES = ("fast", "pyshacl", "pyrudof")

Engine = Callable[[GraphStore, Path], tuple[list[Finding], int]]


# --- checks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """A curation check: a SELECT that must return no rows; each row is one violation."""

    name: str
    path: Path
    text: str

    @property
    def message(self) -> str:
        """The header's ``# Violation:`` text (continued on ``#   `` lines), else its question."""
        header = parse_header(self.text, self.path)
        return header.violation or header.question or self.name


def discover_checks(checks_dir: Path = CHECKS_DIR) -> tuple[Check, ...]:
    """Every ``*-violation.rq`` file in the checks folder: all of them run, none listed by hand."""
    return tuple(
        Check(path.name.removesuffix(".rq"), path, path.read_text(encoding="utf-8"))
        for path in sorted(checks_dir.glob(f"*{CHECK_SUFFIX}"))
    )


def run_check(store: GraphStore, check: Check) -> list[Finding]:
    solutions = store.select(check.text)
    names = {variable.value for variable in solutions.variables}
    if "focus" not in names:
        raise ValueError(f"{check.path}: a check selects ?focus (and optionally ?value)")
    findings = []
    for solution in solutions:
        focus, value = solution["focus"], solution["value"] if "value" in names else None
        if focus is None:
            continue
        findings.append(
            Finding(
                severity="Violation",
                shape=f"queries/checks/{check.path.name}",
                component=CHECK_COMPONENT,
                focus=term_text(focus),
                value=None if value is None else term_text(value),
                message=check.message,
            )
        )
    return findings


# --- origins ----------------------------------------------------------------------------------

ORIGINS_QUERY = QUERIES_DIR / "support" / "finding-origins.rq"
EXAMPLE_NODES = "VALUES ?focus { <https://w3id.org/wcograph/id/ptc> }"


def find_origins(store: GraphStore, focus_nodes: Iterable[str]) -> dict[str, str]:
    """For each focus node: its own wco:curatedAt, else that of a curated node pointing at it,
    else that of a curated node it points at (the first in file order when there are several)."""
    nodes = sorted({node for node in focus_nodes if not node.startswith("_:")})
    if not nodes:
        return {}
    best: dict[str, tuple[int, str, int, str]] = {}
    text = ORIGINS_QUERY.read_text(encoding="utf-8")
    if text.count(EXAMPLE_NODES) != 3:
        raise ValueError(f"{ORIGINS_QUERY}: expected three '{EXAMPLE_NODES}' blocks to fill")
    solutions = store.select(text.replace(EXAMPLE_NODES, f"VALUES ?focus {{ {' '.join(nodes)} }}"))
    for solution in solutions:
        focus, origin = term_text(solution["focus"]), solution["origin"].value
        file, _, line = origin.rpartition(":")
        rank = (int(solution["rank"].value), file, int(line) if line.isdigit() else 0, origin)
        if focus not in best or rank < best[focus]:
            best[focus] = rank
    return {focus: rank[3] for focus, rank in best.items()}


# --- engines ---------------------------------------------------------------------------------


def _fast(store: GraphStore, shapes: Path) -> tuple[list[Finding], int]:
    try:
        return validate_fast(store, load_shapes(shapes))
    except UnsupportedShapeError as err:
        raise WcographError(
            Problem(
                f"the fast engine cannot run these shapes: {err}",
                shapes,
                hint="run them with --engine pyshacl or --engine pyrudof",
            )
        ) from None


def _pyshacl(store: GraphStore, shapes: Path) -> tuple[list[Finding], int]:
    for module in ("rdflib", "pyshacl"):
        require(module, "the reference SHACL engine (--engine pyshacl)")
    from wcograph.validate.reference_shacl import validate_pyshacl

    with step("validating with pyshacl (the reference engine; minutes on a large graph)"):
        findings, _ = validate_pyshacl(store, shapes)
    return findings, count_constraints(shapes)


def _pyrudof(store: GraphStore, shapes: Path) -> tuple[list[Finding], int]:
    from importlib.util import find_spec

    from wcograph.validate.reference_shacl import validate_pyrudof

    if find_spec("pyrudof") is None:
        raise WcographError(
            Problem("the pyrudof engine is not installed", hint="pip install 'wcograph[rudof]'")
        )

    findings, _ = validate_pyrudof(store, shapes)
    return findings, count_constraints(shapes)


ENGINE_FUNCTIONS: dict[str, Engine] = {"fast": _fast, "pyshacl": _pyshacl, "pyrudof": _pyrudof}


def count_constraints(shapes: Path) -> int:
    """How many constraints the shapes hold (0 when the fast engine cannot read them)."""
    try:
        return len(compile_shapes(GraphStore(), load_shapes(shapes)))
    except UnsupportedShapeError:
        return 0


@cache
def shape_files(shapes_dir: Path = SHAPES_DIR) -> dict[str, str]:
    """Shape IRI -> the shapes file defining it, for the text report."""
    try:
        shapes = load_shapes(shapes_dir)
    except UnsupportedShapeError:
        return {}
    return {
        shape.iri: shape.file
        for node_shape in shapes
        for shape in (node_shape, *node_shape.properties)
    }


def _engine(engine: str) -> Engine:
    if engine not in ENGINE_FUNCTIONS:
        raise WcographError(
            Problem(f"unknown engine {engine!r}", hint=f"one of: {', '.join(ENGINES)}")
        )
    return ENGINE_FUNCTIONS[engine]


def validate_with_shapes(data: Path, shapes: Path, engine: str = "fast") -> ValidationReport:
    """Any RDF file against any shapes file or folder of them, nothing added to either: the
    report conforms by the SHACL rule (no results at all, whatever their severity)."""
    run = _engine(engine)
    if not shapes.exists():
        raise WcographError(Problem("no such shapes file or folder", shapes))
    if shapes.is_dir() and not shape_files_of(shapes):
        raise WcographError(Problem("no *.ttl shapes files in this folder", shapes))
    store = GraphStore.read_original(read_rdf_triples(data))
    findings, constraints = run(store, shapes)
    return ValidationReport(
        findings=sorted_findings(findings),
        engine=engine,
        constraints=constraints,
        shape_files=shape_files(shapes),
        tolerated=(),
    )


def validate_store(
    store: GraphStore,
    engine: str = "fast",
    *,
    shapes_dir: Path = SHAPES_DIR,
    checks_dir: Path = CHECKS_DIR,
) -> ValidationReport:
    """Run the shapes (with the chosen engine) and every check on the store's graph."""
    findings, constraints = _engine(engine)(store, shapes_dir)
    checks = discover_checks(checks_dir)
    for check in checks:
        findings.extend(run_check(store, check))
    origins = find_origins(store, (finding.focus for finding in findings))
    located = (replace(finding, origin=origins.get(finding.focus)) for finding in findings)
    return ValidationReport(
        findings=sorted_findings(located),
        engine=engine,
        constraints=constraints,
        checks=tuple(check.name for check in checks),
        shape_files=shape_files(shapes_dir),
    )


def load_rdf_file(path: Path) -> GraphStore:
    """Any RDF file plus the ontology and decision types, which the shapes need for subclass
    targets. Validation reads the file's literals as parsed (GraphStore.read_original)."""
    triples = read_rdf_triples(path)
    return GraphStore.read_original([*(quad.triple for quad in vocabulary_quads()), *triples])


def validate_file(path: Path, engine: str = "fast") -> ValidationReport:
    return validate_store(load_rdf_file(path), engine)


__all__ = [
    "ENGINES",
    "Check",
    "Finding",
    "ValidationReport",
    "discover_checks",
    "find_origins",
    "load_rdf_file",
    "validate_file",
    "validate_store",
    "validate_with_shapes",
]
