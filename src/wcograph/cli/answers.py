"""Commands that answer questions of the graph: query, ask, search, stats, analyze and diff."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from wcograph.assets import DIST_DIR
from wcograph.cli.options import (
    answering_store,
    as_of_option,
    data_option,
    format_option,
    query_formats,
    sources_of,
)
from wcograph.errors import WcographError


@click.command("query")
@click.argument("name", required=False)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the query (repeatable); entities by acronym, label, IRI or id.",
)
@as_of_option(
    "Answer for that day (YYYY-MM-DD), by the validity of reporting lines and life spans."
)
@click.option(
    "--with-sources",
    is_flag=True,
    help="Add the document, paragraph or lines and passage behind each row.",
)
@format_option(
    *query_formats, help="table, csv and json (SPARQL 1.1 results formats), or markdown."
)
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Run this .rq file instead of a named query.",
)
@click.option(
    "--list", "list_only", is_flag=True, help="List the questions, their parameters and examples."
)
@data_option
def query(
    name: str | None,
    params: tuple[str, ...],
    as_of: date | None,
    with_sources: bool,
    fmt: str,
    file: Path | None,
    list_only: bool,
    data_dir: Path | None,
) -> None:
    """Answer a question of the query library (queries/cq), or run your own SPARQL (--file)."""
    from wcograph.query.answer import answer
    from wcograph.query.binding import parse_params
    from wcograph.query.library import NamedQuery, listed_queries, named_query
    from wcograph.query.tables import render, render_listing

    if list_only:
        click.echo(render_listing(listed_queries()), nl=False)
        return
    if (name is None) == (file is None):
        raise click.UsageError("give a query NAME or --file FILE (wcograph query --list: names)")
    chosen = NamedQuery.from_file(file) if file else named_query(name or "")
    given = parse_params(params)
    store = answering_store(data_dir)
    result = answer(store, chosen, given, as_of=as_of, with_sources=with_sources)
    click.echo(render(result, fmt), nl=False)


@click.command()
@click.argument("question")
@click.option(
    "--with-sources/--no-sources",
    default=True,
    show_default=True,
    help="Add the document and paragraph behind each row.",
)
@format_option(*query_formats)
@as_of_option()
@click.option("--show-query", is_flag=True, help="Print the SPARQL and the bindings it ran.")
@click.option("--explain", is_flag=True, help="Print what it understood: entities, time, type.")
@data_option
def ask(
    question: str,
    with_sources: bool,
    fmt: str,
    as_of: date | None,
    show_query: bool,
    explain: bool,
    data_dir: Path | None,
) -> None:
    """Answer a plain question ("Which bodies report to the PTC in 2018?") with the bound query
    of the library it maps onto (rules over the graph's own names, no language model)."""
    from wcograph.ask import ask as ask_question
    from wcograph.ask import trace, with_count
    from wcograph.query.tables import render

    store = answering_store(data_dir)
    asked = ask_question(
        store, question, with_sources=with_sources, as_of=as_of, cache_dir=DIST_DIR
    )
    click.echo(trace(asked, explain, show_query), err=True, nl=False)
    if asked.understood.count:
        asked = with_count(asked)
    click.echo(render(asked.result, fmt), nl=False)


@click.command()
@click.argument("text")
@click.option("--class", "cls", default=None, help="Only nodes of this class (and subclasses).")
@as_of_option()
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@format_option(*query_formats)
@data_option
def search(
    text: str, cls: str | None, as_of: date | None, limit: int, fmt: str, data_dir: Path | None
) -> None:
    """Ranked full-text search over labels, names, notes, decision texts and agenda titles
    (SQLite FTS5; the index is cached beside the build)."""
    from wcograph.ask.understand import MAX_LENGTH

    if len(text) > MAX_LENGTH:
        raise WcographError(
            f"the search text is {len(text)} characters long (at most {MAX_LENGTH}, as for ask)"
        )

    from wcograph.query.search import hits_answer, search_graph
    from wcograph.query.tables import render

    hits = search_graph(answering_store(data_dir), text, cls, as_of, limit, DIST_DIR)
    click.echo(render(hits_answer(hits), fmt), nl=False)


@click.command()
@format_option("table", "json", "markdown")
@as_of_option("Count the decisions and presentations of meetings up to that day (YYYY-MM-DD).")
@data_option
def stats(fmt: str, as_of: date | None, data_dir: Path | None) -> None:
    """Coverage of the curated data: entities, decisions per meeting and type, presenters,
    documents, and the share of statements that carry a source; and which graph answered."""
    from wcograph.pipeline import open_graph
    from wcograph.stats import coverage, render_coverage

    graph = open_graph(data_dir, DIST_DIR, sources_of(click.get_current_context()))
    figures = coverage(graph.store, as_of)
    click.echo(render_coverage(figures, graph.description, fmt), nl=False)


@click.command()
@format_option("table", "json")
@as_of_option()
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per ranking."
)
@data_option
def analyze(fmt: str, as_of: date | None, top: int, data_dir: Path | None) -> None:
    """Network analytics: the reporting tree, the instruments and bodies most decisions concern,
    and a centrality ranking (as of today unless --as-of)."""
    from wcograph.analyze import analyze_graph, render_analysis
    from wcograph.view import full_view

    analysis = analyze_graph(full_view(answering_store(data_dir)), as_of or date.today(), top)
    click.echo(render_analysis(analysis, fmt), nl=False)


@click.command()
@click.argument("old")
@click.argument("new")
@format_option(
    "table", "markdown", "json", help="markdown is what the CHANGELOG's data section is made of."
)
@click.option(
    "--into",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Write the report between the <!-- diff:start --> and <!-- diff:end --> lines of this "
    "file (the CHANGELOG) instead of printing it.",
)
def diff(old: str, new: str, fmt: str, into: Path | None) -> None:
    """Compare two builds: per class, entities added, removed and changed, and in words the
    reporting lines added or ended, decisions added, lifecycle events and label changes.

    OLD and NEW are each a dist/ folder, an RDF file (.nt, .ttl), a data/ folder, or a git
    revision of data/ (git:REV, e.g. git:v0.1.0). The CHANGELOG's data section:
    wcograph diff git:ae21977 data/ --format markdown --into CHANGELOG.md
    """
    from wcograph.diff import diff_sides, read_side, render_diff, write_between_markers

    report = render_diff(diff_sides(read_side(old), read_side(new)), fmt)
    if into is None:
        click.echo(report, nl=False)
    else:
        write_between_markers(into, report)
        click.echo(f"wrote the comparison into {into}", err=True)


COMMANDS = (query, ask, search, stats, analyze, diff)
