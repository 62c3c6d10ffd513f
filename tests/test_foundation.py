"""Issue 2: YAML -> triples -> SPARQL on real facts, the build command, the ontology under
HermiT, and a clean install of the package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse

from wcograph.assets import ONTOLOGY_FILE
from wcograph.cli import main
from wcograph.namespaces import ID, WCO, entity
from wcograph.pipeline import BuiltGraph
from wcograph.query.run import run_query
from wcograph.reason import reason
from wcograph.triples.store import vocabulary_quads

from .conftest import FIXTURES, MINI_DATA

CONTRACT_CLASSES = [
    "Body",
    "Committee",
    "SubCommittee",
    "WorkingGroup",
    "Instrument",
    "Meeting",
    "AgendaItem",
    "Decision",
    "Document",
]
CONTRACT_PROPERTIES = [
    "reportsTo",
    "responsibleFor",
    "meetingOf",
    "madeAt",
    "decisionType",
    "concerns",
    "paragraph",
]


def test_the_vocabulary_contract_is_in_the_ontology() -> None:
    subjects = {
        quad.subject.value for quad in parse(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE)
    }
    for name in CONTRACT_CLASSES + CONTRACT_PROPERTIES:
        assert WCO + name in subjects, name


def test_every_ontology_term_has_a_label_and_a_definition(built: BuiltGraph) -> None:
    rows = run_query(
        built.store,
        """
        SELECT ?term WHERE {
          VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
          ?term a ?kind . FILTER(STRSTARTS(STR(?term), STR(wco:)))
          FILTER NOT EXISTS { ?term rdfs:label ?label ; skos:definition ?definition }
        }""",
    )
    assert rows == []


def test_round_trip_yaml_to_sparql_on_real_facts(built: BuiltGraph) -> None:
    """PC0737 paragraph 6: "In conclusion, the PTC: endorsed the draft Agenda (PC0725)."."""
    rows = run_query(
        built.store,
        """
        SELECT ?type ?text ?meeting ?para ?doc WHERE {
          ?decision wco:madeAt ?meeting ; wco:decisionType/skos:prefLabel ?type ;
                    wco:text ?text ; wco:paragraph ?para ; wco:concerns ?doc ;
                    dcterms:source/wco:inDocument/wco:documentNumber ?docnumber .
          ?meeting wco:meetingOf ?ptc . ?ptc skos:altLabel "PTC"@en .
          FILTER(CONTAINS(?text, "draft Agenda (PC0725)"))
        }""",
    )
    assert rows == [
        {
            "type": "endorsed",
            "text": "endorsed the draft Agenda (PC0725).",
            "meeting": "id:ptc-241-242",
            "para": 6,
            "doc": "id:pc0725",
        }
    ]


def test_the_pfcwg_work_continues_in_a_mini_group_reporting_to_the_ptc(built: BuiltGraph) -> None:
    """PC0737 paragraph 20: the PTC "agreed to allow the work of the PFCWG to continue in a mini
    group, reporting to the PTC as a stopgap measure"."""
    rows = run_query(
        built.store,
        """
        SELECT DISTINCT ?body WHERE {
          ?body wco:reportsTo id:ptc ; dcterms:source|wco:reportingLine/dcterms:source ?passage .
          ?passage wco:paragraph 20 ; wco:inDocument id:pc0737 .
          ?body a wco:MiniGroup .
        }""",
    )
    assert len(rows) == 1


def test_every_entity_has_an_english_label(built: BuiltGraph) -> None:
    rows = run_query(
        built.store,
        """
        SELECT ?entity WHERE {
          ?entity wco:curatedAt ?origin .
          FILTER NOT EXISTS { ?entity rdfs:label ?label . FILTER(LANG(?label) = "en") }
        }""",
    )
    assert rows == []


def test_build_writes_all_formats_and_they_agree(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    result = CliRunner().invoke(main, ["build", "--data", str(MINI_DATA), "--dist", str(dist)])
    assert result.exit_code == 0, result.output
    assert "wco:Decision" not in result.output  # a short summary; the class table is --verbose
    assert len(result.output.splitlines()) <= 4
    verbose = CliRunner().invoke(
        main, ["build", "--verbose", "--data", str(MINI_DATA), "--dist", str(dist)]
    )
    assert "wco:Decision" in verbose.output
    names = sorted(path.name for path in dist.iterdir())
    assert names == [
        "build-info.json",
        "context.jsonld",
        "curation.nt",  # wco:curatedAt, kept out of the released graph (ontology/README.md)
        "wcograph.jsonld",
        "wcograph.nt",
        "wcograph.ttl",
    ]
    graphs = [
        set(parse(path=str(dist / name), format=RdfFormat.from_extension(name.rsplit(".", 1)[1])))
        for name in ("wcograph.ttl", "wcograph.nt")
    ]
    assert graphs[0] == graphs[1]
    document = json.loads((dist / "wcograph.jsonld").read_text())
    assert document["@context"]["wco"] == WCO
    assert any(node["@id"] == "id:ptc-241-242" for node in document["@graph"])
    import rdflib
    from rdflib.compare import isomorphic

    assert isomorphic(
        rdflib.Graph().parse(dist / "wcograph.jsonld", format="json-ld"),
        rdflib.Graph().parse(dist / "wcograph.nt"),
    )


def test_build_on_bad_data_names_the_file_and_line_and_writes_nothing(
    mini_copy: Path, tmp_path: Path
) -> None:
    decisions = mini_copy / "meetings" / "pc0737.yaml"
    text = decisions.read_text()
    decisions.write_text(
        text.replace("concerns: [cbm-compendium]\n", "concerns: [cbm-compendum]\n")
    )
    line = next(
        i for i, row in enumerate(decisions.read_text().splitlines(), 1) if "cbm-compendum" in row
    )
    dist = tmp_path / "dist"
    result = CliRunner().invoke(main, ["build", "--data", str(mini_copy), "--dist", str(dist)])
    assert result.exit_code == 2
    assert f"pc0737.yaml:{line}: unknown reference 'cbm-compendum'" in result.output
    assert "did you mean cbm-compendium" in result.output
    assert not dist.exists()


def test_the_ontology_alone_is_consistent() -> None:
    assert reason(vocabulary_quads()).consistent


@pytest.mark.slow
def test_the_real_graph_is_consistent_and_hermit_infers_the_reporting_tree(
    built: BuiltGraph,
) -> None:
    report = reason(built.all_quads)
    assert report.consistent
    assert ("id:ptc", "wco:SupervisingBody") in report.inferred_types
    assert ("id:ptc", "wco:DecidingBody") in report.inferred_types
    stated = {
        (quad.subject.value, quad.object.value)
        for quad in built.data_quads
        if quad.predicate.value == WCO + "reportsTo"
    }
    assert stated, "the data states current reporting lines"
    chains = {
        (ID + a.removeprefix("id:"), ID + b.removeprefix("id:")) for a, b in report.reporting_chains
    }
    assert stated <= chains
    # One closure: timeline.py derives wco:reportsUpTo; HermiT, reasoning over the transitive
    # property, finds exactly that one and no pair more.
    derived = {
        (quad.subject.value, quad.object.value)
        for quad in built.data_quads
        if quad.predicate.value == WCO + "reportsUpTo"
    }
    assert chains == derived


def test_hermit_catches_an_inconsistency() -> None:
    result = CliRunner().invoke(
        main,
        [
            "reason",
            "--data",
            str(MINI_DATA),
            "--with",
            str(FIXTURES / "reasoning" / "decision-made-at-a-body.ttl"),
        ],
    )
    assert result.exit_code == 1
    assert "INCONSISTENT" in result.output


def test_reason_names_a_missing_java(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    result = CliRunner().invoke(main, ["reason", "--data", str(MINI_DATA)])
    assert result.exit_code == 2
    assert "Java is not installed" in result.output


def test_entities_are_minted_under_the_project_namespace(built: BuiltGraph) -> None:
    assert entity("ptc").value == "https://w3id.org/wcograph/id/ptc"
    outside = [
        quad.subject.value for quad in built.data_quads if not quad.subject.value.startswith(ID)
    ]
    assert outside == []


def test_read_only_commands_reuse_a_current_build_and_never_a_stale_one(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from wcograph import pipeline

    dist = tmp_path / "dist"
    result = CliRunner().invoke(main, ["build", "--data", str(mini_copy), "--dist", str(dist)])
    assert result.exit_code == 0, result.output
    label = "SELECT ?label WHERE { id:ptc rdfs:label ?label }"

    def no_rebuild(data_dir: Path) -> None:
        raise AssertionError("rebuilt although the last build is current")

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "compile_graph", no_rebuild)
        store = pipeline.graph_store(mini_copy, dist)
    assert run_query(store, label) == [{"label": "Permanent Technical Committee"}]

    time.sleep(0.01)  # a later modification time than the build's
    body = mini_copy / "bodies" / "ptc.yaml"
    body.write_text(
        body.read_text().replace("label: Permanent Technical Committee", "label: PTC (edited)")
    )
    assert run_query(pipeline.graph_store(mini_copy, dist), label) == [{"label": "PTC (edited)"}]
    other = tmp_path / "other"
    shutil.copytree(mini_copy, other)
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "compile_graph", no_rebuild)
        with pytest.raises(AssertionError, match="rebuilt"):
            pipeline.graph_store(other, dist)  # built from another folder: not reused
