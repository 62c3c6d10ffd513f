"""Reading SPARQL text (src/wcograph/serve/sparql_text.py): updates and SERVICE found wherever
the grammar puts them and nowhere else, and parameters written into the text answering exactly
as pyoxigraph's substitutions do, for every query of the library."""

from __future__ import annotations

from collections import Counter

import pytest
from pyoxigraph import QuerySolutions

from wcograph.pipeline import BuiltGraph
from wcograph.query.answer import bound_example
from wcograph.query.library import query_library
from wcograph.serve import sparql_text


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "PREFIX x: <a:> delete where { ?s ?p ?o }",
        "SELECT * {} ; DROP ALL",
        "\\u0044ROP ALL",
        "LOAD <http://example.org/x>",
        "WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_recognised(text: str) -> None:
    assert sparql_text.is_update(text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?insert WHERE { ?s <a:p> "DROP ALL" } # DELETE',
        "SELECT * WHERE { ?s <http://x/LOAD> ?load . ?s ex:clear ?o . ?s drop:x ?q }",
        "ASK { ?s ?p '''\nINSERT DATA {}\n''' }",
    ],
)
def test_no_update_in_strings_iris_names_or_comments(text: str) -> None:
    assert not sparql_text.is_update(text)
    assert not sparql_text.reaches_outside(text)


def test_service_found_even_escaped() -> None:
    assert sparql_text.reaches_outside("SELECT * { service <http://x> { ?s ?p ?o } }")
    assert sparql_text.reaches_outside("SELECT * { \\u0053ERVICE <http://x> { ?s ?p ?o } }")
    assert not sparql_text.reaches_outside('SELECT ?service { BIND("SERVICE" AS ?service) }')


def test_query_form() -> None:
    assert (
        sparql_text.query_form("PREFIX a: <a:> # SELECT\nCONSTRUCT WHERE { ?s ?p ?o }")
        == "CONSTRUCT"
    )
    assert sparql_text.query_form("ask {}") == "ASK"


def test_dataset_clause() -> None:
    text = "# q\nSELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }"
    assert sparql_text.with_dataset(text, "urn:g") == (
        "# q\nSELECT ?s FROM <urn:g>\nWHERE { { SELECT ?s WHERE { ?s ?p ?o } } }"
    )
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert sparql_text.with_dataset(construct, "urn:g").startswith("CONSTRUCT { ?s ?p ?o } FROM")


def rows(solutions: QuerySolutions) -> Counter[tuple[str, ...]]:
    """The rows as a multiset (a query without ORDER BY may list them in any order)."""
    return Counter(tuple(str(term) for term in solution) for solution in solutions)


def test_every_library_query_binds_as_substitutions_do(built: BuiltGraph) -> None:
    store = built.store
    checked = 0
    for query in query_library().values():
        if sparql_text.query_form(query.text) != "SELECT":
            continue
        if query.header.parameters and not query.header.examples:
            continue
        target, bindings = bound_example(store, query)
        text = sparql_text.bind_text(target.text, bindings)
        expected = rows(store.select(target.text, bindings))
        assert rows(store.select(text)) == expected, query.name
        checked += 1
    assert checked >= 50
