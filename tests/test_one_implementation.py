"""Issue 17: one implementation per idea. Each idea that had several now has one function, used
by every caller; these tests pin what that function does on the graph's real IRIs and files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from wcograph.errors import WcographError
from wcograph.export.formats import export_view
from wcograph.inputs import read_bytes, read_rdf, read_rdf_triples
from wcograph.namespaces import ID, compact, expand, readable, slug_of
from wcograph.query.tables import aligned
from wcograph.triples.timeline import holds_on, last_day
from wcograph.validate.shacl_shapes import load_shapes

DECISION_TYPE = ID + "decision-type/endorsed"
LINE = ID + "reporting-line/pfcwg/1"


def test_compaction_writes_prefixed_names_and_nested_ids_only_when_asked() -> None:
    assert compact(ID + "ptc") == "id:ptc"
    assert compact(DECISION_TYPE) == "dt:endorsed"  # the longest namespace wins
    assert compact("https://w3id.org/wcograph/ontology#reportsTo") == "wco:reportsTo"
    assert compact(LINE) == LINE  # not a Turtle prefixed name
    assert compact(LINE, nested=True) == "id:reporting-line/pfcwg/1"  # JSON-LD compacts it
    assert compact("https://www.wcoomd.org/") == "https://www.wcoomd.org/"


def test_expansion_reads_back_what_compaction_writes() -> None:
    for iri in (ID + "ptc", DECISION_TYPE, LINE):
        assert expand(compact(iri, nested=True)) == iri
    assert expand("https://w3id.org/wcograph/id/ptc") == ID + "ptc"
    assert expand("nope:ptc") == "nope:ptc"  # an unknown prefix is left alone
    assert expand("id:") == "id:"  # no local name: nothing to expand


def test_an_entity_is_read_by_its_slug_in_either_form() -> None:
    assert slug_of(ID + "ptc") == slug_of("id:ptc") == "ptc"
    assert slug_of(LINE) == "reporting-line/pfcwg/1"
    assert slug_of("https://w3id.org/wcograph/ontology#Body") is None
    # The tables show an entity by its slug, even a decision type (as the golden answers do).
    assert readable(LINE) == "id:reporting-line/pfcwg/1"
    assert readable(DECISION_TYPE) == "id:decision-type/endorsed"
    assert readable("https://w3id.org/wcograph/ontology#Body") == "wco:Body"


def test_one_reader_for_every_rdf_file(tmp_path: Path) -> None:
    shapes = Path(__file__).parents[1] / "shapes"
    # The shapes, as the engines read them, come through wcograph.inputs.
    triples = [t for path in sorted(shapes.glob("*.ttl")) for t in read_rdf_triples(path)]
    assert len(triples) > 100 and load_shapes(shapes)
    doctype = tmp_path / "bomb.rdf"
    doctype.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x/>')
    with pytest.raises(WcographError, match="DOCTYPE"):
        read_rdf(doctype)
    big = tmp_path / "big.nt"
    big.write_text("<urn:a> <urn:b> <urn:c> .\n" * 4)
    with pytest.raises(WcographError, match="too large"):
        read_bytes(big, 10, "RDF file")
    assert len(read_rdf(big, limit=None)) == 4  # wcograph's own (benchmark) graphs: no limit


def test_one_table_renderer_aligns_figures_right() -> None:
    lines = aligned(
        ["#", "name", "made"], [["1", "PTC", "120"], ["10", "SAFE WG", "7"]], right={0, 2}
    )
    assert lines == [
        " #  name     made",
        "--  -------  ----",
        " 1  PTC       120",
        "10  SAFE WG     7",
    ]


def test_one_as_of_rule() -> None:
    assert holds_on("2018-04-25", "2017-10-30", None)
    assert not holds_on("2017-01-01", "2017-10-30", None)
    assert holds_on("2023-10-23", None, "2023-10-23")
    assert last_day(date(2021, 1, 1), None) == (date(2021, 1, 1), False)
    # An end the sources report without a date: the day before the meeting that reports it.
    assert last_day(None, date(2023, 10, 24)) == (date(2023, 10, 23), True)
    assert last_day(None, None) is None


def test_an_exporter_takes_a_view_and_a_bare_graph_has_no_triples() -> None:
    bare = nx.MultiDiGraph()
    bare.add_node("ptc", kind="body", label="Permanent Technical Committee", iri=ID + "ptc")
    assert b"ptc" in export_view(bare, "graphml")
    with pytest.raises(WcographError, match="carries no triples"):
        export_view(bare, "nt")
