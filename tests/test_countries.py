"""Members linked to ISO 3166-1: the code pycountry gives for the Member's name, or the one the
curated file states where the name is not ISO's ("Korea", "Hong Kong, China")."""

from __future__ import annotations

from pathlib import Path

import pycountry
from click.testing import CliRunner

from wcograph.cli import main
from wcograph.pipeline import BuiltGraph
from wcograph.query.run import run_query

MEMBERS = """
SELECT ?member ?label ?alpha2 ?alpha3 ?country WHERE {
  ?member a wco:Member ; rdfs:label ?label .
  OPTIONAL { ?member wco:countryCode ?alpha2 ; wco:countryCodeAlpha3 ?alpha3 ;
                     wco:country ?country }
} ORDER BY ?member"""


def test_every_member_but_a_customs_union_has_its_iso_country(built: BuiltGraph) -> None:
    rows = run_query(built.store, MEMBERS)
    assert len(rows) > 40
    uncoded = [row["member"] for row in rows if row.get("alpha2") is None]
    assert uncoded == ["id:european-union"]
    for row in rows:
        if row.get("alpha2") is None:
            continue
        iso = pycountry.countries.get(alpha_2=row["alpha2"])
        assert iso is not None and iso.alpha_3 == row["alpha3"]
        assert row["country"].endswith(f"/authority/country/{row['alpha3']}")


def test_names_iso_does_not_use_are_coded_as_curated(built: BuiltGraph) -> None:
    codes = {row["member"]: row.get("alpha2") for row in run_query(built.store, MEMBERS)}
    assert codes["id:korea"] == "KR"  # "Korea": ISO names both Koreas; the WCO Member is KR
    assert codes["id:hong-kong-china"] == "HK"
    assert codes["id:serbia"] == "RS"  # from the name alone
    assert codes["id:turkiye"] == "TR"


def test_an_unknown_country_code_is_refused_with_file_and_line(mini_copy: Path) -> None:
    member = mini_copy / "organisations" / "serbia.yaml"
    member.write_text(
        "id: serbia\ntype: Member\nlabel: Serbia\ncountry: XQ\nsource: {doc: pc0737, para: 30}\n"
    )
    result = CliRunner().invoke(main, ["check-data", "--data", str(mini_copy)])
    assert result.exit_code == 2
    assert "serbia.yaml:4" in result.output
    assert "'XQ' is not an ISO 3166-1 alpha-2 country code" in result.output
