"""The command line: parse arguments, call one function, render, choose the exit code.

Exit codes: 0 success / conforms, 1 findings (SHACL violations), 2 bad input or usage.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from wcograph import __version__
from wcograph.assets import DIST_DIR, INSTALLED
from wcograph.errors import WcographError
from wcograph.validate.findings import DEFAULT_LIMIT

if TYPE_CHECKING:
    from wcograph.triples.store import GraphStore

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class WcographGroup(click.Group):
    """Turns a WcographError from any command into a message on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WcographError as err:
            click.echo(f"error: {err}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from wcograph.pipeline import which_graph

    click.echo(f"wcograph {__version__}")
    click.echo(f"graph: {which_graph(None, DIST_DIR, _sources_of(ctx))}")
    ctx.exit()


@click.group(cls=WcographGroup)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=False,
    callback=_print_version,
    help="Show the version and which graph answers (its version, build date and data hash).",
)
@click.option(
    "--sources",
    "sources",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="WCOGRAPH_SOURCES",
    metavar="DIR",
    default=None,
    help="Folder of the source texts, to check citations against (env WCOGRAPH_SOURCES; "
    "default: ../shared/seeds beside the checkout). Optional: the graph is built without them.",
)
@click.pass_context
def main(ctx: click.Context, sources: Path | None) -> None:
    """wcograph: a knowledge graph of the WCO's bodies, instruments and decisions."""
    ctx.obj = {"sources": sources}


def _sources_of(ctx: click.Context) -> Path:
    from wcograph.records.sources import sources_dir

    root = ctx.find_root()
    chosen = (root.obj or {}).get("sources") if root.obj else root.params.get("sources")
    return sources_dir(chosen)


def _answering_store(data_dir: Path | None) -> GraphStore:
    """The store a read-only command answers from; an installed package says which graph."""
    from wcograph.pipeline import open_graph

    ctx = click.get_current_context()
    graph = open_graph(data_dir, DIST_DIR, _sources_of(ctx))
    if INSTALLED or graph.bundled:
        click.echo(f"# answered by {graph.description}", err=True)
    return graph.store


def format_option(*choices: str, help: str | None = None) -> Any:
    """``--format``, the same option on every command that prints data; the first choice is the
    default (``table`` or ``text`` for people)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of curated YAML [default: ./data, else the checkout's data/, else the graph "
    "bundled with the package].",
)


@main.command("check-data")
@data_option
def check_data(data_dir: Path | None) -> None:
    """Load the curated YAML and report every problem with its file and line."""
    from wcograph.records.load import load_data

    folder = _data_folder(data_dir)
    loaded = load_data(folder)
    click.echo(f"ok: {len(loaded.origins)} curated records in {folder}")


@main.command("fmt")
@click.argument("data", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--check", is_flag=True, help="Change nothing; list the files not in canonical form (exit 1)."
)
def fmt_command(data: Path | None, check: bool) -> None:
    """Rewrite the curated YAML in canonical form: keys in the model's order, unordered lists
    sorted, comments and layout kept (data/README.md, "Canonical form")."""
    from wcograph.records.fmt import not_canonical, relative_names, rewrite

    folder = _data_folder(data)
    if not folder.is_dir():
        raise click.UsageError(f"no such data folder: {folder}")
    changes = not_canonical(folder)
    names = relative_names(changes, folder)
    if check:
        for name in names:
            click.echo(f"not canonical: {(folder / name).as_posix()}")
        if changes:
            click.echo(f"{len(changes)} file(s) to format: run `wcograph fmt {folder}`", err=True)
            raise SystemExit(EXIT_FINDINGS)
        click.echo(f"ok: every curated file in {folder} is in canonical form")
        return
    rewrite(changes)
    for name in names:
        click.echo(f"formatted: {(folder / name).as_posix()}")
    click.echo(f"{len(changes)} file(s) formatted in {folder}")


@main.command("ontology-report")
@data_option
@click.option("--no-data", is_flag=True, help="Check the ontology, shapes and queries only.")
def ontology_report_command(data_dir: Path | None, no_data: bool) -> None:
    """A ROBOT-style report on the ontology: missing labels, definitions and isDefinedBy,
    definitions that repeat the term, duplicate labels, deprecated terms without a replacement,
    terms the data, shapes or queries use but the ontology does not declare. Exit 1 on an
    error."""
    from wcograph.ontology_report import render, report
    from wcograph.pipeline import compile_graph

    quads = None if no_data else compile_graph(_data_folder(data_dir)).data_quads
    findings = report(quads)
    click.echo(render(findings))
    if any(finding.level == "ERROR" for finding in findings):
        raise SystemExit(EXIT_FINDINGS)


@main.command("schema")
@click.option(
    "--check", is_flag=True, help="Change nothing; exit 1 when a schema file is out of date."
)
def schema_command(check: bool) -> None:
    """Write the JSON Schemas of the curated YAML (schema/*.schema.json), generated from the
    model, for editors (data/README.md, "Editor support")."""
    from wcograph.output import write_atomically
    from wcograph.records.json_schema import SCHEMA_DIR, schema_files, stale

    outdated = stale()
    if check:
        for path in outdated:
            click.echo(f"out of date: {path}")
        if outdated:
            raise SystemExit(EXIT_FINDINGS)
        click.echo(f"ok: the JSON Schemas in {SCHEMA_DIR} match the model")
        return
    write_atomically(schema_files())
    click.echo(f"{len(outdated)} schema file(s) written in {SCHEMA_DIR}")


@main.command()
@data_option
@click.option(
    "--dist",
    type=click.Path(file_okay=False, path_type=Path),
    default=DIST_DIR,
    show_default=True,
    help="Where to write the built graph.",
)
@click.option("--verbose", "-v", is_flag=True, help="Also list the entities per class.")
@click.pass_context
def build(ctx: click.Context, data_dir: Path | None, dist: Path, verbose: bool) -> None:
    """Build the graph from the curated data, validate it, and write it to dist/ (Turtle,
    N-Triples, JSON-LD). With the source texts at hand, citations are checked against them."""
    from wcograph.pipeline import build_checked, choose_data_dir
    from wcograph.query.run import run_named_query
    from wcograph.validate.findings import render_text

    chosen = choose_data_dir(data_dir)
    if chosen is None:
        raise click.UsageError("nothing to build: no data/ folder here (give --data DIR)")
    checked = build_checked(chosen, _sources_of(ctx))
    built, texts, report = checked.built, checked.texts, checked.report
    if not report.conforms:
        click.echo(render_text(report), nl=False)
        click.echo(f"not written: validation failed, {dist} keeps its previous build", err=True)
        raise SystemExit(EXIT_FINDINGS)
    written = checked.write(dist)
    click.echo(f"validation {report.summary()}")
    click.echo(texts.summary())
    click.echo(
        f"built {len(built.store):,} triples ({len(built.data_quads):,} from {chosen}) into "
        f"{dist}: {', '.join(path.name for path in written)}"
    )
    if verbose:
        click.echo("entities per class:")
        for row in run_named_query(built.store, "stats/entities-per-class"):
            click.echo(f"  {row['class']:<28} {row['entities']:>6}")


@main.command()
@click.argument("rdf_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@data_option
@click.option(
    "--shapes",
    type=click.Path(path_type=Path),
    help="A SHACL shapes file or folder (*.ttl): validate RDF_FILE against it alone.",
)
@format_option(
    "text", "turtle", "json", help="text (by shape and node), turtle (a SHACL report), json."
)
@click.option(
    "--engine",
    type=click.Choice(["fast", "pyshacl", "pyrudof"]),
    default="fast",
    show_default=True,
    help="fast (wcograph's own), pyshacl (the reference; pip install 'wcograph[pyshacl]') or "
    "pyrudof (rudof, in Rust; pip install 'wcograph[rudof]').",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Findings shown per shape (0: all); the totals are always printed.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the violations and the summary.")
def validate(
    rdf_file: Path | None,
    data_dir: Path | None,
    shapes: Path | None,
    fmt: str,
    engine: str,
    limit: int,
    quiet: bool,
) -> None:
    """Validate against SHACL shapes.

    Without --shapes: the graph built from data/, or RDF_FILE (any RDF; the ontology is added),
    against the project's shapes (shapes/) and checks (queries/checks/); exit 0 conforms
    (warnings allowed), 1 violations, 2 bad input. With --shapes: RDF_FILE as it is against those
    shapes; exit 0 conforms (no results at all), 1 results, 2 bad input or shapes the engine
    cannot run.
    """
    from wcograph.pipeline import validate_data
    from wcograph.validate.findings import RENDERERS, ValidationReport
    from wcograph.validate.run import validate_file, validate_with_shapes

    if shapes is not None:
        if rdf_file is None:
            raise click.UsageError("--shapes validates an RDF_FILE: name one")
        report = validate_with_shapes(rdf_file, shapes, engine)
    else:
        report = validate_file(rdf_file, engine) if rdf_file else validate_data(data_dir, engine)
    shown: ValidationReport = report
    if quiet:
        shown = replace(report, findings=tuple(report.violations))
    text = RENDERERS[fmt](shown, limit)
    if quiet and fmt == "text":
        # The violations (after the shown report's own summary and total), then the summary
        # line of the whole report (warnings counted).
        violations = text.splitlines()[2:]
        text = "\n".join([*violations, f"validation {report.summary()}"]).lstrip("\n") + "\n"
    click.echo(text, nl=False)
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
@format_option("table", "json")
def reason(rdf_file: Path | None, data_dir: Path | None, extra: tuple[Path, ...], fmt: str) -> None:
    """Run the OWL reasoner (HermiT): consistency, inferred classes, transitive reporting chains.

    Reasons over the graph built from data/, or over RDF_FILE (which should include the
    ontology). Exit 0 consistent, 1 inconsistent, 2 bad input.
    """
    from wcograph.pipeline import graph_quads
    from wcograph.reason import reason as run_reasoner

    report = run_reasoner(graph_quads(data_dir, rdf_file, extra))
    if fmt == "json":
        import json

        click.echo(json.dumps(asdict(report), indent=1, ensure_ascii=False))
        if not report.consistent:
            raise SystemExit(EXIT_FINDINGS)
        return
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
@format_option("table", "json", "markdown")
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Count the decisions and presentations of meetings up to that day (YYYY-MM-DD).",
)
@data_option
def stats(fmt: str, as_of: Any, data_dir: Path | None) -> None:
    """Coverage of the curated data: entities, decisions per meeting and type, presenters,
    documents, and the share of statements that carry a source; and which graph answered."""
    from wcograph.pipeline import open_graph
    from wcograph.stats import coverage, render_coverage

    graph = open_graph(data_dir, DIST_DIR, _sources_of(click.get_current_context()))
    figures = coverage(graph.store, as_of.date() if as_of else None)
    click.echo(render_coverage(figures, graph.description, fmt), nl=False)


@main.command("lint-notes")
@data_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def lint_notes_command(data_dir: Path, fmt: str) -> None:
    """List the notes that still mention a date, a numbered meeting or an entity id that no
    triple of the node (or of an entity one link away) carries: facts waiting to be triples."""
    import json

    from wcograph.pipeline import graph_store
    from wcograph.validate.notes_lint import lint_notes

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
    """The source documents: list them, show a passage, check the citations against the texts."""


@sources.command("show")
@click.argument("doc")
@click.option(
    "--para", type=click.IntRange(min=1), default=None, help="Only this paragraph (or line)."
)
@data_option
@click.pass_context
def sources_show(ctx: click.Context, doc: str, para: int | None, data_dir: Path | None) -> None:
    """Print a source document's paragraphs, numbered as citations use them. DOC is its number
    (PC0737Ea), its id (pc0737) or its title, in any case."""
    from wcograph.validate.citations import source_text

    document, text = source_text(_data_folder(data_dir), doc, _sources_of(ctx))
    paragraphs = text.paragraphs
    if para is not None:
        if para not in paragraphs:
            raise WcographError(
                f"{document.number or document.id} has no paragraph {para} "
                f"(it has {max(paragraphs, default=0)})"
            )
        paragraphs = {para: paragraphs[para]}
    for number, paragraph in paragraphs.items():
        click.echo(f"[{number}] (line {paragraph.first_line}) {paragraph.text}")


@sources.command("list")
@data_option
@format_option("table", "json")
@click.pass_context
def sources_list(ctx: click.Context, data_dir: Path | None, fmt: str) -> None:
    """Each source document: number, date, kind, and whether its text is here (web: its URL)."""
    from wcograph.query.tables import aligned
    from wcograph.validate.citations import source_documents, text_path

    sources = _sources_of(ctx)
    rows = []
    for document in source_documents(_data_folder(data_dir)).values():
        path = text_path(document, sources)
        if path is None:
            where = f"web {document.url}"
        else:
            where = "text here" if path.is_file() else f"no text ({document.file})"
        published = document.published
        rows.append(
            [
                document.number or document.id,
                published.first_day.isoformat() if published else "",
                document.kind,
                where,
                document.title,
            ]
        )
    headers = ["document", "date", "kind", "text", "title"]
    if fmt == "json":
        import json

        listing = [dict(zip(headers, row, strict=True)) for row in rows]
        click.echo(json.dumps(listing, indent=1, ensure_ascii=False))
        return
    click.echo("\n".join(aligned(headers, rows)))
    click.echo(f"(sources folder: {sources})")


@sources.command("verify")
@data_option
@format_option("text", "json")
@click.pass_context
def sources_verify(ctx: click.Context, data_dir: Path | None, fmt: str) -> None:
    """Check every citation against the source texts: each cited paragraph and line range must
    exist in its document. Web sources (cited by URL) are counted and skipped. Exit 0 all found,
    1 a citation points at nothing, 2 no texts or a text missing."""
    from wcograph.errors import Problem
    from wcograph.pipeline import graph_store
    from wcograph.validate.citations import citation_texts, source_documents, with_counts_validated
    from wcograph.validate.findings import RENDERERS

    folder = _data_folder(data_dir)
    sources = _sources_of(ctx)
    texts = citation_texts(source_documents(folder).values(), sources)
    if not texts.folder_exists or texts.missing:
        missing = ", ".join(f"{doc.id} ({doc.file})" for doc in texts.missing)
        raise WcographError(
            Problem(
                f"no folder of source texts at {sources}"
                if not texts.folder_exists
                else f"texts not in {sources}: {missing}",
                hint="give the folder with --sources DIR or WCOGRAPH_SOURCES",
            )
        )
    report = with_counts_validated(graph_store(folder, DIST_DIR, sources), texts)
    report = replace(report, findings=tuple(report.violations))
    click.echo(texts.summary(), err=fmt == "json")
    click.echo(RENDERERS[fmt](report), nl=False)
    if not report.conforms:
        raise SystemExit(EXIT_FINDINGS)


def _data_folder(data_dir: Path | None) -> Path:
    from wcograph.pipeline import choose_data_dir

    chosen = choose_data_dir(data_dir)
    if chosen is None:
        raise click.UsageError("this needs data/ (the curated YAML): run it where data/ is")
    return chosen


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
    data_dir: Path | None,
) -> None:
    """Export the graph, or a filtered view of it, for visualisation tools."""
    from wcograph.export.formats import export_view
    from wcograph.output import refuse_inside, write_atomically
    from wcograph.pipeline import BUILD_OUTPUTS
    from wcograph.view import graph_view

    if out is not None:
        refuse_inside(out, DIST_DIR, BUILD_OUTPUTS)
    store = _answering_store(data_dir)
    day = as_of.date() if as_of else None
    view = graph_view(store, only=only, as_of=day, around=around, depth=depth)
    content = export_view(view, fmt)
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
@format_option("table", "json")
@as_of_option
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per ranking."
)
@data_option
def analyze(fmt: str, as_of: Any, top: int, data_dir: Path | None) -> None:
    """Network analytics: the reporting tree, the instruments and bodies most decisions concern,
    and a centrality ranking (as of today unless --as-of)."""
    import json
    from datetime import date

    from wcograph.analyze import analyze_graph, render_table
    from wcograph.view import full_view

    day = as_of.date() if as_of else date.today()
    analysis = analyze_graph(full_view(_answering_store(data_dir)), day, top)
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
    as_of: Any,
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
    store = _answering_store(data_dir)
    day = as_of.date() if as_of else None
    result = answer(store, chosen, given, as_of=day, with_sources=with_sources)
    click.echo(render(result, fmt), nl=False)


@main.command()
@click.argument("question")
@click.option(
    "--with-sources/--no-sources",
    default=True,
    show_default=True,
    help="Add the document and paragraph behind each row.",
)
@format_option(*query_formats)
@as_of_option
@click.option("--show-query", is_flag=True, help="Print the SPARQL and the bindings it ran.")
@click.option("--explain", is_flag=True, help="Print what it understood: entities, time, type.")
@data_option
def ask(
    question: str,
    with_sources: bool,
    fmt: str,
    as_of: Any,
    show_query: bool,
    explain: bool,
    data_dir: Path | None,
) -> None:
    """Answer a plain question ("Which bodies report to the PTC in 2018?") with the bound query
    of the library it maps onto (rules over the graph's own names, no language model)."""
    from wcograph.ask import ask as ask_question
    from wcograph.ask import with_count
    from wcograph.query.tables import render

    store = _answering_store(data_dir)
    day = as_of.date() if as_of else None
    asked = ask_question(store, question, with_sources=with_sources, as_of=day, cache_dir=DIST_DIR)
    click.echo(f"# {asked.command}", err=True)
    if explain:
        click.echo("\n".join(f"# {line}" for line in asked.understood.explain()), err=True)
    if show_query and asked.result.query is not None:
        click.echo(asked.result.query.text.rstrip(), err=True)
        for name, value in asked.result.bindings.items():
            click.echo(f"# bound ?{name} = {value}", err=True)
    if asked.understood.count:
        asked = with_count(asked)
    click.echo(render(asked.result, fmt), nl=False)


@main.command()
@click.argument("text")
@click.option("--class", "cls", default=None, help="Only nodes of this class (and subclasses).")
@as_of_option
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@format_option(*query_formats)
@data_option
def search(
    text: str, cls: str | None, as_of: Any, limit: int, fmt: str, data_dir: Path | None
) -> None:
    """Ranked full-text search over labels, names, notes, decision texts and agenda titles
    (SQLite FTS5; the index is cached beside the build)."""
    from pyoxigraph import Literal

    from wcograph.ask.understand import MAX_LENGTH

    if len(text) > MAX_LENGTH:
        raise WcographError(
            f"the search text is {len(text)} characters long (at most {MAX_LENGTH}, as for ask)"
        )

    from wcograph.query.binding import iri_term
    from wcograph.query.run import Answer
    from wcograph.query.search import class_closure, open_index
    from wcograph.query.search import search as run_search
    from wcograph.query.tables import render

    store = _answering_store(data_dir)
    connection = open_index(store, DIST_DIR)
    classes = class_closure(store, cls) if cls else None
    day = as_of.date() if as_of else None
    hits = run_search(connection, text, classes, day, limit)
    rows = [
        {
            "node": iri_term(hit.node),
            "label": Literal(hit.label),
            "class": iri_term(hit.cls),
            "field": Literal(hit.field),
            "snippet": Literal(hit.snippet),
        }
        for hit in hits
    ]
    found = Answer(["node", "label", "class", "field", "snippet"], rows)  # type: ignore[arg-type]
    click.echo(render(found, fmt), nl=False)


@main.command()
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


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source-id", help="Id the draft cites (default: from the file name).")
@format_option("yaml", "json", help="yaml: a meetings file to review; json: a list of meetings.")
@click.option("--write", is_flag=True, help="Save the YAML draft in the review folder.")
@click.option(
    "--review-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("review"),
    show_default=True,
    help="Where --write puts drafts (never data/).",
)
@data_option
def ingest(
    file: Path,
    source_id: str | None,
    fmt: str,
    write: bool,
    review_dir: Path,
    data_dir: Path | None,
) -> None:
    """Draft records (meeting, officers, decisions) from a plain-text article for a curator."""
    from wcograph.ingest.pipeline import REVIEW_IS_NOT_DATA as REVIEW_ONLY
    from wcograph.ingest.pipeline import draft_file

    data_dir = _data_folder(data_dir)
    drafted = draft_file(file, data_dir, source_id)
    if write:
        if review_dir.resolve().is_relative_to(data_dir.resolve()):
            raise WcographError(f"--review-dir {review_dir} is inside {data_dir}: {REVIEW_ONLY}")
        target = drafted.save(review_dir)
        click.echo(f"draft written to {target}: review it, then move it into {data_dir}/meetings/")
        return
    click.echo(drafted.as_json() if fmt == "json" else drafted.as_yaml(), nl=False)


@main.command()
@click.argument("name", required=False)
@format_option("svg", "png", "html", help="html: the picture and the numbers behind it.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (PNG needs it); default: standard output.",
)
@click.option(
    "--top",
    type=click.IntRange(1, 40),
    default=12,
    show_default=True,
    help="Series drawn before the rest merge into 'other'.",
)
@click.option("--list", "list_charts", is_flag=True, help="List the charts.")
@data_option
def chart(
    name: str | None, fmt: str, out: Path | None, top: int, list_charts: bool, data_dir: Path | None
) -> None:
    """Draw a chart of the record over time (decisions, sessions, chairs, instruments)."""
    from wcograph.charts import CHARTS, render_chart
    from wcograph.output import write_atomically

    if list_charts or name is None:
        for chart_name, spec in CHARTS.items():
            click.echo(f"{chart_name:<26}{spec.title}")
        return
    if name not in CHARTS:
        raise WcographError(f"no chart {name!r}; known: {', '.join(CHARTS)}")
    if fmt == "png" and out is None:
        raise WcographError("a PNG chart needs --out FILE")
    content = render_chart(_answering_store(data_dir), name, fmt, top)
    if out is None:
        click.echo(content.decode("utf-8"), nl=False)
        return
    write_atomically({out: content})
    click.echo(f"wrote {out}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10,
    show_default=True,
    help="Seconds a query may run before it is stopped (503).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Query worker processes (each holds a copy of the graph).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Rows (or triples) an answer is cut at.",
)
@click.option(
    "--cache",
    "cache_mib",
    type=click.IntRange(min=0),
    default=64,
    show_default=True,
    help="MiB of answers kept to answer a repeated query at once (0: none).",
)
@click.option(
    "--rdf",
    "rdf_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Serve this RDF file instead of the graph of --data (e.g. a scaled benchmark graph).",
)
@data_option
def serve(
    host: str,
    port: int,
    timeout: float,
    workers: int,
    max_rows: int,
    cache_mib: int,
    rdf_file: Path | None,
    data_dir: Path | None,
) -> None:
    """Serve the current build read-only: SPARQL at /sparql, YASGUI at /, entity pages at /id/.

    The graph is dist/'s last build when it is current, else built in memory from --data."""
    from wcograph.serve import require_extra
    from wcograph.serve import serve as run_server
    from wcograph.triples.store import GraphStore

    require_extra()
    store = GraphStore.from_file(rdf_file) if rdf_file else _answering_store(data_dir)
    click.echo(f"wcograph serve: http://{host}:{port}/ (SPARQL at /sparql)", err=True)
    run_server(store, host, port, timeout, workers, max_rows, cache_mib)


@main.command()
@click.option(
    "--endpoint",
    required=True,
    help="The store's SPARQL 1.1 Graph Store Protocol URL (Fuseki: http://host:3030/DATASET).",
)
@click.option(
    "--query-endpoint",
    default=None,
    help="The store's SPARQL query URL, when it is not --endpoint (Virtuoso, Oxigraph).",
)
@click.option("--graph", "graph_iri", default=None, help="The named graph [default: per release].")
@click.option("--user", default=None, help="User name for the store.")
@click.option(
    "--password-env", default=None, metavar="VAR", help="Environment variable holding the password."
)
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)
@data_option
def publish(
    endpoint: str,
    query_endpoint: str | None,
    graph_iri: str | None,
    user: str | None,
    password_env: str | None,
    auth: str,
    data_dir: Path | None,
) -> None:
    """Load the release into a triple store (one named graph, replaced by one PUT) and check
    that the store answers every question of the library as wcograph does (exit 1 if not)."""
    import os

    from wcograph.serve import require_extra

    require_extra("httpx")
    from wcograph.serve import publish as release

    password = os.environ.get(password_env) if password_env else None
    target = release.Target(
        endpoint, query_endpoint or endpoint, release.login(user, password, auth)
    )
    graph_iri = graph_iri or release.release_graph()

    def report(result: release.Comparison) -> None:
        state = "same" if result.same else "DIFFERENT"
        click.echo(
            f"  {state:<9} {result.name} "
            f"({result.local_rows} rows here, {result.remote_rows} there)"
        )
        if result.error:
            click.echo(f"    error: {result.error}")
        for row in result.missing[:3]:
            click.echo(f"    missing there: {row}")
        for row in result.unexpected[:3]:
            click.echo(f"    only there:    {row}")

    click.echo(f"publishing <{graph_iri}> to {endpoint}; comparing the query library:")
    results = release.publish(_answering_store(data_dir), target, graph_iri, progress=report)
    differing = [result.name for result in results if not result.same]
    click.echo(f"{len(results) - len(differing)} of {len(results)} questions answer the same")
    if differing:
        raise SystemExit(EXIT_FINDINGS)


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@data_option
def site(out: Path, data_dir: Path | None) -> None:
    """Write the documentation site into OUT: the ontology (pyLODE), the shapes' rules, the
    query catalogue with answers, and a page per entity (for GitHub Pages)."""
    from wcograph.serve import require_extra

    require_extra("jinja2", "pylode")
    from wcograph.serve.site import build_site

    count = build_site(
        _answering_store(data_dir), out, progress=lambda step: click.echo(step, err=True)
    )
    click.echo(f"wrote {count} files into {out}")


if __name__ == "__main__":
    sys.exit(main())
