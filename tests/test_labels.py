"""Names in French (data/labels/fr.yaml): skos:prefLabel/altLabel @fr, one per language, each
sourced to the French page that gives it; English rdfs:label stays the one label queries read."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from wcograph.cli import main
from wcograph.pipeline import BuiltGraph, compile_graph
from wcograph.query.run import run_query
from wcograph.validate.run import validate_store

FRENCH = """
SELECT ?entity ?fr ?en ?page WHERE {
  ?entity skos:prefLabel ?fr ; rdfs:label ?en ; dcterms:source ?passage .
  ?passage wco:inDocument/foaf:page ?page .
  FILTER (LANG(?fr) = "fr")
  ?passage wco:inDocument/dcterms:language "fr" .
} ORDER BY ?entity"""


def test_wco_bodies_have_their_french_names_from_french_pages(built: BuiltGraph) -> None:
    names = {row["entity"]: row for row in run_query(built.store, FRENCH)}
    # http://www.wcoomd.org/fr/about-us/wco-working-bodies/procedures_and_facilitation/
    # permenant_technical_committee.aspx, "Le Comité technique permanent (CTP) est placé ..."
    assert names["id:ptc"]["fr"] == "Comité technique permanent"
    assert names["id:ptc"]["en"] == "Permanent Technical Committee"
    assert names["id:enforcement-committee"]["fr"] == "Comité de la lutte contre la fraude"
    assert names["id:policy-commission"]["fr"] == "Commission de politique générale"
    assert all("wcoomd.org/fr/" in row["page"] for row in names.values())


def test_a_french_acronym_finds_the_body() -> None:
    result = CliRunner().invoke(main, ["query", "cq/bodies-reporting-to", "--param", "body=CTP"])
    assert result.exit_code == 0, result.output
    assert "id:dmpt" in result.output  # the same answer as body=PTC


def test_english_labels_stay_one_per_entity(built: BuiltGraph) -> None:
    rows = run_query(
        built.store,
        "SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e rdfs:label ?l ; skos:prefLabel ?fr . "
        'FILTER (LANG(?fr) = "fr") } GROUP BY ?e HAVING (COUNT(?l) > 1)',
    )
    assert rows == []


def test_two_french_names_for_one_entity_are_a_violation(mini_copy: Path) -> None:
    (mini_copy / "labels").mkdir()
    (mini_copy / "labels" / "fr.yaml").write_text(
        "language: fr\nlabels:\n"
        "- id: ptc\n  label: Comité technique permanent\n  source: {doc: pc0737, para: 1}\n"
        "- id: ptc\n  label: Comité permanent\n  source: {doc: pc0737, para: 1}\n"
    )
    report = validate_store(compile_graph(mini_copy).store)
    shapes = {finding.shape for finding in report.violations}
    assert any(shape.endswith("#Translated") for shape in shapes), shapes


def test_a_labels_file_is_named_after_its_language(mini_copy: Path) -> None:
    (mini_copy / "labels").mkdir()
    (mini_copy / "labels" / "french.yaml").write_text("language: fr\nlabels: []\n")
    result = CliRunner().invoke(main, ["check-data", "--data", str(mini_copy)])
    assert result.exit_code == 2
    assert "a labels file is named after its language ('fr')" in result.output
