"""The pieces behind "Reliability and security" (README), one by one: bounded validation reports,
the output writer, the query-text guard and the resolver on the real graph. The hostile corpus
(test_hostile.py) runs them end to end through the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from wcograph.errors import QueryError, WcographError
from wcograph.inputs import check_query_text
from wcograph.namespaces import ID
from wcograph.output import refuse_inside, write_atomically
from wcograph.pipeline import BUILD_OUTPUTS, BuiltGraph
from wcograph.query.resolve import resolve_entity
from wcograph.validate.findings import render_json, render_text, render_turtle
from wcograph.validate.run import ValidationReport, validate_store

# --- bounded reports --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(built: BuiltGraph) -> ValidationReport:
    """The real data's report: 27 bodies without a reporting line, and other warnings."""
    return validate_store(built.store)


def test_the_text_report_shows_the_first_findings_per_shape_and_every_total(
    report: ValidationReport,
) -> None:
    shape = "wcosh:HasReportingLine-reportingLine"
    per_shape = sum(1 for f in report.findings if f.shape.endswith(shape.removeprefix("wcosh:")))
    assert per_shape > 5
    text = render_text(report, limit=5)
    assert f"{len(report.findings)} findings in total" in text
    assert f"{per_shape}  WARNING {shape}" in text  # the summary by shape
    assert f"... and {per_shape - 5} more (the first 5 shown; --limit 0 shows all)" in text
    everything = render_text(report, limit=0)
    focus_lines = [line for line in everything.splitlines() if line.startswith("  - ")]
    # each shape's findings are grouped by focus node: one line per (shape, focus)
    assert len(focus_lines) == len({(f.shape, f.focus) for f in report.findings})
    assert len(text.splitlines()) < len(everything.splitlines())


def test_the_json_and_turtle_reports_are_cut_the_same_way(report: ValidationReport) -> None:
    data = json.loads(render_json(report, limit=2))
    assert data["total"] == len(report.findings)
    # at most two per shape: all of a shape's findings when it has fewer
    wanted = sum(min(2, count) for count in data["by_shape"].values())
    assert data["shown"] == len(data["findings"]) == wanted
    assert sum(data["by_shape"].values()) == data["total"]
    turtle = render_turtle(report, limit=2)
    results = [
        t for t in parse(turtle, format=RdfFormat.TURTLE) if t.predicate.value.endswith("#result")
    ]
    assert len(results) == data["shown"]
    assert f"{data['shown']} of {data['total']} results shown" in turtle


# --- the output writer ------------------------------------------------------------------------


def test_the_writer_replaces_a_regular_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    write_atomically({target: b"new"})
    assert target.read_bytes() == b"new"
    assert [path.name for path in tmp_path.iterdir()] == ["out.txt"]  # no temporary left


def test_the_writer_refuses_links_folders_and_devices_and_touches_nothing(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    link = tmp_path / "link.txt"
    link.symlink_to(victim)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    for target, kind in [
        (link, "a symbolic link"),
        (tmp_path / "folder", "a folder"),
        (tmp_path / "fifo", "a device, FIFO or socket"),
        (Path("/dev/null"), "a device, FIFO or socket"),
    ]:
        with pytest.raises(WcographError, match=f"the target is {kind}"):
            write_atomically({tmp_path / "fine.txt": b"x", target: b"overwritten"})
    assert victim.read_bytes() == b"keep me" and link.is_symlink()
    assert not (tmp_path / "fine.txt").exists()  # nothing of a refused set is written


def test_a_path_that_cannot_be_written_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("a file")
    with pytest.raises(WcographError, match="cannot write"):
        write_atomically({tmp_path / "file.txt" / "below.txt": b"x"})


def test_an_export_may_not_overwrite_the_build(tmp_path: Path) -> None:
    for name in BUILD_OUTPUTS:
        with pytest.raises(WcographError, match=f"refusing to overwrite {name}"):
            refuse_inside(tmp_path / "dist" / name, tmp_path / "dist", BUILD_OUTPUTS)
    refuse_inside(tmp_path / "dist" / "explorer.html", tmp_path / "dist", BUILD_OUTPUTS)
    refuse_inside(tmp_path / "wcograph.nt", tmp_path / "dist", BUILD_OUTPUTS)


# --- the query-text guard ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p 'SERVICE <http://x/> { }' }",
        "# SERVICE <http://x/> is not used\nSELECT * WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?service }",
        "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:SERVICE ?o }",
        'SELECT * WHERE { ?s ?p """INSERT DATA { } DROP ALL""" }',
    ],
)
def test_keywords_inside_strings_iris_comments_and_names_are_not_refused(text: str) -> None:
    check_query_text(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE is not allowed"),
        ("select * { ?s ?p ?o . service silent <urn:x> { } }", "SERVICE is not allowed"),
        ("BASE <http://x/> PREFIX a: <http://a/> INSERT DATA { }", "updates are not allowed"),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "updates are not allowed"),
        ("CLEAR DEFAULT", "updates are not allowed"),
    ],
)
def test_updates_and_service_are_refused(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        check_query_text(text)


# --- the resolver on the real graph -----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Policy Commission", "policy commission", "POLICY COMMISSION", "PC", "pc"]
)
def test_a_label_or_acronym_resolves_in_any_case(built: BuiltGraph, name: str) -> None:
    assert resolve_entity(built.store, name).value == ID + "policy-commission"


def test_a_curie_names_exactly_one_entity(built: BuiltGraph) -> None:
    assert resolve_entity(built.store, "id:ptc").value == ID + "ptc"
