"""The ontology is ready for release: it passes the ROBOT-style report, the report catches what
it is meant to catch, and the released graph carries no build provenance."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pyoxigraph import NamedNode, RdfFormat, parse

from wcograph.assets import ONTOLOGY_FILE
from wcograph.cli import main
from wcograph.namespaces import DCTERMS, WCO
from wcograph.ontology_report import ontology_files, repeats_term, report
from wcograph.pipeline import CURATION, DIST_NAMES, BuiltGraph, built_store, write_dist

CURATED_AT = NamedNode(WCO + "curatedAt")


def test_the_ontology_passes_the_report_with_the_real_data(built: BuiltGraph) -> None:
    findings = report(built.data_quads)
    assert [str(f) for f in findings if f.level == "ERROR"] == []


def test_the_command_exits_0_on_the_ontology() -> None:
    result = CliRunner().invoke(main, ["ontology-report", "--no-data"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


BROKEN = """\
@prefix wco: <https://w3id.org/wcograph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix id: <https://w3id.org/wcograph/id/> .

wco:Gazette a owl:Class ;
    rdfs:isDefinedBy <https://w3id.org/wcograph/ontology> ;
    rdfs:label "gazette"@en ;
    skos:definition "A gazette."@en .

wco:Bulletin a owl:Class ;
    rdfs:label "gazette"@en ;
    skos:definition "A periodical the Secretariat publishes for Members."@en .

wco:oldLink a owl:ObjectProperty ;
    owl:deprecated true ;
    rdfs:isDefinedBy <https://w3id.org/wcograph/ontology> ;
    skos:definition "A link the build no longer writes."@en .

id:colour-blue a skos:Concept ;
    skos:inScheme id:colour ;
    skos:prefLabel "blue"@en ;
    skos:definition "The colour of a clear sky."@en .
"""


def test_the_report_catches_each_rule(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN, encoding="utf-8")
    query = tmp_path / "q.rq"
    query.write_text("SELECT * { ?s wco:neverDeclared ?o }\n", encoding="utf-8")
    findings = report(None, [*ontology_files(), broken], [query])
    found = {(f.rule, f.subject.rsplit("#", 1)[-1].rsplit("/", 1)[-1]) for f in findings}
    assert ("definition_repeats_term", "Gazette") in found
    assert ("duplicate_label", "Gazette") in found and ("duplicate_label", "Bulletin") in found
    assert ("missing_isDefinedBy", "Bulletin") in found
    assert ("missing_label", "oldLink") in found
    assert ("deprecated_no_replacement", "oldLink") in found
    assert ("undeclared_scheme", "colour-blue") in found
    assert ("undeclared_term", "neverDeclared") in found
    assert all(f.level == "ERROR" for f in findings)


def test_definitions_that_only_repeat_the_term() -> None:
    assert repeats_term("handbook", "A handbook.")
    assert repeats_term("study report", "A study or study report.")
    assert not repeats_term(
        "handbook", "A practical manual that explains how to apply a procedure."
    )


def test_ontology_licence_and_creator() -> None:
    quads = list(parse(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE))
    header = NamedNode("https://w3id.org/wcograph/ontology")
    licences = {
        q.object for q in quads if q.subject == header and q.predicate.value.endswith("license")
    }
    assert licences == {NamedNode("https://creativecommons.org/licenses/by/4.0/")}
    assert any(q.subject == header and q.predicate.value == DCTERMS + "creator" for q in quads)


def test_released_graph_has_no_curation_origins(built: BuiltGraph, tmp_path: Path) -> None:
    write_dist(built, tmp_path, info={"version": "test"})
    released = list(parse(path=str(tmp_path / DIST_NAMES["nt"]), format=RdfFormat.N_TRIPLES))
    assert not [q for q in released if q.predicate == CURATED_AT]
    curation = list(parse(path=str(tmp_path / CURATION), format=RdfFormat.N_TRIPLES))
    assert curation and all(q.predicate == CURATED_AT for q in curation)
    expected = {q.triple for q in built.store.quads() if q.predicate == CURATED_AT}
    assert {q.triple for q in curation} == expected
    # A command answering from the cached build still finds where each node was curated.
    reread = built_store(tmp_path)
    assert len(list(reread.store.quads_for_pattern(None, CURATED_AT, None))) == len(expected)
