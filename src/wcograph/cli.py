"""The command line: parse arguments, call one function, render, choose the exit code.

Exit codes: 0 success / conforms, 1 findings (SHACL violations), 2 bad input or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from wcograph import __version__
from wcograph.assets import DATA_DIR, DIST_DIR
from wcograph.errors import WcographError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class WcographGroup(click.Group):
    """Turns a WcographError from any command into a message on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WcographError as err:
            click.echo(f"error: {err}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


@click.group(cls=WcographGroup)
@click.version_option(__version__, prog_name="wcograph")
def main() -> None:
    """wcograph: a knowledge graph of the WCO's bodies, instruments and decisions."""


data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DATA_DIR,
    show_default=True,
    help="Folder of curated YAML.",
)


@main.command("check-data")
@data_option
def check_data(data_dir: Path) -> None:
    """Load the curated YAML and report every problem with its file and line."""
    from wcograph.load import load_data

    loaded = load_data(data_dir)
    click.echo(f"ok: {len(loaded.origins)} curated records in {data_dir}")


@main.command()
@data_option
@click.option(
    "--dist",
    type=click.Path(file_okay=False, path_type=Path),
    default=DIST_DIR,
    show_default=True,
    help="Where to write the built graph.",
)
def build(data_dir: Path, dist: Path) -> None:
    """Build the graph from the curated data and write it to dist/ (Turtle, N-Triples, JSON-LD)."""
    from wcograph.findings import render_text
    from wcograph.pipeline import compile_graph, write_dist
    from wcograph.query import run_named_query
    from wcograph.validate import validate_store

    built = compile_graph(data_dir)
    report = validate_store(built.store)
    if not report.conforms:
        click.echo(render_text(report), nl=False)
        click.echo(f"not written: validation failed, {dist} keeps its previous build", err=True)
        raise SystemExit(EXIT_FINDINGS)
    written = write_dist(built, dist)
    click.echo(f"validation {report.summary()}")
    rows = run_named_query(built.store, "stats/entities-per-class")
    click.echo(
        f"built {len(built.store)} triples ({len(built.data_quads)} from data/) into {dist}:"
    )
    for path in written:
        click.echo(f"  {path.name}")
    click.echo("entities per class:")
    for row in rows:
        click.echo(f"  {row['class']:<28} {row['entities']:>6}")


@main.command()
@click.argument("rdf_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle", "json"]),
    default="text",
    show_default=True,
    help="text (by shape and node), turtle (a SHACL report), json.",
)
@click.option(
    "--engine",
    type=click.Choice(["fast", "pyshacl"]),
    default="fast",
    show_default=True,
    help="fast (shapes compiled to SPARQL on pyoxigraph) or pyshacl (the reference).",
)
def validate(rdf_file: Path | None, data_dir: Path, fmt: str, engine: str) -> None:
    """Validate against the SHACL shapes (shapes/) and the checks (queries/checks/).

    Validates the graph built from data/, or RDF_FILE (any RDF; the ontology is added). Exit 0
    conforms (warnings allowed), 1 violations, 2 bad input.
    """
    from wcograph.findings import RENDERERS
    from wcograph.validate import validate_data, validate_file

    report = validate_file(rdf_file, engine) if rdf_file else validate_data(data_dir, engine)
    click.echo(RENDERERS[fmt](report), nl=False)
    if not report.conforms:
        raise SystemExit(EXIT_FINDINGS)


@main.command()
@click.argument("rdf_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--with",
    "extra",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Further RDF files to reason over together with the graph.",
)
def reason(rdf_file: Path | None, data_dir: Path, extra: tuple[Path, ...]) -> None:
    """Run the OWL reasoner (HermiT): consistency, inferred classes, transitive reporting chains.

    Reasons over the graph built from data/, or over RDF_FILE (which should include the
    ontology). Exit 0 consistent, 1 inconsistent, 2 bad input.
    """
    from wcograph.pipeline import graph_quads
    from wcograph.reason import reason as run_reasoner

    report = run_reasoner(graph_quads(data_dir, rdf_file, extra))
    if not report.consistent:
        click.echo("INCONSISTENT: the ontology and data contradict each other.")
        if report.explanation:
            click.echo(report.explanation)
        raise SystemExit(EXIT_FINDINGS)
    click.echo(f"consistent; {len(report.inferred_types)} inferred class memberships:")
    for individual, cls in report.inferred_types:
        click.echo(f"  {individual:<40} a {cls}")
    click.echo(f"{len(report.reporting_chains)} reporting chains (wco:reportsUpTo):")
    for body, above in report.reporting_chains:
        click.echo(f"  {body:<40} -> {above}")


@main.command()
@data_option
def stats(data_dir: Path) -> None:
    """Coverage of the curated data: entities, decisions per meeting and type, presenters,
    documents, and the share of statements that carry a source."""
    from wcograph.pipeline import graph_store
    from wcograph.stats import coverage

    figures = coverage(graph_store(data_dir))
    for title, rows in figures.sections.items():
        click.echo(f"{title}:")
        for row in rows:
            click.echo("  " + "  ".join(str(value) for value in row.values() if value is not None))
    click.echo(
        f"statements with a source: {figures.sourced}/{figures.statements} "
        f"({figures.sourced_share:.1%})"
    )


@main.command("lint-notes")
@data_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def lint_notes_command(data_dir: Path, fmt: str) -> None:
    """List the notes that still mention a date, a numbered meeting or an entity id that no
    triple of the node (or of an entity one link away) carries: facts waiting to be triples."""
    import json

    from wcograph.notes_lint import lint_notes
    from wcograph.pipeline import graph_store

    mentions = lint_notes(graph_store(data_dir))
    if fmt == "json":
        click.echo(json.dumps([m.__dict__ for m in mentions], indent=1))
        return
    for mention in mentions:
        click.echo(f"{mention.curated_at or mention.node}  {mention.kind}: {mention.text}")
    nodes = len({mention.node for mention in mentions})
    click.echo(f"{len(mentions)} mentions in the notes of {nodes} nodes carry no triple")


@main.group()
def sources() -> None:
    """Look at the source documents."""


@sources.command("show")
@click.argument("doc")
@data_option
def sources_show(doc: str, data_dir: Path) -> None:
    """Print a source document's paragraphs, numbered as citations use them."""
    from wcograph.citations import source_text

    for number, paragraph in source_text(data_dir, doc).paragraphs.items():
        click.echo(f"[{number}] (line {paragraph.first_line}) {paragraph.text}")


only_kinds = ("bodies", "organisations", "instruments", "meetings", "decisions", "tasks", "persons")
as_of_option = click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The structure on that day (YYYY-MM-DD).",
)


export_formats = ("graphml", "gexf", "cytoscape", "dot", "mermaid", "jsonld", "nt", "ttl", "html")


@main.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(export_formats),
    help="graphml/gexf (Gephi, yEd), cytoscape (cytoscape.js JSON), dot (Graphviz), "
    "mermaid, jsonld/nt/ttl (RDF), html (the interactive explorer).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (atomically); standard output when absent.",
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(only_kinds),
    help="Keep only these kinds of node (repeatable).",
)
@as_of_option
@click.option(
    "--around", default=None, help="Keep the neighbourhood of this node (id, acronym or label)."
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="How many links from --around.",
)
@data_option
def export(
    fmt: str,
    out: Path | None,
    only: tuple[str, ...],
    as_of: Any,
    around: str | None,
    depth: int,
    data_dir: Path,
) -> None:
    """Export the graph, or a filtered view of it, for visualisation tools."""
    from wcograph.export.formats import export_view
    from wcograph.export.network import graph_view
    from wcograph.output import write_atomically
    from wcograph.pipeline import graph_store

    store = graph_store(data_dir)
    day = as_of.date() if as_of else None
    view = graph_view(store, only=only, as_of=day, around=around, depth=depth)
    content = export_view(view, store, fmt)
    if out is None:
        click.echo(content, nl=False)
    else:
        write_atomically({out: content})
        click.echo(
            f"wrote {out} ({len(content):,} bytes: {view.number_of_nodes()} nodes, "
            f"{view.number_of_edges()} edges)",
            err=True,
        )


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@as_of_option
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per ranking."
)
@data_option
def analyze(fmt: str, as_of: Any, top: int, data_dir: Path) -> None:
    """Network analytics: the reporting tree, the instruments and bodies most decisions concern,
    and a centrality ranking (as of today unless --as-of)."""
    import json
    from datetime import date

    from wcograph.analyze import analyze_graph, render_table
    from wcograph.export.network import full_view
    from wcograph.pipeline import graph_store

    day = as_of.date() if as_of else date.today()
    analysis = analyze_graph(full_view(graph_store(data_dir)), day, top)
    if fmt == "json":
        click.echo(json.dumps(analysis.as_json(), indent=1, ensure_ascii=False))
    else:
        click.echo(render_table(analysis), nl=False)


query_formats = ("table", "csv", "json", "markdown")


@main.command("query")
@click.argument("name", required=False)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the query (repeatable); entities by acronym, label, IRI or id.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Answer for that day (YYYY-MM-DD), by the validity of reporting lines and life spans.",
)
@click.option(
    "--with-sources",
    is_flag=True,
    help="Add the document, paragraph or lines and passage behind each row.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(query_formats),
    default="table",
    show_default=True,
    help="table, csv and json (SPARQL 1.1 results formats), or markdown.",
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
    as_of: Any,
    with_sources: bool,
    fmt: str,
    file: Path | None,
    list_only: bool,
    data_dir: Path,
) -> None:
    """Answer a question of the query library (queries/cq), or run your own SPARQL (--file)."""
    from wcograph.pipeline import graph_store
    from wcograph.query import NamedQuery, answer, listed_queries, named_query, parse_params
    from wcograph.tables import render, render_listing

    if list_only:
        click.echo(render_listing(listed_queries()), nl=False)
        return
    if (name is None) == (file is None):
        raise click.UsageError("give a query NAME or --file FILE (wcograph query --list: names)")
    chosen = NamedQuery.from_file(file) if file else named_query(name or "")
    given = parse_params(params)
    store = graph_store(data_dir)
    day = as_of.date() if as_of else None
    result = answer(store, chosen, given, as_of=day, with_sources=with_sources)
    click.echo(render(result, fmt), nl=False)


@main.command()
@click.argument("question")
@click.option("--with-sources", is_flag=True, help="Add the passage behind each row.")
@click.option(
    "--format", "fmt", type=click.Choice(query_formats), default="table", show_default=True
)
@data_option
def ask(question: str, with_sources: bool, fmt: str, data_dir: Path) -> None:
    """Answer a plain question ("which bodies report to the PTC?") with the query it maps onto,
    by the patterns in the queries' headers (no language model)."""
    from wcograph.ask import match_question
    from wcograph.pipeline import graph_store
    from wcograph.query import answer
    from wcograph.tables import render

    store = graph_store(data_dir)
    match = match_question(store, question)
    click.echo(f"# {match.command}" + (" --with-sources" if with_sources else ""), err=True)
    result = answer(store, match.query, match.params, with_sources=with_sources)
    click.echo(render(result, fmt), nl=False)


if __name__ == "__main__":
    sys.exit(main())
