"""The W3C SHACL Core test suite (tests/w3c-shacl/core), read and run through `wcograph validate`.

Each manifest entry names a data graph and a shapes graph (``mf:action``) and the expected
``sh:ValidationReport`` (``mf:result``). A test runs ``wcograph validate DATA --shapes SHAPES
--engine E --format turtle`` and compares, as the W3C suite does, ``sh:conforms`` and the results
(focus node, path, value, source shape, component, severity), the report graphs compared by
isomorphism so blank nodes match by structure. Messages are left out of the comparison.

Outcomes: ``pass``; ``refuse`` (exit 2 with a message, allowed for the fast engine); ``wrong``
(a report that differs, or a crash). Relative IRIs resolve against each file's own IRI (its
``file:`` URI), in the manifest and in the data and shapes graphs alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.request import url2pathname

import rdflib
from click.testing import CliRunner
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from wcograph.cli import main

logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # ill-typed literals are test data
SUITE = Path(__file__).parent / "w3c-shacl" / "core"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
RESULT_FIELDS = (
    SH.focusNode,
    SH.resultPath,
    SH.value,
    SH.sourceShape,
    SH.sourceConstraintComponent,
    SH.resultSeverity,
)
PATH_PREDICATES = {
    rdflib.RDF.first,
    rdflib.RDF.rest,
    SH.inversePath,
    SH.alternativePath,
    SH.zeroOrMorePath,
    SH.oneOrMorePath,
    SH.zeroOrOnePath,
}


@dataclass(frozen=True)
class W3CTest:
    name: str
    """The test's path under core/, e.g. ``node/class-001``."""
    data: Path
    shapes: Path
    conforms: bool
    report: rdflib.Graph
    """The expected results (the fields compared), as a graph."""


def _parse(path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())


def _file(iri: Any) -> Path:
    return Path(url2pathname(str(iri).removeprefix("file://")))


def manifest_tests(manifest: Path = SUITE / "manifest.ttl") -> list[W3CTest]:
    """Every sht:Validate entry reached from the manifest through mf:include."""
    graph = _parse(manifest)
    tests = []
    for included in graph.objects(None, MF.include):
        tests.extend(manifest_tests(_file(included)))
    for entries in graph.objects(None, MF.entries):
        for entry in Collection(graph, entries):
            if (entry, rdflib.RDF.type, SHT.Validate) not in graph:
                continue
            action, result = graph.value(entry, MF.action), graph.value(entry, MF.result)
            name = str(entry).removeprefix(SUITE.resolve().as_uri() + "/")
            tests.append(
                W3CTest(
                    name=name,
                    data=_file(graph.value(action, SHT.dataGraph)),
                    shapes=_file(graph.value(action, SHT.shapesGraph)),
                    conforms=graph.value(result, SH.conforms).toPython() is True,
                    report=report_graph(graph, result),
                )
            )
    return tests


def report_graph(graph: rdflib.Graph, report: Any) -> rdflib.Graph:
    """The compared part of a validation report: each result's fields, and its path's nodes."""
    kept = rdflib.Graph()
    for result in graph.objects(report, SH.result):
        kept.add((report, SH.result, result))
        for field in RESULT_FIELDS:
            for value in graph.objects(result, field):
                kept.add((result, field, value))
                if field == SH.resultPath:
                    _copy_path(graph, value, kept)
    return kept


def _copy_path(graph: rdflib.Graph, node: Any, kept: rdflib.Graph) -> None:
    if not isinstance(node, rdflib.BNode):
        return
    for predicate, value in graph.predicate_objects(node):
        if predicate in PATH_PREDICATES:
            kept.add((node, predicate, value))
            _copy_path(graph, value, kept)


@dataclass(frozen=True)
class Outcome:
    verdict: str
    """``pass``, ``refuse`` or ``wrong``."""
    detail: str = ""


def run_test(test: W3CTest, engine: str) -> Outcome:
    args = ["validate", str(test.data), "--shapes", str(test.shapes), "--engine", engine]
    result = CliRunner().invoke(main, [*args, "--format", "turtle"])
    crash = result.exception is not None and not isinstance(result.exception, SystemExit)
    if crash:
        return Outcome("wrong", f"crash: {result.exception!r}")
    if result.exit_code == 2:
        return Outcome("refuse", result.output.strip())
    if result.exit_code not in (0, 1):
        return Outcome("wrong", f"exit {result.exit_code}: {result.output}")
    actual = rdflib.Graph().parse(data=result.output, format="turtle")
    report = next(actual.subjects(SH.conforms, None), None)
    if report is None:
        return Outcome("wrong", f"no validation report in:\n{result.output}")
    conforms = actual.value(report, SH.conforms).toPython() is True
    if conforms != test.conforms or (result.exit_code == 0) != test.conforms:
        return Outcome("wrong", f"conforms {conforms}, expected {test.conforms}")
    got = report_graph(actual, report)
    if not isomorphic(got, test.report):
        return Outcome(
            "wrong",
            "results differ:\n  expected\n" + got_text(test.report) + "\n  got\n" + got_text(got),
        )
    return Outcome("pass")


def got_text(graph: rdflib.Graph) -> str:
    return "\n".join(sorted(f"    {s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph))
