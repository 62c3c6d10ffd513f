"""One measured task in a fresh process: ``python -m benchmarks.worker TASK SPEC.json OUT.jsonl``.

The orchestrator (benchmarks/run.py) starts one worker per engine and step, so each engine's
memory is measured on its own. A worker appends one JSON line per event to OUT.jsonl and flushes
it at once: ``start`` before each measured item and ``result`` after it, so that when a slow
baseline is stopped at its time limit the items already measured are kept and the one in progress
is known (its time so far is a lower bound).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from benchmarks.measure import ItemTimeout, measure, peak_kib

Spec = dict[str, Any]
Canonical = tuple[str | None, ...]

FLOOR = "floor:"
"""Prefix of the items that time a query on bare pyoxigraph (``bare_rows``)."""
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Journal:
    def __init__(
        self, path: Path, budget_s: float | None = None, limit_s: float | None = None
    ) -> None:
        self.stream = path.open("a", encoding="utf-8")
        self.budget_s = budget_s
        self.limit_s = limit_s

    def write(self, event: str, **fields: Any) -> None:
        self.stream.write(json.dumps({"event": event, "t": time.time(), **fields}) + "\n")
        self.stream.flush()

    def timed(self, item: str, step: Callable[[], Any], repetitions: int, **extra: Any) -> Any:
        """Measure one item; None when it was stopped at its limit or the engine failed on it
        (both recorded: ``stopped`` with the time so far, ``failed`` with the error)."""
        self.write("start", item=item)
        try:
            timing, result = measure(step, repetitions, self.budget_s, self.limit_s)
        except ItemTimeout as stop:
            # the peak so far is a lower bound of the step's peak memory
            self.write(
                "stopped", item=item, seconds=stop.seconds, peak_rss_mib=peak_kib() / 1024, **extra
            )
            return None
        except Exception as err:  # an engine that cannot run a query is a finding, not a crash
            self.write("failed", item=item, error=f"{type(err).__name__}: {err}"[:300], **extra)
            return None
        self.write("result", item=item, timing=timing.as_json(), **extra)
        return result


# --- terms, the same on both sides ------------------------------------------------------------


def literal_key(lexical: str, datatype: str | None, language: str | None) -> str:
    if language:
        return json.dumps(lexical) + "@" + language.lower()
    if datatype in (None, XSD_STRING):
        return json.dumps(lexical)
    return json.dumps(lexical) + "^^<" + datatype + ">"


def oxigraph_key(term: Any) -> str | None:
    from pyoxigraph import BlankNode, Literal, NamedNode

    if term is None:
        return None
    if isinstance(term, NamedNode):
        return f"<{term.value}>"
    if isinstance(term, BlankNode):
        return "_:b"  # blank node labels differ between engines and runs
    if isinstance(term, Literal):
        datatype = term.datatype.value
        return literal_key(
            term.value, None if datatype == RDF_LANG_STRING else datatype, term.language
        )
    raise TypeError(term)


def rdflib_key(term: Any) -> str | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.BNode):
        return "_:b"
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        return literal_key(str(term), datatype, term.language)
    raise TypeError(term)


def oxigraph_row(solution: Any, variables: list[str], concat: dict[str, str]) -> Canonical:
    return tuple(
        concatenated_key(solution[v].value if solution[v] is not None else None, concat[v])
        if v in concat
        else oxigraph_key(solution[v])
        for v in variables
    )


def rdflib_row(row: Any, variables: list[str], concat: dict[str, str]) -> Canonical:
    return tuple(
        concatenated_key(str(row[v]) if row[v] is not None else None, concat[v])
        if v in concat
        else rdflib_key(row[v])
        for v in variables
    )


def term_json(term: Any) -> dict[str, str | None]:
    from pyoxigraph import NamedNode

    if isinstance(term, NamedNode):
        return {"iri": term.value}
    return {"literal": term.value, "datatype": term.datatype.value, "language": term.language}


def rdflib_term(data: dict[str, str | None]) -> Any:
    import rdflib

    if "iri" in data:
        return rdflib.URIRef(data["iri"])
    if data.get("language"):
        return rdflib.Literal(data["literal"], lang=data["language"])
    return rdflib.Literal(data["literal"], datatype=rdflib.URIRef(data["datatype"]))


def oxigraph_term(data: dict[str, str | None]) -> Any:
    from pyoxigraph import Literal, NamedNode

    if "iri" in data:
        return NamedNode(str(data["iri"]))
    if data.get("language"):
        return Literal(str(data["literal"]), language=data["language"])
    return Literal(str(data["literal"]), datatype=NamedNode(str(data["datatype"])))


GROUP_CONCAT = re.compile(
    r"GROUP_CONCAT\s*\((?P<body>(?:[^()]|\([^()]*\))*?)"
    r"(?:;\s*SEPARATOR\s*=\s*(?P<q>[\"'])(?P<sep>.*?)(?P=q))?\s*\)\s+AS\s+\?(?P<name>\w+)",
    re.IGNORECASE,
)


def group_concat_columns(query: str) -> dict[str, str]:
    """The columns a query fills with GROUP_CONCAT, and their separators.

    SPARQL leaves the order of the concatenated values undefined, and the engines differ on the
    rest: over an empty group rdflib gives "" and pyoxigraph leaves the column unbound; when every
    value has the same language tag pyoxigraph keeps it. Such a column is compared as the sorted
    set of its parts, as a plain string, "" for unbound.
    """
    found = GROUP_CONCAT.finditer(query)
    return {m["name"]: m["sep"] if m["sep"] is not None else " " for m in found}


def concatenated_key(lexical: str | None, separator: str) -> str:
    parts = sorted(lexical.split(separator)) if lexical else []
    return json.dumps(separator.join(parts))


def digest(rows: Iterable[Canonical]) -> str:
    counted = sorted(Counter(rows).items(), key=repr)
    return hashlib.sha256(repr(counted).encode()).hexdigest()[:16]


def save_rows(directory: Path, name: str, variables: list[str], rows: list[Canonical]) -> None:
    path = directory / (name.replace("/", "__") + ".json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"variables": variables, "rows": sorted(rows, key=repr)}))


# --- load -------------------------------------------------------------------------------------


def task_load(spec: Spec, journal: Journal) -> None:
    path = Path(spec["nt"])
    engine = spec["engine"]
    if engine == "wcograph":
        from wcograph.triples.store import GraphStore

        size = journal.timed(
            "load", lambda: len(GraphStore.from_file(path, limit=None)), spec["repeat"]
        )
    elif engine == "floor":
        from pyoxigraph import RdfFormat, parse

        size = journal.timed(
            "load",
            lambda: len(list(parse(path=str(path), format=RdfFormat.N_TRIPLES))),
            spec["repeat"],
        )
    elif engine == "rdflib":
        import rdflib

        size = journal.timed(
            "load", lambda: len(rdflib.Graph().parse(str(path), format="nt")), spec["repeat"]
        )
    else:
        raise ValueError(engine)
    journal.write("size", triples=size)


# --- queries ----------------------------------------------------------------------------------


def task_queries_wcograph(spec: Spec, journal: Journal) -> None:
    """Every query of the library on wcograph's store, bound as its first example binds it."""
    from wcograph.errors import WcographError
    from wcograph.query.answer import bound_example
    from wcograph.query.library import query_library
    from wcograph.query.run import Answer, select
    from wcograph.triples.store import GraphStore

    store = GraphStore.from_file(Path(spec["nt"]), limit=None)
    rows_dir = Path(spec["rows_dir"])
    for name, query in sorted(query_library().items()):
        if not any(name.startswith(folder) for folder in spec["folders"]):
            continue
        try:
            target, bindings = bound_example(store, query)
        except WcographError as err:
            journal.write("skipped", item=name, reason=str(err).splitlines()[0])
            continue

        def run(text: str = target.text, bound: dict[str, Any] = bindings) -> Answer:
            # what a caller of wcograph's query API gets: every solution, its terms as objects
            return select(store, text, bound)

        measured = journal.timed(
            name,
            run,
            spec["repeat"],
            query=target.name,
            bindings={k: term_json(v) for k, v in bindings.items()},
        )
        if measured is None:
            continue
        journal.timed(
            FLOOR + name,
            lambda text=target.text, bound=bindings: bare_rows(store.store, text, bound),
            spec["repeat"],
        )
        variables = measured.variables  # compared outside the timed runs
        concat = group_concat_columns(target.text)
        rows = [oxigraph_row(solution, variables, concat) for solution in measured.rows]
        save_rows(rows_dir, name, variables, rows)
        journal.write(
            "rows", item=name, count=len(rows), digest=digest(rows), variables=sorted(variables)
        )


def bare_rows(store: Any, text: str, bindings: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The floor of a query: pyoxigraph alone, no wcograph code, every solution's terms as
    Python objects (what any caller needs to use an answer). A query whose rdflib time is under
    QUERY_SPEEDUP times this cannot meet the target whatever wcograph does around the store."""
    from pyoxigraph import Variable

    from wcograph.namespaces import PREFIXES

    substitutions = {Variable(name): value for name, value in bindings.items()} or None
    solutions = store.query(text, prefixes=PREFIXES, substitutions=substitutions)
    return [tuple(solution) for solution in solutions]


def task_queries_rdflib(spec: Spec, journal: Journal) -> None:
    """The same queries and bindings on rdflib's default in-memory store."""
    import rdflib

    from wcograph.namespaces import PREFIXES
    from wcograph.query.library import query_library

    logging.getLogger("rdflib").setLevel(logging.ERROR)
    graph = rdflib.Graph().parse(spec["nt"], format="nt")
    library = query_library()
    rows_dir = Path(spec["rows_dir"])
    for planned in spec["plan"]:
        text = library[planned["query"]].text
        bindings = {k: rdflib_term(v) for k, v in planned["bindings"].items()}

        def run(text: str = text, bound: dict[str, Any] = bindings) -> tuple[list[str], list[Any]]:
            result = graph.query(text, initNs=PREFIXES, initBindings=bound)
            variables = [str(v) for v in result.vars or []]
            return variables, [[row[v] for v in variables] for row in result]

        name = planned["item"]
        measured = journal.timed(name, run, planned.get("repeat", spec["repeat"]))
        if measured is None:
            continue
        variables, terms = measured  # compared outside the timed runs
        concat = group_concat_columns(text)
        rows = [rdflib_row(dict(zip(variables, t, strict=True)), variables, concat) for t in terms]
        save_rows(rows_dir, name, variables, rows)
        journal.write(
            "rows", item=name, count=len(rows), digest=digest(rows), variables=sorted(variables)
        )


# --- validation -------------------------------------------------------------------------------


def task_validate_fast(spec: Spec, journal: Journal) -> None:
    from wcograph.triples.store import GraphStore
    from wcograph.validate.fast_shacl import validate_fast
    from wcograph.validate.run import validate_store
    from wcograph.validate.shacl_shapes import load_shapes

    _validate_clean(Path(spec["clean_nt"]), journal)
    store = GraphStore.from_file(Path(spec["nt"]), limit=None)
    shapes = load_shapes()
    journal.timed("shapes-only", lambda: validate_fast(store, shapes), spec["repeat"])
    report = journal.timed("validate", lambda: validate_store(store, "fast"), spec["repeat"])
    if report is None:
        return
    findings = [f for f in report.findings if not f.is_check]
    checks = [f for f in report.findings if f.is_check]
    _save_findings(Path(spec["findings"]), [f.key for f in findings])
    journal.write(
        "findings",
        count=len(findings),
        checks=len(checks),
        digest=digest(tuple(map(str, f.key)) for f in findings),
    )


def _validate_clean(path: Path, journal: Journal) -> None:
    """The scaled graph without injected errors: it must conform as the real graph does."""
    from wcograph.triples.store import GraphStore
    from wcograph.validate.run import validate_store

    clean = GraphStore.from_file(path, limit=None)
    report = journal.timed("validate-clean", lambda: validate_store(clean, "fast"), 1)
    if report is not None:
        journal.write(
            "clean",
            violations=len(report.violations),
            warnings=len(report.warnings),
            conforms=report.conforms,
            sample=[_finding_json(f) for f in report.violations[:5]],
        )


def task_validate_pyshacl(spec: Spec, journal: Journal) -> None:
    """Plain pyshacl, without inference, on an rdflib graph of the same N-Triples and shapes."""
    import rdflib

    from wcograph.validate.reference_shacl import run_pyshacl, shapes_graph

    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    data = rdflib.Graph().parse(spec["nt"], format="nt")
    shapes = shapes_graph()

    def run() -> Any:
        return run_pyshacl(data, shapes)

    outcome = journal.timed("validate", run, spec["repeat"])
    if outcome is None:
        return
    keys = pyshacl_keys(outcome)
    _save_findings(Path(spec["findings"]), keys)
    journal.write(
        "findings", count=len(keys), checks=0, digest=digest(tuple(map(str, key)) for key in keys)
    )


def pyshacl_keys(results: Any) -> list[tuple[str | None, ...]]:
    """pyshacl's results as the keys wcograph's findings are compared on (Finding.key)."""
    from wcograph.validate.reference_shacl import report_findings

    return [finding.key for finding in report_findings(results)]


def _finding_json(finding: Any) -> dict[str, Any]:
    return {"focus": finding.focus, "shape": finding.shape, "origin": finding.origin}


def _save_findings(path: Path, keys: Iterable[tuple[str | None, ...]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted((list(k) for k in keys), key=repr)))


# --- export -----------------------------------------------------------------------------------


def task_export(spec: Spec, journal: Journal) -> None:
    from wcograph.export.formats import export_view
    from wcograph.triples.store import GraphStore
    from wcograph.view import graph_view

    store = GraphStore.from_file(Path(spec["nt"]), limit=None)
    for fmt in spec["formats"]:
        content = journal.timed(
            fmt, lambda fmt=fmt: export_view(graph_view(store), fmt), spec["repeat"]
        )
        if content is not None:
            journal.write("size", item=fmt, bytes=len(content))


# --- the seed-size cold start, step by step ----------------------------------------------------


def task_coldstart_steps(spec: Spec, journal: Journal) -> None:
    """Where a cold ``build`` + ``validate`` + ``query`` spends its time, in one fresh process
    (each step once: a second run would no longer be cold)."""
    data_dir, dist = Path(spec["data"]), Path(spec["dist"])
    journal.timed("import wcograph.cli (click)", lambda: __import__("wcograph.cli"), 1)
    from wcograph.pipeline import compile_graph, write_dist  # noqa: I001

    from wcograph.triples.build import build_quads
    from wcograph.records.load import load_data
    from wcograph.triples.store import GraphStore, vocabulary_quads

    loaded = journal.timed("load_data (YAML -> records)", lambda: load_data(data_dir), 1)
    quads = journal.timed("build_quads (records -> triples)", lambda: build_quads(loaded), 1)
    journal.timed(
        "vocabulary + store", lambda: GraphStore.from_quads(vocabulary_quads() + quads), 1
    )
    built = compile_graph(data_dir)
    journal.timed("write_dist (ttl, nt, jsonld)", lambda: write_dist(built, dist), 1)
    from wcograph.validate.run import validate_store

    journal.timed("validate_store (fast)", lambda: validate_store(built.store, "fast"), 1)
    from wcograph.query.answer import answer
    from wcograph.query.library import named_query

    name, params = spec["query"]
    journal.timed(f"answer {name}", lambda: answer(built.store, named_query(name), params), 1)


TASKS: dict[str, Callable[[Spec, Journal], None]] = {
    "coldstart-steps": task_coldstart_steps,
    "load": task_load,
    "queries-wcograph": task_queries_wcograph,
    "queries-rdflib": task_queries_rdflib,
    "validate-fast": task_validate_fast,
    "validate-pyshacl": task_validate_pyshacl,
    "export": task_export,
}


def main(argv: list[str]) -> int:
    task, spec_path, out_path = argv
    spec = json.loads(Path(spec_path).read_text())
    journal = Journal(Path(out_path), spec.get("budget_s"), spec.get("limit_s"))
    journal.write("ready")
    TASKS[task](spec, journal)
    journal.write("done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
