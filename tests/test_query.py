"""The query library, entity lookup, --as-of, --with-sources and the `wcograph query` command."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from wcograph.ask import understand
from wcograph.cli import main
from wcograph.errors import QueryError
from wcograph.namespaces import ID, entity, term
from wcograph.pipeline import BuiltGraph, compile_graph
from wcograph.query.answer import answer, bound_example, parse_example
from wcograph.query.header import parse_header
from wcograph.query.library import listed_queries, named_query, query_library
from wcograph.query.resolve import resolve_entity
from wcograph.query.run import Answer, select, solution_maker
from wcograph.triples.store import GraphStore

MINI = Path(__file__).parent / "fixtures" / "mini"
PTC = entity("ptc")
BODY = term("wco", "Body")
LIBRARY = [name for name in query_library() if name.startswith(("cq/", "support/"))]


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- headers -----------------------------------------------------------------------------------


def test_header_is_read_with_parameters_defaults_and_continuations() -> None:
    header = parse_header(
        "# Question: Which bodies report to a body?\n"
        "# Parameter: body (body) — the body: acronym,\n"
        "#   label or IRI\n"
        "# Parameter: asOf (date, default 9999-12-31) — the day\n"
        "# As-of: cq/as-of/x\n"
        "# Sources: ?line\n"
        "# Ask: who reports to {body}\n"
        "# Example: wcograph query cq/x --param body=PTC\n"
        "# A free remark.\n"
        "SELECT * WHERE { ?s ?p ?o }\n"
    )
    assert header.question == "Which bodies report to a body?"
    body, as_of = header.parameters
    assert (body.name, body.type, body.required) == ("body", "body", True)
    assert body.description == "the body: acronym, label or IRI"
    assert (as_of.type, as_of.default, as_of.required) == ("date", "9999-12-31", False)
    assert header.as_of == "cq/as-of/x"
    assert header.sources == "line"
    assert header.asks == ("who reports to {body}",)
    assert header.notes == ("A free remark.",)


def test_a_parameter_that_cannot_be_read_is_an_error() -> None:
    with pytest.raises(QueryError, match="cannot read the parameter"):
        parse_header("# Parameter: body — no type\nSELECT * WHERE {}")
    with pytest.raises(QueryError, match="cannot read the parameter"):
        parse_header("# Parameter: body (colour) — unknown type\nSELECT * WHERE {}")


@pytest.mark.parametrize("name", [query.name for query in listed_queries()])
def test_query_header_is_complete(name: str) -> None:
    """Question, examples the real command accepts, parameters among the SELECT variables (so
    the store can bind them), and a Sources variable that is a column."""
    query = named_query(name)
    header = query.header
    assert header.question.endswith("?"), "the Question is a question"
    assert header.examples
    selected = set(
        re.findall(r"\?(\w+)", query.text[query.text.index("SELECT") : query.text.index("WHERE")])
    )
    for parameter in header.parameters:
        assert parameter.name in selected, f"parameter {parameter.name} is not projected"
    assert header.sources in selected, "the Sources variable is a column"
    if header.as_of:
        assert named_query(header.as_of).header.parameter("asOf") is not None
    for example in header.examples:
        words = shlex.split(example)
        assert words[:3] == ["wcograph", "query", name]
        context = main.commands["query"].make_context("query", words[2:])
        assert context.params["name"] == name
        request = parse_example(example)
        assert request.with_sources == context.params["with_sources"]


def test_every_library_query_declares_its_prefixes() -> None:
    """rdflib and other engines get no default prefixes: each file declares what it uses."""
    for name in LIBRARY:
        text = named_query(name).text
        used = set(
            re.findall(r"(?<![\w?<])([a-z]+):[A-Za-z]", re.sub(r"<[^>]*>|#.*|\"[^\"]*\"", "", text))
        )
        declared = set(re.findall(r"PREFIX (\w+):", text))
        assert used <= declared, f"{name} uses undeclared prefixes {sorted(used - declared)}"


# An inclusive upper bound on a stored value (``?from <= ?asOf``, or ``"…" >= ?from``), not a
# value computed in the filter (``YEAR(?date) <= ?toYear``).
INCLUSIVE_UPPER_BOUND = re.compile(r"\?\w+\s*<=|(?<!\))\s>=\s*\?\w+")


@pytest.mark.parametrize("name", sorted(query_library()))
def test_no_query_puts_an_inclusive_upper_bound_on_a_stored_value(name: str) -> None:
    """Virtuoso 7 turns ``FILTER(?from <= ?asOf)`` into an index range scan that loses rows on
    some starts of the server (queries/README.md); ``!(?from > ?asOf)`` means the same."""
    code = "\n".join(line.split("#", 1)[0] for line in named_query(name).text.splitlines())
    found = INCLUSIVE_UPPER_BOUND.findall(re.sub(r"<[^<>\s]*>", "<iri>", code))
    assert not found, f"{name}: {found}; write !(?x > ?bound) (queries/README.md)"


# --- the same answers on another engine --------------------------------------------------------


def rdflib_term(value: NamedNode | Literal) -> rdflib.term.Identifier:
    if isinstance(value, NamedNode):
        return rdflib.URIRef(value.value)
    if value.language:
        return rdflib.Literal(value.value, lang=value.language)
    datatype = value.datatype.value
    if datatype.endswith("#string"):
        return rdflib.Literal(value.value)
    return rdflib.Literal(value.value, datatype=rdflib.URIRef(datatype))


def canonical(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, rdflib.term.Identifier):
        if isinstance(value, rdflib.Literal):
            if value.language:
                return f"{value}@{value.language}"
            datatype = str(value.datatype) if value.datatype else ""
            return f"{value}^^{'' if datatype.endswith('#string') else datatype}"
        return str(value)
    if isinstance(value, Literal):
        if value.language:
            return f"{value.value}@{value.language}"
        datatype = value.datatype.value
        return f"{value.value}^^{'' if datatype.endswith('#string') else datatype}"
    assert isinstance(value, NamedNode)
    return value.value


@pytest.fixture(scope="module")
def rdflib_graph(built: BuiltGraph) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(
        data=serialize(list(built.store.quads()), format=RdfFormat.N_TRIPLES).decode(), format="nt"
    )
    return graph


@pytest.mark.slow
@pytest.mark.parametrize("name", LIBRARY)
def test_same_answers_on_rdflib(built: BuiltGraph, rdflib_graph: rdflib.Graph, name: str) -> None:
    """Each query, bound as its first example binds it, gives the same rows, in the same order
    where it has an ORDER BY, on rdflib's default store (with no default prefixes) as on
    pyoxigraph: the queries are plain SPARQL 1.1 and the benchmark can compare engines."""
    target, bindings = bound_example(built.store, named_query(name))
    ours = select(built.store, target.text, bindings)
    theirs = rdflib_graph.query(
        target.text, initBindings={k: rdflib_term(v) for k, v in bindings.items()}
    )
    ours_rows = [tuple(canonical(row[v]) for v in ours.variables) for row in ours.rows]
    their_rows = [tuple(canonical(row[v]) for v in ours.variables) for row in theirs]
    if "ORDER BY" in target.text:
        assert ours_rows == their_rows
    else:
        assert sorted(ours_rows, key=str) == sorted(their_rows, key=str)


# --- entity lookup -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "PTC",
        "ptc",
        "Permanent Technical Committee",
        "permanent technical committee",
        "PERMANENT TECHNICAL COMMITTEE",
        "  PTC ",
        "id:ptc",
        "https://w3id.org/wcograph/id/ptc",
    ],
)
def test_an_entity_is_found_by_acronym_label_iri_curie_or_slug(mini: BuiltGraph, name: str) -> None:
    assert resolve_entity(mini.store, name, BODY, "body") == PTC


def test_an_unknown_name_lists_the_closest(mini: BuiltGraph) -> None:
    with pytest.raises(QueryError) as caught:
        resolve_entity(mini.store, "Permanent Technical Comittee", BODY, "body")
    message = str(caught.value)
    assert "no body is called 'Permanent Technical Comittee'" in message
    assert "permanent technical committee (id:ptc)" in message


def test_a_name_of_another_kind_is_refused(mini: BuiltGraph) -> None:
    with pytest.raises(QueryError, match=r"'PTC' names no meeting, only: id:ptc"):
        resolve_entity(mini.store, "PTC", term("wco", "Event"), "meeting")


def test_an_ambiguous_name_lists_the_candidates(mini: BuiltGraph) -> None:
    """Two entities sharing an acronym: the error names both and asks for the id."""
    extra = [
        Quad(entity("ptc-namesake"), term("rdf", "type"), term("wco", "WorkingGroup")),
        Quad(
            entity("ptc-namesake"),
            term("rdfs", "label"),
            Literal("Port Technology Circle", language="en"),
        ),
        Quad(entity("ptc-namesake"), term("skos", "altLabel"), Literal("PTC", language="en")),
    ]
    store = GraphStore.from_quads([*mini.all_quads, *extra])
    with pytest.raises(QueryError) as caught:
        resolve_entity(store, "PTC", BODY, "body")
    message = str(caught.value)
    assert "'PTC' is ambiguous: it names 2 body entities" in message
    assert "id:ptc (Permanent Technical Committee)" in message
    assert "id:ptc-namesake (Port Technology Circle)" in message
    assert resolve_entity(store, "ptc-namesake", BODY, "body") == entity("ptc-namesake")


HOSTILE = ['Group "X"} ; DROP ALL ; {', "x' } UNION { ?s ?p ?o } #", '"} ; DROP', "}}}{{{ \\ \" '"]


@pytest.mark.parametrize("label", HOSTILE)
def test_names_are_bound_never_spliced(mini: BuiltGraph, label: str) -> None:
    """A label with quotes, braces or '"} ; DROP' is looked up and answered like any other: it
    neither breaks the query nor changes it, and the store is untouched."""
    body = entity("hostile")
    extra = [
        Quad(body, term("rdf", "type"), term("wco", "WorkingGroup")),
        Quad(body, term("rdfs", "label"), Literal(label, language="en")),
        Quad(body, term("wco", "reportsTo"), PTC),
        Quad(body, term("wco", "reportingLine"), entity("reporting-line/hostile/1")),
        Quad(entity("reporting-line/hostile/1"), term("wco", "superior"), PTC),
        Quad(
            entity("reporting-line/hostile/1"),
            term("wco", "holdsFrom"),
            Literal("2023-10-24", datatype=term("xsd", "date")),
        ),
        # The line's state as timeline.py derives it: what the query reads for a day.
        Quad(
            entity("line-state/hostile/1"),
            term("wco", "stateOf"),
            entity("reporting-line/hostile/1"),
        ),
        Quad(
            entity("line-state/hostile/1"),
            term("wco", "holdsFrom"),
            Literal("2023-10-24", datatype=term("xsd", "date")),
        ),
        Quad(entity("line-state/hostile/1"), term("wco", "status"), Literal("presumed")),
    ]
    store = GraphStore.from_quads([*mini.all_quads, *extra])
    size = len(store)
    assert resolve_entity(store, label, BODY, "body") == body
    result = answer(store, named_query("cq/bodies-reporting-to"), {"body": "PTC"})
    assert {row["sub"] for row in result.values()} == {"id:dmpt", "id:pfcwg", "id:hostile"}
    with pytest.raises(QueryError, match="no body is called"):
        resolve_entity(store, label + "x", BODY, "body")
    result = answer(store, named_query("cq/entity-mentions"), {"entity": "hostile"})
    assert result.rows == []
    assert len(store) == size


def test_a_hostile_parameter_is_an_unknown_name_on_the_command_line() -> None:
    code, out, err = run_cli(
        "query", "cq/bodies-reporting-to", "--param", 'body="} ; DROP ALL ; {', "--data", str(MINI)
    )
    assert code == 2
    assert "no body is called" in err
    assert out == ""


# --- as of a day -------------------------------------------------------------------------------


def write_ptc_lines(data: Path, lines: str, lifecycle: str = "") -> BuiltGraph:
    """Rewrite the mini PFCWG with the given reporting lines (and lifecycle): synthetic dates on
    real passages, to pin down when a line holds."""
    (data / "bodies" / "pfcwg.yaml").write_text(
        "id: pfcwg\ntype: WorkingGroup\nlabel: Passenger Facilitation and Control Working Group\n"
        "alt_labels: [PFCWG]\npart_of: wco\nsource: {doc: pc0737, para: 14}\nreports_to:\n"
        + lines
        + lifecycle,
        encoding="utf-8",
    )
    return compile_graph(data)


def reporting_on(built: BuiltGraph, day: str) -> set[str]:
    result = answer(
        built.store,
        named_query("cq/bodies-reporting-to"),
        {"body": "PTC"},
        as_of=date.fromisoformat(day),
    )
    return {row["sub"] for row in result.values()}


def test_a_line_holds_from_its_evidence_until_its_end(mini_copy: Path) -> None:
    built = write_ptc_lines(
        mini_copy,
        (
            "- body: ptc\n  evidence: stated\n  from: 2021-03\n  until: 2023-12\n"
            "  source: {doc: pc0737, para: 20}\n"
        ),
    )
    assert "id:pfcwg" not in reporting_on(built, "2021-02-28")
    assert "id:pfcwg" in reporting_on(built, "2021-03-01")
    assert "id:pfcwg" in reporting_on(built, "2023-12-31")
    assert "id:pfcwg" not in reporting_on(built, "2024-01-01")
    today = answer(built.store, named_query("cq/bodies-reporting-to"), {"body": "PTC"})
    assert "id:pfcwg" not in {row["sub"] for row in today.values()}


def test_a_line_with_no_start_holds_from_the_meeting_its_source_reports(mini: BuiltGraph) -> None:
    """build.py dates an undated line from its document's meeting (PC0737: 24 October 2023)."""
    assert reporting_on(mini, "2023-10-23") == set()
    assert reporting_on(mini, "2023-10-24") == {"id:dmpt", "id:pfcwg"}


def test_a_line_with_no_end_holds_until_its_body_ends(mini_copy: Path) -> None:
    built = write_ptc_lines(
        mini_copy,
        "- body: ptc\n  evidence: stated\n  source: {doc: pc0737, para: 20}\n",
        "lifecycle:\n- event: term-ended\n  date: 2023-12\n  source: {doc: pc0737, para: 17}\n",
    )
    assert "id:pfcwg" in reporting_on(built, "2023-12-31")
    assert "id:pfcwg" not in reporting_on(built, "2024-01-01")


def test_an_undated_end_ends_the_line_by_its_first_report(mini_copy: Path) -> None:
    """An end the sources give without a date (wco:endedNoLaterThan: the start of the meeting
    of the first source reporting it, 24 October 2023 for PC0737): the line holds before, with a
    caveat, and not from that day."""
    built = write_ptc_lines(
        mini_copy,
        "- body: ptc\n  evidence: stated\n  from: 2020\n  source: {doc: pc0737, para: 20}\n",
        "lifecycle:\n- event: disbanded\n  source: {doc: pc0737, para: 17}\n",
    )
    result = answer(
        built.store, named_query("cq/bodies-reporting-to"), {"body": "PTC"}, as_of=date(2021, 6, 1)
    )
    [row] = [row for row in result.values() if row["sub"] == "id:pfcwg"]
    assert row["caveat"] == "ended by 2023-10-24 (the sources give no date)"
    assert "id:pfcwg" in reporting_on(built, "2023-10-23")
    assert "id:pfcwg" not in reporting_on(built, "2023-10-24")


def test_a_body_established_later_reports_to_nobody_before(mini_copy: Path) -> None:
    built = write_ptc_lines(
        mini_copy,
        "- body: ptc\n  evidence: stated\n  from: 2020\n  source: {doc: pc0737, para: 20}\n",
        "lifecycle:\n- event: established\n  date: 2022-06\n  source: {doc: pc0737, para: 17}\n",
    )
    assert "id:pfcwg" not in reporting_on(built, "2021-01-01")
    assert "id:pfcwg" in reporting_on(built, "2022-06-01")


def test_as_of_applies_only_to_queries_that_depend_on_a_day() -> None:
    code, _, err = run_cli(
        "query",
        "cq/meeting-agenda",
        "--param",
        "meeting=ptc-241-242",
        "--as-of",
        "2023-01-01",
        "--data",
        str(MINI),
    )
    assert code == 2
    assert "does not depend on a day" in err


# --- sources -----------------------------------------------------------------------------------


def test_with_sources_adds_the_passage_behind_each_row(mini: BuiltGraph) -> None:
    result = answer(
        mini.store,
        named_query("cq/meeting-decisions"),
        {"meeting": "ptc-241-242"},
        with_sources=True,
    )
    rows = result.values()
    assert result.variables[-4:] == [
        "sourceDocument",
        "sourceParagraph",
        "sourceLines",
        "sourcePassage",
    ]
    assert len(rows) == 6
    for row in rows:
        paragraph = int(row["decision"].split("-p")[1].split("-")[0])
        assert (row["sourceDocument"], row["sourceParagraph"]) == ("PC0737Ea", paragraph)
        assert row["sourcePassage"] == f"{ID}passage/pc0737/p{paragraph}"


def test_with_sources_gives_one_row_per_passage(mini: BuiltGraph) -> None:
    """A node with two passages (the CBM Compendium's record and a line range) gives two rows."""
    result = answer(
        mini.store, named_query("cq/bodies-without-reporting-line"), {}, with_sources=True
    )
    by_body = [(row["body"], row["sourceParagraph"], row["sourceLines"]) for row in result.values()]
    assert ("id:ptc", 1, None) in by_body
    assert ("id:policy-commission", None, "17-17") in by_body


# --- the command -------------------------------------------------------------------------------


def test_list_shows_every_question() -> None:
    code, out, _ = run_cli("query", "--list")
    assert code == 0
    for query in listed_queries():
        assert query.name in out
        assert query.header.question in out
    assert "--param body (body)" in out
    assert "--as-of YYYY-MM-DD" in out


def mini_query(*extra: str) -> tuple[int, str, str]:
    return run_cli(
        "query", "cq/bodies-reporting-to", "--param", "body=PTC", "--data", str(MINI), *extra
    )


REPORTING_COLUMNS = [
    "sub",
    "subLabel",
    "evidence",
    "from",
    "until",
    "lastEvidenced",
    "status",
    "caveat",
    "line",
]
"""The columns of cq/bodies-reporting-to (the parameters body and asOf are dropped)."""


def test_table_is_aligned_and_wraps_to_100_columns() -> None:
    code, out, _ = mini_query()
    assert code == 0
    header, rule, *body, count = out.splitlines()
    assert header.split() == REPORTING_COLUMNS
    assert all(len(line) <= 100 for line in out.splitlines())
    assert "…" not in out
    starts = [len(cell) + 2 for cell in rule.split("  ")]
    label_at = starts[0]
    label_end = label_at + starts[1] - 2
    labels = " ".join(line[label_at:label_end].strip() for line in body).split()
    # the long label wraps over several lines and every word of it is there, in order
    assert (
        " ".join(labels)
        == "Data Model Projects Team Passenger Facilitation and Control Working Group"
    )
    assert body[0].startswith("id:dmpt   Data Model")
    # labels wrap at spaces and keep their words whole; identifiers break before words do
    assert "Facilitation" in out
    assert count == "(2 rows)"


def test_a_table_for_a_wide_terminal_uses_its_width(
    mini: BuiltGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal 180 columns wide the labels stay on one line; piped, the table keeps to 100
    columns whatever $COLUMNS says, so files and tests read the same on every machine."""
    from wcograph.query.tables import render_table

    result = answer(mini.store, named_query("cq/bodies-reporting-to"), {"body": "PTC"})
    monkeypatch.setenv("COLUMNS", "180")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    piped = render_table(result).splitlines()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    wide = render_table(result).splitlines()
    assert max(map(len, piped)) <= 100 < max(map(len, wide)) <= 180
    assert len(wide) == 2 + 2 + 1  # header, rule, one line per row, the count
    assert "Passenger Facilitation and Control Working Group" in wide[3]


def test_csv_follows_the_sparql_results_csv_format() -> None:
    code, out, _ = mini_query("--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == REPORTING_COLUMNS
    assert rows[1] == [
        f"{ID}dmpt",
        "Data Model Projects Team",
        "report-submitted",
        "2023-10-24",
        "",
        "2023-10-24",
        "presumed",
        "",
        f"{ID}reporting-line/dmpt/1",
    ]


def test_json_follows_the_sparql_results_json_format() -> None:
    code, out, _ = mini_query("--format", "json", "--with-sources")
    assert code == 0
    document = json.loads(out)
    assert document["head"]["vars"][:9] == REPORTING_COLUMNS
    first = document["results"]["bindings"][0]
    assert first["sub"] == {"type": "uri", "value": f"{ID}dmpt"}
    assert first["subLabel"] == {
        "type": "literal",
        "value": "Data Model Projects Team",
        "xml:lang": "en",
    }
    assert first["from"] == {
        "type": "literal",
        "value": "2023-10-24",
        "datatype": "http://www.w3.org/2001/XMLSchema#date",
    }
    assert first["evidence"] == {"type": "literal", "value": "report-submitted"}
    assert first["sourceParagraph"]["value"] == "20"
    assert "sourceLines" not in first  # unbound values are left out


def test_markdown_is_a_table() -> None:
    code, out, _ = mini_query("--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "| sub | subLabel | evidence | from | until | lastEvidenced | status | caveat | line |"
    )
    assert lines[1] == "|---|---|---|---|---|---|---|---|---|"
    assert lines[2].startswith(
        "| id:dmpt | Data Model Projects Team | report-submitted | 2023-10-24 |"
    )


def test_a_query_file_runs_with_its_declared_parameters(tmp_path: Path) -> None:
    query = tmp_path / "mine.rq"
    query.write_text(
        "# Question: What is the label of a body?\n"
        "# Parameter: body (body) — the body\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?body ?label WHERE { ?body rdfs:label ?label }\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(
        "query",
        "--file",
        str(query),
        "--param",
        "body=DMPT",
        "--data",
        str(MINI),
        "--format",
        "csv",
    )
    assert code == 0
    assert out.splitlines() == ["label", "Data Model Projects Team"]


def test_a_malformed_query_file_is_exit_2(tmp_path: Path) -> None:
    query = tmp_path / "broken.rq"
    query.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    code, out, err = run_cli("query", "--file", str(query), "--data", str(MINI))
    assert code == 2
    assert "malformed SPARQL" in err
    assert str(query.name) in err
    assert out == ""


def test_a_query_file_that_is_not_a_select_is_exit_2(tmp_path: Path) -> None:
    query = tmp_path / "ask.rq"
    query.write_text("ASK { ?s ?p ?o }\n", encoding="utf-8")
    code, _, err = run_cli("query", "--file", str(query), "--data", str(MINI))
    assert code == 2
    assert "only SELECT queries" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cq/bodies-reporting-to"], "needs --param body (body)"),
        (["cq/bodies-reporting-to", "--param", "colour=red"], "has no parameter colour"),
        (["cq/bodies-reporting-to", "--param", "body"], "write --param key=value"),
        (["cq/bodies-reporting-to", "--param", "body=Nonexistent Committee"], "no body is called"),
        (
            ["cq/entity-history", "--param", "entity=PTC", "--param", "asOf=someday"],
            "is not a date",
        ),
        (["cq/bodies-reportin-to"], "did you mean cq/bodies-reporting-to"),
        (["cq/bodies-reporting-to", "--param", "body=PTC", "--as-of", "2023-13-01"], "2023-13-01"),
        ([], "give a query NAME or --file"),
    ],
)
def test_bad_input_is_exit_2(args: list[str], message: str) -> None:
    code, out, err = run_cli("query", *args, "--data", str(MINI))
    assert code == 2
    assert message in err
    assert out == ""


def test_a_name_without_its_folder_is_found() -> None:
    assert named_query("bodies-under").name == "cq/bodies-under"


def test_ask_maps_a_plain_question_onto_the_library() -> None:
    code, out, err = run_cli("ask", "Which bodies report to the PTC?", "--data", str(MINI))
    assert code == 0
    assert err.strip() == "# wcograph query cq/bodies-reporting-to --param body=id:ptc"
    assert "id:dmpt" in out and "id:pfcwg" in out


@pytest.mark.parametrize(
    ("question", "name", "params"),
    [
        ("which bodies report to the PTC?", "cq/bodies-reporting-to", {"body": "id:ptc"}),
        (
            "What is the history of the SAFE Framework of Standards?",
            "cq/entity-history",
            {"entity": "id:safe-fos"},
        ),
        (
            "where is the CBM Compendium mentioned",
            "cq/entity-mentions",
            {"entity": "id:cbm-compendium"},
        ),
        (
            "who presented at the 241st/242nd Sessions?",
            "cq/meeting-presentations",
            {"meeting": "id:ptc-241-242"},
        ),
    ],
)
def test_questions_map_onto_bound_queries(
    built: BuiltGraph, question: str, name: str, params: dict[str, str]
) -> None:
    understood = understand(built.store, question)
    assert understood.intent is not None
    assert (understood.intent.query, understood.params) == (name, params)


def test_an_unknown_question_is_exit_2() -> None:
    code, _, err = run_cli("ask", "what is the meaning of life?", "--data", str(MINI))
    assert code == 2
    assert "cannot answer" in err
    assert "?" in err.split("questions it can answer:")[1]


def test_the_answer_keeps_terms(mini: BuiltGraph) -> None:
    result = answer(mini.store, named_query("cq/meetings-of-body"), {"body": "PTC"})
    assert isinstance(result, Answer)
    [row] = result.rows
    assert row["start"] == Literal("2023-10-24", datatype=term("xsd", "date"))
    assert row["meeting"] == entity("ptc-241-242")


def test_with_sources_needs_a_sources_line(tmp_path: Path) -> None:
    query = tmp_path / "mine.rq"
    query.write_text("SELECT ?s WHERE { ?s a ?c } LIMIT 1\n", encoding="utf-8")
    code, _, err = run_cli("query", "--file", str(query), "--with-sources", "--data", str(MINI))
    assert code == 2
    assert "declares no '# Sources: variable' line" in err


def test_every_answer_is_the_stores_solutions_with_the_variables_in_order(
    built: BuiltGraph,
) -> None:
    """select builds its rows with solution_maker: for every query of the library, one dict per
    solution of the store, keyed by the query's variables in their order."""
    for name, query in sorted(query_library().items()):
        target, bindings = bound_example(built.store, query)
        result = select(built.store, target.text, bindings)
        assert all(list(row) == result.variables for row in result.rows), name
        solutions = built.store.select(target.text, bindings)
        expected = Counter(tuple(solution) for solution in solutions)
        assert Counter(tuple(row.values()) for row in result.rows) == expected, name


def test_a_solution_maker_compiles_positions_never_names() -> None:
    """The names are values in the generated function, so a variable name that is not a Python
    identifier (SPARQL allows more letters, and a name is never code) is kept as it is."""
    names = ("größe", "x__import__", "k0", 'a"b')
    made = solution_maker(names)
    assert made(iter([1, 2, 3, 4])) == dict(zip(names, [1, 2, 3, 4], strict=True))
    assert list(made([1, 2, 3, 4])) == list(names)
    assert solution_maker(())([]) == {}
    with pytest.raises(ValueError):
        made([1, 2, 3])
