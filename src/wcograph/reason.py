"""OWL reasoning with owlready2's bundled HermiT: consistency, inferred class memberships and
the transitive reporting chains (wco:reportsUpTo).

owlready2 reads N-Triples, not Turtle, so the graph is handed over in that form.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, serialize

from wcograph.errors import Problem, WcographError
from wcograph.extras import require
from wcograph.inputs import refuse_imports
from wcograph.namespaces import WCO, XSD, compact
from wcograph.progress import step

INFERRED_ONTOLOGY = "http://inferrences/"  # owlready2's name for the graph it writes inferences to


@dataclass
class ReasoningReport:
    consistent: bool
    inferred_types: list[tuple[str, str]] = field(default_factory=list)
    """(individual, class) pairs HermiT inferred that the data did not state."""
    reporting_chains: list[tuple[str, str]] = field(default_factory=list)
    """(body, body above it) pairs of wco:reportsUpTo, stated or inferred."""
    explanation: str | None = None


def require_java() -> str:
    java = shutil.which("java")
    if java is None:
        raise WcographError(
            Problem(
                "Java is not installed: HermiT, the OWL reasoner owlready2 ships, runs on Java",
                hint="install a Java runtime (Debian: apt-get install default-jre-headless)",
            )
        )
    return java


def reason(quads: Iterable[Quad]) -> ReasoningReport:
    owlready2: Any = require("owlready2", "reasoning (wcograph reason)")

    quads = list(quads)
    refuse_imports(quads)
    owlready2.JAVA_EXE = require_java()
    world = owlready2.World()
    ntriples: bytes = serialize(  # type: ignore[assignment]
        (_owl2_datatypes(quad.triple) for quad in quads), format=RdfFormat.N_TRIPLES
    )
    world.get_ontology("https://w3id.org/wcograph/reasoning").load(
        fileobj=io.BytesIO(ntriples), format="ntriples"
    )
    asserted = _types(world)
    try:
        with _quiet(), step("reasoning with HermiT"):
            owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as err:
        return ReasoningReport(consistent=False, explanation=str(err).strip() or None)
    inferred = sorted(_types(world) - asserted)
    chains = sorted((compact(s), compact(o)) for s, o in _pairs(world, WCO + "reportsUpTo"))
    return ReasoningReport(True, inferred, chains)


XSD_DATE = NamedNode(XSD + "date")
XSD_DATETIME = NamedNode(XSD + "dateTime")


def _owl2_datatypes(triple: Triple) -> Triple:
    """xsd:date is not in the OWL 2 datatype map and HermiT refuses it; the reasoner gets each
    date as the xsd:dateTime of its midnight, which orders and compares the same way."""
    obj = triple.object
    if isinstance(obj, Literal) and obj.datatype == XSD_DATE:
        return Triple(
            triple.subject,
            triple.predicate,
            Literal(obj.value + "T00:00:00", datatype=XSD_DATETIME),
        )
    if obj == XSD_DATE:
        return Triple(triple.subject, triple.predicate, XSD_DATETIME)
    return triple


def _types(world) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = world.sparql(
        "SELECT ?s ?c WHERE { ?s a ?c . ?c a owl:Class . "
        "FILTER(STRSTARTS(STR(?c), 'https://w3id.org/wcograph/ontology#')) "
        "FILTER(STRSTARTS(STR(?s), 'https://w3id.org/wcograph/id/')) }"
    )
    return {(compact(s.iri), compact(c.iri)) for s, c in rows}


def _pairs(world, predicate: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = world.sparql(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}")
    return [(s.iri, o.iri) for s, o in rows]


class _quiet:
    """HermiT prints its command line and timings on stdout; keep the CLI's output ours."""

    def __enter__(self) -> None:
        import contextlib

        self._redirect = contextlib.redirect_stdout(io.StringIO())
        self._redirect.__enter__()

    def __exit__(self, *exc: object) -> None:
        self._redirect.__exit__(*exc)  # type: ignore[arg-type]


def render_reasoning(report: ReasoningReport, fmt: str) -> str:
    """The report as JSON, or in words: the contradiction, or the inferred class memberships
    and the reporting chains."""
    if fmt == "json":
        import json
        from dataclasses import asdict

        return json.dumps(asdict(report), indent=1, ensure_ascii=False) + "\n"
    if not report.consistent:
        lines = ["INCONSISTENT: the ontology and data contradict each other."]
        lines += [report.explanation] if report.explanation else []
        return "\n".join(lines) + "\n"
    lines = [f"consistent; {len(report.inferred_types)} inferred class memberships:"]
    lines += [f"  {individual:<40} a {cls}" for individual, cls in report.inferred_types]
    lines.append(f"{len(report.reporting_chains)} reporting chains (wco:reportsUpTo):")
    lines += [f"  {body:<40} -> {above}" for body, above in report.reporting_chains]
    return "\n".join(lines) + "\n"
