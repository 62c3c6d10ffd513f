"""Validation: the shapes, the two engines (and pyrudof) agreeing, the checks, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from wcograph.assets import ONTOLOGY_FILE, QUERIES_DIR, SHAPES_DIR
from wcograph.cli import main
from wcograph.namespaces import ID, OWL, RDFS, SH, WCO, XSD
from wcograph.pipeline import BuiltGraph
from wcograph.triples.store import GraphStore
from wcograph.validate.fast_shacl import compile_shapes
from wcograph.validate.findings import ValidationReport
from wcograph.validate.run import CHECKS_DIR, discover_checks, validate_store
from wcograph.validate.shacl_shapes import UnsupportedShapeError, load_shapes

from .conftest import FIXTURES, MINI_DATA
from .second_engine import rudof_keys

INVALID = FIXTURES / "invalid"


def keys(report: ValidationReport, *, checks: bool = True) -> list[tuple]:
    return sorted(f.key for f in report.findings if checks or not f.is_check)


def difference(a: list[tuple], b: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    ca, cb = Counter(a), Counter(b)
    return sorted(ca - cb), sorted(cb - ca)


@pytest.fixture(scope="session")
def real_fast(built: BuiltGraph) -> ValidationReport:
    return validate_store(built.store, "fast")


@pytest.fixture(scope="session")
def real_pyshacl(built: BuiltGraph) -> ValidationReport:
    return validate_store(built.store, "pyshacl")


# --- the engines agree ------------------------------------------------------------------------


@pytest.mark.slow
def test_fast_engine_gives_pyshacls_findings_on_the_real_data(
    real_fast: ValidationReport, real_pyshacl: ValidationReport
) -> None:
    assert difference(keys(real_fast), keys(real_pyshacl)) == ([], [])
    assert (
        len(real_fast.findings) > 0
    )  # the real data has warnings (news-article meetings have no number)


def test_fast_engine_gives_pyshacls_findings_on_the_mini_data(mini: BuiltGraph) -> None:
    fast, reference = validate_store(mini.store, "fast"), validate_store(mini.store, "pyshacl")
    assert keys(fast) == keys(reference)
    assert [f.message for f in fast.findings] == [f.message for f in reference.findings]


def test_pyrudof_agrees_on_the_real_data(built: BuiltGraph, real_fast: ValidationReport) -> None:
    """pyrudof runs every shape, SHACL-SPARQL included; its one known gap (no lexical check of
    xsd:date) does not show on well-formed data."""
    assert difference(sorted(rudof_keys(built.store)), keys(real_fast, checks=False)) == ([], [])


@pytest.mark.slow
def test_the_real_data_conforms(
    real_fast: ValidationReport, real_pyshacl: ValidationReport
) -> None:
    assert real_fast.violations == [], "\n".join(
        f"{f.origin}: {f.focus} {f.shape}: {f.message}" for f in real_fast.violations
    )
    assert real_pyshacl.conforms


def test_an_injected_error_of_every_kind_gives_identical_findings(mini: BuiltGraph) -> None:
    """One graph breaking many constraints at once, all compiled components included."""
    store = GraphStore.from_quads(
        [
            *mini.store.quads(),
            *parse(
                path=str(Path(__file__).parent / "fixtures" / "shapes" / "many-errors.ttl"),
                format=RdfFormat.TURTLE,
            ),
        ]
    )
    store.store.remove(
        Quad(
            NamedNode(ID + "ptc-241-242-p36-3"),
            NamedNode(WCO + "madeAt"),
            NamedNode(ID + "ptc-241-242"),
        )
    )
    fast, reference = validate_store(store, "fast"), validate_store(store, "pyshacl")
    assert difference(keys(fast), keys(reference)) == ([], [])
    components = {f.component.removeprefix(SH) for f in fast.findings}
    compiled = {
        c.constraint.component.removeprefix(SH) for c in compile_shapes(store, load_shapes())
    }
    assert compiled <= components, f"no injected error exercises {compiled - components}"
    rudof, ours = sorted(rudof_keys(store)), keys(fast, checks=False)
    only_ours, only_rudof = difference(ours, rudof)
    assert only_rudof == []
    assert [key[5] for key in only_ours] == [
        '"2023-13-45"^^<http://www.w3.org/2001/XMLSchema#date>'
    ]


def test_a_stage_belongs_to_exactly_one_instrument(mini: BuiltGraph) -> None:
    """Stages point at their instrument (wco:stageOf): none, two, or a body is reported."""
    stage_of = NamedNode(WCO + "stageOf")
    (link,) = mini.store.store.quads_for_pattern(None, stage_of, None)
    stage = str(link.subject)
    orphaned = GraphStore.from_quads(q for q in mini.store.quads() if q != link)
    doubled = GraphStore.from_quads([*mini.store.quads(), Quad(link.subject, stage_of, ID_PTC)])
    for engine in ("fast", "pyshacl"):
        assert stage_of_findings(orphaned, engine) == {(stage, "MinCount", None)}, engine
        assert stage_of_findings(doubled, engine) == {
            (stage, "MaxCount", None),
            (stage, "Class", str(ID_PTC)),
        }, engine


def test_only_an_agenda_item_is_on_an_agenda(mini: BuiltGraph) -> None:
    """Agenda items point at their meeting (wco:agendaItemOf); anything else doing so is
    reported, and an item on two agendas too."""
    item_of = NamedNode(WCO + "agendaItemOf")
    (meeting,) = {q.object for q in mini.store.store.quads_for_pattern(None, item_of, None)}
    item = min(
        (q.subject for q in mini.store.store.quads_for_pattern(None, item_of, meeting)), key=str
    )
    store = GraphStore.from_quads(
        [*mini.store.quads(), Quad(ID_PTC, item_of, meeting), Quad(item, item_of, ID_PTC)]
    )
    for engine in ("fast", "pyshacl"):
        found = {
            (f.shape.rsplit("#", 1)[1], f.focus, f.component.removeprefix(SH))
            for f in validate_store(store, engine).findings
            if f.shape.endswith(("#AgendaItemOf", "#AgendaItem-meeting"))
        }
        assert found == {
            ("AgendaItemOf", str(ID_PTC), "ClassConstraintComponent"),
            ("AgendaItem-meeting", str(item), "MaxCountConstraintComponent"),
            ("AgendaItem-meeting", str(item), "ClassConstraintComponent"),
        }, engine


ID_PTC = NamedNode(ID + "ptc")


def stage_of_findings(store: GraphStore, engine: str) -> set[tuple[str, str, str | None]]:
    return {
        (f.focus, f.component.removeprefix(SH).removesuffix("ConstraintComponent"), f.value)
        for f in validate_store(store, engine).findings
        if f.shape == "https://w3id.org/wcograph/shapes#InstrumentStage-stageOf"
    }


@pytest.mark.parametrize("property_name", ["startDate", "endDate"])
def test_pyshacl_mishandles_an_ill_typed_date_under_an_order_constraint(
    property_name: str, mini: BuiltGraph
) -> None:
    """pyshacl 0.40 limitations, kept in view: under sh:lessThanOrEquals, an ill-typed date
    ("2023-13-45"^^xsd:date) as the value raises TypeError inside pyshacl, and as the value compared
    with passes silently. SHACL says values that do not compare are violations, and the fast engine
    reports them. The agreement fixtures therefore put the impossible date elsewhere."""
    bad = Literal("2023-13-45", datatype=NamedNode(XSD + "date"))
    meeting = NamedNode(ID + "ptc-241-242")
    store = GraphStore.from_quads(
        [*mini.store.quads(), Quad(meeting, NamedNode(WCO + property_name), bad)]
    )
    fast = [
        f
        for f in validate_store(store, "fast").violations
        if f.component.endswith("LessThanOrEqualsConstraintComponent")
    ]
    assert [f.shape.split("#")[1] for f in fast] == ["Event-startDate"] * len(fast) and fast
    if property_name == "startDate":
        with pytest.raises(TypeError):
            validate_store(store, "pyshacl")
    else:
        reference = validate_store(store, "pyshacl").violations
        assert not any(
            f.component.endswith("LessThanOrEqualsConstraintComponent") for f in reference
        )


# --- the shapes ---------------------------------------------------------------------------------


def test_every_class_of_the_ontology_is_the_target_of_a_shape() -> None:
    """Directly or through a superclass. Defined classes (owl:equivalentClass) are left out: the
    reasoner puts bodies and decisions into them, and those are validated as such."""
    ontology = GraphStore.from_quads(parse(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE))
    classes = {
        row["c"].value
        for row in ontology.select(
            f'SELECT ?c WHERE {{ ?c a <{OWL}Class> FILTER(STRSTARTS(STR(?c), "{WCO}")) '
            f"FILTER NOT EXISTS {{ ?c <{OWL}equivalentClass> ?d }} }}"
        )
    }
    targeted = {
        iri for shape in load_shapes() for kind, iri in shape.targets if kind == "targetClass"
    }
    uncovered = {
        cls
        for cls in classes
        if not any(ontology.ask(f"ASK {{ <{cls}> <{RDFS}subClassOf>* <{t}> }}") for t in targeted)
    }
    assert uncovered == set()
    assert len(classes) > 60


def test_every_shape_says_its_severity_and_has_a_message_for_curators() -> None:
    for node_shape in load_shapes():
        for shape in (node_shape, *node_shape.properties):
            text = (SHAPES_DIR / Path(shape.file).name).read_text(encoding="utf-8")
            block = text[text.index(shape.iri.split("#")[1] + " a sh:") :]
            assert "sh:severity sh:" in block.split("\n\n")[0], shape.iri
            for constraint in shape.constraints:
                message = constraint.message or shape.message
                assert message and len(message) > 20 and message[0].isupper(), (
                    shape.iri,
                    constraint.parameter,
                )


def test_warnings_are_used_for_suspicious_data_only() -> None:
    severities = {
        shape.iri.split("#")[1]: shape.severity
        for node_shape in load_shapes()
        for shape in (node_shape, *node_shape.properties)
    }
    warnings = {name for name, severity in severities.items() if severity == "Warning"}
    assert warnings == {
        "HasReportingLine",
        "HasReportingLine-reportingLine",
        "Meeting-sessionNumber",
        "Meeting-startDate",
        "MiniGroupOfABody",
        "MiniGroupOfABody-unitOf",
    }


def test_a_shape_the_fast_engine_cannot_compile_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property <urn:p> .\n"
        "<urn:p> a sh:PropertyShape ; sh:path <urn:q> ; sh:node <urn:s> .\n"
    )
    with pytest.raises(UnsupportedShapeError, match="recursive shape"):
        load_shapes(tmp_path)


def test_a_sparql_constraint_the_fast_engine_cannot_join_is_refused(
    tmp_path: Path, mini: BuiltGraph
) -> None:
    (tmp_path / "x.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        '<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:sparql [ sh:select """\n'
        'SELECT $this WHERE { $this ?p ?o MINUS { $this <urn:q> ?o } }""" ] .\n'
    )
    with pytest.raises(UnsupportedShapeError, match="MINUS"):
        compile_shapes(mini.store, load_shapes(tmp_path))


# --- origins --------------------------------------------------------------------------------------


def test_a_finding_names_the_yaml_file_and_line_of_its_node() -> None:
    from wcograph.pipeline import validate_data

    report = validate_data(INVALID / "end-before-start")
    [violation] = report.violations
    assert violation.focus == f"<{ID}reporting-line/dmpt/1>"
    assert violation.origin == "data/bodies/dmpt.yaml:1"  # the body that owns the line
    [warning] = report.warnings
    assert warning.origin == "data/bodies/ptc.yaml:1"


def test_a_decision_points_at_its_bullet_in_the_meetings_file(mini: BuiltGraph) -> None:
    from wcograph.validate.run import find_origins

    origin = find_origins(mini.store, [f"<{ID}ptc-241-242-p36-5>"])[f"<{ID}ptc-241-242-p36-5>"]
    file, _, line = origin.rpartition(":")
    text = (MINI_DATA / Path(file).relative_to("data")).read_text().splitlines()
    assert "endorsed the updated version of the CBM Compendium" in "\n".join(
        text[int(line) - 1 : int(line) + 2]
    )


# --- checks (queries/checks/*-violation.rq) -------------------------------------------------


def _q(s: str, p: str, o: NamedNode | Literal) -> Quad:
    return Quad(NamedNode(ID + s), NamedNode(p), o)


INTEGER, DATE = NamedNode(XSD + "integer"), NamedNode(XSD + "date")
CHECK_CASES = {
    "reports-to-current-line-violation": (
        [
            _q("dmpt", WCO + "reportsTo", NamedNode(ID + "ptc")),
            _q("dmpt", WCO + "reportsUpTo", NamedNode(ID + "ptc")),
        ],
        [],
        ("dmpt", "ptc"),
    ),
    "reports-up-to-closure-violation": (
        [_q("dmpt", WCO + "reportsUpTo", NamedNode(ID + "ptc"))],
        [],
        ("dmpt", "ptc"),
    ),
    "responsibility-shortcut-violation": (
        [_q("ptc", WCO + "responsibleFor", NamedNode(ID + "cbm-compendium"))],
        [],
        ("ptc", "cbm-compendium"),
    ),
    "decision-paragraph-violation": (
        [_q("ptc-241-242-p36-1", WCO + "paragraph", Literal("36", datatype=INTEGER))],
        [_q("ptc-241-242-p36-1", WCO + "paragraph", Literal("35", datatype=INTEGER))],
        ("ptc-241-242-p36-1", '"35"'),
    ),
    "agenda-paragraphs-violation": (
        [_q("ptc-241-242-item-iv", WCO + "lastParagraph", Literal("36", datatype=INTEGER))],
        [
            _q("ptc-241-242-item-iv", WCO + "lastParagraph", Literal("9999", datatype=INTEGER)),
            # the count `wcograph sources verify` reads from the text (PC0737 has 154 paragraphs)
            _q("pc0737", WCO + "paragraphCount", Literal("154", datatype=INTEGER)),
        ],
        ("ptc-241-242-item-iv", '"9999"'),
    ),
    "meeting-of-ended-body-violation": (
        [],
        [_q("ptc", WCO + "endedOn", Literal("2020-12-31", datatype=DATE))],
        ("ptc-241-242", '"2023-10-24"'),
    ),
    "interval-agrees-violation": (
        [_q("reporting-line/dmpt/1", WCO + "holdsFrom", Literal("2023-10-24", datatype=DATE))],
        [_q("reporting-line/dmpt/1", WCO + "holdsFrom", Literal("2023-10-23", datatype=DATE))],
        ("reporting-line/dmpt/1", '"2023-10-24"'),
    ),
}


def test_every_check_file_is_run_and_has_a_header() -> None:
    files = sorted(path.name for path in (QUERIES_DIR / "checks").iterdir())
    assert all(name.endswith("-violation.rq") for name in files), files
    assert sorted(check.path.name for check in discover_checks()) == files
    report = validate_store(
        GraphStore.from_quads(parse(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE))
    )
    assert sorted(report.checks) == sorted(name.removesuffix(".rq") for name in files)
    for check in discover_checks():
        assert check.text.startswith("# Question:"), check.name
        assert "Must return no rows" in check.text, check.name
        assert "\n# Violation: " in check.text and check.message[0].isupper(), check.name


def test_every_check_has_a_case_here() -> None:
    assert sorted(CHECK_CASES) == sorted(check.name for check in discover_checks(CHECKS_DIR))


@pytest.mark.parametrize("name", sorted(CHECK_CASES))
def test_each_check_catches_what_it_is_for(name: str, mini: BuiltGraph) -> None:
    remove, add, (focus, value) = CHECK_CASES[name]
    baseline = [f for f in validate_store(mini.store).findings if f.is_check]
    assert baseline == []
    quads = set(mini.store.quads())
    assert set(remove) <= quads
    store = GraphStore.from_quads((quads - set(remove)) | set(add))
    found = [f for f in validate_store(store).findings if f.is_check]
    assert [f.shape for f in found] == [f"queries/checks/{name}.rq"]
    assert found[0].focus == f"<{ID}{focus}>"
    assert (found[0].value or "").startswith(
        f"<{ID}{value}>" if not value.startswith('"') else value
    )


# --- the command line -----------------------------------------------------------------------


def test_validate_on_good_data_exits_0_even_with_warnings() -> None:
    result = CliRunner().invoke(main, ["validate", "--data", str(MINI_DATA)])
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violations, 1 warning" in result.output
    assert "WARNING wcosh:HasReportingLine-reportingLine (shapes/reporting.ttl)" in result.output
    assert "id:ptc  at data/bodies/ptc.yaml:1" in result.output


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_validate_json_report(engine: str) -> None:
    result = CliRunner().invoke(
        main,
        [
            "validate",
            str(INVALID / "decision-without-meeting" / "graph.ttl"),
            "--format",
            "json",
            "--engine",
            engine,
        ],
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["conforms"] is False and report["engine"] == engine and report["violations"] == 1
    [violation] = [f for f in report["findings"] if f["severity"] == "Violation"]
    assert violation["focus"] == f"<{ID}ptc-241-242-p36-3>"
    assert violation["component"] == SH + "MinCountConstraintComponent"
    assert violation["origin"] == "data/meetings/pc0737.yaml:43"


def test_validate_turtle_report_is_a_shacl_validation_report() -> None:
    result = CliRunner().invoke(
        main, ["validate", str(INVALID / "rdf-wrong-type" / "graph.ttl"), "--format", "turtle"]
    )
    assert result.exit_code == 1, result.output
    report = GraphStore.from_quads(parse(result.output, format=RdfFormat.TURTLE))
    assert not report.ask(f"ASK {{ ?r <{SH}conforms> true }}")
    rows = list(
        report.select(
            f"SELECT ?focus ?shape WHERE {{ ?r <{SH}result> ?x . "
            f"?x <{SH}resultSeverity> <{SH}Violation> ; "
            f"<{SH}focusNode> ?focus ; <{SH}sourceShape> ?shape }}"
        )
    )
    assert sorted(row["shape"].value.split("#")[1] for row in rows) == [
        "Decision-madeAt",
        "DecisionItemOnAgenda",
    ]


def test_validate_missing_or_unreadable_input_exits_2(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["validate", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n")
    unparsable = CliRunner().invoke(main, ["validate", str(broken)])
    assert unparsable.exit_code == 2 and "broken.ttl: not valid RDF" in unparsable.output
    unknown = tmp_path / "graph.csv"
    unknown.write_text("a,b\n")
    assert CliRunner().invoke(main, ["validate", str(unknown)]).exit_code == 2
    usage = CliRunner().invoke(main, ["validate", "--engine", "nope"])
    assert usage.exit_code == 2


def test_validate_a_built_dist_file(tmp_path: Path) -> None:
    built = CliRunner().invoke(main, ["build", "--data", str(MINI_DATA), "--dist", str(tmp_path)])
    assert built.exit_code == 0 and "validation conforms" in built.output
    for name in ("wcograph.ttl", "wcograph.nt", "wcograph.jsonld"):
        result = CliRunner().invoke(main, ["validate", str(tmp_path / name)])
        assert result.exit_code == 0, (name, result.output)
        assert "1 warning" in result.output


def test_build_imports_neither_rdflib_nor_pyshacl(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom wcograph.cli import main\n"
        f"args = ['build', '--data', {str(MINI_DATA)!r}, '--dist', {str(tmp_path)!r}]\n"
        "r = CliRunner().invoke(main, args)\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('rdflib', 'pyshacl') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- documentation, CI and hooks ----------------------------------------------------------------


def test_the_shapes_readme_lists_every_shapes_file_and_check() -> None:
    readme = (SHAPES_DIR / "README.md").read_text(encoding="utf-8")
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        assert f"`{path.name}`" in readme, path.name
    for check in discover_checks():
        assert f"`{check.path.name}`" in readme, check.name


def test_the_workflow_and_the_pre_commit_hooks_run_wcograph_validate() -> None:
    import yaml

    from wcograph.assets import PROJECT_DIR

    workflow = yaml.safe_load((PROJECT_DIR / ".github" / "workflows" / "validate.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    assert any("wcograph validate --data data" in run for run in runs)
    hooks = yaml.safe_load((PROJECT_DIR / ".pre-commit-hooks.yaml").read_text())
    assert [hook["entry"] for hook in hooks] == ["wcograph validate"]
    config = yaml.safe_load((PROJECT_DIR / ".pre-commit-config.yaml").read_text())
    entries = [hook.get("entry", "") for repo in config["repos"] for hook in repo["hooks"]]
    assert ".venv/bin/wcograph validate" in entries
    assert CliRunner().invoke(main, ["validate", "--help"]).exit_code == 0
